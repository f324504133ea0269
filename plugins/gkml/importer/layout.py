"""Where the breadcrumb, the title, the attributes and the body of a saved page are.

The same rules read an HTML page and a text save: both are blocks in reading
order. The head (looked for above the first paragraph of prose or footer row)
is everything up to the title, then the attribute, date and chrome lines right
under it; the body runs from there to the first footer row (share/print/close,
上一篇, 相关解读, 主办…承办, 版权所有…).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from gkml.importer import values
from gkml.importer.blocks import Anchor, Block
from gkml.importer.dates import beside_date, parse_datetime
from gkml.importer.furniture import (
    article_goes_on,
    crumb_items,
    footer_tail,
    is_chrome,
    is_prose,
    is_terminal,
)
from gkml.importer.labels import (
    glued_pair,
    is_label_only,
    key_of,
    pairs_in_line,
    starts_with_label,
    tabbed_columns,
    tabbed_pairs,
)
from gkml.importer.text import AGENCY_END, IDEO, SPACES, tight
from gkml.importer.titles import (
    repeated_title,
    title_goes_on,
    title_index,
)

_NO_LINE = ("table", "image")  # blocks that are not a line of text


@dataclass
class Layout:
    crumb: tuple[str, ...] = ()
    start: int = 0  # the first block below the breadcrumb (above it: the site's masthead)
    title: str = ""
    title_lead: str = ""  # the line right above the title: the issuer's name a <br> broke off it, perhaps
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (label, value) as stated
    body: list[Block] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)  # below the body: related lists, footer
    meta_time: str | None = None  # a bare date-time beside the title (gkmlpt date rows)
    stamp_agency: str = ""  # an agency's name printed beside that date with no label ('2024-03-05　某某局')
    field_links: tuple[Anchor, ...] = ()  # what the attribute tables link (a 附件 row's files)


def _meta_line(block: Block) -> bool:
    """'发布时间：2010-12-07 08:54  来源：…' or '2020-07-30 15:20:08来源：本网': a date line of the head."""
    return (block.kind in ("text", "heading") and len(block.raw) < 200
            and parse_datetime(block.raw) is not None and bool(pairs_in_line(block.raw)))


def recognise(blocks: Sequence[Block], named: str = "") -> Layout:
    """`named`: the title the page's <title> gives, if any; a line printing it is the title."""
    layout = Layout()
    crumb_at = next((i for i, b in enumerate(blocks) if b.kind in ("text", "heading", "item")
                     and crumb_items(b.raw) is not None), None)
    start = 0
    if crumb_at is not None:
        layout.crumb = crumb_items(blocks[crumb_at].raw) or ()
        start = layout.start = crumb_at + 1
    # The head ends at the first paragraph of prose, and at the latest at the footer.
    prose = next((i for i in range(start, len(blocks)) if is_prose(blocks[i])
                  or (blocks[i].kind in ("text", "heading", "item") and is_terminal(blocks[i].text))), len(blocks))
    found: dict[int, list[tuple[str, str]]] = {}  # head lines and blocks: their pairs
    meta_lines: list[int] = []
    columns_end = -2  # the values row of the last labels row read by columns
    i = start
    while i < prose:
        block = blocks[i]
        if block.kind == "fields":
            found[i] = list(block.pairs)
        elif (block.kind == "table" and (columns := values.transposed(block.rows))
              and not any(blocks[j].kind == "text" and j not in found and not is_chrome(blocks[j].raw)
                          for j in range(start, i))):
            found[i] = columns  # a labels row over the values under the title, before any line of text
        elif i + 1 < prose and (by_columns := tabbed_columns(block.raw, blocks[i + 1].raw,
                                                             anchored=i != columns_end + 1)):
            found[i], found[i + 1] = by_columns, []  # a labels row over a values row, saved as text
            i += 1
            columns_end = i  # the grid's next labels row need not hold 索引号 or 发布机构
        elif (block.kind in ("text", "heading", "item") and len(block.raw) <= 2000
              and (starts_with_label(block.raw) or _meta_line(block) or tabbed_pairs(block.raw))):
            found[i] = tabbed_pairs(block.raw) or pairs_in_line(block.raw)
            # A label alone on its line (a table saved cell by cell): the value is the next line.
            # A tab after it means the cell was empty.
            if (is_label_only(block.raw) and "\t" not in block.raw.strip(" \u3000") + block.raw[-1:]
                    and i + 1 < prose and not starts_with_label(blocks[i + 1].raw)):
                found[i] = [(block.raw.strip(SPACES).rstrip(":："), blocks[i + 1].raw.strip(SPACES))]
                i += 1
                found[i] = []
            stamp = parse_datetime(block.raw[:25]) if not starts_with_label(block.raw) else None
            if stamp and _meta_line(block) and not layout.meta_time:  # '2020-07-30 来源：本网'
                timed = stamp[1] and stamp[1] != "00:00"
                layout.meta_time = f"{stamp[0].isoformat()} {stamp[1]}" if timed else stamp[0].isoformat()
            # The title stands above the line that says when the page was published.
            if stamp or any(key_of(label) == "published" for label, _ in found[i]):
                meta_lines.append(i)
        elif glued := _glued(blocks, i, start, prose):
            found[i] = [glued]
            if key_of(glued[0]) == "published":
                meta_lines.append(i)
        i += 1
    stated = next((value for j in sorted(found) for label, value in found[j]
                   if key_of(label) == "title" and value.strip(SPACES)), None)
    title_at = title_index(blocks, start, prose, stated, meta_lines, set(found), tight(named))
    # Values above the title that print no label (a template names them by CSS class only) are
    # still what they are when their form says so: an index number, a 文号.
    for i in range(start, title_at or start):
        shaped = _shaped(blocks[i]) if i not in found else None
        if shaped:
            found[i] = [(shaped, blocks[i].raw)]
    # One bare date among them is the page's publication stamp, as one right under the title is.
    dates = [stamp for i in range(start, title_at or start) if i not in found
             and blocks[i].kind in ("text", "item") and (stamp := _stamp(blocks[i].text))]
    if len(dates) == 1:
        layout.meta_time = layout.meta_time or dates[0]
    # The head: everything up to the title, then the attribute, date and chrome lines right
    # under it. A label line further down ("（来源：…）" at the end) is body text.
    tail = 1 if title_at is not None and not stated and title_goes_on(blocks, title_at) else 0
    anchor = title_at + tail if title_at is not None else min(found, default=start - 1)
    head_end = anchor
    # A table or a picture has no line text: it is never chrome (a body may start with one right here).
    notes: list[Block] = []  # '（…常务会议通过）' between a 规章's title and the date line: the body's first line
    while head_end + 1 < prose and (_between(blocks, head_end + 1, found) or head_end + 1 in found or blocks[head_end + 1].kind == "fields"
                                    or (blocks[head_end + 1].kind not in _NO_LINE
                                        and is_chrome(blocks[head_end + 1].raw))
                                    or (head_end + 2 in found and _note(blocks[head_end + 1], notes))):
        head_end += 1
    pairs = [pair for j in sorted(found) if j <= head_end for pair in found[j]]
    # Attribute tables elsewhere (some CMSs put them below the body) are read too, after the head's.
    pairs += [pair for j, b in enumerate(blocks) if b.kind == "fields" and j > head_end for pair in b.pairs]
    layout.pairs = pairs
    layout.field_links = tuple(link for b in blocks if b.kind == "fields" for link in b.links)
    if title_at is not None:
        layout.title = "".join(tight(blocks[n].raw) for n in range(title_at, title_at + tail + 1))
        if title_at > start and blocks[title_at - 1].kind in ("text", "heading"):
            layout.title_lead = tight(blocks[title_at - 1].raw)
    body_start = head_end + 1 if head_end >= start else start
    # A bare date (or date-time) line right under the head is its publication stamp, not body text;
    # so is one printed beside the 文号 ('皖政办〔2024〕3号　2024-03-01'), which is the 文号.
    while body_start < len(blocks) and blocks[body_start].kind in ("text", "heading"):
        stamp, number = _stamp(blocks[body_start].text), None
        if stamp is None and (numbered := _numbered_stamp(blocks[body_start].raw)):
            number, stamp = numbered
        if stamp is None and not layout.stamp_agency and (named := _named_stamp(blocks[body_start].raw)):
            layout.stamp_agency, stamp = named
        if stamp is None:
            break
        layout.meta_time = layout.meta_time or stamp
        if number:
            layout.pairs.append(("文号", number))
        body_start += 1
    # A title printed again right under the head (heading and 标题 cell alike), also when a
    # <br> in the heading breaks it over two or three lines.
    title = layout.title or tight(stated or "")
    while body_start < len(blocks) and title:
        repeat = repeated_title(blocks, body_start, title)
        if not repeat:
            break
        body_start += repeat
    # A share or print bar between the head and the article ('分享到：' under the title) is the
    # head's furniture: only one below some of the article ends it.
    opened = next((j for j in range(body_start, len(blocks)) if blocks[j].kind in _NO_LINE
                   or not is_chrome(blocks[j].raw)), len(blocks))
    end = next((j for j in range(opened, len(blocks)) if blocks[j].kind in ("text", "heading", "item")
                and is_terminal(blocks[j].text) and not article_goes_on(blocks, j)), len(blocks))
    end = body_start + footer_tail(blocks[body_start:end])  # a footer with no 版权所有 or ICP line below the 落款
    layout.body = notes + [b for b in blocks[body_start:end] if b.kind in _NO_LINE or (b.kind != "fields" and not is_chrome(b.raw))]
    closing = _closing_attributes(layout.body)
    layout.pairs += [pair for b in layout.body[closing:] for pair in pairs_in_line(b.raw)]
    layout.body = layout.body[:closing]
    layout.after = list(blocks[end:])
    return layout


