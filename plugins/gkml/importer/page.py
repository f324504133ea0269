"""One saved page → what it states (`LegacyPage`). Pure: bytes in, values out; nothing invented."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal
from urllib.parse import unquote_to_bytes

from gkml.importer import listed, values
from gkml.importer.blocks import Anchor, Block, text_blocks
from gkml.importer.bodylinks import BodyLink, body_links
from gkml.importer.dates import is_date_line, month_day, parse_date, published_value
from gkml.importer.decoding import archived, decode_page, looks_like_html
from gkml.importer.furniture import crumb_items, is_prose, related_sections
from gkml.importer.htmlparse import parse_html
from gkml.importer.labels import key_of, rank
from gkml.importer.layout import Layout, recognise
from gkml.importer.links import path_and_query
from gkml.importer.markdown import AHEAD, render
from gkml.importer.text import SPACES, clean_line, has_cjk, shown_line, tight
from gkml.importer.titles import is_title_like, names_a_document

# Links to these are attachments (the document types the content model accepts); a profile
# that lists its own types passes them to parse_page.
ATTACHMENT_TYPES = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "dps",
                    "zip", "rar", "7z", "jpg", "jpeg", "png")


@lru_cache(maxsize=8)
def _extension(types: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\.(" + "|".join(map(re.escape, types)) + r")$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    title: str
    href: str
    name: str  # the file name the link points at
    alias: str = ""  # the file name its text or title shows when its address names another (wKgAAmYW.pdf)


@dataclass(frozen=True)
class LegacyPage:
    """What an old CMS page states, cleaned; what it does not state is None or empty."""

    title: str
    body_markdown: str
    paragraphs: tuple[str, ...]
    encoding: str
    format: Literal["text", "html"]
    breadcrumb: tuple[str, ...] = ()
    published: str | None = None  # 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'
    published_text: str | None = None  # a 发布日期 the page states but not as a complete date ('21-03-05')
    created: date | None = None  # 成文日期 as stated
    signed_date: date | None = None  # the 落款 date, when complete
    signed_month_day: tuple[int, int] | None = None  # a 落款 date that lost its year ('年十二月三日')
    index_no: str | None = None  # as stated
    doc_no: str | None = None
    publisher: str | None = None
    source: str | None = None
    summary: str | None = None
    genre: str | None = None
    validity: str | None = None
    disclosure: str | None = None  # 公开方式 as stated
    categories: tuple[str, ...] = ()  # 信息分类 / 分类 values
    topics: str | None = None  # 主题分类 as stated
    keywords: str | None = None  # 主题词 as stated
    column: str | None = None  # 栏目
    attachments: tuple[Link, ...] = ()
    unlinked: tuple[str, ...] = ()  # attachments the body names under 附件： that the page links nowhere
    links: tuple[BodyLink, ...] = ()  # the body's other links: kept, made absolute, or text and a TODO
    address: str = ""  # where the page says it is on the web (its relative links lead from there)
    body: tuple[Block, ...] = ()  # the body's blocks: rendered again once attachments have their file names
    attributes: tuple[tuple[str, str], ...] = ()  # every labelled value, for the report
    has_text: bool = False  # the page holds readable text at all
    frames: tuple[str, ...] = ()  # pages the page shows in a frame (its text may be there)
    listing: bool = False  # a column's list of documents, not a document
    error_notice: str | None = None  # what the site's error page says ('您访问的页面不存在'), not a document


# What a site's error page says: the page was removed or not found, the server failed, access was refused.
_ERROR_PAGE = re.compile(
    r"(?:页面|网页|文章|信息|内容|文件|资源)(?:已经?)?(?:被)?(?:删除|撤下|撤销|下线|过期|不存在|找不到|未找到)"
    r"|(?:找不到|未找到|无法找到|无法访问|无法显示)(?:该|此|您)?(?:所?要)?(?:访问|请求|查看)?的?(?:页面|网页|文件|资源|内容)"
    r"|系统(?:繁忙|错误|维护|异常)|服务器(?:错误|繁忙|内部错误)|出错了|访问出错|禁止访问|无权访问|没有访问权限"
    r"|\b(?:40[034]|50[0234])\b.{0,20}(?:Not Found|Forbidden|Error|Unavailable|Bad Gateway)"
    r"|Page Not Found|Error\s*:?\s*(?:40[034]|50[0234])\b",
    re.IGNORECASE)


def _error_notice(blocks: Sequence[Block], title: str, pairs: list[tuple[str, str]]) -> str | None:
    """The line of a short page that states nothing (no attribute) and says it is an error page."""
    if any(key_of(label) for label, value in pairs if _stated(value)):
        return None
    lines = [b.text for b in blocks if b.kind in ("text", "heading", "item")]
    if sum(map(len, lines)) > 400:
        return None
    return next((line[:80] for line in (*lines, clean_line(title)) if _ERROR_PAGE.search(line)), None)


_LISTED_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")


def _linked_rows(rows: Sequence[Sequence[str]], pages: Sequence[str]) -> list[bool]:
    """For each row, whether a cell shows one of `pages` (link texts), looked for in order a few
    ahead, as the table is rendered: every row tried every link (8,000 rows: 64 million tries)."""
    flags: list[bool] = []
    first = 0
    for row in rows:
        hit = next((n for n in range(first, min(first + AHEAD, len(pages))) if any(pages[n] in cell for cell in row)), None)
        first = first if hit is None else hit + 1
        flags.append(hit is not None)
    return flags


def _is_listing(blocks: Sequence[Block], types: tuple[str, ...]) -> bool:
    """A column's document list: lines (list items, table rows) that each link a page and give its
    date make most of what is above the footer, and no paragraph of prose stands among them."""
    lines: list[tuple[str, bool]] = []  # (text, links a page)
    for block in blocks:
        pages = [link.text for link in block.links if not file_name(link.href, types)]
        if block.kind == "table":
            lines += [(" ".join(row), linked) for row, linked in zip(block.rows, _linked_rows(block.rows, pages), strict=True)]
        elif block.kind in ("text", "item") and crumb_items(block.raw) is None:
            if is_prose(block) and not block.links:
                return False
            lines.append((block.text, bool(pages)))
    dated = sum(1 for text, linked in lines if linked and _LISTED_DATE.search(text))
    return dated >= 3 and dated >= 0.6 * len(lines)


# What templates print in an empty attribute cell.
_NOTHING = frozenset({"无", "暂无", "空", "-", "--", "—", "——", "/", "／", "null", "none", "undefined", "&nbsp;"})


def _stated(value: str) -> bool:
    return bool(value.strip(SPACES)) and clean_line(value).lower() not in _NOTHING


def _first(pairs: list[tuple[str, str]], key: str) -> str | None:
    """The value of the label that names `key` most closely (成文日期 over 发文日期), else the first stated."""
    stated = [(label, v) for label, v in pairs if key_of(label) == key and _stated(v)]
    return shown_line(min(stated, key=lambda pair: rank(pair[0]))[1]) if stated else None


def _all(pairs: list[tuple[str, str]], key: str) -> list[str]:
    return [shown_line(v) for label, v in pairs if key_of(label) == key and _stated(v)]


def url_unquote(text: str) -> str:
    """Percent-decoded text of a link: UTF-8, else GB18030 (old ASP/IIS sites escape file names in GBK)."""
    raw = unquote_to_bytes(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def file_name(href: str, types: tuple[str, ...] = ATTACHMENT_TYPES) -> str:
    """The file a link names: its path's last part, or a `filename=` query value (download.jsp?filename=…)."""
    path, query = path_and_query(href)
    name = url_unquote(path.rsplit("/", 1)[-1])
    extension = _extension(types)
    if extension.search(name):
        return name
    for pair in re.split(r"[&;]", query):
        candidate = url_unquote(pair.partition("=")[2].replace("+", " ")).rsplit("/", 1)[-1]
        if extension.search(candidate):
            return candidate
    return ""


