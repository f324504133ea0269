"""Checking one file against the profile: its front matter field by field (gkml.content.fields),
the fields' required-when and relation rules, and its body. Rules across files: gkml.content.crosscheck.

Every function here is pure: text in, problems (and normalised documents) out,
so the same code serves `gkml check`, the MkDocs build and the tests.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from gkml.catalogue.document import Document
from gkml.content.alttext import alt_notices
from gkml.content.attachments import check_attachments
from gkml.content.body import CatalogueLink, catalogue_links
from gkml.content.bodyrules import body_problems as editorial_problems
from gkml.content.bodyrules import page_link_problems
from gkml.content.bounds import body_problems
from gkml.content.corrections import (
    colon_fixed,
    unwrapped,
)
from gkml.content.fencecut import fence_in_value
from gkml.content.fieldcheck import (
    Exists,
    FieldChecker,
    Missing,
)
from gkml.content.fields import SCALAR_CHECKS
from gkml.content.htmlsafety import unsafe_html
from gkml.content.keyslips import (
    bare_key,
    key_wrapping,
    misnamed_key,
    name_pasted,
    quoted_key,
    renamed_key,
)
from gkml.content.listing import listing_notices
from gkml.content.lists import shallow_notices, unseparated_notices
from gkml.content.novalue import (
    BLANK_NOT_ABSENT,
    blank_notice,
    is_blank,
    name_only_given,
    no_value_told,
    nothing_written,
    required_reason,
)
from gkml.content.problems import Problem, did_you_mean
from gkml.content.relations import check_relations
from gkml.content.remotepictures import remote_pictures
from gkml.content.source import (
    Entry,
    Source,
    Value,
    read_source,
)
from gkml.content.stacked import stacked_front_matter
from gkml.content.textfile import decode
from gkml.content.todos import todo_notices
from gkml.content.withdrawal import check_withdrawal
from gkml.profile.model import FieldSpec, Profile
from gkml.profile.types import INTEGER, ONE_LINE_TYPES

# each field type's check, by the type's name in the profile
FIELD_CHECKS = {**SCALAR_CHECKS, "attachments": check_attachments, "withdrawal": check_withdrawal}


@dataclass
class FileResult:
    document: Document | None
    problems: list[Problem]
    notices: list[Problem] = field(default_factory=list)  # what does not stop publication: TODOs left open, blank optional fields
    # the index number a file with problems gives, when that field is right: a reference to it is
    # then told as waiting for that file's fix, not as naming no document
    index_no: str | None = None
    # every file of the catalogue folder the file names (attachments, links), asked whether it
    # exists, and the answer: what a remembered result holds on to, and no stray file
    queries: tuple[tuple[str, bool], ...] = ()


def check_file(path: str, data: bytes, profile: Profile, exists: Exists) -> FileResult:
    """Validate one document file. `exists` answers whether a docs-relative path exists."""
    asked: dict[str, bool] = {}

    def recording(query: str) -> bool:
        answer = asked[query] = exists(query)
        return answer

    result = _check_file(path, data, profile, recording)
    result.queries = tuple(asked.items())
    return result


def _check_file(path: str, data: bytes, profile: Profile, exists: Exists) -> FileResult:
    source = read_source(path, data)
    if source.entries is None:
        return FileResult(None, source.problems)
    c = FieldChecker(source, profile, exists)
    for problem in source.problems:  # e.g. duplicate keys: show the field's label like every other problem
        c.report_problem(problem)
    entries = source.entries
    meta: dict[str, Any] = {}
    blank: dict[str, Entry] = {}
    for key, entry in entries.items():
        spec = profile.fields.get(key)
        if spec is None:
            c.report(entry, key, "unknown-key",
                     _unknown_key(key, source.text.split("\n")[entry.key_line - 1], profile, entries))
            continue
        if (is_blank(entry.value) or name_only_given(entry, profile) or nothing_written(entry, spec)) and not spec.required \
                and spec.type not in BLANK_NOT_ABSENT:
            blank[key] = entry  # judged once the values it may be required by are known
            continue
        if no_value_told(c, entry, spec):  # `publisher: 发布机构：`, `publisher: 无`: no value
            continue
        result = _check_field(c, spec, entry)
        if not isinstance(result, Missing):
            meta[key] = result
    for key, entry in list(blank.items()):
        spec = profile.fields[key]
        if spec.required_for(meta):  # required by a value given: not blank but missing, as its own check tells
            if not no_value_told(c, entry, spec):
                FIELD_CHECKS[spec.type](c, spec, entry.value)
            del blank[key]
    _check_required(c, entries, meta)
    check_relations(c, entries, meta)
    check_body(path, source, c.problems)
    body = editorial_problems(source.path, source.body, source.body_line, meta, exists)
    if "attachments" in entries and "attachments" not in meta and "attachments" not in blank:
        # the list has a problem of its own, told: which files it names is not known, so no link is "not attached"
        body = [problem for problem in body if problem.code != "link-not-attached"]
    c.problems.extend([*body, *stacked_front_matter(source.path, source.body, source.body_line, profile)])
    labels = {key: spec.label for key, spec in profile.fields.items()}
    for problem in fence_in_value(source.path, source.text, source.body_line, labels):
        c.report_problem(problem)
    front_lines = source.text.split("\n")[1:source.body_line - 2]
    given = [key for key in entries if key not in blank]
    notices = [*c.notices, *todo_notices(path, front_lines, 2, given, profile, {p.key for p in c.problems}),
               *(blank_notice(path, entry, profile) for entry in blank.values()),
               *shallow_notices(path, source.body, source.body_line),
               *unseparated_notices(path, source.body, source.body_line),
               *alt_notices(path, source.body, source.body_line)]
    if c.problems:
        return FileResult(None, c.problems, notices, meta.get("index_no"))
    for spec in profile.fields.values():
        if spec.key not in meta and spec.default is not None:
            meta[spec.key] = spec.default
    lines = {key: entry.key_line for key, entry in entries.items()}
    document = Document(path, meta, source.body, source.body_line, lines)
    return FileResult(document, [], [*notices, *listing_notices(document, profile)])


def _check_field(c: FieldChecker, spec: FieldSpec, entry: Entry) -> Any:
    """The field's own check; a value of a type that never holds a quote, wrapped in Chinese
    quotes, or a title wrapped whole in them or in 《》, is checked within them and told to lose them."""
    value = entry.value
    if spec.type in ONE_LINE_TYPES and value.tag == "str" and (pasted := name_pasted(spec.key, value.data, c.profile)):
        named, rest = pasted  # 发布机构：安徽省应急管理厅: the page's label came with its value
        before = len(c.problems)
        number = spec.type == "integer" and INTEGER.match(rest)  # 年报年度：2020 is the number 2020 to YAML once written so
        inner = replace(value, data=int(rest), raw=rest, tag="int") if number else replace(value, data=rest, raw=rest)
        result = FIELD_CHECKS[spec.type](c, spec, inner)
        how = f"应写作：{entry.key}: {rest}" if len(c.problems) == before else "请删去它（gkml fix 可自动删去）。"
        c.report(value, spec.key, "pasted-name", f"值前面多了字段名“{named}”（从网页或文件复制时一起带上的），"
                                                 f"它会显示在{spec.label}中；{how}")
        return result
    inner = _unwrapped(spec, value)
    if inner is None:
        return FIELD_CHECKS[spec.type](c, spec, value)
    before = len(c.problems)
    result = FIELD_CHECKS[spec.type](c, spec, replace(value, data=inner, raw=inner))
    marks = "书名号" if value.data[0] == "《" else "引号"
    how = f"应写作：{entry.key}: {inner}" if len(c.problems) == before else f"请删去这对{marks}（gkml fix 可自动删去）。"
    if marks == "书名号":
        c.report(value, spec.key, "title-marks", f"{spec.label}整个写在书名号《》中：{spec.label}本身不加书名号"
                                                 f"（网页、目录和搜索结果会在它两边显示这对书名号），{how}")
    else:
        # a text may mean its quotes (来源: “学习强国”): YAML's own quotes keep them, and the check reads them so
        yaml_quoted = "'" + value.data.replace("'", "''") + "'"
        kept = (f"如果这对引号确实是{spec.label}的一部分，请用英文单引号把整个值括起来（{entry.key}: {yaml_quoted}）；否则"
                if spec.type == "string" else "")
        c.report(value, spec.key, "smart-quotes", f"值两边有中文引号（{value.data[0]}…{value.data[-1]}，Word、WPS 会把英文引号换成中文引号），"
                                                  f"YAML 把它们当作值的一部分；{kept}这里不需要引号，{how}")
    return result


def _unwrapped(spec: FieldSpec, value: Value) -> str | None:
    if value.tag != "str" or value.quoted:
        return None
    return unwrapped(spec.key, spec.type, value.data)


def check_body(path: str, source: Source, problems: list[Problem]) -> None:
    """Bounds on the renderer's work first: the HTML scan is linear only within them."""
    bounded = body_problems(source.body)
    for line, col, message in bounded:
        problems.append(Problem(path, source.body_line + line - 1, col, None, "too-costly", message))
    for line, col, message in () if bounded else unsafe_html(source.body):
        problems.append(Problem(path, source.body_line + line - 1, col, None, "unsafe-html", message))
    for line, col, message in () if bounded else remote_pictures(source.body):
        problems.append(Problem(path, source.body_line + line - 1, col, None, "remote-picture", message))


