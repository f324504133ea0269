"""One saved page → what it states (`LegacyPage`). Pure: bytes in, values out; nothing invented."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from gkml.importer import listed
from gkml.importer.blocks import Block, text_blocks
from gkml.importer.bodylinks import BodyLink, body_links
from gkml.importer.dates import month_day, parse_date
from gkml.importer.decoding import archived, decode_page, looks_like_html
from gkml.importer.htmlparse import parse_html
from gkml.importer.labels import key_of
from gkml.importer.layout import recognise
from gkml.importer.linkedfiles import ATTACHMENT_TYPES, Link, file_name, linked_files
from gkml.importer.markdown import render
from gkml.importer.pagekind import (
    error_notice,
    is_listing,
)
from gkml.importer.scriptdata import drawn_page, script_title
from gkml.importer.scriptwrites import Unread
from gkml.importer.siteowner import site_owner
from gkml.importer.splitpages import other_pages, scripted_pages
from gkml.importer.statements import (
    all_stated,
    first_stated,
    interpretation_heading,
    meta_value,
    printed_doc_no,
    published_stamp,
    related_interpretations,
    second_document,
    signed_line,
    stated,
)
from gkml.importer.text import clean_line, has_cjk, tight
from gkml.importer.titles import (
    is_site_name,
    is_title_like,
    names_a_document,
    title_part,
    whole_title,
)


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
    site_owner: str | None = None  # the agency the footer names (主办单位, 版权所有): a proposal for publisher
    stamp_agency: str | None = None  # an agency named beside the date under the title, no label: publisher or source
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
    interpretation: str | None = None  # the heading of a 解读 printed below the document ('政策解读')
    interpretations: tuple[tuple[str, str], ...] = ()  # the 解读 a 相关解读 list links (text, href)
    links: tuple[BodyLink, ...] = ()  # the body's other links: kept, made absolute, or text and a TODO
    address: str = ""  # where the page says it is on the web (its relative links lead from there)
    body: tuple[Block, ...] = ()  # the body's blocks: rendered again once attachments have their file names
    attributes: tuple[tuple[str, str], ...] = ()  # every labelled value, for the report
    has_text: bool = False  # the page holds readable text at all
    frames: tuple[str, ...] = ()  # pages the page shows in a frame (its text may be there)
    listing: bool = False  # a column's list of documents, not a document
    error_notice: str | None = None  # what the site's error page says ('您访问的页面不存在'), not a document
    pager: str | None = None  # the pager of a body split over pages, as printed ('共3页 上一页 1 2 3 下一页')
    other_pages: tuple[str, ...] = ()  # the other pages of such a body, as linked: their text is not here
    first_page: str | None = None  # the first page of such a body, when this page is a later one
    scripted: bool = False  # the page runs scripts: a body they draw is not in the saved page
    script_title: str = ""  # the title a script's data gives the document they would show
    drawn: bool = False  # read from a script's data: the page's scripts draw it (a Vue or React page)
    computed: tuple[str, ...] = ()  # fields a script computes as it writes them: on the live page only
    unread: tuple[Unread, ...] = ()  # what scripts compute and write where no label stands: on the live page only
    unkept: tuple[tuple[str, str], ...] = ()  # (alt, src) of the body's pictures of a type no attachment has
    head_pictures: tuple[tuple[str, str], ...] = ()  # (alt, src) of pictures above the body: a red header, attributes
    other_document: tuple[str, str, str] | None = None  # (heading, label, value) of a second document the body prints


def parse_page(data: bytes, filename: str = "", attachment_types: tuple[str, ...] = ATTACHMENT_TYPES) -> LegacyPage:
    """Decode and read one saved page, HTML or text by its content."""
    text, encoding = decode_page(data)
    meta: dict[str, str] = {}
    fallback = ""
    page_title = ""
    columns: tuple[str, ...] = ()
    frames: tuple[str, ...] = ()
    address = ""
    scripted: tuple[tuple[str, ...], str | None] = ((), None)
    scripts: tuple[str, ...] = ()
    drawn: tuple[str, str] | None = None
    computed: tuple[str, ...] = ()
    unread: tuple[Unread, ...] = ()
    if looks_like_html(text, filename):
        html = parse_html(text)
        # A page its scripts draw, saved before they ran (at most its masthead, menu and footer shown):
        # the document its scripts' data holds, when the page does not show it.
        drawn = drawn_page(html.scripts) if any(html.scripts) else None
        if drawn and tight(drawn[0]) not in tight(" ".join(b.text for b in html.blocks)):
            html = replace(parse_html(drawn[1]), address=html.address)
        else:
            drawn = None
        page_title = html.title
        blocks, meta, fmt, frames = html.blocks, html.meta, "html", html.frames
        address = html.address or archived(data).address
        scripted, scripts, computed, unread = scripted_pages(text), html.scripts, html.computed, html.unread
        # TRS and JCMS write <title> as 标题_栏目_网站: the first part is a last-resort title,
        # a middle part a column name for the category.
        parts = [p for p in re.split(r"\s*(?:[_|｜]|\s-\s|—{2}|-{2,}|\s–\s)\s*", html.title.strip()) if p]
        fallback = meta.get("articletitle") or title_part(parts)
        columns = tuple(clean_line(p) for p in parts[1:-1])
    else:
        blocks, fmt = text_blocks(text), "text"
    # A <title> naming the site, or Word's author ('Administrator'), names no document.
    layout = recognise(blocks, fallback if has_cjk(fallback) and not is_site_name(fallback) else "")
    pairs = layout.pairs
    # '某某市人民政府办公室<br>关于印发…的通知': the <title> tells the two lines are one title.
    shown = tight(fallback) if layout.title and tight(fallback) == layout.title_lead + layout.title else layout.title
    # A breadcrumb that ends in the document's title ('首页 > 通知公告 > 关于…的通知') names it when
    # nothing else does (the <title> only the site's name).
    crumbed = layout.crumb[-1] if len(layout.crumb) > 2 and names_a_document(layout.crumb[-1]) else ""
    if crumbed and (not is_title_like(Block("text", crumbed)) or (fallback and not is_site_name(fallback))):
        crumbed = ""
    title = whole_title([tight(t) for t in (first_stated(pairs, "title"), shown, crumbed, fallback) if t])
    found = linked_files(layout, tuple(attachment_types), frames, title)
    files = {link.href: link.name for link in found}
    doc_no = first_stated(pairs, "doc_no")
    # The body's own 文号 line read into the field is said there once, not again as the body's first line.
    printed = None if doc_no else printed_doc_no(layout.body)
    body = [b for b in layout.body if (b.kind != "image" or b.links[0][1] in files) and (not printed or b is not printed[1])]
    unkept = tuple(dict.fromkeys((b.raw, b.links[0][1]) for b in layout.body if b.kind == "image" and b.links[0][1] not in files))
    if not any(b.text or b.rows or b.kind == "image" for b in body) and found:  # an attachments-only notice
        body = [Block("text", "附件："), *(Block("item", link.title, marker="•") for link in found)]
    links = body_links(body, address, files)
    markdown, paragraphs = render(body, files, {link.href: link.address for link in links if link.address})
    created_text = first_stated(pairs, "created")
    signed = signed_line(layout.body)
    published = published_stamp(pairs, layout, meta)
    signed_date = parse_date(signed) if signed else None
    categories = tuple(all_stated(pairs, "category"))
    pager, pages, first_page = other_pages(layout.after, scripted, filename)
    return LegacyPage(
        title=title,
        body_markdown=markdown,
        paragraphs=paragraphs,
        encoding=encoding,
        format=fmt,
        breadcrumb=layout.crumb,
        published=published,
        published_text=None if published else first_stated(pairs, "published"),
        created=parse_date(created_text) if created_text else None,
        signed_date=signed_date,
        signed_month_day=month_day(signed) if signed and signed_date is None else None,
        index_no=first_stated(pairs, "index_no"),
        doc_no=doc_no or (printed[0] if printed else None),
        publisher=first_stated(pairs, "publisher"),
        site_owner=site_owner(block.text for block in layout.after),
        stamp_agency=layout.stamp_agency or None,
        source=first_stated(pairs, "source") or meta_value(meta, "contentsource"),
        summary=first_stated(pairs, "summary"),
        genre=first_stated(pairs, "genre"),
        validity=first_stated(pairs, "validity"),
        disclosure=first_stated(pairs, "disclosure"),
        categories=categories,
        topics=first_stated(pairs, "topics"),
        keywords=first_stated(pairs, "keywords") or meta_value(meta, "keywords"),
        column=first_stated(pairs, "column") or (meta.get("columnname") or "").strip() or next(iter(columns), None),
        attachments=found,
        interpretation=interpretation_heading(body),
        other_document=second_document(body, pairs, doc_no or (printed[0] if printed else None)),
        interpretations=tuple((link.text, link.href) for link in related_interpretations(list(layout.after))),
        unlinked=listed.unlinked(body, [title for link in found for title in (link.title, link.name, link.alias)]),
        links=links,
        address=address,
        body=tuple(body),
        attributes=tuple((tight(label).rstrip(":："), clean_line(value)) for label, value in pairs),
        has_text=any(b.text or b.rows or b.pairs for b in blocks),
        frames=tuple(address for address in frames if not file_name(address, tuple(attachment_types))),
        listing=is_listing(blocks[:len(blocks) - len(layout.after)], tuple(attachment_types),
                           attributed=any(key_of(label) and stated(value) for label, value in pairs)),
        error_notice=error_notice(blocks, page_title, pairs),
        pager=pager,
        other_pages=pages,
        first_page=first_page,
        scripted=bool(scripts),
        script_title=script_title(scripts),
        drawn=drawn is not None,
        computed=computed,
        unread=unread,
        unkept=unkept,
        head_pictures=tuple(dict.fromkeys((b.raw, b.links[0][1]) for b in blocks[layout.start:len(blocks) - len(layout.after)]
                                          if b.kind == "image" and not any(b is kept for kept in layout.body))),
    )


def joined(first: LegacyPage, rest: Sequence[tuple[str, LegacyPage]]) -> LegacyPage:
    """`first` with the body of each later page read (address, page) after its own, in the pager's
    order: their pictures, attachments and links with it, the 落款 of the last; the pages not read
    still named."""
    if not rest:
        return first
    pages = [first, *(page for _, page in rest)]
    read = {address for address, _ in rest}
    body = tuple(block for page in pages for block in page.body)
    attachments = tuple({link.href: link for page in pages for link in page.attachments}.values())
    links = tuple(link for page in pages for link in page.links)
    markdown, paragraphs = render(body, {link.href: link.name for link in attachments},
                                  {link.href: link.address for link in links if link.address})
    signed = next((page for page in reversed(pages) if page.signed_date or page.signed_month_day), first)
    others = tuple(address for address in first.other_pages if address not in read)
    return replace(first, body=body, body_markdown=markdown, paragraphs=paragraphs, attachments=attachments,
                   links=links, unlinked=tuple(dict.fromkeys(n for page in pages for n in page.unlinked)),
                   signed_date=signed.signed_date, signed_month_day=signed.signed_month_day,
                   other_pages=others, pager=first.pager if others else None,
                   unread=tuple(dict.fromkeys(unread for page in pages for unread in page.unread)),
                   unkept=tuple(dict.fromkeys(picture for page in pages for picture in page.unkept)))
