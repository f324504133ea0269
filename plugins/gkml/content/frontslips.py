"""The slips of a front matter's lines, told at their line and read as the editor meant them
before YAML reads the lines: a byte-order mark at a line's start, an indent of full-width or
other odd spaces, a fence that only looks like ---, `genre：通知` and `genre:通知`, tabs, a lone
carriage return between two fields.

Apart from content.source, which finds the front matter and reads its YAML with positions,
because each is a slip of one line that YAML would report in English, somewhere else, or not
at all; each message gives the line to write, as gkml fix writes it (content.corrections).
"""

from __future__ import annotations

import re

from gkml.content.corrections import (
    FULLWIDTH_COLON,
    NO_SPACE_AFTER_COLON,
    fullwidth_colon_fixed,
    odd_characters,
    odd_indent,
    tab_slip,
    tabs_fixed,
)
from gkml.content.keyslips import quoted_key
from gkml.content.problems import Problem


def _problem(path: str, line: int, col: int, code: str, message: str) -> Problem:
    return Problem(path, line, col, None, code, message)


BOM = "\ufeff"
# What may follow a lone CR that YAML reads as a line break and the editor's window shows as none
# (a paste from a mail or an old Mac file): a line of its own, a field (indented or not), a comment,
# a list item, or nothing.
_LINE_START = re.compile(r"[ \t]*(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)|#|-(?:[ \t]|$)|$)")


def cr_lines(line: str) -> list[str] | None:
    """The lines a front-matter line holds where each lone CR in it starts a line of its own
    (`publisher: 安徽省应急管理厅\rsource: 办公室`): YAML reads two fields, the editor sees one
    line. None when a CR stands inside a value (`title: 关于\r印发`): the editor decides."""
    if "\r" not in line:
        return None
    parts = line.split("\r")
    if not all(_LINE_START.match(part) for part in parts[1:]):
        return None
    while len(parts) > 1 and not parts[-1].strip():
        parts.pop()  # a CR at the line's end: nothing after it
    return parts


def cr_problem(path: str, number: int, line: str) -> Problem | None:
    """A lone CR that starts a line, told with the lines to write (number: 0-based in the front matter)."""
    parts = cr_lines(line)
    if parts is None:
        return None
    shown = "、".join(f"“{part.strip()}”" for part in parts if part.strip())
    how = (f"请在这里换行，分成 {len(parts)} 行：{shown}" if len(parts) > 1 else f"请删除它，应写作：{parts[0]}")
    return _problem(path, number + 2, line.index("\r") + 1, "control-character",
                    "属性区中有看不见的回车符 \\r（从邮件或旧式 Mac 文件粘贴时带入），编辑器中看不出换行，"
                    f"YAML 却在这里换行。{how}（gkml fix 可自动修正）。")


def bom_problems(path: str, front_lines: list[str]) -> list[Problem]:
    """A byte-order mark at a line's start (two files joined, a paste): invisible, and YAML's
    reader stops at it with a message about indentation."""
    return [_problem(path, number + 2, 1, "invisible-character",
                     "这一行开头有看不见的字节顺序标记 BOM（U+FEFF，把两个文件拼在一起或从别处粘贴时带入），"
                     f"应写作：{line.lstrip(BOM)}")
            for number, line in enumerate(front_lines) if line.startswith(BOM)]


def indent_problems(path: str, front_lines: list[str]) -> list[Problem]:
    problems = []
    for number, line in enumerate(front_lines):
        if found := odd_indent(line):
            shown, fixed = found
            problems.append(_problem(path, number + 2, 1, "odd-indent",
                                     f"这一行用全角空格或特殊空格（{shown}）缩进，YAML 只认半角空格，应写作：{fixed}"))
    return problems


def fence_slip(path: str, number: int, line: str) -> Problem:
    dashes = "".join(ch for ch in line if not ch.isspace() and ch.isprintable())
    why = ("分隔线 --- 前后有空格或看不见的字符" if dashes == "---"
           else f"“{dashes}”不是属性区的分隔线：要写三个英文减号")
    return _problem(path, number + 1, 1, "fence-lookalike", f"{why}，应写作：---")


