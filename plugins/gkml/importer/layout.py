"""Where the breadcrumb, the title, the attributes and the body of a saved page are.

The same rules read an HTML page and a text save: both are blocks in reading
order. The head (looked for above the first paragraph of prose or footer row)
is everything up to the title, then the attribute, date and chrome lines right
under it; the body runs from there to the first footer row (share/print/close,
上一篇, 相关解读, 主办…承办, 版权所有…).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gkml.importer import values
from gkml.importer.blocks import Block
from gkml.importer.dates import is_date_line, parse_datetime
from gkml.importer.labels import (
    is_label_only,
    key_of,
    pairs_in_line,
    starts_with_label,
    tabbed_columns,
    tabbed_pairs,
)
from gkml.importer.markdown import heading_level
from gkml.importer.text import SPACES, has_cjk, split_gaps, tight

CRUMB_PREFIX = re.compile(
    r"^[\s\u3000]*(?:您?(?:现在|当前|目前)?(?:所在|所处)?(?:的)?位置|当前栏目|所在栏目)\s*[:：]?\s*")
CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|&gt;|[>＞»›→〉»]|->)\s*")
_WEAK_SEPARATOR = re.compile(r"\s*[|｜/／]\s*|\s+-\s+")
_HOME = ("首页", "网站首页", "主页", "首 页", "门户首页")

# '相关解读：<a>…</a> <a>…</a>': a list of links on the line of its heading.
_RELATED_LIST = r"^[【\[]?相关(?:解读|链接|文章|稿件|阅读|新闻|专题|报道)[】\]]?[:：]"
_TERMINAL = re.compile(
    r"^[【\[\s]*(?:分享到|分享至|打印本页|打印此页|打印此文|打印本文|打印文章|我要打印|关闭窗口|关闭本页|发表评论|加入收藏"
    r"|收藏本页|我要纠错|纠错|告诉好友|返回顶部|返回列表|返回上一页|上一篇|下一篇|上一条|下一条|扫一扫在手机|责任编辑"
    r"|(?:用?手机)?(?:扫一扫|扫描|扫码).{0,6}(?:二维码|手机|移动端))"
    r"|^[（(]责任编辑[:：]"
    r"|^相关(?:解读|链接|文章|稿件|阅读|新闻|文件|附件|政策|信息|专题|资料|报道)[:：]?$"
    rf"|{_RELATED_LIST}"
    r"|^[【\[]?相关附件[】\]]?[:：]"  # the page's box of the files, their links on its line: read as attachments
    r"|^主办.*(?:承办|技术支持|ICP|标识码|版权|运行维护)",
)
# Footer words anywhere in a short line that is not a sentence ("…侵犯其版权所有人…" is body text).
_FOOTER = re.compile(r"版权所有|Copyright|©|ICP备|网站标识码|公网安备|网站地图.{0,12}联系我们|联系我们.{0,12}网站地图"
                     r"|主办.{0,30}(?:承办|技术支持)",
                     re.IGNORECASE)
# A site's registration marks: no article line holds them, however long the footer line runs.
_REGISTRATION = re.compile(r"ICP备\s*\d{4,}|公网安备\s*\d{8,}|网站标识码\s*[:：]?\s*[0-9A-Za-z]{8,}", re.IGNORECASE)
_FOOTER_LINE = 600  # a footer's spans on one line: 主办、地址、电话、标识码、备案号…
_RELATED = re.compile(r"^相关(?:解读|链接|文章|稿件|阅读|新闻|文件|政策|信息|专题|资料|报道)")
_RELATED_LINE = re.compile(_RELATED_LIST + ".")
_CHROME_WORDS = (
    "您所在的位置", "当前位置", "保护视力色", "分享到", "分享至", "分享", "打印本页", "打印此页", "关闭窗口", "关闭本页",
    "返回顶部", "返回首页", "扫一扫在手机打开当前页", "扫一扫", "在手机打开当前页", "阅读次数", "浏览次数",
    "访问次数", "访问量", "点击数", "点击率", "阅读", "浏览", "字体", "字号", "打印", "关闭", "收藏", "大",
    "中", "小", "次", "默认", "微信", "微博", "QQ空间", "人人网", "腾讯微博", "新浪微博", "更多",
    "加入收藏", "收藏本页", "我要打印", "返回", "页面加载中", "加载中", "请稍候", "正在加载", "视力保护色", "【", "】", "……", "...",
)
_STRONG_CHROME = ("保护视力色", "视力保护色", "分享", "打印", "关闭", "字体", "字号", "阅读", "浏览", "收藏",
                  "返回顶部", "扫一扫", "点击数", "访问量", "加载中", "请稍候")
_CHROME_RE = re.compile("|".join(sorted(map(re.escape, _CHROME_WORDS), key=len, reverse=True)))
_CHROME_FILLER = re.compile(rf"[\s{SPACES}\[\]【】()（）|｜:：/·•,，.。0-9-]+")
_SENTENCE = re.compile(r"[。；！？]|，.*，")
_MASTHEAD = re.compile(r"^.{2,24}文件$")  # an official document's red header: '某某县应急管理局文件'
_SUBTITLE = re.compile(r"^(?:—|－|-|─|━){1,2}")
_NO_LINE = ("table", "image")  # blocks that are not a line of text


def is_terminal(text: str) -> bool:
    """The first row of the page's footer: the body ends above it."""
    text = text.strip(SPACES)
    if "。" in text:  # a sentence is body text
        return False
    if len(text) > 150:
        return len(text) <= _FOOTER_LINE and _REGISTRATION.search(text) is not None
    return (_TERMINAL.search(text) is not None or _REGISTRATION.search(text) is not None
            or (len(text) <= 100 and _FOOTER.search(text) is not None))