_GENERIC_LINK = re.compile(r"^[【\[（(]?(?:点击)?(?:下载|查看|浏览|打开|附件下载|下载附件|此处|这里)[】\]）)]?$")
_ATTACHMENT_PREFIX = re.compile(r"^(?:相关)?附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、]?\s*")
# '附件1：检查表' inside the link: the label, not the title ('附件材料清单' keeps its word).
_ATTACHMENT_LABEL = re.compile(r"^(?:相关)?附件\s*(?:[0-9０-９一二三四五六七八九十]+(?:\s*[:：.、．]|\s+)|[:：])\s*")

# '1.活动方案.pdf', '3、统计表', '（2）报名表', '1.2020年度…': the number the attachment list printed, not
# the file's title ('1.5米以下…' and '2024年…' keep theirs).
_LIST_NUMBER = re.compile(r"^(?:[0-9０-９]{1,2}\s*(?:、|[.．](?=[0-9０-９]{4}年|[^0-9０-９]))|[（(][0-9０-９]{1,2}[)）])\s*")


def _link_title(text: str, line: str, types: tuple[str, ...]) -> str:
    """A link's title; for a bare 'download' link, the rest of its line ('附件1：检查表 [下载]' → 检查表)."""
    text = text.strip(SPACES)
    if _GENERIC_LINK.match(text):
        rest = line.replace(text, "").strip(SPACES + "[]【】()（）")
        text = _ATTACHMENT_PREFIX.sub("", rest).strip(SPACES + "：:")
    text = _ATTACHMENT_LABEL.sub("", text) or text
    text = _LIST_NUMBER.sub("", text) or text
    return _extension(types).sub("", text)


