"""Raw HTML that must never reach a disclosure page: scripts, handlers, embeds, forms."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from gkml.content.codespans import blank_code_spans
from gkml.content.indented import indented_code
from gkml.profile.types import download_kept

# A start tag up to its ">" (or an unclosed quote): quoted values may hold ">" (<img alt=">"
# onerror=...>) and the tag may run over lines. One greedy pass, no backtracking: linear.
_START_TAG = re.compile(r"""<[a-z][^\s>/]*((?:[^>"']|"[^"]*"|'[^']*')*)""", re.IGNORECASE)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
# Browsers read a handler after a space, "/" or quote (<svg/onload=...>).
_HANDLER = re.compile(r"""(?<=[\s/"'])(on[a-z]+)\s*=""", re.IGNORECASE)
_HANDLER_NAME = re.compile(r"on[a-z]+\s*=", re.IGNORECASE)  # cheap test first: most bodies have no handler at all
_HTML_URL = re.compile(r"(?:href|src|action|formaction|xlink:href)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]*))", re.IGNORECASE)
# a link's address, or a reference's, which may stand on the line after its label
_MD_URL = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]\n]+\]:[ \t]*(?:\n[ \t]*)?<?(\S*)", re.MULTILINE)
_SCRIPT_SCHEME = re.compile(r"^(?:javascript:|vbscript:|data:text/html)")
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers drop these from a URL's scheme
# Python-Markdown's autolink (<ftp://…>, <https://…>): an address no href= or ]( holds
AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):")  # two letters at least: C:\… is a path (gkml.content.body)
# The schemes gkml.site.sanitize keeps (URL_SCHEMES); data: and file: are told by gkml.content.body
_KEPT_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data", "file"})

# Not unsafe, but the sanitiser (gkml.site.sanitize) keeps neither them nor what they hold, so the
# page would silently lack it: told, with what to do instead.
_MEDIA = "会从网页中去掉（网站不嵌入音视频）。请把文件作为附件列在 attachments 中，读者可以下载；或删除这段 HTML。"
_DRAWING = "会从网页中去掉。请改为图片（PNG 或 JPG）：![说明](图片文件名)。"
_HIDDEN_TEXT = "及其中的文字会从网页中去掉。请把文字直接写在正文中，或删除这段 HTML。"
_CONTROL = "会从网页中去掉（公开页面不含表单）。请删除。"
_RAW_TEXT = "请删除这个标签；要显示代码，请用 ``` 代码块。"
_LOST_MESSAGES = {
    "video": f"<video> 视频{_MEDIA}", "audio": f"<audio> 音频{_MEDIA}",
    "svg": f"<svg> 图形{_DRAWING}", "math": f"<math> 公式{_DRAWING}", "canvas": f"<canvas> 画布{_DRAWING}",
    "noscript": f"<noscript>{_HIDDEN_TEXT}", "textarea": f"<textarea> 文本框{_HIDDEN_TEXT}",
    "template": f"<template>{_HIDDEN_TEXT}", "title": f"<title>{_HIDDEN_TEXT}",
    "style": "<style> 样式不会生效（网页不使用正文自带的样式）。请删除。",
    "input": f"<input> 输入框{_CONTROL}", "select": f"<select> 选择框{_CONTROL}", "button": f"<button> 按钮{_CONTROL}",
    # HTML reads what these hold as text: their tags would be shown as written, <b> and all
    "xmp": f"<xmp> 会让其中的 HTML 标签原样作为文字显示。{_RAW_TEXT}",
    "noembed": f"<noembed> 会让其中的 HTML 标签原样作为文字显示。{_RAW_TEXT}",
    "noframes": f"<noframes> 会让其中的 HTML 标签原样作为文字显示。{_RAW_TEXT}",
    "plaintext": f"<plaintext> 会让其后的全部正文（连同 HTML 标签）原样作为文字显示。{_RAW_TEXT}",
}
_LOST = re.compile(r"<\s*(" + "|".join(_LOST_MESSAGES) + r")(?=[\s/>])", re.IGNORECASE)

