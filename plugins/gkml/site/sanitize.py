"""The allowlist every rendered body passes before a page, summary, search record or export
uses it (issue 13). Markdown passes raw HTML and attr_list through; `gkml check` tells the
editor about it, and this is the guarantee: what is not listed here does not reach a reader.

ammonia (through nh3) parses as a browser does, so a code span inside an HTML block or a
backtick opened on the line before cannot hide markup from it as they did from the check.
"""

from __future__ import annotations

import html
import re

import nh3
from markupsafe import Markup

from gkml.profile.types import UNSEEN, download_kept
from gkml.webaddress import is_dropped_picture

# What Python-Markdown and its usual extensions (tables, attr_list, toc, footnotes, def_list,
# abbr, admonition, codehilite) write; no script, style, embed, frame, form, meta, base, svg, math.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# id and class are all attr_list may set; the rest is what links, images and tables need.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href", "download"}),  # download: a file name to save as (same-origin links only; `_download_names`)
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "type"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
# Anything else with a scheme (javascript:, data:, vbscript:, file:) loses its href/src;
# relative URLs and #fragments pass.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The tables extension aligns columns with style="text-align: …" on td/th; no other
# property survives, so a style cannot overlay or hide the page.
STYLE_PROPERTIES = frozenset({"text-align"})
# Removed with their content (a script's text is not a document's text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "textarea", "title"})

# Names of gkml's page furniture and Material's: a body may not dress itself as a withdrawal
# notice (class="gkml-notice--withdrawn") or take the id a page script looks up.
RESERVED_NAMES = ("gkml-", "md-")


# The values the tables extension writes. Any other is dropped, as the old engines a reader may
# still have run some: expression(…) is script in IE's compatibility mode (which 360 and QQ's
# browsers offer, and which reads no CSP), -moz-binding(…) in old Firefox.
_ALIGNMENT = re.compile(r"\s*text-align\s*:\s*(left|right|center|justify)\s*", re.IGNORECASE)


def _alignment(style: str) -> str | None:
    """The one declaration of `style` kept: a text-align of the tables extension's values."""
    kept = [found.group(1).lower() for part in style.split(";") if (found := _ALIGNMENT.fullmatch(part))]
    return f"text-align:{kept[-1]}" if kept else None


def _own_names(element: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return _alignment(value)
    if element == "img" and attribute == "src":
        # another site's picture: fetched as the page opens, that site sees every reader (old
        # browsers read no CSP); nor is one of another scheme (data:, mailto:) a file of the site
        return None if is_dropped_picture(value) else value
    if attribute not in ("id", "class"):
        return value
    kept = [name for name in value.split() if not name.lower().startswith(RESERVED_NAMES)]
    return " ".join(kept) or None


_CLEANER = nh3.Cleaner(
    attribute_filter=_own_names,
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    strip_comments=True,
    link_rel=None,
    # A table or code block wider than the screen scrolls in its own box: keyboard users reach it
    # with Tab and scroll it with the arrow keys (WCAG 2.1.1).
    set_tag_attribute_values={"table": {"tabindex": "0"}, "pre": {"tabindex": "0"}},
)


# html5ever, like the HTML standard, scans the stack of open elements for each tag, so a body
# of 200,000 unclosed <div> (1 MB) takes minutes. Blink stops nesting at 512; gkml refuses a
# body deeper than this (far more than a document uses), after a linear count that never
# looks further down than the limit; under it the worst case costs about 2 s per MB.
MAX_DEPTH = 128
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
# Elements the parser closes by itself when another of the same kind starts (<p>a<p>b).
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
                           "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body"})


class TooDeep(ValueError):
    """A body whose HTML nests deeper than MAX_DEPTH."""


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """How deep the elements of `html` nest (an end tag also closes what is left open inside
    it), counted until `limit` is passed; no step looks further than `limit` elements down."""
    stack: list[str] = []
    deepest = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _VOID:
            continue
        if not match.group(1):
            if name in _IMPLIED_END and name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name):]
            stack.append(name)
            deepest = max(deepest, len(stack))
            if deepest > limit:
                break
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    return deepest


# Control characters pasted from web pages and Word (HTML calls them parse errors; profile.types.UNSEEN):
# a vertical tab or form feed, Word's line and page breaks, becomes a line break, the others go; and the
# bidirectional controls (the check refuses them in a body; a snippet's text is not checked), so
# the page shows the text in the order the file holds it.
def _control_replaced(match: re.Match[str]) -> str:
    return "\n" if match.group() in "\x0b\x0c" else ""


# A link's start tag as the cleaner writes it (every value in double quotes, escaped), and one attribute.
_LINK_TAG = re.compile(r"<a\s[^>]*>")
_QUOTED_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def _download_names(cleaned: str) -> str:
    """A download name kept only when its extension is the linked file's: <a href="通知.pdf"
    download="通知.pdf.hta"> saved a published file under a program's name (Windows runs an .hta);
    the link still saves, under the file's own name."""
    def named(tag: re.Match[str]) -> str:
        values = dict(_QUOTED_ATTRIBUTE.findall(tag.group()))
        if download_kept(html.unescape(values.get("href", "")), html.unescape(values.get("download", ""))):
            return tag.group()
        return tag.group().replace(f' download="{values["download"]}"', ' download=""', 1)
    return _LINK_TAG.sub(named, cleaned) if "download=" in cleaned else cleaned


def clean(html: str) -> Markup:
    """The rendered body reduced to the allowlist: the one place body HTML is marked safe.
    TooDeep when its elements nest deeper than MAX_DEPTH."""
    if html.count("<") > MAX_DEPTH and nesting_depth(html) > MAX_DEPTH:
        raise TooDeep(f"正文中的 HTML 标签嵌套超过 {MAX_DEPTH} 层，无法安全生成页面。请删除多余或未闭合的 HTML 标签。")
    return Markup(UNSEEN.sub(_control_replaced, _download_names(_CLEANER.clean(html))))
