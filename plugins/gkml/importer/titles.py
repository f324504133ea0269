"""Which line of a page is the document's title: the stated 名称 or the <title>'s as printed
(whole, broken by <br>s, shorter or longer), else the heading above the date line, else the
first line that could be one; which part of a <title> names the document, not the site; a title
cut short, made whole by another the page prints."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gkml.importer import values
from gkml.importer.blocks import Block
from gkml.importer.dates import is_date_line, parse_datetime
from gkml.importer.furniture import crumb_items, is_chrome, is_terminal
from gkml.importer.labels import starts_with_label
from gkml.importer.markdown import heading_level
from gkml.importer.text import has_cjk, tight
from gkml.profile.synonyms import simplified

_MASTHEAD = re.compile(r"^.{2,24}文件$")  # an official document's red header: '某某县应急管理局文件'
_SUBTITLE = re.compile(r"^(?:—|－|-|─|━){1,2}")


def is_title_like(block: Block) -> bool:
    """A line that could be the document's title: not a numbered section heading ('一、部门基本情况'),
    a subtitle ('——在全市安全生产工作会议上的讲话'), a red header ('某某县应急管理局文件') or a 文号."""
    text = block.text
    return (block.kind in ("text", "heading") and 4 <= len(text) <= 200 and has_cjk(text) and not heading_level(text)
            and not _SUBTITLE.match(text) and not _MASTHEAD.match(text) and not values.whole_doc_no(tight(text))
            and not text.endswith((":", "：")) and "。" not in text and crumb_items(block.raw) is None
            and not starts_with_label(block.raw) and not is_chrome(block.raw) and not is_terminal(text)
            and not is_date_line(text) and (parse_datetime(text[:25]) is None or _dated_words(text)) and not _menu(block))


# A date written inside a title's words ('关于召开2024年6月20日会议的通知', '某县2024年6月20日常务会议纪要'):
# a stamp line's date stands at its start or end, beside a label, a name or a space.
_DATE_IN_WORDS = re.compile(r"[\u4e00-\u9fff](?:\d{4}|[〇○零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日[\u4e00-\u9fff]")


def _dated_words(text: str) -> bool:
    return _DATE_IN_WORDS.search(text[:40]) is not None


def _menu(block: Block) -> bool:
    """A line of two or more links and nothing else ('首页 政务公开 办事服务'): the site's menu."""
    linked = sum(len(tight(link.text)) for link in block.links)
    return len(block.links) >= 2 and linked >= 0.9 * len(tight(block.text))


# How an official document's title ends: its kind ('…的通知', '…办法（试行）').
_TITLE_END = re.compile(r"(?:通知|决定|意见|办法|方案|规定|细则|通告|公告|通报|报告|批复|请示|函|纪要|规划|计划|要点"
                        r"|预案|总结|说明|制度|指南|清单|名单|公示|决议|命令|议案)(?:[（(][^）)]{1,12}[）)])?$")


def names_a_document(text: str) -> bool:
    """'关于…', '…的通知': a text worded as a document's title, not a column's name ('法定主动公开内容')."""
    shadow = simplified(text)  # '關於…的通知'
    return shadow.startswith("关于") or _TITLE_END.search(shadow) is not None


def title_goes_on(blocks: Sequence[Block], at: int) -> bool:
    """A title a <br> broke over two lines ('…关于开展危险化学品' / '企业安全生产专项检查的通知'): the
    next line completes it as a title ends, the title alone does not."""
    if at + 1 >= len(blocks) or not is_title_like(blocks[at + 1]):
        return False
    title, rest = simplified(tight(blocks[at].raw)), simplified(tight(blocks[at + 1].raw))
    return (not _TITLE_END.search(title) and len(rest) <= 60 and _TITLE_END.search(rest) is not None
            and not re.search(r"[。，；：:,;]", rest))


def repeated_title(blocks: Sequence[Block], at: int, title: str) -> int:
    """How many blocks from `at` print `title` again (0 if they do not)."""
    joined = ""
    for n in range(at, min(at + 3, len(blocks))):
        if blocks[n].kind not in ("text", "heading"):
            return 0
        joined += tight(blocks[n].raw)
        if joined == title:
            return n - at + 1
        if not title.startswith(joined):
            return 0
    return 0


_NOT_WORD = re.compile(r"[\W_]+")


def _same_title(shown: str, stated: str) -> bool:
    """One title inside the other (punctuation and spaces aside), the shorter at least half the longer."""
    a, b = _NOT_WORD.sub("", shown), _NOT_WORD.sub("", stated)
    short, long = sorted((a, b), key=len)
    return len(short) >= max(4, len(long) / 2) and short in long


