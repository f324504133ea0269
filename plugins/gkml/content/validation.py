"""Checking documents against the profile: one file at a time, then across files.

Every function here is pure: text in, problems (and normalised documents) out,
so the same code serves `gkml check`, the MkDocs build and the tests.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from gkml.catalogue.document import (
    INTERPRETATION,
    SHANGHAI,
    Attachment,
    Document,
    Withdrawal,
)
from gkml.catalogue.publication import hold_reason
from gkml.content.body import body_problems as editorial_problems
from gkml.content.body import join_relative
from gkml.content.bounds import body_problems
from gkml.content.corrections import (
    has_odd_spaces,
    iso_date,
    normalize_width,
    odd_characters,
    without_odd_spaces,
)
from gkml.content.htmlsafety import unsafe_html
from gkml.content.problems import Problem
from gkml.content.source import (
    CONTROL,
    Entry,
    Source,
    Value,
    decode,
    invisible_name,
    read_source,
)
from gkml.content.tree import extension, file_type_message
from gkml.profile.model import FieldSpec, Profile
from gkml.profile.types import DATE, DATETIME, DOC_NO, INDEX_NO

# Brackets editors type instead of the hexagonal 〔〕 that GB/T 9704 prescribes.
_LOOKALIKE_BRACKETS = re.compile(r"[\[(（【［﹝〖]([0-9]{4})[\])）】］﹞〗]")

Exists = Callable[[str], bool]


class _Missing:
    pass


MISSING = _Missing()


@dataclass
class FileResult:
    document: Document | None
    problems: list[Problem]


class _Checker:
    """Checks one file's entries; collects problems with the field's label."""

    def __init__(self, source: Source, profile: Profile, exists: Exists) -> None:
        self.source = source
        self.profile = profile
        self.exists = exists
        self.problems: list[Problem] = []

    def report(self, where: Value | Entry | None, key: str | None, code: str, message: str) -> None:
        if isinstance(where, Entry):
            line, col = where.key_line, where.key_col
        elif isinstance(where, Value):
            line, col = where.line, where.col
        else:
            line, col = 1, 1
        self.problems.append(Problem(self.source.path, line, col, key, code, message, self.label(key)))

    def report_problem(self, problem: Problem) -> None:
        self.problems.append(replace(problem, label=problem.label or self.label(problem.key)))

    def label(self, key: str | None) -> str | None:
        return (self.profile.label(key) if key in self.profile.fields else "未知字段") if key else None


def fix_doc_no(text: str) -> str:
    """The 文号 with look-alike year brackets replaced by 〔〕 (and full-width digits made ASCII)."""
    return _LOOKALIKE_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", normalize_width(text))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"是否应为 {match[0]}？" if match else ""


# --- one field -----------------------------------------------------------------


def _scalar_text(c: _Checker, spec: FieldSpec, value: Value, *, lines: bool = False) -> str | _Missing:
    """The value as text, stripped. Only `lines` (a multi-line text field) may hold "\n";
    nothing may hold another line or paragraph separator or a control character."""
    if value.tag == "bool":
        c.report(value, spec.key, "yaml-boolean",
                 f"“{value.raw}”被 YAML 解析成了布尔值（是/否）而不是文字。如果要写文字，请加引号：\"{value.raw}\"。")
        return MISSING
    if value.tag == "null":
        c.report(value, spec.key, "empty", f"{spec.label}不能为空。")
        return MISSING
    if value.tag in ("seq", "map"):
        c.report(value, spec.key, "type", f"{spec.label}应是一段文字，不是列表或映射。")
        return MISSING
    raw = str(value.raw)
    if invisible := CONTROL.search(raw):
        c.report(value, spec.key, "control-character",
                 f"{spec.label}中有看不见的{invisible_name(invisible.group())}（常见于从 Word 或网页复制的文字），请删除。")
        return MISSING
    text = raw.strip()
    if not lines and "\n" in text:
        c.report(value, spec.key, "multiline", f"{spec.label}只能写一行。")
        return MISSING
    if spec.type != "text" and has_odd_spaces(text):
        cleaned = without_odd_spaces(text)
        c.report(value, spec.key, "odd-space", f"含有不可见字符或特殊空格（{odd_characters(text)}），应写作：{cleaned}")
        return cleaned
    return text


def _check_string(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value, lines=spec.type == "text")
    if isinstance(text, _Missing):
        return text
    if not text:
        c.report(value, spec.key, "empty", f"{spec.label}不能为空。")
        return MISSING
    if spec.max_length and len(text) > spec.max_length:
        c.report(value, spec.key, "too-long", f"{spec.label}最多 {spec.max_length} 个字，现在有 {len(text)} 个字。")
    return text


def _parse_date(c: _Checker, spec: FieldSpec, value: Value, *, with_time: bool) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, _Missing):
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
            return datetime(*parts[:3], parts[3], parts[4], parts[5] if len(parts) > 5 else 0, tzinfo=SHANGHAI)
        return date(*parts[:3])
    except ValueError:
        c.report(value, spec.key, "date-invalid", f"“{text}”不是一个存在的日期。")
        return MISSING


def _check_date(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    return _parse_date(c, spec, value, with_time=False)


def _check_datetime(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    return _parse_date(c, spec, value, with_time=True)


def _check_integer(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    if value.tag == "int" and isinstance(value.data, int) and not isinstance(value.data, bool):
        return value.data
    c.report(value, spec.key, "type", f"{spec.label}应是整数（例如 2010），现在是“{value.raw}”。")
    return MISSING


def _check_boolean(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    if value.tag == "bool" and str(value.raw).lower() in ("true", "false"):
        return bool(value.data)
    c.report(value, spec.key, "type", f"{spec.label}只能写 true 或 false，现在是“{value.raw}”。")
    return MISSING


def _check_enum(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, _Missing):
        return text
    if text not in spec.values:
        hint = did_you_mean(text, spec.values)
        c.report(value, spec.key, "enum", f"“{text}”不是允许的值。可选：{' / '.join(spec.values)}。{hint}")
        return MISSING
    return text


def _check_list(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "seq":
        if value.tag in ("str", "int") and value.raw:
            c.report(value, spec.key, "type", f"{spec.label}应是列表，例如：[{value.raw}]")
        else:
            c.report(value, spec.key, "type", f"{spec.label}应是列表，例如：[词语一, 词语二]")
        return MISSING
    words: list[str] = []
    vocabulary = c.profile.vocabularies.get(spec.vocabulary or "", ())
    for item in value.data:
        word = _scalar_text(c, spec, item)
        if isinstance(word, _Missing):
            continue
        if not word:
            c.report(item, spec.key, "empty", f"{spec.label}中有空项。")
        elif vocabulary and word not in vocabulary:
            c.report(item, spec.key, "vocabulary", f"“{word}”不在{spec.label}词表中。{did_you_mean(word, vocabulary)}")
        elif word in words:
            c.report(item, spec.key, "duplicate-item", f"“{word}”重复出现。")
        else:
            words.append(word)
    if spec.max_items and len(value.data) > spec.max_items:
        c.report(value, spec.key, "too-many", f"{spec.label}最多 {spec.max_items} 个，现在有 {len(value.data)} 个。")
    return tuple(words)


def _check_category(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, _Missing):
        return text
    tree = c.profile.categories
    if text in tree:
        return text
    by_name = {cat.name: cat.slug for cat, _ in tree.walk()}
    if text in by_name:
        hint = f"请写分类代码：{by_name[text]}"
    else:
        hint = did_you_mean(text, list(tree.by_slug)) or "可选代码：" + "、".join(tree.by_slug)
    c.report(value, spec.key, "category", f"信息分类“{text}”不存在。{hint}")
    return MISSING


def _check_index_no(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, _Missing):
        return text
    if INDEX_NO.match(text):
        return text
    ascii_text = normalize_width(text).replace(" ", "")
    if INDEX_NO.match(ascii_text):
        c.report(value, spec.key, "fullwidth-digits", f"索引号中有全角字符或空格，应写作：{ascii_text}")
    else:
        c.report(value, spec.key, "index-no-format",
                 f"索引号格式应为 机构代码/年月-五位序号，例如 002986620/201012-00015，现在是“{text}”。")
    return MISSING


def _check_doc_no(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    text = _scalar_text(c, spec, value)
    if isinstance(text, _Missing):
        return text
    if DOC_NO.match(text):
        return text
    fixed = fix_doc_no(text)
    if fixed != text and DOC_NO.match(fixed):
        c.report(value, spec.key, "doc-no-brackets", f"文号中的年份要用六角括号〔〕，应写作：{fixed}")
    else:
        c.report(value, spec.key, "doc-no-format", f"文号格式应为 机关代字〔年份〕序号号，例如 皖应急〔2020〕12号，现在是“{text}”。")
    return MISSING


def _check_attachments(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "seq":
        c.report(value, spec.key, "type", "附件应是列表，每项写 file（文件路径）和 title（附件名称）。")
        return MISSING
    folder = c.source.path.rsplit("/", 1)[0] if "/" in c.source.path else ""
    attachments: list[Attachment] = []
    names: dict[str, Value] = {}  # case-folded file name -> where it was first attached
    for item in value.data:
        if item.tag != "map":
            c.report(item, spec.key, "type", "每个附件应写成 {file: 文件路径, title: 附件名称}。")
            continue
        fields = item.data
        for extra in set(fields) - {"file", "title"}:
            c.report(fields[extra], spec.key, "unknown-key", f"附件中不认识的键“{extra}”，只能写 file 和 title。")
        file_entry, title_entry = fields.get("file"), fields.get("title")
        if file_entry is None or title_entry is None:
            c.report(item, spec.key, "attachment-incomplete", "附件必须同时写 file（文件路径）和 title（附件名称）。")
            continue
        written, title = _scalar_text(c, spec, file_entry.value), _scalar_text(c, spec, title_entry.value)
        if isinstance(written, _Missing) or isinstance(title, _Missing):
            continue
        path = join_relative(folder, written)
        if path is None or not written:
            c.report(file_entry.value, spec.key, "attachment-path", f"附件路径“{written}”无效：必须是相对于本文件、位于内容目录之内的路径。")
            continue
        if extension(path) not in c.profile.attachment_types:
            c.report(file_entry.value, spec.key, "attachment-type", f"附件“{written}”：{file_type_message(path, c.profile.attachment_types)}")
            continue
        if not c.exists(path):
            c.report(file_entry.value, spec.key, "attachment-missing",
                     f"附件文件不存在：{written}（附件必须放在公开目录文件夹之内，可以在子文件夹中）")
            continue
        # attachments are published side by side under the document's address; USB sticks
        # and Windows do not tell REPORT.pdf from report.pdf
        name = posix_name(path).casefold()
        if name in names:
            c.report(file_entry.value, spec.key, "attachment-name",
                     f"附件文件名“{posix_name(path)}”与第 {names[name].line} 行的附件重名（不区分大小写），"
                     "发布后会互相覆盖。请给其中一个文件改名。")
            continue
        names[name] = file_entry.value
        attachments.append(Attachment(path, title or posix_name(path)))
    return tuple(attachments)


def posix_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _check_withdrawal(c: _Checker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "map" or not {"date", "reason"} <= set(value.data):
        c.report(value, spec.key, "type", "撤回应写成 {date: YYYY-MM-DD, reason: 撤回理由}。")
        return MISSING
    when = _parse_date(c, spec, value.data["date"].value, with_time=False)
    reason = _scalar_text(c, spec, value.data["reason"].value)
    if isinstance(when, _Missing) or isinstance(reason, _Missing) or not reason:
        if reason == "":
            c.report(value.data["reason"].value, spec.key, "empty", "撤回理由不能为空。")
        return MISSING
    return Withdrawal(when, reason)


_CHECKS: Mapping[str, Callable[[_Checker, FieldSpec, Value], Any]] = {
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


def check_file(path: str, data: bytes, profile: Profile, exists: Exists) -> FileResult:
    """Validate one document file. `exists` answers whether a docs-relative path exists."""
    source = read_source(path, data)
    if source.entries is None:
        return FileResult(None, source.problems)
    c = _Checker(source, profile, exists)
    for problem in source.problems:  # e.g. duplicate keys: show the field's label like every other problem
        c.report_problem(problem)
    entries = source.entries
    meta: dict[str, Any] = {}
    for key, entry in entries.items():
        spec = profile.fields.get(key)
        if spec is None:
            suggestion = did_you_mean(key, list(profile.fields)) or _label_hint(key, profile)
            c.report(entry, key, "unknown-key", f"不认识的字段“{key}”。{suggestion}".rstrip())
            continue
        result = _CHECKS[spec.type](c, spec, entry.value)
        if not isinstance(result, _Missing):
            meta[key] = result
    _check_required(c, entries, meta)
    _check_relations(c, entries, meta)
    check_body(path, source, c.problems)
    c.problems.extend(editorial_problems(source.path, source.body, source.body_line, meta, exists))
    if c.problems:
        return FileResult(None, c.problems)
    for spec in profile.fields.values():
        if spec.key not in meta and spec.default is not None:
            meta[spec.key] = spec.default
    lines = {key: entry.key_line for key, entry in entries.items()}
    return FileResult(Document(path, meta, source.body, source.body_line, lines), [])


def check_body(path: str, source: Source, problems: list[Problem]) -> None:
    """Bounds on the renderer's work first: the HTML scan is linear only within them."""
    bounded = body_problems(source.body)
    for line, col, message in bounded:
        problems.append(Problem(path, source.body_line + line - 1, col, None, "too-costly", message))
    for line, col, message in () if bounded else unsafe_html(source.body):
        problems.append(Problem(path, source.body_line + line - 1, col, None, "unsafe-html", message))