def _unknown_key(key: str, line: str, profile: Profile, present: Collection[str]) -> str:
    """What an unknown key means, and the line written right when that is certain: never when
    the field it means is already written (renamed, it would be written twice)."""
    meant = misnamed_key(key, profile)
    if key == "<<":  # YAML 1.1's merge key: the fields it brings in are written nowhere a reader sees them
        return ("“<<”是 YAML 的合并键，属性区中不能使用：请把它合并进来的字段逐个直接写出来（每个字段一行，如 source: …），"
                "再删去这一行。")
    if meant is None:
        suggestion = did_you_mean(key, list(profile.fields)) or _label_hint(key, profile)
        return f"不认识的字段{quoted_key(key)}。{suggestion}".rstrip()
    if meant == bare_key(key):
        why = key_wrapping(key, meant)
    elif meant == bare_key(key).lower():
        why = f"字段名要用小写字母：{meant}（{profile.label(meant)}）"
    else:
        why = f"字段名请用英文键：{meant}（{profile.label(meant)}）"
    if meant in present:
        return (f"不认识的字段{quoted_key(key)}。{why}；本文件已经写了 {meant}，同一字段只能写一次："
                "请核对两行，保留正确的一行，删去另一行。")
    fixed = renamed_key(colon_fixed(line), key, meant)  # `标题：…`: both slips, one line to write
    return f"不认识的字段{quoted_key(key)}。{why}" + (f"，应写作：{fixed.strip()}" if fixed else "。")


