"""`gkml import`: pages saved from the old CMS become catalogue documents.

Rule one (from gkml.legacy): never invent a value. What the page states is
written; what it does not state is a `# TODO(待补充)` comment, so `gkml check`
fails for a missing required field until an editor fills it in:

* category: the breadcrumb's last item through the category map; unmapped = TODO.
* created: the page's 成文日期, else the closing date if complete, else TODO.
  The publication date is never taken for it.
* publisher: only as the page states it. Old pages often carry the name of a
  predecessor (安徽省安全生产监督管理局 before 2018), so the agency option is only
  offered as a commented-out suggestion the editor confirms.
* index_no: the page's own number when valid and free (it was published
  already, so it must stay); else the next free number when `created` is
  known (its year and month must match `created`); else TODO.
* report_year (nb): only when the title states the year.

Duplicates: a page is skipped when a catalogue file has the same title and
publication date, or carries the import hash of the same saved file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gkml.authoring.new import next_index_no, year_in_title
from gkml.content.source import read_source
from gkml.content.validation import fix_doc_no, normalize_width
from gkml.importer.legacy import LegacyPage
from gkml.profile.model import Profile
from gkml.profile.types import DOC_NO, INDEX_NO

# Breadcrumb item -> category. Exact names first, then these keywords in order
# (年报 before anything else: "安徽省应急管理厅信息公开年报" also says 应急管理).
DEFAULT_CATEGORY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("年报", "nb"), ("年度报告", "nb"),
    ("公开指南", "gkzn"), ("公开制度", "gkzd"),
    ("规划", "ghjh"), ("计划", "ghjh"), ("总结", "ghjh"),
    ("机构职能", "jgzn"), ("机构设置", "jgzn"), ("内设机构", "jgzn"), ("领导信息", "jgzn"), ("职能", "jgzn"),
    ("政策解读", "fgwj"), ("规范性文件", "fgwj"), ("规章", "fgwj"), ("法规", "fgwj"), ("政策文件", "fgwj"),
    ("统计", "tjxx"),
    ("行政许可", "xzxk"), ("政务服务", "xzxk"), ("审批", "xzxk"),
    ("行政处罚", "xzcf"), ("行政强制", "xzcf"),
    ("预算", "czzj"), ("决算", "czzj"), ("财政", "czzj"), ("政府采购", "czzj"), ("收费", "czzj"),
    ("预案", "yjgl"), ("预警", "yjgl"), ("突发事件", "yjgl"), ("应急处置", "yjgl"),
    ("监督检查", "aqjc"), ("执法检查", "aqjc"), ("安全检查", "aqjc"),
    ("人事", "rsxx"), ("任免", "rsxx"), ("招录", "rsxx"), ("招聘", "rsxx"),
    ("建议提案", "jyta"), ("提案", "jyta"), ("建议", "jyta"),
)

IMPORT_FOLDER = "_import"  # for pages whose category is not known yet
_HASH_COMMENT = re.compile(r"^# gkml-import: sha256=([0-9a-f]{16})\s*$", re.MULTILINE)


def category_for(crumb: str, profile: Profile, extra: Mapping[str, str] | None = None) -> str | None:
    """The category of a breadcrumb item: the map's exact names, then its keywords, then the defaults."""
    names = {cat.name: cat.slug for cat, _ in profile.categories.walk()}
    mapping = dict(extra or {})
    if crumb in mapping:
        return mapping[crumb]
    if crumb in names:
        return names[crumb]
    for keyword, slug in (*mapping.items(), *DEFAULT_CATEGORY_KEYWORDS):
        if keyword in crumb and slug in profile.categories:
            return slug
    return None


def source_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def hash_comment(data: bytes) -> str:
    return f"# gkml-import: sha256={source_hash(data)}"


@dataclass(frozen=True)
class Existing:
    """What duplicate detection needs of a catalogue file, read leniently (it may be invalid)."""

    path: str
    title: str
    published_day: str  # YYYY-MM-DD or ''
    hashes: frozenset[str]


def existing_from_text(path: str, text: str) -> Existing:
    source = read_source(path, text.encode("utf-8"))
    entries = source.entries or {}

    def raw(key: str) -> str:
        entry = entries.get(key)
        return str(entry.value.raw or "").strip() if entry else ""

    return Existing(path, raw("title"), normalize_width(raw("published"))[:10],
                    frozenset(_HASH_COMMENT.findall(text)))