def _label_hint(key: str, profile: Profile) -> str:
    by_label = {spec.label: spec.key for spec in profile.fields.values()}
    if key in by_label:
        return f"字段名请用英文键：{by_label[key]}"
    match = difflib.get_close_matches(key, list(by_label), n=1, cutoff=0.5)
    return f"是否应为 {by_label[match[0]]}（{match[0]}）？" if match else ""


def _check_required(c: _Checker, entries: Mapping[str, Entry], meta: Mapping[str, Any]) -> None:
    for spec in c.profile.fields.values():
        if spec.required_for(meta) and spec.key not in entries:
            reason = ""
            if spec.required_when and not spec.required:
                reason = "（" + "，".join(f"{c.profile.label(k)}为“{v}”时" for k, v in spec.required_when.items()) + "必填）"
            c.report(None, spec.key, "required", f"缺少必填字段 {spec.key}（{spec.label}）{reason}。")


def _check_relations(c: _Checker, entries: Mapping[str, Entry], meta: Mapping[str, Any]) -> None:
    created, published = meta.get("created"), meta.get("published")
    if isinstance(created, date) and isinstance(published, datetime) and created > published.date():
        c.report(entries["created"].value, "created", "created-after-published",
                 f"生成日期 {created.isoformat()} 晚于发布日期 {published.date().isoformat()}。")
    index_no = meta.get("index_no")
    dated = meta.get(c.profile.index_date_field)
    if index_no and isinstance(dated, date):
        match = INDEX_NO.match(index_no)
        assert match
        year, month = int(match["year"]), match["month"]
        if year != dated.year or (month and int(month) != dated.month):
            expected = f"{dated.year:04d}{dated.month:02d}" if month else f"{dated.year:04d}"
            c.report(entries["index_no"].value, "index_no", "index-no-date",
                     f"索引号中的年月“{match['year']}{month or ''}”与{c.profile.label(c.profile.index_date_field)} "
                     f"{dated.isoformat()} 不一致，应为 {expected}。")
    if index_no and meta.get("superseded_by") == index_no:
        c.report(entries["superseded_by"].value, "superseded_by", "superseded-by-self", "替代文件不能是本文件自己。")
    if "interprets" in meta:
        genre = meta.get("genre")
        if genre != INTERPRETATION:
            c.report(entries["interprets"].value, "interprets", "interprets-not-interpretation",
                     f"只有体裁为“{INTERPRETATION}”的文件才能填写解读对象；本文件的体裁是“{genre or '未填写'}”，"
                     f"请加上 genre: {INTERPRETATION}。")
        if meta["interprets"] == index_no:
            c.report(entries["interprets"].value, "interprets", "interprets-self", "解读对象不能是本文件自己。")


