"""Open data: the published catalogue as JSON (with its JSON Schema) and CSV, and Atom feeds.

Only `Catalogue.published` is ever read, so held-back and withdrawn documents
cannot reach these files; of each document every profile field it sets goes out
except the non-public ones (NON_PUBLIC). Text builders are pure; write_open_data
is the one function that touches the built site.

URLs are absolute when the site has a site_url, otherwise relative (site-root
relative in JSON and CSV, relative to the feed's own folder in feeds). Atom ids
are tag: URIs (RFC 4151) derived from the index number, which never changes:
the authority is site_url's host, or without one the agency name as an IDNA
domain label, so ids stay valid and stable offline too.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from gkml.catalogue.document import Document, as_written
from gkml.outputs.contract import NON_PUBLIC
from gkml.outputs.hygiene import csv_text, json_text, xml_text
from gkml.profile.model import FieldSpec, Profile
from gkml.site import routes
from gkml.site.views import Site

JSON_FILE = "catalogue.json"
CSV_FILE = "catalogue.csv"
SCHEMA_FILE = "catalogue.schema.json"
FEED_FILE = "feed.xml"
FEEDS_DIR = "feeds"
FEED_SIZE = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
TAG_DATE = "2019"  # any fixed date works for tag: feed ids; it only must never change
LIST_SEPARATOR = "；"
_DNS_NAME = re.compile(r"[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*")


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
        "updated": rfc3339(published[0].published) if published else None,
        "count": len(published),
        "fields": {spec.key: spec.label for spec in public_fields(site.profile)},
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
    return [*columns, ("url", "网址"), ("attachments", "附件"), ("attachment_urls", "附件网址")]


def _csv_cell(value: Any) -> str:
    if isinstance(value, datetime):
        value = as_written(value)  # a 发布日期 written as a day stays a day, not the day at 00:00
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")  # Excel reads this as a date-time
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
    }
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([_csv_cell(cells[key]) for key, _ in columns])
    return out.getvalue()


def catalogue_csv(site: Site, row: Callable[[Document], str] | None = None) -> str:
    """CSV text (CRLF rows, for Excel); the caller writes it with a UTF-8 BOM. `row`: csv_row or a memo of it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([csv_text(label) for _, label in csv_columns(site.profile)])  # a profile's labels too
    return out.getvalue() + "".join(map(row or (lambda doc: csv_row(site, doc)), site.catalogue.published))


def catalogue_schema(profile: Profile) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of catalogue.json."""
    string = {"type": "string"}
    by_type: dict[str, dict[str, Any]] = {
        "date": {"type": "string", "format": "date"},
        "datetime": {"type": "string", "format": "date-time"},
        "integer": {"type": "integer"},
        "boolean": {"type": "boolean"},
        "list": {"type": "array", "items": string},
        "category": {"enum": [c.slug for c, _ in profile.categories.walk()]},
        "attachments": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"title": {**string, "title": "附件名称"}, "file": {**string, "title": "文件名"},
                               "url": {**string, "title": "网址"}},
                "required": ["title", "file", "url"],
                "additionalProperties": False,
            },
        },
    }
    properties: dict[str, Any] = {}
    for spec in public_fields(profile):
        prop = dict(by_type.get(spec.type, string))
        if spec.type == "enum":
            prop = {"enum": list(spec.values)}
        properties[spec.key] = {**prop, "title": spec.label,
                                "description": spec.description or f"{spec.label}（{spec.key}）"}
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
            "updated": {"type": ["string", "null"], "format": "date-time"},
            "count": {"type": "integer", "minimum": 0},
            "fields": {"type": "object", "additionalProperties": string},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
        },
        "required": ["title", "count", "documents"],
        "$defs": {"document": document},
    }


# --- Atom -------------------------------------------------------------------------

def tag_authority(site: Site) -> str:
    return feed_authority(site.site_url, site.agency)


def feed_authority(site_url: str | None, agency: str) -> str:
    """A DNS name for tag: URIs: the site's host, else the agency name as an IDNA label (the
    portal's feed gives an agency's documents these ids too, from its contract)."""
    host = urlsplit(site_url).hostname if site_url else None
    if host:
        return host
    try:
        label = agency.encode("idna").decode("ascii") if agency else ""
    except UnicodeError:
        label = ""
    # Python's idna codec keeps spaces, brackets and the ( ) of （）: not a DNS name, so not a URI
    return label if _DNS_NAME.fullmatch(label) else "gkml-" + hashlib.sha1(agency.encode("utf-8")).hexdigest()[:12]


def entry_id(site: Site, doc: Document) -> str:
    return document_tag(tag_authority(site), doc.created.year, doc.index_no)


def document_tag(authority: str, created_year: int | str, index_no: str) -> str:
    """A document's Atom id: its index number never changes, nor does the year it was created."""
    return f"tag:{authority},{created_year}:{index_no}"


