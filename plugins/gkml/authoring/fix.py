"""Safe mechanical corrections, the ones `gkml check` spells out ("应写作：…").

Line based: only the lines that change are rewritten; line endings (LF or
CRLF), quotes, comments and everything else stay byte for byte. Fixed:

* 文号 with look-alike year brackets (`皖应急[2020]12号` -> `皖应急〔2020〕12号`);
* full-width digits, hyphens and colons in dates, date-times and index numbers;
* a UTF-8 byte-order mark at the start of the file;
* spaces and tabs at line ends. In the body, a Markdown hard line break (two or
  more spaces after text, more text on the next line) changes how the page
  looks, so it is kept.

A value is only rewritten when the result is exactly what the checker accepts,
so `fix` never turns one error into another. The body is never otherwise
touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from gkml.content.validation import fix_doc_no, normalize_width
from gkml.profile.types import DATE, DATETIME, DOC_NO, INDEX_NO

BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
# key: value, the value optionally quoted; what follows (a comment) is kept as it is.
_ENTRY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?P<sep>[ \t]*:[ \t]*)(?P<q>['\"]?)(?P<value>[^'\"#]*?)(?P=q)(?P<rest>[ \t]*(?:#.*)?)$")


def _index_no(value: str) -> str:
    return normalize_width(value).replace(" ", "")


# field type -> (correction, pattern the corrected value must match)
FIXES: Mapping[str, tuple[Callable[[str], str], re.Pattern[str]]] = {
    "date": (normalize_width, DATE),
    "datetime": (normalize_width, DATETIME),
    "index_no": (_index_no, INDEX_NO),
    "index_ref": (_index_no, INDEX_NO),
    "doc_no": (fix_doc_no, DOC_NO),
}


def _split_ending(line: str) -> tuple[str, str]:
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith("\n"):
        return line[:-1], "\n"
    return line, ""


def fix_entry(content: str, kinds: Mapping[str, str]) -> str:
    """One front-matter line with its value corrected, or unchanged."""
    match = _ENTRY.match(content)
    if not match or match["key"] not in kinds or kinds[match["key"]] not in FIXES:
        return content
    correct, pattern = FIXES[kinds[match["key"]]]
    value = match["value"].strip()
    fixed = correct(value)
    if fixed == value or not pattern.match(fixed):
        return content
    start, end = match.span("value")
    return content[:start] + match["value"].replace(value, fixed) + content[end:]


def _is_hard_break(content: str, next_content: str | None) -> bool:
    return (content.endswith("  ") and content.strip() != ""
            and next_content is not None and next_content.strip() != "")


def fix_text(text: str, kinds: Mapping[str, str]) -> str:
    """The document with every safe correction applied. `kinds` maps field keys to field types."""
    lines = [_split_ending(line) for line in _LINE.findall(text)]
    front_end = 0
    if lines and _FENCE.match(lines[0][0]):
        front_end = next((i for i in range(1, len(lines)) if _FENCE_END.match(lines[i][0])), 0)
    out: list[str] = []
    for i, (content, ending) in enumerate(lines):
        if 0 < i < front_end:
            content = fix_entry(content.rstrip(" \t"), kinds)
        elif i > front_end or front_end == 0:
            following = lines[i + 1][0] if i + 1 < len(lines) else None
            if not _is_hard_break(content, following):
                content = content.rstrip(" \t")
        else:
            content = content.rstrip(" \t")
        out.append(content + ending)
    return "".join(out)


def fix_bytes(data: bytes, kinds: Mapping[str, str]) -> bytes | None:
    """The corrected file, or None when it is not UTF-8 (gkml check explains how to convert it)."""
    body = data[len(BOM):] if data.startswith(BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fix_text(text, kinds).encode("utf-8")
