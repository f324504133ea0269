"""`gkml import FILE_OR_DIR...`: pages saved from the old site become documents with TODOs.

Reading a page is gkml.importer's (pure); this module is the editor's side of it:
which files, the catalogue as it is (index numbers taken, earlier imports), where
each document goes (`<category>/` or `_import/` until its category is known),
attachments copied beside it, `--dry-run` previews, `--replace` diffs, and one
summary in Chinese. A page that cannot be read, has no body, or is a column's
list is named in the summary and makes the exit code 1; the rest of the batch
still lands.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TextIO

import yaml

from gkml.authoring.ledger import read_ledger
from gkml.authoring.new import (
    choosing_numbers,
    file_name,
    index_numbers_in,
    schema_comment,
    write_new_file,
)
from gkml.config import Project, load_project
from gkml.content.encoding import decode
from gkml.content.loader import markdown_files
from gkml.content.problems import shown_path
from gkml.content.todos import TODO_NAME
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
from gkml.importer.markdown import render
from gkml.importer.page import LegacyPage, parse_page
from gkml.importer.pagekind import asks_to_log_in, body_frames
from gkml.importer.plan import neutral, plan_document
from gkml.importer.source import PAGE_SUFFIXES, pages_in, source_hash

HELP = "把旧网站保存的页面（HTML 或文本，UTF-8/GBK/GB18030/Big5）导入为公开文件"
IMPORT_FOLDER = "_import"  # pages whose category is not known yet
PREVIEW_LINES = 5


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="文件或目录", help="旧网站页面文件，或包含它们的目录")
    parser.add_argument("--category-map", type=Path, metavar="文件",
                        help="栏目/分类名称与信息分类的对照表（YAML：名称或关键词: 分类代码），优先于内置对照")
    parser.add_argument("--dry-run", action="store_true", help="只显示每个页面将写入的属性和正文开头，不写文件")
    parser.add_argument("--replace", action="store_true",
                        help="同一页面以前导入过时（内容哈希、名称+发布日期或名称+索引号相同），显示差异后更新该文件")
    parser.add_argument("--config-dir", type=Path, default=Path("."), help="mkdocs.yml 所在目录（默认当前目录）")


def _fail(message: str) -> int:
    print(f"gkml import: {message}", file=sys.stderr)
    return 2


def _read_map(path: Path) -> dict[str, str]:
    """The --category-map file (UTF-8 or GBK, as Windows editors save it): a flat YAML mapping, or a Chinese error."""
    shape = "对照表每行写一项“栏目名称: 分类代码”。"
    try:
        text, _ = decode(path.read_bytes())
    except FileNotFoundError:
        raise ValueError(f"找不到对照表 {path}。") from None
    except OSError:
        raise ValueError(f"无法读取对照表 {path}。") from None
    try:
        # Anchors and aliases are refused before anything is built (an alias bomb is tiny).
        if any(isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) for event in yaml.parse(text)):
            raise ValueError(f"{path} 中不允许使用 YAML 锚点（&）和别名（*）：{shape}")
        data = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise ValueError(f"{path} {where}格式错误：{shape}") from None
    except yaml.YAMLError:
        raise ValueError(f"{path} 格式错误：{shape}") from None
    if not isinstance(data, dict) or not all(isinstance(v, (str, int)) for v in data.values()):
        raise ValueError(f"{path} 格式错误：{shape}")
    return {str(k): str(v) for k, v in data.items()}


def load_category_map(path: Path | None, project: Project) -> dict[str, str]:
    """mkdocs.yml's `import_category_map`, then the file's entries over it; every slug must exist."""
    maps = [("mkdocs.yml 的 import_category_map", project.options.import_category_map)]
    if path is not None:
        maps.append((str(path), _read_map(path)))
    mapping: dict[str, str] = {}
    for where, data in maps:
        entries = {str(k): str(v) for k, v in data.items()}
        unknown = sorted({v for v in entries.values() if v not in project.profile.categories})
        if unknown:
            raise ValueError(f"{where} 中的分类代码不存在：{'、'.join(unknown)}。"
                             f"可用代码：{'、'.join(project.profile.categories.by_slug)}")
        mapping.update(entries)
    return mapping




def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


class Progress:
    """`\\r导入中 3/120` on a terminal; silent when stderr is a file or pipe."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total > 1 and _is_terminal(self.stream)

    def step(self, done: int) -> None:
        if self.enabled:
            self.stream.write(f"\r导入中 {done}/{self.total}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 24 + "\r")
            self.stream.flush()


class _Run:
    """One `gkml import`: the catalogue as it is, and what this run wrote."""

    def __init__(self, project: Project, args: argparse.Namespace, category_map: dict[str, str]) -> None:
        self.project, self.args, self.category_map = project, args, category_map
        self.catalogue = project.docs_dir / project.options.catalogue_dir
        self.existing = [read_existing(project.docs_dir / rel, shown_path(project.docs_dir / rel))
                         for rel in markdown_files(project.docs_dir, project.options.catalogue_dir)]
        self.taken: dict[str, str] = {}
        for entry in read_ledger(project.ledger_path):
            self.taken[entry.index_no] = "published.ledger"
        for item in self.existing:
            for number in index_numbers_in(item.text):
                self.taken[number] = item.shown
        self.labels = {key: spec.label for key, spec in project.profile.fields.items()}
        self.written: list[tuple[Path, list[str], list[str]]] = []
        self.replaced: list[Path] = []
        self.duplicates: list[tuple[Path, str, bool, str]] = []  # (page, document, imported, why the same)
        self.failed: list[tuple[Path, str]] = []
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
            text = target.read_text(encoding="utf-8")
            named = text
            for link in links:
                if link.address and address_key(link.address) in self.imported:
                    unknown, known = todo_line(neutral(link_note(link, None))), todo_line(self.link_notes((link,))[0])
                    named = named.replace(unknown + "\n", known + "\n", 1)
            if named != text:
                target.write_text(named, encoding="utf-8", newline="\n")

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
        if not page.title:
            self.failed.append((path, "找不到文件标题，不像是旧网站的文件页面"))
            return
        if page.listing:
            self.failed.append((path, "这是栏目的文件列表页，不是文件页面：请打开列表中的每个文件，分别保存后再导入"))
            return
        if not page.body_markdown.strip() and len(page.frames) == 1:
            self.failed.append((path, f"正文在页面的内嵌框架中（{page.frames[0]}）：请在浏览器中打开该框架的页面，保存后再导入"))
            return
        if not page.body_markdown.strip() and page.frames:  # a frameset: its masthead and footer are frames too
            shown = "、".join(body_frames(page.frames)[:5])
            self.failed.append((path, f"正文在页面的框架中（{shown}）：请在浏览器中打开其中显示正文的框架的页面，保存后再导入"))
            return
        if not page.body_markdown.strip():
            self.failed.append((path, "页面有文字，但找不到正文（可能是由脚本显示正文的页面：请在浏览器中打开后另存为文本再导入）"
                                if page.has_text else "页面没有文字"))
            return
        digest = source_hash(data)
        found = find_previous(page, digest, self.existing)
        previous = found[0] if found else None
        if found is not None and (not self.args.replace or not found[0].hashes):
            # --replace only ever rewrites a document the import wrote, never an editor's own.
            self.duplicates.append((path, found[0].shown, bool(found[0].hashes), found[1]))
            return
        self.write(path, page, digest, previous, archived(data))

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
        body, _ = render(page.body, files, {link.href: link.address for link in page.links if link.address})
        old_site = tuple(link for link in page.links if link.old_site or not link.address)
        if old_site:
            plan.notes.append(f"正文中有 {len(old_site)} 个链接指向旧网站的页面，见文件中的待补充项")
        text = render_document(plan, body, self.labels, comments=comments, attachments=listed,
                               missing_attachments=[(neutral(link.title), neutral(link.href), link.name)
                                                    for link in missing], link_notes=self.link_notes(old_site))
        if self.args.dry_run:
            target = folder / name
            print(preview(path, target, text, previous))
        elif previous is not None:
            target = previous.path
            change = diff(previous.text, text, previous.shown)
            print(change or f"{previous.shown}：没有变化")
            if change:
                attachments.copy_all(folder, named)
                target.write_text(text, encoding="utf-8", newline="\n")
            self.replaced.append(target)
        else:
            target = write_new_file(folder, name, text)
            attachments.copy_all(target.parent, named)
        for number in index_numbers_in(text):
            self.taken[number] = shown_path(target)
        record = Existing(target, shown_path(target), page.title, (page.published or "")[:10],
                          frozenset({digest[:16]}), text, dict(plan.fields))
        self.existing = [e for e in self.existing if e.path != target] + [record]
        if page.address:
            self.imported[address_key(page.address)] = self.docs_path(target)
        if old_site and not self.args.dry_run:
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


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config_dir)
        category_map = load_category_map(args.category_map, project)
    except (FileNotFoundError, ValueError, yaml.YAMLError) as error:
        return _fail(str(error))
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return _fail("找不到：" + "、".join(map(str, missing)))
    files = pages_in(args.paths)
    if not files:
        return _fail("没有找到页面文件（" + " ".join(PAGE_SUFFIXES) + "）")
    # the catalogue's numbers are read before the pages are written: one chooser of numbers at a time
    with nullcontext() if args.dry_run else choosing_numbers(project.root / project.options.cache_dir):
        batch = _Run(project, args, category_map)
        progress = Progress(len(files))
        for done, path in enumerate(files, start=1):
            progress.step(done)
            batch.page(path)
        batch.name_later_imports()
        progress.finish()
    print(summary(batch, dry_run=args.dry_run))
    return 1 if batch.failed else 0


