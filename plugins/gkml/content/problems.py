"""A problem found in a document: where it is, which field, what is wrong."""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gkml.profile.types import visible

if TYPE_CHECKING:
    from gkml.catalogue.document import Document
    from gkml.profile.model import Profile

def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """The one of `candidates` nearest `word`, as a message suggests it ('是否应为 …？'); '' for none near."""
    import difflib  # only for a misspelt name: a check of good files starts without it

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"是否应为 {match[0]}？" if match else ""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    key: str | None
    code: str
    message: str
    label: str | None = None
    subject: str | None = None  # the docs-relative file a missing-file problem names (never shown as such)

    def format(self) -> str:
        """`path:line:col: 字段(key): message` on one line, the form editors' tools can jump to."""
        if self.key:
            where = f"{self.label or self.key}({self.key})"
        else:
            where = "文件"
        return visible(f"{self.path}:{self.line}:{self.col}: {where}: {self.message}")


def field_problem(doc: Document, key: str, code: str, message: str, profile: Profile) -> Problem:
    """A problem of `doc`'s field `key`, located at the field's line (the first line when it has none)."""
    return Problem(doc.src_path, doc.lines.get(key, 1), 1, key, code, message, profile.label(key))


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.code))


def problems_json(problems: Iterable[Problem], notices: Iterable[Problem] = ()) -> str:
    """One row per problem (level "error") then per notice (level "notice": told, never failing,
    as the text form tells them after the errors)."""
    rows = [{"file": p.path, "line": p.line, "col": p.col, "key": p.key, "code": p.code, "level": level,
             "message": p.message}
            for level, found in (("error", problems), ("notice", notices)) for p in found]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def summary_line(problems: list[Problem], checked: Collection[str]) -> str:
    """The check's last line. `checked`: the Markdown files it read, as problems name them. A problem
    of another file or folder (mkdocs.yml, an attachment, a lock file, a folder) is counted apart:
    counted among the files read, "5 files checked, problems in 7 of them" would be told."""
    head = f"已检查 {len(checked)} 个文件"
    if not problems:
        return f"{head}，未发现问题。"
    read = set(checked)
    inside = [p for p in problems if p.path in read]
    others = {p.path for p in problems if p.path not in read}
    if not others:
        return f"{head}，{len({p.path for p in inside})} 个文件中共发现 {len(problems)} 个问题。"
    elsewhere = f"其他 {len(others)} 个文件或文件夹（不是文档或页面）"
    if not inside:
        return f"{head}，其中未发现问题；{elsewhere}中共发现 {len(problems)} 个问题。"
    return (f"{head}，{len({p.path for p in inside})} 个文件中发现 {len(inside)} 个问题，"
            f"{elsewhere}中发现 {len(problems) - len(inside)} 个问题，共 {len(problems)} 个问题。")


def shown_path(path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None) -> str:
    """A file as messages name it: from `base` (default: the working folder), "/"-separated; as
    given when it is on another Windows drive."""
    try:
        return os.path.relpath(path, base).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)
