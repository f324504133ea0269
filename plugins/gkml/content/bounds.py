"""Bounds on what one Markdown body may cost the renderer.

Python-Markdown rescans the rest of a block for every unmatched `[`, `<` or run of
backticks (a 5,000-character line of `[` takes 10 s; one run of 4,000 backticks,
minutes), rebuilds the block's text for every inline match (a 1 MB line of 40,000
`<span>` tags: 5.5 minutes), rescans the rest of the body for every fence (``` or ~~~)
that nothing closes (a 50 KB body of `~~~a` lines: 40 s), and for one with `hl_lines="…"` again
from each later line that ends in its quote (400 such lines: 30 s), and deeply nested lists or
quotes recurse. gkml checks the body first, in
one linear pass, and refuses what would make the build hang, with the line to fix.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

MAX_FILE_BYTES = 5 * 1024 * 1024  # a long regulation is ~200 KB; data belongs in attachments
MAX_INDENT = 64  # columns of leading space: 16 levels of nested list
MAX_QUOTE_DEPTH = 16
MAX_BACKTICKS = 8  # a longer run of ` is no code span or fence anyone writes
RESCAN_BUDGET = 2_000_000  # characters rescanned beyond 8 per character of the body (~2 s)

_BACKTICKS = re.compile(r"`+")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")  # Python-Markdown's fenced_code: at the start of a line
# fenced_code's opening fence with its hl_lines: its value may run over lines, up to any later quote that
# ends a line (the lines between are read as line numbers, shown nowhere), so it is one only as one line
_HL_LINES = re.compile(r"""(?:~{3,}|`{3,})[ ]*(?:\.?[\w#.+-]*[ ]*)?(hl_lines=)(["'])""")
_QUOTE_ENDS = re.compile(r"""(["'])[ ]*$""", re.MULTILINE)  # where such a value may end

Located = tuple[int, int, str]  # line (1-based within the body), column, message


def too_large(size: int) -> str | None:
    if size <= MAX_FILE_BYTES:
        return None
    return (f"文件太大（{size / 1024 / 1024:.1f} MB），不能超过 {MAX_FILE_BYTES // 1024 // 1024} MB。"
            "大量数据、扫描件请作为附件（如 PDF、XLSX）发布。")


def body_problems(body: str) -> list[Located]:
    """At most one problem per rule, so a hostile file gives a short report."""
    found: dict[str, Located] = {}
    worst = (0, 1)  # (rescan cost, first line) of the costliest block
    total = 0
    block_start, block_line = 0, 1
    offset = 0
    for number, line in enumerate(body.split("\n"), start=1):
        end = offset + len(line)
        if not line.strip():
            cost = _rescan_cost(body, block_start, offset)
            total += cost
            worst = max(worst, (cost, block_line))
            block_start, block_line = end + 1, number + 1
        else:
            _line_problems(line, number, found)
            if line[:3] in ("```", "~~~") and "hl_lines" not in found and (why := _hl_lines_open(line)):
                found["hl_lines"] = (number, why + 1, (
                    '代码块开头的 hl_lines= 的引号没有在本行结束（应写作 ```python hl_lines="1 3"，引号后不再写别的文字）：'
                    "生成网页时会把后面的正文当作行号吞掉，不显示出来，这样的行多了还会让生成极慢。请补上结束的引号，或删除 hl_lines=。"))
        offset = end + 1
    cost = _rescan_cost(body, block_start, len(body))
    total += cost
    worst = max(worst, (cost, block_line))
    budget = RESCAN_BUDGET + 8 * len(body)  # rendering is linear anyway; this is the excess
    fences, first_open = _fence_cost(body)
    if fences > budget:
        found["fences"] = (first_open, 1, ("从这一行起有大量没有结束的代码块标记（``` 或 ~~~），生成网页会极慢。"
                                          "请给每个代码块加上结束标记，或删除多余的标记。"))
    if total > budget:
        found["rescan"] = (worst[1], 1, ("从这一行开始的段落太长，且有大量 [ ]、< > 或反引号 ` 等符号（或没有配对），"
                                        "生成网页会极慢。请把这一段拆成几段，并检查这些符号是否成对。"))
    return sorted(found.values())


def _line_problems(line: str, number: int, found: dict[str, Located]) -> None:
    stripped = line.lstrip(" \t")
    indent = len(line[: len(line) - len(stripped)].expandtabs(4))
    if indent > MAX_INDENT and "indent" not in found:
        found["indent"] = (number, 1, f"这一行缩进了 {indent} 格，超过 {MAX_INDENT} 格（列表或引用嵌套过深）。请减少缩进。")
    quotes = line[: len(line) - len(line.lstrip("> "))]  # the leading "> > >" of a quote
    if quotes.count(">") > MAX_QUOTE_DEPTH and "quote" not in found:
        found["quote"] = (number, 1, f"这一行的引用（>）嵌套超过 {MAX_QUOTE_DEPTH} 层。请减少 > 的层数。")
    if "`" in line and "backticks" not in found:
        for run in _BACKTICKS.finditer(line):
            if len(run.group()) > MAX_BACKTICKS:
                found["backticks"] = (number, run.start() + 1,
                                      f"这一行有连续 {len(run.group())} 个反引号（`），最多 {MAX_BACKTICKS} 个。请删除多余的反引号。")
                break


def _hl_lines_open(line: str) -> int | None:
    """Where the hl_lines= of a fence line whose value's quote does not end the line starts, or None."""
    if (opened := _HL_LINES.match(line)) is None:
        return None
    quote = opened.group(2)
    rest = line[opened.end():]
    closed = rest.find(quote)
    return None if closed >= 0 and not rest[closed + 1:].strip(" ") else opened.start(1)


def _fence_cost(body: str) -> tuple[int, int]:
    """(characters rescanned, first line of an unclosed fence): each fence line that no
    later bare fence of the same string closes is an opener the regex tries to the end, and
    one with hl_lines="…" again from each later line its quote ends (its value may run on to it)."""
    fences = []
    offset = 0
    for number, line in enumerate(body.split("\n"), start=1):
        if line[:3] in ("```", "~~~") and (match := _FENCE.match(line)):
            fences.append((offset, number, match.group(1), not match.group(2).strip(" ")))
        offset += len(line) + 1
    ends: dict[str, list[int]] = {'"': [], "'": []}
    for found in _QUOTE_ENDS.finditer(body):
        ends[found.group(1)].append(found.end())
    rescans = {quote: [0] for quote in ends}  # the characters after each end, summed from the last
    for quote, at in ends.items():
        for end in reversed(at):
            rescans[quote].append(rescans[quote][-1] + len(body) - end)
    cost, first, closers = 0, 0, set()
    for offset, number, fence, bare in reversed(fences):
        if fence not in closers:
            cost += len(body) - offset
            if hl_lines := _HL_LINES.match(body, offset):
                quote = hl_lines.group(2)
                cost += rescans[quote][len(ends[quote]) - bisect.bisect_right(ends[quote], offset)]
            first = number
        if bare:
            closers.add(fence)
    return cost, first


def _rescan_cost(text: str, start: int, end: int) -> int:
    """Characters Python-Markdown rescans in text[start:end]: from each `[` to its `]`,
    from each `<` to the next `>` (or the block's end), and from an unclosed run of
    backticks to the end, once per position and length in the run; plus the block
    copied once per possible inline match (a hundred times cheaper per character)."""
    if start >= end:
        return 0
    cost = 0
    marks = 0
    brackets: list[int] = []
    open_angles = angle_sum = 0
    runs: dict[int, int] = {}  # length -> start of the open run
    for index in _special_positions(text, start, end):
        marks += 1
        char = text[index]
        if char == "[":
            brackets.append(index)
        elif char == "]":
            if brackets:
                cost += index - brackets.pop()
        elif char == "<":
            open_angles += 1
            angle_sum += index
        elif char == ">":
            cost += open_angles * index - angle_sum
            open_angles = angle_sum = 0
        elif char == "`" and (index == start or text[index - 1] != "`"):
            length = len(_BACKTICKS.match(text, index).group())
            if runs.pop(length, None) is None:  # a run is closed by the next run of the same length
                runs[length] = index
    cost += sum(end - index for index in brackets)
    cost += open_angles * end - angle_sum
    cost += sum(length * length * (end - index) for length, index in runs.items())
    return cost + marks * (end - start) // 100


_SPECIAL = re.compile(r"[\[\]<>`]")


def _special_positions(text: str, start: int, end: int) -> Iterator[int]:
    return (match.start() for match in _SPECIAL.finditer(text, start, end))
