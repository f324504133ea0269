"""The 文号 (GB/T 9704's 机关代字〔年份〕序号号, or 令第N号): its field's check, each slip said, and
the spelling fix and `gkml new` write."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from gkml.content.corrections import normalize_width
from gkml.content.fieldcheck import MISSING, FieldChecker, Missing, scalar_text
from gkml.content.numerals import YEAR_IN_NUMERALS, year_in_digits
from gkml.content.source import Value
from gkml.profile.model import FieldSpec
from gkml.profile.types import DOC_NO

# Brackets editors type instead of the hexagonal 〔〕 that GB/T 9704 prescribes.
# one look-alike at least: 〔2020] and [2020〕, one of the pair typed right, are fixed too
# (〈〉 and 《》 too; spaces inside them, as in 皖应急 [ 2020 ] 12号, go with them)
_LOOKALIKE_BRACKETS = re.compile(r"(?!〔 *[0-9]{4} *〕)[\[(（【［﹝〖〔〈《] *([0-9]{4}) *[\])）】］﹞〗〕〉》]")
# A year in Chinese numerals between the brackets (皖应急〔二〇二〇〕12号), as GB/T 9704-1999 printed some
_CHINESE_YEAR = re.compile(f"([\\[(（【［﹝〖〔])({YEAR_IN_NUMERALS})([\\])）】］﹞〗〕])")
# The 号 closing the number written in traditional characters (港澳發〔2024〕3號, 某某令第5號).
_TRADITIONAL_HAO = re.compile(r"(?<=[0-9])號$")
# 皖应急〔2020〕12, 某某令第5: the number with no 号 after it
_NO_HAO = re.compile(r"(?:〕|令第)[0-9]+$")
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
    steps.append(("文号的序号后要写“号”", _NO_HAO.sub(r"\g<0>号", steps[-1][1])))
    steps.append(("文号的序号前不加“第”：按 GB/T 9704《党政机关公文格式》，年份〔〕后直接写序号（只有令写作“令第N号”）",
                  _ORDINAL.sub(r"\g<head>", steps[-1][1])))
    return steps


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


# each number a 文号 ends with: two in one value are two 文号 (皖应急〔2020〕12号；皖财〔2020〕3号)
_ONE_NUMBER = re.compile(r"(?:〕|令第)\s*[0-9０-９]+\s*[号號]")


def check_doc_no(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
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
