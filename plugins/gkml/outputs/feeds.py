"""Atom feeds (RFC 4287) of the published catalogue: the newest documents of the whole
catalogue and of each category (its subtree).

Links are absolute when the site has a site_url, otherwise relative to the feed's own folder.
Atom ids are tag: URIs (RFC 4151) derived from the index number, which never changes: the
authority is site_url's host, or without one the agency's org code (机关代码, which its index
numbers carry; only without one its name), so ids stay valid and stable offline and when the
agency is renamed. The specific part is percent-encoded where RFC 4151 allows no character.

A feed lists the documents that changed the catalogue most recently: each published one at its
publication, each withdrawn one at its withdrawal (outputs.withdrawals), under the id it had, as a
notice; an entry's `updated` is that moment and the feed's the newest entry's, from the documents,
never the clock (two builds of one tree write the same bytes).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from urllib.parse import quote, urlsplit

from gkml.catalogue.document import Document
from gkml.outputs.contract import FEED_FILE
from gkml.outputs.hygiene import xml_element
from gkml.outputs.opendata import page_link, rfc3339, site_link, write_file
from gkml.outputs.withdrawals import changed_at, newest_changes, notice_text
from gkml.site import routes
from gkml.site.views import Site, withdrawn_title

FEEDS_DIR = "feeds"
FEED_SIZE = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
TAG_DATE = "2019"  # any fixed date works for tag: feed ids; it only must never change
_DNS_NAME = re.compile(r"[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*")


_SPECIFIC_SAFE = "/?:@!$&'()*+,;=-._~"  # RFC 4151's pchar, "/" and "?" (a "#" would start a fragment)


def tag_authority(site: Site) -> str:
    return feed_authority(site.site_url, site.agency, site.org_code)


def feed_authority(site_url: str | None, agency: str, org_code: str = "") -> str:
    """A DNS name for tag: URIs: the site's host, else the org code as a label (renaming the agency
    keeps its ids), else the agency name as an IDNA label (the portal's feed gives an agency's
    documents these ids too, from its contract)."""
    host = urlsplit(site_url).hostname if site_url else None
    if host:
        return host
    if org_code.strip():
        label = "gkml-org-" + org_code.strip().lower()
        return label if _DNS_NAME.fullmatch(label) and len(label) <= 63 else \
            "gkml-org-" + hashlib.sha1(org_code.strip().encode("utf-8")).hexdigest()[:12]
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
    return tag_uri(authority, created_year, index_no)


def tag_uri(authority: str, year: int | str, specific: str) -> str:
    """tag:authority,year:specific, the specific part percent-encoded where RFC 4151 allows no
    character (a space, a Chinese title); gkml's index numbers and feed keys stay as they are."""
    return f"tag:{authority},{year}:{quote(specific, safe=_SPECIFIC_SAFE)}"


def subtree_documents(site: Site, documents: Sequence[Document]) -> dict[str, list[Document]]:
    """Each category's `documents` including its descendants', in the order given."""
    tree = site.profile.categories
    found: dict[str, list[Document]] = {}
    for doc in documents:
        found.setdefault(doc.category, []).append(doc)
        if doc.category in tree:
            for ancestor in tree.ancestors(doc.category):
                found.setdefault(ancestor.slug, []).append(doc)
    return found


def newest_entries(published: Sequence[Document], withdrawn: Sequence[Document]) -> list[Document]:
    """The FEED_SIZE documents a feed shows: published and withdrawn, the most recently changed first."""
    return list(islice(newest_changes(published, withdrawn), FEED_SIZE))


def atom_feed(site: Site, entries: Sequence[Document], *, feed_path: str, title: str,
              alternate_path: str, feed_key: str) -> str:
    """An RFC 4287 feed of `entries` (newest_entries)."""
    prefix = "" if site.site_url else "../" * feed_path.count("/")  # relative hrefs resolve against the feed

    def href(path: str) -> str:  # a file's
        return site_link(site, path) if site.site_url else prefix + quote(path, safe="/.-_~%#?=&")

    def page_href(path: str) -> str:
        return page_link(site, path) if site.site_url else href(site.online.url(path))

    # a feed with no entry is dated as the catalogue's main feed (whose entries build.memos keys it by)
    newest = next(iter(entries or newest_entries(site.catalogue.published, site.catalogue.withdrawn)), None)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "zh-CN"})
    xml_element(feed, "id", href(feed_path) if site.site_url else tag_uri(tag_authority(site), TAG_DATE, feed_key))
    xml_element(feed, "title", title)
    xml_element(feed, "updated", rfc3339(changed_at(newest)) if newest else "1970-01-01T08:00:00+08:00")
    xml_element(xml_element(feed, "author"), "name", site.agency or "政府信息公开目录")
    xml_element(feed, "link", rel="self", type="application/atom+xml", href=href(feed_path))
    xml_element(feed, "link", rel="alternate", type="text/html", href=page_href(alternate_path))
    xml_element(feed, "generator", "gkml")
    for doc in entries:
        entry = xml_element(feed, "entry")
        xml_element(entry, "id", entry_id(site, doc))
        xml_element(entry, "title", withdrawn_title(doc) if doc.withdrawn else doc.title)
        xml_element(entry, "updated", rfc3339(changed_at(doc)))
        if not doc.withdrawn:  # a notice tells what its page does (the portal's too): no author, no publication
            xml_element(entry, "published", rfc3339(doc.published))
        if doc.meta.get("publisher") and not doc.withdrawn:
            xml_element(xml_element(entry, "author"), "name", str(doc.meta["publisher"]))
        xml_element(entry, "link", rel="alternate", type="text/html", href=page_href(routes.document_path(doc)))
        xml_element(entry, "summary", notice_text(doc) if doc.withdrawn else site.summary(doc))
        xml_element(entry, "category", term=doc.category, label=site.category_name(doc.category))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def category_feed_path(slug: str) -> str:
    return f"{FEEDS_DIR}/{slug}.xml"


def feed_entries(site: Site) -> list[list[Document]]:
    """The documents each feed shows, in the order of feeds()."""
    published = subtree_documents(site, site.catalogue.published)
    withdrawn = subtree_documents(site, site.catalogue.withdrawn)
    return [newest_entries(site.catalogue.published, site.catalogue.withdrawn),
            *(newest_entries(published.get(category.slug, []), withdrawn.get(category.slug, []))
              for category, _ in site.profile.categories.walk())]


def feeds(site: Site) -> dict[str, str]:
    """Site-relative path -> Atom text: the whole catalogue, then every category (its subtree)."""
    agency = site.agency or "政府信息公开目录"
    main, *subtrees = feed_entries(site)
    out = {FEED_FILE: atom_feed(site, main, feed_path=FEED_FILE, title=f"{agency}：最新公开信息",
                                alternate_path=routes.CATALOGUE, feed_key="feed")}
    for (category, _), entries in zip(site.profile.categories.walk(), subtrees):
        page = site.term_link("category", category.slug)
        out[category_feed_path(category.slug)] = atom_feed(
            site, entries, feed_path=category_feed_path(category.slug),
            title=f"{agency}：{category.name}", feed_key=f"feed/{category.slug}",
            alternate_path=page if page is not None else routes.CATALOGUE)
    return out


def write_feeds(site_dir: Path, site: Site) -> list[str]:
    """The Atom feeds (they show 内容概述, made from the bodies; the catalogue files do not)."""
    texts = feeds(site)
    for rel, text in texts.items():
        write_file(site_dir, rel, text)
    return list(texts)
