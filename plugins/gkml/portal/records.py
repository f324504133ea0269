"""A catalogue.json record's shape, as gkml writes it: its keys the fields the agency's own
catalogue.schema.json declares (the portal's open data republishes every key of a record), its values
text, a number or a list of text (attachments: each {title, file, url}, portal.catalogue); a moment in
Beijing time, a day, no control character in any text, and what is dated after the portal's moment."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from gkml.catalogue.document import SHANGHAI
from gkml.profile.types import UNSEEN

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


def unseen_in(record: dict[str, Any]) -> tuple[str, str] | None:
    """(field, character) of the first control in a catalogue.json record's text, its lists' and
    attachments' included."""
    for key, value in record.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            for part in text.values() if isinstance(text, dict) else [text]:
                if isinstance(part, str) and (found := UNSEEN.search(part)):
                    return key, found.group()
    return None


def later(published: Any, now: datetime) -> bool:
    """`published` (ISO, as catalogue.json writes it) is after `now`: a document still embargoed."""
    try:
        moment = datetime.fromisoformat(published)
    except (TypeError, ValueError):
        return False  # not a date: shown as written, as a page shows it
    return (moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)) > now  # an agency's date without an offset: China's time


_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", re.ASCII)


def a_moment(moment: Any) -> bool:
    """A moment as gkml writes it (outputs.opendata.rfc3339), Beijing time: the portal sorts these as text
    and its feed gives them as Atom dates, which are RFC 3339 date-times."""
    if not isinstance(moment, str) or not _MOMENT.fullmatch(moment):
        return False
    try:
        return datetime.fromisoformat(moment).isoformat() == moment
    except ValueError:
        return False


def on_its_day(moment: Any, day: str) -> bool:
    """A withdrawal's moment: a time of its own day."""
    return a_moment(moment) and moment.startswith(day + "T")


def a_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
