"""The notes an import tells of what a page's scripts compute and write: a field the saved page
holds no value of, and a computed write no label names (perhaps a field, perhaps text)."""

from __future__ import annotations

from gkml.importer.scriptwrites import Unread
from gkml.importer.text import neutral


def computed_note(note: str, label: str) -> str:
    """A note that the page does not state a field, said of one a script computes and writes."""
    for unsaid in (f"页面未写完整的{label}", f"页面未写{label}"):
        if note.startswith(unsaid):
            return (f"页面的{label}由脚本计算后显示（document.write），保存的页面中没有它的值，"
                    f"请在浏览器中打开原网页核对后填写{note[len(unsaid):]}")
    return note


def unread_note(note: str, label: str) -> str:
    """A note that the page does not state a field, when scripts wrote what no label names: perhaps it."""
    for unsaid in (f"页面未写完整的{label}", f"页面未写{label}"):
        if note.startswith(unsaid):
            return f"保存的页面{unsaid[2:]}（可能由脚本计算后显示，见待补充项）{note[len(unsaid):]}"
    return note


def unread_remark(item: Unread, unsaid: list[str]) -> str:
    """The TODO of what a script computes and writes where no label stands: its call, where it stood."""
    where = f"“{neutral(item.before)}”之后" if item.before else "开头"
    perhaps = f"，它可能是页面未写的{'、'.join(unsaid)}" if unsaid else ""
    return (f"页面{where}有由脚本计算后显示的内容（{neutral(item.call)}），保存的页面中没有它，导入未能读出：请在浏览器中"
            f"打开原网页核对{perhaps}；若是文件的属性或正文，请补上")
