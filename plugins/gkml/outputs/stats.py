"""Annual statistics for the 政府信息公开年报.

The national report format (国办公开办函〔2021〕30号, section 二「主动公开政府信息
情况」, first table) asks, for 规章 and 行政规范性文件, 本年制发件数, 本年废止件数
and 现行有效件数. The catalogue answers them from `created`, `validity` and
`superseded_by`; this module is pure: documents, a year and rules in, dataclasses out.

Which documents are 规章 / 行政规范性文件 (plugin option `stats`):

    stats:
      规章:
        - {categories: [fgwj], genres: [命令]}
        - {categories: [fgwj], doc_no_contains: [令]}
      行政规范性文件:
        {categories: [fgwj], genres: [决定, 通知, 意见, 通告, 公告]}

A row is one clause or a list of clauses; a document counts for the row when it
matches any clause, and matches a clause when it meets every criterion the clause
names (`categories`: the category or any of its descendants; `genres`: 体裁;
`doc_no_contains`: a substring of 文号). Rows are tried in order and the first
match wins, so no document is counted twice. The default above suits a provincial
department: its 规章 are orders (…令第N号), its 规范性文件 are the 决定, 通知, 意见,
通告, 公告 filed under 法规文件; 解读 and other genres there are not counted.

Counting, for year Y, over the published catalogue:

- 本年制发: `created` falls in Y.
- 本年废止: `validity` is 废止 or 失效 and the replacement (`superseded_by`) was
  created in Y — the replacement's 生成日期 is the only repeal date the catalogue
  holds. A 废止/失效 document without a replacement in the catalogue has no
  repeal date: it is counted in no year's 本年废止 and in no year's 现行有效, and
  the table reports how many such documents it left out (废止时间不详).
- 现行有效: at 31 December of Y, created on or before that day and not yet
  repealed (a document replaced by one created after Y is still 有效 in Y).
  已修订 is an amendment, not a repeal: the document stays 现行有效.

A withdrawn document (`withdrawn`) was disclosed in its year all the same: a year's
counts stay what its report said (`counted`: the published and the withdrawn); it is
现行有效 only in the years that end before its withdrawal, and each year tells how many
of its documents were withdrawn since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.document import Document
from gkml.profile.model import CategoryTree

REPEALED = ("废止", "失效")
_CRITERIA = ("categories", "genres", "doc_no_contains")


@dataclass(frozen=True)
class Clause:
    categories: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    doc_no_contains: tuple[str, ...] = ()

    def matches(self, doc: Document, tree: CategoryTree) -> bool:
        if self.categories and not _in_categories(doc.category, self.categories, tree):
            return False
        if self.genres and doc.meta.get("genre") not in self.genres:
            return False
        doc_no = str(doc.meta.get("doc_no") or "")
        return not self.doc_no_contains or any(part in doc_no for part in self.doc_no_contains)


@dataclass(frozen=True)
class RowRule:
    name: str  # the report's row label, e.g. 规章
    clauses: tuple[Clause, ...]

    def matches(self, doc: Document, tree: CategoryTree) -> bool:
        return any(clause.matches(doc, tree) for clause in self.clauses)


@dataclass(frozen=True)
class RuleRow:
    name: str
    issued: int  # 本年制发件数
    repealed: int  # 本年废止件数
    in_force: int  # 现行有效件数
    undated: int  # 废止/失效 without a datable repeal, created by Y: in neither count


@dataclass(frozen=True)
class CategoryCount:
    slug: str
    name: str
    count: int


@dataclass(frozen=True)
class YearStats:
    year: int
    rows: tuple[RuleRow, ...]
    by_category: tuple[CategoryCount, ...]  # tree order, categories with documents only
    by_month: tuple[int, ...]  # 12 counts, January first
    total: int  # documents published in the year
    withdrawn: int = 0  # of those, withdrawn since


def counted(catalogue: Catalogue) -> list[Document]:
    """The documents the statistics count: every one disclosed, the withdrawn too (a year's count
    never drops when one of its documents is withdrawn later)."""
    return [*catalogue.published, *catalogue.withdrawn]


def parse_rules(raw: Mapping[str, Any]) -> list[RowRule]:
    """The `stats` option as rules; a malformed option raises ValueError in Chinese."""
    rules = []
    for name, value in raw.items():
        entries = value if isinstance(value, list) else [value]
        clauses = []
        for entry in entries:
            if not isinstance(entry, Mapping):
                raise ValueError(f"stats.{name}：每一项应为包含 {'、'.join(_CRITERIA)} 的映射")  # noqa: TRY004 (a bad option: callers catch ValueError)
            unknown = sorted(set(entry) - set(_CRITERIA))
            if unknown:
                raise ValueError(f"stats.{name}：未知条件 {'、'.join(map(str, unknown))}（可用：{'、'.join(_CRITERIA)}）")
            clauses.append(Clause(*(tuple(str(v) for v in entry.get(key) or ()) for key in _CRITERIA)))
        rules.append(RowRule(str(name), tuple(clauses)))
    return rules


def _in_categories(slug: str, wanted: Sequence[str], tree: CategoryTree) -> bool:
    if slug in wanted:
        return True
    return slug in tree and any(c.slug in wanted for c in tree.ancestors(slug))


def classify(documents: Sequence[Document], rules: Sequence[RowRule], tree: CategoryTree) -> dict[str, list[Document]]:
    """Row name -> its documents; the first matching rule takes a document."""
    groups: dict[str, list[Document]] = {rule.name: [] for rule in rules}
    for doc in documents:
        rule = next((r for r in rules if r.matches(doc, tree)), None)
        if rule is not None:
            groups[rule.name].append(doc)
    return groups


def repeal_date(doc: Document, lookup: Mapping[str, Document]) -> date | None:
    """When a 废止/失效 document stopped being in force: its replacement's 生成日期, if known."""
    replacement = lookup.get(doc.superseded_by or "")
    return replacement.created if replacement is not None else None


