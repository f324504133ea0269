"""The ledger of published index numbers: once published, an index number stays.

`published.ledger` sits beside mkdocs.yml (outside `content/`), one line per
index number ever published: `<index_no> <first published date> <title>`,
sorted, so reviews see additions as one-line diffs. The build never writes it;
`gkml check --update-ledger` (run by the pre-commit hook) appends what has been
published since, and `gkml check` fails when a ledger entry lost its document
without a `withdrawn:` notice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from gkml.authoring.new import READ_IT
from gkml.authoring.rewrite import replace_if_unchanged
from gkml.catalogue.document import Document
from gkml.catalogue.publication import hold_reason
from gkml.content import encoding
from gkml.content.corrections import CONFLICT_MARKER, conflict_lines
from gkml.content.problems import Problem
from gkml.content.source import invisible_name
from gkml.profile.model import Profile
from gkml.syserrors import why_refused

if TYPE_CHECKING:
    from gkml.config import Project

_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
HEADER = "# 已发布文件的索引号登记簿：发布后不得删除或修改；由 gkml check --update-ledger 追加。\n"


@dataclass(frozen=True)
class LedgerEntry:
    index_no: str
    published: str
    title: str
    line: int


class LedgerUnreadable(ValueError):
    """A ledger the system refused to read (no permission, held by another program): never taken for none."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.why = why_refused(error)
        super().__init__(f"无法读取登记簿 {path.name}（{self.why}）")


def ledger_bytes(path: Path) -> bytes | None:
    """The ledger as it is now, None when there is none: what `write_ledger` writes over."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError as error:
        raise LedgerUnreadable(path, error) from None


def _lines(data: bytes | None) -> list[str]:
    # "\n" only: str.splitlines() also breaks at \x0b, U+2028 …, and a title holding one would forge an entry
    return _read(data)[0].removesuffix("\n").split("\n") if data is not None else []


def _read(data: bytes | None) -> tuple[str, str]:
    """The ledger's text and encoding: saved by Notepad it may have a BOM (its first line, the header,
    was taken for an entry) or be GBK (every gkml command that reads it ended in a traceback)."""
    text, name = encoding.decode(data) if data is not None else ("", "UTF-8")
    return text.replace("\r\n", "\n"), name


def read_ledger(path: Path, data: bytes | None = None) -> list[LedgerEntry]:
    """The entries (of `data`, the ledger's bytes when read already), first line per index number;
    git's union merge may leave two for one number (two editors who published the same number)
    and conflict markers, both skipped."""
    entries: dict[str, LedgerEntry] = {}
    for entry in read_lines(ledger_bytes(path) if data is None else data):
        entries.setdefault(entry.index_no, entry)
    return list(entries.values())


def every_entry(data: bytes | None) -> dict[str, list[LedgerEntry]]:
    """Each index number's entries, every line (a union merge's two for one number both kept)."""
    entries: dict[str, list[LedgerEntry]] = {}
    for entry in read_lines(data):
        entries.setdefault(entry.index_no, []).append(entry)
    return entries


def read_lines(data: bytes | None) -> list[LedgerEntry]:
    """Every entry of the ledger's bytes, in its order; comments, blanks and conflict markers skipped."""
    found = []
    for number, line in enumerate(_lines(data), start=1):
        if not line.strip() or line.startswith("#") or CONFLICT_MARKER.match(line):
            continue
        parts = line.split(" ", 2)
        found.append(LedgerEntry(parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "", number))
    return found


def _holder(entry: LedgerEntry, same: list[Document]) -> Document | None:
    """The document the entry records: its title, else the one document published that day."""
    titled = [doc for doc in same if doc.title.strip() == entry.title.strip()]
    dated = [doc for doc in same if doc.published.date().isoformat() == entry.published]
    return titled[0] if len(titled) == 1 else dated[0] if len(dated) == 1 and not titled else None


def published_copy(entries: list[LedgerEntry], doc: Document, same: list[Document], shown: str, display: str,
                   page: Callable[[Document], str]) -> str:
    """What the ledger (`shown`) says of a duplicate number `doc` shares with `same`: which document
    was published under it, when and at which address, so the editor knows which one to renumber."""
    if len(entries) > 1:  # two editors recorded the number in their own clones; git's union merge kept both
        told = "、".join(f"第 {e.line} 行《{e.title}》（{e.published}）" for e in entries)
        return (f"登记簿 {shown} 中这个索引号登记了 {len(entries)} 次：{told}。"
                "请保留已经在网站上发布的那一件，另一件改号，并删除登记簿中它的那一行。")
    entry = entries[0]
    holder = _holder(entry, same)
    where = f"登记簿 {shown} 第 {entry.line} 行"
    if holder is doc:
        return f"{where}记载本文件已于 {entry.published} 发布（{page(doc)}），它的索引号不得改动：要改号的是另一件。"
    if holder is not None:
        return (f"{where}记载已发布的是 {display + holder.src_path}（《{holder.title}》，{entry.published} 发布，"
                f"{page(holder)}）：要改号的是本文件。")
    return f"{where}记载这个索引号已于 {entry.published} 以《{entry.title}》发布。"


