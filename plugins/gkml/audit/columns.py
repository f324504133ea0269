"""Columns (信息分类) that inspectors count as not updated or empty."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gkml.audit.findings import DEDUCT, VETO, Finding


@dataclass(frozen=True)
class ColumnLimit:
    months: int  # the column must have a document published within this many months
    veto: bool  # exceeding it is a 单项否决 (policy columns: 6 months)


@dataclass(frozen=True)
class Column:
    slug: str
    name: str
    url: str  # site-relative page of the column
    latest: date | None  # newest publication date in the column or any sub-column


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's end)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale_columns(columns: Iterable[Column], limits: Mapping[str, ColumnLimit], today: date) -> list[Finding]:
    findings = []
    for column in columns:
        limit = limits.get(column.slug)
        if limit is None or column.latest is None:
            continue  # an empty column is reported as empty
        if column.latest < months_before(today, limit.months):
            findings.append(Finding(
                "stale-column", VETO if limit.veto else DEDUCT, column.url,
                f"栏目“{column.name}”最近一次发布是 {column.latest.isoformat()}，超过 {limit.months} 个月未更新"
                + ("（单项否决）" if limit.veto else "") + "。"))
    return findings


def empty_columns(columns: Sequence[Column], veto_above: int) -> list[Finding]:
    """Each empty column costs points; more than `veto_above` of them is a 单项否决."""
    empty = [c for c in columns if c.latest is None]
    findings = [Finding("empty-column", DEDUCT, c.url, f"栏目“{c.name}”没有任何已发布的信息。") for c in empty]
    if len(empty) > veto_above:
        findings.append(Finding("empty-column", VETO, empty[0].url,
                                f"共有 {len(empty)} 个空白栏目，超过 {veto_above} 个（单项否决）："
                                + "、".join(c.name for c in empty) + "。"))
    return findings