def _article_goes_on(blocks: Sequence[Block], at: int) -> bool:
    """A ©/版权所有 line with the article going on below it (a paragraph, or the 落款 date within the
    next three lines) is a picture credit or a note of the article, not the page's footer."""
    text = blocks[at].text
    if _TERMINAL.search(text) or _REGISTRATION.search(text):
        return False
    following = [b for b in blocks[at + 1:at + 4] if b.kind in ("text", "heading", "item")]
    return any(is_prose(b) or is_date_line(b.text) for b in following)


def is_chrome(text: str) -> bool:
    """A whole line of page furniture (font size, share, print, view counter, loading…)."""
    stripped = text.strip(SPACES)
    if not stripped or stripped in ("[] []", "[]", "【】", "|"):
        return True
    if not any(word in stripped for word in _STRONG_CHROME):
        return False
    return _CHROME_FILLER.sub("", _CHROME_RE.sub("", stripped)) == ""


def crumb_items(text: str) -> tuple[str, ...] | None:
    """The items of a breadcrumb line, with or without a 您所在的位置 prefix, else None.

    The last item may be the document's own (long) title; what follows it after a wide gap
    (a date or a search box in the same table row) is not part of the breadcrumb.
    """
    text = text.strip(SPACES)
    if len(text) > 300:
        return None
    prefixed = CRUMB_PREFIX.match(text)
    rest = text[prefixed.end():] if prefixed else text
    parts = CRUMB_SEPARATOR.split(rest)
    if prefixed and len(parts) == 1:  # '当前位置：首页 | 信息公开 | 财政预决算'
        parts = _WEAK_SEPARATOR.split(rest)
    if parts and split_gaps(parts[-1]):
        parts[-1] = split_gaps(parts[-1])[0]
    items = tuple(item for item in (tight(part) for part in parts) if item)
    if len(items) < 2 or any(len(item) > 30 for item in items[:-1]) or len(items[-1]) > 200:
        return None
    if not prefixed and items[0] not in _HOME:
        return None
    return items


def is_prose(block: Block) -> bool:
    """A paragraph of running text: where the head of a page has certainly ended."""
    text = block.text
    return (block.kind in ("text", "item") and len(text) >= 25 and _SENTENCE.search(text) is not None
            and not starts_with_label(block.raw) and not is_terminal(text))


