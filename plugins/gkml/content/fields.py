"""One front-matter field checked against its spec in the profile: typed values or located problems."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from gkml.catalogue.document import (
    SHANGHAI,
    Attachment,
    DayStart,
    Withdrawal,
)
from gkml.content.body import join_relative, path_advice
from gkml.content.corrections import (
    has_odd_spaces,
    iso_date,
    normalize_width,
    odd_characters,
    without_odd_spaces,
)
from gkml.content.problems import Problem
from gkml.content.source import (
    CONTROL,
    Entry,
    Source,
    Value,
    invisible_name,
)
from gkml.content.tree import extension, file_type_message
from gkml.profile.model import FieldSpec, Profile
from gkml.profile.types import (
    BIDI,
    DATE,
    DATETIME,
    DOC_NO,
    INDEX_NO,
    INTEGER,
    index_no_slip,
)

# Brackets editors type instead of the hexagonal 〔〕 that GB/T 9704 prescribes.
_LOOKALIKE_BRACKETS = re.compile(r"[\[(（【［﹝〖]([0-9]{4})[\])）】］﹞〗]")
# The 号 closing the number written in traditional characters (港澳發〔2024〕3號, 某某令第5號).
_TRADITIONAL_HAO = re.compile(r"(?<=[0-9])號$")

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

    def report(self, where: Value | Entry | None, key: str | None, code: str, message: str, *,
               subject: str | None = None) -> None:
        if isinstance(where, Entry):
            line, col = where.key_line, where.key_col
        elif isinstance(where, Value):
            line, col = where.line, where.col
        else:
            line, col = 1, 1
        self.problems.append(Problem(self.source.path, line, col, key, code, message, self.label(key), subject))

    def report_problem(self, problem: Problem) -> None:
        self.problems.append(replace(problem, label=problem.label or self.label(problem.key)))

    def label(self, key: str | None) -> str | None:
        return (self.profile.label(key) if key in self.profile.fields else "未知字段") if key else None


def fix_doc_no(text: str) -> str:
    """The 文号 with look-alike year brackets replaced by 〔〕, a closing 號 by 号 (and full-width
    digits made ASCII); the agency's own characters as written."""
    text = _LOOKALIKE_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", normalize_width(text))
    return _TRADITIONAL_HAO.sub("号", text)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"是否应为 {match[0]}？" if match else ""


