"""Corrections `gkml check` states ("应写作：…") and `gkml fix` applies: one home for both.

Pure functions over one value or a file's lines; a correction is only offered
when its result is certain.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence

from gkml.content.numerals import year_in_digits
from gkml.profile.synonyms import simplified
from gkml.profile.types import BIDI_CONTROLS, UNQUOTABLE_TYPES

# What `gkml new` writes as the body; published with it, a page would say "fill in the text here".
PLACEHOLDER = "请在此处填写正文"
_FULLWIDTH = set("０１２３４５６７８９－：／　ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")


def normalize_width(text: str) -> str:
    """Full-width digits, letters and hyphens to ASCII (NFKC, limited to what dates and numbers use)."""
    return "".join(unicodedata.normalize("NFKC", ch) if ch in _FULLWIDTH else ch for ch in text)


def integer_written(text: str) -> str:
    """A number as typed (２０２０, 2020年, 2020年度: a year said with its unit; 二〇二〇) with ASCII digits and no unit."""
    written = normalize_width(text).strip()
    for unit in ("年度", "年"):
        if written.endswith(unit) and (written[:-len(unit)].strip().isascii() or year_in_digits(written[:-len(unit)])):
            written = written[:-len(unit)].strip()
            break
    if spreadsheet := re.fullmatch(r"([0-9]+)\.0+", written):  # 2020.0: a spreadsheet's number cell as pasted
        return spreadsheet[1]
    return year_in_digits(written) or written  # 二〇二〇


# Spaces that look like a space but are not one, and characters that show nothing at all. The
# ideographic space U+3000 is not among them: it rightly joins two agencies in a joint title.
# The bidirectional marks and overrides (U+200E, U+202E …) show nothing either, but turn the
# text after them around: a title would read as other words than it holds.
ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c" + BIDI_CONTROLS
_ODD = re.compile(f"[{ODD_SPACES}{INVISIBLE}]")
# `genre：通知` — a full-width (or other look-alike) colon after a key; or `genre:　通知`, the
# colon followed by the full-width space a Chinese input method types (YAML then sees no colon).
# The key may be in Word's quotes (`“title”：…`), which the key's own message then names.
FULLWIDTH_COLON = re.compile(r"^(?P<indent>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*|[\u4e00-\u9fff]+"
                             r"|[Ａ-Ｚａ-ｚ＿][Ａ-Ｚａ-ｚ０-９＿－]*|[“‘「『][A-Za-z_\u4e00-\u9fff]+[”’」』])[ \t]*"
                             r"(?P<colon>[：﹕︰꞉]|:(?=　))[ \t　]*(?P<value>.*)$")
# `title:关于` — no space after a top-level key's colon, or an invisible character between (`genre:\u200b 通知`):
# YAML reads the line as one word (not `http://`)
NO_SPACE_AFTER_COLON = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*|[\u4e00-\u9fff]+):"
                                  f"(?:(?P<hidden>[{INVISIBLE}]+)[ \t]*|)(?P<value>[^\\s/:{INVISIBLE}].*)$")
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$")


def fullwidth_colon_fixed(match: re.Match[str]) -> str:
    """The line FULLWIDTH_COLON matched, with a plain `: ` after its key."""
    return f"{match['indent']}{match['key']}: {match['value']}".rstrip()


def colon_fixed(line: str) -> str:
    """A front-matter line with `: ` after its key where a Chinese colon or space, or no space, was typed."""
    if match := NO_SPACE_AFTER_COLON.match(line):
        return f"{match['key']}: {match['value']}"
    if match := FULLWIDTH_COLON.match(line):
        return fullwidth_colon_fixed(match)
    return line


# Tabs in front matter, as Word and Notepad type them: YAML refuses a tab that indents, and
# reads one after the colon or in a value as part of it. Where the line meant is certain (a
# tab after a key's colon, Word's indent before a field that follows a complete one, a tab
# at the line's end), it is the line to write.
_TAB_AFTER_COLON = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ ]*:(?P<gap>[ ]*\t[ \t]*)(?P<value>[^\t]*?)[ \t]*$")
_INDENTED_ENTRY = re.compile(r"^(?P<indent>[ \t]*\t[ \t]*)(?P<entry>[A-Za-z_][A-Za-z0-9_-]*[ ]*:(?:[ ][^\t]*)?)$")
_COMPLETE_ENTRY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*[ ]*:[ ]+[^ #]")
# `genre: 通知<Tab># 体裁`: YAML reads a tab before # as the space that starts a comment, as a space
_TAB_BEFORE_COMMENT = re.compile(r"^(?P<head>[^\t]*?\S)[ ]*\t[ \t]*(?P<comment>#(?:[ ][^\t]*)?)$")


def tab_slip(line: str, previous: str | None) -> tuple[int, str, str | None]:
    """Where the first tab of front-matter `line` is (0-based), what it is, and the line to write
    when that is certain. `previous`: the line above (None for the first of the front matter)."""
    if match := _TAB_AFTER_COLON.match(line):
        fixed = f"{match['key']}: {match['value']}".rstrip()
        return match.start("gap") + match["gap"].index("\t"), f"属性区中“{match['key']}:”后面是制表符（Tab）", fixed
    if (match := _INDENTED_ENTRY.match(line)) and (previous is None or _COMPLETE_ENTRY.match(previous)):
        return line.index("\t"), "属性区中行首有制表符（Tab），属性不要缩进", match["entry"].rstrip()
    if (match := _TAB_BEFORE_COMMENT.match(line)) and _COMPLETE_ENTRY.match(line):
        return line.index("\t"), "属性区中注释前有制表符（Tab）", f"{match['head']} {match['comment']}"
    if not line.rstrip(" \t").count("\t"):
        return line.index("\t"), "属性区中行尾有制表符（Tab）", line.rstrip(" \t")
    if not line.lstrip(" ").startswith("\t"):
        return line.index("\t"), "属性值中有制表符（Tab）", None
    return line.index("\t"), "属性区中行首有制表符（Tab）", None


def tabs_fixed(lines: Sequence[str]) -> list[str]:
    """Front-matter `lines` with each tab slip that has a certain line to write written so."""
    out: list[str] = []
    for line in lines:
        fixed = tab_slip(line, out[-1] if out else None)[2] if "\t" in line else None
        out.append(line if fixed is None else fixed)
    return out


# A list item indented with full-width or no-break spaces (`　　- 安全`, pasted from Word or a web
# page): YAML indents with plain spaces only, and read the item as a new key with no colon.
_ODD_INDENT = re.compile(f"^(?P<lead>[ \u3000{ODD_SPACES}]*[\u3000{ODD_SPACES}][ \u3000{ODD_SPACES}]*)(?P<item>-(?:[ ].*)?)$")


def odd_indent(line: str) -> tuple[str, str] | None:
    """The odd spaces (their code points) a front-matter list item is indented with, and the line
    indented with as many plain spaces (and no odd space in the item); None for any other line."""
    match = _ODD_INDENT.match(line)
    if match is None:
        return None
    lead = match["lead"]
    shown = code_points(ch for ch in lead if ch != " ")
    # the item's own odd spaces as gkml fix writes them too
    return shown, " " * len(lead) + plain_spaced(match["item"])


def odd_indents_fixed(lines: Sequence[str]) -> list[str]:
    return [found[1] if (found := odd_indent(line)) else line for line in lines]


# `genre: “通知”`: Word and WPS turn the quotes typed around a value into Chinese ones, which
# YAML keeps in the value. Values of some types never hold one (profile.types.UNQUOTABLE_TYPES): the value is what they wrap.
_SMART_QUOTED = re.compile("^(?:“(?P<double>[^“”]+)”|‘(?P<single>[^‘’]+)’)$")


def smart_unquoted(text: str) -> str | None:
    """`text` without the pair of Chinese quotes around it, if it is so wrapped."""
    match = _SMART_QUOTED.match(text)
    return (match["double"] or match["single"]).strip() if match else None


# `genre: 通知。`, `disclosure: 主动 公开`: a sentence's stop typed after a value chosen from a list
# (体裁, 公开方式, a category), or a space typed inside it
SENTENCE_STOPS = "。．.，,；;、"


def choice_meant(text: str, allowed: Collection[str]) -> str | None:
    """The one of `allowed` that `text` is with the stops typed after it or the spaces inside it dropped,
    or its traditional or Japanese forms (有効, 主動公開) read as simplified (profile.synonyms)."""
    bare = text.rstrip(SENTENCE_STOPS).rstrip()
    for candidate in (bare, re.sub("[ \u3000]+", "", bare)):
        for form in (candidate, simplified(candidate)):
            if form != text and form in allowed:
                return form
    return None


def spelled_as(text: str, spelled: Mapping[str, str]) -> str | None:
    """The value a field's `spelled` names `text` by, in simplified, traditional or Japanese forms (已廢止)."""
    return spelled.get(text) or spelled.get(simplified(text))


