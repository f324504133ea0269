"""Pages that are no document: the site's error page, a column's list of documents; and a document's
page that holds only part of its body (split over pages)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gkml.importer.blocks import Block
from gkml.importer.furniture import crumb_items, is_prose
from gkml.importer.labels import key_of
from gkml.importer.linkedfiles import file_name
from gkml.importer.markdown import AHEAD
from gkml.importer.statements import stated
from gkml.importer.text import clean_line
from gkml.profile.synonyms import simplified

# What a site's error page says: the page was removed or not found, the server failed, access was refused.
_ERROR_PAGE = re.compile(
    r"(?:页面|网页|文章|信息|内容|文件|资源)(?:已经?)?(?:被)?(?:删除|撤下|撤销|下线|过期|不存在|找不到|未找到)"
    r"|(?:找不到|未找到|无法找到|无法访问|无法显示)(?:该|此|您)?(?:所?要)?(?:访问|请求|查看)?的?(?:页面|网页|文件|资源|内容)"
    r"|系统(?:繁忙|错误|维护|异常)|服务器(?:错误|繁忙|内部错误)|出错了|访问出错|禁止访问|无权访问|没有访问权限"
    r"|\b(?:40[034]|50[0234])\b.{0,20}(?:Not Found|Forbidden|Error|Unavailable|Bad Gateway)"
    r"|Page Not Found|Error\s*:?\s*(?:40[034]|50[0234])\b"
    r"|^Object moved\b|Server Error in '[^']*' Application|^Runtime Error$|^Service Unavailable$|^Bad Request\b",
    re.IGNORECASE)
# What a site says in a short line while it is down or a firewall stands in the way (a notice about
# an outage says more, and states its date).
_SHORT_NOTICE = re.compile(
    r"(?:网站|系统|页面)正在(?:升级|维护)|(?:升级|维护)中[，,]?请稍后|暂停(?:访问|服务)"
    r"|访问(?:过于)?频繁|请(?:输入|完成)(?:验证码|安全验证)|(?:访问|请求)被(?:拦截|阻断|拒绝)|非法(?:请求|访问)|安全狗")
# What a login wall says: the page is shown only to a user logged in, or only inside the agency's network.
_LOGIN_WALL = re.compile(
    r"请先登[录陆]|登[录陆]后(?:才能|方可|再)?(?:查看|访问|浏览|阅读|下载)|(?:尚未|没有|未)登[录陆](?!过)"
    r"|登[录陆](?:状态)?已?(?:超时|过期|失效)|(?:没有|无)(?:查看|访问|浏览)?权限(?:查看|访问|浏览)|无权(?:查看|浏览|阅读)"
    r"|仅限内网|仅供内网|内网访问")
_WALL_LINE = 40


def asks_to_log_in(notice: str) -> bool:
    """The page refused is a login wall, not a page the site lost."""
    return _LOGIN_WALL.search(simplified(notice)) is not None


def error_notice(blocks: Sequence[Block], title: str, pairs: list[tuple[str, str]]) -> str | None:
    """The line of a short page that states nothing (no attribute) and says it is an error page or
    a login wall."""
    if any(key_of(label) for label, value in pairs if stated(value)):
        return None
    lines = [b.text for b in blocks if b.kind in ("text", "heading", "item")]
    if sum(map(len, lines)) > 400:
        return None
    # A wall says it in a short line; a notice telling users to log in to a new system says more.
    return next((line[:80] for line in (*lines, clean_line(title))
                 if _ERROR_PAGE.search(shadow := simplified(line))
                 or (len(line) <= _WALL_LINE and (_LOGIN_WALL.search(shadow) or _SHORT_NOTICE.search(shadow)))), None)


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


def is_listing(blocks: Sequence[Block], types: tuple[str, ...], *, attributed: bool = False) -> bool:
    """A column's document list: lines (list items, table rows) that each link a page and give its
    date make most of what is above the footer, and no paragraph of prose stands among them; one
    above them all is the column's description, on a page that states no document's attributes
    (`attributed`: a notice's 发布日期 above its text, a list of related documents below)."""
    lines: list[tuple[str, bool]] = []  # (text, links a page)
    described = attributed  # the one paragraph a column's list may open with is taken
    for block in blocks:
        pages = [link.text for link in block.links if not file_name(link.href, types)]
        if block.kind == "table":
            lines += [(" ".join(row), linked) for row, linked in zip(block.rows, _linked_rows(block.rows, pages), strict=True)]
        elif block.kind in ("text", "item") and crumb_items(block.raw) is None:
            if is_prose(block) and not block.links:
                if described or any(linked for _, linked in lines):
                    return False
                described = True
                continue
            lines.append((block.text, bool(pages)))
    dated = sum(1 for text, linked in lines if linked and _LISTED_DATE.search(text))
    return dated >= 3 and dated >= 0.6 * len(lines)


# What a frame of the page's furniture is called: a frameset's masthead, menu and footer.
_FURNITURE_FRAME = re.compile(r"(?:^|[/_.-])(?:top|head|header|banner|bottom|foot|footer|left|menu|nav|logo)\w*\.\w+(?:$|\?)",
                              re.IGNORECASE)


def body_frames(frames: Sequence[str]) -> tuple[str, ...]:
    """The page's frames, those the body may be in first (a frameset's top.htm and bottom.htm last)."""
    return tuple(sorted(frames, key=lambda address: _FURNITURE_FRAME.search(address) is not None))
