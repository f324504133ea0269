"""信息分类 from what the page says: its own 分类, its 主题分类 path, its breadcrumb, its 栏目.

Names go through one map: the editor's `--category-map` (exact names, then
keywords), the category tree's own names, then built-in keywords real
sites use for their columns. A name in traditional characters (政務公開) is read in its
simplified shadow too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gkml.importer.page import LegacyPage
from gkml.importer.values import topic_levels
from gkml.profile.model import Profile
from gkml.profile.synonyms import simplified

# Column name keyword → category. 年报 before anything else: "…应急管理厅信息公开年报" also says 应急管理.
DEFAULT_KEYWORDS: tuple[tuple[str, str], ...] = (
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
# Breadcrumb items that name no column.
_GENERIC = frozenset({"正文", "详情", "内容", "详细内容", "正文内容", "文章", "首页", "网站首页", "主页"})


def category_for(name: str, profile: Profile, extra: Mapping[str, str] | None = None) -> str | None:
    """The category a column or classification name stands for, else None."""
    mapping = dict(extra or {})
    if name in mapping:
        return mapping[name]
    shadow = simplified(name)
    if shadow in mapping:
        return mapping[shadow]
    names = {category.name: category.slug for category, _ in profile.categories.walk()}
    if shadow in names:
        return names[shadow]
    if name in profile.categories:
        return name
    for keyword, slug in (*mapping.items(), *DEFAULT_KEYWORDS):
        if (keyword in name or keyword in shadow) and slug in profile.categories:
            return slug
    return None


def candidates(page: LegacyPage) -> Iterable[tuple[str, str]]:
    """(where, name) in the order the page's own statements are trusted."""
    for value in page.categories:
        yield "信息分类", value
        for level in topic_levels(value):
            yield "信息分类", level
            yield from (("信息分类", part) for part in level.split("、") if part != level)
    if page.topics:
        for level in topic_levels(page.topics):
            yield "主题分类", level
    for item in reversed(page.breadcrumb):
        if simplified(item) not in _GENERIC and item != page.title and len(item) <= 30:
            yield "栏目路径", item
    if page.column:
        yield "栏目", page.column


def page_category(page: LegacyPage, profile: Profile,
                  extra: Mapping[str, str] | None = None) -> tuple[str | None, str]:
    """(slug or None, a note saying what the page said when nothing matched)."""
    seen: list[str] = []
    for where, name in candidates(page):
        slug = category_for(name, profile, extra)
        if slug:
            return slug, ""
        if name not in seen:
            seen.append(name)
    if not seen:
        return None, "页面没有写信息分类，也没有栏目路径"
    return None, "页面的分类/栏目“" + "”“".join(seen[:4]) + "”没有对应的信息分类（可用 --category-map 指定）"
