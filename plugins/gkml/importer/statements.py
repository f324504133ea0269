"""What the page states: the values of its attribute labels, the 文号 and 落款 date its body
prints, its publication time, the article metadata of its <head>."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from gkml.importer import values
from gkml.importer.blocks import Anchor, Block
from gkml.importer.dates import is_date_line, published_value
from gkml.importer.furniture import is_chrome, is_prose, is_terminal, related_sections
from gkml.importer.labels import UNFIELDED, key_of, pairs_in_line, rank
from gkml.importer.layout import Layout
from gkml.importer.text import SPACES, clean_line, shown_line, tight, unpad
from gkml.importer.titles import names_a_document
from gkml.profile.synonyms import says_nothing, simplified


def stated(value: str) -> bool:
    return bool(value.strip(SPACES)) and not says_nothing(clean_line(value))  # '暫無'


# What a template prints where an agency's name belongs: the site or the agency itself ('本站', '本局'), its admin.
_NO_AGENCY = re.compile(r"^(?:[本我](?:站|网|网站|局|厅|委|办|院|部|署|单位|机关|部门|中心|所|处|科|室)|网站|网站管理员|(?:系统)?管理员"
                        r"|admin(?:istrator)?|(?:本站)?原创)$", re.IGNORECASE)


def names_no_agency(value: str) -> bool:
    """'本站', '本局', '管理员': a value that names no agency, printed as a 发布机构."""
    return _NO_AGENCY.match(simplified(tight(value))) is not None


def first_stated(pairs: list[tuple[str, str]], key: str) -> str | None:
    """The value of the label that names `key` most closely (成文日期 over 发文日期), else the first stated."""
    found = [(label, v) for label, v in pairs if key_of(label) == key and stated(v)]
    return shown_line(min(found, key=lambda pair: rank(pair[0]))[1]) if found else None


def all_stated(pairs: list[tuple[str, str]], key: str) -> list[str]:
    return [shown_line(v) for label, v in pairs if key_of(label) == key and stated(v)]


def unfielded(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The labelled values no field holds: a label the list does not know ('统一登记号：AHSD-2022-0010091'),
    a fact with no field (失效日期); not the page's chrome (字体：大 中 小, 浏览次数：128)."""
    return [(label, value) for label, value in pairs
            if stated(value) and not is_chrome(value)
            and (key_of(label) is None or simplified(unpad(label)).rstrip(":：") in UNFIELDED)]


def printed_doc_no(body: list[Block]) -> tuple[str, Block] | None:
    """The 文号 printed alone at the top of the body, under the title as the official document has it,
    and the line that prints it."""
    for block in body[:3]:
        if is_prose(block):
            return None
        if block.kind in ("text", "heading") and (number := values.whole_doc_no(tight(block.raw))):
            return number, block
    return None


# A second document after the first's 落款: its 解读 ('政策解读', '《…》政策解读', '【图解】…解读').
_INTERPRETATION = re.compile(r"^[【\[]?(?:政策|文件)?解读[】\]]?$|^(?!附件|相关).{2,60}(?:政策|文件)?解读(?:材料)?$")


def interpretation_heading(body: list[Block]) -> str | None:
    """The heading of a 解读 the page prints below the document's 落款 date, else None."""
    signed = False
    for block in body:
        if block.kind not in ("text", "heading", "item"):
            continue
        if is_date_line(block.text):
            signed = True
        elif signed and len(block.text) <= 60 and _INTERPRETATION.match(simplified(tight(block.raw))):
            return tight(block.raw)
    return None


def _same(key: str, one: str, other: str) -> bool:
    same = values.doc_no if key == "doc_no" else tight
    return same(unicodedata.normalize("NFKC", one)) == same(unicodedata.normalize("NFKC", other))


