"""Glue: run every check on a built site and the catalogue it was built from."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from gkml.audit import links as linkcheck
from gkml.audit.columns import Column, ColumnLimit, empty_columns, stale_columns
from gkml.audit.findings import DEDUCT, Finding, place
from gkml.audit.pages import PageFacts, read_page
from gkml.audit.words import WordRule, scan
from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.document import Document
from gkml.profile.model import Profile
from gkml.site import routes
from gkml.site.routes import Routes

# data-gkml-ident names every page's footer must carry, with the labels inspectors look for
IDENTIFIERS = {"sponsor": "主办单位", "site-code": "网站标识码", "icp": "ICP备案号", "police": "公安机关备案号"}
_SKIPPED_DIRS = ("assets", "pagefind", "search/pagefind")


@dataclass
class Inputs:
    site_dir: Path
    docs_dir: Path
    display_prefix: str  # how sources are named in messages ('content/')
    catalogue: Catalogue
    profile: Profile
    today: date
    limits: Mapping[str, ColumnLimit]
    empty_veto: int
    words: list[WordRule] = field(default_factory=list)
    base_path: str = "/"  # the site's folder on its host (from site_url)
    config_place: str = "mkdocs.yml"  # where the identification options are, for messages
    site_prefix: str = ""  # how built pages are named in messages ('site/')
    category_slug: str = "category"  # the URL folder of the category taxonomy


def html_pages(site_dir: Path) -> Iterator[str]:
    for folder, dirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        dirs[:] = sorted(d for d in dirs if (f"{rel}/{d}" if rel != "." else d) not in _SKIPPED_DIRS
                         and not d.startswith("pagefind"))
        for name in sorted(names):
            if name.endswith(".html"):
                yield name if rel == "." else f"{rel}/{name}"


def audit(inputs: Inputs) -> list[Finding]:
    routes_ = Routes((inputs.site_dir / "catalogue" / "index.html").is_file())
    documents = {routes_.dest_uri(routes.document_path(doc)): doc for doc in inputs.catalogue.published}
    findings: list[Finding] = []
    missing_ident: dict[str, list[str]] = defaultdict(list)
    placeholder_pages = 0
    known: dict[str, bool] = {}
    site = inputs.site_dir
    for page in html_pages(site):
        html = (site / page).read_text(encoding="utf-8", errors="replace")
        facts = read_page(html)
        doc = documents.get(page)
        shown = inputs.site_prefix + page
        findings.extend(_link_findings(inputs, page, shown, facts, doc, known))
        findings.extend(_title_findings(shown, facts))
        for key, label in IDENTIFIERS.items():
            if not facts.identifiers.get(key):
                missing_ident[label].append(shown)
        placeholder_pages += facts.placeholder
        if doc is not None and not facts.index_no:
            findings.append(Finding("missing-identifier", DEDUCT, shown, f"文件页面没有显示索引号（{doc.title}）。"))
    for label, pages in missing_ident.items():
        findings.append(Finding("missing-identifier", DEDUCT, pages[0],
                                f"{len(pages)} 个页面的页脚缺少{label}（如 {', '.join(pages[:3])}）。"))
    if placeholder_pages:
        findings.append(Finding("missing-identifier", DEDUCT, inputs.config_place,
                                f"{placeholder_pages} 个页面的网站标识信息是示例占位内容，上线前须换成本单位的真实信息。"))
    columns = category_columns(inputs.catalogue, inputs.profile, routes_, inputs.site_prefix, inputs.category_slug)
    findings.extend(stale_columns(columns, inputs.limits, inputs.today))
    findings.extend(empty_columns(columns, inputs.empty_veto))
    findings.extend(word_findings(inputs))
    return findings


def _source_place(inputs: Inputs, doc: Document | None, needle: str) -> str | None:
    """file:line of `needle` in the document's Markdown, where an editor fixes it."""
    if doc is None:
        return None
    try:
        text = (inputs.docs_dir / doc.src_path).read_text(encoding="utf-8-sig")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return place(inputs.display_prefix + doc.src_path, number)
    return None


def _link_findings(inputs: Inputs, page: str, shown: str, facts: PageFacts, doc: Document | None,
                   known: dict[str, bool]) -> Iterator[Finding]:
    site = inputs.site_dir
    for link in facts.links:
        where = place(shown, link.line)
        if linkcheck.is_plain_http(link.url):
            source = _source_place(inputs, doc, link.url)
            yield Finding("plain-http", DEDUCT, source or where,
                          f"链接使用不加密的 http：{link.url}" + (f"（页面 {where}）" if source else "") + "，应改为 https。")
            continue
        if linkcheck.skipped_scheme(link.url):
            continue
        target = linkcheck.internal_target(page, link.url, inputs.base_path)
        if target is None:
            continue
        if target not in known:  # every page links the same menu and assets: look each file up once
            known[target] = linkcheck.resolves(target, lambda p: (site / p).is_file(), lambda p: (site / p).is_dir())
        if known[target]:
            continue
        attachment = linkcheck.is_attachment(target)
        source = _source_place(inputs, doc, link.url.split("#")[0].split("?")[0].rsplit("/", 1)[-1] or link.url)
        what = "附件" if attachment else "链接"
        yield Finding("broken-attachment" if attachment else "broken-link", DEDUCT, source or where,
                      f"{what}指向的文件不存在：{link.url}" + (f"（页面 {where}）" if source else "") + "。")


def _title_findings(page: str, facts: PageFacts) -> Iterator[Finding]:
    if not facts.title:
        yield Finding("missing-title", DEDUCT, place(page, facts.title_line or None), "页面没有标题（<title> 为空或缺失）。")
    if not any(facts.h1):
        yield Finding("missing-title", DEDUCT, page, "页面正文没有一级标题（h1）。")


def category_columns(catalogue: Catalogue, profile: Profile, routes_: Routes, prefix: str = "",
                     folder: str = "category") -> list[Column]:
    latest: dict[str, date] = {}
    tree = profile.categories
    for doc in catalogue.published:
        if doc.category not in tree:
            continue
        day = doc.published.date() if isinstance(doc.published, datetime) else doc.published
        for slug in [*(c.slug for c in tree.ancestors(doc.category)), doc.category]:
            if slug not in latest or latest[slug] < day:
                latest[slug] = day
    return [Column(c.slug, c.name, prefix + routes_.dest_uri(f"{folder}/{c.slug}"), latest.get(c.slug))
            for c, _depth in tree.walk()]


def word_findings(inputs: Inputs) -> Iterator[Finding]:
    if not inputs.words:
        return
    for path in sorted(inputs.docs_dir.rglob("*.md")):
        rel = path.relative_to(inputs.docs_dir).as_posix()
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        yield from scan(inputs.display_prefix + rel, text, inputs.words)
