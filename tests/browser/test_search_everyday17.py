"""Everyday queries readers type (search, seventeenth round): a word inside a longer one (矿山 in 非煤矿山), place
names, two- and three-character words, numbers with units (5万元, 50%), fractions, 《》 and “” quotes, queries that
are punctuation only, traditional characters and pinyin initials (neither is folded: found only where written so),
and a query longer than any document; found exactly where the text contains them, online and from file://.

Each query's expected count is written down as well as checked against substring truth
(gkml_bench.search_quality), so a wrong truth cannot hide a wrong search.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build_site_and_copy, doc, found_online_and_offline, small_site_yml

pytestmark = pytest.mark.browser


def _doc(title: str, n: int, body: str) -> str:
    return doc(body=body, title=title, index_no=f"002986620/202410-917{n:02d}", created=f"2024-10-{n:02d}",
               published=f"2024-10-{n + 10:02d} 09:00")


WRITTEN = (
    (1, "非煤矿山安全生产专项整治方案（检索十七一）",
     "为加强全市非煤矿山安全监管，蜀山区、包河区、庐江县开展专项整治。矿山企业须于10月底前完成自查。\n"),
    (2, "财政补助资金分配公告（检索十七二）",
     "下达补助资金5万元，占比50%，其余3/4由县级承担；增长12.5%，人均0.5万元。\n"),
    (3, "关于学习《安全生产法》的通知（检索十七三）",
     "各单位要认真学习《中华人民共和国安全生产法》，落实“一岗双责”，做到“三管三必须”。\n"),
    (4, "应急演练工作总结（检索十七四）",
     "合肥市应急管理局组织开展防汛应急演练，YJYA（应急预案）修订完成。\n"),
    (5, "政务公开要点（检索十七五）",
     "全面推进政务公开标准化规范化，助力“放管服”改革。\n"),
)
DOCS = {f"fgwj/s17x{n}.md": _doc(title, n, body) for n, title, body in WRITTEN}
LONGER = "非煤矿山安全生产专项整治方案" * 40

EXPECTED = {
    # a word inside a longer one, and the longer one
    "矿山": 1, "非煤矿山": 1, "煤矿": 1, "矿山企业": 1, "山安": 1,
    # place names
    "蜀山区": 1, "包河区": 1, "庐江县": 1, "合肥市": 1, "合肥": 1, "蜀山": 1, "庐江": 1, "肥西": 0,
    # two- and three-character words (应急: every 发布机构, 应急管理厅)
    "整治": 1, "演练": 1, "公开": 1, "政务": 1, "应急": 5, "标准化": 1, "专项整治": 1, "生产法": 1, "安全": 2,
    # numbers with units, percentages, fractions
    "5万元": 1, "5万": 1, "50%": 1, "50％": 1, "3/4": 1, "3／4": 1, "12.5%": 1, "0.5万元": 1, "5%": 1,
    "25%": 0, "4/3": 0, "５万元": 1, "2.5": 1,
    # quotes as written and as a reader adds them
    "《安全生产法》": 1, "《中华人民共和国安全生产法》": 1, "“一岗双责”": 1, "一岗双责": 1, "“三管三必须”": 1,
    "\"放管服\"": 1, "「放管服」": 1, "《放管服》": 0,
    # pinyin initials: only where a text writes them
    "yjya": 1, "YJYA": 1, "aqsc": 0,
    # traditional characters: not folded (the empty answer offers simplified ones)
    "應急": 0, "礦山": 0,
    # a query longer than any document
    LONGER: 0,
    # words and numbers across spaces, brackets, commas and widths; a title's words; half a quote
    "5 万元": 1, "矿山 蜀山区": 1, "矿山 合肥市": 0, "非煤矿山安全监管，蜀山区": 1, "10月底": 1, "十月": 0,
    "安全生产法》": 1, "《安全生产": 1, "生产法》的通知": 1, "放管服改革": 0, "“放管服”改革": 1, "0.5": 1, ".5万": 1,
    "%，": 1, "1/2": 0, "三管三": 1, "YJYA（应急": 1, "yjya(应急": 1, "ＹＪＹＡ": 1, "检索十七": 5, "十七四": 1,
}
PUNCTUATION_ONLY = ("，", "。", "、", "《》", "“”", "……", "——", "%", "/", "！？")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_site_and_copy(tmp_path_factory.mktemp("everyday17"), small_site_yml("检索十七"), DOCS)


def test_everyday_queries_find_exactly_the_documents_holding_them(browser, sites: tuple[Path, Path]) -> None:
    queries = [*EXPECTED, *PUNCTUATION_ONLY]
    want, online, offline = found_online_and_offline(browser, *sites, queries)
    assert {q: len(want[q]) for q in EXPECTED if len(want[q]) != EXPECTED[q]} == {}
    assert {q: (sorted(want[q]), sorted(online[q]), sorted(offline[q])) for q in want
            if not (online[q] == want[q] == offline[q])} == {}
