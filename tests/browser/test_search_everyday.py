"""Everyday queries on an agency's documents as editors write them (footnotes, notes, tables,
attachments, 主题词, 来源): found exactly where the text contains them, online and from file://.

Each query's expected count is written down as well as checked against substring truth
(gkml_bench.search_quality), so a wrong truth cannot hide a wrong search.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build_site_and_copy, doc, found_online_and_offline, small_site_yml

pytestmark = pytest.mark.browser

EXTENSIONS = "markdown_extensions: [tables, attr_list, footnotes, admonition, def_list, {toc: {permalink: true}}]\n"


def _doc(title: str, n: int, body: str, *extra: str, **fields: str) -> str:
    month = n % 12 + 1
    return doc(*extra, body=body, title=title, index_no=f"002986620/2023{month:02d}-8{n:04d}",
               created=f"2023-{month:02d}-03", published=f"2023-{month:02d}-04 10:00", **fields)


DOCS = {
    "yjgl/ev1.md": _doc("关于印发《全省突发事件总体应急预案》的通知", 1,
                        "各市人民政府：\n\n现将《全省突发事件总体应急\n预案》印发给你们。\n\n## 一、总则\n\n"
                        "依据GB 50016-2014《建筑设计防火规范》。\n", category="yjgl", doc_no="皖应急〔2023〕7号"),
    "yjgl/ev2.md": _doc("汛期防御工作要点", 2, "做好<strong>应急</strong>预案演练。5G基站、COVID-19。\n\n"
                        "| 项目 | 金额 |\n|---|---|\n| 防汛物资 | 一百万元 |\n", category="yjgl"),
    "yjgl/ev3.md": _doc("林区野外用火管控通告", 3, "严禁野外用火。第3号令[^n]。\n\n[^n]: 依据《林区防火条例》第二十五条。\n",
                        category="yjgl"),
    "yjgl/ev4.md": _doc("储罐区风险导则", 4, "## 三、保障措施\n\n!!! note \"注意事项\"\n    严禁在储罐区吸烟。\n\n"
                        "面积500m²。\n\n重大危险源\n:   长期储存危险化学品的单元。\n", category="yjgl"),
    "yjgl/ev5.md": _doc("重点企业名单公示", 5, "见附件。\n", "attachments:\n  - file: ev5.xlsx\n"
                        "    title: 重点监管企业名单（第一批）", category="yjgl"),
    "czzj/ev6.md": _doc("省级决算公开说明", 6, "财政拨款支出1,234.56万元，增长3.5%；预算金额：２０万元。\n",
                        category="czzj", publisher="安徽省财政厅"),
    "czzj/ev7.md": _doc("小微企业减税公告", 7, "增值税减半征收。\n", category="czzj", publisher="安徽省财政厅",
                        doc_no="皖财税〔2023〕15号"),
    "fgwj/ev8.md": _doc("住建领域整治方案", 8, "开展GB50016符合性检查，ISO 45001认证。\n", category="fgwj",
                        publisher="安徽省住房和城乡建设厅", summary="三年行动专项整治的总体安排",
                        keywords="[隐患排查, 燃气安全]", source="安徽日报"),
    "rsxx/ev9.md": _doc("公开招聘工作人员公告", 9, "| 岗位 | 人数 |\n|---|---|\n| 合肥<br>执法岗 | 3 |\n\n"
                        "咨询电话：0551-12345678。\n", category="rsxx", publisher="安徽省人力资源和社会保障厅"),
}
FILES = {"yjgl/ev5.xlsx": b"PK\x03\x04 list"}

EXPECTED = {
    "火": 2, "税": 1,  # one character: 用火 (ev3), 防火 (ev1); 减税 and 增值税 (ev7)
    "应急预案": 2, "应急\n预案": 2, "应急 预案": 2,  # across a line break (ev1), a tag (ev2)
    "5G基站": 1, "5g基站": 1, "COVID－19": 1, "GB 50016": 2, "gb50016": 2,
    "〔2023〕": 2, "[2023]": 2, "第3号": 1, "2023": 9,
    "1,234.56": 1, "１，２３４．５６": 1, "20万元": 1, "3.5%": 1,
    "物资一百": 1,  # table cells
    "合肥执法岗": 1,  # a cell's line break
    "林区防火条例": 1,  # a footnote
    "注意事项": 1, "保障措施": 1, "重大危险源": 1,  # a note's title, a heading, a definition's term
    "第一批": 1, "ev5.xlsx": 1,  # an attachment's title and name
    "三年行动": 1, "燃气安全": 1, "安徽日报": 1,  # 内容概述 written by hand, 主题词, 来源
    "应急管理": 5, "安徽省财政厅": 2,  # a category's name, a publisher's
    "¶": 0, "↩": 0,  # a heading's permalink, a footnote's back link: not text
    "通知各市": 0,  # title and body are two texts
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("everyday")
    for rel, data in FILES.items():
        (root / "content" / "catalogue" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "catalogue" / rel).write_bytes(data)
    yml = small_site_yml("日常检索").replace("plugins:", EXTENSIONS + "plugins:")
    return build_site_and_copy(root, yml, DOCS)


def test_everyday_queries_find_exactly_the_documents_holding_them(browser, sites: tuple[Path, Path]) -> None:
    want, online, offline = found_online_and_offline(browser, *sites, EXPECTED)
    assert {q: len(found) for q, found in want.items()} == EXPECTED
    assert online == want
    assert offline == want
