"""One front-matter field checked against its spec in the profile, by its type: typed values or
located problems, told to the checker every field's check shares (`fieldcheck`); the attachments
and the withdrawal have their own modules."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any

from gkml.content.corrections import (
    SENTENCE_STOPS,
    choice_meant,
    choice_slips,
    integer_written,
    normalize_width,
)
from gkml.content.fieldcheck import (
    MISSING,
    FieldChecker,
    Missing,
    parse_date,
    scalar_text,
)
from gkml.content.numerals import YEAR_IN_NUMERALS, year_in_digits
from gkml.content.problems import did_you_mean
from gkml.content.source import Value
from gkml.profile.model import FieldSpec
from gkml.profile.types import (
    DOC_NO,
    INDEX_NO,
    INTEGER,
    index_no_slip,
)

# Brackets editors type instead of the hexagonal 〔〕 that GB/T 9704 prescribes.
# one look-alike at least: 〔2020] and [2020〕, one of the pair typed right, are fixed too
_LOOKALIKE_BRACKETS = re.compile(r"(?!〔[0-9]{4}〕)[\[(（【［﹝〖〔]([0-9]{4})[\])）】］﹞〗〕]")
# A year in Chinese numerals between the brackets (皖应急〔二〇二〇〕12号), as GB/T 9704-1999 printed some
_CHINESE_YEAR = re.compile(f"([\\[(（【［﹝〖〔])({YEAR_IN_NUMERALS})([\\])）】］﹞〗〕])")
# The 号 closing the number written in traditional characters (港澳發〔2024〕3號, 某某令第5號).
_TRADITIONAL_HAO = re.compile(r"(?<=[0-9])號$")
# 〔2020〕12号文, 12号文件, 12号。: the 文 of 某某号文 (as one says it) or a sentence's stop after the 文号's 号
_AFTER_HAO = re.compile(r"(?<=[0-9][号號])(?P<tail>(?:文件?)?[。．.，,；;、]*)$")
# 〔2020〕第5号: GB/T 9704 writes the number right after the year's 〕 (an order is 令第5号, with no
# year: 令〔2020〕第5号 has no certain fix)
_ORDINAL = re.compile(r"^(?P<head>.*(?<!令)〔[0-9]{4}〕)第(?=[0-9]+号$)")
# 皖应急 〔2020〕 12号: spaces around the year, as a Word line justified or a pasted page leaves them
_NUMBER_PART = re.compile(r"第?[0-9]+[号號]")
# A 文号 numbered 0 (〔2020〕0号, 令第0号): numbers start at 1, so it is a slip no fix can guess
_ZERO_NUMBER = re.compile(r"(?:〕|令第)0+号$")


def fix_doc_no(text: str) -> str:
    """The 文号 with look-alike year brackets replaced by 〔〕, a closing 號 by 号, the 第 after the
    year dropped (and full-width digits made ASCII); the agency's own characters as written."""
    return _doc_no_steps(text)[-1][1]


