"""A catalogue.json record's shape, as gkml writes it: its keys the fields the agency's own
catalogue.schema.json declares (the portal's open data republishes every key of a record), its values
text, a number or a list of text (attachments: each {title, file, url}, portal.catalogue)."""

from __future__ import annotations

from typing import Any

ATTACHMENTS = "attachments"


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


def record_problem(record: dict[str, Any], fields: frozenset[str] | None) -> str | None:
    """What in `record` gkml does not write, told for the refusal; None when nothing."""
    if fields is not None and (extra := sorted(set(record) - fields)):
        return f"字段 {extra[0]} 不是该站点 catalogue.schema.json 声明的字段"
    for key, value in record.items():
        if key != ATTACHMENTS and not _plain(value):
            return f"字段 {key} 的值不是 gkml 写出的值（文字、数字或文字的列表）"
    return None
