"""The plugin's options (`plugins: - gkml: {...}` in mkdocs.yml), used as a schema.

The same class serves the MkDocs build and the `gkml` command, which reads
mkdocs.yml without starting MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from gkml.catalogue.taxonomy import TaxonomySpec, taxonomy_specs
from gkml.outputs.stats import DEFAULT_RULES as DEFAULT_STATS
from gkml.profile.model import Profile, load_profile

DEFAULT_TAXONOMIES = [
    {"field": "category", "slug": "category", "title": "信息分类", "by": "tree"},
    {"field": "published", "slug": "year", "title": "发布年份", "by": "year"},
    {"field": "publisher", "slug": "publisher", "title": "发布机构"},
    {"field": "genre", "slug": "genre", "title": "体裁"},
    {"field": "validity", "slug": "validity", "title": "有效性"},
    {"field": "topics", "slug": "topic", "title": "主题分类"},
    {"field": "keywords", "slug": "keyword", "title": "主题词"},
]


class SnapshotsConfig(base.Config):
    """Reading-room copies: where `gkml offline` writes them, and the list the online site publishes."""

    dir = c.Type(str, default="offline")  # relative to mkdocs.yml; the online site lists and offers the zips found here
    public_key = c.Optional(c.Type(str))  # Ed25519 public key (PEM) relative to mkdocs.yml: published; every listed zip must be signed with its private key


class WebAddress(c.URL):
    """An http(s) address a page may link to (never javascript:, data: or another scheme)."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        if urlsplit(url).scheme not in ("http", "https"):
            raise c.ValidationError(f"只能填写 http:// 或 https:// 开头的网址，而不是“{url}”。")
        return url


class IdentificationConfig(base.Config):
    """Site identification every government site shows in its footer (政府网站发展指引,
    国办发〔2017〕47号; 国办秘函〔2019〕19号). Empty values are left out (and `gkml audit`
    reports them); `placeholder: true` marks sample values on every page."""

    sponsor = c.Type(str, default="")  # 主办单位
    organizer = c.Type(str, default="")  # 承办单位
    phone = c.Type(str, default="")  # 联系电话
    address = c.Type(str, default="")  # 联系地址
    site_code = c.Type(str, default="")  # 网站标识码
    icp = c.Type(str, default="")  # ICP 备案号, linked to the MIIT record system
    icp_url = WebAddress(default="https://beian.miit.gov.cn/")
    police = c.Type(str, default="")  # 公安机关备案号
    police_url = c.Optional(WebAddress())  # its record page; default: the MPS record query for its number
    badge = c.Optional(c.File(exists=True))  # 党政机关网站 badge image, relative to mkdocs.yml
    badge_url = c.Optional(WebAddress())  # where the badge links (the agency's record at the registrar)
    placeholder = c.Type(bool, default=False)  # the values are samples: say so on every page


class ColumnLimit(base.Config):
    months = c.Type(int)  # a column must publish within this many months
    veto = c.Type(bool, default=False)  # exceeding it is a 单项否决


# 政府网站与政务新媒体检查指标 (国办函〔2019〕15号): policy-document columns not updated for
# 6 months, 规划计划 and 人事 columns for a year, fail the inspection on their own.
DEFAULT_COLUMN_LIMITS = {"fgwj": {"months": 6, "veto": True}, "ghjh": {"months": 12, "veto": True},
                         "rsxx": {"months": 12, "veto": True}, "nb": {"months": 13, "veto": False}}


class AuditConfig(base.Config):
    """What `gkml audit` checks against (see gkml.audit)."""

    columns = c.DictOfItems(c.SubConfig(ColumnLimit), default=DEFAULT_COLUMN_LIMITS)  # category slug -> limit
    empty_columns_veto = c.Type(int, default=5)  # more empty columns than this is a 单项否决
    words = c.Optional(c.File(exists=True))  # banned and mistyped words, relative to mkdocs.yml


