"""An HTML page as blocks, on Lexbor's HTML5 tree builder (selectolax).

The tree is built as a browser builds it (unclosed <p>/<td>, stray end tags,
misnested tables all recovered by the WHATWG algorithm), so this module only
decides what each element is for the reader: a paragraph, a heading, a list
item, a data table, an attribute block, or layout to look through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkml.importer.blocks import Anchor, Block, BlockKind, unwrap
from gkml.importer.furniture import CRUMB_SEPARATOR, HOME, crumb_items
from gkml.importer.labels import (
    WEAK,
    grid_pairs,
    key_of,
    pair_cells,
    starts_with_label,
    unstacked,
)
from gkml.importer.links import link_address, url_text
from gkml.importer.lists import ListState
from gkml.importer.pictures import article_picture
from gkml.importer.tablegrid import grid
from gkml.importer.text import (
    IDEO,
    SPACES,
    clean_line,
    folded,
    raised,
    shown_line,
    tight,
    unpad,
)

_DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                   "select", "button", "textarea", "input", "head", "title", "map", "canvas",
                   "audio", "video", "math", "-comment", "option", "datalist"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
                    "td", "th", "blockquote", "section", "article", "center", "dl", "dt", "dd", "pre",
                    "hr", "address", "fieldset", "tbody", "thead", "tfoot", "caption", "main",
                    "aside", "figure", "figcaption", "body", "html", "nav", "header", "footer", "form",
                    "legend", "details", "summary", "menu"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BR = "\u2028"  # a <br> inside collected text
_GAP = "    "  # between the cells of a layout row: a wide gap separates attribute runs
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|biaoti|bt|tit|headline)(?:$|[\s_-])|title", re.IGNORECASE)
_MAX_DEPTH = 150  # deeper nesting is read as flat text


@dataclass
class HtmlPage:
    blocks: list[Block]
    title: str  # <title>, a last-resort title
    meta: dict[str, str] = field(default_factory=dict)  # <meta name=…> contents, lower-case names
    frames: tuple[str, ...] = ()  # what <iframe>, <embed> and <object> show in the page (src, data)
    address: str = ""  # where the page says it is on the web: its relative links lead from there


def _children(node: LexborNode) -> list[LexborNode]:
    return list(node.iter(include_text=True))


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or bool(_HIDDEN.search(attrs.get("style") or ""))


def _below(node: LexborNode, selector: str) -> list[LexborNode]:
    """Descendants matching `selector` (Lexbor's css() includes the node itself)."""
    return [found for found in node.css(selector) if found.mem_id != node.mem_id]


def _all_link(cell: LexborNode) -> bool:
    """A cell whose whole text is one or more links (a menu)."""
    text = clean_line(cell.text(deep=True))
    linked = "".join(clean_line(a.text(deep=True)) for a in _below(cell, "a"))
    return bool(text) and len(linked) >= len(text.replace(" ", "")) * 0.9


def _wrapper(table: LexborNode) -> bool:
    """A table around one piece of text (Word and old editors wrap a cell's value in one): text, not layout."""
    cells = [cell for cell in _below(table, "td, th") if cell.text(deep=True).strip(SPACES + "\n\r")]
    return (len(cells) <= 1 and len(clean_line(table.text(deep=True))) <= 100
            and not _below(table, "a, p, div, table, ul, ol, li, h1, h2, h3, h4, h5, h6"))


def _collapse(text: str) -> str:
    """Browser whitespace: a source line break between ideographs vanishes, other runs become one space.
    No-break and ideographic spaces are kept, so gaps made of them still separate fields."""
    text = re.sub(rf"(?<=[{IDEO}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{IDEO}])", "", text)
    return re.sub(r"[ \t\r\n\f]+", " ", text)


def _raised(node: LexborNode) -> str | None:
    """A <sup>/<sub> as the characters it shows (m², CO₂), or None to read it as any inline element."""
    return raised(node.text(deep=True, separator=""), node.tag) if node.tag in ("sup", "sub") else None


def _text(node: LexborNode, depth: int = 0, br: str = "\n") -> str:
    """A cell's or an element's text on one line, as a browser shows it: inline runs (Word's
    <span>s, <font>s) joined as they are, a <br> or a block boundary a line break that vanishes
    between ideographs and is a space elsewhere (or `br`, to tell the lines apart)."""
    if depth >= _MAX_DEPTH:
        return _collapse(node.text(deep=True, separator=" "))
    parts: list[str] = []
    for child in _children(node):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag == "br":
            parts.append(br)
        elif tag in _DROP:
            continue
        elif (shown := _raised(child)) is not None:
            parts.append(shown)
        elif tag in _BLOCK:
            parts.append(br + _text(child, depth + 1, br) + br)
        else:
            parts.append(_text(child, depth + 1, br))
    return _collapse("".join(parts)) if depth == 0 else "".join(parts)


def _lines(cell: LexborNode) -> list[str]:
    """A cell's lines as its <br>s and blocks break them, each as the browser shows it. Between
    <br>s an empty line stays ('<br>安徽省应急管理厅': the first value is empty); [] for an empty cell."""
    lines = [shown_line(_collapse(part)) for part in _text(cell, 1, _BR).split(_BR)]
    if _below(cell, ", ".join(sorted(_BLOCK))):  # blocks: their edges make no lines
        return [line for line in lines if line]
    return lines if any(lines) else []


def _label_then_text(parts: list[LexborNode], texts: list[str]) -> bool:
    """'<li><b>索引号</b>002986620/…</li>': each value bare text right after its label's element, no colon."""
    for n, (part, text) in enumerate(zip(parts, texts, strict=True)):
        if (part.tag == "-text") != bool(n % 2):
            return False
        if part.tag == "-text":
            if text.startswith((":", "：")):  # '<b>索引号</b>：…' is a label line, read as one
                return False
        elif key_of(text) is None:
            return False
    return True


# What a breadcrumb's list, or the box around it, is named: breadcrumb, crumbs, position, location, 当前位置.
_CRUMB_NAME = re.compile(r"crumb|bread|position|location|weizhi|dqwz|mianbao|mbx", re.IGNORECASE)


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
            lines = unwrap(raw.replace(_BR, "\n").split("\n"))
        else:
            lines = [raw.replace(_BR, "\n")] if self.kind == "heading" else raw.split(_BR)
        for line in lines:
            line = _collapse(line)
            if not line.strip(SPACES):
                continue
            read = folded(clean_line(line))
            mine = tuple(link for link in links if link.text and folded(link.text) in read)
            marker, self.marker = (self.marker, "") if self.kind == "item" else ("", self.marker)
            self.blocks.append(Block(self.kind, line, self.level, links=mine, marker=marker,
                                     depth=max(len(self.lists) - 1, 0)))

    def inline(self, node: LexborNode, depth: int) -> None:
        """Collect the text of an inline subtree (and of anything below the depth limit)."""
        tag = node.tag
        if tag == "-text":
            self.buffer.append(node.text_content or "")
            return
        if tag in _DROP or _hidden(node):
            return
        if tag == "br":
            self.buffer.append(_BR)
            return
        if tag == "img":
            self.image(node)
            return
        if (shown := _raised(node)) is not None:
            self.buffer.append(shown)
            return
        if depth >= _MAX_DEPTH:  # pathological nesting: its text, flat (Lexbor collects it, no recursion here)
            self.buffer.append(node.text(deep=True, separator=" "))
            return
        for child in _children(node):
            if depth < _MAX_DEPTH and child.tag in _BLOCK:
                self.block(child, depth + 1)
            else:
                self.inline(child, depth + 1)
        if tag == "a":
            href = link_address(node.attributes)
            text = clean_line(node.text(deep=True, separator=""))
            if href and text:
                self.links.append(Anchor(text, href, clean_line(node.attributes.get("title") or "")))

    def image(self, node: LexborNode) -> None:
        """A picture of the article is a block of its own (the page's furniture is left out)."""
        found = article_picture(node)
        if found is not None:
            self.flush()
            self.blocks.append(Block("image", found[0], links=(Anchor(*found),)))

    # -- blocks -------------------------------------------------------------
    def block(self, node: LexborNode, depth: int = 0) -> None:
        tag = node.tag
        if tag in _DROP or _hidden(node):
            return
        if tag == "table":
            self.flush()
            self.table(node, depth)
            return
        if tag == "dl" and self.definition_list(node):
            return
        if tag in ("ol", "ul") and self.crumb_list(node):
            return
        if tag not in _HEADINGS and self.label_elements(node):
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
        for child in _children(node):
            if depth < _MAX_DEPTH and child.tag in _BLOCK:
                self.block(child, depth + 1)
            else:
                self.inline(child, depth + 1)
        self.flush()
        if tag in ("ol", "ul"):
            self.lists.pop()
        self.kind, self.level, self.preformatted = previous

    def crumb_list(self, node: LexborNode) -> bool:
        """<ul class=breadcrumb><li>首页</li><li>信息公开</li>…: a breadcrumb, an item to each <li>,
        read as one line (each item alone was body text, and the category's column path lost)."""
        items = [clean_line(_text(li)) for li in _children(node) if li.tag == "li"]
        if len(items) < 2 or tight(items[0]).strip(">»›/ ") not in HOME:
            return False
        # The site's menu is such a list too (首页 | 机构概况 | 信息公开 …): a breadcrumb is named one
        # (class, id) or prints its separators.
        named = any(_CRUMB_NAME.search(" ".join(filter(None, (n.attributes.get("class"), n.attributes.get("id")))))
                    for n in (node, node.parent) if n is not None)
        if not named and not any(CRUMB_SEPARATOR.search(item) for item in items):
            return False
        line = " > ".join(items)
        if crumb_items(line) is None:
            return False
        self.flush()
        self.blocks.append(Block("text", line, links=tuple(
            Anchor(text, href) for a in _below(node, "a")
            if (text := clean_line(a.text(deep=True))) and (href := link_address(a.attributes)))))
        return True

    def titled(self, node: LexborNode) -> bool:
        """A <div class="…title…"> holding one short line: the CMS's title slot."""
        names = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("id"))))
        if not names or not _TITLE_CLASS.search(names) or _below(node, "p, div, table, li"):
            return False
        return 0 < len(clean_line(node.text(deep=True, separator=""))) <= 200

    def label_elements(self, node: LexborNode) -> bool:
        """<div><span>索引号</span><span>002986620/…</span></div>: labels and values in sibling
        elements, no colon between them (newer 信息公开 templates). One 'fields' block."""
        parts = [c for c in _children(node) if c.tag != "-comment"
                 and (c.tag != "-text" or (c.text_content or "").strip(SPACES + "\n\r\t\f"))]
        if len(parts) < 2 or parts[0].tag == "a" or any(c.tag in _BLOCK for c in parts):
            return False
        texts = [clean_line(c.text_content or "") if c.tag == "-text" else clean_line(_text(c)) for c in parts]
        if any(c.tag == "-text" for c in parts) and not _label_then_text(parts, texts):
            return False
        # '<span>发布时间：2022年5月6日</span><span>来源：办公室</span>': each element a label and its value.
        if key_of(texts[0]) is None and not starts_with_label(texts[0]):
            return False
        pairs = pair_cells(texts)
        if not pairs or unpad(pairs[0][0]).rstrip(":：") in WEAK:
            return False
        self.flush()
        self.blocks.append(Block("fields", pairs=tuple(pairs)))
        return True

    # -- tables and lists ---------------------------------------------------
    def rows(self, table: LexborNode) -> list[list[LexborNode]]:
        found: list[list[LexborNode]] = []

        def visit(node: LexborNode) -> None:
            for child in _children(node):
                if child.tag == "tr":
                    found.append([c for c in _children(child) if c.tag in ("td", "th")])
                elif child.tag in ("tbody", "thead", "tfoot"):
                    visit(child)

        visit(table)
        return found

    def table(self, table: LexborNode, depth: int) -> None:
        rows = [row for row in self.rows(table) if row]
        texts = [[shown_line(_text(cell)) for cell in row] for row in rows]  # as written: labels take ':' and '：'
        if self.attribute_table(rows, [line for row, cells in zip(rows, texts, strict=True)
                                       for line in unstacked([_lines(cell) for cell in row]) or [cells]]):
            return
        if self.data_table(table, rows):
            # A first row of one cell across the table ('2020年收支表', '单位：万元') is a caption, not a header.
            while len(rows) > 2 and len(rows[0]) == 1 and max(len(row) for row in rows[1:]) > 1:
                if texts[0][0]:
                    self.blocks.append(Block("text", texts[0][0]))
                rows, texts = rows[1:], texts[1:]
            result = [line for line in grid(rows, texts) if any(line)]
            if result:
                links = tuple(Anchor(text, href, clean_line(a.attributes.get("title") or "")) for a in _below(table, "a")
                              if (text := clean_line(a.text(deep=True))) and (href := link_address(a.attributes)))
                self.blocks.append(Block("table", rows=tuple(result), links=links))
            return
        for row in rows:  # layout: look through it
            # A cell that is the CMS's title slot reads as one (a <br> in it breaks no title).
            if all(self.inline_only(cell) for cell in row) and not any(self.titled(cell) for cell in row):
                for n, cell in enumerate(row):
                    if n:
                        self.buffer.append(_GAP)
                    self.inline(cell, depth + 1)
                self.flush()
            else:
                for cell in row:
                    self.block(cell, depth + 1)

    def inline_only(self, cell: LexborNode) -> bool:
        return not _below(cell, "p, div, table, ul, ol, li, dl, h1, h2, h3, h4, h5, h6")

    def attribute_table(self, rows: list[list[LexborNode]], texts: list[list[str]]) -> bool:
        """A grid of 标签 | 值 cells (2 or 4 columns) or of 标签：值 cells: one 'fields' block."""
        labelled = sum(1 for cells in texts for text in cells if key_of(text) or starts_with_label(text))
        if labelled < 2:
            return False
        if by_columns := grid_pairs(texts):
            self.blocks.append(Block("fields", pairs=tuple(by_columns)))
            return True
        pairs: list[tuple[str, str]] = []
        for cells in texts:
            found = pair_cells(cells)
            # A row of no label (the title, the body in one cell): a page laid out in one table.
            if found is None or (not found and any(cells)):
                return False
            pairs += found
        self.blocks.append(Block("fields", pairs=tuple(pairs)))
        return True

    def data_table(self, table: LexborNode, rows: list[list[LexborNode]]) -> bool:
        """A grid of data: not page layout (nested tables, blocks of paragraphs), not a menu of
        links, not a breadcrumb laid out in cells."""
        filled = [row for row in rows if sum(1 for c in row if c.text(deep=True).strip(SPACES + "\n\r")) >= 2]
        if len(filled) < 2 or not all(_wrapper(inner) for inner in _below(table, "table")):
            return False
        cells = [cell for row in rows for cell in row if clean_line(cell.text(deep=True))]
        linked = [cell for cell in cells if _all_link(cell)]
        if len(linked) >= 0.8 * len(cells):
            return False
        for row in rows:
            if crumb_items(_GAP.join(clean_line(_text(cell)) for cell in row)):
                return False
            for cell in row:
                if _below(cell, "h1, h2, h3, h4, h5, h6, ul, ol"):
                    return False
                if len(_below(cell, "p, div")) > 3:
                    return False
        return True

    def definition_list(self, node: LexborNode) -> bool:
        terms = [c for c in _children(node) if c.tag in ("dt", "dd")]
        if sum(1 for c in terms if c.tag == "dt" and key_of(clean_line(c.text(deep=True)))) < 2:
            return False
        self.flush()
        pairs: list[tuple[str, str]] = []
        label: str | None = None
        for item in terms:
            text = clean_line(_text(item))
            if item.tag == "dt":
                if label is not None:
                    pairs.append((label, ""))
                label = text
            elif label is not None:
                pairs.append((label, text))
                label = None
        self.blocks.append(Block("fields", pairs=tuple(pairs)))
        return True


