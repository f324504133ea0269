"""The allowlist every rendered body passes before a page, summary, search record or export
uses it (issue 13). Markdown passes raw HTML and attr_list through; `gkml check` tells the
editor about it, and this is the guarantee: what is not listed here does not reach a reader.

ammonia (through nh3) parses as a browser does, so a code span inside an HTML block or a
backtick opened on the line before cannot hide markup from it as they did from the check.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

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
    "a": frozenset({"href"}),
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

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    strip_comments=True,
    link_rel=None,
)


def clean(html: str) -> Markup:
    """The rendered body reduced to the allowlist: the one place body HTML is marked safe."""
    return Markup(_CLEANER.clean(html))
