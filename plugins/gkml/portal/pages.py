"""The portal's pages: home, unified catalogue, listings by agency / category / year, search.

Each page is a path, a template and a context; rendering is Jinja with
autoescape on (every value from an agency is text, never markup) and no
inline script (the search page loads its script from an asset file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from gkml.outputs.contract import CSV_FILE, FEED_FILE, JSON_FILE
from gkml.site.pagination import page_path, paginate
from gkml.site.tokens import date_parts, nobr_parts

from .catalogue import Agency, Listing, Row
from .config import PortalConfig

TEMPLATES = Path(__file__).parent / "templates"
SITE_TEMPLATES = Path(__file__).resolve().parents[1] / "site" / "templates"
KIND_TITLES = {"agency": "机关", "category": "信息分类", "year": "发布年份"}
LATEST = 20


@dataclass(frozen=True)
class Page:
    path: str  # site-root relative, no trailing slash; '' is the home page
    title: str
    template: str
    context: Callable[[], dict[str, Any]]

    @property
    def file(self) -> str:
        return f"{self.path}/index.html" if self.path else "index.html"


class RowCache:
    """Each row's HTML, rendered once by the autoescaping row template and reused by all listings.

    The cached value is the template's own escaped output (jinja2 Markup), so listing
    templates insert it as it is; no text from an agency is ever marked safe.
    """

    def __init__(self, env: Environment) -> None:
        self.template = env.get_template("row.html")
        self.cache: dict[int, Markup] = {}

    def __call__(self, rows: Sequence[Row]) -> list[Markup]:
        found = []
        for row in rows:
            html = self.cache.get(id(row))
            if html is None:
                html = self.cache[id(row)] = Markup(self.template.render(row=row))
            found.append(html)
        return found


def environment() -> Environment:
    # The agency site's templates second: the partials both share (header, search box).
    env = Environment(loader=FileSystemLoader([str(TEMPLATES), str(SITE_TEMPLATES)]),
                      autoescape=select_autoescape(default=True), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["zh_date"] = zh_date
    env.filters.update(date_parts=date_parts, nobr_parts=nobr_parts)  # the site's token.html macros: where a date, 文号, 索引号 wrap
    env.globals.update(json_file=JSON_FILE, csv_file=CSV_FILE, feed_file=FEED_FILE)
    return env


def zh_date(iso: str) -> str:
    """'2024-03-05T09:00:00+08:00' or '2024-03-05' -> 2024年3月5日 (as the agency wrote it)."""
    parts = iso[:10].split("-")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):  # '²'.isdigit(), and int('²') fails
        return iso
    return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"


def root_of(path: str) -> str:
    """Relative prefix from a page at `path` back to the portal root."""
    return "../" * (path.count("/") + 1) if path else "./"


def _pager(path_of: Callable[[int], str], number: int, count: int, total: int, first: int, shown: int) -> dict[str, Any]:
    numbers = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    links: list[dict[str, Any]] = []
    for n in numbers:
        if links and n - links[-1]["number"] > 1:
            links.append({"number": n, "path": None, "gap": True})
        links.append({"number": n, "path": path_of(n), "current": n == number, "gap": False})
    return {"number": number, "count": count, "total": total, "first_item": first, "last_item": first + shown - 1,
            "previous": path_of(number - 1) if number > 1 else None,
            "next": path_of(number + 1) if number < count else None, "links": links}


def _listing_pages(base: str, heading: str, rows: Sequence[Row], size: int, crumbs: list[dict[str, Any]],
                   lead: str, html: RowCache) -> Iterator[Page]:
    for pager in paginate(rows, size):
        def context(p=pager) -> dict[str, Any]:
            return {"heading": heading, "lead": lead, "rows": html(p.items), "breadcrumb": crumbs,
                    "pager": _pager(lambda n: page_path(base, n), p.number, p.count, p.total, p.first_item, len(p.items))}
        title = heading if pager.number == 1 else f"{heading}（第 {pager.number} 页）"
        yield Page(page_path(base, pager.number), title, "listing.html", context)


def portal_pages(config: PortalConfig, agencies: Sequence[Agency], rows: Sequence[Row],
                 listings: dict[str, list[Listing]], html: RowCache) -> Iterator[Page]:
    home = {"name": "首页", "path": ""}
    groups = [{"name": g, "agencies": [a for a in agencies if a.group == g]} for g in dict.fromkeys(a.group for a in agencies)]
    yield Page("", "首页", "home.html", lambda: {
        "groups": groups, "total": len(rows), "agencies": len(agencies), "latest": rows[:LATEST],
        "kinds": [{"slug": k, "title": t, "count": len(listings[k])} for k, t in KIND_TITLES.items()],
        "breadcrumb": []})
    yield from _listing_pages("catalogue", "政府信息公开目录（全省）", rows, config.page_size,
                              [home, {"name": "公开目录", "path": None}],
                              f"汇集 {len(agencies)} 个机关主动公开的政府信息，按发布日期从新到旧排列，点击名称进入机关网站查看全文。", html)
    for kind, title in KIND_TITLES.items():
        items = listings[kind]
        crumbs = [home, {"name": f"按{title}浏览", "path": kind}]
        yield Page(kind, f"按{title}浏览", "terms.html", lambda items=items, title=title, kind=kind: {
            "heading": f"按{title}浏览", "breadcrumb": [home, {"name": f"按{title}浏览", "path": None}],
            "terms": [{"name": x.name, "count": len(x.rows), "path": f"{x.kind}/{x.slug}"} for x in items],
            "groups": groups if kind == "agency" else None})
        for listing in items:
            lead = f"{title}：{listing.name}，共 {len(listing.rows)} 件。"
            yield from _listing_pages(f"{kind}/{listing.slug}", listing.name, listing.rows, config.page_size,
                                      [*crumbs, {"name": listing.name, "path": None}], lead, html)
    yield Page("search", "全省检索", "search.html", lambda: {
        "breadcrumb": [home, {"name": "检索", "path": None}], "groups": groups})


def render(env: Environment, page: Page, config: PortalConfig) -> str:
    template = env.get_template(page.template)
    return template.render(page=page, root=root_of(page.path), portal=config, **page.context())
