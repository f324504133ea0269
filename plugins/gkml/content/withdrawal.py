"""The withdrawal field checked (`withdrawn: {date, reason}`), and the very line to write for a
withdrawal written in another form."""

from __future__ import annotations

import re
from typing import Any

from gkml.catalogue.document import Withdrawal
from gkml.content.corrections import normalize_width
from gkml.content.dateslips import iso_date
from gkml.content.fieldcheck import (
    MISSING,
    FieldChecker,
    Missing,
    parse_date,
    scalar_text,
)
from gkml.content.source import Value
from gkml.profile.model import FieldSpec
from gkml.profile.types import DATE

WITHDRAWAL_REASON = "撤回理由"  # the placeholder the messages write, never a reason to publish


def check_withdrawal(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    if value.tag != "map" or set(value.data) != {"date", "reason"}:
        c.report(value, spec.key, "type", _withdrawal_form(spec.key, value))
        return MISSING
    when = parse_date(c, spec, value.data["date"].value, with_time=False, part=f"{spec.label}的 date（撤回日期）")
    reason = scalar_text(c, spec, value.data["reason"].value, part=f"{spec.label}的 reason（撤回理由）")
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