def _drop_unseen(tree: LexborHTMLParser) -> None:
    """Remove what a reader never sees (scripts, frames, hidden boxes) before anything reads text:
    cells and title slots are also read whole (node.text), which would keep a <script>'s code."""
    unseen = [node for node in tree.css(", ".join(sorted(_DROP - {"-comment", "head", "title"})))]
    unseen += [node for node in tree.css("[hidden], [style]") if _hidden(node)]
    marked = {node.mem_id for node in unseen}
    for node in unseen:  # outermost only: an inner node dies with its ancestor
        parent = node.parent
        while parent is not None and parent.mem_id not in marked:
            parent = parent.parent
        if parent is None:
            node.decompose()


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
    tree = LexborHTMLParser(markup)
    address = _own_address(markup, tree)
    title_node = tree.css_first("title")
    meta: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        name = (node.attributes.get("name") or "").lower()
        if name and name not in meta:
            meta[name] = node.attributes.get("content") or ""
    # A page that shows its text or its PDF in a frame: what the frame shows, before frames are dropped.
    frames = tuple(dict.fromkeys(
        address for node in tree.css("iframe[src], frame[src], embed[src], object[data]") if not _hidden(node)
        if (address := url_text(node.attributes.get("src") or node.attributes.get("data"))[:300])
        and not address.lower().startswith(("javascript:", "about:", "data:"))))
    _drop_unseen(tree)
    walker = _Walker()
    body = tree.body
    if body is not None:
        walker.block(body)
    walker.flush()
    return HtmlPage(walker.blocks, title_node.text() if title_node is not None else "", meta, frames, address)
