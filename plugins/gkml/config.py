"""The plugin's options (`plugins: - gkml: {...}` in mkdocs.yml), as a typed schema.

One class per option group; `GkmlConfig` combines them. The same schema serves
the MkDocs build (plugin.load_config) and the `gkml` command (load_project,
which reads mkdocs.yml without starting MkDocs: `mkdocs_yml`). Every mistake is an error that
names its place in mkdocs.yml (see config_types, config_values).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gkml.catalogue.document import SHANGHAI
from gkml.catalogue.taxonomy import TaxonomySpec
from gkml.config_items import (
    AuditConfig,
    IdentificationConfig,
    StatsClause,
    TaxonomyOptions,
)
from gkml.config_location import OptionsError, describe
from gkml.config_types import (
    Group,
    ListOf,
    MapOf,
    OptionError,
    Options,
)
from gkml.config_values import (
    DateText,
    Flag,
    Integer,
    Text,
    TextList,
    unseen,
)
from gkml.content.problems import did_you_mean
from gkml.mkdocs_yml import (
    find_config,
    plugin_options,
    read_mkdocs_yml,
    snippets_options,
)
from gkml.profile.model import Profile, ProfileError, load_profile
from gkml.profile.stats import DEFAULT_STATS_RULES as DEFAULT_STATS

STANDARD_GUIDES = {"公开指南": "pages/gkzn.md", "公开制度": "pages/gkzd.md"}
DEFAULT_TAXONOMIES = [
    {"field": "category", "slug": "category", "title": "信息分类", "by": "tree"},
    {"field": "published", "slug": "year", "title": "发布年份", "by": "year"},
    {"field": "publisher", "slug": "publisher", "title": "发布机构"},
    {"field": "genre", "slug": "genre", "title": "体裁"},
    {"field": "validity", "slug": "validity", "title": "有效性"},
    {"field": "topics", "slug": "topic", "title": "主题分类"},
    {"field": "keywords", "slug": "keyword", "title": "主题词"},
]


# --- option groups -----------------------------------------------------------------


class AgencyOptions(Options):
    agency = Text(default="")  # shown on every page; publisher default for gkml new
    org_code = Text(default="")  # 组织机构代码 for new index numbers


class ContentOptions(Options):
    profile = Text()  # path relative to mkdocs.yml; default profile if unset
    catalogue_dir = Text(default="catalogue", non_empty=True)
    ledger = Text(default="published.ledger", non_empty=True)  # relative to mkdocs.yml, outside docs_dir
    allow_empty = Flag(default=False)  # build a site with no published document (a new agency's first build)
    build_time = DateText(with_time=True)  # 'YYYY-MM-DD HH:MM' to build "as of"; default now
    # a preview or test build: build_time may be later than now (it publishes what is still embargoed)
    preview = Flag(default=False)


class ListingOptions(Options):
    page_size = Integer(default=20, minimum=1, maximum=1000)
    latest_count = Integer(default=10, minimum=0, maximum=1000)
    taxonomies = ListOf(Group(TaxonomyOptions), default=DEFAULT_TAXONOMIES)
    # menu title -> page under docs_dir; unset: the standard pages below, those that exist
    guide_pages = MapOf(Text(required=True, non_empty=True), optional=True, shown_names=unseen)


class SearchOptions(Options):
    search = Flag(default=True)
    # At 10,000 documents: 3 shards, 218 KB fetched by a first query (4 shards: 284 KB, issue 14's limit is
    # 300 KB), Pagefind peaks at ~0.36 MB a document (1.3 GB; 1 shard: 3.2 GB); an edit re-indexes one shard
    search_shard_size = Integer(default=4000, minimum=1)


class SnapshotsConfig(Options):
    """Reading-room copies: where `gkml offline` writes them, and the list the online site publishes."""

    dir = Text(default="offline", non_empty=True)  # relative to mkdocs.yml; the online site lists and offers the zips found here
    public_key = Text()  # Ed25519 public key (PEM) relative to mkdocs.yml: published; every listed zip must be signed with it
    # the keys it replaced (PEM, relative to mkdocs.yml): still published, so copies they signed can be proved
    # the agency's; a listed zip may be signed by one. Never a key that was stolen: drop it, and its copies
    retired_keys = TextList(default=[])


class OfflineOptions(Options):
    offline = Flag(default=False)  # reading-room copy: .html URLs, file:// search, manifest
    snapshot = DateText()  # snapshot date of an offline copy, YYYY-MM-DD; default today
    snapshots = Group(SnapshotsConfig)


class BuildOptions(Options):
    incremental = Flag(default=True)  # carry unchanged pages over from the last build
    cache_dir = Text(default=".gkml-cache", non_empty=True)  # relative to mkdocs.yml; safe to delete


class StatsOptions(Options):
    # row name (规章, 行政规范性文件) -> clause or list of clauses
    stats = MapOf(ListOf(Group(StatsClause), single=True), default=DEFAULT_STATS, shown_names=unseen)
    # the years the statistics pages cover besides those with publications (a year of none shows 0)
    stats_since = Integer(minimum=1, maximum=9999)
    stats_until = Integer(minimum=1, maximum=9999)


class GovernmentSiteOptions(Options):
    """What the rules for government websites ask of the site (not of `gkml portal`): its
    identification in every footer, and what `gkml audit` inspects against."""

    identification = Group(IdentificationConfig)  # footer: 主办单位, 网站标识码, 备案号, badge
    audit = Group(AuditConfig)  # `gkml audit`: column limits, word list


class ImportOptions(Options):
    # `gkml import`: old column/分类 name or keyword -> category slug
    import_category_map = MapOf(Text(required=True, non_empty=True), default={})


class GkmlConfig(AgencyOptions, ContentOptions, ListingOptions, SearchOptions, OfflineOptions, StatsOptions,
                 GovernmentSiteOptions, ImportOptions, BuildOptions):
    """Every option of the gkml plugin."""

    def validate(self) -> tuple[list[tuple[str, OptionError]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        if not any(key == "build_time" for key, _ in failed) and (why := future_build_time(self)):
            failed.append(("build_time", OptionError.one(why)))
        # only a copy shows its snapshot: a date left in mkdocs.yml does not stop the online site's builds
        if not failed and self.offline is True and self.snapshot and (why := snapshot_mismatch(self, date.fromisoformat(self.snapshot))):
            failed.append(("snapshot", OptionError.one(why)))
        return failed, warnings

    @property
    def taxonomy_specs(self) -> list[TaxonomySpec]:
        return [entry.spec() for entry in self.taxonomies]

    def guides(self, docs_dir: Path) -> dict[str, str]:
        """Menu title -> page: as configured (each must exist), else the standard pages that exist."""
        if self.guide_pages is not None:
            return dict(self.guide_pages)
        return {title: path for title, path in STANDARD_GUIDES.items() if (docs_dir / path).is_file()}


def future_build_time(options: GkmlConfig, now: datetime | None = None) -> str | None:
    """Why `build_time` may not be later than now: the site built "as of" then publishes every
    document whose 发布日期 falls before it, still embargoed today, and nothing else says so.
    A preview or a test says `preview: true`."""
    if not options.build_time or options.preview is True:
        return None
    moment = datetime.fromisoformat(options.build_time).replace(tzinfo=SHANGHAI)
    now = now or datetime.now(SHANGHAI)
    if moment <= now:
        return None
    return (f"生成时间 {options.build_time} 晚于现在（北京时间 {now:%Y-%m-%d %H:%M}）：发布日期在这之前、现在仍未到发布时间的文件"
            "会提前公开。正式网站请删除 build_time（按现在的时间生成）；仅供预览或测试的网站，请在 gkml 选项中再写 preview: true。")


def snapshot_mismatch(options: GkmlConfig, snapshot: date, now: datetime | None = None) -> str | None:
    """Why an offline copy may not be labelled `snapshot`: it holds the catalogue as of the build's
    moment (`build_time`, else now), and a reading room reads its label as what it holds."""
    moment = datetime.fromisoformat(options.build_time).replace(tzinfo=SHANGHAI) if options.build_time else None
    moment = moment or now or datetime.now(SHANGHAI)
    if snapshot == moment.date():
        return None
    return (f"快照日期 {snapshot.isoformat()} 与离线查阅版收录的时刻（北京时间 {moment:%Y-%m-%d %H:%M}）不是同一天："
            f"副本收录的是那一刻已公开的文件，标为 {snapshot.isoformat()} 会让查阅者误以为它是那天的目录。"
            "请不指定快照日期（按生成时刻的日期标注）；要生成某一时刻的副本，请在 gkml 选项中写 build_time（如 "
            f"build_time: \"{snapshot.isoformat()} 17:00\"），不能晚于现在。")


@dataclass(frozen=True)
class Project:
    """What the command line needs of a site: its folders, its profile, its options."""

    root: Path  # folder of mkdocs.yml
    docs_dir: Path
    options: GkmlConfig
    profile: Profile
    # mkdocs.yml's pymdownx.snippets options (None: no snippets), for `gkml check`; the build reads MkDocs' own
    snippets: dict[str, Any] | None = None
    # mkdocs.yml's, for `gkml check`'s reading of a body's addresses as the build reads them
    site_url: str = ""
    use_directory_urls: bool = True

    @property
    def taxonomies(self) -> list[TaxonomySpec]:
        return self.options.taxonomy_specs

    @property
    def pages(self) -> list[str]:
        """Docs-relative paths of the pages the configuration names (every other Markdown
        file outside the catalogue folder is an error)."""
        return list(self.options.guides(self.docs_dir).values())

    @property
    def ledger_path(self) -> Path:
        return self.root / self.options.ledger


def validated_options(raw: dict[str, Any], config_file: Path | None) -> GkmlConfig:
    options = GkmlConfig(config_file_path=str(config_file) if config_file else None)
    options.load_dict(raw)
    failed, _warnings = options.validate()
    if failed:
        raise OptionsError([line for _, line in describe(failed, config_file)])
    return options


def profile_mistakes(options: GkmlConfig, profile: Profile) -> list[tuple[str, OptionError]]:
    """Options naming fields or categories the profile does not have."""
    failed: list[tuple[str, OptionError]] = []
    fields = list(profile.fields)
    for number, entry in enumerate(options.taxonomies):
        if entry.field not in profile.fields:
            hint = did_you_mean(entry.field, fields) or "可用的字段：" + "、".join(fields)
            failed.append(("taxonomies", OptionError([((number, "field"), f"内容模型中没有字段“{entry.field}”。{hint}")])))
    for row, clauses in options.stats.items():
        for number, clause in enumerate(clauses):
            unknown = [slug for slug in clause.categories if slug not in profile.categories]
            if unknown:
                failed.append(("stats", OptionError([((row, number, "categories"),
                                                      f"信息分类“{'、'.join(unknown)}”不存在。")])))
    return failed


def resolve_profile(options: GkmlConfig, root: Path, config_file: Path | None = None) -> Profile:
    """The profile the options name, checked against the options that refer to it."""
    try:
        profile = load_profile(root / options.profile if options.profile else None)
    except (OSError, ProfileError) as error:
        problem = (f"内容模型文件 {options.profile} 不存在或无法读取。" if isinstance(error, OSError)
                   else f"内容模型文件 {options.profile} 有误：{error}")
        raise OptionsError([line for _, line in describe([("profile", OptionError([((), problem)]))], config_file)]) \
            from None
    failed = profile_mistakes(options, profile)
    if failed:
        raise OptionsError([line for _, line in describe(failed, config_file)])
    return profile


def load_project(start: Path) -> Project:
    config_file = find_config(start)
    if config_file is None:
        raise FileNotFoundError(f"在 {start} 及其上级目录中找不到 mkdocs.yml")
    data = read_mkdocs_yml(config_file)
    root = config_file.parent
    options = validated_options(plugin_options(data), config_file)
    return Project(root, root / data.get("docs_dir", "docs"), options, resolve_profile(options, root, config_file),
                   snippets_options(data, root), str(data.get("site_url") or ""), data.get("use_directory_urls") is not False)