def choice_slips(text: str, meant: str) -> str:
    """What choice_meant dropped or read otherwise in `text` to read `meant`, said."""
    bare = text.rstrip(SENTENCE_STOPS).rstrip()
    said = [f"末尾多了标点“{text[len(bare):].strip()}”"] if bare != text else []
    unspaced = re.sub("[ \u3000]+", "", bare)
    forms = [f"“{typed}”应为“{plain}”" for typed, plain in zip(unspaced, meant, strict=False) if typed != plain] \
        if len(unspaced) == len(meant) else []
    return "，".join([*said, *(["中间多了空格"] if unspaced != bare else []),
                     *([f"用了繁体字或日文字形（{'、'.join(forms)}）"] if forms else [])])


# `title: “关于…的通知”`, `title: 《安徽省安全生产条例》`: a title wrapped whole in Word's quotes or
# in title marks; the page would show them around it. A quoted word inside is the title's own
# (“关于深化“放管服”改革的通知”), and a title that only starts and ends with one is not wrapped
# (“放管服”改革中的“最多跑一次”).
TITLE = "title"  # the field pages, listings and feeds name a document by (Document.title)
_WRAPPING = {"“": "”", "‘": "’", "《": "》"}


def title_unwrapped(text: str) -> str | None:
    """The title without the quotes or title marks wrapping it whole, if it is so wrapped."""
    return _wrapped_whole(text, "“‘《")


