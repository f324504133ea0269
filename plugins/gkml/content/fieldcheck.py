"""What every front-matter field's check shares: the checker its problems and notices are told to,
with the field's label; a value as text (no control character, one line, odd spaces told); a date
or a moment as the contract writes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from gkml.catalogue.document import (
    SHANGHAI,
    DayStart,
)
from gkml.content.corrections import (
    code_points,
    has_odd_spaces,
    normalize_width,
    odd_characters,
    without_odd_spaces,
)
from gkml.content.dateslips import (
    END_OF_DAY,
    date_order_slip,
    day_of_moment,
    glued_note,
    impossible_time,
    iso_date,
    moved_by_offset,
    spreadsheet_day,
    weekday_slip,
)
from gkml.content.problems import Problem
from gkml.content.source import (
    CONTROL,
    Entry,
    Source,
    Value,
    invisible_name,
)
from gkml.profile.model import FieldSpec, Profile
from gkml.profile.types import (
    BIDI,
    DATE,
    DATETIME,
)

Exists = Callable[[str], bool]


class Missing:
    pass


MISSING = Missing()


class FieldChecker:
    """Checks one file's entries; collects problems with the field's label."""

    def __init__(self, source: Source, profile: Profile, exists: Exists) -> None:
        self.source = source
        self.profile = profile
        self.exists = exists
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []  # located, told, not stopping publication

    def report(self, where: Value | Entry | None, key: str | None, code: str, message: str, *,
               subject: str | None = None) -> None:
        self.problems.append(self._located(where, key, code, message, subject))

    def notice(self, where: Value | Entry | None, key: str | None, code: str, message: str) -> None:
        """What the editor is told but the contract allows: the document is published as it is."""
        self.notices.append(self._located(where, key, code, message, None))

    def _located(self, where: Value | Entry | None, key: str | None, code: str, message: str,
                 subject: str | None) -> Problem:
        if isinstance(where, Entry):
            line, col = where.key_line, where.key_col
        elif isinstance(where, Value):
            line, col = where.line, where.col
        else:
            line, col = 1, 1
        return Problem(self.source.path, line, col, key, code, message, self.label(key), subject)

    def report_problem(self, problem: Problem) -> None:
        self.problems.append(replace(problem, label=problem.label or self.label(problem.key)))

    def label(self, key: str | None) -> str | None:
        return (self.profile.label(key) if key in self.profile.fields else "未知字段") if key else None


_IDEOGRAPH_GAP = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff] [\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# --- one field -----------------------------------------------------------------


def scalar_text(c: FieldChecker, spec: FieldSpec, value: Value, *, lines: bool = False,
                 part: str | None = None) -> str | Missing:
    """The value as text, stripped. Only `lines` (a multi-line text field) may hold "\n";
    nothing may hold another line or paragraph separator or a control character. `part`: what
    the messages call a value inside the field (附件的 file, 主题词的一项), else the field's label."""
    label = part or spec.label
    if value.tag == "bool" and spec.values and str(value.raw) not in spec.values and not part:
        # validity: no: quoted, it would still be no value of the list
        c.report(value, spec.key, "yaml-boolean",
                 f"“{value.raw}”被 YAML 解析成了布尔值（是/否），也不是{label}允许的值。可选：{' / '.join(spec.values)}。")
        return MISSING
    if value.tag == "bool":
        c.report(value, spec.key, "yaml-boolean",
                 f"“{value.raw}”被 YAML 解析成了布尔值（是/否）而不是文字。如果要写文字，请加引号：\"{value.raw}\"。")
        return MISSING
    if value.tag == "null":
        c.report(value, spec.key, "empty", f"{label}不能为空。")
        return MISSING
    if value.tag in ("seq", "map"):
        c.report(value, spec.key, "type", f"{label}应是一段文字，不是列表或映射。")
        return MISSING
    raw = str(value.raw)
    if invisible := CONTROL.search(raw):
        c.report(value, spec.key, "control-character",
                 f"{label}中有看不见的{invisible_name(invisible.group())}（常见于从 Word 或网页复制的文字），请删除。")
        return MISSING
    text = raw.strip()
    if not lines and "\n" in text:
        c.report(value, spec.key, "multiline", f"{label}只能写一行。")
        return MISSING
    if not lines and value.folded and _IDEOGRAPH_GAP.search(text):
        # wrapped inside Chinese text: YAML read the lines as one with a space at the break
        # (a value folded at a space of its own, as YAML writers fold long lines, reads as written)
        c.report(value, spec.key, "multiline",
                 f"{label}只能写一行：它写在了几行上，YAML 会在换行处加空格，读成“{text}”。请把它写在一行上。")
        return MISSING
    if spec.type != "text" and has_odd_spaces(text):
        cleaned = without_odd_spaces(text)
        if not cleaned:  # nothing to write instead: the value is to be written, not fixed
            c.report(value, spec.key, "empty", f"{label}不能为空：它只有看不见的字符或特殊空格（{odd_characters(text)}）。")
            return MISSING
        c.report(value, spec.key, "odd-space", f"含有不可见字符或特殊空格（{odd_characters(text)}），应写作：{cleaned}")
        return cleaned
    if BIDI.search(text):  # a text field (内容概述) keeps its spaces, never what turns its words around
        cleaned = BIDI.sub("", text)
        c.report(value, spec.key, "bidi-control",
                 f"{spec.label}中有看不见的双向文字控制符（{code_points(BIDI.findall(text))}），它会让后面的文字（如文号、金额）倒过来显示，"
                 f"与文件中的文字不同。请删除它，删除后请核对文字的先后，应写作：{cleaned}")
        return cleaned
    return text