def _named_in_text(text: str, href: str, types: tuple[str, ...]) -> str:
    """The file a download link's text names when its address does not: '/download.do?id=88231',
    or a script whose argument is no address ('javascript:void(0)'), showing '方案.docx'."""
    if href.lower().startswith(("mailto:", "tel:")):
        return ""
    name = _ATTACHMENT_LABEL.sub("", text.strip(SPACES)).strip(SPACES)
    return name if _extension(types).search(name) and "/" not in name and len(name) <= 120 else ""


def _attachments(layout: Layout, types: tuple[str, ...], frames: tuple[str, ...] = (), title: str = "") -> tuple[Link, ...]:
    """Linked files of the body and below it, then files the page shows in a frame (an embedded PDF:
    the document itself, named by its title)."""
    related = related_sections(layout.after)
    # Pictures below the body are the page's (badges, QR codes), not the document's.
    blocks = list(layout.body) + [b for b, inside in zip(layout.after, related, strict=True)
                                  if not inside and b.kind != "image"]
    blocks.append(Block("text", "", links=tuple(Anchor(title, address) for address in frames)))
    found: list[Link] = []
    seen: set[str] = set()
    for block in blocks:
        for text, href, hint in block.links:
            by_address = file_name(href, types) if not href.lower().startswith(("javascript:", "mailto:")) else ""
            # '检查情况统计表.pdf' (or <a title="…">) over '/u/wKgAAmYW.pdf' or 'download.do?id=8': the name an editor saves it by
            shown = _named_in_text(text, href, types) or _named_in_text(hint, href, types)
            name = by_address or shown
            key = href if by_address else f"{href}\n{name}"  # one address that names no file serves many
            if not name or key in seen:
                continue
            seen.add(key)
            found.append(Link(_link_title(text, block.text, types) or _extension(types).sub("", name), href, name,
                              shown if shown != name else ""))
    return tuple(found)


def _printed_doc_no(body: list[Block]) -> str | None:
    """The 文号 printed alone at the top of the body, under the title as the official document has it."""
    for block in body[:3]:
        if is_prose(block):
            return None
        if block.kind in ("text", "heading") and (number := values.whole_doc_no(tight(block.raw))):
            return number
    return None


def _signed_line(body: list[Block]) -> str:
    """The 落款 date line: the last date-only line near the end, above any attachment lines."""
    for block in reversed(body[-8:]):
        if block.kind in ("text", "heading") and is_date_line(block.text):
            return block.text
    return ""


def _published(pairs: list[tuple[str, str]], layout: Layout, meta: dict[str, str]) -> str | None:
    stated = [v for v in (published_value(value) for value in _all(pairs, "published")) if v]
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


# What names a site or an agency in a <title>, not a document: '安徽省应急管理厅', '某某市人民政府门户网站'.
SITE_NAME = re.compile(r"^(?!关于).{2,30}(?:网站|门户网?|政府网|政务网|信息网|人民政府|信息公开|政务公开|公开目录"
                        r"|[局厅委办署院])$")
_SITE_SUFFIX = re.compile(r"(?<=\S)-(?=[^-]+$)")  # '关于…的通知-安徽省应急管理厅': a hyphen without spaces
_COLUMN_TAG = re.compile(r"^[【\[][^】\]]{2,10}[】\]]\s*(?=\S)")  # '【通知公告】关于…'


def _title_part(parts: list[str]) -> str:
    """The document's title among the parts of a <title>: the first that names no site or agency
    (some sites write 网站_标题), without a column tag before it or a site name after a hyphen."""
    named = [part for part in parts if not SITE_NAME.match(tight(part))]
    title = next(iter(named or parts), "")
    head, _, tail = title.rpartition("-") if _SITE_SUFFIX.search(title) else ("", "", "")
    if head and SITE_NAME.match(tight(tail)):
        title = head
    return _COLUMN_TAG.sub("", title)


# A title a CMS cut to fit its cell or <title>: '关于印发…2021年安全生...'.
TRUNCATED = re.compile(r"(?:\.{3,}|…+|。{3,})$")


def _whole_title(candidates: list[str]) -> str:
    """The first title the page states, or, when it was cut short, another that continues it
    (the 名称 cell cut, the heading above the body whole). A cut title with nothing whole stays cut."""
    first = next(iter(candidates), "")
    stem = TRUNCATED.sub("", first)
    if stem == first:
        return first
    return next((c for c in candidates[1:] if c.startswith(stem) and not TRUNCATED.search(c)), first)


# The article metadata of gov.cn templates (政府网站发展指引): where one of these is present,
# Keywords is the article's own, not a site-wide list written into every page.
_ARTICLE_META = ("articletitle", "contentsource", "pubdate")


