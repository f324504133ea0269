"""Attribute values as the content model wants them: 索引号, 文号, lists, 有效性."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gkml.content.corrections import normalize_width
from gkml.content.docno import fix_doc_no
from gkml.importer.dates import parse_date
from gkml.importer.labels import column_pairs, key_of
from gkml.importer.text import SPACES
from gkml.profile.model import FieldSpec
from gkml.profile.synonyms import FIELD_NAMES, simplified
from gkml.profile.types import DOC_NO, INDEX_NO

_LIST_SEP = re.compile(rf"[{SPACES}、，,；;]+")
_TOPIC_SEP = re.compile(rf"[{SPACES}，,；;]+")
# 是否有效：是, the one answer only a page's label makes a 有效性 (the profile's words are the field's own)
_YES = "是"


def index_no(stated: str) -> str | None:
    """The stated 索引号 in the content model's form when it has a valid format, else None."""
    text = re.sub(rf"[{SPACES}]+", "", normalize_width(stated)).upper()
    return text if INDEX_NO.match(text) else None


_ENCLOSED = re.compile(r"^[（(]([^（）()]+)[）)]$")
_CITING = ("转发", "根据", "依据", "按照", "详见", "参见", "见", "附", "原")  # '（转发某政〔2024〕8号）' cites another


def doc_no(stated: str) -> str:
    """'皖应急[2020]15号' → '皖应急〔2020〕15号': the whole 文号, brackets normalised, spaces out; one in
    brackets as official documents print it under their title ('（某政〔2024〕7号）') without them."""
    text = fix_doc_no(re.sub(rf"[{SPACES}]+", "", stated))
    inner = _ENCLOSED.match(text)
    return inner[1] if inner and DOC_NO.match(inner[1]) and not inner[1].startswith(_CITING) else text


_DOC_NO_NAMES = tuple(name for name, key in FIELD_NAMES.items() if key == "doc_no")


def whole_doc_no(text: str) -> str | None:
    """The 文号 a line is alone ('某政办〔2019〕56号', '皖应急[2020]15号'), in the model's form, else None."""
    if len(text) > 40:
        return None
    number = doc_no(text)
    if number.startswith(_DOC_NO_NAMES):  # '文号某应急〔2024〕11号': a label glued on, not an agency's name
        return None
    return number if DOC_NO.match(number) else None


_CLOSING_BRACKETS = re.compile(r"[（(]([^（）()]{4,40})[）)]$")


def titled_doc_no(title: str) -> str | None:
    """The 文号 in brackets that closes a title ('关于…的通知（皖政办〔2024〕5号）'), else None."""
    match = _CLOSING_BRACKETS.search(title.strip(SPACES))
    return whole_doc_no(match[1]) if match else None


def keywords(stated: str) -> list[str]:
    """主题词/关键词: separated by spaces, 、，,；;."""
    return [item for item in _LIST_SEP.split(stated.strip(SPACES)) if item]


def lists_items(label: str) -> bool:
    """A label of a field that holds a list (主题词, 主题分类): its cell's <br>s part its items."""
    return key_of(label) in ("keywords", "topics")


def topics(stated: str) -> list[str]:
    """主题分类: a gov.cn path '工业、交通\\安全生产' stays whole (、 belongs to a level's name)."""
    return [item.replace("／", "\\") for item in _TOPIC_SEP.split(stated.strip(SPACES)) if item]


def topic_levels(topic: str) -> list[str]:
    """The levels of a topic path, deepest first: '工业、交通\\安全生产' → ['安全生产', '工业、交通']."""
    return [level for level in reversed(re.split(r"[\\/／＼>]", topic)) if level.strip()]


def disclosure(stated: str) -> str | None:
    """公开方式 as the content model names it; None for a medium ('政府网站') rather than a mode."""
    text = simplified(re.sub(rf"[{SPACES}]+", "", stated))  # '主動公開'
    for word, mode in (("依申请", "依申请公开"), ("不予公开", "不予公开"), ("不公开", "不予公开"), ("主动", "主动公开")):
        if word in text:
            return mode
    return None


# '已废止（2023年1月1日起废止）': a state, then a remark in brackets.
_REMARK = re.compile(r"^(.+?)[(（\[【](.+)[)）\]】]$")


def validity(stated: str, spec: FieldSpec) -> str | None:
    """有效性 as the content model (`spec`, the profile's field: its values and how they are `spelled`)
    names it; None for a state it has no one word for (否)."""
    text = simplified(re.sub(rf"[{SPACES}]+", "", stated))  # '已廢止'
    if text == _YES:
        return spec.default if spec.default in (spec.values or ()) else None
    return text if text in (spec.values or ()) else spec.spelled.get(text)


def not_in_force(stated: str) -> bool:
    """是否有效：否 / 无效: no longer in force, but which of 失效, 废止, 已修订 the page does not say."""
    return simplified(re.sub(rf"[{SPACES}]+", "", stated)) in ("否", "无效")


def validity_remark(stated: str, spec: FieldSpec) -> tuple[str, str] | None:
    """(有效性, remark) of a state the page follows with a bracketed remark, else None."""
    match = _REMARK.match(re.sub(rf"[{SPACES}]+", "", stated))
    state = validity(match[1], spec) if match else None
    return (state, match[2]) if match and state else None


# The fields whose values have a form: a label glued on one of them, or a labels row over values
# without 索引号 or 发布机构, is known by it.
_FORMS = {"index_no": index_no, "doc_no": whole_doc_no, "created": parse_date, "published": parse_date}


def has_form(label: str) -> bool:
    """A label of a field whose values have a form (索引号, 文号, 成文日期, 发布日期)."""
    return key_of(label) in _FORMS


def formed(pair: tuple[str, str] | None) -> bool:
    """(label, value) whose value has its field's form ('文号', '皖政办〔2024〕3号')."""
    form = _FORMS.get(key_of(pair[0]) or "") if pair else None
    return form is not None and pair is not None and form(pair[1]) is not None


def transposed(rows: Sequence[Sequence[str]]) -> list[tuple[str, str]] | None:
    """文号 | 成文日期 | 发布日期 over one row of values, no 索引号 or 发布机构 among them: attributes when
    two or more values have their field's form (read so only in a page's head: in the body such a
    table is data)."""
    found = column_pairs(list(rows[0]), list(rows[1]), anchored=False) if len(rows) == 2 else None
    # 名称 | 文号 | 发布日期 lists documents: a document's own attributes do not repeat its title.
    if not found or any(key_of(label) == "title" for label, _ in found):
        return None
    return found if sum(map(formed, found)) >= 2 else None
