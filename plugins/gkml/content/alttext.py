"""Pictures of a body with no text alternative (alt).

A reader who cannot see the picture (a screen reader, large type with pictures off, an
old PC where it does not load) gets only its alt text: none, and a screen reader reads the
file name (image001.png) or nothing. A disclosure document's picture carries information
(an organisation chart, a scanned notice, a map), so an empty alt, which tells a screen
reader to skip the picture, is told as well: Markdown's `![](x.png)` renders `alt=""`, and
Word and old CMS pages paste `<img alt="">`. Each is a located notice, never stopping
publication. `gkml fix` writes the editor's own words for it where there are some, its
title (`![](x.png "组织机构图")`) or a file name in Chinese (组织机构图.png), and leaves
the others to the editor: only they know what the picture shows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple
from urllib.parse import unquote

from gkml.content.body import outside_code, path_of
from gkml.content.problems import Problem

CODE = "picture-without-alt"
# ![alt](destination "title"): the alt on one line, no brackets in it (a picture inside a link's text is still one)
# (possessive: a run of spaces is read once, linear)
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]*+)\]\(\s*+(?:<([^<>\n]*+)>|([^)\s>]*+))(?:\s++(?:\"([^\"\n]*+)\"|'([^'\n]*+)'))?\s*+\)")
_MD_REF_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\[[^\[\]\n]*\]")
# <img …> up to its ">", quoted values may hold ">": one greedy pass, linear (as gkml.content.htmlsafety)
_IMG = re.compile(r"""<img(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)""", re.IGNORECASE)
_ATTR = re.compile(r"""(?:(?<=[\s/"'])|^)([a-z][a-z0-9:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*)))?""",
                   re.IGNORECASE)
# words fix may write as alt without escaping for Markdown or HTML: Chinese in them, nothing that quotes or links
_WORDS = re.compile(r"^(?=.*[\u4e00-\u9fff])[\u4e00-\u9fff\u3000-\u303f\uff08\uff09\uff0c\uff1a\w \-—·.]+$")


class Picture(NamedTuple):
    line: int  # 0-based line of the body
    col: int  # 0-based column of its "![" or "<img"
    src: str  # as written, for the message
    alt_at: int | None  # column of the same line where fix writes the alt (None: fix leaves it)
    fill: str | None  # what fix writes there
    html: bool  # a raw <img>: fix writes ` alt="…"` when it had no alt attribute at all
    missing: bool  # no alt attribute at all (raw HTML)


def pictures_without_alt(body: str) -> list[Picture]:
    """Every picture outside code whose alt is missing or blank, in the order of the body."""
    text = _without_comments(outside_code(body))
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def where(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    found: list[tuple[int, Picture]] = []
    for m in _MD_IMAGE.finditer(text):
        if not m.group(1).strip():
            line, col = where(m.start())
            src = m.group(2) or m.group(3) or ""
            fill = _words(m.group(4) or m.group(5) or "") or _name_words(src)
            at = col + 2 if m.group(1) == "" and fill else None
            found.append((m.start(), Picture(line, col, src, at, fill, False, False)))
    for m in _MD_REF_IMAGE.finditer(text):
        if not m.group(1).strip():
            line, col = where(m.start())
            found.append((m.start(), Picture(line, col, m.group(0), None, None, False, False)))
    for m in _IMG.finditer(text):
        attrs = {a.group(1).lower(): (a, next((v for v in a.groups()[1:] if v is not None), ""))
                 for a in _ATTR.finditer(m.group(1))}
        alt = attrs.get("alt")
        if alt is not None and alt[1].strip():
            continue
        src = attrs["src"][1] if "src" in attrs else ""
        fill = _words(attrs["title"][1] if "title" in attrs else "") or _name_words(src)
        line, col = where(m.start())
        at: int | None = None
        if fill and alt is None:
            at = col + 4
        elif fill and alt is not None and "" in (alt[0].group(2), alt[0].group(3)):
            value_at = m.start(1) + alt[0].end() - 1  # between the empty quotes
            at = value_at - starts[line] if "\n" not in text[m.start():value_at] else None
        found.append((m.start(), Picture(line, col, src, at, fill, True, alt is None)))
    return [picture for _, picture in sorted(found)]


def _without_comments(text: str) -> str:
    """`text` with each HTML comment blanked (lines and columns kept): what it holds is never shown.
    One pass: an unclosed comment runs to the end, as a browser reads it."""
    parts: list[str] = []
    done = 0
    while (start := text.find("<!--", done)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        parts += [text[done:start], re.sub(r"[^\n]", " ", text[start:end])]
        done = end
    return "".join(parts) + text[done:]


def _words(text: str) -> str | None:
    text = text.strip()
    return text if _WORDS.match(text) else None


def _name_words(src: str) -> str | None:
    """The file's name without its suffix, when it is words in Chinese (组织机构图.png), not a
    camera's or Word's number (image001.png)."""
    name = unquote(path_of(src).rstrip("/").rsplit("/", 1)[-1])
    return _words(name.rsplit(".", 1)[0] if "." in name else name)


def alt_notices(path: str, body: str, body_line: int) -> list[Problem]:
    """A located notice for each picture without a text alternative."""
    notices = []
    for picture in pictures_without_alt(body):
        said = "没有替代文字（alt）" if picture.missing else "的替代文字（alt）是空的"
        how = (f"gkml fix 可写为“{picture.fill}”，请确认它说清了图片的内容" if picture.alt_at is not None
               else ("请写上图片表达的内容，如 <img alt=\"组织机构图\" …>" if picture.html
                     else "请在 ![ ] 的方括号中写上图片表达的内容，如 ![组织机构图](图片文件名)"))
        notices.append(Problem(path, body_line + picture.line, picture.col + 1, None, CODE,
                               f"正文图片 {_shown(picture.src)} {said}：看不到图片的读者（读屏软件、不显示图片的浏览器）"
                               f"不知道它说的是什么。{how}；纯装饰的图片请删除。"))
    return notices


def _shown(src: str) -> str:
    """The picture's address for a message: a picture written into it (data:) is not text to show."""
    if src.lower().startswith("data:"):
        return "（写在地址中的图片 data:）"
    if not src:
        return "（无地址）"
    return src if len(src) <= 80 else src[:77] + "…"


def alt_filled(line: str, pictures: list[Picture]) -> str:
    """`line` with the alt of each of its `pictures` fix can fill written in (right to left, so columns hold)."""
    for picture in sorted((p for p in pictures if p.alt_at is not None and p.fill), key=lambda p: -(p.alt_at or 0)):
        at = picture.alt_at or 0
        fill = f' alt="{picture.fill}"' if picture.html and picture.missing else picture.fill or ""
        line = line[:at] + fill + line[at:]
    return line
