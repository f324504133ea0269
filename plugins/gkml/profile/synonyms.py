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
    **dict.fromkeys(("信息分类", "分类", "组配分类", "所属分类", "公开类别", "目录分类", "信息类别",
                     "资讯分类", "资讯类别"), "category"),  # 資訊: Taiwan's and Hong Kong's word for 信息
    **dict.fromkeys(("主题分类", "主题类别", "主题", "所属主题", "所属主题分类", "主题分类名称", "信息主题",
                     "主题类型"), "topics"),
    **dict.fromkeys(("主题词", "关键词", "关键字"), "keywords"),
    **dict.fromkeys(("有效性", "时效性", "时效", "效力", "效力状态", "有效状态", "是否有效"), "validity"),
    **dict.fromkeys(("来源", "信息来源", "文章来源", "来源单位"), "source"),
    **dict.fromkeys(("内容概述", "内容摘要", "摘要"), "summary"),
    **dict.fromkeys(("体裁", "文种", "公文种类", "体裁分类", "文种分类"), "genre"),
    **dict.fromkeys(("公开方式", "公开属性"), "disclosure"),
}


# The English names a bilingual page prints beside its labels or instead of them ('索引号 Index No.：',
# 'Issued by：'), words lower-cased, each name → key of the default profile. Read by the importer only.
ENGLISH_NAMES: Mapping[str, str] = {
    **dict.fromkeys(("index no", "index number", "index code", "index"), "index_no"),
    **dict.fromkeys(("title", "document title", "file title"), "title"),
    **dict.fromkeys(("issued by", "issuing authority", "issuing agency", "issuing organ", "issuing body",
                     "issuing department", "issuer", "publisher", "published by", "released by"), "publisher"),
    **dict.fromkeys(("date of issue", "issue date", "issuing date", "date issued", "date of issuance",
                     "date of writing", "written on", "date of document", "document date"), "created"),
    **dict.fromkeys(("date of publication", "publication date", "published on", "release date",
                     "date of release", "released on", "date published", "posted on", "date", "time"), "published"),
    **dict.fromkeys(("document no", "document number", "doc no", "file no", "file number",
                     "reference no", "ref no"), "doc_no"),
    **dict.fromkeys(("category", "classification", "information category"), "category"),
    **dict.fromkeys(("topic", "topics", "subject category", "theme"), "topics"),
    **dict.fromkeys(("keywords", "keyword", "key words"), "keywords"),
    **dict.fromkeys(("validity", "effectiveness"), "validity"),
    **dict.fromkeys(("source",), "source"),
    **dict.fromkeys(("summary", "abstract"), "summary"),
}

# The keys a page's script data names a document's fields by (a Vue or React page saved before its
# scripts ran; importer.scriptdata), lower-cased → key of the default profile; "body": its text as HTML.
# Pinyin initials as government CMSs name them (fbrq 发布日期, wh 文号, syh 索引号, fbjg 发布机构).
DATA_KEYS: Mapping[str, str] = {
    **dict.fromkeys(("title", "doctitle", "articletitle", "wjbt", "bt", "biaoti", "wjmc", "xxmc"), "title"),
    **dict.fromkeys(("indexno", "index_no", "syh", "suoyinhao", "xxsyh", "idxno"), "index_no"),
    **dict.fromkeys(("publisher", "fbjg", "fwjg", "fbdw", "publishorg", "publishdept", "issuer"), "publisher"),
    **dict.fromkeys(("cwrq", "cwsj", "writtendate", "chengwenriqi", "scrq"), "created"),
    **dict.fromkeys(("fbrq", "fbsj", "publishdate", "publishtime", "pubdate", "pubtime", "releasetime",
                     "releasedate", "fabushijian"), "published"),
    **dict.fromkeys(("docno", "doc_no", "wh", "fwzh", "wenhao", "fileno", "filenum"), "doc_no"),
    **dict.fromkeys(("ztfl", "subject", "topic", "topics"), "topics"),
    **dict.fromkeys(("keywords", "keyword", "gjc", "ztc"), "keywords"),
    **dict.fromkeys(("yxx", "sxx", "validity"), "validity"),
    **dict.fromkeys(("source", "ly", "laiyuan", "wzly"), "source"),
    **dict.fromkeys(("content", "contenthtml", "htmlcontent", "articlecontent", "zw", "wzzw", "body", "text",
                     "doccontent", "nr"), "body"),
}