_IDEOGRAPH_GAP = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff] [\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# --- one field -----------------------------------------------------------------


def _scalar_text(c: FieldChecker, spec: FieldSpec, value: Value, *, lines: bool = False,
                 part: str | None = None) -> str | Missing:
    """The value as text, stripped. Only `lines` (a multi-line text field) may hold "\n";
    nothing may hold another line or paragraph separator or a control character. `part`: what
    the messages call a value inside the field (附件的 file, 主题词的一项), else the field's label."""
    label = part or spec.label
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
        c.report(value, spec.key, "odd-space", f"含有不可见字符或特殊空格（{odd_characters(text)}），应写作：{cleaned}")
        return cleaned
    if BIDI.search(text):  # a text field (内容概述) keeps its spaces, never what turns its words around
        cleaned = BIDI.sub("", text)
        codes = "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in BIDI.findall(text)))
        c.report(value, spec.key, "bidi-control",
                 f"{spec.label}中有看不见的双向文字控制符（{codes}），它会让后面的文字（如文号、金额）倒过来显示，"
                 f"与文件中的文字不同。请删除它，删除后请核对文字的先后，应写作：{cleaned}")
        return cleaned
    return text


def _check_string(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value, lines=spec.type == "text")
    if isinstance(text, Missing):
        return text
    if not text:
        c.report(value, spec.key, "empty", f"{spec.label}不能为空。")
        return MISSING
    if spec.max_length and len(text) > spec.max_length:
        c.report(value, spec.key, "too-long", f"{spec.label}最多 {spec.max_length} 个字，现在有 {len(text)} 个字。")
    return text


def _parse_date(c: FieldChecker, spec: FieldSpec, value: Value, *, with_time: bool, part: str | None = None) -> Any:
    text = _scalar_text(c, spec, value, part=part)
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
            example = f"应写作：{fixed}" if fixed else ""
            c.report(value, spec.key, "date-format", f"日期格式应为 {form}，现在是“{text}”。{example}")
        return MISSING
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        if with_time:
            kind = datetime if match[4] else DayStart
            return kind(*parts[:3], parts[3], parts[4], parts[5] if len(parts) > 5 else 0, tzinfo=SHANGHAI)
        return date(*parts[:3])
    except ValueError:
        c.report(value, spec.key, "date-invalid", f"“{text}”不是一个存在的日期。")
        return MISSING


def _check_date(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    return _parse_date(c, spec, value, with_time=False)


def _check_datetime(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    return _parse_date(c, spec, value, with_time=True)


def _check_integer(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag == "int" and isinstance(value.data, int) and not isinstance(value.data, bool) \
            and INTEGER.match(value.raw or ""):
        return value.data
    if value.tag in ("seq", "map"):  # no text of its own: the message would quote Python's None
        c.report(value, spec.key, "type", f"{spec.label}应是用阿拉伯数字写的整数（例如 2010），不是列表或映射。")
        return MISSING
    written = normalize_width(value.raw or "")
    if value.quoted and INTEGER.match(written):  # '2020' is the text 2020 to YAML, not the number
        fixed = f"引号使它成了文字，请去掉引号，应写作：{spec.key}: {written}"
    else:
        fixed = f"应写作：{written}" if written != value.raw and INTEGER.match(written) else ""
    c.report(value, spec.key, "type", f"{spec.label}应是用阿拉伯数字写的整数（例如 2010），现在是“{value.raw}”。{fixed}")
    return MISSING


def _check_boolean(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag == "bool" and str(value.raw).lower() in ("true", "false"):
        return bool(value.data)
    if value.tag in ("seq", "map"):
        c.report(value, spec.key, "type", f"{spec.label}只能写 true 或 false，不是列表或映射。")
        return MISSING
    hint = f"引号使它成了文字，请去掉引号，应写作：{spec.key}: {value.raw}" \
        if value.quoted and str(value.raw) in ("true", "false") else ""
    c.report(value, spec.key, "type", f"{spec.label}只能写 true 或 false，现在是“{value.raw}”。{hint}")
    return MISSING



def _check_enum(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if text not in spec.values:
        hint = did_you_mean(text, spec.values)
        c.report(value, spec.key, "enum", f"“{text}”不是允许的值。可选：{' / '.join(spec.values)}。{hint}")
        return MISSING
    return text


def _check_list(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "seq":
        if value.tag in ("str", "int") and value.raw:
            # `安全、生产` is two words: `[安全、生产]` would be one
            words = ", ".join(word for word in re.split(r"[、，,;；\s]+", value.raw) if word)
            c.report(value, spec.key, "type", f"{spec.label}应是列表，例如：[{words}]（多个词用英文逗号分隔）")
        else:
            c.report(value, spec.key, "type", f"{spec.label}应是列表，例如：[词语一, 词语二]")
        return MISSING
    words: list[str] = []
    seen: set[str] = set()
    vocabulary = c.profile.vocabularies.get(spec.vocabulary or "", ())
    for item in value.data:
        word = _scalar_text(c, spec, item, part=f"{spec.label}的每一项")
        if isinstance(word, Missing):
            continue
        if not word:
            c.report(item, spec.key, "empty", f"{spec.label}中有空项。")
        elif vocabulary and word not in vocabulary:
            c.report(item, spec.key, "vocabulary", f"“{word}”不在{spec.label}词表中。{did_you_mean(word, vocabulary)}")
        elif word in seen:
            c.report(item, spec.key, "duplicate-item", f"“{word}”重复出现。")
        else:
            words.append(word)
            seen.add(word)  # a set: a list of 20,000 words was checked in quadratic time (2.4 s)
    if spec.max_items and len(value.data) > spec.max_items:
        c.report(value, spec.key, "too-many", f"{spec.label}最多 {spec.max_items} 个，现在有 {len(value.data)} 个。")
    return tuple(words)


def _check_category(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    tree = c.profile.categories
    if text in tree:
        return text
    if slug := tree.named(text):
        hint = f"请写分类代码：{slug}"
    else:
        hint = did_you_mean(text, list(tree.by_slug)) or "可选代码：" + "、".join(tree.by_slug)
    c.report(value, spec.key, "category", f"信息分类“{text}”不存在。{hint}")
    return MISSING


def _check_index_no(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if INDEX_NO.match(text):
        return text
    ascii_text = normalize_width(text).replace(" ", "")
    if INDEX_NO.match(ascii_text):
        c.report(value, spec.key, "fullwidth-digits", f"索引号中有全角字符或空格，应写作：{ascii_text}")
    else:
        slip = index_no_slip(ascii_text)
        c.report(value, spec.key, "index-no-format",
                 f"索引号格式应为 机构代码/年月-五位序号，例如 002986620/201012-00015，现在是“{text}”。"
                 + (f"{slip}。" if slip else ""))
    return MISSING


def _check_doc_no(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if DOC_NO.match(text):
        return text
    fixed = fix_doc_no(text)
    if DOC_NO.match(normalize_width(text)):  # the brackets were right: only the digits are off
        c.report(value, spec.key, "fullwidth-digits", f"文号中有全角数字，应写作：{fixed}")
    elif fixed != text and DOC_NO.match(fixed):
        why = "文号中的年份要用六角括号〔〕" if _LOOKALIKE_BRACKETS.search(normalize_width(text)) else "文号末尾的“號”要写作“号”"
        c.report(value, spec.key, "doc-no-brackets", f"{why}，应写作：{fixed}")
    else:
        c.report(value, spec.key, "doc-no-format", f"文号格式应为 机关代字〔年份〕序号号，例如 皖应急〔2020〕12号"
                 f"（规章等令写作 机关名称令第序号号，例如 安徽省人民政府令第289号），现在是“{text}”。")
    return MISSING


def _check_attachments(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    folder = c.source.path.rsplit("/", 1)[0] if "/" in c.source.path else ""
    if value.tag != "seq":
        _asked(c, folder, value)
        c.report(value, spec.key, "type", "附件应是列表，每项写 file（文件路径）和 title（附件名称）。")
        return MISSING
    told = len(c.problems)
    attachments: list[Attachment] = []
    names: dict[str, Value] = {}  # file -> where it was first attached
    for item in value.data:
        if item.tag != "map":
            _asked(c, folder, item)
            c.report(item, spec.key, "type", "每个附件应写成 {file: 文件路径, title: 附件名称}。")
            continue
        fields = item.data
        for extra in set(fields) - {"file", "title"}:
            c.report(fields[extra], spec.key, "unknown-key", f"附件中不认识的键“{extra}”，只能写 file 和 title。")
        file_entry, title_entry = fields.get("file"), fields.get("title")
        if file_entry is not None and isinstance(file_entry.value.data, str) and (named := join_relative(folder, file_entry.value.data)):
            c.exists(named)  # asked whatever else the item lacks: a file it names is no stray file
        if file_entry is None or title_entry is None:
            c.report(item, spec.key, "attachment-incomplete", "附件必须同时写 file（文件路径）和 title（附件名称）。")
            continue
        empty = [entry for entry in (file_entry, title_entry) if entry.value.tag == "null"]
        for entry in empty:  # which of the two, not "附件不能为空"
            c.report(entry.value, spec.key, "empty", f"附件的 {entry.key}（{_ATTACHMENT_PARTS[entry.key]}）不能为空。")
        if empty:
            continue
        written, title = (_scalar_text(c, spec, entry.value, part=f"附件的 {entry.key}（{_ATTACHMENT_PARTS[entry.key]}）")
                          for entry in (file_entry, title_entry))
        if isinstance(written, Missing) or isinstance(title, Missing):
            continue
        path = join_relative(folder, written)
        if path is None or not written:
            c.report(file_entry.value, spec.key, "attachment-path", f"附件路径“{written}”无效：{path_advice(written)}。")
            continue
        if extension(path) not in c.profile.attachment_types:
            c.report(file_entry.value, spec.key, "attachment-type", f"附件“{written}”：{file_type_message(path, c.profile.attachment_types)}")
            continue
        if not c.exists(path):
            c.report(file_entry.value, spec.key, "attachment-missing",
                     f"附件文件不存在：{written}（附件必须放在公开目录文件夹之内，可以在子文件夹中；网站上文件名区分大小写）",
                     subject=path)
            continue
        if path in names:
            c.report(file_entry.value, spec.key, "attachment-repeated",
                     f"附件“{written}”已在第 {names[path].line} 行列出，请删除重复的一项。")
            continue
        names[path] = file_entry.value
        attachments.append(Attachment(path, title or posix_name(path)))
    # all or nothing, as every field: a list with a problem is not the list (the body's links are judged against it)
    return published_names(attachments) if len(c.problems) == told else MISSING


def published_names(attachments: list[Attachment]) -> tuple[Attachment, ...]:
    """Each attachment named for its place beside the document's page: its own name, or, when an
    earlier one of the list has it (files/附件.pdf and 2024/附件.pdf; USB sticks and Windows do
    not tell REPORT.pdf from report.pdf), that name numbered (附件-2.pdf), never another's."""
    taken = {posix_name(a.file).casefold() for a in attachments}
    used: set[str] = set()
    named = []
    for attachment in attachments:
        name = posix_name(attachment.file)
        if name.casefold() in used:
            stem, _, ext = name.rpartition(".")  # an attachment's type is its extension: there is one
            number = 2
            while f"{stem}-{number}.{ext}".casefold() in used | taken:
                number += 1
            name = f"{stem}-{number}.{ext}"
        used.add(name.casefold())
        named.append(Attachment(attachment.file, attachment.title, name))
    return tuple(named)


_ATTACHMENT_PARTS = {"file": "文件路径", "title": "附件名称"}


def _asked(c: FieldChecker, folder: str, value: Value) -> None:
    """A path written where an attachment item should be (`attachments: [files/a.pdf]`) is asked
    for: the file it names is told with this slip, not as a stray file no document lists."""
    if value.tag == "str" and isinstance(value.data, str) and (named := join_relative(folder, value.data.strip())):
        c.exists(named)


def posix_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


WITHDRAWAL_REASON = "撤回理由"  # the placeholder the messages write, never a reason to publish


def _check_withdrawal(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "map" or set(value.data) != {"date", "reason"}:
        c.report(value, spec.key, "type", _withdrawal_form(spec.key, value))
        return MISSING
    when = _parse_date(c, spec, value.data["date"].value, with_time=False, part=f"{spec.label}的 date（撤回日期）")
    reason = _scalar_text(c, spec, value.data["reason"].value, part=f"{spec.label}的 reason（撤回理由）")
    if isinstance(when, Missing) or isinstance(reason, Missing) or not reason:
        if reason == "":
            c.report(value.data["reason"].value, spec.key, "empty", "撤回理由不能为空。")
        return MISSING
    if reason == WITHDRAWAL_REASON:
        c.report(value.data["reason"].value, spec.key, "placeholder",
                 f"“{WITHDRAWAL_REASON}”是示例文字：请写实际的撤回理由，它会显示在原地址的撤回说明中。")
        return MISSING
    return Withdrawal(when, reason)


def _withdrawal_form(key: str, value: Value) -> str:
    """The line to write for a withdrawal written in another form, with the date and the reason it
    gives (`withdrawn: 2025-06-01 已废止`, `[2025-06-01, 已废止]`, a date alone, a key missing or
    misspelt: `reson: 已废止` is the reason); what it does not give stays a placeholder for the
    editor to replace, which the check refuses."""
    unknown = ""
    if value.tag == "map":
        named = {name: _scalar_raw(entry.value) for name, entry in value.data.items() if name in ("date", "reason")}
        parts = {name: text for name, text in named.items() if text}
        unknown = "、".join(name for name in value.data if name not in ("date", "reason"))
        for name, entry in value.data.items():  # a misspelt key's value is the part still missing
            if name not in ("date", "reason") and (text := _scalar_raw(entry.value)):
                _fill(parts, _withdrawal_parts(text), join=False)
    elif value.tag == "seq":
        parts = {}
        for item in value.data:
            if text := _scalar_raw(item):
                _fill(parts, _withdrawal_parts(text), join=True)
    elif value.tag not in ("bool", "null"):
        parts = _withdrawal_parts(str(value.raw).strip())
    else:
        parts = {}
    when, reason = parts.get("date") or "YYYY-MM-DD", parts.get("reason") or WITHDRAWAL_REASON
    if re.search(r"[,:{}\[\]#&*!|>'\"%@`]", reason):  # YAML would read it as more than text
        reason = '"' + reason.replace("\\", "\\\\").replace('"', '\\"') + '"'
    todo = [*(["把 YYYY-MM-DD 换成撤回日期"] if not parts.get("date") else []),
            *([f"把“{WITHDRAWAL_REASON}”换成实际的撤回理由"] if not parts.get("reason") else [])]
    return (f"撤回应写成 {{date: 撤回日期, reason: 撤回理由}}。{f'只能有 date 和 reason 两项，不能有 {unknown}。' if unknown else ''}"
            f"请写成：{key}: {{date: {when}, reason: {reason}}}{'（请' + '，'.join(todo) + '）' if todo else ''}")


def _scalar_raw(value: Value) -> str:
    return "" if value.tag in ("seq", "map", "null") or value.raw is None else str(value.raw).strip()


def _withdrawal_parts(text: str) -> dict[str, str]:
    """The date and reason one scalar gives: `2025-06-01`, `2025年6月1日 已废止`, `已废止`."""
    first, _, rest = text.partition(" ")
    found = normalize_width(first) if DATE.match(normalize_width(first)) else iso_date(first, with_time=False)
    return {"date": found, "reason": rest.strip()} if found else {"reason": text}


def _fill(parts: dict[str, str], more: dict[str, str], *, join: bool) -> None:
    """The parts still missing taken from `more`; with `join`, a list's next reason joins the first
    as the editor wrote it (`[2025-06-01, 内容有误, 已替代]`: YAML split it at the comma)."""
    for name, text in more.items():
        if text and not parts.get(name):
            parts[name] = text
        elif text and join and name == "reason":
            parts[name] = f"{parts[name]}, {text}"


FIELD_CHECKS: Mapping[str, Callable[[FieldChecker, FieldSpec, Value], Any]] = {
    "string": _check_string,
    "text": _check_string,
    "date": _check_date,
    "datetime": _check_datetime,
    "integer": _check_integer,
    "boolean": _check_boolean,
    "enum": _check_enum,
    "list": _check_list,
    "category": _check_category,
    "index_no": _check_index_no,
    "index_ref": _check_index_no,
    "doc_no": _check_doc_no,
    "attachments": _check_attachments,
    "withdrawal": _check_withdrawal,
}


# --- one file ------------------------------------------------------------------


