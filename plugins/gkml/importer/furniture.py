"""The page's furniture, line by line: breadcrumbs, chrome (font size, share, print, counters),
the footer's first row and what follows the body (相关解读 lists); and prose, where a head has ended.
Each read in the line's simplified shadow (當前位置, 首頁, 版權所有), as the labels are."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gkml.importer.blocks import Block
from gkml.importer.dates import is_date_line
from gkml.importer.labels import starts_with_label
from gkml.importer.text import SPACES, split_gaps, tight, unspaced
from gkml.profile.synonyms import simplified

CRUMB_PREFIX = re.compile(
    r"^[\s\u3000]*(?:您?(?:现在|当前|目前)?(?:所在|所处)?(?:的)?位置|当前栏目|所在栏目)\s*[:：]?\s*")
CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|&gt;|[>＞»›→〉»]|->)\s*")
_WEAK_SEPARATOR = re.compile(r"\s*[|｜/／]\s*|\s+-\s+")
HOME = ("首页", "网站首页", "主页", "首 页", "门户首页")

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


# A body split over pages: 'PAGE 共3页 上一页 1 2 3 下一页', '第1页 共3页 [下一页] [尾页]'.
_PAGER_WORD = r"首页|尾页|末页|上一页|下一页|前一页|后一页|第\s*\d+\s*页|共\s*\d+\s*页|页次|转到|跳转|GO|\d+"
_PAGER = re.compile(rf"^(?:(?:{_PAGER_WORD})|[\s{SPACES}\[\]【】|｜/:：<>«»])+$", re.IGNORECASE)
_PAGER_NEEDS = re.compile(r"上一页|下一页|共\s*\d+\s*页")


def is_pager(text: str) -> bool:
    """The line that turns the pages of a body split over several."""
    text = simplified(text.strip(SPACES))
    return len(text) <= 120 and _PAGER_NEEDS.search(text) is not None and _PAGER.match(text) is not None


def is_terminal(text: str) -> bool:
    """The first row of the page's footer (or the pager of a body split over pages): the body ends above it."""
    text = simplified(unspaced(text.strip(SPACES)))  # '版 权 所 有', '主 办 单 位：'
    if is_pager(text):
        return True
    if "。" in text:  # a sentence is body text
        return False
    if len(text) > 150:
        return len(text) <= _FOOTER_LINE and _REGISTRATION.search(text) is not None
    return (_TERMINAL.search(text) is not None or _REGISTRATION.search(text) is not None
            or (len(text) <= 100 and _FOOTER.search(text) is not None))


def article_goes_on(blocks: Sequence[Block], at: int) -> bool:
    """A ©/版权所有 line with the article going on below it (a paragraph, or the 落款 date within the
    next three lines) is a picture credit or a note of the article, not the page's footer."""
    text = simplified(unspaced(blocks[at].text))
    if _TERMINAL.search(text) or _REGISTRATION.search(text):
        return False
    following = [b for b in blocks[at + 1:at + 4] if b.kind in ("text", "heading", "item")]
    return any(is_prose(b) or is_date_line(b.text) for b in following)


def is_chrome(text: str) -> bool:
    """A whole line of page furniture (font size, share, print, view counter, loading…)."""
    stripped = simplified(text.strip(SPACES))
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
    prefixed = CRUMB_PREFIX.match(simplified(text))
    rest = text[prefixed.end():] if prefixed else text
    parts = CRUMB_SEPARATOR.split(rest)
    if len(parts) == 1:  # '当前位置：首页 | 信息公开 | 财政预决算', '首页 / 信息公开 / 通知公告'
        weak = _WEAK_SEPARATOR.split(rest)
        parts = weak if prefixed or simplified(tight(weak[0])) in HOME else parts
    if parts and split_gaps(parts[-1]):
        parts[-1] = split_gaps(parts[-1])[0]
    items = tuple(item for item in (tight(part) for part in parts) if item)
    if len(items) < 2 or any(len(item) > 30 for item in items[:-1]) or len(items[-1]) > 200:
        return None
    if not prefixed and simplified(items[0]) not in HOME:
        return None
    return items


def is_prose(block: Block) -> bool:
    """A paragraph of running text: where the head of a page has certainly ended."""
    text = block.text
    return (block.kind in ("text", "item") and len(text) >= 25 and _SENTENCE.search(text) is not None
            and not starts_with_label(block.raw) and not is_terminal(text))


def related_sections(blocks: Sequence[Block]) -> list[bool]:
    """For each block below the body: whether it belongs to a 相关解读/相关链接 list (not attachments)."""
    inside = False
    flags: list[bool] = []
    for block in blocks:
        text = simplified(block.text)
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


# The site's own lines a footer with no registration mark prints: its organiser, address, telephone.
_SITE_LINE = re.compile(r"^(?:(?:网站)?主办(?:单位)?|承办(?:单位)?|协办(?:单位)?|主管(?:单位)?|(?:通讯|联系)?地址|(?:联系)?电话"
                        r"|传真|邮编|邮政编码|E-?mail|电子邮箱)[\s\u3000]*[:：]", re.IGNORECASE)
_ORGANISER = re.compile(r"^(?:网站)?主办(?:单位)?[\s\u3000]*[:：]")


def footer_tail(blocks: Sequence[Block]) -> int:
    """Where the body's last lines are the site's footer (主办单位：…, 地址：…, 电话：…) right below the
    落款 date or the attribute table printed after the article, among them its organiser; len(blocks)
    if they are not."""
    at = len(blocks)
    while (at > 0 and blocks[at - 1].kind == "text" and len(blocks[at - 1].text) <= 150
           and _SITE_LINE.match(simplified(unspaced(blocks[at - 1].text.strip(SPACES))))):
        at -= 1
    organised = any(_ORGANISER.match(simplified(unspaced(b.text.strip(SPACES)))) for b in blocks[at:])
    below = at > 0 and (blocks[at - 1].kind == "fields" or is_date_line(blocks[at - 1].text))
    return at if organised and below else len(blocks)