def fullwidth_colons(path: str, yaml_text: str, problems: list[Problem]) -> str:
    """`genre：通知` and `genre:通知` reported as what they are (YAML would say a colon is missing,
    or not allowed a line further on), then read as `genre: 通知`."""
    lines = yaml_text.split("\n")
    for number, line in enumerate(lines):
        if spaceless := NO_SPACE_AFTER_COLON.match(line):
            lines[number] = fixed = f"{spaceless['key']}: {spaceless['value']}"
            slip = f"后面有看不见的字符（{odd_characters(spaceless['hidden'])}）" if spaceless["hidden"] else "后面缺少空格"
            problems.append(_problem(path, number + 2, len(spaceless["key"]) + 2, "no-space-after-colon",
                                     f"“{spaceless['key']}:”{slip}，YAML 会把整行当作一个词，"
                                     + _line_to_write(spaceless["key"], fixed, "冒号后面要加一个空格。")))
            continue
        match = FULLWIDTH_COLON.match(line)
        if match:
            lines[number] = fixed = fullwidth_colon_fixed(match)
            key = quoted_key(match["key"])
            after = f"{key[:-1]}:{key[-1]}后面是全角空格" if match["colon"] == ":" else f"{key}后面是全角冒号“：”"
            problems.append(_problem(path, number + 2, len(match["indent"]) + 1, "fullwidth-colon",
                                     f"{after}，" + _line_to_write(match["key"], fixed.strip(), "冒号应写英文冒号加一个空格“: ”。")))
    return "\n".join(lines)


def _line_to_write(key: str, fixed: str, otherwise: str) -> str:
    """The line to write, unless the key is no field's (a Chinese name): the field's own message
    on this line then gives the whole line, with the English key, that gkml fix writes."""
    if key.isascii():
        return f"应写作：{fixed}"
    return otherwise


def tab_problems(path: str, front_lines: list[str]) -> list[Problem]:
    problems = []
    written = tabs_fixed(front_lines)  # a line's slip is judged after the line above, as fix writes it
    for number, line in enumerate(front_lines):
        if "\t" not in line:
            continue
        col, what, fixed = tab_slip(line, written[number - 1] if number else None)
        if fixed is not None:
            how = f"应写作：{fixed}"
        elif what.startswith("属性值"):
            how = "请删除它或换成空格。"
        else:
            how = "YAML 只能用空格缩进，请把 Tab 换成空格。"
        problems.append(_problem(path, number + 2, col + 1, "tab", f"{what}，{how}"))
    return problems


# A fence with more after it (--- # 属性, ---yaml, ---正文), or of four dashes or more: no fence to any reader
_FENCE_WITH_MORE = re.compile(r"^(?:-{3}[ \t]*\S.*|-{4,}[ \t]*)$")


def no_front_matter(path: str, lines: list[str]) -> Problem:
    """What a file whose first line is no --- is told: what its first line is, when it is nearly one."""
    first = lines[0].strip()
    closed = any(line.strip() in ("---", "+++") for line in lines[1:])  # else a rule over text: no front matter
    if closed and _FENCE_WITH_MORE.match(first):
        said = f"第一行“{first}”不是属性区的开始：这一行只能写 ---（三个英文短横线），后面不能有其他文字：请把这一行改成 ---。"
    elif closed and first == "+++":
        said = "属性区用的是 TOML 格式（+++）：这里只用 YAML 格式，第一行和结束行都写 ---，每项写成 key: value（英文冒号加空格）。"
    else:
        said = "文件没有属性区（front matter）：第一行必须是 ---，然后是各项属性，再以 --- 结束。"
    return _problem(path, 1, 1, "no-front-matter", said)


def unclosed_front_matter(path: str, lines: list[str]) -> Problem:
    """What a front matter with no closing --- is told: at the line that was meant as one, when one was."""
    meant = next((n for n, line in enumerate(lines[1:], 1) if _FENCE_WITH_MORE.match(line.rstrip())), None)
    if meant is None:
        return _problem(path, 1, 1, "unclosed-front-matter", "属性区（front matter）没有结束：请在属性后加一行 ---。")
    line = lines[meant].rstrip()
    rest = line[3:].strip()
    how = f"--- 要单独占一行：后面的“{rest}”如果是正文，请写在下一行" if rest.strip("-") else "结束行只能是三个英文短横线 ---"
    return _problem(path, meant + 1, 1, "unclosed-front-matter", f"属性区（front matter）没有结束：第 {meant + 1} 行“{line}”"
                    f"不是结束行，{how}。")
