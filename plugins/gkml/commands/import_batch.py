"""One `gkml import`'s pages made documents: each page read (gkml.importer), refused with its
reason or planned against the catalogue as it is (index numbers taken, earlier imports), written
to `<category>/` or `_import/` with its attachments beside it, previewed (--dry-run) or its
earlier import updated with a diff (--replace); links to pages imported later in the run named."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from gkml.authoring.ledger import read_ledger
from gkml.authoring.new import (
    NumbersUnread,
    file_name,
    index_numbers_in,
    schema_comment,
    write_new_file,
)
from gkml.authoring.rewrite import replace_if_unchanged
from gkml.config import Project
from gkml.content.encoding import decode
from gkml.content.loader import markdown_files
from gkml.content.problems import shown_path
from gkml.importer import attachments
from gkml.importer.bodylinks import BodyLink, address_key, link_note
from gkml.importer.decoding import Archived, archived, is_binary
from gkml.importer.document import import_comment, render_document, todo_line
from gkml.importer.existing import (
    Existing,
    diff,
    find_previous,
    keep_filled,
    read_existing,
)
from gkml.importer.markdown import beside, render
from gkml.importer.page import LegacyPage, joined, parse_page
from gkml.importer.pagekind import asks_to_log_in, body_frames
from gkml.importer.plan import neutral, plan_document
from gkml.importer.source import source_hash
from gkml.importer.splitpages import file_of
from gkml.syserrors import CLEAR_SPACE, no_room, why_refused

IMPORT_FOLDER = "_import"  # pages whose category is not known yet
PREVIEW_LINES = 5


def no_body(page: LegacyPage) -> str:
    """Why a page without a body is refused: a page its scripts draw (Vue, React) says so, naming the
    document its scripts' data holds."""
    held = f"，脚本的数据中有文件“{page.script_title}”，但导入不运行脚本" if page.script_title else ""
    again = "请在浏览器中打开，等正文显示后另存为文本再导入"
    if page.has_text:
        return f"页面有文字，但找不到正文（可能是由脚本显示正文的页面{held}：{again}）"
    if page.scripted:
        return f"页面没有文字：正文由网页的脚本显示，保存的网页里没有正文{held}：{again}"
    return "页面没有文字"