_BRACKETED = re.compile(r"^[（(][^（）()]{4,200}[）)]$")


def _note(block: Block, notes: list[Block]) -> bool:
    """A line in brackets (a 规章's '（2024年3月1日市人民政府第18次常务会议通过）'), kept in `notes`."""
    if block.kind != "text" or not _BRACKETED.match(tight(block.raw)):
        return False
    notes.append(block)
    return True


def _closing_attributes(body: Sequence[Block]) -> int:
    """Where the attribute lines closing the body start ('索引号：…' '发布机构：…' printed as lines below
    the article, as some templates do), else its end: two values or more, one the 索引号 or 发布机构."""
    at = len(body)
    while at > 1 and body[at - 1].kind in ("text", "item") and len(body[at - 1].raw) <= 300 and starts_with_label(body[at - 1].raw):
        at -= 1
    keys = [key for b in body[at:] for label, value in pairs_in_line(b.raw) if value.strip(SPACES) and (key := key_of(label))]
    return at if len(keys) >= 2 and {"index_no", "publisher"} & set(keys) else len(body)


def _between(blocks: Sequence[Block], i: int, found: dict[int, list[tuple[str, str]]]) -> bool:
    """A 文号 or index number alone between the title and the head's attribute or date lines
    (title, '某政〔2024〕7号', '发布日期：…'): the head's, taken as what its form says."""
    if i in found or i + 1 not in found or not (shaped := _shaped(blocks[i])):
        return False
    same = values.doc_no if shaped == "文号" else tight  # '（某政〔2024〕7号）' under the table's 某政〔2024〕7号
    if any(key_of(label) == key_of(shaped) and same(value) != same(blocks[i].raw)
           for pairs in found.values() for label, value in pairs):  # another 文号 stated: this one stays body text
        return False
    found[i] = [(shaped, blocks[i].raw)]
    return True


