"""The lines `gkml fix` corrects, as YAML reads them (authoring.fix).

Each line is split from its ending (LF, CRLF or none), which fix keeps as it was; the
front matter's `---` lines another tool typed are written as `---`, and a lone CR that
YAML reads as a line break becomes a line end of its own.
"""

from __future__ import annotations

import re

from gkml.content.corrections import is_fence_like, opening_fence
from gkml.content.frontslips import cr_lines
from gkml.content.source import FENCE, FENCE_END

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def file_lines(text: str) -> list[tuple[str, str]]:
    """(content, line ending) for every line of the file, its fences and lone CRs fixed."""
    if "\n" not in text and "\r" in text.strip():  # old Mac line ends: one line to every reader
        text = text.replace("\r", "\n")
    return _cr_split(_fences_fixed([_split_ending(line) for line in _LINE.findall(text)]))


def _split_ending(line: str) -> tuple[str, str]:
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith("\n"):
        return line[:-1], "\n"
    return line, ""


def _fences_fixed(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The front matter's `---` lines where another tool typed them: blank lines before the
    first dropped, full-width or long dashes (－－－, ———) written as `---`."""
    opening = opening_fence([content for content, _ in lines])
    if opening is None:
        return lines
    lines = [("---", lines[opening][1]), *lines[opening + 1:]]
    if not any(FENCE_END.match(content) for content, _ in lines[1:]):
        closing = next((i for i in range(1, len(lines)) if is_fence_like(lines[i][0])), None)
        if closing is not None:
            lines[closing] = ("---", lines[closing][1])
    return lines


def _cr_split(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The front matter's lines with each lone CR that starts a line made a line end, as YAML
    reads it (content.frontslips.cr_lines); a CR inside a value is left to the editor."""
    if not lines or not FENCE.match(lines[0][0]):
        return lines
    out = [lines[0]]
    for i in range(1, len(lines)):
        content, ending = lines[i]
        if FENCE_END.match(content):
            return out + lines[i:]
        parts = cr_lines(content) or [content]
        out.extend((part, ending or "\n") for part in parts[:-1])
        out.append((parts[-1], ending))
    return out