class LedgerError(ValueError):
    """An entry that would not stay one line of the ledger."""


def format_ledger(entries: Iterable[LedgerEntry]) -> str:
    """One sorted line per index number, so two editors' additions merge line by line. A field
    holding a line break, separator or control character would write a second, forged entry:
    refused, whatever the checks before let through."""
    lines: set[str] = set()
    for e in entries:
        line = f"{e.index_no} {e.published} {e.title}".rstrip()
        if bad := _BREAKS.search(line):
            where = f"登记簿第 {e.line} 行" if e.line else "要登记的条目"
            raise LedgerError(f"{where}（索引号 {e.index_no.strip()}）中有{invisible_name(bad.group())}，登记簿未更新。"
                              "请删除它后再运行。")
        lines.add(line)
    return HEADER + "".join(line + "\n" for line in sorted(lines))


def write_ledger(path: Path, entries: Iterable[LedgerEntry], before: bytes | None) -> bool:
    """The ledger written with the line ends it has (CRLF as a Windows editor's git without autocrlf
    leaves it), LF if new, on every system: written otherwise, each update changed every line of it.
    Written whole or not at all (a full disk, a crash: written in place, it was left cut short), and
    only while it holds `before`, what the entries were read from: False, nothing written, when
    another check or an editor changed it meanwhile."""
    text = format_ledger(entries)
    if before is not None and b"\r\n" in before:
        text = text.replace("\n", "\r\n")
    return replace_if_unchanged(path, before, text.encode("utf-8"))


def missing_from_ledger(ledger: list[LedgerEntry], documents: Iterable[Document], now: datetime,
                        profile: Profile, unreadable: Collection[str] = ()) -> list[Problem]:
    """Ledger entries whose document is gone, or no longer published and not withdrawn.
    Numbers in `unreadable` are still written in a file with problems of its own: not gone."""
    by_index = {doc.index_no: doc for doc in documents}
    problems = []
    for entry in ledger:
        doc = by_index.get(entry.index_no)
        if doc is None and entry.index_no in unreadable:
            continue
        if doc is None:
            message = (f"已发布的索引号 {entry.index_no}（{entry.title}）找不到对应文件。已发布文件不得删除或改索引号；"
                       "如需撤回，请保留文件并填写 withdrawn: {date: 日期, reason: 理由}。若该文件本身有错误，请先修正。")
        elif doc.withdrawn is None and hold_reason(doc, profile, now):
            message = (f"已发布的文件 {entry.index_no} 现在不会再发布（{hold_reason(doc, profile, now)}）。"
                       "已发布文件如需撤回，请填写 withdrawn: {date: 日期, reason: 理由}。")
        else:
            continue
        problems.append(Problem("", entry.line, 1, "index_no", "ledger-removed", message, profile.label("index_no")))
    return problems


def ledger_problems(project: Project, documents: list[Document], now: datetime, base: Path,
                    unreadable: Collection[str] = ()) -> list[Problem]:
    """The ledger's lost documents at `now`, the ledger's path shown from `base`."""
    path = project.ledger_path
    shown = os.path.relpath(path, base).replace(os.sep, "/")
    try:
        data = ledger_bytes(path)
    except LedgerUnreadable as error:
        return [Problem(shown, 1, 1, None, "ledger-unreadable", f"无法读取登记簿（{error.why}），未能核对已发布的索引号。{READ_IT}")]
    lines = _lines(data)
    name = _read(data)[1]
    wrong = [] if name == "UTF-8" else [Problem(shown, 1, 1, None, "encoding", (
        f"登记簿不是 UTF-8 编码（按 {name.removesuffix(encoding.LOSSY_SUFFIX)} 读取）。请在编辑器中把它另存为 UTF-8 编码"
        "（记事本：“另存为”时编码选“UTF-8”），内容不要改动。"))]
    conflicts = [Problem(shown, number + 1, 1, None, "merge-conflict",
                         "合并冲突标记，请先解决冲突：登记簿两边的行都要保留，只删除 <<<<<<<、=======、>>>>>>> 这几行。")
                 for number in conflict_lines(lines)]
    # a tab or other invisible character typed into the ledger (Notepad): --update-ledger would refuse to write it
    invisible = [Problem(shown, number, bad.start() + 1, None, "ledger-character",
                         f"登记簿这一行有{invisible_name(bad.group())}，请删除它"
                         "（每行写 索引号、发布日期、名称，用一个空格分隔）。")
                 for number, line in enumerate(lines, start=1) if (bad := _BREAKS.search(line))]
    return wrong + conflicts + invisible + [replace(p, path=shown) for p in missing_from_ledger(read_ledger(path, data), documents, now, project.profile, unreadable)]


def updated_ledger(ledger: list[LedgerEntry], documents: Iterable[Document], now: datetime,
                   profile: Profile) -> list[LedgerEntry]:
    """The ledger plus every document published by `now` that it does not list yet."""
    known = {e.index_no for e in ledger}
    added = [
        LedgerEntry(doc.index_no, doc.published.date().isoformat(), doc.title, 0)
        for doc in documents
        if doc.index_no not in known and hold_reason(doc, profile, now) is None
    ]
    return [*ledger, *added]
