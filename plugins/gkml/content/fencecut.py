"""A `---` line written inside a multi-line value (`summary: |`, its lines indented below it).

A line of three hyphens at the start of a line ends the front matter, for YAML and for gkml
alike, wherever it stands: the value keeps only the lines above it, and the indented lines
after it become the body (the first of them shown over a `---` as a heading). Refused, located
at that line, with how to keep it in the value.
"""

from __future__ import annotations

import re

from gkml.content.problems import Problem

CODE = "fence-in-value"
# `summary: |`, `summary: >-`: a block value, its lines indented below the key
_BLOCK = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ ]*:[ ]+[|>][-+0-9]*[ ]*(?:#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def fence_in_value(path: str, text: str, body_line: int, labels: dict[str, str]) -> list[Problem]:
    """The closing `---` when the front matter's last field is a block value and the line after
    the fence is indented as that value's lines are. `labels`: each field's key → label."""
    lines = text.split("\n")
    fence = body_line - 2  # 0-based: the closing fence's line
    front = lines[1:fence]
    start = next((n for n in range(len(front) - 1, -1, -1) if front[n].strip() and not front[n][0].isspace()), None)
    if start is None or not (block := _BLOCK.match(front[start])):
        return []
    written = [line for line in front[start + 1:] if line.strip()]
    depth = _indent(written[0]) if written else 1
    after = next((line for line in lines[fence + 1:] if line.strip()), None)
    if depth == 0 or after is None or _indent(after) < depth:
        return []
    key = block["key"]
    named = labels.get(key, f"“{key}”")
    return [Problem(path, fence + 1, 1, key, CODE,
                    f"这一行的 --- 写在{named}的多行文字中间（下一行仍按上面的文字缩进），但顶格的 --- 会结束属性区：{named}只剩"
                    f"它前面的几行，后面的文字会作为正文显示在网页上。如果 --- 是{named}中的文字，请在它前面加 {depth} 个空格，"
                    "与上一行对齐；如果属性区确实在这里结束，请删去下面几行开头的空格。")]
