"""What the portal tells of a document an agency withdrew, as the agency's own open data and feed
tell it (outputs.withdrawals): catalogue.json's `withdrawals`, a CSV row of the notice's facts
after the published ones, and a feed entry under the id the agency's feed gives it, as a notice.
Only the facts the agency's notice shows are taken from its record, never another value. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gkml.outputs.feeds import TAG_DATE
from gkml.outputs.withdrawals import DATE_KEY, MOMENT_KEY, REASON_KEY

from .catalogue import Agency, document_url

_YEAR = re.compile(r"/(\d{4})")  # an index number's year (<org>/<YYYY or YYYYMM>-<NNNNN>) is its created's


@dataclass(frozen=True, slots=True)
class Notice:
    agency: str  # slug
    agency_name: str
    index_no: str
    title: str
    category: str
    category_name: str
    withdrawn_on: str  # ISO date, as the agency's record gives it (checked by portal.source)
    reason: str
    url: str  # absolute: the notice page on the agency's own site
    moment: str = ""  # the agency's MOMENT_KEY (checked by portal.source); none from a site gkml wrote before it

    @property
    def changed(self) -> str:
        """When the withdrawal changed the catalogue, as the agency's feed dates it (outputs.withdrawals.changed_at:
        withdrawn the day it was published, a second after); without the agency's word, the start of its day."""
        return self.moment or f"{self.withdrawn_on}T00:00:00+08:00"

    @property
    def created_year(self) -> str:
        """The year the agency's feed id carries (its document's created year, its index number's)."""
        found = _YEAR.search(self.index_no)
        return found.group(1) if found else TAG_DATE


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def agency_notices(agency: Agency, records: Iterable[dict[str, Any]]) -> list[Notice]:
    """The agency's withdrawals, each address proved on its own site when the site is taken."""
    return [Notice(agency=agency.slug, agency_name=agency.name, index_no=_text(r.get("index_no")),
                   title=_text(r.get("title")), category=_text(r.get("category")),
                   category_name=_text(r.get("category_name") or r.get("category")),
                   withdrawn_on=_text(r.get(DATE_KEY)), reason=_text(r.get(REASON_KEY)),
                   url=document_url(agency, _text(r.get("url"))), moment=_text(r.get(MOMENT_KEY))) for r in records]


def most_recent_first(notices: Iterable[Notice], order: dict[str, int]) -> list[Notice]:
    """The most recently withdrawn first; at one moment by agency order, then index number."""
    found = sorted(notices, key=lambda n: (order[n.agency], n.index_no))
    found.sort(key=lambda n: n.changed, reverse=True)
    return found


def notice_record(notice: Notice) -> dict[str, Any]:
    """The portal's catalogue.json record: the agency's notice facts, which agency, the absolute address."""
    return {"index_no": notice.index_no, "title": notice.title, "category": notice.category,
            "category_name": notice.category_name, DATE_KEY: notice.withdrawn_on, REASON_KEY: notice.reason,
            **({MOMENT_KEY: notice.moment} if notice.moment else {}), "url": notice.url, "agency": notice.agency, "agency_name": notice.agency_name}


def notice_text(notice: Notice) -> str:
    """The summary of its feed entry, as the agency's own feed words it."""
    year, month, day = (int(part) for part in notice.withdrawn_on.split("-"))
    return f"本文件已于{year}年{month}月{day}日撤回。撤回理由：{notice.reason}"


def notice_title(notice: Notice) -> str:
    """Its feed entry's title, as its notice page's (site.views.withdrawn_title)."""
    return f"已撤回：{notice.title}"

