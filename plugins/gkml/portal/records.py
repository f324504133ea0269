"""A catalogue.json record's shape, as gkml writes it: its keys the fields the agency's own
catalogue.schema.json declares (the portal's open data republishes every key of a record), its values
text, a number or a list of text (attachments: each {title, file, url}, portal.catalogue)."""

from __future__ import annotations

from typing import Any

ATTACHMENTS = "attachments"
# bounds no agency meets (a title of 200 characters, a 内容概述 of 300, a few attachments, tens of thousands of
# documents), so a site's 20 MB summary or million records is refused, not republished on every page
MAX_TEXT = 20_000  # characters of one value
MAX_ITEMS = 10_000  # items of one list (keywords, attachments)
MAX_RECORDS = 500_000  # documents (or withdrawals) of one agency


def declared_fields(schema: Any) -> frozenset[str] | None:
    """The record keys the agency's schema allows; None when it allows any (or declares none)."""
    document = schema.get("$defs", {}).get("document") if isinstance(schema, dict) else None
    if not isinstance(document, dict) or document.get("additionalProperties") is not False:
        return None
    properties = document.get("properties")
    return frozenset(properties) if isinstance(properties, dict) else None


def _plain(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    return value is None or isinstance(value, (str, int, float))


def too_long(record: dict[str, Any]) -> str | None:
    """The first value of `record` past the bounds, told; None when none is."""
    for key, value in record.items():
        items = value if isinstance(value, list) else [value]
        if len(items) > MAX_ITEMS:
            return f"字段 {key} 有 {len(items)} 项，超过门户接受的 {MAX_ITEMS} 项"
        for item in items:
            for text in item.values() if isinstance(item, dict) else [item]:
                if isinstance(text, str) and len(text) > MAX_TEXT:
                    return f"字段 {key} 有 {len(text)} 个字，超过门户接受的 {MAX_TEXT} 个字"
    return None


def record_problem(record: dict[str, Any], fields: frozenset[str] | None) -> str | None:
    """What in `record` gkml does not write, told for the refusal; None when nothing."""
    if fields is not None and (extra := sorted(set(record) - fields)):
        return f"字段 {extra[0]} 不是该站点 catalogue.schema.json 声明的字段"
    if told := too_long(record):
        return told + "（gkml 检查通过的文件远短于此）"
    for key, value in record.items():
        if key != ATTACHMENTS and not _plain(value):
            return f"字段 {key} 的值不是 gkml 写出的值（文字、数字或文字的列表）"
    return None
