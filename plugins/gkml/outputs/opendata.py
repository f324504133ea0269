"""Open data: the published catalogue as JSON (with its JSON Schema) and CSV; the Atom
feeds are `feeds`.

Only `Catalogue.published` is ever read for the documents, so held-back documents
cannot reach these files; of each document every profile field it sets goes out
except the non-public ones (NON_PUBLIC). A withdrawn document is told as `withdrawals`
tells it (catalogue.json's `withdrawals`, a CSV row of its notice's facts). Text builders
are pure; write_catalogue_files is the one function that touches the built site.

URLs are absolute when the site has a site_url, otherwise site-root relative.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from gkml.catalogue.document import Document, as_written, local_text
from gkml.outputs import withdrawals
from gkml.outputs.contract import CSV_FILE, JSON_FILE, NON_PUBLIC, SCHEMA_FILE
from gkml.outputs.hygiene import csv_text, json_text
from gkml.profile.jsonschema import field_schema
from gkml.profile.model import FieldSpec, Profile
from gkml.site import routes
from gkml.site.views import Site

LIST_SEPARATOR = "；"


# --- values and URLs -------------------------------------------------------------

def rfc3339(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def public_fields(profile: Profile) -> list[FieldSpec]:
    return [spec for key, spec in profile.fields.items() if key not in NON_PUBLIC]


def site_link(site: Site, path: str) -> str:
    """A site-root relative URL made absolute when the site has a site_url."""
    path = quote(path, safe="/.-_~%#?=&")
    return site.site_url.rstrip("/") + "/" + path if site.site_url else path


def page_link(site: Site, path: str) -> str:
    """A page's address on the online site, absolute under site_url, else site-root relative; an offline
    copy's open data are the site's (doc/<id>/, not the copy's doc/<id>.html: a snapshot of the site's data)."""
    return site_link(site, site.online.url(path))


def document_url(site: Site, doc: Document) -> str:
    return page_link(site, routes.document_path(doc))


def attachment_url(site: Site, doc: Document, name: str) -> str:
    return site_link(site, routes.attachment_url(doc, name))


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_json_value(v) for v in value]
    return value


def document_record(site: Site, doc: Document) -> dict[str, Any]:
    """One document's public attributes, in profile order, plus its URL and category name."""
    record: dict[str, Any] = {}
    for spec in public_fields(site.profile):
        if spec.key == "validity":
            record["validity"] = doc.validity  # the default (有效) is information too
        elif spec.key == "attachments":
            if doc.attachments:
                record["attachments"] = [{"title": a.title, "file": a.name, "url": attachment_url(site, doc, a.name)}
                                         for a in doc.attachments]
        elif doc.meta.get(spec.key) not in (None, "", ()):
            record[spec.key] = _json_value(doc.meta[spec.key])
    record["category_name"] = site.category_name(doc.category)
    record["url"] = document_url(site, doc)
    return record


# --- JSON and CSV ---------------------------------------------------------------

def withdrawals_json(site: Site) -> list[dict[str, Any]]:
    """catalogue.json's `withdrawals`: each withdrawn document's notice, most recently withdrawn first."""
    return [withdrawals.withdrawal_record(site, doc, document_url(site, doc))
            for doc in withdrawals.most_recent_first(site.catalogue.withdrawn)]


def record_json(site: Site, doc: Document) -> str:
    """One document's record as it stands in catalogue.json's list (indented two levels)."""
    return json_text(document_record(site, doc)).replace("\n", "\n  ")


def catalogue_json(site: Site, record: Callable[[Document], str] | None = None) -> str:
    """catalogue.json, its documents joined from their records' text (`record`: record_json or
    a memo of it), so an unchanged document is not serialised again."""
    published = site.catalogue.published
    data = {
        "$schema": SCHEMA_FILE,
        "title": f"{site.agency}政府信息公开目录",
        "agency": site.agency,
        "site_url": site.site_url,
        "updated": rfc3339(latest) if (latest := withdrawals.latest_change(site)) else None,
        "count": len(published),
        "fields": {spec.key: spec.label for spec in public_fields(site.profile)},
        "withdrawals": withdrawals_json(site),
        "documents": [],
    }
    text = json_text(data)
    if published:  # "documents" is the last key: what json.dumps(indent=1) would write for the list
        head, empty, tail = text.rpartition('"documents": []')
        assert empty, "catalogue.json: documents must come last"
        records = ",\n  ".join(map(record or (lambda doc: record_json(site, doc)), published))
        text = f'{head}"documents": [\n  {records}\n ]{tail}'
    return text + "\n"


def csv_columns(profile: Profile) -> list[tuple[str, str]]:
    """(key, Chinese header) of every CSV column; 信息分类 shows the name, its code follows."""
    columns: list[tuple[str, str]] = []
    for spec in public_fields(profile):
        if spec.key == "attachments":
            continue
        columns.append((spec.key, spec.label))
        if spec.key == "category":
            columns.append(("category_code", f"{spec.label}代码"))
    withdrawn = profile.label("withdrawn")
    return [*columns, ("url", "网址"), ("attachments", "附件"), ("attachment_urls", "附件网址"),
            (withdrawals.DATE_KEY, f"{withdrawn}日期"), (withdrawals.REASON_KEY, f"{withdrawn}理由")]