# The traditional forms (and the Taiwan and Hong Kong variants) of the characters the field names
# above and the importer's page words (当前位置, 首页, 版权所有, 附件, 关于…的通知) are written with:
# an editor on a traditional-character input method names the same field (標題, 發文字號), and a Hong
# Kong, Macao or Taiwan office's page prints the same labels (索引號, 發布機構). One character for one,
# so a match in the simplified shadow is at the same place in the text as written. Then the Japanese forms
# (shinjitai) a Japanese input method writes for them (有効, 廃止, 解読), none a character of simplified text:
# a profile's value so typed is read as the value (content.corrections.choice_meant).
_TRADITIONAL = str.maketrans(
    "並佈來個們備僅內兩別刪則劃動務區員問單圍圖團執報學審寫將專對導屬廢廳強後徑復態應戶掃採擊據攔數斷於時暫會條業構標樣樹機檢"
    "欄權決沒況瀏為無爲狀現產異當發監碼種稱節範簽糾紀級細組結絕統經維網線編縣總織繼續罰聞聯職與舊萬處號術補裡見規視覽訂計訊訪"
    "設許訴評詞試話該詳認誤說説請論講證識議護讀財責費資購載輯輸轉辦這運過選銷錄錯鍵鏈長門閉開間閱閲關陸隊隨險電頁頂項順須預領"
    "頻題額類顯餘騰驗體點製"
    "効廃読総発対応検権証関覧続図団処労営単変帰専経済県実転価広拡圧様",
    "并布来个们备仅内两别删则划动务区员问单围图团执报学审写将专对导属废厅强后径复态应户扫采击据拦数断于时暂会条业构标样树机检"
    "栏权决没况浏为无为状现产异当发监码种称节范签纠纪级细组结绝统经维网线编县总织继续罚闻联职与旧万处号术补里见规视览订计讯访"
    "设许诉评词试话该详认误说说请论讲证识议护读财责费资购载辑输转办这运过选销录错键链长门闭开间阅阅关陆队随险电页顶项顺须预领"
    "频题额类显余腾验体点制"
    "效废读总发对应检权证关览续图团处劳营单变归专经济县实转价广扩压样",
)


def simplified(text: str) -> str:
    """`text`'s simplified shadow, for reading labels and page words only: as long as `text`, each
    traditional character of the table its simplified form (the text itself is kept as written)."""
    return text.translate(_TRADITIONAL)


def unspaced(name: str) -> str:
    """`name` without any space, full-width or not."""
    return "".join(name.split())


def field_named(name: str, profile: Profile) -> str | None:
    """The key of the field `name` names (its label or a name in FIELD_NAMES, in simplified or
    traditional characters), if the profile has it."""
    bare = simplified(unspaced(name))
    labels = {spec.label: key for key, spec in profile.fields.items()}
    key = labels.get(bare) or FIELD_NAMES.get(bare)
    return key if key in profile.fields else None


# What stands where a value is none: an empty attribute cell as templates print it, a field an editor fills
# with "none" (source: 无, doc_no: /); compared in simplified characters (暫無), case-folded (N/A, None)
NOTHING = frozenset({"无", "暂无", "空", "没有", "-", "--", "—", "——", "/", "／", "null", "none", "undefined", "n/a",
                     "&nbsp;"})


# a stop typed after the word (无。) or brackets around it (（无）) are no part of it
_AROUND_NOTHING = "。.，,；;！!（）()【】"


def says_nothing(text: str) -> bool:
    """Whether `text` (spaces, a stop and brackets around it taken off) is a word that a value is none, not a value."""
    return simplified(unspaced(text)).strip(_AROUND_NOTHING).lower() in NOTHING