def is_title_like(block: Block) -> bool:
    """A line that could be the document's title: not a numbered section heading ('一、部门基本情况'),
    a subtitle ('——在全市安全生产工作会议上的讲话'), a red header ('某某县应急管理局文件') or a 文号."""
    text = block.text
    return (block.kind in ("text", "heading") and 4 <= len(text) <= 200 and has_cjk(text) and not heading_level(text)
            and not _SUBTITLE.match(text) and not _MASTHEAD.match(text) and not values.whole_doc_no(tight(text))
            and not text.endswith((":", "：")) and "。" not in text and crumb_items(block.raw) is None
            and not starts_with_label(block.raw) and not is_chrome(block.raw) and not is_terminal(text)
            and not is_date_line(text) and parse_datetime(text[:25]) is None)


@dataclass
class Layout:
    crumb: tuple[str, ...] = ()
    title: str = ""
    title_lead: str = ""  # the line right above the title: the issuer's name a <br> broke off it, perhaps
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (label, value) as stated
    body: list[Block] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)  # below the body: related lists, footer
    meta_time: str | None = None  # a bare date-time beside the title (gkmlpt date rows)


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
        start = crumb_at + 1
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
        i += 1
    stated = next((value for j in sorted(found) for label, value in found[j]
                   if key_of(label) == "title" and value.strip(SPACES)), None)
    title_at = _title_index(blocks, start, prose, stated, meta_lines, set(found), tight(named))
    # Values above the title that print no label (a template names them by CSS class only) are
    # still what they are when their form says so: an index number, a 文号.
    for i in range(start, title_at or start):
        shaped = _shaped(blocks[i]) if i not in found else None
        if shaped:
            found[i] = [(shaped, blocks[i].raw)]
    # The head: everything up to the title, then the attribute, date and chrome lines right
    # under it. A label line further down ("（来源：…）" at the end) is body text.
    tail = 1 if title_at is not None and not stated and _title_goes_on(blocks, title_at) else 0
    anchor = title_at + tail if title_at is not None else min(found, default=start - 1)
    head_end = anchor
    # A table or a picture has no line text: it is never chrome (a body may start with one right here).
    while head_end + 1 < prose and (head_end + 1 in found or blocks[head_end + 1].kind == "fields"
                                    or (blocks[head_end + 1].kind not in _NO_LINE
                                        and is_chrome(blocks[head_end + 1].raw))):
        head_end += 1
    pairs = [pair for j in sorted(found) if j <= head_end for pair in found[j]]
    # Attribute tables elsewhere (some CMSs put them below the body) are read too, after the head's.
    pairs += [pair for j, b in enumerate(blocks) if b.kind == "fields" and j > head_end for pair in b.pairs]
    layout.pairs = pairs
    if title_at is not None:
        layout.title = "".join(tight(blocks[n].raw) for n in range(title_at, title_at + tail + 1))
        if title_at > start and blocks[title_at - 1].kind in ("text", "heading"):
            layout.title_lead = tight(blocks[title_at - 1].raw)
    body_start = head_end + 1 if head_end >= start else start
    # A bare date (or date-time) line right under the head is its publication stamp, not body text.
    while body_start < len(blocks) and blocks[body_start].kind in ("text", "heading") and _stamp(blocks[body_start].text):
        stamp = _stamp(blocks[body_start].text)
        layout.meta_time = layout.meta_time or stamp
        body_start += 1
    # A title printed again right under the head (heading and 标题 cell alike), also when a
    # <br> in the heading breaks it over two or three lines.
    title = layout.title or tight(stated or "")
    while body_start < len(blocks) and title:
        repeat = _repeated_title(blocks, body_start, title)
        if not repeat:
            break
        body_start += repeat
    # A share or print bar between the head and the article ('分享到：' under the title) is the
    # head's furniture: only one below some of the article ends it.
    opened = next((j for j in range(body_start, len(blocks)) if blocks[j].kind in _NO_LINE
                   or not is_chrome(blocks[j].raw)), len(blocks))
    end = next((j for j in range(opened, len(blocks)) if blocks[j].kind in ("text", "heading", "item")
                and is_terminal(blocks[j].text) and not _article_goes_on(blocks, j)), len(blocks))
    layout.body = [b for b in blocks[body_start:end] if b.kind in _NO_LINE or (b.kind != "fields" and not is_chrome(b.raw))]
    layout.after = list(blocks[end:])
    return layout