def _beijing_day(text: str, day: str) -> str:
    """What the message adds when the day in Beijing time is not the one written (…T20:00:00Z)."""
    return f"（按北京时间是 {day}）" if moved_by_offset(text, day) else ""


def parse_date(c: FieldChecker, spec: FieldSpec, value: Value, *, with_time: bool, part: str | None = None) -> Any:
    text = scalar_text(c, spec, value, part=part)
    if isinstance(text, Missing):
        return text
    form = "YYYY-MM-DD 或 YYYY-MM-DD HH:MM" if with_time else "YYYY-MM-DD"
    match = (DATETIME if with_time else DATE).match(text)
    if not match:
        ascii_text = normalize_width(text)
        if ascii_text != text and (DATETIME if with_time else DATE).match(ascii_text):
            c.report(value, spec.key, "fullwidth-digits", f"日期中有全角数字或符号，应写作：{ascii_text}")
        else:
            fixed = iso_date(text, with_time=with_time)
            example = f"应写作：{fixed}" if fixed else (weekday_slip(text, with_time=with_time) or spreadsheet_day(text, with_time=with_time)
                                                          or date_order_slip(text) or "")
            if not fixed and (noted := glued_note(text, with_time=with_time)) and part:  # in {…}: a comment ends it
                example = (f"# 前没有空格，YAML 把它和后面的文字当作日期的一部分：请删去它们，日期写作 {noted.split(' # ')[0]}"
                           "（需要注释时写在这一行的末尾，# 前后各加一个空格）。")
            elif not fixed and noted:
                example = f"# 前没有空格，YAML 不把它后面的文字当作注释，而是当作日期的一部分；应写作：{noted}"
            if not fixed and not with_time and (day := day_of_moment(text)):
                example = f"{part or spec.label}只写日期，不写时间{_beijing_day(text, day)}，应写作：{day}"
            elif not example and not with_time and END_OF_DAY.search(text):  # which day 24:00 is, the editor knows
                example = (f"{part or spec.label}只写日期，不写时间；24:00 是这一天的结束，也就是第二天的 00:00，"
                           f"请确认是哪一天，写作 YYYY-MM-DD。")
            c.report(value, spec.key, "date-format", f"日期格式应为 {form}，现在是“{text}”。{example}")
        return MISSING
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        if with_time:
            kind = datetime if match[4] else DayStart
            return kind(*parts[:3], parts[3], parts[4], parts[5] if len(parts) > 5 else 0, tzinfo=SHANGHAI)
        return date(*parts[:3])
    except ValueError:
        c.report(value, spec.key, "date-invalid", impossible_time(text) or f"“{text}”不是一个存在的日期。")
        return MISSING
