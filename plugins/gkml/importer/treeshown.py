"""The parsed tree made what a reader sees, before anything reads its text: a drop-down of files
as the list of links it is, a srcdoc frame's page in its place, and what no reader sees removed."""

from __future__ import annotations

from html import escape

from selectolax.lexbor import LexborHTMLParser

from gkml.importer.elementtext import DROP, hidden
from gkml.importer.links import option_files, url_text
from gkml.importer.nesting import refuse_too_deep
from gkml.importer.text import clean_line


def options_as_links(tree: LexborHTMLParser) -> None:
    """A <select> whose options open files (相关附件 as a drop-down) is a list of links to the reader,
    made one before selects are dropped as form controls."""
    for select in tree.css("select"):
        options = [(clean_line(option.text(deep=True)), url_text(option.attributes.get("value")))
                   for option in select.css("option")]
        links = option_files(options)
        if links and not hidden(select):
            items = "".join(f'<li><a href="{escape(address)}">{escape(text)}</a></li>' for text, address in links)
            select.replace_with(LexborHTMLParser(f"<ul>{items}</ul>").css_first("ul"))


SRCDOC_DEPTH = 3  # a srcdoc frame inside a srcdoc frame: shown up to this deep, deeper ones dropped as frames


def srcdoc_shown(tree: LexborHTMLParser) -> None:
    """An <iframe srcdoc> shows its own page in place (the body a CMS put in a frame's srcdoc):
    that page's body put where the frame is, read as the page's text, before frames are dropped."""
    for _ in range(SRCDOC_DEPTH):
        frames = [node for node in tree.css("iframe[srcdoc]") if not hidden(node)]
        if not frames:
            return
        for node in frames:
            page = node.attributes.get("srcdoc") or ""
            refuse_too_deep(page, "内嵌框架（srcdoc）中的网页")
            shown = LexborHTMLParser(page).body
            # its body's markup in a <div>: the parser ignores the stray <body> tags
            box = LexborHTMLParser(f"<div>{shown.html if shown is not None else ''}</div>").css_first("body > div")
            if box is not None:
                node.replace_with(box)


def drop_unseen(tree: LexborHTMLParser) -> None:
    """Remove what a reader never sees (scripts, frames, hidden boxes) before anything reads text:
    cells and title slots are also read whole (node.text), which would keep a <script>'s code."""
    unseen = {node.mem_id: node for node in tree.css(", ".join(sorted(DROP - {"-comment", "head", "title"})))}
    unseen |= {node.mem_id: node for node in tree.css("[hidden], [style]") if hidden(node)}
    # Innermost first (reverse document order): each node is removed while its ancestors still stand,
    # in one pass (looking up each node's ancestors was quadratic in the nesting depth).
    order = {node.mem_id: n for n, node in enumerate(tree.root.traverse())} if tree.root is not None else {}
    for key in sorted(unseen, key=lambda key: order.get(key, -1), reverse=True):
        unseen[key].decompose()