def unwrapped(key: str, kind: str, text: str) -> str | None:
    """A one-line value without the marks around it that are no part of it, if it is so wrapped: Word's
    quotes around a value of a type that never holds one (profile.types.UNQUOTABLE_TYPES), or wrapping a
    text whole (`publisher: “安徽省应急管理厅”`); the title's 《》 too, not another text's (`source: 《人民日报》`
    names a paper as it is written)."""
    if kind in UNQUOTABLE_TYPES:
        return smart_unquoted(text)
    if kind == "string":
        return title_unwrapped(text) if key == TITLE else _wrapped_whole(text, "“‘")
    return None


def _wrapped_whole(text: str, openings: str) -> str | None:
    opening = text[:1]
    if len(text) < 3 or opening not in openings or _WRAPPING.get(opening) != text[-1]:
        return None
    depth = 0
    for char in text[1:-1]:
        depth += (char == opening) - (char == _WRAPPING[opening])
        if depth < 0:  # the first pair closes inside: two quoted words, not one wrapped title
            return None
    inner = text[1:-1].strip()
    return inner if depth == 0 and inner else None


# A front-matter fence as other tools type it: full-width or long dashes (－－－, ———), with
# spaces or invisible characters around it; and a line that shows nothing at all.
# A run of ASCII hyphens other than three is Markdown's rule, not a fence.
_AROUND = re.compile(f"^[\\s{ODD_SPACES}{INVISIBLE}]+|[\\s{ODD_SPACES}{INVISIBLE}]+$")
_SHOWS_NOTHING = re.compile(f"^[\\s{ODD_SPACES}{INVISIBLE}]*$")
_DASHES = frozenset("-－—–‐‑−﹣")


def is_fence_like(line: str) -> bool:
    """Whether `line` is meant as `---` (or is it)."""
    dashes = _AROUND.sub("", line)
    if dashes == "---":
        return True
    return (set(dashes) <= _DASHES and dashes.strip("-") != "" and (len(dashes) >= 3 or dashes == "——"))


def opening_fence(lines: Sequence[str]) -> int | None:
    """The 0-based line meant as the opening `---`: the first that shows anything, if it is fence-like."""
    first = next((n for n, line in enumerate(lines) if not _SHOWS_NOTHING.match(line)), None)
    return first if first is not None and is_fence_like(lines[first]) else None



def has_odd_spaces(text: str) -> bool:
    return bool(_ODD.search(text))


def without_odd_spaces(text: str) -> str:
    """Invisible characters removed, look-alike spaces made plain spaces (runs of them one), ends trimmed."""
    return plain_spaced(text).strip()


_SPACE_RUN = re.compile(f"[ {ODD_SPACES}]+")


def plain_spaced(text: str) -> str:
    """Invisible characters removed, each run of spaces with a look-alike in it one plain space."""
    # each run taken once (a pattern asking for a look-alike inside the run rescanned it from each of its spaces)
    return _SPACE_RUN.sub(lambda run: " " if run.group().strip(" ") else run.group(), re.sub(f"[{INVISIBLE}]", "", text))


def code_points(chars: Iterable[str]) -> str:
    """Characters no one sees as their code points, each once, as messages name them: 'U+00A0、U+200B'."""
    return "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in chars))


def odd_characters(text: str) -> str:
    """The code points of the odd characters in `text`, e.g. 'U+00A0、U+200B'."""
    return code_points(_ODD.findall(text))


def conflict_lines(lines: Sequence[str]) -> list[int]:
    """0-based numbers of the lines git wrote as merge-conflict markers."""
    return [i for i, line in enumerate(lines) if CONFLICT_MARKER.match(line)]


def word_indented_lines(lines: Sequence[str]) -> list[int]:
    """0-based numbers of body lines that start with a tab (Word's first-line indent) and
    would therefore render as a grey code block; not those continuing a list item, not
    inside a fenced code block."""
    found: list[int] = []
    fence: str | None = None
    previous_blank = True  # the body starts a new block
    in_list = False
    in_block = False
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence):
                fence = None
            previous_blank = False
            continue
        if stripped.startswith(("```", "~~~")) and not line.startswith("\t"):
            fence = stripped[:3]
            previous_blank = in_block = False
            continue
        if not line.strip():
            previous_blank = True
            continue
        if line.startswith("\t") and not in_list and (previous_blank or in_block):
            found.append(number)
            in_block = True
        else:
            in_block = False
            if not line[:1].isspace():
                in_list = bool(re.match(r"^(?:[-*+]|\d+[.)])[ \t]", line))
        previous_blank = False
    return found
