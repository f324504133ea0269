"""What a page's inline script writes where it stands, as a browser shows it: `document.write('…')` of
string literals ('2024-03-05 10:20', '合肥市应急管理局', an attachment's link), the literals read, the code
never run. A script that computes what it writes (`document.write(d)`) is not read, but the field whose
label stands before it, or it writes before the value, is told (its value is on the live page only, not missing from it)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from gkml.importer.elementtext import label_before
from gkml.importer.labels import key_of

_LITERAL = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
_JOINED = rf"(?:{_LITERAL})(?:\s*\+\s*(?:{_LITERAL}))*"
_CALL = rf"document\s*\.\s*write(?:ln)?\s*\(\s*({_JOINED})\s*\)\s*;?"
_ONLY_WRITES = re.compile(rf"^\s*(?:<!--)?\s*(?:{_CALL}\s*)+(?://\s*-->)?\s*$")
_CALLS = re.compile(_CALL)
_PIECE = re.compile(_LITERAL)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_CHARS = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}
_LONGEST = 20_000  # characters of one script read
_ANY_WRITE = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(")


def _unescaped(literal: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match[1]
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _CHARS.get(code, code)

    return _ESCAPE.sub(one, literal[1:-1])


def written(code: str) -> str | None:
    """The markup a script of only `document.write` calls of literals writes, else None."""
    if len(code) > _LONGEST or not _ONLY_WRITES.match(code):
        return None
    return "".join(_unescaped(piece[0]) for call in _CALLS.finditer(code) for piece in _PIECE.finditer(call[1]))


def _label_written(code: str) -> str | None:
    """The field of a label a computed write prints before its value ("document.write('发布日期：' + d)")."""
    for literal in _PIECE.finditer(code[:_LONGEST]):
        shown = re.sub(r"<[^>]*>", " ", _unescaped(literal[0])).split()
        if shown and (key := key_of(shown[-1][-20:])):
            return key
    return None


def write_scripts(tree: LexborHTMLParser) -> tuple[str, ...]:
    """Each inline script that only writes literals replaced by what it writes; the fields whose
    value a script computes as it writes it, by the label before it."""
    computed: list[str] = []
    for node in tree.css("script"):
        if "src" in node.attributes:
            continue
        code = node.text() or ""
        if (markup := written(code)) is None:
            if _ANY_WRITE.search(code[:_LONGEST]) and (key := _label_written(code) or label_before(node)):
                computed.append(key)
            continue
        box = LexborHTMLParser(f"<span>{markup}</span>").css_first("body > span")
        if box is not None:
            node.replace_with(box)
    return tuple(dict.fromkeys(computed))
