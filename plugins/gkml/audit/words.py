"""The agency's list of banned and commonly mistyped words, and where sources use them.

List format, one entry a line (UTF-8; '#' starts a comment):

    再接再励 -> 再接再厉      a common typo and its correct form (扣分)
    !某错误提法               a banned expression: a 严重表述错误 (单项否决)
    !某错误提法 -> 正确提法    banned, with the wording to use instead
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gkml.audit.findings import DEDUCT, VETO, Finding, place


@dataclass(frozen=True)
class WordRule:
    word: str
    correct: str | None
    banned: bool
    line: int  # in the list, for messages about the list itself


class WordListError(ValueError):
    """A line of the list cannot be read (named by line number)."""


def parse_word_list(text: str) -> list[WordRule]:
    rules: list[WordRule] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        banned = line.startswith(("!", "！"))
        if banned:
            line = line[1:].strip()
        word, arrow, correct = (part.strip() for part in re.split(r"(->|→)", line, maxsplit=1)) if re.search(
            r"->|→", line) else (line, "", "")
        if not word:
            raise WordListError(f"第 {number} 行：缺少要查找的词语")
        if arrow and not correct:
            raise WordListError(f"第 {number} 行：“->”后缺少正确写法")
        rules.append(WordRule(word, correct or None, banned, number))
    return rules


def _pattern(rules: Iterable[WordRule]) -> re.Pattern[str] | None:
    words = sorted({r.word for r in rules}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def scan(path: str, text: str, rules: list[WordRule]) -> Iterator[Finding]:
    """Every use of a listed word in `text`, as path:line:col (col counts characters from 1)."""
    pattern = _pattern(rules)
    if pattern is None:
        return
    by_word = {r.word: r for r in rules}
    for number, line in enumerate(text.splitlines(), 1):
        for match in pattern.finditer(line):
            rule = by_word[match.group(0)]
            fix = f"，应为“{rule.correct}”" if rule.correct else ""
            if rule.banned:
                yield Finding("word", VETO, place(path, number, match.start() + 1),
                              f"使用了禁用词语“{rule.word}”{fix}（严重表述错误，单项否决）。")
            else:
                yield Finding("word", DEDUCT, place(path, number, match.start() + 1),
                              f"疑似错别字“{rule.word}”{fix}。")
