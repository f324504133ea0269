"""The files a saved page links (its attachments): which links name a document-type file, the name
the file goes by and the title the page gives it."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote_to_bytes

from gkml.importer.blocks import Anchor, Block
from gkml.importer.furniture import related_sections
from gkml.importer.layout import Layout
from gkml.importer.links import path_and_query, script_file
from gkml.importer.text import SPACES

# Links to these are attachments (the document types the content model accepts); a profile
# that lists its own types passes them to parse_page.
ATTACHMENT_TYPES = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "dps",
                    "zip", "rar", "7z", "jpg", "jpeg", "png")


@lru_cache(maxsize=8)
def _extension(types: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\.(" + "|".join(map(re.escape, types)) + r")$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    title: str
    href: str
    name: str  # the file name the link points at
    alias: str = ""  # the file name its text or title shows when its address names another (wKgAAmYW.pdf)


def url_unquote(text: str) -> str:
    """Percent-decoded text of a link: UTF-8, else GB18030 (old ASP/IIS sites escape file names in GBK)."""
    raw = unquote_to_bytes(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


# A picture the page holds in its address (Word's paste, an editor's inline image): 'data:image/png;base64,…'.
_DATA_PICTURE = re.compile(r"data:image/(png|jpe?g|gif|bmp|tiff?|webp);base64,", re.IGNORECASE)


def data_picture(href: str) -> bytes | None:
    """The bytes of a picture written in its address (data:image/png;base64,…), else None."""
    if not (match := _DATA_PICTURE.match(href)):
        return None
    try:
        return base64.b64decode("".join(href[match.end():].split()), validate=True) or None
    except (binascii.Error, ValueError):
        return None


def file_name(href: str, types: tuple[str, ...] = ATTACHMENT_TYPES) -> str:
    """The file a link names: its path's last part, or a `filename=` query value (download.jsp?filename=…);
    a picture written in its address, a name of its bytes' digest (image-1a2b3c4d5e.png)."""
    if match := _DATA_PICTURE.match(href):
        extension = {"jpeg": "jpg", "tiff": "tif"}.get(match[1].lower(), match[1].lower())
        digest = hashlib.sha256(href[match.end():].encode("utf-8", "replace")).hexdigest()[:10]
        return f"image-{digest}.{extension}" if extension in types else ""
    path, query = path_and_query(href)
    name = url_unquote(path.rsplit("/", 1)[-1])
    extension = _extension(types)
    if extension.search(name):
        return name
    for pair in re.split(r"[&;]", query):
        candidate = url_unquote(pair.partition("=")[2].replace("+", " ")).rsplit("/", 1)[-1]
        if extension.search(candidate):
            return candidate
    return ""


_GENERIC_LINK = re.compile(r"^[【\[（(]?(?:点击)?(?:下载|查看|浏览|打开|附件下载|下载附件|此处|这里)[】\]）)]?$")
_ATTACHMENT_PREFIX = re.compile(r"^(?:相关)?附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、]?\s*")
# '附件1：检查表' inside the link: the label, not the title ('附件材料清单' keeps its word).
_ATTACHMENT_LABEL = re.compile(r"^(?:相关)?附件\s*(?:[0-9０-９一二三四五六七八九十]+(?:\s*[:：.、．]|\s+)|[:：])\s*")

# '1.活动方案.pdf', '3、统计表', '（2）报名表', '1.2020年度…': the number the attachment list printed, not
# the file's title ('1.5米以下…' and '2024年…' keep theirs).
_LIST_NUMBER = re.compile(r"^(?:[0-9０-９]{1,2}\s*(?:、|[.．](?=[0-9０-９]{4}年|[^0-9０-９]))|[（(][0-9０-９]{1,2}[)）])\s*")


