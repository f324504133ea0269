"""Pictures a body would load from another site: `![](https://…/x.png)`, `<img src="//host/x">`,
srcset, `<picture><source srcset>`, a poster or background, CSS url() in a style.

A browser fetches such a picture as the page opens: that site sees every reader of the
document (a tracker needs no script), and the picture changes or goes when it does. The CSP
blocks it in modern browsers and the sanitiser (gkml.site.sanitize) drops it, so the reader
sees nothing: told, located, with what to do instead (commit the picture beside the document).
So is a picture at an address of another scheme (webaddress.is_dropped_picture) no other rule
tells: mailto: and tel: (kept on a link, never a picture), data: and file: in an attr_list's
src (gkml.content.body tells them in a Markdown picture and an <img src>; gkml.content.htmlsafety
any other scheme).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from gkml.content.body import as_browsers_read, outside_code
from gkml.webaddress import is_dropped_picture, is_remote, scheme

# ![说明](地址 "标题") and ![说明][名称] / ![名称] with its definition [名称]: 地址
_MD_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*+\])*+\]\(\s*+<?([^)\s>]*+)")  # ![a [b] c](…) too
# attr_list's { src="…" style="…" } sets the attributes of the picture (or paragraph) it follows
_ATTR_LIST = re.compile(r"\{:?[ \t]*+([^{}\n]*+)\}")
_MD_REF_IMAGE = re.compile(r"!\[([^\[\]\n]*+)\](?:\[([^\[\]\n]*+)\])?")
_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[ \t]*(?:\n[ \t]*)?<?([^\s>]+)", re.MULTILINE)
# a start tag up to its ">" (quoted values may hold ">"), and one attribute of it: linear, as gkml.content.htmlsafety
_START_TAG = re.compile(r"""<([a-z][^\s>/]*)((?:[^>"']|"[^"]*"|'[^']*')*)""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# what an element loads as it is shown; srcset (img, <picture>'s source) lists several. A script's
# or a frame's src is refused as such (gkml.content.htmlsafety)
_PICTURES = frozenset({"img", "image", "source", "picture", "input", "video"})
_LOADED = frozenset({"src", "srcset", "poster", "lowsrc", "dynsrc"})
_COMMENT = re.compile(r"<!--(?:.*?-->|.*)", re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
# the schemes no other rule tells of a picture: kept on a link (the sanitiser's URL_SCHEMES), and
# those gkml.content.body reads only where a Markdown picture or an <img src> holds them
_LINK_SCHEMES = frozenset({"mailto", "tel"})
_LOCAL_SCHEMES = frozenset({"data", "file"})


def _candidates(tag: str, name: str, value: str) -> Iterator[str]:
    if name == "style":
        yield from (m.group(1) for m in _CSS_URL.finditer(value))
    elif name == "background":  # <table background=…>, <td background=…>: old browsers load it
        yield value
    elif tag not in _PICTURES or name not in _LOADED:
        return
    elif name == "srcset":  # "a.png 1x, https://host/b.png 2x"
        yield from (part.split()[0] for part in value.split(",") if part.strip())
    else:
        yield value


def _picture_addresses(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of each picture of `text` (code blanked); an attr_list's is offset by -1 - offset."""
    for m in _MD_IMAGE.finditer(text):
        yield m.start(), m.group(1)
    if "]:" in text:
        defined = {m.group(1).strip().lower(): m.group(2) for m in _DEFINITION.finditer(text)}
        for m in _MD_REF_IMAGE.finditer(text):
            if text.startswith("(", m.end()):
                continue  # an inline picture, read above
            label = (m.group(2) or m.group(1)).strip().lower()
            if label in defined:
                yield m.start(), defined[label]
    if "{" in text:
        for attributes in _ATTR_LIST.finditer(text):
            yield from ((-1 - offset, url) for offset, url in
                        _attribute_addresses(text, attributes.start(), "img", attributes.start(1), attributes.end(1)))
    if "<" in text:
        for tag in _START_TAG.finditer(text):
            yield from _attribute_addresses(text, tag.start(), tag.group(1).lower(), tag.start(2), tag.end(2))


def _attribute_addresses(text: str, offset: int, tag: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(offset, address) of each picture the attributes of `text` from `start` to `end` load, for an element `tag`."""
    for attribute in _ATTRIBUTE.finditer(text, start, end):
        value = next((v for v in attribute.groups()[1:] if v is not None), None)
        if value is not None:
            yield from ((offset, url) for url in _candidates(tag, attribute.group(1).lower(), value))


def remote_pictures(body: str) -> list[tuple[int, int, str]]:
    """(line, col, message) for each picture of a body another site serves; lines 1-based within the body."""
    if "![" not in body and "<" not in body:
        return []  # no picture at all: the common case
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), outside_code(body))  # a comment shows nothing
    found = sorted({(offset if offset >= 0 else -1 - offset, url) for offset, url in _picture_addresses(text)
                    if _told_here(as_browsers_read(url), in_attr_list=offset < 0)})
    starts = [0, *(m.end() for m in re.finditer("\n", text))] if found else []
    located = []
    for offset, url in found:
        line = bisect_right(starts, offset) - 1
        located.append((line + 1, offset - starts[line] + 1, _message(url, as_browsers_read(url))))
    return located


def _told_here(url: str, *, in_attr_list: bool) -> bool:
    """Whether a picture at `url` is dropped and this rule, not another, tells it."""
    if is_remote(url):
        return True
    return is_dropped_picture(url) and (scheme(url) in _LINK_SCHEMES or (in_attr_list and scheme(url) in _LOCAL_SCHEMES))


_INSTEAD = ("请把图片下载后放在本文件旁、与本文件一起提交，再写相对于本文件的路径，例如 ![组织机构图](组织机构图.png)"
            "（公开目录中的文件还要列入属性区 attachments）。")


def _message(written: str, url: str) -> str:
    shown = written if len(written) <= 80 else written[:77] + "…"
    if is_remote(url):
        return (f"正文中的图片 {shown} 在其他网站上：读者打开网页时，浏览器会到那个网站去取图，"
                f"那个网站就能看到每一位读者；网页不会显示它。{_INSTEAD}")
    return (f"正文中的图片 {shown} 以 {scheme(url)}: 开头，不是本网站的图片文件：网页不会显示它，"
            f"读者只会看到空白或说明文字。{_INSTEAD}")
