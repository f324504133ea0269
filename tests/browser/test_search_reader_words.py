"""What readers type beside the documents' exact words: traditional characters (應急預案), words joined
by + or ，(应急预案+演练) or listed with 、(矿山、整治), and what a picture shows (its alt text), online and from file://."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml_bench.search_quality import document_texts, page_of, truth
from support import build_site_and_copy, doc, serve, small_site_yml

pytestmark = pytest.mark.browser

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
                    "78da63f8cfc0f01f0005000201a5c6a8f40000000049454e44ae426082")


def _doc(title: str, n: int, body: str, *extra: str, **fields: str) -> str:
    return doc(*extra, body=body, title=title, index_no=f"002986620/202405-7{n:04d}",
               created="2024-05-06", published=f"2024-05-{n + 7:02d} 09:00", **fields)


DOCS = {
    "yjgl/rw1.md": _doc("关于开展2024年度应急预案演练的通知", 1,
                        "各县（区）应急管理局：\n\n为检验应急预案的可操作性，定于6月组织开展应急预案演练。\n",
                        category="yjgl"),
    "yjgl/rw2.md": _doc("全市危险化学品事故应急预案（修订）", 2,
                        "本预案适用于全市危险化学品事故应对。各单位应结合实际修订应急预案。\n", category="yjgl"),
    "yjgl/rw3.md": _doc("高层建筑消防安全工作提示", 3,
                        "物业服务企业每半年至少组织一次消防演练。\n\n下一步将修订应急预案。\n", category="yjgl"),
    "yjgl/rw4.md": _doc("安全生产举报奖励办法", 4, "对举报属实的，给予举报人奖励。\n", category="yjgl"),
    "fgwj/rw5.md": _doc("全省应急体系建设“十四五”规划", 5, "到2025年，应急管理体系和能力现代化取得重大进展。\n\n"
                        "![2023年全省森林火灾起数柱状图](rw5-chart.png)\n", "attachments:", "  - {file: rw5-chart.png, title: 统计图}",
                        category="fgwj"),
    "fgwj/rw6.md": _doc("深化“互联网+政务服务”实施方案", 6, "推进“互联网+政务服务”，一网通办。\n", category="fgwj"),
    "fgwj/rw7.md": _doc("政务服务事项清单", 7, "依托互联网平台公布政务服务事项。\n", category="fgwj"),
    "fgwj/rw8.md": _doc("关于港澳地区来皖投资项目备案的办法", 8, "港澳地区投资者来皖投资项目，依法备案。\n",
                        category="fgwj", doc_no="港澳发〔2020〕3号"),
    "fgwj/rw9.md": _doc("全市空气质量状况通报（读者用语九）", 9, "本月全市PM2.5浓度同比下降3.5%。\n\n设备型号：JH-监测站。\n", category="fgwj"),
    "fgwj/rw10.md": _doc("矿山安全专项行动通知（读者用语十）", 10, "开展矿山安全专项整治。\n", category="fgwj"),
    "fgwj/rw11.md": _doc("露天采场综合治理方案（读者用语十一）", 11, "重点任务：矿山、整治、验收。\n", category="fgwj"),
    "fgwj/rw12.md": _doc("部门决算说明（读者用语十二）", 12, "本年支出合计42386.57万元，比上年增加1200万元。\n", category="fgwj"),
}
FILES = {"fgwj/rw5-chart.png": PNG}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("readerwords")
    for rel, data in FILES.items():
        (root / "content" / "catalogue" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "catalogue" / rel).write_bytes(data)
    return build_site_and_copy(root, small_site_yml("读者用语"), DOCS)


@pytest.fixture()
def page(error_free_page: Any) -> Any:
    return error_free_page


def _slug(rel: str) -> str:
    return rel.removesuffix("/index.html").removesuffix(".html").rsplit("/", 1)[-1]


def _answer(page: Any, root: str, search_page: str, query: str) -> tuple[set[str], str, str]:
    """The documents listed for `query`, the all-words note and the empty answer's offer ('' if none)."""
    page.goto(f"{root}{search_page}?q={quote(query)}")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)")
    page.wait_for_selector("#gkml-results:not([aria-busy])")
    hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
    note = page.locator(".gkml-all-words")
    offer = page.locator("#gkml-results .gkml-empty-result a.gkml-retyped")
    return ({_slug(page_of(h, root)) for h in hrefs}, note.inner_text() if note.count() else "",
            offer.inner_text() if offer.count() else "")