_TAG_NAMES = {
    "script": "<script> 脚本", "iframe": "<iframe> 内嵌框架", "object": "<object> 嵌入对象", "embed": "<embed> 嵌入对象",
    "form": "<form> 表单", "frame": "<frame> 框架", "frameset": "<frameset> 框架", "applet": "<applet> 小程序",
    "base": "<base> 标签", "meta": "<meta> 标签", "link": "<link> 标签",
}
_TAG = re.compile(r"<\s*(" + "|".join(_TAG_NAMES) + r")\b", re.IGNORECASE)


def fenced_blocks(body: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block exactly as Python-Markdown's fenced_code (an MkDocs
    built-in) finds them: an indented, unclosed or mismatched "fence" is not one, and HTML
    after it is live on the page."""
    if "```" not in body and "~~~" not in body:  # no fence can open: most bodies, checked without loading Markdown
        return []
    # imported only now: a `gkml check` whose files are all remembered reads no body (fenced_code brings Pygments)
    from markdown.extensions.attr_list import get_attrs_and_remainder
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    block = FencedBlockPreprocessor.FENCED_BLOCK_RE
    opening = _opening_fence(block)
    # where each fence may close: its line's start, by the fence (a run of ~ or `, closed by the same run)
    closers: dict[str, list[int]] = {}
    for line in _FENCE_ONLY.finditer(body):
        closers.setdefault(line.group(1), []).append(line.start())
    # FENCED_BLOCK_RE.search from each end on, without its search for a closing fence from every
    # opening one that has none (quadratic: 20,000 unclosed "~~~a" lines took half a minute)
    spans: list[tuple[int, int]] = []
    index = 0
    for candidate in _FENCE_START.finditer(body):
        start = candidate.start()
        if start < index:
            continue
        later = closers.get(candidate.group(1), [])
        if bisect.bisect_right(later, start) == len(later) or not (opened := opening.match(body, start)):
            continue  # never closed, or no opening fence: Python-Markdown's search passes it by too
        if opened.group("attrs") and get_attrs_and_remainder(opened.group("attrs"))[1]:
            index = opened.end("attrs")  # not a fence for Python-Markdown either
            continue
        if match := block.match(body, start):
            spans.append(match.span())
            index = match.end()
    return spans


# a line that may open a fenced block, and one that may close one: the fence alone, spaces after it
_FENCE_START = re.compile(r"^(~{3,}|`{3,})", re.MULTILINE)
_FENCE_ONLY = re.compile(r"^(~{3,}|`{3,})[ ]*$", re.MULTILINE)


def _opening_fence(block: re.Pattern[str]) -> re.Pattern[str]:
    """The part of fenced_code's FENCED_BLOCK_RE up to its opening fence's line end: whether a line opens a block."""
    return re.compile(block.pattern.split("(?P<code>", 1)[0], block.flags)


_LEADING_TAB = re.compile(r"^[ ]*\t[ \t]*", re.MULTILINE)


def raw_html_blocks(body: str, fences: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each part of `body` Python-Markdown passes as raw HTML (a block-level tag at a
    line's start up to its end tag, a comment …): exactly as its html_block preprocessor stashes them,
    after the fences (`fences`: fenced_blocks) are stashed. Markdown reads nothing inside: a "`" there
    is a character of the page, and `<div>`<a href>`</div>` is a live link."""
    if "<" not in body or "`" not in body:  # only a code span's reading depends on it: most bodies
        return []
    from markdown import Markdown
    from markdown.htmlparser import HTMLExtractor

    text = _spliced(body, [(start, end, re.sub(r"[^\n]", " ", body[start:end])) for start, end in fences])
    # Markdown expands tabs first: a tag after a tab is indented four columns, at no line's start
    text = _LEADING_TAB.sub(lambda m: m.group().replace("\t", "\x01"), text)
    md = Markdown()
    extractor = HTMLExtractor(md)
    extractor.feed(text)
    extractor.close()
    spans: list[tuple[int, int]] = []
    at = 0
    for raw in md.htmlStash.rawHtmlBlocks:
        part = str(raw).strip("\n")
        if part and (start := text.find(part, at)) >= 0:  # the stash holds the source's own characters
            spans.append((start, start + len(part)))
            at = start + len(part)
    return spans