class GkmlConfig(base.Config):
    agency = c.Type(str, default="")
    org_code = c.Type(str, default="")
    profile = c.Optional(c.Type(str))  # path relative to mkdocs.yml; default profile if unset
    catalogue_dir = c.Type(str, default="catalogue")
    taxonomies = c.Type(list, default=DEFAULT_TAXONOMIES)
    page_size = c.Type(int, default=20)
    latest_count = c.Type(int, default=10)
    ledger = c.Type(str, default="published.ledger")  # relative to mkdocs.yml, outside docs_dir
    build_time = c.Optional(c.Type(str))  # 'YYYY-MM-DD HH:MM' to build "as of"; default now
    search = c.Type(bool, default=True)
    search_shard_size = c.Type(int, default=10000)  # Pagefind needs ~1.5 GB per 10,000 pages; fewer shards, fewer bytes per query
    guide_pages = c.Type(dict, default={"公开指南": "pages/gkzn.md", "公开制度": "pages/gkzd.md"})
    offline = c.Type(bool, default=False)  # reading-room copy: .html URLs, file:// search, manifest
    snapshot = c.Optional(c.Type(str))  # snapshot date of an offline copy, YYYY-MM-DD; default today
    snapshots = c.SubConfig(SnapshotsConfig)
    stats = c.Type(dict, default=DEFAULT_STATS)  # which documents are 规章 / 行政规范性文件 (see gkml.stats)
    incremental = c.Type(bool, default=True)  # carry unchanged pages over from the last build
    cache_dir = c.Type(str, default=".gkml-cache")  # relative to mkdocs.yml; safe to delete
    import_category_map = c.Type(dict, default={})  # `gkml import`: old column/分类 name or keyword -> category slug
    identification = c.SubConfig(IdentificationConfig)  # footer: 主办单位, 网站标识码, 备案号, badge
    audit = c.SubConfig(AuditConfig)  # `gkml audit`: column limits, word list


@dataclass(frozen=True)
class Project:
    """What the command line needs of a site: its folders, its profile, its options."""

    root: Path  # folder of mkdocs.yml
    docs_dir: Path
    options: GkmlConfig
    profile: Profile

    @property
    def taxonomies(self) -> list[TaxonomySpec]:
        return taxonomy_specs(self.options.taxonomies)

    @property
    def pages(self) -> list[str]:
        """Docs-relative paths of the pages the configuration names (every other Markdown
        file outside the catalogue folder is an error)."""
        return list(self.options.guide_pages.values())

    @property
    def ledger_path(self) -> Path:
        return self.root / self.options.ledger


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use !ENV or !!python/name tags; the options gkml reads do not."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_config(start: Path) -> Path | None:
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "mkdocs.yml").is_file():
            return candidate / "mkdocs.yml"
    return None


def plugin_options(mkdocs_yml: dict[str, Any]) -> dict[str, Any]:
    for entry in mkdocs_yml.get("plugins") or []:
        if isinstance(entry, dict) and "gkml" in entry:
            return dict(entry["gkml"] or {})
        if entry == "gkml":
            return {}
    return {}


def validated_options(raw: dict[str, Any], config_file: Path | None) -> GkmlConfig:
    options = GkmlConfig(config_file_path=str(config_file) if config_file else None)
    options.load_dict(raw)
    errors, _warnings = options.validate()
    if errors:
        raise ValueError("; ".join(f"{key}: {error}" for key, error in errors))
    return options


def resolve_profile(options: GkmlConfig, root: Path) -> Profile:
    return load_profile(root / options.profile if options.profile else None)


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data, without starting MkDocs."""
    with config_file.open(encoding="utf-8-sig") as stream:
        return yaml.load(stream, Loader=_TolerantLoader) or {}


def load_project(start: Path) -> Project:
    config_file = find_config(start)
    if config_file is None:
        raise FileNotFoundError(f"在 {start} 及其上级目录中找不到 mkdocs.yml")
    with config_file.open(encoding="utf-8-sig") as stream:
        data = yaml.load(stream, Loader=_TolerantLoader) or {}
    root = config_file.parent
    options = validated_options(plugin_options(data), config_file)
    return Project(root, root / data.get("docs_dir", "docs"), options, resolve_profile(options, root))
