"""A second front matter at the start of the body.

Two files joined, or an old document copied and a new front matter written above its own:
the file's first front matter is read, and the second, between `---` lines, is body text.
Python-Markdown shows it as a rule and a heading (`title: 旧标题` over `---` is a setext
heading), so the old document's attributes, its 索引号 and 公开方式 with them, would be
published as words of the page. Refused, located at its first line, with the fields it names.
"""

from __future__ import annotations

import re

from gkml.content.problems import Problem
from gkml.content.source import FENCE, FENCE_END
from gkml.profile.model import Profile

CODE = "second-front-matter"
_KEY = re.compile(r"^([^\s:：#'\"-][^:：]{0,30}?)[ \t]*[:：]")


def stacked_front_matter(path: str, body: str, body_line: int, profile: Profile) -> list[Problem]:
    """The body's leading `---` … `---` block when it names two fields of the profile or more (by key or label)."""
    lines = body.split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or not FENCE.match(lines[first]):
        return []
    labels = {spec.label: key for key, spec in profile.fields.items()}
    named: list[str] = []
    for line in lines[first + 1:]:
        if FENCE_END.match(line):
            break
        if (m := _KEY.match(line)) and (key := m.group(1).strip()) in (*profile.fields, *labels):
            named.append(labels.get(key, key))
    else:
        return []  # no closing line: a rule over text
    fields = list(dict.fromkeys(named))
    if len(fields) < 2:
        return []  # one line like 来源：新华社 between two rules is the body's own
    shown = "、".join(fields)
    return [Problem(path, body_line + first, 1, None, CODE,
                    f"属性区之后，正文开头又有一个属性区（{shown}）：它不会被当作属性，而会作为正文文字显示在网页上。"
                    "常见于两份文件合在了一起，或复制旧文件后在上面另写了属性区。请核对本文件的属性（以文件开头的属性区为准），"
                    "删去多余的那一个。")]
