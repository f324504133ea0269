"""A field written without a value: blank (`doc_no:`, `source: ~`), its name pasted alone
(`source: 来源：`) or a word for none (`publisher: 无`); an optional one is a field not given, told
as a notice, a required one an error (content.validation)."""

from __future__ import annotations

from gkml.content.fieldcheck import FieldChecker
from gkml.content.keyslips import name_only
from gkml.content.problems import Problem
from gkml.content.source import Entry, Value
from gkml.profile.model import FieldSpec, Profile
from gkml.profile.synonyms import says_nothing
from gkml.profile.types import ONE_LINE_TYPES

# An optional field written without a value (`doc_no:`, `source: ~`, `summary: ""`) is one not
# given, as the contract's "required: no" reads; except where that would publish more than the
# editor meant (`draft:`, `withdrawn:` without a value stay errors).
BLANK_NOT_ABSENT = ("boolean", "withdrawal")
BLANK_CODE = "blank-optional"


def is_blank(value: Value) -> bool:
    return value.tag == "null" or (value.tag == "str" and not str(value.raw).strip())


# A field's name pasted with no value after it (source: 来源：), or a word for none (publisher: 无), is a value not given, told so
_NAME_ONLY = "只有字段名“{named}”（从网页或文件复制时带上的），没有值：{label}是必填项，请在冒号后填写{label}。"
_NOTHING = "写的是“{named}”，表示没有{label}：{label}是必填项{why}，请填写{label}{what}。"


def name_only_given(entry: Entry, profile: Profile) -> str | None:
    return name_only(entry.key, entry.value.data, profile) if entry.value.tag == "str" and not entry.value.quoted else None


def no_value_told(c: FieldChecker, entry: Entry, spec: FieldSpec) -> bool:
    """Whether a field that must have a value has its name or a word for none instead, told so."""
    named, nothing = name_only_given(entry, c.profile), nothing_written(entry, spec)
    if named or nothing:
        # what to write: a field another value makes required (不予公开依据) is one an editor seldom writes
        why, what = (required_reason(c.profile, spec), f"：{spec.description}") if spec.description and not spec.required else ("", "")
        c.report(entry.value, spec.key, "pasted-name",
                 (_NAME_ONLY if named else _NOTHING).format(named=named or nothing, label=spec.label, why=why, what=what))
    return bool(named or nothing)


def required_reason(profile: Profile, spec: FieldSpec) -> str:
    """Which values make a field required, said, when only they do."""
    if not spec.required_when or spec.required:
        return ""
    return "（" + "，".join(f"{profile.label(k)}为“{v}”时" for k, v in spec.required_when.items()) + "必填）"


def _fixed_away(entry: Entry, spec: FieldSpec) -> bool:
    """Whether `gkml fix` takes a word for none away: written plainly, in a one-line field no other value makes required."""
    return not entry.value.quoted and spec.type in ONE_LINE_TYPES and not spec.required_when


def nothing_written(entry: Entry, spec: FieldSpec) -> str | None:
    """The word for none written plainly as the value (source: 无, doc_no: /), unless it is one of the field's
    own values; quoted ("NULL"), as a field's pasted name, it is what the editor meant to write."""
    text = str(entry.value.raw).strip() if entry.value.tag == "str" and not entry.value.quoted else ""
    return text if says_nothing(text) and text not in (spec.values or ()) else None


def blank_notice(path: str, entry: Entry, profile: Profile) -> Problem:
    spec = profile.fields[entry.key]
    shown = f"页面上的{spec.label}将是默认的“{spec.default}”" if spec.default is not None else f"页面上将没有{spec.label}"
    named, nothing = name_only_given(entry, profile), nothing_written(entry, spec)
    said = f"只有字段名“{named}”（从网页或文件复制时带上的），没有值" if named else \
        f"写的是“{nothing}”，表示没有{spec.label}" if nothing else "是空的"
    fixed = "（gkml fix 可自动删去这个字段名）" if named else f"（gkml fix 可自动删去“{nothing}”）" if nothing and _fixed_away(entry, spec) else ""
    return Problem(path, entry.key_line, entry.key_col, entry.key, BLANK_CODE,
                   f"{spec.label}（{entry.key}）{said}，按未填写处理：{shown}。需要时请填写，否则可删去这一行。{fixed}",
                   spec.label)