def _label_hint(key: str, profile: Profile) -> str:
    import difflib  # only for a key no field has: a check of good files starts without it

    by_label = {spec.label: spec.key for spec in profile.fields.values()}
    match = difflib.get_close_matches(key, list(by_label), n=1, cutoff=0.5)
    return f"是否应为 {by_label[match[0]]}（{match[0]}）？" if match else ""


def _check_required(c: FieldChecker, entries: Mapping[str, Entry], meta: Mapping[str, Any]) -> None:
    for spec in c.profile.fields.values():
        if spec.required_for(meta) and spec.key not in entries:
            c.report(None, spec.key, "required", f"缺少必填字段 {spec.key}（{spec.label}）{required_reason(c.profile, spec)}。")


# --- across files --------------------------------------------------------------


def check_page(path: str, data: bytes, profile: Profile, catalogue_dir: str) -> tuple[list[Problem], list[CatalogueLink]]:
    """A page the configuration names (公开指南 …): MkDocs renders it as it is, so its front
    matter must parse, and must not carry disclosure attributes: a document saved among
    the pages would skip every rule of the catalogue, 公开方式 first. Also its links to files
    of the catalogue folder, which the rules across documents judge (gkml.content.heldback)."""
    if not data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        text, problems = decode(path, data)
        if text is None:
            return problems, []
        check_body(path, Source(path, text, None, text, 1), problems)
        problems += page_link_problems(path, text, 1)
        return problems, catalogue_links(path, text, 1, catalogue_dir)
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
    problems += page_link_problems(path, source.body, source.body_line)
    return problems, catalogue_links(path, source.body, source.body_line, catalogue_dir)