def summary(batch: _Run, *, dry_run: bool) -> str:
    new = [w for w in batch.written if w[0] not in batch.replaced]
    verb = "将导入" if dry_run else "已导入"
    head = f"{verb} {len(new)} 个文件"
    if batch.replaced:
        head += f"，{'将更新' if dry_run else '已更新'} {len(batch.replaced)} 个以前导入的文件"
    if batch.duplicates:
        head += f"，跳过 {len(batch.duplicates)} 个已有的页面"
    if batch.failed:
        head += f"，{len(batch.failed)} 个页面无法导入"
    lines = [head + "。"]
    lines += [f"  {shown_path(target)}" for target, _m, _n in new]
    attention = [(t, m, n) for t, m, n in batch.written if m or n]
    if attention:
        lines.append(f"需要处理（填写后删去 “{TODO_NAME}” 注释，再运行 gkml check）：")
        for target, missing, notes in attention:
            parts = ([f"缺少 {'、'.join(missing)}"] if missing else []) + notes
            lines.append(f"  {shown_path(target)} -> {'；'.join(parts)}")
    for source, other, imported, same in batch.duplicates:
        if imported:
            lines.append(f"以前导入过，已跳过：{shown_path(source)}（即 {other}；{same}）。"
                         "要用这次的页面更新它，请加 --replace")
        else:
            lines.append(f"已有{same}的文件，已跳过：{shown_path(source)}（{other} 不是导入的文件，--replace 也不会改动它）")
    for source, reason in batch.failed:
        lines.append(f"无法导入：{shown_path(source)}：{reason}")
    return "\n".join(lines)
