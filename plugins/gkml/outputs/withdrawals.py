"""What the open data and the feeds tell of a withdrawn document: the facts its notice page
shows (name, 索引号, 信息分类, the day and the reason, its address), never its other values, and
the moment the withdrawal changed the catalogue, from which every output dates it.

A withdrawn document is no record of `documents` (those are what the site publishes, counted by
the contract and the search index): catalogue.json lists it under `withdrawals`, the CSV gives it
a row of these facts after the published ones, and each feed that listed it keeps its entry (same
id) as a notice, so a reader or re-user who had it learns it was withdrawn, when and why.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from gkml.catalogue.document import SHANGHAI, Document, Withdrawal
from gkml.site.views import Site, zh_date

# the keys of a withdrawal's record besides the document's own title, index_no, category and url;
# MOMENT_KEY: changed_at, which the feeds date its entry by, so the portal's feed dates it as the agency's
DATE_KEY, REASON_KEY, MOMENT_KEY = "withdrawn_on", "withdrawal_reason", "withdrawn_at"


def withdrawal_of(doc: Document) -> Withdrawal:
    assert doc.withdrawn is not None
    return doc.withdrawn


def changed_at(doc: Document) -> datetime:
    """When `doc` last changed the catalogue: its publication, or its withdrawal, dated from the
    withdrawal's day (Beijing time) and always after its publication (withdrawn the day it was
    published: one second after), so a feed reader that had the entry takes the newer one."""
    if doc.withdrawn is None:
        return doc.published
    start = datetime.combine(doc.withdrawn.date, time(), SHANGHAI)
    published = datetime.combine(doc.published.date(), doc.published.timetz())  # a plain datetime, not DayStart
    return start if start > published else published + timedelta(seconds=1)


def most_recent_first(withdrawn: Iterable[Document]) -> list[Document]:
    """Withdrawn documents in the order every output lists them: the most recently withdrawn first
    (at one moment, in catalogue order)."""
    return sorted(withdrawn, key=changed_at, reverse=True)


def newest_changes(published: Iterable[Document], withdrawn: Iterable[Document]) -> Iterator[Document]:
    """The published (most recent first) and the withdrawn as one list, the most recently changed
    first; published before withdrawn at one moment."""
    return heapq.merge(published, most_recent_first(withdrawn), key=changed_at, reverse=True)


def latest_change(site: Site) -> datetime | None:
    """The moment the catalogue last changed, as its documents date it (never the build's clock)."""
    newest = next(newest_changes(site.catalogue.published, site.catalogue.withdrawn), None)
    return changed_at(newest) if newest else None


def notice_text(doc: Document) -> str:
    withdrawal = withdrawal_of(doc)
    return f"本文件已于{zh_date(withdrawal.date)}撤回。撤回理由：{withdrawal.reason}"


def withdrawal_record(site: Site, doc: Document, url: str) -> dict[str, Any]:
    """The open data's record of a withdrawn document (`url`: its notice page's address)."""
    withdrawal = withdrawal_of(doc)
    return {"index_no": doc.index_no, "title": doc.title, "category": doc.category,
            "category_name": site.category_name(doc.category), DATE_KEY: withdrawal.date.isoformat(),
            REASON_KEY: withdrawal.reason, MOMENT_KEY: changed_at(doc).isoformat(timespec="seconds"), "url": url}


def record_schema(index_no: dict[str, Any], title: dict[str, Any], category: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of withdrawal_record (each document field's schema as the records' own)."""
    string = {"type": "string"}
    properties = {"index_no": index_no, "title": title, "category": category,
                  "category_name": {**string, "title": "信息分类名称"},
                  DATE_KEY: {**string, "format": "date", "title": "撤回日期"},
                  REASON_KEY: {**string, "minLength": 1, "title": "撤回理由"},
                  MOMENT_KEY: {**string, "format": "date-time", "title": "撤回时间",
                               "description": "撤回改变目录的时刻：撤回日期零时（北京时间），当天发布又撤回的为发布后一秒；订阅源按它排序"},
                  "url": {**string, "title": "网址", "description": "撤回说明页面的地址（文件原来的地址）"}}
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def csv_cells(doc: Document) -> Sequence[str]:
    """A withdrawn document's 撤回日期 and 撤回理由 cells (the CSV's last two columns)."""
    withdrawal = withdrawal_of(doc)
    return withdrawal.date.isoformat(), withdrawal.reason