def _doc_no_steps(text: str) -> list[tuple[str, str]]:
    """Each slip fix_doc_no corrects, said, and the 文号 once it is corrected."""
    steps = [("文号中有全角数字", normalize_width(text))]
    steps.append(("文号中的年份要用阿拉伯数字", _CHINESE_YEAR.sub(lambda m: m[1] + (year_in_digits(m[2]) or m[2]) + m[3], steps[-1][1])))
    steps.append(("文号中的年份要用六角括号〔〕", _LOOKALIKE_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", steps[-1][1])))
    steps.append(("文号中间不加空格", _unspaced_year(steps[-1][1])))
    steps.append(("文号到“号”字为止，后面的“文”“文件”或标点不属于文号", _AFTER_HAO.sub("", steps[-1][1])))
    steps.append(("文号末尾的“號”要写作“号”", _TRADITIONAL_HAO.sub("号", steps[-1][1])))
    steps.append(("文号的序号前不加“第”：按 GB/T 9704《党政机关公文格式》，年份〔〕后直接写序号（只有令写作“令第N号”）",
                  _ORDINAL.sub(r"\g<head>", steps[-1][1])))
    return steps


def fix_index_no(text: str) -> str:
    """The index number with full-width characters made ASCII, spaces and a stop typed after it
    dropped, its org code's letters upper case (00298662x: codes have no lower-case letter), and
    as its page's address spells it (…/doc/002986620-202003-00012/, copied from the browser) made
    the number it spells: an org code has no "-"."""
    text = unaddressed(_dashes_plain(normalize_width(text)).replace(" ", "").rstrip(SENTENCE_STOPS))
    org, slash, rest = text.partition("/")
    # 00298662-0: the 组织机构代码 as its certificate prints it; the index number writes its 9 characters
    return (org[:8] + org[9:] if re.fullmatch("[0-9A-Za-z]{8}-[0-9A-Za-z]", org) else org).upper() + slash + rest


# Dashes a PDF, Word or an old page prints for the hyphen before the serial (002986620/202003–00012)
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹣", "-"))


def _dashes_plain(text: str) -> str:
    return text.translate(_DASHES)


_ADDRESSED = re.compile(r"([0-9A-Za-z]{9}|[0-9A-Za-z]{18})-([0-9]{4}(?:[0-9]{2})?-[0-9]{5})")


def unaddressed(text: str) -> str:
    """The index number a document page's address, or its last part, spells; `text` if none."""
    if "doc/" in text:
        text = text.removesuffix("/").removesuffix("/index.html").removesuffix(".html").rpartition("doc/")[2]
    match = _ADDRESSED.fullmatch(text)
    return f"{match[1]}/{match[2]}" if match else text


def _unspaced_year(text: str) -> str:
    """`text` without the spaces around its one 〔year〕 and in the number after it; as written
    when it is not so made. String methods only: linear in a value of any length."""
    opening, closing = text.find("〔"), text.find("〕")
    if text.count("〔") != 1 or text.count("〕") != 1 or closing < opening:
        return text
    year, number = text[opening + 1:closing].strip(" "), text[closing + 1:].replace(" ", "")
    if not (len(year) == 4 and year.isascii() and year.isdigit() and _NUMBER_PART.fullmatch(number)):
        return text
    return f"{text[:opening].rstrip(' ')}〔{year}〕{number}"


def _check_string(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value, lines=spec.type == "text")
    if isinstance(text, Missing):
        return text
    if not text:
        c.report(value, spec.key, "empty", f"{spec.label}不能为空。")
        return MISSING
    if spec.max_length and len(text) > spec.max_length:
        c.report(value, spec.key, "too-long", f"{spec.label}最多 {spec.max_length} 个字，现在有 {len(text)} 个字。")
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
    if meant := spec.spelled.get(text):
        c.report(value, spec.key, "enum", f"“{text}”在目录中写作“{meant}”（可选：{' / '.join(spec.values)}），应写作：{meant}")
        return MISSING
    if text not in spec.values and (meant := choice_meant(text, spec.values)):
        c.report(value, spec.key, "enum", f"“{text}”{choice_slips(text, meant)}，应写作：{meant}")
        return MISSING
    if text not in spec.values:
        hint = spec.advice.get(text) or did_you_mean(text, spec.values)
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


def _check_list(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "seq":
        if value.tag in ("str", "int") and value.raw:
            # `安全、生产` is two words: `[安全、生产]` would be one
            words = ", ".join(word for word in (_BULLET.sub("", w) for w in re.split(r"[、，,;；\s]+", value.raw)) if word)
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


def _check_index_no(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if INDEX_NO.match(text):
        return text
    ascii_text, fixed = normalize_width(text).replace(" ", ""), fix_index_no(text)
    dashless = _dashes_plain(ascii_text)
    unstopped = dashless.rstrip(SENTENCE_STOPS)
    spelt = unaddressed(unstopped)
    org = spelt.partition("/")[0]
    if INDEX_NO.match(fixed):
        slips = [why for why, changed in (("索引号中有全角字符或空格", ascii_text != text),
                                          ("序号前的短横线要写英文的“-”", dashless != ascii_text),
                                          (f"索引号末尾多了标点“{dashless[len(unstopped):]}”", unstopped != dashless),
                                          ("这是页面地址中的写法，索引号的机构代码后面是“/”", spelt != unstopped),
                                          ("机构代码中间不写短横线（代码证上的 XXXXXXXX-X 写作 9 位）", "-" in org),
                                          ("机构代码中的字母要大写（组织机构代码和统一社会信用代码只用大写字母）", org != org.upper())) if changed]
        code = ("fullwidth-digits" if ascii_text != text else "index-no-dash" if dashless != ascii_text
                else "index-no-address" if spelt != unstopped else "index-no-case")
        c.report(value, spec.key, code, f"{'；'.join(slips)}，应写作：{fixed}")
    else:
        slip = index_no_slip(ascii_text)
        c.report(value, spec.key, "index-no-format",
                 f"索引号格式应为 机构代码/年月-五位序号，例如 002986620/201012-00015，现在是“{text}”。"
                 + (f"{slip}。" if slip else ""))
    return MISSING


# each number a 文号 ends with: two in one value are two 文号 (皖应急〔2020〕12号；皖财〔2020〕3号)
_ONE_NUMBER = re.compile(r"(?:〕|令第)\s*[0-9０-９]+\s*[号號]")


def _check_doc_no(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if (count := len(_ONE_NUMBER.findall(text))) > 1:
        c.report(value, spec.key, "doc-no-several",
                 f"文号只能写一个，现在写了 {count} 个：“{text}”。请只写本文件自己的文号（联合发文写主办机关的文号）。")
        return MISSING
    if DOC_NO.match(text):
        return text
    fixed = fix_doc_no(text)
    if DOC_NO.match(normalize_width(text)):  # the brackets were right: only the digits are off
        c.report(value, spec.key, "fullwidth-digits", f"文号中有全角数字，应写作：{fixed}")
    elif fixed != text and DOC_NO.match(fixed):
        c.report(value, spec.key, "doc-no-brackets", f"{_doc_no_slips(text)}，应写作：{fixed}")
    elif _ZERO_NUMBER.search(fixed):
        c.report(value, spec.key, "doc-no-zero", f"文号的序号不能是 0（发文序号从 1 开始），现在是“{text}”："
                 "请按文件上印的文号填写。")
    else:
        c.report(value, spec.key, "doc-no-format", f"文号格式应为 机关代字〔年份〕序号号，例如 皖应急〔2020〕12号"
                 f"（规章等令写作 机关名称令第序号号，例如 安徽省人民政府令第289号），现在是“{text}”。")
    return MISSING


def _doc_no_slips(text: str) -> str:
    """What fix_doc_no corrects in `text`, each slip said."""
    steps = [("", text), *_doc_no_steps(text)]
    return "；".join(why for (_, before), (why, after) in pairwise(steps) if before != after)


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
    "index_no": _check_index_no,
    "index_ref": _check_index_no,
    "doc_no": _check_doc_no,
}
