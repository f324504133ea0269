"""The province's open data: every agency's catalogue.json joined, as JSON, CSV (Excel) and Atom;
its withdrawals told as the agency's own open data tells them (portal.withdrawals)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from gkml.outputs.contract import FEED_FILE
from gkml.outputs.feeds import TAG_DATE, document_tag, feed_authority
from gkml.outputs.hygiene import csv_text, json_text, xml_element

from .catalogue import Agency, Row, attachments_of, document_url
from .config import PortalConfig
from .withdrawals import Notice, notice_record, notice_text, notice_title

AGENCIES_FILE = "agencies.json"  # the portal's own; the files an agency's site also has are named in outputs.contract
ATOM_NS = "http://www.w3.org/2005/Atom"
CSV_COLUMNS = (("agency_name", "机关"), ("org_code", "机关代码"), ("index_no", "索引号"), ("title", "名称"),
               ("category_name", "信息分类"), ("publisher", "发布机构"), ("created", "生成日期"),
               ("published", "发布日期"), ("doc_no", "文号"), ("validity", "有效性"), ("url", "网址"),
               ("withdrawn_on", "撤回日期"), ("reason", "撤回理由"))


def agency_record(agency: Agency) -> dict[str, Any]:
    return {"slug": agency.slug, "name": agency.name, "org_code": agency.org_code, "group": agency.group,
            "site_url": agency.base_url, "documents": agency.documents, "withdrawn": agency.withdrawn,
            "built": agency.source.contract.get("built"), "contract_sha256": agency.source.contract_sha256}


def catalogue_json(config: PortalConfig, agencies: Sequence[Agency], documents: Sequence[tuple[Agency, dict[str, Any]]],
                   updated: str | None, notices: Sequence[Notice] = ()) -> str:
    """Every document with every public attribute its agency published, plus which agency and an absolute
    URL; `withdrawals`: each withdrawn one's notice (most recently withdrawn first)."""
    records = []
    for agency, doc in documents:
        # the portal's own facts last: a record cannot name another agency
        record = {**doc, "agency": agency.slug, "agency_name": agency.name,
                  "url": document_url(agency, str(doc.get("url", "")))}
        if "attachments" in record:
            record["attachments"] = attachments_of(agency, doc)
        records.append(record)
    data = {"title": f"{config.title}政府信息公开目录", "site_url": config.site_url, "updated": updated,
            "count": len(records), "agencies": [agency_record(a) for a in agencies], "documents": records,
            "withdrawals": [notice_record(n) for n in notices]}
    return json_text(data, compact=True) + "\n"


def agencies_json(config: PortalConfig, agencies: Sequence[Agency]) -> str:
    data = {"title": config.title, "count": len(agencies), "documents": sum(a.documents for a in agencies),
            "groups": list(dict.fromkeys(a.group for a in agencies)), "agencies": [agency_record(a) for a in agencies]}
    return json_text(data) + "\n"


def catalogue_csv(rows: Sequence[Row], agencies: Sequence[Agency], notices: Sequence[Notice] = ()) -> str:
    """A row a document, then a row each withdrawn one of its notice's facts (撤回日期, 撤回理由)."""
    codes = {a.slug: a.org_code for a in agencies}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for row in rows:
        cells = {"org_code": codes[row.agency], "published": row.published[:16].replace("T", " ")}
        writer.writerow([csv_text(str(cells.get(key, getattr(row, key, "")))) for key, _ in CSV_COLUMNS])
    for notice in notices:
        facts = {"org_code": codes[notice.agency], "agency_name": notice.agency_name, "index_no": notice.index_no,
                 "title": notice.title, "category_name": notice.category_name, "url": notice.url,
                 "withdrawn_on": notice.withdrawn_on, "reason": notice.reason}
        writer.writerow([csv_text(facts.get(key, "")) for key, _ in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()  # BOM: Excel needs it


def agency_authority(agency: Agency) -> str:
    """The tag: authority of the agency's own feed: from what its contract declares (its site_url,
    else its org code), never from the portal's base_url or name for it."""
    return feed_authority(str(agency.source.contract.get("site_url") or ""), agency.source.agency, agency.source.org_code)


def entry_id(agency: Agency, row: Row) -> str:
    """The id the agency's own feed gives this document."""
    return document_tag(agency_authority(agency), row.created[:4] or TAG_DATE, row.index_no)


def notice_id(agency: Agency, notice: Notice) -> str:
    """The id the agency's feed kept for the withdrawn document's entry (entry_id's)."""
    return document_tag(agency_authority(agency), notice.created_year, notice.index_no)


def newest_changes(rows: Sequence[Row], notices: Sequence[Notice], size: int) -> list[Row | Notice]:
    """The `size` most recent publications and withdrawals, newest first (a publication first at one moment)."""
    changes: list[tuple[str, Row | Notice]] = [*((r.published, r) for r in rows[:size]), *((n.changed, n) for n in notices[:size])]
    changes.sort(key=lambda pair: pair[0], reverse=True)  # stable: rows and notices keep their own order
    return [entry for _moment, entry in changes[:size]]


def atom_feed(config: PortalConfig, agencies: Sequence[Agency], rows: Sequence[Row], notices: Sequence[Notice] = (),
              *, feed_id: str) -> str:
    """The newest changes across agencies: each publication, each withdrawal as its agency's feed tells it
    (the entry it had, under its id, as a notice). `feed_id`: its own id without a site_url (portal.feedid)."""
    by_slug = {a.slug: a for a in agencies}
    entries = newest_changes(rows, notices, config.feed_size)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "zh-CN"})
    xml_element(feed, "id", config.site_url + FEED_FILE if config.site_url else feed_id)
    xml_element(feed, "title", f"{config.title}：最新公开信息")
    newest = entries[0] if entries else None
    xml_element(feed, "updated", newest.changed if isinstance(newest, Notice) else newest.published if newest
                else "1970-01-01T08:00:00+08:00")
    xml_element(xml_element(feed, "author"), "name", config.title)
    if config.site_url:
        xml_element(feed, "link", rel="self", type="application/atom+xml", href=config.site_url + FEED_FILE)
        xml_element(feed, "link", rel="alternate", type="text/html", href=config.site_url)
    xml_element(feed, "generator", "gkml portal")
    for row in entries:
        entry = xml_element(feed, "entry")
        if isinstance(row, Notice):
            xml_element(entry, "id", notice_id(by_slug[row.agency], row))
            xml_element(entry, "title", notice_title(row))
            xml_element(entry, "updated", row.changed)
            xml_element(entry, "link", rel="alternate", type="text/html", href=row.url)
            xml_element(entry, "summary", notice_text(row))
            xml_element(entry, "category", term=row.agency, label=row.agency_name)
            continue
        xml_element(entry, "id", entry_id(by_slug[row.agency], row))
        xml_element(entry, "title", row.title)
        xml_element(entry, "updated", row.published)
        xml_element(entry, "published", row.published)
        xml_element(xml_element(entry, "author"), "name", row.publisher or row.agency_name)
        xml_element(entry, "link", rel="alternate", type="text/html", href=row.url)
        xml_element(entry, "category", term=row.agency, label=row.agency_name)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