def _roots(sites: tuple[Path, Path]) -> Any:
    site, copy = sites
    with serve(site) as root:
        yield root, "search/"
    yield copy.as_uri() + "/", "search.html"


def _expected(sites: tuple[Path, Path], query: str) -> set[str]:
    return {_slug(r) for r in truth(document_texts(sites[0]), query)}


def test_a_traditional_query_is_offered_in_simplified_characters(page: Any, sites: tuple[Path, Path]) -> None:
    """應急預案, 獎勵, 規劃 find nothing on a simplified site; the empty answer offers 改为检索：应急预案, whose
    link finds what 应急预案 finds, online and in the offline copy (file://)."""
    for root, search_page in _roots(sites):
        for typed, offer in (("應急預案", "应急预案"), ("舉報獎勵", "举报奖励"), ("規劃", "规划"),
                             ("應急預案？", "应急预案"), ("應急預案+演練", "应急预案 演练"),
                             ("ＰＭ２．５濃度", "PM2.5浓度")):  # full width as the site writes it
            found, _note, offered = _answer(page, root, search_page, typed)
            assert (found, offered) == (set(), offer), typed
            assert "改为检索：" in page.locator(".gkml-empty-result").inner_text()
            page.locator("a.gkml-retyped").click()
            page.wait_for_selector("#gkml-results .gkml-result")
            assert page.input_value("#gkml-q") == offer
            hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
            assert {_slug(page_of(h, root)) for h in hrefs} == _expected(sites, offer) != set(), typed
        # a simplified query found nowhere offers nothing to retype
        assert _answer(page, root, search_page, "地震速报")[2] == ""


def test_a_traditional_doc_no_in_the_advanced_search_is_offered_in_simplified_characters(
        page: Any, sites: tuple[Path, Path]) -> None:
    """港澳發〔2020〕3號 typed in the advanced search's 文号 box found nothing and offered nothing, where the
    main box offers simplified characters; the offer's link finds the document, its box holding 港澳发〔2020〕3号
    (digits typed full width written as the site writes them)."""
    for root, search_page in _roots(sites):
        page.goto(f"{root}{search_page}?docno={quote('港澳發〔２０２０〕３號')}")
        page.wait_for_selector("#gkml-results .gkml-empty-result")
        assert page.locator("a.gkml-retyped").inner_text() == "文号：港澳发〔2020〕3号"
        page.locator("a.gkml-retyped").click()
        page.wait_for_selector("#gkml-results .gkml-result")
        assert page.input_value("#gkml-docno") == "港澳发〔2020〕3号"
        hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
        assert {_slug(page_of(h, root)) for h in hrefs} == {"002986620-202405-70008"}


def test_a_doc_no_named_as_a_document_is_offered_as_the_doc_no(page: Any, sites: tuple[Path, Path]) -> None:
    """港澳发〔2020〕3号文 (文件): readers name the document its 文号 numbers; found nowhere as typed, the empty
    answer offered nothing. It offers the 文号, brackets restored too, and the offer finds the document."""
    for root, search_page in _roots(sites):
        for typed in ("港澳发〔2020〕3号文", "港澳发〔2020〕3号文件", "港澳发2020 3号文", "港澳发2020年3号文", "港澳发2020年第3号",
                      "港澳发〔2020〕第3号", "港澳发[2020]第3号", "港澳发（2020）第3号", "港澳发【2020】第3号文"):  # 第 in brackets
            assert _answer(page, root, search_page, typed) == (set(), "", "港澳发〔2020〕3号"), typed
            page.locator("a.gkml-retyped").click()
            page.wait_for_selector("#gkml-results .gkml-result")
            hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
            assert {_slug(page_of(h, root)) for h in hrefs} == {"002986620-202405-70008"}, typed


