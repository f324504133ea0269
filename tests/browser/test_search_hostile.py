"""Search against documents and queries nobody writes on purpose (issue 14, attacked).

Each query's answer, online and from file://, must be exactly the documents whose
title, attribute values, body or attachments contain it (substring truth after normalisation,
gkml_bench.search_quality), over documents full of what editors paste: punctuation
inside words, look-alike brackets outside 文号, full-width Latin, characters beyond
the BMP and ones newer than the build's Python, invisible characters, entities,
Markdown emphasis inside a word, a title NFKC makes longer; queries of invisible
characters only, of a symbol no document holds, split at unusual whitespace; queries
across Markdown's constructs, of attributes as the page shows them, of emoji, of phrases
whose tokens repeat, of a pasted passage and of a word after 200 KB of body.
FIXED pins the counts a wrong truth could hide.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml_bench.search_quality import document_texts, page_of, search_answers, truth
from support import build_site_and_copy, doc, serve, small_site_yml

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

# toc's permalink (¶ in every heading) and footnotes (↩ after each note): Python-Markdown's own links, no text
MKDOCS_YML = small_site_yml("检索攻击测试公开目录", 'build_time: "2026-01-01T08:00"') + (
    "markdown_extensions: [tables, footnotes, {toc: {permalink: true}}]\n")
NEWER = "\U0002b739\U00031350\U0002ebf0"  # CJK ideographs of Unicode 15.0 (Ext C, Ext H) and 15.1 (Ext I)
TITLE_Y = "Ｓａｆｅｔｙ Ｄａｙ ｙ 安全周"  # ｙ: the mark search metadata writes for whitespace
TITLE_MARKS = "Café与Zhōngguó ガス 한국 \uf900城"  # letters Pagefind would index with a diacritic variant
LONG_TITLE = "㈱" * 120 + "标题末尾独特词"  # 127 characters, 367 once NFKC writes ㈱ as (株)
IVS = "\U000e0100"  # an ideographic variation selector: the glyph of 葛 a name is printed with
LONG_SENTENCE = ("为深入贯彻落实党中央国务院关于安全生产工作的决策部署，进一步压实企业安全生产主体责任，"
                 "有效防范化解重大安全风险，坚决遏制重特大事故发生。")  # a reader pastes 68 characters


def _doc(n: int, title: str, body: str, *extra: str, month: str = "2022-06", **fields: str) -> str:
    return doc(*extra, body=body, title=title, index_no=f"002986620/{month.replace('-', '')}-{n:05d}", created=f"{month}-01",
               published=f"{month}-{n % 28 + 1:02d} 09:30", **fields)


DOCUMENTS = {
    "fgwj/a01.md": _doc(40, "关于印发《安全生产“十四五”规划》的通知",
                        "现将《安徽省安全生产“十四五”规划》印发给你们。\n\n一、总体要求——落实责任……\n\n"
                        "联系人：张三·李四，电话：0551-12345678。\n", "doc_no: 皖应急〔2024〕7号",
                        month="2024-06"),  # a 文号's year is not after its 生成日期
    "fgwj/a02.md": _doc(41, "引用文号的通知", "依据皖应急[2024]7号、皖安监(2019)3号、皖财【2021】5号和皖政［2022］9号文件。\n"),
    "fgwj/a03.md": _doc(42, "全角ＡＢＣ１２３与GovData Portal", "本系统名为ＧｏｖＤａｔａ　Ｐｏｒｔａｌ，版本Ｖ２.０，MixedCase。\n"),
    "fgwj/a04.md": _doc(43, "生僻字与兼容汉字", f"人名：王𠮷，地名：﨑山、豈城。新字{NEWER}在此。\n"),
    "fgwj/a05.md": _doc(44, "空白与不可见字符", "应急\u3000管理\u00a0厅，防汛\u200b抗旱，安全\u00ad生产，值班\u2060值守。\n"),
    "fgwj/a06.md": _doc(45, "实体与尖括号", "A&amp;B公司，x&lt;y，&copy;版权，AT&T。\n"),
    "fgwj/a07.md": _doc(46, "强调拆词", "请修订应急**预案**并组织*演练*，见[应急](https://example.com/)管理链接。\n"),
    "fgwj/a08.md": _doc(47, "附件测试", "正文。\n", "attachments:", "  - {file: fj.pdf, title: 独有附件名称词汇}"),
    "fgwj/a09.md": _doc(48, "依申请公开的文件", "秘密词汇甲乙丙。\n", disclosure="依申请公开"),
    "fgwj/a10.md": _doc(49, "不予公开的文件", "秘密词汇丁戊己。\n", "exemption: 涉及国家秘密", disclosure="不予公开"),
    "fgwj/a11.md": _doc(50, "已被替代的旧办法", "旧办法正文。\n", "validity: 失效", "superseded_by: 002986620/202206-00051"),
    "fgwj/a12.md": _doc(51, "替代者独有标题庚辛", "新办法正文。\n"),
    "fgwj/a13.md": _doc(52, "表格单元格", "| 项目 | 金额 |\n|---|---|\n| 防汛物资 | 一百万元 |\n"),
    "fgwj/a14.md": _doc(53, LONG_TITLE, "正文。\n"),
    "fgwj/a16.md": _doc(55, TITLE_Y, "正文。\n"),
    "fgwj/a17.md": _doc(56, TITLE_MARKS, "正文。\n", publisher="Zürich 办事处"),
    "fgwj/a15.md": _doc(54, "圈码与兼容字符", "第Ⅱ部分，①，㈠总则，⑴条款，㎡面积，℃温度，ガス、한국어、café。\n"),
    "fgwj/a18.md": _doc(57, "标记语法跨界", "## 小节标题\n\n小节正文开头。\n\n- 列表甲项\n- 列表乙项\n\n1. 编号甲项\n\n"
                        "| 左格 | 右格 |\n|---|---|\n| 左值 | 右值 |\n\n见[链接正文](https://www.example.gov.cn/lj.html)。"
                        "代码`code_span_q`止。空&nbsp;格，C&amp;D。见注[^1]。\n\n[^1]: 脚注独有文字。\n"),
    "fgwj/a19.md": _doc(58, "机构括号与主题", "正文。\n", "topics: [防灾减灾, 应急救援]", "keywords: [汛期]",
                        publisher="安徽省应急管理厅（省安委办）", validity="废止"),
    "fgwj/a20.md": _doc(59, "表情与重复", f"表情😀与👍🏽，国旗🇨🇳。ababac，丙丁丙丁丁。{LONG_SENTENCE}\n\n" + "填充段落。" * 14000
                        + "\n\n文末独有词壬癸。\n"),
    "fgwj/a21.md": _doc(60, "希腊字母与异体选择符", f"公式ΟΔΟΣΑ与ΑΣ。姓名：葛{IVS}根生，注意❤\ufe0f事项。\n"),
}
QUERIES = (
    "《安全生产“十四五”规划》", "“十四五”", "——落实", "张三·李四", "0551-12345678",
    "皖应急[2024]7号", "皖应急【2024】7号", "（2024）", "皖安监〔2019〕3号", "[2021]",
    "ａｂｃ１２３", "GOVDATA PORTAL", "v2.0", "mixedcase",
    "王𠮷", "𠮷", "﨑山", "豈城", NEWER, NEWER[1], "新字" + NEWER[0],
    "应急管理厅", "防汛抗旱", "安全生产", "值班值守", "应急　管理",
    "a&b公司", "x<y", "©版权", "at&t",
    "应急预案", "演练", "应急管理链接",
    "独有附件名称词汇", "fj.pdf",  # an attachment's title and file name are the document's text
    "发布机构", "文件属性", "有效性", "附件", "附件独有",  # labels, caption and heading every page shows are not
    "秘密词汇", "甲乙丙", "丁戊己",  # only in held-back documents
    "庚辛",  # the replacement's title, quoted in the superseded document's notice
    "金额防汛", "一百万元",
    LONG_TITLE, "标题末尾独特词", "(株)(株)",
    "ii", "〔一〕", "(1)条款", "m2面积", "°c", "ガス", "한국", "cafe", "café",
    "索引号", "202206-00040", "2022", "号", "“", "，", "a",
    "€", "‰", "※", "ㅎ",  # one character in no document (prefix search of an escaped unit)
    "zhōngguó", "zhongguo", "zürich", "豈城",
    "\u200b", "\u00ad \u2060",  # nothing to find: found nowhere, not everywhere
    "修订\ufeff预案", "修订\x85预案",  # terms are split where Python's str.split splits (U+0085 yes, U+FEFF no)
    # across Markdown's constructs: heading into paragraph, list items, a table's cells and rows; a link's
    # text (its address is not shown), a code span, entities; a list number is no text of the page
    "小节标题小节正文", "列表甲项列表乙项", "左值右值", "右格左值", "链接正文", "example.gov.cn", "code_span_q",
    "空格", "c&d", "&amp;", "1. 编号甲项", "编号甲项", "脚注独有文字。", "¶", "↩",
    # attributes as the page shows them: a 发布机构 with either width of parentheses, its parts, the 主题分类
    # joined by 、, 有效性, a date, 索引号 in parts
    "安徽省应急管理厅(省安委办)", "（省安委办）", "省安委办）", "防灾减灾、应急救援", "汛期", "废止", "2022年6月1日",
    "002986620 202206-00058", "202206-00058",
    # emoji with a modifier and a flag; phrases whose tokens repeat (a match starts inside an earlier try)
    "😀", "👍🏽", "👍", "🇨🇳", "国旗🇨🇳。", "abac", "ababac", "丁丙丁丁", "丙丁丙丁丁",
    # a passage pasted whole (68 characters), a word after 200 KB of body, leading and trailing spaces
    LONG_SENTENCE, LONG_SENTENCE[5:] + "填充", "壬癸", "文末独有词壬癸。", "  列表乙项  ",
    # a Greek capital sigma, which lower case writes by context, typed alone or inside a word; a name with a
    # variation selector typed without it; an emoji keyboard's ❤ + U+FE0F for a document's ❤ and back
    "ΔΟΣ", "Σ", "ς", "葛根生", "葛" + IVS + "根", "❤事项", "注意❤\ufe0f",
    # what a reader adds that no document holds: the search stays exact (test_an_empty_answer_offers_…)
    "应急预案？", "皖应急2024 7号", "皖应急〔2024〕7号",
)
FIXED = {
    NEWER: 1, NEWER[1]: 1, "标题末尾独特词": 1, LONG_TITLE: 1,
    "独有附件名称词汇": 1, "fj.pdf": 1, "发布机构": 0, "文件属性": 0, "有效性": 0, "附件": 1, "附件独有": 0, "甲乙丙": 0, "丁戊己": 0, "秘密词汇": 0, "庚辛": 1,
    "皖应急[2024]7号": 2, "应急预案": 1, "cafe": 0, "\u200b": 0, "修订\ufeff预案": 0, "修订\x85预案": 1, "€": 0, "※": 0, "zhōngguó": 1, "zhongguo": 0, "zürich": 1,
    "小节标题小节正文": 1, "脚注独有文字。": 1, "¶": 0, "↩": 0, "左值右值": 1, "example.gov.cn": 0, "1. 编号甲项": 0, "安徽省应急管理厅(省安委办)": 1, "abac": 1, "丁丙丁丁": 1,
    LONG_SENTENCE: 1, "壬癸": 1, "👍": 1, "ΔΟΣ": 1, "Σ": 1, "ς": 1, "葛根生": 1, "葛" + IVS + "根": 1, "❤事项": 1,
    "应急预案？": 0, "皖应急2024 7号": 0, "皖应急〔2024〕7号": 2,
}


def slug(rel: str) -> str:
    return rel.removesuffix("/index.html").removesuffix(".html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile-search")
    (root / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (root / "content" / "catalogue" / "fgwj" / "fj.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return build_site_and_copy(root, MKDOCS_YML, DOCUMENTS)


@pytest.fixture(scope="module")
def expected(built: tuple[Path, Path]) -> dict[str, set[str]]:
    texts = document_texts(built[0])
    return {q: {slug(r) for r in truth(texts, q)} for q in QUERIES}


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    assert errors == []


def test_the_expected_sets_are_what_the_documents_say(expected: dict[str, set[str]]) -> None:
    for query, count in FIXED.items():
        assert len(expected[query]) == count, query


def test_online_results_are_exactly_the_documents_containing_the_query(
        page: Any, built: tuple[Path, Path], expected: dict[str, set[str]]) -> None:
    with serve(built[0]) as root:
        wrong = {}
        for query in QUERIES:
            found, _ = search_answers(page, root, query)
            if {slug(r) for r in found} != expected[query] or len(found) != len(set(found)):
                wrong[query] = (sorted(expected[query]), sorted(slug(r) for r in found))
        assert wrong == {}


def test_offline_results_are_the_same(page: Any, built: tuple[Path, Path], expected: dict[str, set[str]]) -> None:
    root = built[1].as_uri() + "/"
    wrong = {}
    for query in QUERIES:
        found, _ = search_answers(page, root, query, search_page="search.html")
        if {slug(r) for r in found} != expected[query]:
            wrong[query] = (sorted(expected[query]), sorted(slug(r) for r in found))
    assert wrong == {}


def test_result_titles_and_numbers_show_as_written(page: Any, built: tuple[Path, Path]) -> None:
    with serve(built[0]) as root:
        for query, title in (("安全周", TITLE_Y), ("zhōngguó", TITLE_MARKS), ("皖应急〔2024〕7号", "关于印发《安全生产“十四五”规划》的通知")):
            page.goto(f"{root}search/?q={quote(query)}")
            page.wait_for_selector("#gkml-results .gkml-result")
            assert page.locator("#gkml-results .gkml-result-title a").first.inner_text() == title


def test_an_empty_answer_offers_the_query_without_what_no_document_holds(
        page: Any, built: tuple[Path, Path], expected: dict[str, set[str]]) -> None:
    """A trailing ？, a 文号 typed without its brackets: nothing contains them, and the page says
    so and offers the query without them, whose link finds what that query finds."""
    with serve(built[0]) as root:
        for typed, offer in (("应急预案？", "应急预案"), ("皖应急2024 7号", "皖应急〔2024〕7号"),
                             # bidi controls a crafted link holds are not offered back (nor keep the ？ on)
                             ("\u202e应急预案？\u2066", "应急预案"), ("\u202e皖应急2024 7号\u200b", "皖应急〔2024〕7号")):
            page.goto(f"{root}search/?q={quote(typed)}")
            page.wait_for_selector("#gkml-results .gkml-empty-result")
            link = page.locator("#gkml-results .gkml-empty-result a.gkml-retyped")
            assert link.inner_text() == offer
            link.click()
            page.wait_for_selector("#gkml-results .gkml-result")
            assert page.input_value("#gkml-q") == offer
            found = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
            assert {slug(page_of(h, root)) for h in found} == expected[offer] != set()
        page.goto(f"{root}search/?q={quote('€')}")  # nothing to take away: no offer
        page.wait_for_selector("#gkml-results .gkml-empty-result")
        assert page.locator("#gkml-results .gkml-retyped").count() == 0
