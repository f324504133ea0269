"""A body's code spans as Python-Markdown pairs their backticks: what the page shows as code, so
a link or raw HTML inside is text (gkml.content.htmlsafety.visible reads a body with them blanked)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_BACKTICKS = re.compile(r"`+")
_BLOCK_END = re.compile(r"\n[ \t]*\n")  # a code span never runs over a blank line
# a line that may end a block where it stands (a heading, a rule or setext underline, a quote, an admonition
# or details, a list item, a definition, a footnote, a table's row, its inline read apart from the others):
# Python-Markdown's block processors split a block at one
_STARTS = r"^[ ]{0,3}(?:#|>|!!!|\?\?\?|[-=]+[ \t]*$|(?:[-*_][ \t]*){3,}$|[-*+:][ \t]|[0-9]+[.)][ \t]|\[\^"
_BLOCK_LINE = re.compile(_STARTS + r"|[^\n]*\|).*$", re.MULTILINE)
_NOT_A_ROW = re.compile(_STARTS + r").*$", re.MULTILINE)  # the same, a line with "|" read as a paragraph's
_UNDERLINE = re.compile(r"[ ]{0,3}[-=]+[ \t]*")  # a setext heading's: the line above it is a block of its own
_LAZY = re.compile(r"[ ]{0,3}(?:>|[-*+:][ \t]|[0-9]+[.)][ \t]|\[\^)")  # a quote or an item a next line may go on in
# the ways the lines of _BLOCK_LINE may part a paragraph: (lazy: a quote or an item goes on in the next
# line; setext: a "---" underlines the line above, not a rule under the paragraph)
_READINGS = [(lazy, setext) for lazy in (False, True) for setext in (False, True)]


# where Python-Markdown's backtick pattern matches: an even run of backslashes before a backtick
# (read as escaped backslashes), or a backtick no backslash stands before
_BACKTICK_AT = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)")


def _cuts(text: str, *, lazy: bool, setext: bool) -> list[int]:
    """Where a block may end besides a blank line, in order: the line breaks before and after each line
    that may start a block of its own (_BLOCK_LINE); `lazy`: none after a quote or an item (what follows
    goes on in it, and a line with "|" no table's row: a table's head makes them one); `setext`: one before
    the line above an underline too."""
    cuts: list[int] = []
    for line in (_NOT_A_ROW if lazy else _BLOCK_LINE).finditer(text):
        before = [line.start() - 1]
        if setext and _UNDERLINE.fullmatch(line.group()) and line.start() > 0:
            before.insert(0, text.rfind("\n", 0, line.start() - 1))
        after = [] if lazy and _LAZY.match(line.group()) else [line.end()]
        for cut in (*before, *after):
            if 0 <= cut < len(text) and (not cuts or cut > cuts[-1]):
                cuts.append(cut)
    return cuts


def code_spans(text: str, *, cut: tuple[bool, bool] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each code span of `text`, paired exactly as Python-Markdown's
    BacktickInlineProcessor pairs them, in one pass: an opening run's first later run of as many
    backticks closes it; else, when the longest later run is shorter, that run's first occurrence
    closes it, the opener's other backticks code (```a `` b: "`a " in code); else its backticks and
    as many characters again after them are skipped. A span holds no blank line (`cut`: (lazy, setext), nor runs over a place a block may end at: _cuts)."""
    if "`" not in text:
        return []
    spans: list[tuple[int, int]] = []
    block_start = 0
    ends = sorted({*(m.start() for m in _BLOCK_END.finditer(text)), *(_cuts(text, lazy=cut[0], setext=cut[1]) if cut else ())})
    for block_end in [*ends, len(text)]:
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


def _common(one: Sequence[tuple[int, int]], other: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """What two ascending lists of spans, each apart, both cover: one pass over both."""
    found, a, b = [], 0, 0
    while a < len(one) and b < len(other):
        start, end = max(one[a][0], other[b][0]), min(one[a][1], other[b][1])
        if start < end:
            found.append((start, end))
        if one[a][1] < other[b][1]:
            a += 1
        else:
            b += 1
    return found


def _first_of(numbers: Sequence[int], first: int) -> int | None:
    """The first of `numbers` (ascending) from `first` on."""
    index = bisect.bisect_left(numbers, first)
    return numbers[index] if index < len(numbers) else None


def blank_code_spans(text: str) -> str:
    """`text` with what is code however its lines are grouped into blocks blanked, its lines and
    columns kept. Python-Markdown pairs backticks within a block; a heading, a rule, a quote, a list
    item or a table's row may end one at its line, and what follows may go on in it (lazily) or not: a
    character read as code in its paragraph (up to a blank line) and in each way such lines may part it
    is code, any other may be live on the page."""
    done, parts = 0, []
    common = code_spans(text)
    for reading in _READINGS:
        common = _common(common, code_spans(text, cut=reading))
    for start, end in common:
        parts += [text[done:start], re.sub(r"[^\n]", " ", text[start:end])]
        done = end
    return "".join(parts) + text[done:]
