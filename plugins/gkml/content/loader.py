"""Walking the docs folder and validating every file in it: documents, pages, attachments."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from gkml.catalogue.document import SHANGHAI, Document
from gkml.catalogue.taxonomy import TaxonomySpec
from gkml.content.body import CatalogueLink
from gkml.content.bounds import too_large
from gkml.content.crosscheck import cross_check, far_published, future_created
from gkml.content.crossfacts import gather
from gkml.content.filenames import name_problems
from gkml.content.heldback import Inclusion, held_back_problems, withdrawn_references
from gkml.content.owners import (
    lookalikes,
    loose,
    named_lookalikes,
    named_strays,
    unnamed_problems,
)
from gkml.content.problems import Problem, sorted_problems
from gkml.content.rootpaths import answering
from gkml.content.tree import HIDDEN_TXT, OTHER_MARKDOWN, DocsTree, extension, scan_docs
from gkml.content.validation import FileResult, check_file, check_page
from gkml.fingerprint import Stamp
from gkml.profile.model import Profile
from gkml.syserrors import why_refused


class FileJob(NamedTuple):
    """One document file to check, with what the scan of the docs folder saw of it."""

    rel: str  # docs-relative, '/'-separated
    path: str  # the file on disk
    size: int
    stamp: Stamp  # its times (gkml.fingerprint.stat_stamp)


# (files, profile, the files of the catalogue folder that are not documents) -> one result per
# file, in order; gkml.content.checkcache remembers results and checks the rest on every core
Checker = Callable[[Sequence[FileJob], Profile, Collection[str]], Iterable[FileResult]]

# the checked documents -> what each body (theirs and the configured pages') includes as it is
# rendered, by src_path (gkml.build.gate: pymdownx.snippets as the site sets it)
Includer = Callable[[Sequence[Document]], Mapping[str, Inclusion]]


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


UNREADABLE = "unreadable"


def unreadable(rel: str, error: OSError) -> Problem:
    """A file the scan listed that cannot be read now: deleted, moved or locked meanwhile (an editor
    saving, a sync tool, git switching branches), told where it is, not as a traceback."""
    if isinstance(error, FileNotFoundError):
        message = "检查开始后这个文件被删除或移走了，未检查。如果它应当存在，请放回原处，再运行一次检查。"
    elif isinstance(error, IsADirectoryError):
        message = "检查开始后这里换成了一个文件夹，未检查。请确认文件是否应当存在，再运行一次检查。"
    elif isinstance(error, PermissionError):
        message = ("无法读取这个文件（没有读取权限，或正被其他程序锁定），未检查。请关闭正打开它的程序（Word、WPS、同步软件等）"
                   "或修正文件权限，再运行一次检查。")
    else:
        message = f"无法读取这个文件（{why_refused(error)}），未检查。请确认文件完好，再运行一次检查。"
    return Problem(rel, 1, 1, None, UNREADABLE, message)


def check_files(jobs: Sequence[FileJob], profile: Profile, catalogue_files: Collection[str]) -> Iterator[FileResult]:
    exists = answering(catalogue_files)  # once: its any-case set is made on the first such query
    for job in jobs:
        try:
            data = read_bytes(job.path)
        except OSError as error:
            yield FileResult(None, [unreadable(job.rel, error)])
            continue
        yield check_file(job.rel, data, profile, exists)


class Progress(Protocol):
    """A counter shown while files are checked (gkml.build.progress.Progress on a terminal)."""

    def start(self, total: int) -> object: ...

    def advance(self, step: int = 1) -> None: ...


@dataclass
class CheckResult:
    documents: list[Document]
    problems: list[Problem]
    files_checked: int
    tree: DocsTree = field(default_factory=DocsTree)
    notices: list[Problem] = field(default_factory=list)  # located, but not stopping publication
    inclusions: Mapping[str, Inclusion] = field(default_factory=dict)  # what each body includes (Includer)

    @property
    def ok(self) -> bool:
        return not self.problems


_MARKDOWN = frozenset({"md", *OTHER_MARKDOWN})


def markdown_files(docs_dir: Path, catalogue_dir: str) -> list[str]:
    """Docs-relative '/'-paths of every Markdown file under the catalogue folder, sorted: named
    as MkDocs reads Markdown (X.MD, x.markdown), which the check reads or refuses, so the index
    numbers such a file holds are taken too; and x.md.txt, a document Notepad saved with .txt added,
    which the check refuses until it is renamed back (its number was given again meanwhile)."""
    root = docs_dir / catalogue_dir
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(docs_dir).as_posix()
        # regular files only: a FIFO would hang whoever opens it, a link may point anywhere (the gate reports both)
        found.extend(f"{rel}/{name}" for name in sorted(files)
                     if (extension(name) in _MARKDOWN or name.lower().endswith(HIDDEN_TXT)) and not name.startswith(".")
                     and (Path(folder) / name).is_file() and not (Path(folder) / name).is_symlink())
    return found


def check_tree(docs_dir: Path, catalogue_dir: str, profile: Profile, *, pages: Collection[str] | None = None,
               taxonomies: Sequence[TaxonomySpec] = (), now: datetime | None = None, display_prefix: str = "",
               progress: Progress | None = None, checker: Checker = check_files,
               includer: Includer | None = None) -> CheckResult:
    """Validate every file of the docs folder, every document, then the rules across
    documents as of `now` (default: this moment). `pages` are the pages the configuration
    names (None: judge the catalogue folder only). Problems name files as
    `display_prefix + docs-relative path` so messages match what the editor typed. `includer`:
    what the bodies include as they are rendered; a file of the catalogue folder a body includes
    is used by it, as one it attaches or links is."""
    tree = scan_docs(docs_dir, catalogue_dir, pages=pages, allowed_types=profile.attachment_types)
    documents: list[Document] = []
    failed: dict[str, str] = {}  # index number -> the file that gives it and has problems of its own
    problems: list[Problem] = [*tree.problems, *name_problems(tree.sizes)]
    notices: list[Problem] = [*tree.notices]
    named: set[str] = set()  # the catalogue folder's files some document names
    unsure: set[str] = set()  # the folders of documents whose names are not known (front matter unread)
    if progress:
        progress.start(len(tree.documents))
    jobs = []
    base = str(docs_dir)
    for rel in tree.documents:
        if message := too_large(tree.sizes[rel]):
            problems.append(Problem(rel, 1, 1, None, "too-large", message))
            unsure.add(posixpath.dirname(rel))
            if progress:
                progress.advance()
        else:
            jobs.append(FileJob(rel, os.path.join(base, rel), tree.sizes[rel], tree.stamps[rel]))
    for job, result in zip(jobs, checker(jobs, profile, tree.catalogue_files), strict=True):
        if progress:
            progress.advance()
        problems.extend(result.problems)
        notices.extend(result.notices)
        named.update(query for query, _ in result.queries)
        if result.document:
            documents.append(result.document)
            continue
        if not (result.index_no or result.queries):  # its front matter unread: what it names is not known
            unsure.add(posixpath.dirname(job.rel))
        if result.index_no and result.problems:
            failed.setdefault(result.index_no, result.problems[0].path)
    inclusions = includer(documents) if includer else {}
    named.update(file.docs for inclusion in inclusions.values() for file in inclusion.files if file.docs)
    problems = _catalogue_files_problems(tree, problems, named, unsure, profile, display_prefix)
    page_links: list[CatalogueLink] = []
    for rel in tree.pages:
        if message := too_large(tree.sizes[rel]):
            problems.append(Problem(rel, 1, 1, None, "too-large", message))
        else:
            try:
                data = (docs_dir / rel).read_bytes()
            except OSError as error:
                problems.append(unreadable(rel, error))
                continue
            found, links = check_page(rel, data, profile, catalogue_dir)
            problems.extend(found)
            page_links.extend(links)
    as_of = now or datetime.now(SHANGHAI)
    facts = gather(documents, profile, as_of, taxonomies)  # one pass over the documents for every rule below
    problems.extend(cross_check(documents, profile, as_of, display_prefix, failed, taxonomies, facts))
    problems.extend(held_back_problems(documents, profile, as_of, display_prefix, page_links, facts))
    notices.extend([*withdrawn_references(documents, profile, display_prefix, facts),
                    *future_created(documents, profile, as_of, facts), *far_published(documents, profile, as_of, facts)])
    if display_prefix:
        problems = [replace(p, path=display_prefix + p.path) for p in problems]
        notices = [replace(p, path=display_prefix + p.path) for p in notices]
    return CheckResult(documents, sorted_problems(problems), len(tree.documents) + len(tree.pages), tree,
                       sorted_problems(notices), inclusions)


def _catalogue_files_problems(tree: DocsTree, problems: list[Problem], named: set[str], unsure: set[str],
                              profile: Profile, prefix: str) -> list[Problem]:
    """`problems` with each missing file's look-alike named, and the files no document names, but
    those in or below the folder of a refused document (told once its own problems are fixed)."""
    missing = [problem.subject for problem in problems if problem.subject is not None]
    alike: dict[str, list[str]] = {}
    if missing:
        alike = lookalikes(tree.catalogue_files)
        problems = named_lookalikes(problems, alike)
        named = named | {rel for subject in missing for rel in alike.get(loose(subject), [])}  # told there already
    told = {problem.path for problem in problems}  # a file refused for its name is told that first
    files = {rel for rel in tree.catalogue_files - told if not _below(rel, unsure)}
    if missing:
        problems, strays = named_strays(problems, files - named, alike, prefix)
        named = named | strays  # told there already
    return [*problems, *unnamed_problems(files, named, tree.documents, profile.attachment_types)]


def _below(rel: str, folders: set[str]) -> bool:
    folder = rel
    while folder:
        folder = posixpath.dirname(folder)
        if folder in folders:
            return True
    return False
