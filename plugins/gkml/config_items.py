"""The plugin's nested options, each a group of its own: a `taxonomies` entry, a `stats` clause, the
footer's site `identification`, the `audit`'s column limits and word list. config.py's option
groups hold them."""

from __future__ import annotations

from gkml.catalogue.taxonomy import TaxonomySpec
from gkml.config_types import Group, MapOf, OneOf, Options
from gkml.config_values import FilePath, Flag, Integer, Text, TextList, WebAddress


class TaxonomyOptions(Options):
    """One `taxonomies` entry: which field gets listing pages, and how its values become terms."""

    field = Text(required=True, non_empty=True)
    slug = Text()  # URL folder; default: the field
    title = Text(required=True, non_empty=True)
    by = OneOf(("value", "year", "tree"), default="value")  # grouping
    order = OneOf(("", "count", "name", "newest", "tree"), default="")  # term order; "": the grouping's own

    def spec(self) -> TaxonomySpec:
        return TaxonomySpec(self.field, self.slug or self.field, self.title, self.by, self.order)


class StatsClause(Options):
    """One clause of a `stats` row (see gkml.outputs.stats): every named criterion must hold."""

    categories = TextList(default=[])
    genres = TextList(default=[])
    doc_no_contains = TextList(default=[])


class IdentificationConfig(Options):
    """Site identification every government site shows in its footer (政府网站发展指引,
    国办发〔2017〕47号; 国办秘函〔2019〕19号). Empty values are left out (and `gkml audit`
    reports them); `placeholder: true` marks sample values on every page."""

    sponsor = Text(default="")  # 主办单位
    organizer = Text(default="")  # 承办单位
    phone = Text(default="")  # 联系电话
    address = Text(default="")  # 联系地址
    site_code = Text(default="")  # 网站标识码
    icp = Text(default="")  # ICP 备案号, linked to the MIIT record system
    icp_url = WebAddress(default="https://beian.miit.gov.cn/")
    police = Text(default="")  # 公安机关备案号
    police_url = WebAddress()  # its record page; default: the MPS record query for its number
    badge = FilePath()  # 党政机关网站 badge image, relative to mkdocs.yml
    badge_url = WebAddress()  # where the badge links (the agency's record at the registrar)
    placeholder = Flag(default=False)  # the values are samples: say so on every page


class ColumnLimit(Options):
    months = Integer(required=True, minimum=1)  # a column must publish within this many months
    veto = Flag(default=False)  # exceeding it is a 单项否决


# 政府网站与政务新媒体检查指标 (国办函〔2019〕15号): policy-document columns not updated for
# 6 months, 规划计划 and 人事 columns for a year, fail the inspection on their own.
DEFAULT_COLUMN_LIMITS = {"fgwj": {"months": 6, "veto": True}, "ghjh": {"months": 12, "veto": True},
                         "rsxx": {"months": 12, "veto": True}, "nb": {"months": 13, "veto": False}}


class AuditConfig(Options):
    """What `gkml audit` checks against (see gkml.audit)."""

    columns = MapOf(Group(ColumnLimit), default=DEFAULT_COLUMN_LIMITS)  # category slug -> limit
    empty_columns_veto = Integer(default=5, minimum=0)  # more empty columns than this is a 单项否决
    words = FilePath()  # banned and mistyped words, relative to mkdocs.yml
