"""One front-matter field checked against its spec in the profile, by its type: typed values or
located problems, told to the checker every field's check shares (`fieldcheck`); the 索引号
(`indexno`), the 文号 (`docno`), the attachments and the withdrawal have their own modules."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from gkml.content.agencynames import PUBLISHER, joined_name
from gkml.content.corrections import (
    SENTENCE_STOPS,
    choice_meant,
    choice_slips,
    integer_written,
    spelled_as,
)
from gkml.content.docno import check_doc_no
from gkml.content.fieldcheck import (
    MISSING,
    FieldChecker,
    Missing,
    parse_date,
    scalar_text,
)
from gkml.content.indexno import check_index_no
from gkml.content.problems import did_you_mean
from gkml.content.source import Value
from gkml.profile.model import FieldSpec
from gkml.profile.synonyms import simplified
from gkml.profile.types import INTEGER


def _check_string(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value, lines=spec.type == "text")
    if isinstance(text, Missing):
        return text
    if not text:
        c.report(value, spec.key, "empty", f"{spec.label}不能为空。")
        return MISSING
    if spec.max_length and len(text) > spec.max_length:
        c.report(value, spec.key, "too-long", f"{spec.label}最多 {spec.max_length} 个字，现在有 {len(text)} 个字。")
    if spec.key == PUBLISHER and (joined := joined_name(text)):
        c.report(value, spec.key, "publisher-spaced",
                 f"“{text}”中的空格把一个机构的名称分开了：地名后面不加空格（几个机构联合发布时，才用空格分开各机构的全称），"
                 f"应写作：{joined}")
        return MISSING
    return text


def _check_date(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    return parse_date(c, spec, value, with_time=False)


def _check_datetime(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    return parse_date(c, spec, value, with_time=True)


def _check_integer(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag == "int" and isinstance(value.data, int) and not isinstance(value.data, bool) \
            and INTEGER.match(value.raw or ""):
        return value.data
    if value.tag in ("seq", "map"):  # no text of its own: the message would quote Python's None
        c.report(value, spec.key, "type", f"{spec.label}应是用阿拉伯数字写的整数（例如 2010），不是列表或映射。")
        return MISSING
    written = integer_written(value.raw or "")
    if value.quoted and INTEGER.match(written):  # '2020' is the text 2020 to YAML, not the number
        fixed = f"引号使它成了文字，请去掉引号，应写作：{spec.key}: {written}"
    else:
        fixed = f"应写作：{written}" if written != value.raw and INTEGER.match(written) else ""
    c.report(value, spec.key, "type", f"{spec.label}应是用阿拉伯数字写的整数（例如 2010），现在是“{value.raw}”。{fixed}")
    return MISSING


def _check_boolean(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag == "bool" and str(value.raw).lower() in ("true", "false"):
        return bool(value.data)
    if value.tag in ("seq", "map"):
        c.report(value, spec.key, "type", f"{spec.label}只能写 true 或 false，不是列表或映射。")
        return MISSING
    hint = f"引号使它成了文字，请去掉引号，应写作：{spec.key}: {value.raw}" \
        if value.quoted and str(value.raw) in ("true", "false") else ""
    c.report(value, spec.key, "type", f"{spec.label}只能写 true 或 false，现在是“{value.raw}”。{hint}")
    return MISSING



def _check_enum(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if meant := spelled_as(text, spec.spelled):
        c.report(value, spec.key, "enum", f"“{text}”在目录中写作“{meant}”（可选：{' / '.join(spec.values)}），应写作：{meant}")
        return MISSING
    if text not in spec.values and (meant := choice_meant(text, spec.values)):
        c.report(value, spec.key, "enum", f"“{text}”{choice_slips(text, meant)}，应写作：{meant}")
        return MISSING
    if text not in spec.values:
        hint = spec.advice.get(text) or spec.advice.get(simplified(text)) or did_you_mean(text, spec.values)
        c.report(value, spec.key, "enum", f"“{text}”不是允许的值。可选：{' / '.join(spec.values)}。{hint}")
        return MISSING
    return text


# The separators an input method types in a list ([安全生产，应急管理]): two words in one item; 、 joins a
# term's own parts (安全、环保) and is kept
# the bullet or number Word puts before a list's lines (• 安全生产, 1. 安全生产, －安全生产): no part of a word
_BULLET = re.compile(r"^(?:[•·●○■□◆◇▪‣\-－—–*]+|[0-9]{1,2}[.、．)）](?![0-9])|[（(][0-9]{1,2}[)）]|[①-⑳])")
RUN_TOGETHER = re.compile("[，；;]")  # no \s* around it: a run of spaces would be scanned from each of its own
# in an item YAML has read, an English comma too: a block item's (- 防汛, 抗旱), which YAML does not split
IN_ONE_ITEM = re.compile("[，；;,]")


# a word a list written as one line may hold unquoted: no space, 、 or character YAML's flow list reads otherwise
_PLAIN_WORD = re.compile(r"[^\s、\[\]{}:#&*!|>'\"%@`,，；;•·●○■□◆◇▪‣\-－—–【】〖〗]+")
# each word in 【】, as old pages print their tags (【安全生产】【应急管理】): the brackets part the words
_BRACKETED = re.compile(r"(?:\s*【[^【】]+】)+\s*")


_YAML_NULL = re.compile(r"~|null|Null|NULL|")


def listed_words(text: str) -> str | None:
    """A list field's value written as text (`keywords: 安全生产，应急管理`) as the list it certainly is
    ([安全生产, 应急管理]): its words parted by ，；; or a comma only; None when a space or 、 may part them too."""
    if _YAML_NULL.fullmatch(text.strip()):
        return None  # `keywords: null`, `topics: ~`: no list given, not a list of one word
    words = [word.strip(" ") for word in (re.findall("【([^【】]+)】", text) if _BRACKETED.fullmatch(text)
                                          else IN_ONE_ITEM.split(text.strip()))]
    return f"[{', '.join(words)}]" if all(_PLAIN_WORD.fullmatch(word) and not word.isdigit() for word in words) else None


def _check_list(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "seq":
        if value.tag in ("str", "int") and value.raw:
            # `安全、生产` is two words: `[安全、生产]` would be one
            words = ", ".join(word for word in (_BULLET.sub("", w) for w in re.split(r"[、，,;；\s]+", value.raw)) if word)
            if isinstance(value.raw, str) and (listed := listed_words(value.raw)):
                c.report(value, spec.key, "type", f"{spec.label}应是列表（多个词用英文逗号分隔），应写作：{listed}")
            else:
                c.report(value, spec.key, "type", f"{spec.label}应是列表，例如：[{words}]（多个词用英文逗号分隔）")
        else:
            c.report(value, spec.key, "type", f"{spec.label}应是列表，例如：[词语一, 词语二]")
        return MISSING
    words: list[str] = []
    seen: set[str] = set()
    vocabulary = c.profile.vocabularies.get(spec.vocabulary or "", ())
    for item in value.data:
        word = scalar_text(c, spec, item, part=f"{spec.label}的每一项")
        if isinstance(word, Missing):
            continue
        if not word:
            c.report(item, spec.key, "empty", f"{spec.label}中有空项。")
        elif not item.quoted and (together := IN_ONE_ITEM.findall(word)):
            parts = ", ".join(part.strip() for part in IN_ONE_ITEM.split(word) if part.strip())
            said = "在 - 开头的分行列表中英文逗号也不分项" if together[0] == "," else "YAML 只按英文逗号分项"
            c.report(item, spec.key, "list-separator",
                     f"“{word}”中的“{together[0]}”不分项（{said}），几个词成了一项。请用英文逗号分隔："
                     f"[{parts}]；如果它确实是一个词，请给它加英文引号。")
        elif vocabulary and word not in vocabulary:
            c.report(item, spec.key, "vocabulary", f"“{word}”不在{spec.label}词表中。{did_you_mean(word, vocabulary)}")
        elif word in seen:
            c.report(item, spec.key, "duplicate-item", f"“{word}”重复出现。")
        else:
            words.append(word)
            seen.add(word)  # a set: a list of 20,000 words was checked in quadratic time (2.4 s)
    if spec.max_items and len(value.data) > spec.max_items:
        c.report(value, spec.key, "too-many", f"{spec.label}最多 {spec.max_items} 个，现在有 {len(value.data)} 个。")
    return tuple(words)


def _check_category(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    tree = c.profile.categories
    if text in tree:
        return text
    if slug := choice_meant(text, tree.by_slug):
        hint = f"{choice_slips(text, slug)}，应写作：{slug}"
    elif slug := tree.spelled(text) or tree.spelled(text.rstrip(SENTENCE_STOPS)):  # certain: gkml fix writes it
        hint = f"请写分类代码，应写作：{slug}"
    elif slug := tree.named(text):
        hint = f"请写分类代码：{slug}"
    else:
        hint = did_you_mean(text, list(tree.by_slug)) or "可选代码：" + "、".join(tree.by_slug)
    c.report(value, spec.key, "category", f"信息分类“{text}”不存在。{hint}")
    return MISSING


# the checks of the types of one value or a list of values; attachments and withdrawal have their
# own modules, and validation.FIELD_CHECKS joins them
SCALAR_CHECKS: Mapping[str, Callable[[FieldChecker, FieldSpec, Value], Any]] = {
    "string": _check_string,
    "text": _check_string,
    "date": _check_date,
    "datetime": _check_datetime,
    "integer": _check_integer,
    "boolean": _check_boolean,
    "enum": _check_enum,
    "list": _check_list,
    "category": _check_category,
    "index_no": check_index_no,
    "index_ref": check_index_no,
    "doc_no": check_doc_no,
}