def title_index(blocks: Sequence[Block], start: int, prose: int, stated: str | None,
                 meta_lines: list[int], head: set[int], named: str = "") -> int | None:
    window = [i for i in range(start, min(prose + 1, len(blocks))) if i not in head]
    if stated:
        return _printed(blocks, window, tight(stated))
    if named and (printed := _printed(blocks, window, named)) is not None:
        return printed
    headings = [i for i in window if blocks[i].kind == "heading" and is_title_like(blocks[i])]
    above = [i for i in headings if meta_lines and i < meta_lines[0]]
    if above:  # the heading right above the date line, not a site name in an <h1> higher up
        return above[-1]
    if headings:
        return min(headings, key=lambda i: (blocks[i].level, i))
    if meta_lines:  # the title is above its date line (what is below it is body)
        for line in meta_lines:
            above = next((i for i in range(line - 1, start - 1, -1) if i not in head and is_title_like(blocks[i])), None)
            if above is not None:
                return above
        # Nothing titled above: a template that prints the attribute block first and the
        # title right under it (text saves of 信息公开 pages often do).
        below = max(head) + 1 if head else prose
        return below if below < len(blocks) and below <= prose and is_title_like(blocks[below]) else None
    # The first line that could be a title, unless the <title> names the document and no line
    # prints it: then the page shows no title and that line is the body's first.
    return None if len(named) >= 8 else next((i for i in window if is_title_like(blocks[i])), None)


def _printed(blocks: Sequence[Block], window: list[int], wanted: str) -> int | None:
    """The line that prints the title `wanted` (whole, broken by <br>s, or shorter or longer)."""
    exact = next((i for i in window if blocks[i].kind in ("text", "heading") and tight(blocks[i].raw) == wanted), None)
    if exact is not None:
        return exact
    broken = next(((i, n) for i in window if (n := repeated_title(blocks, i, wanted)) > 1), None)
    if broken:  # a <br> in the heading: the head ends at its last line
        return broken[0] + broken[1] - 1
    # The page often prints a shorter or longer title than its 名称 ('关于印发…的通知' under
    # '安徽省应急管理厅关于印发…的通知'): that heading is where the head ends all the same.
    return next((i for i in window if blocks[i].kind in ("text", "heading") and is_title_like(blocks[i])
                 and _same_title(blocks[i].raw, wanted)), None)


# What names a site or an agency in a <title>, not a document: '安徽省应急管理厅', '某某市人民政府门户网站'.
_SITE_NAME = re.compile(r"^(?!关于).{2,30}(?:网站|门户网?|政府网|政务网|信息网|人民政府|信息公开|政务公开|公开目录"
                         r"|[局厅委办署院])$")
_SITE_SUFFIX = re.compile(r"(?<=\S)-(?=[^-]+$)")  # '关于…的通知-安徽省应急管理厅': a hyphen without spaces
_COLUMN_TAG = re.compile(r"^[【\[][^】\]]{2,10}[】\]]\s*(?=\S)")  # '【通知公告】关于…'


def is_site_name(text: str) -> bool:
    """A site's or an agency's name ('安徽省应急管理厅', '港澳辦'), not a document's title."""
    return _SITE_NAME.match(simplified(tight(text))) is not None


def title_part(parts: list[str]) -> str:
    """The document's title among the parts of a <title>: the first that names no site or agency
    (some sites write 网站_标题), without a column tag before it or a site name after a hyphen."""
    named = [part for part in parts if not is_site_name(part)]
    title = next(iter(named or parts), "")
    head, _, tail = title.rpartition("-") if _SITE_SUFFIX.search(title) else ("", "", "")
    if head and is_site_name(tail):
        title = head
    return _COLUMN_TAG.sub("", title)


# A title a CMS cut to fit its cell or <title>: '关于印发…2021年安全生...'.
TRUNCATED = re.compile(r"(?:\.{3,}|…+|。{3,})$")


def whole_title(candidates: list[str]) -> str:
    """The first title the page states, or, when it was cut short, another that continues it
    (the 名称 cell cut, the heading above the body whole). A cut title with nothing whole stays cut."""
    first = next(iter(candidates), "")
    stem = TRUNCATED.sub("", first)
    if stem == first:
        return first
    return next((c for c in candidates[1:] if c.startswith(stem) and not TRUNCATED.search(c)), first)