# --- across files --------------------------------------------------------------


def next_free_index_no(index_no: str, used: Iterable[str]) -> str:
    """`index_no` with the sequence number after the highest its organisation uses (same year and month)."""
    match = INDEX_NO.match(index_no)
    assert match
    highest = max((int(m["seq"]) for other in used if (m := INDEX_NO.match(other)) and m["org"] == match["org"]),
                  default=0)
    return f"{match['org']}/{match['year']}{match['month'] or ''}-{highest + 1:05d}"


def cross_check(documents: Iterable[Document], profile: Profile, display_prefix: str = "") -> list[Problem]:
    """Duplicate index numbers (every file named, as `display_prefix + src_path`) and
    superseded_by naming no document."""
    problems: list[Problem] = []
    by_index: dict[str, list[Document]] = defaultdict(list)
    docs = list(documents)
    for doc in docs:
        by_index[doc.index_no].append(doc)
    label = profile.label("index_no")
    for index_no, same in by_index.items():
        if len(same) < 2:
            continue
        free = next_free_index_no(index_no, by_index)
        for doc in same:
            others = "、".join(display_prefix + o.src_path for o in same if o is not doc)
            problems.append(Problem(doc.src_path, doc.lines.get("index_no", 1), 1, "index_no", "duplicate-index-no",
                                    f"索引号 {index_no} 重复，另见：{others}。请把尚未发布的那一件改用下一个空闲的索引号 {free}。",
                                    label))
    for doc in docs:
        target = doc.superseded_by
        if target and target not in by_index:
            problems.append(Problem(doc.src_path, doc.lines.get("superseded_by", 1), 1, "superseded_by", "superseded-by-unknown",
                                    f"替代文件 {target} 不在目录中（没有文件使用这个索引号）。", profile.label("superseded_by")))
        problems.extend(_interpretation_problems(doc, by_index, profile))
    return problems