def visible(body: str) -> str:
    """The body with fenced and indented code blocks and code spans blanked out (same length,
    same lines): the page shows what they hold as text. A fence is one where Python-Markdown's
    fenced_code finds one: after an unclosed, indented or mismatched "fence" the HTML is live. Raw
    HTML is read apart from the text around it and holds no code span: `<div>`<a href>`</div>` is live."""
    fences = fenced_blocks(body)
    code = sorted([*_fence_parts(body, fences), *indented_code(body, fences)])
    text = _spliced(body, [(start, end, re.sub(r"[^\n]", " ", body[start:end])) for start, end in code])
    parts, done = [], 0
    for start, end in raw_html_blocks(body, fences):
        parts += [blank_code_spans(text[done:start]), text[start:end]]
        done = end
    return "".join(parts) + blank_code_spans(text[done:])


_FENCE_ATTRS = re.compile(r"\{[^\n]*\}")  # fenced_code's { .lang #id key=value }: the code element's attributes


def _fence_parts(body: str, fences: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each fenced block but the attributes its opening line gives its code element ({ onclick=… } is one)."""
    for start, end in fences:
        line_end = body.find("\n", start, end)
        attrs = _FENCE_ATTRS.search(body, start, end if line_end < 0 else line_end)
        if attrs is None:
            yield start, end
        else:
            yield start, attrs.start()
            yield attrs.end(), end


def _spliced(text: str, pieces: Sequence[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, new) piece, in order and apart, put in its place: one pass."""
    parts, done = [], 0
    for start, end, new in pieces:
        parts += [text[done:start], new]
        done = end
    return "".join(parts) + text[done:]


# attr_list's { onclick=… } after a paragraph, a heading, a link or emphasis: the attributes of that element;
# \{ is a brace shown as text (an import escapes one so)
_ATTR_LIST = re.compile(r"(?<!\\)(?:\\\\)*\{:?([ \t]*+[^{}\n]*+)\}")


def _handlers(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each event-handler attribute in a start tag or an attr_list, quoted values aside."""
    found = []
    for tag in (*_START_TAG.finditer(text), *(_ATTR_LIST.finditer(text) if "{" in text else ())):
        attributes = _QUOTED.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[0], tag.group(1))
        for handler in _HANDLER.finditer(" " + attributes):  # an attr_list's first may follow its "{:"
            found.append((tag.start(1) + handler.start(1) - 1, handler.group(1)))
    return sorted(set(found))


# The only addresses raw HTML can carry onto a page: gkml.site.sanitize keeps no other URL
# attribute (srcset, <source>, <video>, <audio>: dropped; <object data>, <embed>: refused above).
# <image> is <img> to every HTML parser (the standard renames it), the sanitiser's included.
ADDRESS_ATTRIBUTES = {"a": "href", "img": "src", "image": "src"}
_ADDRESS_TAG = re.compile(r"""<(a|img|image)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)""", re.IGNORECASE)
# One attribute: its name, then "=" and its value (quoted, or up to a space or ">"), if any.
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


class HtmlAddress(NamedTuple):
    """An <a href> or <img src> of raw HTML: the tag's offset, the value's span (its quotes
    included) and the value as written (entities not decoded)."""

    tag: int
    start: int
    end: int
    url: str


def html_addresses(text: str) -> Iterator[HtmlAddress]:
    """Each address an <a href> or <img src> start tag of `text` holds, read as a browser reads
    the tag: over lines, attributes in any order, a ">" inside a quoted value (<a title="a>b"
    href=…>) part of it. One pass, linear in the text."""
    for tag in _ADDRESS_TAG.finditer(text):
        wanted = ADDRESS_ATTRIBUTES[tag.group(1).lower()]
        for attribute in _ATTRIBUTE.finditer(text, tag.start(2), tag.end(2)):
            if attribute.group(1).lower() == wanted and attribute.lastindex and attribute.lastindex > 1:
                group = attribute.lastindex
                quotes = 1 if group < 4 else 0
                yield HtmlAddress(tag.start(), attribute.start(group) - quotes, attribute.end(group) + quotes,
                                  attribute.group(group))


_DOWNLOAD = re.compile("download", re.IGNORECASE)


# a Markdown link and its attr_list: [表](files/a.docx){ download="申请表.docx" }
_MD_LINK_ATTRIBUTES = re.compile(r"\]\(\s*+<?([^)\s>]*+)>?[^)\n]*+\)\{:?([^}\n]*+)\}")  # possessive: linear


def _dropped_downloads(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) of each <a download="…"> or Markdown link's { download="…" } whose name
    the sanitiser drops (profile.types.download_kept)."""
    tags = [(tag.start(), tag.start(2), tag.end(2), None) for tag in _ADDRESS_TAG.finditer(text) if tag.group(1).lower() == "a"]
    links = [(m.start(), m.start(2), m.end(2), m.group(1)) for m in _MD_LINK_ATTRIBUTES.finditer(text)]
    for offset, start, end, href in (*tags, *links):
        values = {m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), ""))
                  for m in _ATTRIBUTE.finditer(text, start, end)}
        name = values.get("download", "")
        if not download_kept(href if href is not None else values.get("href", ""), name):
            yield offset, (f"正文链接的下载文件名 download=\"{name}\" 与所链接文件的类型不同，网站会去掉这个文件名"
                                "（另存为别的类型的文件，如 .hta、.exe，在 Windows 上会被当作程序运行）。"
                                "请删除 download，或改为与所链接文件扩展名相同的名称。")