def test_words_joined_by_plus_or_commas_find_the_documents_holding_them_all(
        page: Any, sites: tuple[Path, Path]) -> None:
    """应急预案+演练 (+, ＋, ，, 、): no document holds the query as typed; the reader means every word, and the
    page lists the documents holding them all and says so. A + standing alone between words is no word.
    A query some document holds as typed (互联网+政务服务) is answered as typed."""
    both = _expected(sites, "应急预案 演练")
    assert both == {"002986620-202405-70001", "002986620-202405-70003"}
    for root, search_page in _roots(sites):
        for typed in ("应急预案+演练", "应急预案＋演练", "应急预案，演练", "应急预案；演练", "+应急预案 +演练"):
            found, note, _offer = _answer(page, root, search_page, typed)
            assert found == both == _expected(sites, typed), typed  # the benchmark's truth models the fallback
            assert note == f"没有文件含有“{typed}”原文；以下是同时含有“应急预案”“演练”的文件。", typed
        for typed in ("应急预案 + 演练", "应急预案 ＋ 演练"):
            assert _answer(page, root, search_page, typed)[:2] == (both, "") and _expected(sites, typed) == both, typed
        assert _answer(page, root, search_page, "互联网+政务服务")[:2] == (_expected(sites, "互联网+政务服务"), "")
        assert _expected(sites, "互联网+政务服务") == {"002986620-202405-70006"}


def test_words_listed_with_a_dunhao_are_every_word_as_a_space_would_be(page: Any, sites: tuple[Path, Path]) -> None:
    """矿山、整治: a 、 lists words. The page searched the phrase, so a document writing 矿山、整治 was the only answer
    (rw11, not rw10, which holds both words apart), and 整治、矿山, which no text holds, was answered by the told
    all-words fallback the benchmark counted as wrong. A 、 separates words as a space does, on the page and in the
    truth: both documents, no note, however the words are listed or quoted."""
    both = {"002986620-202405-70010", "002986620-202405-70011"}
    assert _expected(sites, "矿山 整治") == _expected(sites, "矿山、整治") == both
    for root, search_page in _roots(sites):
        for typed in ("矿山、整治", "整治、矿山", "“矿山”、“整治”", "矿山、整治、", "矿山､整治"):
            assert _answer(page, root, search_page, typed) == (both, "", ""), typed
        assert _answer(page, root, search_page, "应急预案、演练")[:2] == (_expected(sites, "应急预案 演练"), "")


def test_a_number_a_quoted_word_or_a_dashed_index_number_is_offered_as_texts_write_it(
        page: Any, sites: tuple[Path, Path]) -> None:
    """42,386.57万元 (tables write 42386.57万元) was split at its comma by the all-words fallback (42 and 386.57万元,
    told); “十四五”应急体系, found nowhere, was offered as 十四五”应急体系, half a pair of quotes; an index number typed
    with a dash for its / offered nothing. A thousands separator splits nothing and is offered without it; quotes
    inside a word are offered as the words they set apart; the index number as the pages write it."""
    for root, search_page in _roots(sites):
        for typed, offer, want in (("42,386.57万元", "42386.57万元", {"002986620-202405-70012"}),
                                   ("４２，３８６．５７万元", "42386.57万元", {"002986620-202405-70012"}),
                                   ("1,200万元", "1200万元", {"002986620-202405-70012"}),
                                   ("“十四五”应急体系", "十四五 应急体系", {"002986620-202405-70005"}),
                                   ("002986620-202405-70003", "002986620/202405-70003", {"002986620-202405-70003"})):
            assert _answer(page, root, search_page, typed) == (set(), "", offer), typed
            assert _expected(sites, typed) == set() and _expected(sites, offer) == want, typed
            page.locator("a.gkml-retyped").click()
            page.wait_for_selector("#gkml-results .gkml-result")
            hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
            assert {_slug(page_of(h, root)) for h in hrefs} == want, typed
        found, note, _offer = _answer(page, root, search_page, "42386.57万元，1200万元")  # a comma between words
        assert found == {"002986620-202405-70012"} and note, note


