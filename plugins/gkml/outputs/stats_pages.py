"""The annual statistics pages: the index of years and one page per year (views over gkml.outputs.stats)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from gkml.catalogue.document import Document
from gkml.outputs.stats import (
    COLUMNS,
    RowRule,
    classify,
    counted,
    published_by_year,
    stats_years,
    undated_note,
    year_stats,
)
from gkml.outputs.svgchart import Bar, bar_chart, horizontal_bar_chart
from gkml.profile.model import CategoryTree
from gkml.site import routes
from gkml.site.generated import GeneratedPage
from gkml.site.views import Site

STATS = "stats"


def stats_path(year: int | None = None) -> str:
    return STATS if year is None else f"{STATS}/{year}"


def stats_pages(site: Site, rules: Sequence[RowRule], since: int | None = None,
                until: int | None = None) -> Iterator[GeneratedPage]:
    """The stats index and one page per year (stats_years: those asked too)."""
    documents = counted(site.catalogue)
    years = stats_years(documents, since, until)
    # the documents by rule and by year: gathered once, on the first year page made
    gathered: list[tuple[dict[str, list[Document]], dict[int, list[Document]]]] = []

    def view(year: int) -> dict[str, Any]:
        if not gathered:
            gathered.append((classify(documents, rules, site.profile.categories), published_by_year(documents)))
        groups, by_year = gathered[0]
        return year_view(site, year, rules, years, groups, by_year)

    # the statistics count documents by their front-matter values, never their text
    yield GeneratedPage(stats_path(), "信息公开统计", "gkml/stats-index.html", lambda: index_view(site, years),
                        of_values="stats")
    for year in years:
        yield GeneratedPage(stats_path(year), f"{year}年信息公开统计", "gkml/stats.html", lambda y=year: view(y),
                            of_values=["stats", year])


def _trail(site: Site, year: int | None) -> list[dict[str, Any]]:
    trail = [{"name": "首页", "url": site.url(routes.HOME)}, {"name": "信息公开", "url": site.url(routes.CATALOGUE)},
             {"name": "信息公开统计", "url": site.url(stats_path()) if year else None}]
    return trail + ([{"name": f"{year}年", "url": None}] if year else [])


def index_view(site: Site, years: Sequence[int]) -> dict[str, Any]:
    published = Counter(doc.published.year for doc in counted(site.catalogue))
    return {
        "kind": "stats-index",
        "heading": "信息公开统计",
        "breadcrumb": _trail(site, None),
        "years": [{"year": y, "count": published[y], "url": site.url(stats_path(y))} for y in years],
    }


def year_view(site: Site, year: int, rules: Sequence[RowRule], years: Sequence[int],
              groups: Mapping[str, list[Document]] | None = None,
              by_year: Mapping[int, list[Document]] | None = None) -> dict[str, Any]:
    stats = year_stats(counted(site.catalogue), year, rules, site.profile.categories, site.catalogue.by_index, groups,
                       by_year)
    months = [Bar(f"{m}月", n) for m, n in enumerate(stats.by_month, start=1)]
    categories = [Bar(c.name, c.count) for c in stats.by_category]
    category_term = {c.slug: site.url(site.term_link("category", c.slug)) for c in stats.by_category}
    return {
        "kind": "stats",
        "heading": f"{year}年政府信息公开统计",
        "year": year,
        "breadcrumb": _trail(site, year),
        "columns": COLUMNS,
        "rows": stats.rows,
        "note": undated_note(stats),
        "rules": [{"name": rule.name, "text": describe_rule(rule, site.profile.categories)} for rule in rules],
        "total": stats.total,
        "withdrawn": stats.withdrawn,
        "months": months,
        "month_chart": bar_chart(months, f"{year}年各月主动公开件数",
                                 f"{year}年共主动公开{stats.total}件，各月件数：" + "，".join(f"{b.label}{b.value}件" for b in months),
                                 id_prefix="gkml-month"),
        "categories": [{"name": c.name, "count": c.count, "url": category_term[c.slug]} for c in stats.by_category],
        "category_chart": horizontal_bar_chart(categories, f"{year}年各分类主动公开件数",
                                               "各分类件数：" + "，".join(f"{b.label}{b.value}件" for b in categories),
                                               id_prefix="gkml-category") if categories else "",
        "previous": site.url(stats_path(year - 1)) if year - 1 in years else None,
        "next": site.url(stats_path(year + 1)) if year + 1 in years else None,
    }


def describe_rule(rule: RowRule, tree: CategoryTree) -> str:
    """A rule in words, so readers know what the numbers count."""
    clauses = []
    for clause in rule.clauses:
        parts = []
        if clause.categories:
            parts.append("信息分类为" + "或".join(tree[c].name if c in tree else c for c in clause.categories) + "（含下级分类）")
        if clause.genres:
            parts.append("体裁为" + "、".join(clause.genres))
        if clause.doc_no_contains:
            parts.append("文号含“" + "”或“".join(clause.doc_no_contains) + "”")
        clauses.append("且".join(parts) or "全部文件")
    return "；或".join(clauses)