def subtree_documents(site: Site) -> dict[str, list[Document]]:
    """Each category's documents including its descendants', in catalogue order."""
    tree = site.profile.categories
    found: dict[str, list[Document]] = {}
    for doc in site.catalogue.published:
        found.setdefault(doc.category, []).append(doc)
        if doc.category in tree:
            for ancestor in tree.ancestors(doc.category):
                found.setdefault(ancestor.slug, []).append(doc)
    return found


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def atom_feed(site: Site, documents: Sequence[Document], *, feed_path: str, title: str,
              alternate_path: str, feed_key: str) -> str:
    """An RFC 4287 feed of the newest FEED_SIZE of `documents` (already newest first)."""
    prefix = "" if site.site_url else "../" * feed_path.count("/")  # relative hrefs resolve against the feed

    def href(path: str) -> str:  # a file's
        return site_link(site, path) if site.site_url else prefix + quote(path, safe="/.-_~%#?=&")

    def page_href(path: str) -> str:
        return page_link(site, path) if site.site_url else href(site.online.url(path))

    entries = list(documents[:FEED_SIZE])
    newest = entries[0] if entries else (site.catalogue.published[0] if site.catalogue.published else None)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "zh-CN"})
    _sub(feed, "id", href(feed_path) if site.site_url else f"tag:{tag_authority(site)},{TAG_DATE}:{feed_key}")
    _sub(feed, "title", title)
    _sub(feed, "updated", rfc3339(newest.published) if newest else "1970-01-01T08:00:00+08:00")
    _sub(_sub(feed, "author"), "name", site.agency or "政府信息公开目录")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=href(feed_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=page_href(alternate_path))
    _sub(feed, "generator", "gkml")
    for doc in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(site, doc))
        _sub(entry, "title", doc.title)
        _sub(entry, "updated", rfc3339(doc.published))
        _sub(entry, "published", rfc3339(doc.published))
        if doc.meta.get("publisher"):
            _sub(_sub(entry, "author"), "name", str(doc.meta["publisher"]))
        _sub(entry, "link", rel="alternate", type="text/html", href=page_href(routes.document_path(doc)))
        _sub(entry, "summary", site.summary(doc))
        _sub(entry, "category", term=doc.category, label=site.category_name(doc.category))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def category_feed_path(slug: str) -> str:
    return f"{FEEDS_DIR}/{slug}.xml"


def feed_entries(site: Site) -> list[Sequence[Document]]:
    """The documents each feed shows, in the order of feeds()."""
    subtrees = subtree_documents(site)
    return [site.catalogue.published[:FEED_SIZE],
            *(subtrees.get(category.slug, [])[:FEED_SIZE] for category, _ in site.profile.categories.walk())]


def feeds(site: Site) -> dict[str, str]:
    """Site-relative path -> Atom text: the whole catalogue, then every category (its subtree)."""
    agency = site.agency or "政府信息公开目录"
    out = {FEED_FILE: atom_feed(site, site.catalogue.published, feed_path=FEED_FILE, title=f"{agency}：最新公开信息",
                                alternate_path=routes.CATALOGUE, feed_key="feed")}
    subtrees = subtree_documents(site)
    for category, _ in site.profile.categories.walk():
        page = site.term_link("category", category.slug)
        out[category_feed_path(category.slug)] = atom_feed(
            site, subtrees.get(category.slug, []), feed_path=category_feed_path(category.slug),
            title=f"{agency}：{category.name}", feed_key=f"feed/{category.slug}",
            alternate_path=page if page is not None else routes.CATALOGUE)
    return out


# --- the build --------------------------------------------------------------------

def write_open_data(site_dir: Path, site: Site, record: Callable[[Document], str] | None = None,
                    row: Callable[[Document], str] | None = None) -> list[str]:
    """Write the open-data files and feeds into the built site; returns their site-relative paths."""
    return [*write_catalogue_files(site_dir, site, record, row), *write_feeds(site_dir, site)]


def write_catalogue_files(site_dir: Path, site: Site, record: Callable[[Document], str] | None = None,
                          row: Callable[[Document], str] | None = None) -> list[str]:
    """catalogue.json, its schema and catalogue.csv (`record`, `row`: see catalogue_json, catalogue_csv)."""
    _write(site_dir, JSON_FILE, catalogue_json(site, record))
    _write(site_dir, SCHEMA_FILE, json_text(catalogue_schema(site.profile)) + "\n")
    (site_dir / CSV_FILE).write_text(catalogue_csv(site, row), encoding="utf-8-sig", newline="")  # BOM: Excel needs it
    return [JSON_FILE, SCHEMA_FILE, CSV_FILE]


def write_feeds(site_dir: Path, site: Site) -> list[str]:
    """The Atom feeds (they show 内容概述, made from the bodies; the catalogue files do not)."""
    texts = feeds(site)
    for rel, text in texts.items():
        _write(site_dir, rel, text)
    return list(texts)


def _write(site_dir: Path, rel: str, text: str) -> None:
    target = site_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="")