class Batch:
    """One `gkml import`'s pages: the catalogue as it is, and what this run wrote (`replace`,
    `dry_run`: the command's --replace and --dry-run)."""

    def __init__(self, project: Project, replace: bool, dry_run: bool, category_map: dict[str, str]) -> None:
        self.project, self.replace, self.dry_run, self.category_map = project, replace, dry_run, category_map
        self.catalogue = project.docs_dir / project.options.catalogue_dir
        try:
            self.existing = [read_existing(project.docs_dir / rel, shown_path(project.docs_dir / rel))
                             for rel in markdown_files(project.docs_dir, project.options.catalogue_dir)]
        except OSError as error:  # the numbers it holds unknown: none may be chosen
            raise NumbersUnread(shown_path(error.filename or project.docs_dir), error) from None
        self.taken: dict[str, str] = {}
        for entry in read_ledger(project.ledger_path):
            self.taken[entry.index_no] = "published.ledger"
        for item in self.existing:
            for number in index_numbers_in(item.text):
                self.taken[number] = item.shown
        self.labels = {key: spec.label for key, spec in project.profile.fields.items()}
        self.written: list[tuple[Path, list[str], list[str]]] = []
        self.replaced: list[Path] = []
        # (page, document, imported, why the same, the page of this run that document was written from)
        self.duplicates: list[tuple[Path, str, bool, str, Path | None]] = []
        self.sources: dict[Path, Path] = {}  # document written by this run → its page
        self.failed: list[tuple[Path, str]] = []
        self.later: list[tuple[Path, str, bool]] = []  # (a later page of a split body, its first page, saved beside)
        # Where each document's page was on the old site (address_key → docs-relative path), and the
        # documents written whose body links an old-site page: a page imported later in the run is named then.
        self.imported: dict[str, str] = {address_key(address): self.docs_path(item.path)
                                         for item in self.existing for address in item.addresses}
        self.linking: list[tuple[Path, tuple[BodyLink, ...]]] = []

    def docs_path(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.project.docs_dir)).as_posix()

    def link_notes(self, links: tuple[BodyLink, ...]) -> list[str]:
        return [neutral(link_note(link, self.imported.get(address_key(link.address)) if link.address else None))
                for link in links]

    def name_later_imports(self) -> None:
        """A link to a page imported after the page that links it: its TODO names the document now."""
        for target, links in self.linking:
            data = target.read_bytes()
            try:
                text = named = data.decode("utf-8")
            except UnicodeDecodeError:  # saved meanwhile in another encoding: the editor's now
                continue
            for link in links:
                if link.address and address_key(link.address) in self.imported:
                    unknown, known = todo_line(neutral(link_note(link, None))), todo_line(self.link_notes((link,))[0])
                    named = named.replace(unknown + "\n", known + "\n", 1)
            if named != text:
                try:  # whole or not at all, and never over an edit saved meanwhile: the TODO then stays as it is
                    replace_if_unchanged(target, data, named.encode("utf-8"))
                except OSError:
                    pass

    def page(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            why = "没有读取权限" if isinstance(error, PermissionError) else "文件正被占用或已损坏"
            self.failed.append((path, f"无法读取文件：{why}"))
            return
        if not data.strip():
            self.failed.append((path, "文件是空的"))
            return
        if is_binary(data):
            self.failed.append((path, "不是保存的网页或文本，可能是 Word、PDF、图片等附件：请导入文件页面，附件放在页面旁边"))
            return
        try:
            page = parse_page(data, path.name, self.project.profile.attachment_types)
        except Exception as error:  # noqa: BLE001 (one unreadable page must not stop a batch)
            self.failed.append((path, f"无法解析：{error}"))
            return
        if page.error_notice and asks_to_log_in(page.error_notice):
            self.failed.append((path, (f"这是网站的登录或权限提示页面（“{page.error_notice}”），不是文件页面："
                                      "请在能看到这个文件的地方（登录后或在单位内网）打开它，保存后再导入")))
            return
        if page.error_notice:
            self.failed.append((path, (f"这是网站的出错提示页面（“{page.error_notice}”），不是文件页面："
                                      "请在旧网站找到这个文件能打开的地址，保存后再导入")))
            return
        if not page.has_text and page.scripted:  # no title either: the scripts show it too
            self.failed.append((path, no_body(page)))
            return
        if not page.title:
            self.failed.append((path, "找不到文件标题，不像是旧网站的文件页面"))
            return
        if page.listing:
            self.failed.append((path, "这是栏目的文件列表页，不是文件页面：请打开列表中的每个文件，分别保存后再导入"))
            return
        if not page.body_markdown.strip() and (framed := self.framed(path, page)) is not None:
            page = joined(page, [(page.frames[0], framed)])
        if not page.body_markdown.strip() and len(page.frames) == 1:
            self.failed.append((path, f"正文在页面的内嵌框架中（{page.frames[0]}）：请在浏览器中打开该框架的页面，保存后再导入"))
            return
        if not page.body_markdown.strip() and page.frames:  # a frameset: its masthead and footer are frames too
            shown = "、".join(body_frames(page.frames)[:5])
            self.failed.append((path, f"正文在页面的框架中（{shown}）：请在浏览器中打开其中显示正文的框架的页面，保存后再导入"))
            return
        if not page.body_markdown.strip():
            self.failed.append((path, no_body(page)))
            return
        if page.first_page:  # never a document of its own, nor taken for the first page's
            self.later.append((path, page.first_page, (path.parent / file_of(page.first_page)).is_file()))
            return
        page = joined(page, self.later_pages(path, page))
        digest = source_hash(data)
        found = find_previous(page, digest, self.existing)
        previous = found[0] if found else None
        earlier = self.sources.get(found[0].path) if found is not None else None
        if found is not None and (not self.replace or not found[0].hashes or earlier is not None):
            # --replace only ever rewrites a document the import wrote, never an editor's own, nor one
            # this run wrote from another page (a copy of the page in the same folder).
            self.duplicates.append((path, found[0].shown, bool(found[0].hashes), found[1], earlier))
            return
        try:
            self.write(path, page, digest, previous, archived(data))
        except OSError as error:  # the disk full, a read-only folder: the page told, the documents as they were
            what = CLEAR_SPACE if no_room(error) else "请确认有权在公开目录的文件夹中写入文件"
            self.failed.append((path, f"无法写入（{why_refused(error)}），未导入。{what}后再导入一次"))

    def framed(self, path: Path, page: LegacyPage) -> LegacyPage | None:
        """The page shown in a body-less page's one frame when the browser saved it beside the page, in
        its folder (Chrome's 'Webpage, Complete' keeps an <iframe>'s page in the _files folder)."""
        address = unquote(page.frames[0].split("?")[0].split("#")[0]) if len(page.frames) == 1 else ""
        if not address or "://" in address or address.startswith(("/", "\\")):
            return None
        beside = (path.parent / address).resolve()
        if beside == path.resolve() or not beside.is_relative_to(path.parent.resolve()) or not beside.is_file():
            return None
        try:
            framed = parse_page(beside.read_bytes(), beside.name, self.project.profile.attachment_types)
        except Exception:  # noqa: BLE001 (then the frame is named, as when it was not saved)
            return None
        return framed if framed.body_markdown.strip() and not framed.error_notice else None

    def later_pages(self, path: Path, page: LegacyPage) -> list[tuple[str, LegacyPage]]:
        """The later pages of a body split over pages saved beside `path` (by their file names), each
        the same document's (its title), in the pager's order."""
        found: list[tuple[str, LegacyPage]] = []
        for address in page.other_pages:
            beside = path.parent / file_of(address)
            if beside == path or not file_of(address) or not beside.is_file():
                continue
            try:
                later = parse_page(beside.read_bytes(), beside.name, self.project.profile.attachment_types)
            except Exception:  # noqa: BLE001, S112 (an unreadable page stays named in the TODO)
                continue
            if later.title == page.title and later.first_page is not None:
                found.append((address, later))
        return found

    def write(self, path: Path, page: LegacyPage, digest: str, previous: Existing | None,
              archive: Archived) -> None:
        own = {n: who for n, who in self.taken.items() if previous is None or who != previous.shown}
        plan = plan_document(page, self.project.profile, org_code=self.project.options.org_code,
                             agency=self.project.options.agency, taken=own, category_map=self.category_map)
        if previous is not None:
            keep_filled(plan, previous)
            plan.missing_required = [self.project.profile.label(k) for k in dict.fromkeys(plan.todo)
                                     if k in self.project.profile.fields
                                     and self.project.profile.fields[k].required_for(plan.fields)]
            folder, name = previous.path.parent, previous.path.name
        else:
            folder = self.catalogue / (plan.category or IMPORT_FOLDER)
            name = file_name(plan.created or _day(page.published), f"import-{digest[:8]}")
        found, missing = attachments.find_all(path, page.attachments, archive)
        named = attachments.target_names(folder, Path(name).stem, found)
        listed = [{"file": target, "title": neutral(item.link.title)} for item, target in named]
        if not listed and previous is not None and previous.values.get("attachments"):
            listed = previous.values["attachments"]
        plan.notes += [f"附件“{link.title}”没有随页面保存" for link in missing]
        comments = [schema_comment(folder / name, self.project.root), import_comment(digest, path.name, page.address)]
        # The body's pictures show the files as they are named beside the document.
        files = {link.href: link.name for link in page.attachments} | {item.link.href: target for item, target in named}
        # A link to an attachment leads to its file as copied beside the document; one not saved stays text.
        body, _ = render(page.body, files, beside({item.link.href: target for item, target in named})
                         | {link.href: link.address for link in page.links if link.address})
        old_site = tuple(link for link in page.links if link.old_site or not link.address)
        if old_site:
            plan.notes.append(f"正文中有 {len(old_site)} 个链接指向旧网站的页面，见文件中的待补充项")
        text = render_document(plan, body, self.labels, comments=comments, attachments=listed,
                               missing_attachments=[(neutral(link.title), neutral(link.href), link.name)
                                                    for link in missing], link_notes=self.link_notes(old_site))
        if self.dry_run:
            target = folder / name
            print(preview(path, target, text, previous))
        elif previous is not None:
            target = previous.path
            change = diff(previous.text, text, previous.shown)
            print(change or f"{previous.shown}：没有变化")
            if change:
                attachments.copy_all(folder, named)
                before = target.read_bytes()  # written whole, and only over what was read: never over an edit
                if decode(before)[0] != previous.text or not replace_if_unchanged(target, before, text.encode("utf-8")):
                    self.failed.append((path, (f"{previous.shown} 在导入期间又被保存过（例如在 Word、记事本中），"
                                               "为免丢失这次修改，未更新。请保存并关闭它后再导入一次")))
                    return
            self.replaced.append(target)
        else:
            target = write_new_file(folder, name, text)
            attachments.copy_all(target.parent, named)
        for number in index_numbers_in(text):
            self.taken[number] = shown_path(target)
        record = Existing(target, shown_path(target), page.title, (page.published or "")[:10],
                          frozenset({digest[:16]}), text, dict(plan.fields))
        self.existing = [e for e in self.existing if e.path != target] + [record]
        self.sources[target] = path
        if page.address:
            self.imported[address_key(page.address)] = self.docs_path(target)
        if old_site and not self.dry_run:
            self.linking.append((target, old_site))
        if previous is None or plan.missing_required or plan.notes:
            self.written.append((target, plan.missing_required, plan.notes))


def preview(source: Path, target: Path, text: str, previous: Existing | None) -> str:
    """What would be written: the front matter whole, and the first lines of the body."""
    _, front, body = text.split("---\n", 2)
    lines = [line for line in body.split("\n") if line.strip()]
    shown = "\n".join(lines[:PREVIEW_LINES])
    more = f"\n……（正文共 {len(lines)} 段）" if len(lines) > PREVIEW_LINES else ""
    verb = "将更新" if previous is not None else "将写入"
    return f"== {shown_path(source)} → {verb} {shown_path(target)}\n---\n{front}---\n{shown}{more}\n"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
