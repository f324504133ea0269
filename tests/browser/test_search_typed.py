"""Everyday queries typed partly or otherwise (search, sixteenth round): 文号 and 索引号 in part or in full-width
digits, Latin beside Han in any case and width (APP下载, ｅ路通, C++, .NET, R&D), compatibility characters (㎡, Ⅱ, ①, №, ½),
phrases across punctuation, headings and line breaks, spaces, tabs and ideographic spaces between words, one
character, a paste of 1,800 characters, ranges of days (2024.8.5—8.9, 2024年9月2-6日); found exactly where the text
contains them, online and from file://.

Each query's expected count is written down as well as checked against substring truth
(gkml_bench.search_quality), so a wrong truth cannot hide a wrong search.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build_site_and_copy, doc, found_online_and_offline, small_site_yml

pytestmark = pytest.mark.browser

EXTENSIONS = "markdown_extensions: [tables, {toc: {permalink: true}}]\n"


def _doc(title: str, n: int, body: str, **fields: str) -> str:
    return doc(body=body, title=title, index_no=f"002986620/202408-916{n:02d}", created=f"2024-08-{n:02d}",
               published=f"2024-08-{n + 10:02d} 09:00", **fields)


LONG = "".join(f"第{i}项：推进第{i}批次政务数据共享目录编制，明确责任单位与完成时限。" for i in range(1, 60))
WRITTEN = (
    ("fgwj", 1, "关于印发《合肥市12345政务服务便民热线管理办法》的通知（检索十六一）",
     ("各县（区）人民政府：\n\n现将《合肥市12345政务服务便民热线管理办法》印发给你们，请认真贯彻执行。\n\n## 一、总则\n\n"
     "第一条 为规范APP下载、iOS系统及e路通平台管理，依据《中华人民共和国网络安全法》。\n\n"
     "第二条 本办法所称热线，是指12345热线。面积120㎡，温度-3℃～5℃。\n"), {"doc_no": "合政办〔2024〕15号"}),
    ("fgwj", 2, "年度重点工作安排（检索十六二）",
     "1. 加强组织领导。\n2. 强化督查考核。\n\n联系人：张三，电话：0551-63357890。\n", {"doc_no": "合政办〔2024〕5号"}),
    ("fgwj", 3, "数字政府建设要点（检索十六三）",
     "推进“互联网+政务服务”，建设COVID-19疫情防控系统；ＡＰＰ名称：皖事通。版本V2.3.1。Ⅱ类区域，①项目。\n", {}),
    ("fgwj", 4, "全省政务服务改革方案（检索十六四）",
     "## 二、工作目标\n\n到2025年，全省政务服务事项网上可办率达到100%。\n\n## 三、保障措施\n\n各地要加强统筹协调。\n", {}),
    ("fgwj", 5, "培训报名通知（检索十六五）", "报名时间：2024.8.5—8.9；培训时间2024年9月2-6日。\n", {}),
    ("fgwj", 6, "政务数据共享目录（检索十六六）", LONG + "\n", {}),
    ("fgwj", 7, "科技创新统计（检索十六七）",
     ("R&D投入增长<5%，开展A/B测试，采用C++与C#及.NET框架；宽度100 m，人口1 000 000人，No.5文件，№6号，½比例，"
     "“放管服”改革；电话0551－6335\u00a07890。\n"), {}),
)
DOCS = {f"{category}/s16x{n}.md": _doc(title, n, body, category=category, **fields)
        for category, n, title, body, fields in WRITTEN}

EXPECTED = {
    '12345': 1,
    '12345热线': 1,
    '12345政务服务': 1,
    '合肥市12345': 1,
    'APP下载': 1,
    'app下载': 1,
    'ＡＰＰ': 2,
    'iOS': 1,
    'IOS系统': 1,
    'e路通': 1,
    'E路通': 1,
    'ｅ路通': 1,
    '《合肥市12345政务服务便民热线管理办法》': 1,
    '管理办法》印发': 1,
    '请认真贯彻执行': 1,
    '120㎡': 1,
    '120m2': 1,
    '-3℃～5℃': 1,
    '-3℃~5℃': 1,
    '合政办〔2024〕15号': 1,
    '合政办〔2024〕5号': 1,
    '〔2024〕15': 1,
    '2024〕5号': 1,
    '合政办': 2,
    '政办〔2024': 2,
    '15号': 1,
    '5号': 2,
    '合政办2024年15号': 0,
    '合政办〔２０２４〕１５号': 1,
    '合政办15号': 0,
    '002986620/202408-91601': 1,
    '202408-916': 7,
    '91601': 1,
    '916': 7,
    '620/2024': 7,
    '0551-63357890': 2,
    '63357890': 2,
    '0551 63357890': 2,
    '加强组织领导。强化督查考核': 1,
    '1.加强组织领导': 0,
    '互联网+政务服务': 1,
    '“互联网+政务服务”': 1,
    '互联网＋政务服务': 1,
    'covid-19疫情': 1,
    'COVID19': 0,
    'V2.3.1': 1,
    'v2.3': 1,
    'II类': 1,
    'Ⅱ类区域': 1,
    '1项目': 1,
    '①项目': 1,
    '皖事通': 1,
    '到2025年，全省政务服务事项网上可办率达到100%。': 1,
    '可办率达到100%。三、保障措施各地要加强统筹协调。': 1,
    '100％': 1,
    '１００%': 1,
    '热': 1,
    '《': 1,
    '“': 2,
    '（': 7,
    '。': 7,
    '2024年8月9日': 1,
    '2024-08-09': 1,
    '2024年9月6日': 1,
    '2024-09-06': 1,
    '2024年9月4日': 0,
    '2024年8月5日': 1,
    '熱線': 0,
    '政務服務': 0,
    '第59项': 1,
    '第5项': 1,
    '第5': 1,
    '一、总则第一条为规范': 1,
    '网络安全法》。第二条': 1,
    '热线管理办法（检索十六一）': 0,
    '检索十六': 7,
    'Wi-Fi': 0,
    'APP 皖事通': 1,
    '合政办〔2024〕第15号': 0,
    '002986620202408-91601': 0,
    '0551－63357890': 2,
    '请认真贯彻执行。': 1,
    'ＡＰＰ下载': 1,
    '合肥市12345政务服务便民热线管理办法': 1,
    '12345 12345': 1,
    'R&D': 1,
    'r&d投入': 1,
    '<5%': 1,
    '＜5％': 1,
    'A/B测试': 1,
    'C++': 1,
    'c#': 1,
    '.NET': 1,
    '.net框架': 1,
    '100m': 1,
    '100 m': 1,
    '1000000': 1,
    '1 000 000人': 1,
    'No.5': 1,
    'NO.5': 1,
    'no5': 0,
    '№6': 1,
    'No6': 1,
    '1/2比例': 0,
    '½': 1,
    '放管服': 1,
    '“放管服”改革': 1,
    '&amp;': 0,
    '&': 1,
    '<': 1,
    '#': 1,
    "合政办 15号": 1, "政务\u3000服务 热线": 1, "  政务服务  ": 3, "政务 服务": 3, "政务\t服务 热线": 1, "合政办〔2024〕\n15号": 1,
    "达到100%。\n\n三、保障措施\n各地要": 1, "政务 热": 1, "6335 7890": 2, "总则 第一条": 1, "通知 12345": 1,
    "责任单位 完成时限 第33批次": 1, LONG: 1, LONG[:700]: 1, LONG[300:1400]: 1,
}
QUERIES = tuple(EXPECTED)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    yml = small_site_yml("检索十六").replace("plugins:", EXTENSIONS + "plugins:")
    return build_site_and_copy(tmp_path_factory.mktemp("typed16"), yml, DOCS)


def test_queries_typed_otherwise_find_exactly_the_documents_holding_them(browser, sites: tuple[Path, Path]) -> None:
    want, online, offline = found_online_and_offline(browser, *sites, QUERIES)
    assert {q: len(want[q]) for q in want if len(want[q]) != EXPECTED[q]} == {}
    assert {q: (sorted(want[q]), sorted(online[q]), sorted(offline[q])) for q in want
            if not (online[q] == want[q] == offline[q])} == {}
