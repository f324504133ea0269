"""The Chinese names editors and old CMS pages give each field: one table for the importer
(a page's labels) and the check (a key typed in Chinese, `标题: …`).

Names are compared with their spaces removed ('索 引 号', '标　　题'). A profile's own labels
(`名称`, `发布机构` …) name its fields too; a name is only read as a field the profile has.
"""

from __future__ import annotations

from collections.abc import Mapping

from gkml.profile.model import Profile

# name (no spaces) → key of the default profile
FIELD_NAMES: Mapping[str, str] = {
    **dict.fromkeys(("索引号", "信息索引号", "索取号", "索引编号"), "index_no"),
    **dict.fromkeys(("名称", "标题", "文件名称", "信息名称", "文件标题", "文章标题"), "title"),
    **dict.fromkeys(("发布机构", "发文机关", "发布单位", "发文单位", "发文机构", "发布部门",
                     "制发机关", "发布机关", "信息发布机构"), "publisher"),
    **dict.fromkeys(("成文日期", "生成日期", "形成日期", "印发日期", "发文日期", "制发日期",
                     "成文时间", "生成时间", "形成时间", "印发时间", "发文时间", "制发时间"), "created"),
    **dict.fromkeys(("发布日期", "发布时间", "公开日期", "公开时间", "发布日期时间"), "published"),
    **dict.fromkeys(("文号", "发文字号", "发文文号", "文件编号", "文件字号", "发文号"), "doc_no"),
    **dict.fromkeys(("信息分类", "分类", "组配分类", "所属分类", "公开类别", "目录分类", "信息类别"), "category"),
    **dict.fromkeys(("主题分类", "主题类别", "主题"), "topics"),
    **dict.fromkeys(("主题词", "关键词", "关键字"), "keywords"),
    **dict.fromkeys(("有效性", "时效性", "时效", "效力", "效力状态", "有效状态", "是否有效"), "validity"),
    **dict.fromkeys(("来源", "信息来源", "文章来源", "来源单位"), "source"),
    **dict.fromkeys(("内容概述", "内容摘要", "摘要"), "summary"),
    **dict.fromkeys(("体裁", "文种", "公文种类", "体裁分类", "文种分类"), "genre"),
    **dict.fromkeys(("公开方式", "公开属性"), "disclosure"),
}


# The traditional forms of the characters these names are written with (標題, 發文字號): an
# editor on a traditional-character input method, or pasting from such a page, names the same field.
_TRADITIONAL = str.maketrans("號編稱標題發佈機構關單門製時間開類組屬錄詞鍵狀態來內體種據讀對報",
                             "号编称标题发布机构关单门制时间开类组属录词键状态来内体种据读对报")


def unspaced(name: str) -> str:
    """`name` without any space, full-width or not."""
    return "".join(name.split())


def field_named(name: str, profile: Profile) -> str | None:
    """The key of the field `name` names (its label or a name in FIELD_NAMES, in simplified or
    traditional characters), if the profile has it."""
    bare = unspaced(name).translate(_TRADITIONAL)
    labels = {spec.label: key for key, spec in profile.fields.items()}
    key = labels.get(bare) or FIELD_NAMES.get(bare)
    return key if key in profile.fields else None
