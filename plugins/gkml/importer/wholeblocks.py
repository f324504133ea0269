"""Elements read whole as one block, before the walk looks into them: a breadcrumb list (one item to
each <li>), labels and values in sibling elements, a definition list of attributes."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from gkml.importer.blocks import Anchor, Block
from gkml.importer.elementtext import BLOCK, below, cell_lines, children, element_text
from gkml.importer.furniture import CRUMB_SEPARATOR, HOME, crumb_items
from gkml.importer.labels import is_weak, key_of, pair_cells, starts_with_label
from gkml.importer.links import link_address
from gkml.importer.text import SPACES, clean_line, tight
from gkml.importer.values import formed, lists_items
from gkml.profile.synonyms import simplified

# What a breadcrumb's list, or the box around it, is named: breadcrumb, crumbs, position, location, 当前位置.
_CRUMB_NAME = re.compile(r"crumb|bread|position|location|weizhi|dqwz|mianbao|mbx", re.IGNORECASE)


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


def crumb_block(node: LexborNode) -> Block | None:
    """<ul class=breadcrumb><li>首页</li><li>信息公开</li>…: a breadcrumb, an item to each <li>,
    read as one line (each item alone was body text, and the category's column path lost)."""
    items = [clean_line(element_text(li)) for li in children(node) if li.tag == "li"]
    if len(items) < 2 or simplified(tight(items[0]).strip(">»›/ ")) not in HOME:
        return None
    # The site's menu is such a list too (首页 | 机构概况 | 信息公开 …): a breadcrumb is named one
    # (class, id) or prints its separators.
    named = any(_CRUMB_NAME.search(" ".join(filter(None, (n.attributes.get("class"), n.attributes.get("id")))))
                for n in (node, node.parent) if n is not None)
    if not named and not any(CRUMB_SEPARATOR.search(item) for item in items):
        return None
    line = " > ".join(items)
    if crumb_items(line) is None:
        return None
    return Block("text", line, links=tuple(
        Anchor(text, href) for a in below(node, "a")
        if (text := clean_line(a.text(deep=True))) and (href := link_address(a.attributes))))


def label_block(node: LexborNode) -> Block | None:
    """<div><span>索引号</span><span>002986620/…</span></div>: labels and values in sibling
    elements, no colon between them (newer 信息公开 templates). One 'fields' block."""
    parts = [c for c in children(node) if c.tag != "-comment"
             and (c.tag != "-text" or (c.text_content or "").strip(SPACES + "\n\r\t\f"))]
    if len(parts) < 2 or parts[0].tag == "a" or any(c.tag in BLOCK for c in parts):
        return None
    texts: list[str] = []
    for c in parts:  # beside a list's label (主题词) a <br> parts its items
        items = c.tag != "-text" and bool(texts) and lists_items(texts[-1])
        texts.append(clean_line(c.text_content or "" if c.tag == "-text" else
                                " ".join(cell_lines(c)) if items else element_text(c)))
    if any(c.tag == "-text" for c in parts) and not _label_then_text(parts, texts):
        return None
    # '<span>发布时间：2022年5月6日</span><span>来源：办公室</span>': each element a label and its value.
    if key_of(texts[0]) is None and not starts_with_label(texts[0]):
        return None
    pairs = pair_cells(texts)
    # 'Date' (no line of a Chinese body starts so) with a date beside it opens a run; '时间：…' may be text
    if not pairs or (is_weak(pairs[0][0]) and not (pairs[0][0].isascii() and formed(pairs[0]))):
        return None
    return Block("fields", pairs=tuple(pairs))


def definition_block(node: LexborNode) -> Block | None:
    """<dl><dt>索引号：</dt><dd>002986620/…</dd>…: a definition list of two or more labels, one 'fields' block."""
    terms = [c for c in children(node) if c.tag in ("dt", "dd")]
    if sum(1 for c in terms if c.tag == "dt" and key_of(clean_line(c.text(deep=True)))) < 2:
        return None
    pairs: list[tuple[str, str]] = []
    label: str | None = None
    for item in terms:
        items = item.tag == "dd" and label is not None and lists_items(label)  # '安全生产<br>行政处罚'
        text = clean_line(" ".join(cell_lines(item)) if items else element_text(item))
        if item.tag == "dt":
            if label is not None:
                pairs.append((label, ""))
            label = text
        elif label is not None:
            pairs.append((label, text))
            label = None
    return Block("fields", pairs=tuple(pairs))