def _glued(blocks: Sequence[Block], i: int, start: int, prose: int) -> tuple[str, str] | None:
    """A head line that is a label glued to its value ('发布日期2024-05-21'): one whose value has its
    field's form, or (a name: '发布机构安徽省应急管理厅') one beside such a line."""
    if blocks[i].kind not in ("text", "item") or not (pair := glued_pair(blocks[i].raw)):
        return None
    if values.has_form(pair[0]):
        return pair if values.formed(pair) else None
    beside = (blocks[j] for j in (i - 1, i + 1) if start <= j < prose)
    return pair if any(b.kind in ("text", "item") and values.formed(glued_pair(b.raw)) for b in beside) else None


def _shaped(block: Block) -> str | None:
    """The label of a line that is an index number or a 文号 alone, by its form."""
    text = tight(block.raw)
    if block.kind not in ("text", "item", "heading") or len(text) > 40:  # '<h1>某政〔2024〕7号</h1>' too
        return None
    if values.index_no(text):
        return "索引号"
    return "文号" if values.whole_doc_no(text) else None


def _stamp_beside(text: str, other: Callable[[str], str | None], longest: int) -> tuple[str, str] | None:
    """(what `other` reads, date) of a line printing a date and one other thing side by side, in either order."""
    parts = re.split(f"[{SPACES}]+", text.strip(SPACES)) if len(text) <= longest else []
    for n in range(1, len(parts)):
        left, right = " ".join(parts[:n]), " ".join(parts[n:])
        for thing, when in ((left, right), (right, left)):
            if (read := other(thing)) and (stamp := _stamp(when)):
                return read, stamp
    return None


def _numbered_stamp(text: str) -> tuple[str, str] | None:
    """(文号, date) of a line printing the two side by side, in either order ('皖政办〔2024〕3号 2024-03-01')."""
    return _stamp_beside(text, values.whole_doc_no, 80)


_AGENCY = re.compile(rf"(?:中共)?[{IDEO}（）()]{{2,30}}?{AGENCY_END}")


def _named_stamp(text: str) -> tuple[str, str] | None:
    """(agency, date) of a line printing a date and an agency's name side by side, no label, in either
    order ('2024-03-05 10:30　合肥市应急管理局', as mobile templates print it)."""
    return _stamp_beside(text, lambda name: name if _AGENCY.fullmatch(name) else None, 60)


def _stamp(text: str) -> str | None:
    """'2020-07-30' / '2020-07-30 15:20:08' / '2020年7月30日' alone on a line, as 发布日期 writes it, its
    weekday beside it or not ('2024-04-03　星期三'); not a date in brackets ('（2024年4月2日）': a 规章's adoption)."""
    if len(text) > 25 or not (re.fullmatch(r"[\d\s年月日:：./\-时分秒]+", text)
                              or (not re.search(r"[（()）\[\]【】]", text) and not beside_date(text))):
        return None
    found = parse_datetime(text)
    if found is None:
        return None
    return f"{found[0].isoformat()} {found[1]}" if found[1] and found[1] != "00:00" else found[0].isoformat()