def _csv_cell(value: Any) -> str:
    if isinstance(value, datetime):
        value = as_written(value)  # a 发布日期 written as a day stays a day, not the day at 00:00
    if isinstance(value, datetime):
        return local_text(value)  # Excel reads this as a date-time
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return csv_text(LIST_SEPARATOR.join(str(v) for v in value))
    return "" if value is None else csv_text(str(value))


def csv_row(site: Site, doc: Document) -> str:
    """One document's CSV row (CRLF-terminated)."""
    columns = csv_columns(site.profile)
    cells = {
        **{key: doc.meta.get(key) for key, _ in columns},
        "validity": doc.validity,
        "category": site.category_name(doc.category),
        "category_code": doc.category,
        "url": document_url(site, doc),
        "attachments": [a.title for a in doc.attachments],
        "attachment_urls": " ".join(attachment_url(site, doc, a.name) for a in doc.attachments),
        withdrawals.DATE_KEY: None, withdrawals.REASON_KEY: None,
    }
    return _csv_line([_csv_cell(cells[key]) for key, _ in columns])


def withdrawal_row(site: Site, doc: Document) -> str:
    """A withdrawn document's CSV row: its notice's facts (名称, 索引号, 信息分类, 网址, 撤回日期, 撤回理由)."""
    withdrawn_on, reason = withdrawals.csv_cells(doc)
    cells = {"title": doc.title, "index_no": doc.index_no, "category": site.category_name(doc.category),
             "category_code": doc.category, "url": document_url(site, doc),
             withdrawals.DATE_KEY: withdrawn_on, withdrawals.REASON_KEY: reason}
    return _csv_line([_csv_cell(cells.get(key)) for key, _ in csv_columns(site.profile)])


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def catalogue_csv(site: Site, row: Callable[[Document], str] | None = None) -> str:
    """CSV text (CRLF rows, for Excel); the caller writes it with a UTF-8 BOM. `row`: csv_row or a memo of it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([csv_text(label) for _, label in csv_columns(site.profile)])  # a profile's labels too
    return (out.getvalue() + "".join(map(row or (lambda doc: csv_row(site, doc)), site.catalogue.published))
            + "".join(withdrawal_row(site, doc) for doc in withdrawals.most_recent_first(site.catalogue.withdrawn)))


# a date-time as rfc3339 writes it, in the contract's zone (document.SHANGHAI)
RFC3339_CHINA = {"type": "string", "format": "date-time",
                 "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\+08:00$"}


def catalogue_schema(profile: Profile) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of catalogue.json: each field's values as the profile allows them
    (profile.jsonschema, the front matter's), a date-time as the open data writes it."""
    string = {"type": "string"}
    attachments = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"title": {**string, "title": "附件名称"}, "file": {**string, "title": "文件名"},
                           "url": {**string, "title": "网址"}},
            "required": ["title", "file", "url"],
            "additionalProperties": False,
        },
    }
    properties: dict[str, Any] = {}
    for spec in public_fields(profile):
        prop = field_schema(spec, profile)
        if spec.type == "attachments":
            prop = {**attachments, "title": prop["title"], "description": prop["description"]}
        elif spec.type == "datetime":
            prop = {**prop, **RFC3339_CHINA}
        elif spec.type == "date":
            prop = {**prop, "format": "date"}
        properties[spec.key] = prop
    properties["category_name"] = {**string, "title": "信息分类名称"}
    properties["url"] = {**string, "title": "网址", "description": "文件页面地址；网站未配置 site_url 时为相对网站根目录的地址"}
    required = [spec.key for spec in public_fields(profile) if spec.required] + ["validity", "category_name", "url"]
    document = {"type": "object", "properties": properties, "required": list(dict.fromkeys(required)),
                "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开目录（开放数据）",
        "type": "object",
        "properties": {
            "$schema": string, "title": string, "agency": string, "site_url": string,
            "updated": {**RFC3339_CHINA, "type": ["string", "null"]},
            "count": {"type": "integer", "minimum": 0},
            "fields": {"type": "object", "additionalProperties": string},
            "withdrawals": {"type": "array", "items": {"$ref": "#/$defs/withdrawal"}},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
        },
        "required": ["title", "count", "documents"],
        "$defs": {"document": document, "withdrawal": withdrawals.record_schema(
            *(properties.get(key, string) for key in ("index_no", "title", "category")))},
    }


# --- the build --------------------------------------------------------------------

def write_catalogue_files(site_dir: Path, site: Site, record: Callable[[Document], str] | None = None,
                          row: Callable[[Document], str] | None = None) -> list[str]:
    """catalogue.json, its schema and catalogue.csv (`record`, `row`: see catalogue_json, catalogue_csv)."""
    write_file(site_dir, JSON_FILE, catalogue_json(site, record))
    write_file(site_dir, SCHEMA_FILE, json_text(catalogue_schema(site.profile)) + "\n")
    (site_dir / CSV_FILE).write_text(catalogue_csv(site, row), encoding="utf-8-sig", newline="")  # BOM: Excel needs it
    return [JSON_FILE, SCHEMA_FILE, CSV_FILE]


def write_file(site_dir: Path, rel: str, text: str) -> None:
    """`text` written as the site's file `rel` (UTF-8, its newlines as they are)."""
    target = site_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="")
