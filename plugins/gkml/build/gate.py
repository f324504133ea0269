"""The gate before anything is published: everything `gkml check` and `mkdocs build` refuse.

One function for both, so the build can never enforce less than check does:
every document, the rules across documents, the ledger of published index
numbers, and the site itself (its catalogue folder, its configured pages, an
empty catalogue unless `allow_empty: true`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from gkml.authoring.ledger import (
    LedgerUnreadable,
    every_entry,
    ledger_bytes,
    ledger_problems,
    published_copy,
)
from gkml.catalogue.document import SHANGHAI, Document
from gkml.catalogue.publication import hold_reason
from gkml.config import GkmlConfig, Project
from gkml.config_location import locate
from gkml.content.body import key_addresses
from gkml.content.heldback import Included, Inclusion, included_problems
from gkml.content.heldnumbers import held_number_problems
from gkml.content.heldpages import (
    HeldPages,
    held_back_links,
    held_back_page,
    page_key,
    site_host,
)
from gkml.content.loader import Checker, CheckResult, Includer, check_files, check_tree
from gkml.content.problems import Problem, shown_path, sorted_problems
from gkml.mkdocs_yml import SNIPPETS
from gkml.site import routes

if TYPE_CHECKING:  # `gkml check` starts without them: it shows no progress, and most sites include nothing
    from gkml.build.progress import Progress
    from gkml.site.includes import Includes

OPTION_LABEL = "插件选项"


def as_of(options: GkmlConfig) -> datetime:
    """The moment the site is built for: `build_time` if set, else now (Asia/Shanghai)."""
    if not options.build_time:
        return datetime.now(SHANGHAI)
    return datetime.fromisoformat(options.build_time).replace(tzinfo=SHANGHAI)


def check_site(project: Project, now: datetime, *, base: Path, progress: Progress | None = None,
               publishing: bool = False, checker: Checker = check_files, includes: Includes | None = None,
               link_targets: Callable[[Document], Sequence[str]] | None = None,
               held_numbers: Callable[[Document], Sequence[str]] | None = None) -> CheckResult:
    """Every problem that keeps the site from being built at `now`; paths shown from `base`.
    `publishing` (the build): also refuse a site with nothing to publish, which `gkml check`
    allows, since a catalogue of drafts is a fine state to commit. `includes`: what the site's
    Markdown extensions include into a body (the build's; `gkml check`: pymdownx.snippets as mkdocs.yml sets it).
    `link_targets`: a document's body's key_addresses, kept by its bytes (`gkml check`'s memo);
    `held_numbers`: the index numbers it writes (gkml.content.heldnumbers.written_numbers), kept so too."""
    options = project.options
    problems = _page_problems(project, base)
    if project.ledger_path.resolve().is_relative_to(project.docs_dir.resolve()):  # checked as a file of the site, refused
        problems.append(_option_problem(project, base, "ledger", "ledger-in-docs",
                                        f"登记簿 {shown_path(project.ledger_path, base)} 在内容目录 "
                                        f"{shown_path(project.docs_dir, base)} 中，会被当作网站的文件检查。请把它移到内容目录以外"
                                        "（例如 mkdocs.yml 旁边），并相应修改这里的 ledger（默认 published.ledger）。"))
    folder = project.docs_dir / options.catalogue_dir
    if not folder.is_dir():
        existing = "、".join(sorted(p.name for p in project.docs_dir.iterdir() if p.is_dir())) if project.docs_dir.is_dir() else ""
        problems.append(_option_problem(project, base, "catalogue_dir", "missing-catalogue",
                                        f"公开目录文件夹 {shown_path(folder, base)} 不存在。请检查 catalogue_dir 的拼写"
                                        + (f"（{shown_path(project.docs_dir, base)} 中现有：{existing}）。" if existing else "。")))
        return CheckResult([], sorted_problems(problems), 0)
    if includes is None and project.snippets is not None:  # `gkml check`: the extension as mkdocs.yml sets it
        from gkml.site.includes import Includes

        includes = Includes([SNIPPETS], {SNIPPETS: project.snippets})
    display = display_prefix(project, base)
    result = check_tree(project.docs_dir, options.catalogue_dir, project.profile, pages=project.pages,
                        taxonomies=project.taxonomies, now=now, display_prefix=display, progress=progress,
                        checker=checker, includer=_includer(includes, project, base) if includes else None)
    problems += result.problems
    if result.inclusions:
        problems += [replace(p, path=display + p.path) for p in included_problems(
            result.documents, result.inclusions, project.profile, now, display, options.cache_dir)]
    # a number still written in a file that does not validate is not lost: that file's problems say why
    unreadable: set[str] = set()
    if result.problems:
        # imported only now: `gkml check` of a good tree starts faster
        from gkml.authoring.new import used_index_numbers

        valid = {doc.src_path for doc in result.documents}
        unreadable = used_index_numbers(project.docs_dir, options.catalogue_dir, skip=valid, strict=False)
    problems = _published_copies(project, result.documents, problems, display, base)
    problems += ledger_problems(project, result.documents, now, base, unreadable)
    held = {doc.src_path: reason for doc in result.documents if (reason := hold_reason(doc, project.profile, now))}
    if held and not publishing:  # the build tells the pages it writes or carries over (gkml.build.addresses)
        problems += _held_back_links(project, result.documents, held, display,
                                     link_targets or (lambda doc: key_addresses(doc.body)))
    if held:
        problems += _held_numbers(project, result.documents, held, display, held_numbers)
    if not result.problems and not options.allow_empty:
        if result.files_checked == 0:
            problems.append(_option_problem(project, base, "catalogue_dir", "empty-catalogue",
                                            f"公开目录文件夹 {shown_path(folder, base)} 中没有任何文件，网站将是空的。"
                                            "如确实要生成空目录，请在 gkml 选项中写 allow_empty: true。"))
        elif publishing and all(hold_reason(doc, project.profile, now) for doc in result.documents):
            problems.append(_option_problem(project, base, "catalogue_dir", "nothing-published",
                                            f"公开目录中没有可发布的文件（{result.files_checked} 个文件都是草稿、"
                                            "不主动公开或尚未到发布时间），网站将是空的。"
                                            "如确实要生成空目录，请在 gkml 选项中写 allow_empty: true。"))
    return CheckResult(result.documents, sorted_problems(problems), result.files_checked, result.tree, result.notices,
                       result.inclusions)


def _published_copies(project: Project, documents: Sequence[Document], problems: list[Problem], display: str,
                      base: Path) -> list[Problem]:
    """Each duplicate index number's problem told which of its documents the ledger says was published,
    when and at which address: the one to keep."""
    duplicates = {display + doc.src_path: doc for doc in documents}
    told = [p for p in problems if p.code == "duplicate-index-no" and p.path in duplicates]
    try:
        entries = every_entry(ledger_bytes(project.ledger_path)) if told else {}
    except LedgerUnreadable:  # told by the ledger's own problem
        return problems
    if not entries:
        return problems
    router = routes.Routes(project.use_directory_urls)

    def page(doc: Document) -> str:
        uri = router.url(routes.document_path(doc))
        return f"网址 {project.site_url.rstrip('/')}/{uri}" if project.site_url else f"网站中的 /{uri}"

    shown = shown_path(project.ledger_path, base)
    by_index: dict[str, list[Document]] = {}
    for doc in documents:
        by_index.setdefault(doc.index_no, []).append(doc)
    result = []
    for problem in problems:
        doc = duplicates.get(problem.path) if problem.code == "duplicate-index-no" else None
        if doc is not None and doc.index_no in entries:
            said = published_copy(entries[doc.index_no], doc, by_index[doc.index_no], shown, display, page)
            problem = replace(problem, message=f"{problem.message}{said}")
        result.append(problem)
    return result


def _held_back_links(project: Project, documents: Sequence[Document], held: Mapping[str, str], display: str,
                     targets: Callable[[Document], Sequence[str]]) -> list[Problem]:
    """A shown document's or a configured page's link to a held-back document's page or a file
    beside it, read as the build reads the rendered page (gkml.content.heldpages). `held`: src_path ->
    why held back; `targets`: a document's body's key_addresses."""
    router = routes.Routes(project.use_directory_urls)
    pages = HeldPages({page_key(router.dest_uri(routes.document_path(doc))): doc.src_path
                       for doc in documents if doc.src_path in held}, site_host(project.site_url))
    # most bodies link nothing: their page's address is not worked out (a tenth of a warm check)
    problems = [problem for doc in documents if doc.src_path not in held and (addresses := targets(doc))
                for problem in held_back_links(display + doc.src_path, addresses, lambda doc=doc: doc.body,
                                               doc.body_line, router.dest_uri(routes.document_path(doc)), pages, display,
                                               is_document=True)]
    for page in project.pages:
        try:
            text = (project.docs_dir / page).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError):  # told by the check of the page itself
            continue
        problems += held_back_links(display + page, key_addresses(text), lambda text=text: text, 1,
                                    _page_dest(page, router), pages, display, is_document=False)
    return problems


def _held_numbers(project: Project, documents: Sequence[Document], held: Mapping[str, str], display: str,
                  written: Callable[[Document], Sequence[str]] | None) -> list[Problem]:
    """A shown document or a configured page writing a held-back document's index number (gkml.content.heldnumbers)."""
    pages = {}
    for page in project.pages:
        try:
            pages[page] = (project.docs_dir / page).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError):  # told by the check of the page itself
            continue
    router = routes.Routes(project.use_directory_urls)
    by_path = {doc.src_path: doc for doc in documents}
    hidden = {page_key(router.dest_uri(routes.document_path(by_path[path]))): path for path in held}
    host = site_host(project.site_url)

    def linked(path: str, url: str) -> bool:
        """Whether `url` on `path`'s page names a held-back page: the link rules' (the gate's or the build's last look)."""
        dest = router.dest_uri(routes.document_path(by_path[path])) if path in by_path else _page_dest(path, router)
        return held_back_page(url, dest, hidden, host) is not None

    return held_number_problems(documents, held, project.profile, display, written, pages, linked)


def _page_dest(src: str, router: routes.Routes) -> str:
    """Where MkDocs writes a Markdown page: pages/gkzn.md at pages/gkzn/index.html (or pages/gkzn.html), index.md at index.html."""
    folder, _, name = src.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    if stem in ("index", "README"):
        return f"{folder}/index.html".lstrip("/")
    return router.dest_uri(f"{folder}/{stem}".lstrip("/"))


def display_prefix(project: Project, base: Path) -> str:
    """What the check's problems put before a docs-relative path, so they name files as typed from `base`."""
    prefix = shown_path(project.docs_dir, base)
    return "" if prefix == "." else prefix + "/"


def _includer(includes: Includes, project: Project, base: Path) -> Includer:
    return lambda documents: _included(documents, includes, project, base)


def _included(documents: Sequence[Document], includes: Includes, project: Project, base: Path) -> dict[str, Inclusion]:
    """What each document's body and each configured page includes, each file found from the
    project's folder and the docs folder."""
    root, docs = os.path.realpath(project.root), os.path.realpath(project.docs_dir)
    bodies = {doc.src_path: (doc.body, doc.body_line) for doc in documents}
    for page in project.pages:
        try:
            bodies[page] = ((project.docs_dir / page).read_text(encoding="utf-8-sig"), 1)
        except (OSError, UnicodeError):  # told by the check of the page itself
            continue
    found: dict[str, Inclusion] = {}
    for path, (text, first) in bodies.items():
        files = [Included(shown_path(Path(real), base), _below(real, root), _below(real, docs))
                 for file in includes.files(text) if (real := os.path.realpath(file))]
        if files:
            found[path] = Inclusion(text, first, files)
    return found


def _below(real: str, folder: str) -> str | None:
    """`real` from `folder`, with '/'; None when it is not below it."""
    return os.path.relpath(real, folder).replace(os.sep, "/") if real.startswith(folder + os.sep) else None


def _page_problems(project: Project, base: Path) -> list[Problem]:
    """Pages the options name (公开指南 …) that are not in the docs folder."""
    return [_option_problem(project, base, "guide_pages", "missing-page",
                            f"页面 {shown_path(project.docs_dir / path, base)} 不存在，{title}将从菜单中消失。"
                            "请检查路径（相对于文档目录），或从 guide_pages 中删除这一项。", title)
            for title, path in project.options.guides(project.docs_dir).items() if not (project.docs_dir / path).is_file()]


def _option_problem(project: Project, base: Path, key: str, code: str, message: str, *below: str) -> Problem:
    config_file = Path(project.options.config_file_path or project.root / "mkdocs.yml")
    line, col = locate(config_file, (key, *below)) or (1, 1)
    return Problem(shown_path(config_file, base), line, col, key, code, message, OPTION_LABEL)