# How an official document's title ends: its kind ('…的通知', '…办法（试行）').
_TITLE_END = re.compile(r"(?:通知|决定|意见|办法|方案|规定|细则|通告|公告|通报|报告|批复|请示|函|纪要|规划|计划|要点"
                        r"|预案|总结|说明|制度|指南|清单|名单|公示|决议|命令|议案)(?:[（(][^）)]{1,12}[）)])?$")


def _title_goes_on(blocks: Sequence[Block], at: int) -> bool:
    """A title a <br> broke over two lines ('…关于开展危险化学品' / '企业安全生产专项检查的通知'): the
    next line completes it as a title ends, the title alone does not."""
    if at + 1 >= len(blocks) or not is_title_like(blocks[at + 1]):
        return False
    title, rest = tight(blocks[at].raw), tight(blocks[at + 1].raw)
    return (not _TITLE_END.search(title) and len(rest) <= 60 and _TITLE_END.search(rest) is not None
            and not re.search(r"[。，；：:,;]", rest))


def _shaped(block: Block) -> str | None:
    """The label of a line that is an index number or a 文号 alone, by its form."""
    text = tight(block.raw)
    if block.kind not in ("text", "item") or len(text) > 40:
        return None
    if values.index_no(text):
        return "索引号"
    return "文号" if values.whole_doc_no(text) else None


def _repeated_title(blocks: Sequence[Block], at: int, title: str) -> int:
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


def _stamp(text: str) -> str | None:
    """'2020-07-30' / '2020-07-30 15:20:08' / '2020年7月30日' alone on a line, as 发布日期 writes it."""
    if len(text) > 25 or not re.fullmatch(r"[\d\s年月日:：./\-时分秒]+", text):
        return None
    found = parse_datetime(text)
    if found is None:
        return None
    return f"{found[0].isoformat()} {found[1]}" if found[1] and found[1] != "00:00" else found[0].isoformat()


_NOT_WORD = re.compile(r"[\W_]+")


def _same_title(shown: str, stated: str) -> bool:
    """One title inside the other (punctuation and spaces aside), the shorter at least half the longer."""
    a, b = _NOT_WORD.sub("", shown), _NOT_WORD.sub("", stated)
    short, long = sorted((a, b), key=len)
    return len(short) >= max(4, len(long) / 2) and short in long


def _title_index(blocks: Sequence[Block], start: int, prose: int, stated: str | None,
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
    broken = next(((i, n) for i in window if (n := _repeated_title(blocks, i, wanted)) > 1), None)
    if broken:  # a <br> in the heading: the head ends at its last line
        return broken[0] + broken[1] - 1
    # The page often prints a shorter or longer title than its 名称 ('关于印发…的通知' under
    # '安徽省应急管理厅关于印发…的通知'): that heading is where the head ends all the same.
    return next((i for i in window if blocks[i].kind in ("text", "heading") and is_title_like(blocks[i])
                 and _same_title(blocks[i].raw, wanted)), None)


def related_sections(blocks: Sequence[Block]) -> list[bool]:
    """For each block below the body: whether it belongs to a 相关解读/相关链接 list (not attachments)."""
    inside = False
    flags: list[bool] = []
    for block in blocks:
        text = block.text
        if _RELATED_LINE.match(text):  # this line only
            flags.append(True)
            continue
        if len(text) <= 12 and _RELATED.match(text):
            inside = True
        elif len(text) <= 12 and re.match(r"^(?:相关)?附件", text):
            inside = False
        elif block.kind not in ("item",) and not block.links:
            inside = inside and block.kind == "text" and len(text) <= 12
        flags.append(inside)
    return flags
