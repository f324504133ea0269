"""A picture in an indented code block is text on the page (Python-Markdown shows it as code), so
the check neither asks for its file nor for its alt; every picture the page does show is still checked.
Held to Python-Markdown's own rendering of bodies made of the lines editors write."""

from __future__ import annotations

import re

import markdown
from gkml.content.alttext import pictures_without_alt
from gkml.content.body import located_addresses
from gkml.content.htmlsafety import unsafe_html
from hypothesis import example, given, settings
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


# raw HTML an editor pastes, indented or not, and the lines that may make it live (a raw HTML block)
HTML_LINES = ["段落", "- 一项", "```", "!!! note", "<div>", "</div>", "<!--", "-->", "<p>", "", "",
              "    <script>S</script>", "\t<script>S</script>", "<script>S</script>", "    <b>粗体</b>",
              "`<script>S</script>`", "<div>`<script>S</script>`</div>", "文字 `<script>S</script>` 文字"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HTML_LINES), min_size=1, max_size=9))
def test_every_script_the_page_would_run_is_refused(lines: list[str]) -> None:
    """Raw HTML in an indented code block is shown as code, not refused; but every script
    Python-Markdown passes to the page (in a raw HTML block, however indented) is."""
    count = iter(range(1, len(lines) + 1))
    body = "\n".join(re.sub("S", lambda _: f"s{next(count)}", line) for line in lines) + "\n"
    live = set(re.findall(r"<script>(s[0-9]+)<", markdown.markdown(body, extensions=EXTENSIONS)))
    live_lines = {n for n, line in enumerate(body.split("\n"), start=1) for name in live if f">{name}<" in line}
    assert live_lines <= {line for line, _, _ in unsafe_html(body)}, body


def test_raw_html_in_an_indented_code_block_is_shown_not_refused() -> None:
    body = "示例代码：\n\n    <script>alert(1)</script>\n    <img src=x onerror=alert(1)>\n\n段落。\n"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown.markdown(body, extensions=EXTENSIONS)
    assert unsafe_html(body) == []
    # in a raw HTML block the same lines are live: refused
    assert [line for line, _, _ in unsafe_html("<div>\n\n" + body.split("\n\n", 1)[1] + "\n</div>\n")] == [3, 4]


# a link in backticks: a code span in a paragraph, a live link inside raw HTML (Markdown reads nothing there)
LINK_LINES = ["段落", "<div>", "</div>", "<p>", "```", "", "", "`<a href=\"L\">甲</a>`", "<div>`<a href=\"L\">乙</a>`</div>",
              "文字 `[丙](L)` 文字", "<table><tr><td>``<a href=\"L\">丁</a>``</td></tr></table>", "    `<a href=\"L\">戊</a>`"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINK_LINES), min_size=1, max_size=9))
def test_every_link_the_page_holds_is_read(lines: list[str]) -> None:
    count = iter(range(1, len(lines) + 1))
    body = "\n".join(re.sub("L", lambda _: f"l{next(count)}.pdf", line) for line in lines) + "\n"
    live = set(re.findall(r'<a href="(l[0-9]+\.pdf)"', markdown.markdown(body, extensions=EXTENSIONS)))
    assert live <= {url for _, _, url in located_addresses(body)}, body


# backticks a table's rows, a quote's or a list item's lazy lines, a heading or a comment may pair otherwise
# than one paragraph does: the check read some as code spans and passed the script the page runs
TICK_LINES = ["段落", "`", "``", "文字 `a", "b` 文字", "<!--", "<!-- `", "` -->", "a <!-- b", "<p>`</p>", "", "",
              "| 甲 | 乙 |", "|---|---|", "| `a | b |", "| c | d` |", "| S | `x |", "- 项 `", "> 引 `", "# 标题 `",
              "标题 `", "---", "S", "`S`", "S `"]


@settings(max_examples=400, deadline=None)
@example(["| 甲 | 乙 |", "|---|---|", "| `a | b |", "| c | S` |"])
@example(["``", "> 引 `", "`S`", "`"])
@example(["- 项 `", "`S`", "`"])
@example(["# 标题 `", "`", "`S`", "---"])
@given(st.lists(st.sampled_from(TICK_LINES), min_size=1, max_size=8))
def test_a_script_after_backticks_another_block_pairs_is_refused(lines: list[str]) -> None:
    count = iter(range(1, len(lines) + 1))
    body = "\n".join(re.sub("S", lambda _: f"<script>s{next(count)}</script>", line) for line in lines) + "\n"
    live = set(re.findall(r"<script>(s[0-9]+)<", markdown.markdown(body, extensions=EXTENSIONS)))
    live_lines = {n for n, line in enumerate(body.split("\n"), start=1) for name in live if f">{name}<" in line}
    assert live_lines <= {line for line, _, _ in unsafe_html(body)}, body


# the same, in nested containers: a definition list or a quote in a list item, a table in a quote, an
# admonition's body; a definition's terms are a block each, an admonition ends at a line less indented
NESTED_LINES = ["段落", "", "- 项", "- 项 `", "1. 项 `", "    术语", "    :   定义 `", ":   定义 `", "术语", "    > 引 `",
                "> 引 `", "> | 甲 | 乙 |", "> |---|---|", "> | `a | b |", "> | c | S` |", "    | `a | S` |", "    `", "    ``",
                "`", "``", "    S `", "    `S`", "> - 项 `", "> > `", "S", "`S`", "S `", "    - 子 `", "        `",
                "> :   定义 `", "!!! note", "    !!! note", "    引 `S", "[^1]: 注 `", "    `S"]


@settings(max_examples=300, deadline=None)
@example(["1. 项 `", "> 引 `", "> | 甲 | 乙 |", "`S`"])
@example(["- 项", "> > `", "", "    引 `S", "    > `", "术语"])
@example(["- 项", "    引 `S", "    ``", "    引 `S", "> :   定义 `", ":   定义 `"])
@example(["!!! note", "    `S", "`S`", "`S`"])
@given(st.lists(st.sampled_from(NESTED_LINES), min_size=1, max_size=8))
def test_a_script_after_backticks_a_nested_block_pairs_is_refused(lines: list[str]) -> None:
    count = iter(range(1, len(lines) + 1))
    body = "\n".join(re.sub("S", lambda _: f"<script>s{next(count)}</script>", line) for line in lines) + "\n"
    live = set(re.findall(r"<script>(s[0-9]+)<", markdown.markdown(body, extensions=[*EXTENSIONS, "md_in_html"])))
    live_lines = {n for n, line in enumerate(body.split("\n"), start=1) for name in live if f">{name}<" in line}
    assert live_lines <= {line for line, _, _ in unsafe_html(body)}, body


def test_a_script_in_a_code_span_its_lines_pair_is_shown_not_refused() -> None:
    """A line whose every backtick is paired in it, as each line above it is: its code spans are code
    however its lines are parted, nested or not."""
    body = "- 项 `<script>a</script>`\n    > 引 ``<script>b</script>``\n    > | `<script>c</script>` | 乙 |\n"
    assert "<script>a" not in markdown.markdown(body, extensions=EXTENSIONS)
    assert unsafe_html(body) == []
