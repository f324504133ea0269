"""The value formats of the profile's field types: one table that the validator, the
fixer, `gkml new`, the importer and the JSON Schema all read.

Digits are ASCII only (`[0-9]`, never `\\d`, which also matches full-width and
Arabic-Indic digits): a full-width index number must not be a second, different one.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import unquote, urlsplit

INDEX_NO = re.compile(r"^(?P<org>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>[0-9]{4})(?P<month>[0-9]{2})?-(?P<seq>[0-9]{5})$")
# 机关代字〔年份〕序号号, or a 令's number (a 规章 is issued as 安徽省人民政府令第289号, 国务院令第732号:
# GB/T 9704's 命令（令）格式 numbers it without a year, and the annual statistics count 规章 by that 令)
# The number is never 0: numbers start at 1 (a leading zero, 01号, is kept as the document prints it).
# The 机关代字 holds no year bracket of its own: 皖应急〔2020〕12号；皖财〔2020〕3号 is two 文号, not one.
DOC_NO = re.compile(r"^(?:(?P<agency>[^\s〔〕][^〔〕]*?)〔(?P<year>[0-9]{4})〕(?P<number>0*[1-9][0-9]*)号"
                    r"|(?P<issuer>[^\s〔〕][^〔〕]*?令)第(?P<order>0*[1-9][0-9]*)号)$")
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
DATETIME = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?$")
DATETIME_FORMAT = "%Y-%m-%d %H:%M"  # a datetime as gkml writes one (strftime): to the minute, as the contract shows it
# An integer as written: decimal ASCII digits, no leading zero, at most nine (YAML 1.1 also reads
# 0x7e4, 03744, 2_020 and 33:40 as 2020, and a year of 20 digits is a slip, not a year).
INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]{0,8})$")
ONE_LINE = re.compile(r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$")  # no line break, separator or control character
# The bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they show nothing but turn
# the text after them around, so a 文号 or a sum of money reads otherwise than the file holds it
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# In a body the check refuses them and fix deletes them: the page then shows the characters in the
# order the file, the search index and the open data hold them; an option or a title may not hold one
BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# What shows nothing yet breaks or turns the text a reader sees: a control character but tab, line feed and
# carriage return, or a bidirectional control (the sanitiser takes them out of a page, the portal refuses
# an agency's record holding one)
UNSEEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")

# What a message escapes of a name or value it echoes (an option, a field, a file, a category): a control, a line
# break or separator, a bidirectional control or mark. Printed as typed, each would end the message's line, write
# a line of its own ("x\n其他.md:1:1: …") or turn the rest of the line around in the editor's terminal
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f{BIDI_CONTROLS}]")
_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """`text` as a message shows it: each character of _UNSHOWABLE written as its escape (\\n, \\u202e), so
    the line reads as the file holds it. The one escaping of every message that echoes what an editor typed."""
    return _UNSHOWABLE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


# The field types whose value is one line of text, which fix reads and corrects as one, and those of them
# whose value never holds a quote: the Chinese quotes Word and WPS put around one are no part of it
UNQUOTABLE_TYPES = frozenset({"date", "datetime", "integer", "enum", "category", "index_no", "index_ref", "doc_no"})
ONE_LINE_TYPES = UNQUOTABLE_TYPES | {"string"}

_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # what ONE_LINE refuses


def unseen_in_line(text: str) -> str | None:
    """The first character of a one-line text readers see (an option, a category's name) that
    shows nothing yet breaks the line or turns the text after it around; None: there is none."""
    found = BIDI.search(text) if ONE_LINE.match(text) else _NOT_ONE_LINE.search(text)
    return found.group() if found else None


# field type -> the pattern its text must match (types not named here have none)
PATTERNS: dict[str, re.Pattern[str]] = {
    "string": ONE_LINE,
    "date": DATE,
    "datetime": DATETIME,
    "index_no": INDEX_NO,
    "index_ref": INDEX_NO,
    "doc_no": DOC_NO,
}


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def portable_pattern(pattern: re.Pattern[str]) -> str:
    """The same regular expression without group names: JSON Schema tools run ECMA-262 or
    Python regexes, whose named-group syntaxes differ; plain groups mean the same in both."""
    return _NAMED_GROUP.sub("(", pattern.pattern)


def json_type(field_type: str) -> dict[str, Any]:
    """The JSON Schema of a value of `field_type` (without the profile's enums and limits)."""
    string: dict[str, Any] = {"type": "string"}
    if field_type in PATTERNS:
        return {**string, "pattern": portable_pattern(PATTERNS[field_type])}
    return {
        "text": string,
        "integer": {"type": "integer"},
        "boolean": {"type": "boolean"},
        "list": {"type": "array", "items": string},
        "attachments": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"file": string, "title": json_type("string")},
                "required": ["file", "title"],
                "additionalProperties": False,
            },
        },
        "withdrawal": {
            "type": "object",
            "properties": {"date": json_type("date"), "reason": json_type("string")},
            "required": ["date", "reason"],
            "additionalProperties": False,
        },
    }.get(field_type, string)


def index_no_slip(text: str) -> str:
    """Which part of a would-be index number is off, said in Chinese ('' when no one part is)."""
    org, slash, rest = text.partition("/")
    if not slash:
        return "机构代码后面缺少“/”"
    if not re.fullmatch(r"[0-9A-Z]{9}|[0-9A-Z]{18}", org):
        return f"机构代码“{org}”应为 9 位组织机构代码或 18 位统一社会信用代码（数字和大写字母）"
    dated, dash, seq = rest.partition("-")
    if not re.fullmatch(r"[0-9]{4}(?:[0-9]{2})?", dated):
        return f"“/”后面的“{dated}”应为年份（4 位）或年月（6 位），例如 2010 或 201012"
    if not dash or not seq:
        return "缺少五位序号：年月后面应是“-”和五位序号，例如 -00015"
    if not re.fullmatch(r"[0-9]{5}", seq):
        return f"序号“{seq}”应为五位数字（0–9），不足五位时前面补 0，例如 00015"
    return ""


def _suffix(path: str) -> str:
    """A file name's extension as Windows saves it: trailing dots and spaces dropped, any case."""
    name = posixpath.basename(path.replace("\\", "/")).rstrip(". ")
    return posixpath.splitext(name)[1].lower()


def download_kept(href: str, name: str) -> bool:
    """Whether a link's download name (entities decoded) is kept: only with the linked file's own
    extension. <a href="通知.pdf" download="通知.pdf.hta"> saved a published file under a program's
    name (Windows runs an .hta); the sanitiser drops such a name and the check tells it."""
    linked = _suffix(unquote(urlsplit(href).path))
    return not name or (bool(linked) and _suffix(name) == linked)
