"""Held-out everyday queries against documents as agencies write them: numbers with units (5000万元, 3.5%,
第十二条), ASCII beside Han (5G基站, PM2.5浓度), words between 、，；, quoted phrases, one character, a 文号 or
索引号 typed in part; found exactly where the text contains them, online and from file://.

Each query's expected count is written down as well as checked against substring truth
(gkml_bench.search_quality), so a wrong truth cannot hide a wrong search.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build_site_and_copy, doc, found_online_and_offline, small_site_yml

pytestmark = pytest.mark.browser


def _doc(title: str, n: int, body: str, **fields: str) -> str:
    return doc(body=body, title=title, index_no=f"002986620/202406-9{n:04d}", created=f"2024-06-{n:02d}",
               published=f"2024-06-{n + 10:02d} 09:00", **fields)


# (category, n, title, body, other fields)
WRITTEN = (
    ("czzj", 1, "关于下达2024年农业相关转移支付资金的通知（留出检索一）",
     ("下达资金5000万元，其中：粮食生产1200.5万元、耕地保护800万元；绩效目标完成率不低于95%。\n\n"
     "依据《预算法》第十二条规定。\n"), {"doc_no": "皖财农〔2024〕512号"}),
    ("fgwj", 2, "全市5G基站建设推进方案（留出检索二）",
     "到2025年底，新建5G基站3000个，PM2.5浓度下降3.5%。\n\n依照《条例》第12条、第十二条之一。\n", {}),
    ("fgwj", 3, "空气质量监测公报（留出检索三）", "PM2.5年均浓度35μg/m³，PM10浓度58μg/m³；优良天数比率85.2%。\n", {}),
    ("yjgl", 4, "关于做好防汛、抗旱工作的通知（留出检索四）",
     "各县（区）：做好防汛，抗旱；森林防火。\n\n“应急预案”须及时修订。\n", {"doc_no": "皖政办秘〔2024〕3号"}),
    ("yjgl", 5, "防汛物资储备管理办法（留出检索五）", "本办法有效期2024.7.1-2029.6.30。\n", {}),
    ("fgwj", 6, "蜀山区新型基础设施建设方案（留出检索六）",
     ("合肥市蜀山区、庐阳区及长丰县：装机容量50万千瓦，投资3.5亿元，气温低于-5℃时停工。\n\n"
      "采用Wi-Fi 6与5G-A网络，依据GB/T 2260—2007。\n"), {"doc_no": "蜀政办〔2024〕12号"}),
    ("fgwj", 7, "关于做好安全生产工作的通知（留出检索七）",
     ("为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，进一步压实企业安全生产主体责任，"
      "有效防范遏制重特大生产安全事故，现就做好2024年安全生产工作通知如下。\n"), {"doc_no": "蜀政办〔2024〕1号"}),
)
DOCS = {f"{category}/ho{n}.md": _doc(title, n, body, category=category, **fields)
        for category, n, title, body, fields in WRITTEN}

EXPECTED = {
    "5000万元": 1, "5000万": 1, "1200.5万元": 1, "3.5%": 1, "3.5％": 1, "95%": 1, "85.2%": 1,
    "第十二条": 2, "第12条": 1, "十二条": 2,
    "5G基站": 1, "5g基站": 1, "５Ｇ基站": 1, "5G": 2, "PM2.5浓度": 1, "PM2.5": 2, "pm2.5": 2, "ＰＭ２．５": 2,
    "PM10": 1, "μg/m³": 1, "m3": 1,
    "防汛、抗旱": 1, "防汛，抗旱": 1, "防汛,抗旱": 1, "防汛": 2, "抗旱": 1,
    "“应急预案”": 1, "应急预案": 1, '"应急预案"': 1, '"防汛"': 2, "「抗旱」 ‘防汛’": 1, '"应急预案" 修订': 1, "“防汛，抗旱”": 1,
    '"2029年6月30日"': 1, "“十四五”": 0,
    "%": 3, "万": 2, "条": 2, "〔": 7,  # 文号 brackets, and （） in titles (a 文号 typed with （） finds 〔〕)
   
    "皖财农": 1, "〔2024〕512": 1, "512号": 1, "[2024]512号": 1, "(2024)512号": 1, "皖财农〔2024〕512号": 1,
    "2024〕3号": 1, "3号": 1, "202406-90001": 1, "90002": 1, "002986620/202406": 7, "202406": 7,
    "2024年7月1日": 1, "2029-06-30": 1, "2029年6月30日": 1, "2024-07": 1,  # a range's two days (2024.7.1-2029.6.30)
    # place names, 文号 typed many ways, units, mixed Latin, traditional characters, one character, a pasted
    # sentence, punctuation, a zero-width space pasted before quotes
    "蜀山区": 1, "合肥市蜀山区": 1, "蜀山区、庐阳区": 1, "长丰县": 1, "蜀山區": 0,
    "蜀政办〔2024〕12号": 1, "蜀政办[2024]12号": 1, "蜀政办（2024）12号": 1, "蜀政办(2024)12": 1, "蜀政办【2024】12号": 1,
    "蜀政办〔2024〕1号": 1, "〔2024〕1": 2, "12号": 2, "蜀政办": 2, "蜀政办2024 12号": 0, "蜀政办〔2024〕12号文": 0,
    "50万千瓦": 1, "3.5亿元": 1, "3.5": 2, "-5℃": 1, "5℃": 1, "５℃": 1, "Wi-Fi 6": 1, "wi-fi": 1, "WiFi": 0,
    "5G-A": 1, "GB/T 2260—2007": 1, "GB/T2260": 1, "gb/t 2260-2007": 0,
    "應急預案": 0, "蜀": 2, "瓦": 1, "、": 5, "安全生产！": 0, "安全生产": 1, "（留出检索六）": 1,
    "为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，进一步压实企业安全生产主体责任，有效防范遏制重特大生产安全事故，"
    "现就做好2024年安全生产工作通知如下。": 1,
    "有效防范遏制重特大生产安全事故，\n现就做好": 1, "\u200b\"应急预案\"": 1, "\u200b“防汛” \u200b“抗旱”": 1,
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_site_and_copy(tmp_path_factory.mktemp("heldout"), small_site_yml("留出检索"), DOCS)


def test_held_out_everyday_queries_find_exactly_the_documents_holding_them(browser, sites: tuple[Path, Path]) -> None:
    want, online, offline = found_online_and_offline(browser, *sites, EXPECTED)
    assert {q: len(found) for q, found in want.items() if len(found) != EXPECTED[q]} == {}
    assert {q: (want[q], online[q]) for q in want if online[q] != want[q]} == {}
    assert {q: (want[q], offline[q]) for q in want if offline[q] != want[q]} == {}