def _meta_value(meta: dict[str, str], name: str) -> str | None:
    """A <meta> value of the article, only from a template that writes article metadata."""
    if not any(meta.get(key, "").strip(SPACES) for key in _ARTICLE_META):
        return None
    value = clean_line(meta.get(name, ""))
    return value if _stated(value) else None


def parse_page(data: bytes, filename: str = "", attachment_types: tuple[str, ...] = ATTACHMENT_TYPES) -> LegacyPage:
    """Decode and read one saved page, HTML or text by its content."""
    text, encoding = decode_page(data)
    meta: dict[str, str] = {}
    fallback = ""
    page_title = ""
    columns: tuple[str, ...] = ()
    frames: tuple[str, ...] = ()
    address = ""
    if looks_like_html(text, filename):
        html = parse_html(text)
        page_title = html.title
        blocks, meta, fmt, frames = html.blocks, html.meta, "html", html.frames
        address = html.address or archived(data).address
        # TRS and JCMS write <title> as 标题_栏目_网站: the first part is a last-resort title,
        # a middle part a column name for the category.
        parts = [p for p in re.split(r"\s*(?:[_|｜]|\s-\s|—{2}|-{2,}|\s–\s)\s*", html.title.strip()) if p]
        fallback = meta.get("articletitle") or _title_part(parts)
        columns = tuple(clean_line(p) for p in parts[1:-1])
    else:
        blocks, fmt = text_blocks(text), "text"
    # A <title> naming the site, or Word's author ('Administrator'), names no document.
    layout = recognise(blocks, fallback if has_cjk(fallback) and not SITE_NAME.match(tight(fallback)) else "")
    pairs = layout.pairs
    # '某某市人民政府办公室<br>关于印发…的通知': the <title> tells the two lines are one title.
    shown = tight(fallback) if layout.title and tight(fallback) == layout.title_lead + layout.title else layout.title
    # A breadcrumb that ends in the document's title ('首页 > 通知公告 > 关于…的通知') names it when
    # nothing else does (the <title> only the site's name).
    crumbed = layout.crumb[-1] if len(layout.crumb) > 2 and names_a_document(layout.crumb[-1]) else ""
    if crumbed and (not is_title_like(Block("text", crumbed)) or (fallback and not SITE_NAME.match(tight(fallback)))):
        crumbed = ""
    title = _whole_title([tight(t) for t in (_first(pairs, "title"), shown, crumbed, fallback) if t])
    found = _attachments(layout, tuple(attachment_types), frames, title)
    files = {link.href: link.name for link in found}
    body = [b for b in layout.body if b.kind != "image" or b.links[0][1] in files]  # a picture no attachment keeps
    if not any(b.text or b.rows or b.kind == "image" for b in body) and found:  # an attachments-only notice
        body = [Block("text", "附件："), *(Block("item", link.title, marker="•") for link in found)]
    links = body_links(body, address, files)
    markdown, paragraphs = render(body, files, {link.href: link.address for link in links if link.address})
    created_text = _first(pairs, "created")
    signed = _signed_line(layout.body)
    published = _published(pairs, layout, meta)
    signed_date = parse_date(signed) if signed else None
    categories = tuple(_all(pairs, "category"))
    return LegacyPage(
        title=title,
        body_markdown=markdown,
        paragraphs=paragraphs,
        encoding=encoding,
        format=fmt,
        breadcrumb=layout.crumb,
        published=published,
        published_text=None if published else _first(pairs, "published"),
        created=parse_date(created_text) if created_text else None,
        signed_date=signed_date,
        signed_month_day=month_day(signed) if signed and signed_date is None else None,
        index_no=_first(pairs, "index_no"),
        doc_no=_first(pairs, "doc_no") or _printed_doc_no(layout.body),
        publisher=_first(pairs, "publisher"),
        source=_first(pairs, "source") or _meta_value(meta, "contentsource"),
        summary=_first(pairs, "summary"),
        genre=_first(pairs, "genre"),
        validity=_first(pairs, "validity"),
        disclosure=_first(pairs, "disclosure"),
        categories=categories,
        topics=_first(pairs, "topics"),
        keywords=_first(pairs, "keywords") or _meta_value(meta, "keywords"),
        column=_first(pairs, "column") or (meta.get("columnname") or "").strip() or next(iter(columns), None),
        attachments=found,
        unlinked=listed.unlinked(body, [title for link in found for title in (link.title, link.name, link.alias)]),
        links=links,
        address=address,
        body=tuple(body),
        attributes=tuple((tight(label).rstrip(":："), clean_line(value)) for label, value in pairs),
        has_text=any(b.text or b.rows or b.pairs for b in blocks),
        frames=tuple(address for address in frames if not file_name(address, tuple(attachment_types))),
        listing=_is_listing(blocks[:len(blocks) - len(layout.after)], tuple(attachment_types)),
        error_notice=_error_notice(blocks, page_title, pairs),
    )
