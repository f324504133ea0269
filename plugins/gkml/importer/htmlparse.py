"""An HTML page as blocks, on Lexbor's HTML5 tree builder (selectolax).

The tree is built as a browser builds it (unclosed <p>/<td>, stray end tags,
misnested tables all recovered by the WHATWG algorithm), so this module only
decides what each element is for the reader: a paragraph, a heading, a list
item, an attribute block, or layout to look through (a table's own reading is
`tables`; an element's text as a browser shows it, `elementtext`; an element read whole,
attributes or a breadcrumb, `wholeblocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkml.importer import values
from gkml.importer.blocks import Anchor, Block, BlockKind, unwrap
from gkml.importer.elementtext import (
    BLOCK,
    BR,
    DROP,
    MAX_DEPTH,
    below,
    boxes_as_text,
    children,
    collapse,
    hidden,
    holds,
    raised_text,
    texts_remembered,
)
from gkml.importer.links import link_address, url_text
from gkml.importer.lists import ListState
from gkml.importer.nesting import refuse_too_deep
from gkml.importer.pictures import article_picture
from gkml.importer.scriptwrites import Unread, textareas_shown, write_scripts
from gkml.importer.tables import GAP, read_table, table_rows
from gkml.importer.text import SPACES, clean_line, folded, split_gaps, tight
from gkml.importer.treeshown import drop_unseen, options_as_links, srcdoc_shown
from gkml.importer.wholeblocks import crumb_block, definition_block, label_block

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|biaoti|bt|tit|headline)(?:$|[\s_-])|title", re.IGNORECASE)


@dataclass
class HtmlPage:
    blocks: list[Block]
    title: str  # <title>, a last-resort title
    meta: dict[str, str] = field(default_factory=dict)  # <meta name=…> contents, lower-case names
    frames: tuple[str, ...] = ()  # what <iframe>, <embed> and <object> show in the page (src, data)
    address: str = ""  # where the page says it is on the web: its relative links lead from there
    scripts: tuple[str, ...] = ()  # the code of each <script> ('' for one it loads): scripts may draw the page
    computed: tuple[str, ...] = ()  # fields a script computes and writes where their label stands
    unread: tuple[Unread, ...] = ()  # what scripts compute and write where no label stands


def _pictured_title(slot: LexborNode) -> str:
    """The alt text of the one picture a title slot holds with no text ('<div class="title"><img alt="关于…">'),
    a title set as an image; else ''."""
    pictures = below(slot, "img[alt]")
    return clean_line(pictures[0].attributes.get("alt") or "") if len(pictures) == 1 else ""


def _heading_lines(raw: str) -> list[tuple[str, bool]]:
    """A heading's lines, each with whether it is of the title: one line (a <br> in a title breaks a line,
    not the title), but a 文号 first or last ('关于…的通知<br>某政〔2024〕7号', '…的通知　某政〔2024〕7号')
    a line of its own: joined, the title read as a 文号 and lost, or the 文号 glued to it."""
    def numbered(piece: str) -> bool:
        return values.whole_doc_no(tight(collapse(piece))) is not None

    pieces = raw.split(BR)
    if len(pieces) == 1 and len(gapped := split_gaps(raw)) > 1 and (numbered(gapped[0]) or numbered(gapped[-1])):
        pieces = gapped
    first = [pieces.pop(0)] if len(pieces) > 1 and numbered(pieces[0]) else []
    last = [pieces.pop()] if len(pieces) > 1 and numbered(pieces[-1]) else []
    return [(piece, False) for piece in first] + [("\n".join(pieces), True)] + [(piece, False) for piece in last]


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.links: list[Anchor] = []
        self.kind: BlockKind = "text"
        self.level = 0
        self.preformatted = False  # inside a <pre>: its line breaks are lines
        self.lists: list[ListState] = []  # the <ol>/<ul> being read, outermost first
        self.marker = ""  # the number or bullet of the list item being read, until its first line

    # -- text ---------------------------------------------------------------
    def flush(self) -> None:
        raw = "".join(self.buffer)
        links, self.buffer, self.links = self.links, [], []
        # A <br> in a heading or title slot breaks a line, not the title ('关于做好…期间<br>…的通知').
        if self.preformatted:  # a <pre>'s lines, joined again where they were hard-wrapped
            lines = [(line, True) for line in unwrap(raw.replace(BR, "\n").split("\n"))]
        else:
            lines = _heading_lines(raw) if self.kind == "heading" else [(line, True) for line in raw.split(BR)]
        for line, own in lines:
            line = collapse(line)
            if not line.strip(SPACES):
                continue
            read = folded(clean_line(line))
            mine = tuple(link for link in links if link.text and folded(link.text) in read)
            marker, self.marker = (self.marker, "") if self.kind == "item" else ("", self.marker)
            kind, level = (self.kind, self.level) if own else ("text", 0)  # a 文号 beside a title: a line of text
            self.blocks.append(Block(kind, line, level, links=mine, marker=marker, depth=max(len(self.lists) - 1, 0)))

    def inline(self, node: LexborNode, depth: int) -> None:
        """Collect the text of an inline subtree (and of anything below the depth limit)."""
        tag = node.tag
        if tag == "-text":
            self.buffer.append(node.text_content or "")
            return
        if tag in DROP or hidden(node):
            return
        if tag == "br":
            self.buffer.append(BR)
            return
        if tag == "img":
            self.image(node)
            return
        if (shown := raised_text(node)) is not None:
            self.buffer.append(shown)
            return
        if depth >= MAX_DEPTH:  # pathological nesting: its text, flat (Lexbor collects it, no recursion here)
            self.buffer.append(node.text(deep=True, separator=" "))
            return
        self.descend(node, depth)
        if tag == "a":
            href = link_address(node.attributes)
            text = clean_line(node.text(deep=True, separator=""))
            if href and text:
                self.links.append(Anchor(text, href, clean_line(node.attributes.get("title") or "")))

    def descend(self, node: LexborNode, depth: int) -> None:
        """Each child read as a block or as inline text; below MAX_DEPTH none is a block."""
        for child in children(node):
            if depth < MAX_DEPTH and child.tag in BLOCK:
                self.block(child, depth + 1)
            else:
                self.inline(child, depth + 1)

    def image(self, node: LexborNode) -> None:
        """A picture of the article is a block of its own (the page's furniture is left out); in the
        title slot, a picture of the title is its alt text."""
        parent = node.parent
        if (self.kind == "heading" and (alt := clean_line(node.attributes.get("alt") or ""))
                and parent is not None and not clean_line(parent.text(deep=True))):  # not an icon beside the text
            self.buffer.append(alt)
            return
        found = article_picture(node)
        if found is not None:
            self.flush()
            self.blocks.append(Block("image", found[0], links=(Anchor(*found),)))

    # -- blocks -------------------------------------------------------------
    def block(self, node: LexborNode, depth: int = 0) -> None:
        tag = node.tag
        if tag in DROP or hidden(node):
            return
        if tag == "table":
            self.flush()
            read = read_table(node)
            if read is None:
                self.layout(node, depth)
            else:
                self.blocks += read
            return
        whole = definition_block(node) if tag == "dl" else crumb_block(node) if tag in ("ol", "ul") else None
        if whole is None and tag not in _HEADINGS:
            whole = label_block(node)
        if whole is not None:  # an element read whole: attributes or a breadcrumb
            self.flush()
            self.blocks.append(whole)
            return
        self.flush()
        previous = (self.kind, self.level, self.preformatted)
        self.preformatted = self.preformatted or tag == "pre"
        if tag in _HEADINGS:
            self.kind, self.level = "heading", int(tag[1])
        elif tag == "li":
            listed = self.lists[-1] if self.lists else ListState(False, "1", 1)
            self.kind, self.level = "item", 1 if listed.ordered else 0
            self.marker = listed.next_marker(node.attributes.get("value"), len(self.lists))
        elif self.kind == "text" and self.titled(node):
            self.kind, self.level = "heading", 1
        if tag in ("ol", "ul"):
            self.lists.append(ListState.opened(tag, node.attributes))
        self.descend(node, depth)
        self.flush()
        if tag in ("ol", "ul"):
            self.lists.pop()
        self.kind, self.level, self.preformatted = previous

    def titled(self, node: LexborNode) -> bool:
        """A <div class="…title…"> holding one short line: the CMS's title slot."""
        names = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("id"))))
        if not names or not _TITLE_CLASS.search(names) or below(node, "p, div, table, li"):
            return False
        return 0 < len(clean_line(node.text(deep=True, separator="")) or _pictured_title(node)) <= 200

    def layout(self, table: LexborNode, depth: int) -> None:
        """A table of page layout, looked through row by row."""
        for row in table_rows(table):
            # A cell that is the CMS's title slot reads as one (a <br> in it breaks no title).
            if all(self.inline_only(cell) for cell in row) and not any(self.titled(cell) for cell in row):
                for n, cell in enumerate(row):
                    if n:
                        self.buffer.append(GAP)
                    self.inline(cell, depth + 1)
                self.flush()
            else:
                for cell in row:
                    self.block(cell, depth + 1)

    def inline_only(self, cell: LexborNode) -> bool:
        return not holds(cell, "p, div, table, ul, ol, li, dl, h1, h2, h3, h4, h5, h6")



