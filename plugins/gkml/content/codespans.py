"""A body's code spans as Python-Markdown pairs their backticks: what the page shows as code, so
a link or raw HTML inside is text (gkml.content.htmlsafety.visible reads a body with them blanked)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_BACKTICKS = re.compile(r"`+")
_BLOCK_END = re.compile(r"\n[ \t]*\n")  # a code span never runs over a blank line


# where Python-Markdown's backtick pattern matches: an even run of backslashes before a backtick
# (read as escaped backslashes), or a backtick no backslash stands before
_BACKTICK_AT = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)")


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span of `text`, paired exactly as Python-Markdown's
    BacktickInlineProcessor pairs them, in one pass: an opening run's first later run of as many
    backticks closes it; else, when the longest later run is shorter, that run's first occurrence
    closes it, the opener's other backticks code (```a `` b: "`a " in code); else its backticks and
    as many characters again after them are skipped. A span holds no blank line."""
    if "`" not in text:
        return []
    spans: list[tuple[int, int]] = []
    block_start = 0
    for block_end in [*(m.start() for m in _BLOCK_END.finditer(text)), len(text)]:
        block = text[block_start:block_end]  # what the block's inline patterns read: nothing before it
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(block)]
        starts = [start for start, _ in runs]
        by_length: dict[int, list[int]] = {}
        for number, (start, end) in enumerate(runs):
            by_length.setdefault(end - start, []).append(number)
        longest_after = [0] * (len(runs) + 1)  # the longest run from each on
        for number in range(len(runs) - 1, -1, -1):
            longest_after[number] = max(longest_after[number + 1], runs[number][1] - runs[number][0])
        at, forced = 0, False
        while forced or (found := _BACKTICK_AT.search(block, at)):
            opener = at if forced else found.start()
            if not forced and found.group(1):  # escaped backslashes: the backtick after them opens
                at, forced = found.end(), True
                continue
            forced = False
            first = bisect.bisect_right(starts, opener)  # the runs after the opener's
            end = runs[first - 1][1]
            ticks = end - opener
            closer = _first_of(by_length.get(ticks, ()), first)
            if closer is None and 0 < longest_after[first] < ticks:
                closer = _first_of(by_length[longest_after[first]], first)
            if closer is None:
                at = opener + 2 * ticks  # as Python-Markdown skips a run it could not pair
                continue
            spans.append((block_start + opener, block_start + runs[closer][1]))
            at = runs[closer][1]
        block_start = block_end
    return spans


def _first_of(numbers: Sequence[int], first: int) -> int | None:
    """The first of `numbers` (ascending) from `first` on."""
    index = bisect.bisect_left(numbers, first)
    return numbers[index] if index < len(numbers) else None


def _sure_code(block: str, at: int) -> list[tuple[int, int]]:
    """What is code in `block` (a paragraph up to a blank line, at `at` in the text) however its lines are
    parted into blocks: any line may start or end one, nested in a list item, a quote, a definition list, an
    admonition or a table (a definition's terms are a block each, an admonition ends at a line less
    indented), and what follows may go on in it or not. A line's code spans are code when each of its
    backtick runs, and each of every line above it in the paragraph, is paired in its own line with one as
    long: then however the lines are parted, Python-Markdown pairs them so (a run is closed by the first as
    long after it); after a line that is not, a span may run on from it, and nothing is sure to be code."""
    sure: list[tuple[int, int]] = []
    line_start = 0
    for line in block.split("\n"):
        if "`" in line:
            spans = code_spans(line)
            if len(_BACKTICKS.findall(line)) != 2 * len(spans) or any(
                    len(_BACKTICKS.match(line, start).group()) != end - len(line[:end].rstrip("`"))
                    for start, end in spans):
                return sure
            sure += [(at + line_start + start, at + line_start + end) for start, end in spans]
        line_start += len(line) + 1
    return sure


def blank_code_spans(text: str) -> str:
    """`text` with what is code however its lines are grouped into blocks blanked, its lines and
    columns kept. Python-Markdown pairs backticks within a block; a heading, a rule, a quote, a list item,
    a definition or a table's row, at any depth, may end one at its line, and what follows may go on in it
    (lazily) or not: a character read as code in each way its paragraph's lines (up to a blank line) may
    be parted is code, any other may be live on the page (_sure_code)."""
    if "`" not in text:
        return text
    done, parts, block_start = 0, [], 0
    common = []
    for block_end in [*(found.start() for found in _BLOCK_END.finditer(text)), len(text)]:
        common += _sure_code(text[block_start:block_end], block_start)
        block_start = block_end
    for start, end in common:
        parts += [text[done:start], re.sub(r"[^\n]", " ", text[start:end])]
        done = end
    return "".join(parts) + text[done:]
