"""Front matter as editors read it: content-model order, values quoted only where YAML would misread them.

Shared by `gkml new`, `gkml fix` and the importer, so every tool writes the same YAML.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from gkml.profile.types import DATETIME_FORMAT

FIELD_ORDER: tuple[str, ...] = (
    "title", "index_no", "category", "publisher", "created", "published", "doc_no", "summary",
    "genre", "topics", "keywords", "disclosure", "exemption", "validity", "superseded_by",
    "interprets", "source", "attachments", "report_year", "draft", "withdrawn",
)

_PLAIN_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2})?$")


def yaml_entry(key: str, value: object) -> str:
    """`key: value` as safe YAML (quoted where YAML 1.1 would misread it), no trailing newline."""
    if isinstance(value, datetime):
        value = value.strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, str) and key in ("created", "published") and _PLAIN_DATE.match(value):
        # Written as the spec shows them; both read back as a date or this exact string.
        return f"{key}: {value}"
    if isinstance(value, tuple):
        value = list(value)
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False,
                            default_flow_style=False, width=10**9)
    return dumped.rstrip("\n")