def second_document(body: list[Block], pairs: list[tuple[str, str]], own_doc_no: str | None) -> tuple[str, str, str] | None:
    """(heading or '', label, value) of another document the page prints beside its own, as two notices
    on one page do: a second 索引号 or 文号 its attributes state, or a heading of the body (or a name below
    the 落款 date) with its own 文号 or 索引号 line right under it."""
    own = {"index_no": first_stated(pairs, "index_no"), "doc_no": own_doc_no}
    headings = [tight(b.raw) for b in body if b.kind == "heading"]
    for label, value in pairs:
        key = key_of(label)
        if key in own and stated(value) and own[key] and not _same(key, shown_line(value), own[key] or ""):
            return next(iter(headings), ""), tight(label).rstrip(":："), shown_line(value)
    signed = False
    for block, below in pairwise(body):
        # a heading, or a document's name right below a 落款 date, then its own 文号 line
        headed = block.kind == "heading" or (signed and block.kind == "text" and names_a_document(block.raw))
        signed = block.kind in ("text", "heading") and is_date_line(block.text)
        if not headed or below.kind not in ("text", "heading"):
            continue
        alone = values.whole_doc_no(tight(below.raw)) if len(tight(below.raw)) <= 40 else None
        for label, value in pairs_in_line(below.raw) or ([("文号", alone)] if alone else []):
            key = key_of(label)
            if key in own and stated(value) and not _same(key, shown_line(value), own[key] or ""):
                return tight(block.raw), tight(label).rstrip(":："), shown_line(value)
    return None


def signed_line(body: list[Block]) -> str:
    """The 落款 date line: the last date-only line near the end, above any attachment lines."""
    for block in reversed(body[-8:]):
        if block.kind in ("text", "heading") and is_date_line(block.text):
            return block.text
    return ""


def published_stamp(pairs: list[tuple[str, str]], layout: Layout, meta: dict[str, str]) -> str | None:
    stated = [v for v in (published_value(value) for value in all_stated(pairs, "published")) if v]
    timed = next((v for v in stated if " " in v), None)
    if timed:
        return timed
    if layout.meta_time and (not stated or (stated[0] == layout.meta_time[:10] and " " in layout.meta_time)):
        return layout.meta_time
    if stated:
        return stated[0]
    for name in ("pubdate", "publishdate", "firstpublishedtime", "published"):
        if meta.get(name) and published_value(meta[name]):
            return published_value(meta[name])
    return None


# The article metadata of gov.cn templates (政府网站发展指引): where one of these is present,
# Keywords is the article's own, not a site-wide list written into every page.
_ARTICLE_META = ("articletitle", "contentsource", "pubdate")


def meta_value(meta: dict[str, str], name: str) -> str | None:
    """A <meta> value of the article, only from a template that writes article metadata."""
    if not any(meta.get(key, "").strip(SPACES) for key in _ARTICLE_META):
        return None
    value = clean_line(meta.get(name, ""))
    return value if stated(value) else None



_RELATED_HEADING = re.compile(r"^[【\[]?相关")
_READ_AS = re.compile(r"图解|读懂|《")  # how a 解读's own title reads: '一图读懂《…》'; not '网站地图' below the list


def _furniture(link: Anchor) -> bool:
    """A link of the page's own ('【打印此文】【关闭窗口】' under the list), not a document."""
    return link.href.lower().startswith("javascript:") or is_chrome(link.text) or is_terminal(link.text)


def related_interpretations(after: list[Block]) -> tuple[Anchor, ...]:
    """The 解读 a 相关解读 list below the document links ('相关解读：《…》政策解读'): documents of their own,
    which the catalogue links from their interprets, lost unless imported too."""
    found: dict[str, Anchor] = {}
    section = False  # inside a 相关解读 list, not a 相关链接 one
    for block, inside in zip(after, related_sections(after), strict=True):
        text = simplified(block.text)
        if _RELATED_HEADING.match(text):
            section = "解读" in text[:8]
        for link in block.links if inside else ():
            shown = simplified(link.text)
            named = "解读" in shown or (section and (_READ_AS.search(shown) is not None or names_a_document(shown)))
            if named and not _furniture(link):
                found.setdefault(link.href, link)
    return tuple(found.values())