def check_page(path: str, data: bytes, profile: Profile) -> list[Problem]:
    """A page the configuration names (公开指南 …): MkDocs renders it as it is, so its front
    matter must parse, and must not carry disclosure attributes: a document saved among
    the pages would skip every rule of the catalogue, 公开方式 first."""
    if not data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        text, problems = decode(path, data)
        if text is not None:
            check_body(path, Source(path, text, None, text, 1), problems)
        return problems
    source = read_source(path, data)
    problems = list(source.problems)
    if source.entries is not None:
        attributes = [key for key in source.entries if key in profile.fields and key != "title"]
        if attributes:
            entry = source.entries[attributes[0]]
            problems.append(Problem(path, entry.key_line, entry.key_col, None, "page-has-disclosure",
                                    f"这个页面带有公开目录文件的属性（{'、'.join(attributes)}）。公开目录文件必须放在公开目录文件夹中，"
                                    "经过检查后才能发布；如果这是普通页面，请删除这些属性。"))
    check_body(path, source, problems)
    return problems


def _interpretation_problems(doc: Document, by_index: Mapping[str, list[Document]], profile: Profile) -> list[Problem]:
    """A 解读 must name a policy that is published whenever the 解读 is: the link to its 原文
    may never lead to, or reveal, a document that is held back."""
    target = doc.interprets
    if not target:
        return []

    def problem(code: str, message: str) -> Problem:
        return Problem(doc.src_path, doc.lines.get("interprets", 1), 1, "interprets", code, message, profile.label("interprets"))

    found = by_index.get(target)
    if not found:
        return [problem("interprets-unknown", f"解读对象 {target} 不在目录中（没有文件使用这个索引号）。")]
    policy = found[0]
    if hold_reason(doc, profile, doc.published):
        return []  # a draft 解读 may name a draft policy; both are checked again when published
    # the policy's own time is "now" here: the question is whether it is ever published, not yet
    reason = hold_reason(policy, profile, policy.published)
    if reason:
        return [problem("interprets-unpublished", f"解读对象 {target} 不公开发布（{reason}），解读不能链接到它。")]
    if policy.is_interpretation:
        return [problem("interprets-interpretation", f"解读对象 {target} 本身是一篇解读，请填写它所解读的政策文件的索引号。")]
    if doc.published < policy.published:
        return [problem("interprets-before-policy",
                        f"解读的发布日期 {doc.published:%Y-%m-%d %H:%M} 早于原文（{target}）的发布日期 "
                        f"{policy.published:%Y-%m-%d %H:%M}：原文发布前不能发布解读。")]
    return []