def find_duplicate(page: LegacyPage, digest: str, existing: Iterable[Existing]) -> Existing | None:
    day = (page.published or "")[:10]
    for item in existing:
        if digest in item.hashes or (item.title == page.title and item.published_day == day):
            return item
    return None


@dataclass
class Planned:
    """One page's document: the fields to write, the TODO keys, where it goes."""

    fields: dict[str, object]
    todo: list[str]
    category: str | None
    created: date | None
    missing_required: list[str] = field(default_factory=list)  # labels, for the summary
    notes: list[str] = field(default_factory=list)


def _is_iso_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def plan_document(page: LegacyPage, profile: Profile, *, org_code: str, agency: str,
                  used: set[str], category_map: Mapping[str, str] | None = None) -> Planned:
    """Fields and TODOs for `page`. Adds the index number it takes to `used`."""
    fields: dict[str, object] = {"title": page.title}
    todo: list[str] = []
    notes: list[str] = []

    def suggest(key: str, value: object, note: str) -> None:
        fields[key] = value
        todo.append(key)
        notes.append(note)

    crumb = page.breadcrumb[-1] if page.breadcrumb else ""
    category = category_for(crumb, profile, category_map) if crumb else None
    if category:
        fields["category"] = category
    else:
        todo.append("category")
        notes.append(f"栏目“{crumb}”没有对应的信息分类" if crumb else "页面没有栏目路径（您所在的位置）")

    if page.publisher:
        fields["publisher"] = page.publisher
    elif agency:
        suggest("publisher", agency, f"页面未写发布机构，建议值“{agency}”请核对")
    else:
        todo.append("publisher")

    created = _is_iso_day(page.created) or _is_iso_day(page.signed_date)
    if created:
        fields["created"] = created
    else:
        todo.append("created")
    if page.published:
        fields["published"] = page.published
    else:
        todo.append("published")

    stated = normalize_width(page.index_no or "").replace(" ", "")
    match = INDEX_NO.match(stated)
    if match and stated not in used and (created is None or _index_matches(match, created)):
        fields["index_no"] = stated
    elif created and org_code:
        fields["index_no"] = next_index_no(org_code, created, used)
        if page.index_no:
            notes.append(f"原页面索引号“{page.index_no}”不可用，已分配新号")
    else:
        todo.append("index_no")
    if isinstance(fields.get("index_no"), str):
        used.add(str(fields["index_no"]))

    if page.doc_no:
        fixed = fix_doc_no(page.doc_no)
        if DOC_NO.match(fixed):
            fields["doc_no"] = fixed
        else:
            suggest("doc_no", page.doc_no, f"文号“{page.doc_no}”格式不规范")
    genres = profile.fields["genre"].values if "genre" in profile.fields else ()
    if page.genre:
        if page.genre in genres:
            fields["genre"] = page.genre
        else:
            suggest("genre", page.genre, f"体裁“{page.genre}”不在可选值中")
    if page.summary and len(page.summary) <= 300:
        fields["summary"] = page.summary
    if page.topics:
        fields["topics"] = list(page.topics)
    if page.keywords:
        if len(page.keywords) <= 5:
            fields["keywords"] = list(page.keywords)
        else:
            suggest("keywords", list(page.keywords), "主题词超过 5 个")
    fields["disclosure"] = "主动公开"  # it was on the public site
    if page.validity in ("有效", "失效", "废止", "已修订"):
        fields["validity"] = page.validity
    if page.source:
        fields["source"] = page.source

    if category == profile.category_for("annual_report"):
        year = year_in_title(page.title)
        if year:
            fields["report_year"] = year
        else:
            todo.append("report_year")

    planned = Planned(fields, todo, category, created, notes=notes)
    planned.missing_required = [profile.label(k) for k in todo if _required(profile, k, fields)]
    return planned


def _index_matches(match: re.Match[str], created: date) -> bool:
    return int(match["year"]) == created.year and (not match["month"] or int(match["month"]) == created.month)


def _required(profile: Profile, key: str, fields: Mapping[str, object]) -> bool:
    spec = profile.fields.get(key)
    if spec is None:
        return False
    return spec.required_for(fields)


def output_slug(digest: str) -> str:
    return f"import-{digest[:8]}"


def documents_in(paths: Sequence[Path]) -> list[Path]:
    """The files to import: files as given, folders walked (hidden files skipped), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            found.append(path)
    return found