def _link_title(text: str, line: str, types: tuple[str, ...]) -> str:
    """A link's title; for a bare 'download' link, the rest of its line ('附件1：检查表 [下载]' → 检查表)."""
    text = text.strip(SPACES)
    if _GENERIC_LINK.match(text):
        rest = line.replace(text, "").strip(SPACES + "[]【】()（）")
        text = _ATTACHMENT_PREFIX.sub("", rest).strip(SPACES + "：:")
    text = _ATTACHMENT_LABEL.sub("", text) or text
    text = _LIST_NUMBER.sub("", text) or text
    return _extension(types).sub("", text)


# A cell of a table of files that is no title: its number, size, date, or its download word.
_NO_TITLE_CELL = re.compile(r"^(?:[0-9０-９]{1,3}[.、．]?|[0-9.]+\s*(?:[KMG]i?B|[KMG]|字节)|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
                            r"|[【\[]?(?:点击)?(?:下载|查看|预览|在线预览|浏览|打开)[】\]]?|[-—－]*)$", re.IGNORECASE)


def _row_lines(block: Block) -> dict[str, str]:
    """A table of files ('序号 | 附件名称 | 大小 | [下载]'): each link's row told by its other cells that may
    be a title, the line a bare download link's title is read from."""
    lines: dict[str, str] = {}
    for row, cells in zip(block.rows, block.cells, strict=False):
        for at, links in enumerate(cells):
            others = [cell.strip(SPACES) for n, cell in enumerate(row) if n != at]
            line = " ".join(cell for cell in others if cell and not _NO_TITLE_CELL.match(cell))
            for link in links:
                lines.setdefault(link.href, f"{link.text} {line}")
    return lines


def _named_in_text(text: str, href: str, types: tuple[str, ...]) -> str:
    """The file a download link's text names when its address does not: '/download.do?id=88231',
    or a script whose argument is no address ('javascript:void(0)'), showing '方案.docx'."""
    if href.lower().startswith(("mailto:", "tel:")):
        return ""
    name = _ATTACHMENT_LABEL.sub("", text.strip(SPACES)).strip(SPACES)
    return name if _extension(types).search(name) and "/" not in name and len(name) <= 120 else ""


def _unnumbered(name: str, types: tuple[str, ...]) -> str:
    bare = _LIST_NUMBER.sub("", name)
    return bare if _extension(types).sub("", bare) else name


def linked_files(layout: Layout, types: tuple[str, ...], frames: tuple[str, ...] = (), title: str = "") -> tuple[Link, ...]:
    """Linked files of the body and below it, then files the page shows in a frame (an embedded PDF:
    the document itself, named by its title)."""
    related = related_sections(layout.after)
    # Pictures below the body are the page's (badges, QR codes), not the document's.
    blocks = list(layout.body) + [b for b, inside in zip(layout.after, related, strict=True)
                                  if not inside and b.kind != "image"]
    blocks.append(Block("text", "", links=layout.field_links))  # an attribute table's 附件 row
    blocks.append(Block("text", "", links=tuple(Anchor(title, address) for address in frames)))
    found: list[Link] = []
    seen: set[str] = set()
    for block in blocks:
        rows = _row_lines(block) if block.kind == "table" else {}
        for text, href, hint in block.links:
            lowered = href.lower()
            # downLoadFile('8a8f','报名表.xlsx'): the handler names the file it fetches by an id.
            by_address = (file_name(script_file(href), types) if lowered.startswith("javascript:")
                          else "" if lowered.startswith("mailto:") else file_name(href, types))
            # '检查情况统计表.pdf' (or <a title="…">) over '/u/wKgAAmYW.pdf' or 'download.do?id=8': the name an editor saves it by
            shown = _named_in_text(text, href, types) or _named_in_text(hint, href, types)
            # '3.海报.jpg': the number the attachment list printed is no part of the file's name; a file
            # saved under the numbered name is still found by it (the alias).
            name = by_address or _unnumbered(shown, types)
            key = href if by_address else f"{href}\n{name}"  # one address that names no file serves many
            if not name or key in seen:
                continue
            seen.add(key)
            found.append(Link(_link_title(text, rows.get(href, block.text), types) or _extension(types).sub("", name), href, name,
                              shown if shown != name else ""))
    return tuple(found)

