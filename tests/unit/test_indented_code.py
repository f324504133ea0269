"""A picture in an indented code block is text on the page (Python-Markdown shows it as code), so
the check neither asks for its file nor for its alt; every picture the page does show is still checked.
Held to Python-Markdown's own rendering of bodies made of the lines editors write."""

from __future__ import annotations

import re

import markdown
from gkml.content.alttext import pictures_without_alt
from hypothesis import given, settings
from hypothesis import strategies as st

# MkDocs' own extensions, and those a site may add that indent their content
EXTENSIONS = ["fenced_code", "tables", "toc", "attr_list", "admonition", "footnotes", "def_list"]
LINES = ["段落", "- 一项", "1. 一项", "# 标题", "> 引用", "- - -", "```", "~~~", "!!! note", "[^1]: 注释", ":   定义",
         "| 甲 | 乙 |", "|---|---|", "<div>", "</div>", "    缩进的文字", "", "",
         "    ![](P)", "\t![](P)", "        ![](P)", "  ![](P)", "![](P)"]


def numbered(lines: list[str]) -> str:
    """The body, each picture's file named by its place (p1.png, p2.png …)."""
    count = iter(range(1, len(lines) + 1))
    return "\n".join(re.sub(r"\(P\)", lambda _: f"(p{next(count)}.png)", line) for line in lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=9))
def test_every_picture_the_page_shows_is_checked(lines: list[str]) -> None:
    body = numbered(lines)
    shown = set(re.findall(r'<img[^>]*src="(p[0-9]+\.png)"', markdown.markdown(body, extensions=EXTENSIONS)))
    checked = {picture.src for picture in pictures_without_alt(body)}
    assert shown <= checked, body


def test_a_picture_in_an_indented_code_block_is_text() -> None:
    body = numbered(["示例：", "", "    ![](P)", "\t![](P)", "", "- 一项", "", "    ![](P)", "", "段落。", "", "    ![](P)"])
    shown = set(re.findall(r'<img[^>]*src="(p[0-9]+\.png)"', markdown.markdown(body, extensions=EXTENSIONS)))
    assert shown == {"p3.png"}  # the list item's; the others are code
    assert [picture.src for picture in pictures_without_alt(body)] == ["p3.png"]