# What a browser writes above a page it saved ('Save as… Web page, complete'): where it came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)


def _own_address(markup: str, tree: LexborHTMLParser) -> str:
    """Where the page is on the web, as it says: <base href> (what its links are read against),
    the browser's 'saved from url' comment, the canonical link, og:url. Only an absolute http(s) one."""
    base = tree.css_first("base[href]")
    saved = _SAVED_FROM.search(markup[:4096])
    canonical = tree.css_first("link[rel=canonical][href]")
    og_url = tree.css_first("meta[property='og:url'][content]")
    candidates = (base.attributes.get("href") if base is not None else None,
                  saved.group(1) if saved else None,
                  canonical.attributes.get("href") if canonical is not None else None,
                  og_url.attributes.get("content") if og_url is not None else None)
    return next((address for candidate in candidates
                 if (address := url_text(candidate)).lower().startswith(("http://", "https://"))), "")


def parse_html(markup: str) -> HtmlPage:
    """The page's blocks; TooDeep (told, located) for a page nested deeper than any browser nests."""
    refuse_too_deep(markup)
    tree = LexborHTMLParser(markup)
    address = _own_address(markup, tree)
    title_node = tree.css_first("title")
    meta: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        name = (node.attributes.get("name") or "").lower()
        if name and name not in meta:
            meta[name] = node.attributes.get("content") or ""
    srcdoc_shown(tree)
    # A page that shows its text or its PDF in a frame: what the frame shows, before frames are dropped.
    # (a comprehension's := binds in this function: named `shown`, not `address`, the page's own)
    frames = tuple(dict.fromkeys(
        shown for node in tree.css("iframe[src], frame[src], embed[src], object[data]") if not hidden(node)
        if (shown := url_text(node.attributes.get("src") or node.attributes.get("data"))[:300])
        and not shown.lower().startswith(("javascript:", "about:", "data:"))))
    scripts = tuple(node.text() or "" for node in tree.css("script"))
    options_as_links(tree)
    textareas_shown(tree)
    computed, unread = write_scripts(tree)  # after `scripts`: a page its scripts draw is told by their code
    boxes_as_text(tree)
    drop_unseen(tree)
    walker = _Walker()
    body = tree.body
    with texts_remembered():  # the tree is read, no longer changed
        if body is not None:
            walker.block(body)
        walker.flush()
    return HtmlPage(walker.blocks, title_node.text() if title_node is not None else "", meta, frames, address,
                    scripts, computed, unread)
