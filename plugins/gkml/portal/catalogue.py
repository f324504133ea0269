"""The unified catalogue: every agency's published documents as rows linking to the agency's pages,
and the listings (by category, year, agency) built from them. Pure: no files."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from gkml.content.filenames import name_slip

from .config import (
    ROUTING_DIR,
    SLUG,
    AgencyEntry,
    PortalConfigError,
    folder_url_problem,
)
from .sitecontract import REFUSED, SourceError
from .source import Source

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Agency:
    slug: str
    name: str
    org_code: str
    group: str
    base_url: str  # absolute, ends with /
    source: Source
    documents: int
    withdrawn: int


@dataclass(frozen=True, slots=True)
class Row:
    agency: str  # slug
    agency_name: str
    title: str
    index_no: str
    url: str  # absolute: the document page on the agency's own site
    category: str  # code in the agency's profile
    category_name: str
    published: str  # ISO date-time as the agency published it
    created: str
    publisher: str
    doc_no: str
    validity: str

    @property
    def year(self) -> str:
        return self.published[:4]


@dataclass
class Listing:
    """One browsable list: a slug under its kind ('category/fgwj'), a heading, rows newest first."""

    kind: str
    slug: str
    name: str
    rows: list[Row] = field(default_factory=list)


def slug_of(entry: AgencyEntry, who: str) -> str:
    """The name of the agency's folders (agency/<slug>/, pagefind/<slug>/): portal.yml's, else its org code."""
    slug = entry.slug or entry.org_code
    # it names folders of the portal, which a Windows server (IIS) cannot hold as CON, NUL, COM1 …: an org code may not
    if not SLUG.fullmatch(slug) or slug == ROUTING_DIR or name_slip(slug):
        raise PortalConfigError(f"{who}：机关代码 {entry.org_code!r} 不能用作网址中的名称，"
                                "请在门户配置中为该机关指定 slug（字母、数字、- 和 _）")
    return slug


def agency_of(entry: AgencyEntry, source: Source, slug: str) -> Agency:
    """The agency of a portal.yml entry as this publication of it shows it."""
    base = entry.base_url or (source.contract.get("site_url") or "")
    if not base:
        raise PortalConfigError(f"{source.agency}：门户配置和站点都没有给出网址（base_url / site_url）")
    if problem := folder_url_problem(base):  # portal.yml's was checked when read; the contract's is the site's word
        raise SourceError(f"{source.agency}（{source.folder}）：发布清单中的 site_url {problem}，"
                          f"{REFUSED}（或在门户配置中为该机关写 base_url）。")
    counts = source.contract.get("counts") or {}
    return Agency(slug=slug, name=entry.name or source.agency, org_code=source.org_code,
                  group=entry.group, base_url=base if base.endswith("/") else base + "/",
                  source=source, documents=int(counts.get("documents", 0)),
                  withdrawn=int(counts.get("withdrawn", 0)))


def document_url(agency: Agency, url: str) -> str:
    """A catalogue.json URL re-based onto the agency's base URL from the portal config.

    Only addresses on the agency's own site are accepted: a catalogue that points
    elsewhere is refused, so the portal never links a reader off to a third host, nor up
    out of the agency's base URL to another agency's pages on a host they share (`..`,
    written as browsers also read it: %2e, a backslash).
    """
    declared = str(agency.source.contract.get("site_url") or "")
    if declared and url.startswith(declared):
        rel = url[len(declared):]
    elif _SCHEME.match(url) or url.startswith("//"):
        raise SourceError(f"{agency.name}：catalogue.json 中的网址 {url} 不在本机关网站（{declared or '未声明'}）内，"
                          f"{REFUSED}。")
    else:
        rel = url.lstrip("/")
    path = unquote(rel.split("?", 1)[0].split("#", 1)[0]).replace("\\", "/")
    if ".." in path.split("/"):
        raise SourceError(f"{agency.name}：catalogue.json 中的网址 {url} 指向本机关网站（{agency.base_url}）之外，"
                          f"{REFUSED}。")
    return agency.base_url + rel


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def attachments_of(agency: Agency, doc: dict[str, Any]) -> Any:
    """A record's attachments as the portal publishes them: each address re-based as a document's is
    (document_url: one off the agency's site or climbing out of it refuses the site)."""
    found = doc.get("attachments")
    if found is None:
        return None
    # as gkml writes them: a list of {title, file, url}; a bare "https://…" string or list item reached the
    # portal's open data as it was, an address of no agency's site under the agency's name
    if not isinstance(found, list) or not all(
            isinstance(a, dict) and isinstance(a.get("url"), str) and all(isinstance(v, str) for v in a.values()) for a in found):
        raise SourceError(f"{agency.name}：catalogue.json 中索引号 {doc.get('index_no')} 的附件（attachments）不是 gkml 写出的格式"
                          f"（每个附件含 title、file、url 三项文字），请用 gkml 重新生成该站点，{REFUSED}。")
    return [{**a, "url": document_url(agency, a["url"])} for a in found]


def agency_rows(agency: Agency, documents: Iterable[dict[str, Any]]) -> list[Row]:
    """The agency's rows; every address its records give (attachments too) proved when its site is
    taken, not when the portal's open data is written, after its bundles are in place."""
    documents = list(documents)
    for doc in documents:
        attachments_of(agency, doc)
    return [Row(agency=agency.slug, agency_name=agency.name, title=_text(d.get("title")),
                index_no=_text(d.get("index_no")), url=document_url(agency, _text(d.get("url"))),
                category=_text(d.get("category")), category_name=_text(d.get("category_name") or d.get("category")),
                published=_text(d.get("published")), created=_text(d.get("created")),
                publisher=_text(d.get("publisher")), doc_no=_text(d.get("doc_no")),
                validity=_text(d.get("validity"))) for d in documents]


def newest_first(rows: list[Row], order: dict[str, int]) -> list[Row]:
    """By publication time (as written: every agency writes +08:00), ties by agency order, index number."""
    rows = sorted(rows, key=lambda r: (order[r.agency], r.index_no))
    rows.sort(key=lambda r: r.published, reverse=True)
    return rows


def category_slugs(rows: Iterable[Row], agencies: Sequence[Agency]) -> dict[str, str]:
    """Category name -> its listing's slug, chosen from the names, codes and agencies' order only:
    never from dates, or a document published anywhere could move a category's page to another
    address and give its address to another category.

    A name takes the code its first agency (in the portal's order) gives it, when that code is a
    safe slug no earlier name took; else a slug made from the name itself."""
    order = {a.slug: i for i, a in enumerate(agencies)}
    claims: dict[str, tuple[int, str]] = {}  # name -> (agency position, code): the least wins
    counts: Counter[str] = Counter()
    for row in rows:
        claim = (order[row.agency], row.category)
        if claim < claims.get(row.category_name, (len(order), "")):
            claims[row.category_name] = claim
        counts[row.category_name] += 1
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    # two names one agency gives one code (no gkml profile does): the larger category first
    for name, (_position, code) in sorted(claims.items(), key=lambda item: (item[1], -counts[item[0]], item[0])):
        slug = code
        if not SLUG.fullmatch(slug) or slug.lower() in taken:  # FGWJ and fgwj: one folder where case is ignored
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
            slug = next(f"c{digest[:n]}" for n in range(8, 65) if f"c{digest[:n]}" not in taken)
        taken.add(slug.lower())
        slugs[name] = slug
    return slugs


def listings(rows: Sequence[Row], agencies: Sequence[Agency]) -> dict[str, list[Listing]]:
    """kind -> listings; rows keep the (newest first) order they come in.

    Categories are joined by their name, what a reader sees, because agencies'
    profiles may give one category different codes (category_slugs names the page).
    """
    by_agency = {a.slug: Listing("agency", a.slug, a.name) for a in agencies}
    by_year: dict[str, Listing] = {}
    by_category: dict[str, Listing] = {}
    slugs = category_slugs(rows, agencies)
    for row in rows:
        by_agency[row.agency].rows.append(row)
        year = row.year if row.year.isascii() and row.year.isdigit() else "undated"
        by_year.setdefault(year, Listing("year", year, f"{year}年" if year.isdigit() else "未注明年份")).rows.append(row)
        name = row.category_name
        by_category.setdefault(name, Listing("category", slugs[name], name)).rows.append(row)
    return {
        "agency": list(by_agency.values()),
        "category": sorted(by_category.values(), key=lambda x: (-len(x.rows), x.name)),
        "year": sorted(by_year.values(), key=lambda x: x.slug, reverse=True),
    }