def _is_script_url(url: str) -> bool:
    return bool(_SCRIPT_SCHEME.match(_URL_NOISE.sub("", html.unescape(url)).lower()))


def _dropped_message(scheme: str) -> str:
    return (f"正文中以 {scheme}: 开头的地址会从网页中去掉（网站只保留 http、https、mailto、tel 和相对地址），"
            "读者只看到文字、没有链接。请改为 http(s) 网址；文件请列入属性区 attachments，再写相对于本文件的路径。")


def _dropped_scheme(url: str) -> str | None:
    """The scheme of an address the sanitiser takes off its link or picture (ftp:, ms-word:,
    thunder:, as CMSs and Word write them): the reader sees the text, no link. None for one it keeps."""
    scheme = _SCHEME.match(_URL_NOISE.sub("", html.unescape(url)).lower())
    return scheme.group(1) if scheme and scheme.group(1) not in _KEPT_SCHEMES else None


def unsafe_html(body: str) -> list[tuple[int, int, str]]:
    """(line, col, message) for each forbidden construct in a Markdown body; lines are 1-based
    within the body. Code blocks and inline code are shown as text, so they are allowed."""
    if "<" not in body and "](" not in body and "]:" not in body and "{" not in body:
        return []  # no tag, no link, no attr_list: the common case, and the check's hot path
    text = visible(body)
    found: list[tuple[int, str]] = []
    for match in _TAG.finditer(text):
        found.append((match.start(), f"正文中不允许使用 {_TAG_NAMES[match.group(1).lower()]}（出于安全原因会被拒绝）。请删除。"))
    for match in _LOST.finditer(text):
        found.append((match.start(), f"正文中的 {_LOST_MESSAGES[match.group(1).lower()]}"))
    found += _dropped_downloads(text) if _DOWNLOAD.search(text) else []
    for offset, name in _handlers(text) if _HANDLER_NAME.search(text) else ():
        found.append((offset, f"正文中不允许使用事件属性 {name}=（会执行脚本）。请删除。"))
    for pattern in (_HTML_URL, _MD_URL, AUTOLINK):
        for match in pattern.finditer(text):
            url = next((g for g in match.groups() if g is not None), "")
            if _is_script_url(url):
                found.append((match.start(), "正文中不允许使用 javascript: 等脚本链接。请改为普通网址。"))
            elif scheme := _dropped_scheme(url):
                found.append((match.start(), _dropped_message(scheme)))
    located = []
    for offset, message in sorted(found):
        line_start = text.rfind("\n", 0, offset) + 1
        located.append((text.count("\n", 0, offset) + 1, offset - line_start + 1, message))
    return located