def test_a_slash_or_hyphen_between_words_finds_the_documents_holding_both(page: Any, sites: tuple[Path, Path]) -> None:
    """应急预案/演练 and 应急预案-演练 were searched as typed and found nothing (then as words only with
    the note that no document holds them as typed): the reader means both words, as a space would. A / or -
    in a number is the number's (an index number is found as typed)."""
    both = _expected(sites, "应急预案 演练")
    assert both == _expected(sites, "应急预案/演练") == {"002986620-202405-70001", "002986620-202405-70003"}
    for root, search_page in _roots(sites):
        for typed in ("应急预案/演练", "应急预案－演练", "应急预案 / 演练"):
            assert _answer(page, root, search_page, typed)[:2] == (both, ""), typed
        assert _answer(page, root, search_page, "002986620/202405-70003")[0] == {"002986620-202405-70003"}


def test_a_pictures_alt_text_is_searchable(page: Any, sites: tuple[Path, Path]) -> None:
    """The editor's words for a chart (![2023年全省森林火灾起数柱状图](…)) are found, and the excerpt shows them."""
    assert _expected(sites, "森林火灾起数") == {"002986620-202405-70005"}
    for root, search_page in _roots(sites):
        found, _note, _offer = _answer(page, root, search_page, "森林火灾起数")
        assert found == {"002986620-202405-70005"}
        assert "森林火灾起数" in page.locator("#gkml-results .gkml-result").first.inner_text()


def test_a_word_led_by_a_minus_is_searched_as_typed_and_the_page_says_so(
        page: Any, sites: tuple[Path, Path]) -> None:
    """应急预案 -演练 excludes 演练 in other search engines; this site excludes nothing, and listed the documents
    holding 应急预案 and 演练, the opposite, unsaid. It searches -演练 as typed (no document holds it), says words
    are not excluded, offers the query without them, and lists what a word led by - finds as typed
    (JH-监测站 holds -监测站)."""
    note = "本站检索不能排除词语，“-演练”按原文查找。"
    for root, search_page in _roots(sites):
        for typed in ("应急预案 -演练", "应急预案 －演练"):
            assert _answer(page, root, search_page, typed) == (set(), "", "应急预案"), typed
            assert note in page.locator(".gkml-empty-result").inner_text()
            page.locator("a.gkml-retyped").click()
            page.wait_for_selector("#gkml-results .gkml-result")
            hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
            assert {_slug(page_of(h, root)) for h in hrefs} == _expected(sites, "应急预案") != set()
            assert page.locator(".gkml-no-exclusion").count() == 0
        assert _answer(page, root, search_page, "-演练")[2] == ""  # nothing left to offer
        assert note in page.locator(".gkml-empty-result").inner_text()
        found = _answer(page, root, search_page, "-监测站")[0]
        assert found == _expected(sites, "-监测站") == {"002986620-202405-70009"}
        assert page.locator(".gkml-no-exclusion").inner_text() == "本站检索不能排除词语，“-监测站”按原文查找。"
        assert _answer(page, root, search_page, "-5")[0] == set() and page.locator(".gkml-no-exclusion").count() == 0


def test_quotes_around_the_query_or_a_word_are_phrase_marks_not_text(page: Any, sites: tuple[Path, Path]) -> None:
    """"应急预案" (typed from habit: other engines' phrase marks) found nothing, and the offer said the search
    was exact already. Quotes around the query or a word are dropped (the search is exact: they are not needed,
    the page says so); inside a word (“十四五”规划) they are text."""
    note = "本站检索按原文逐字查找，无需加引号。"
    for root, search_page in _roots(sites):
        for typed in ('"应急预案"', "“应急预案”", "＂应急预案＂", "「应急预案」", '"应急预案 演练"', "“应急预案” ‘演练’"):
            words = typed.strip('"“”「」＂').replace("” ‘", " ").replace("’", "")
            found, _, offer = _answer(page, root, search_page, typed)
            assert found == _expected(sites, words) != set() and offer == "", typed
            assert page.locator(".gkml-no-quotes").inner_text() == note, typed
        found, _, offer = _answer(page, root, search_page, "“十四五”规划")
        assert found == {"002986620-202405-70005"} and page.locator(".gkml-no-quotes").count() == 0
        assert _answer(page, root, search_page, "“没有文件的词语”") == (set(), "", "")
        assert note in page.locator("#gkml-results").inner_text()
