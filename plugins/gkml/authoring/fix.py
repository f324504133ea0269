"""Safe mechanical corrections, the ones `gkml check` spells out ("应写作：…").

Line based: only the lines that change are rewritten; line endings (LF or
CRLF), quotes, comments and everything else stay as they were. Fixed:

* a file in GBK, GB18030 or UTF-16 (saved as UTF-8), a UTF-8 byte-order mark;
* a full-width colon or a tab after a key (`genre：通知`, `genre:\t通知`), Word's tab before a
  field (`\tgenre: 通知` below a complete field), a key typo with exactly one
  candidate field not already present (`categroy` -> `category`);
* a category typed by its name or in capitals (`法规文件`, `FGWJ` -> `fgwj`); a stop typed after
  a category or a value chosen from a list (`genre: 通知。`);
* a colon and a space in a one-line value (`title: 关于印发: 办法的通知`), quoted whole;
* a year or true/false in quotes (`report_year: '2019'`), which makes it text, a year with its
  unit (`report_year: 2019年度`); Chinese quotes
  around a value that never holds one (`genre: “通知”`, `doc_no: ‘皖应急〔2020〕1号’`);
* dates as editors type them (2024/3/1, 2024年3月5日, 2024.3.5, full-width digits), a date field's
  value written with a time (2020-03-02 10:00, 2020-03-02T00:00:00Z) as its day in Beijing time;
* 文号 with look-alike year brackets (`皖应急[2020]12号` -> `皖应急〔2020〕12号`);
* full-width digits and spaces in index numbers;
* a byte-order mark at the start of a front-matter line (two files joined), a list item
  indented with full-width or no-break spaces;
* non-breaking, zero-width and other odd spaces in one-line fields, also in list items,
  attachments and a withdrawal (`keywords: [安全\u00a0生产]`);
* a withdrawal's date as editors type it (`withdrawn: {date: 2024/3/1, …}`); an attachment's file
  in Word's quotes (`{file: “files/a.pdf”, …}`);
* body lines Word indented with a tab (they would render as a code block);
* bidirectional controls in the body (U+202E …), which show nothing but turn the text after
  them around: the page then shows the characters in the order the file holds them;
* a picture without alt text whose title or Chinese file name says what it shows
  (`![](组织机构图.png)` -> `![组织机构图](组织机构图.png)`);
* a lone carriage return (CR) YAML reads as a line break: every line end of a file saved with
  old Mac line breaks (written LF), one that puts two fields on what the editor sees as one line;
* spaces and tabs at line ends. In the body, a Markdown hard line break (two or
  more spaces after text, more text on the next line) changes how the page
  looks, so it is kept.

A value is only rewritten when the result is exactly what the checker accepts,
so `fix` never turns one error into another.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from gkml.authoring.fixlines import file_lines
from gkml.authoring.fixvalues import FIXES, block_items_split, fix_inner
from gkml.content import encoding
from gkml.content.agencynames import PUBLISHER, joined_name
from gkml.content.alttext import Picture, alt_filled, pictures_without_alt
from gkml.content.corrections import (
    SENTENCE_STOPS,
    choice_meant,
    colon_fixed,
    has_odd_spaces,
    integer_written,
    normalize_width,
    odd_indents_fixed,
    spelled_as,
    tabs_fixed,
    unwrapped,
    without_odd_spaces,
    word_indented_lines,
)
from gkml.content.dateslips import END_OF_DAY
from gkml.content.fields import RUN_TOGETHER, listed_words
from gkml.content.frontslips import BOM
from gkml.content.keyslips import (
    key_correction,
    misnamed_key,
    name_only,
    name_pasted,
    renamed_key,
)
from gkml.content.lists import shallow_items, unseparated_items
from gkml.content.source import FENCE, FENCE_END
from gkml.content.yamlerrors import colon_quoted
from gkml.profile.model import CategoryTree, Profile
from gkml.profile.synonyms import says_nothing
from gkml.profile.types import (
    BIDI,
    INTEGER,
    ONE_LINE_TYPES,
    UNQUOTABLE_TYPES,
)

# key: value, the value optionally quoted; what follows (a comment) is kept as it is.
# (a value's spaces are taken a run at a time, up to the next word: a long run is scanned once, not from each space)
_ENTRY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?P<sep>[ \t]*:[ \t]*)(?P<q>['\"])?"
                    r"(?P<value>(?:[^'\"# \t]|[ \t]+(?=[^'\"# \t]))*)(?(q)[ \t]*(?P=q))(?P<rest>[ \t]*(?:#.*)?)$")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)(?=[ \t]*:)")
# any top-level key, Chinese or with full-width spaces (U+3000 is no YAML indent): up to ": " or a line-end colon
_ANY_TOP_KEY = re.compile(r"^(?P<key>[^ \t#'\"\-\[{?:|>!&*%@`][^:#]*?)(?=[ \t]*:(?:[ \t]|$))")


_FLOW_LIST = re.compile(r"\[([^\[\]{}]*)\]")  # a list on its key's line, of plain words
# types whose value is no text: quoted, it is refused ("引号使它成了文字")
UNQUOTED: Mapping[str, re.Pattern[str]] = {"integer": INTEGER, "boolean": re.compile(r"^(?:true|false)$")}


@dataclass(frozen=True)
class Fixed:
    data: bytes  # the corrected file, UTF-8
    encoding: str  # what it was read as: UTF-8, UTF-16, GBK or GB18030
    had_bom: bool


def fix_entry(content: str, kinds: Mapping[str, str], categories: CategoryTree | None = None,
              choices: Mapping[str, Collection[str]] | None = None,
              spelled: Mapping[str, Mapping[str, str]] | None = None, profile: Profile | None = None) -> str:
    """One front-matter line with its value corrected, or unchanged; a category typed by its
    name (`法规文件`, `FGWJ`) written as its code when `categories` are given; a stop typed after
    a value of a field's `choices` (`genre: 通知。`) dropped; a value as its field's `spelled` names it (现行有效) written as it is."""
    match = _ENTRY.match(content)
    if match and match["q"] and kinds.get(match["key"]) in UNQUOTED:
        # `report_year: '2019'`: the quotes make it text; the check says to write it without them
        value = (integer_written if kinds[match["key"]] == "integer" else normalize_width)(match["value"].strip())
        if UNQUOTED[kinds[match["key"]]].match(value):
            return content[:match.start("q")] + value + content[match.end("value") + 1:]
    if match and not match["q"] and kinds.get(match["key"]) == "list" and (flow := _FLOW_LIST.fullmatch(match["value"].strip())):
        # `keywords: [安全生产，应急管理]`: the input method's ，or ； between the words, as the check tells
        items = "[" + ", ".join(part.strip() for part in RUN_TOGETHER.split(flow[1])) + "]"
        return content[:match.start("value")] + match["value"].replace(flow[0], items) + content[match.end("value"):]
    if match and not match["q"] and kinds.get(match["key"]) == "list" and (listed := listed_words(match["value"])):
        return content[:match.start("value")] + listed + content[match.end("value"):]  # `keywords: 安全生产，应急管理`
    if not match or kinds.get(match["key"]) not in ONE_LINE_TYPES:
        return content
    value = match["value"].strip()
    fixed = without_odd_spaces(value) if has_odd_spaces(value) else value
    kind = kinds[match["key"]]
    if profile and (pasted := name_pasted(match["key"], fixed, profile)):  # `publisher: 发布机构：…`
        fixed = pasted[1]
    elif profile and not match["q"] and not profile.fields[match["key"]].required and (
            name_only(match["key"], fixed, profile) or (says_nothing(fixed) and fixed not in (profile.fields[match["key"]].values or ())
                                                        and not profile.fields[match["key"]].required_when)):
        return content[:match.start("value")].rstrip(" \t") + content[match.end("value"):]  # `source: 来源：`, `doc_no: 无`: no value
    if kind in UNQUOTABLE_TYPES or not match["q"]:  # `genre: “通知”`, `title: 《…条例》`, `publisher: “…厅”`
        fixed = unwrapped(match["key"], kind, fixed) or fixed
    if match["key"] == PUBLISHER and (joined := joined_name(fixed)):  # `publisher: 安徽省 应急管理厅`
        fixed = joined
    if kind == "category" and categories is not None and fixed not in categories:
        fixed = (choice_meant(fixed, categories.by_slug) or categories.spelled(fixed)
                 or categories.spelled(fixed.rstrip(SENTENCE_STOPS)) or fixed)
    if choices and (allowed := choices.get(match["key"])) and fixed not in allowed:
        fixed = choice_meant(fixed, allowed) or spelled_as(fixed, (spelled or {}).get(match["key"], {})) or fixed
    if kind in FIXES:
        correct, pattern = FIXES[kind]
        if not pattern.match(fixed) or (kind == "datetime" and END_OF_DAY.search(fixed)):
            candidate = correct(fixed)
            fixed = candidate if pattern.match(candidate) else fixed
    # A date's or a number's value holds no space: the full-width one an input method left after
    # it ('2024年3月5日　') goes with the correction (str.strip took it off `value`, not off the line);
    # nor a note glued to it ('2020-03-02#成文'): the space makes it YAML's comment.
    glued = kind in ("date", "datetime") and not match["q"] and content[match.end("value"):].startswith("#")
    whole = kind in FIXES and (fixed != match["value"] or glued)
    if fixed == value and not whole:
        return content
    start, end = match.span("value")
    if whole and content[end:].startswith("#"):  # '2024年3月5日　# 成文': YAML's comment needs its spaces
        return content[:start] + fixed + " # " + content[end + 1:].lstrip(" \t")
    return content[:start] + (fixed if whole else match["value"].replace(value, fixed)) + content[end:]


def _colon_in_value_quoted(line: str, kinds: Mapping[str, str], profile: Profile) -> str:
    """`title: 关于印发: 办法的通知` quoted whole, as the check says to: YAML reads no such line; a field's
    own name and nothing after it (`source: 来源:`) is no value, quoted never, dropped when the field may be empty."""
    top = _TOP_KEY.match(line)
    if top and top["key"] in profile.fields and name_only(top["key"], line[top.end():].lstrip(" \t:").strip(), profile):
        return line if profile.fields[top["key"]].required else top["key"] + ":"
    if top and kinds.get(top["key"]) in ONE_LINE_TYPES and (quoted := colon_quoted(line)):
        return quoted
    return line


def fix_key(content: str, profile: Profile, present: Collection[str]) -> str:
    """A top-level key that is a typo of exactly one field the file does not have yet, or that
    names one in Chinese or with full-width spaces (`标题`, `　title`), renamed."""
    fields = profile.fields
    named = _ANY_TOP_KEY.match(content)
    if named and named["key"] not in fields and (meant := misnamed_key(named["key"], profile)) and meant not in present:
        return renamed_key(content, named["key"], meant) or content
    match = _TOP_KEY.match(content)
    if not match or match["key"] in fields:
        return content
    correct = key_correction(match["key"], fields)
    if correct is None or correct in present:
        return content
    return correct + content[match.end():]


def _is_hard_break(content: str, next_content: str | None) -> bool:
    return (content.endswith("  ") and content.strip() != ""
            and next_content is not None and next_content.strip() != "")


def fix_text(text: str, profile: Profile) -> str:
    """The document with every safe correction applied."""
    kinds = {key: spec.type for key, spec in profile.fields.items()}
    choices = {key: spec.values for key, spec in profile.fields.items() if spec.type == "enum" and spec.values}
    lines = file_lines(text)
    front_end = 0
    if lines and FENCE.match(lines[0][0]):
        front_end = next((i for i in range(1, len(lines)) if FENCE_END.match(lines[i][0])), 0)
    front = [content.rstrip(" \t").lstrip(BOM) for content, _ in lines[1:front_end]]
    front = [colon_fixed(line) for line in odd_indents_fixed(tabs_fixed(front))]
    front = [_colon_in_value_quoted(line, kinds, profile) for line in front]
    present = {m["key"] for line in front if (m := _TOP_KEY.match(line))}
    meant = [misnamed_key(m["key"], profile) for line in front if (m := _ANY_TOP_KEY.match(line))]
    present |= {key for key in meant if key and meant.count(key) > 1}  # two names of one field: the editor chooses
    body_start = front_end + 1 if front_end else 0
    body = [content for content, _ in lines[body_start:]]
    indented = {body_start + n for n in word_indented_lines(body)}
    nested = {body_start + item.line: item.needed for item in shallow_items(body)}
    unseparated = {body_start + line for line in unseparated_items(body)}
    pictures = _by_line(body_start, pictures_without_alt("\n".join(body)))
    out: list[str] = []
    owner: str | None = None  # the top-level key whose value this front-matter line writes
    for i, (content, ending) in enumerate(lines):
        if 0 < i < front_end:
            content = fix_entry(fix_key(front[i - 1], profile, present), kinds, profile.categories, choices,
                                {key: spec.spelled for key, spec in profile.fields.items()}, profile)
            if top := _TOP_KEY.match(content):
                owner = top["key"]
            elif not content[:1].isspace() and not content.startswith("-"):
                owner = None  # a comment, or a line the check cannot read as a field
            if owner in kinds and content.strip():
                content = fix_inner(content, kinds[owner])
            if owner in kinds and kinds[owner] == "list":
                content = ending.join(block_items_split(content))
        elif i >= body_start:
            if i in unseparated:  # a list under a paragraph's line: Python-Markdown starts one after a blank line
                out.append(lines[i - 1][1] or ending)
            content = BIDI.sub("", content)
            if i in pictures:  # before any column moves: a picture's alt from its title or Chinese file name
                content = alt_filled(content, pictures[i])
            if i in indented:
                content = content.lstrip(" \t")
            elif i in nested:  # a list item nested two spaces: four a level, as Python-Markdown nests it
                content = " " * nested[i] + content.lstrip(" \t")
            following = lines[i + 1][0] if i + 1 < len(lines) else None
            if not _is_hard_break(content, following):
                content = content.rstrip(" \t")
        else:
            content = content.rstrip(" \t")
        out.append(content + ending)
    return "".join(out)


def _by_line(start: int, pictures: list[Picture]) -> dict[int, list[Picture]]:
    lines: dict[int, list[Picture]] = {}
    for picture in pictures:
        lines.setdefault(start + picture.line, []).append(picture)
    return lines


def fix_bytes(data: bytes, profile: Profile) -> Fixed | None:
    """The corrected file, or None when its encoding is unknown (gkml check says so)."""
    text, name = encoding.decode(data)
    if name.endswith(encoding.LOSSY_SUFFIX):
        return None
    return Fixed(fix_text(text, profile).encode("utf-8"), name, data.startswith(b"\xef\xbb\xbf"))