def rule_row(name: str, documents: Sequence[Document], year: int, lookup: Mapping[str, Document]) -> RuleRow:
    year_end = date(year, 12, 31)
    issued = repealed = in_force = undated = 0
    for doc in documents:
        if doc.created.year == year:
            issued += 1
        ended = repeal_date(doc, lookup) if doc.validity in REPEALED else None
        if doc.validity in REPEALED and ended is None:
            undated += doc.created <= year_end
            continue
        if ended is not None:
            repealed += ended.year == year
        withdrawn = doc.withdrawn.date if doc.withdrawn else None
        ends = [end for end in (ended, withdrawn) if end is not None]
        in_force += doc.created <= year_end and (not ends or year_end < min(ends))
    return RuleRow(name, issued, repealed, in_force, undated)


def year_stats(documents: Sequence[Document], year: int, rules: Sequence[RowRule], tree: CategoryTree,
               lookup: Mapping[str, Document] | None = None,
               groups: Mapping[str, list[Document]] | None = None,
               by_year: Mapping[int, list[Document]] | None = None) -> YearStats:
    """The year's table; `lookup` finds replacements (defaults to `documents` themselves);
    `groups` is `classify(documents, rules, tree)` and `by_year` is `published_by_year(documents)`
    when the caller already has them."""
    lookup = lookup if lookup is not None else {doc.index_no: doc for doc in documents}
    groups = groups if groups is not None else classify(documents, rules, tree)
    rows = tuple(rule_row(rule.name, groups[rule.name], year, lookup) for rule in rules)
    disclosed = (by_year if by_year is not None else published_by_year(documents)).get(year, [])
    per_category = Counter(doc.category for doc in disclosed)
    by_category = [CategoryCount(c.slug, c.name, per_category.pop(c.slug)) for c, _ in tree.walk() if c.slug in per_category]
    by_category += [CategoryCount(slug, slug, n) for slug, n in sorted(per_category.items())]  # not in the tree
    months = Counter(doc.published.month for doc in disclosed)
    return YearStats(year, rows, tuple(by_category), tuple(months[m] for m in range(1, 13)), len(disclosed),
                     sum(doc.withdrawn is not None for doc in disclosed))


def published_by_year(documents: Sequence[Document]) -> dict[int, list[Document]]:
    found: dict[int, list[Document]] = {}
    for doc in documents:
        found.setdefault(doc.published.year, []).append(doc)
    return found


def stats_years(documents: Sequence[Document], since: int | None = None, until: int | None = None) -> list[int]:
    """Every year from the first to the last publication, newest first (gaps included:
    现行有效 has a value in a year with no new documents), widened to the years asked
    (`stats_since`, `stats_until`): a year with no publication still has its table, of 0s."""
    years = [doc.published.year for doc in documents] + [y for y in (since, until) if y is not None]
    if not years:
        return []
    return list(range(max(years), min(years) - 1, -1))


COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")


def table_rows(stats: YearStats) -> list[list[str]]:
    """The report's first table as text cells, header first."""
    return [["信息内容", *COLUMNS], *([row.name, str(row.issued), str(row.repealed), str(row.in_force)] for row in stats.rows)]


def undated_note(stats: YearStats) -> str:
    """Why a count may look low; empty when every repeal could be dated."""
    parts = [f"{row.name} {row.undated} 件" for row in stats.rows if row.undated]
    if not parts:
        return ""
    return ("另有" + "、".join(parts) + "已废止或失效，但目录中没有替代文件，无法确定废止年份，"
            "未计入本年废止件数和现行有效件数。")
