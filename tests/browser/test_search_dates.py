"""A reader finds a document by the dates its page shows (生成日期, 发布日期), typed as the page
shows them (2024年3月2日) or as its <time datetime> writes them (2024-03-02), online and from
file://, and by a day its body writes otherwise (2024.3.2, 2024/03/07) typed either way; and a listing's 内容概述 made from a body's prose, not its tables' cells.

Each query's expected count is written down as well as checked against substring truth
(gkml_bench.search_quality), so a wrong truth cannot hide a wrong search.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from support import (
    build_site_and_copy,
    doc,
    found_online_and_offline,
    serve,
    small_site_yml,
)

pytestmark = pytest.mark.browser

EXTENSIONS = "markdown_extensions: [tables]\n"
TABLE = "| 序号 | 单位 | 金额（万元） |\n|---|---|---|\n| 1 | 合肥市 | 120 |\n| 2 | 芜湖市 | 80 |\n"

DOCS = {
    "fgwj/dt1.md": doc(body="各有关单位：\n\n请按要求做好汛期值班。\n", title="汛期值班安排的通知（日期检索一）",
                       index_no="002986620/202403-91001", created="2024-03-02", published="2024-03-05 10:00"),
    "fgwj/dt2.md": doc(body="本办法自2024年3月2日起施行。\n", title="资金管理办法（日期检索二）",
                       index_no="002986620/202403-91002", created="2024-03-20", published="2024-03-21 09:00"),
    "fgwj/dt3.md": doc(body=TABLE + "\n为做好专项资金分配工作，现将有关情况公告如下。\n", title="专项资金分配公告（日期检索三）",
                       index_no="002986620/202311-91003", created="2023-11-02", published="2023-11-03 09:00"),
    "fgwj/dt4.md": doc(body=TABLE, title="专项资金分配表（日期检索四）",
                       index_no="002986620/202311-91004", created="2023-11-12", published="2023-11-13 09:00"),
    "fgwj/dt5.md": doc(body="防汛会商会于2024.3.2召开，纪要2024/03/07印发，2022.10.09起执行。\n", title="防汛会商纪要（日期检索五）",
                       index_no="002986620/202203-91005", created="2022-03-01", published="2022-03-02 09:00"),
    "fgwj/dt6.md": doc(body="本规定（二O一九年十二月印发，二○一八年修订）请遵照执行，会期二〇二一年七月一日至三日。\n\n二〇二一年六月十五日\n",
                       title="值班工作规定（日期检索六）", index_no="002986620/202406-91006", created="2024-06-01",
                       published="2024-06-02 09:00"),
    "fgwj/dt7.md": doc(body="2025年5月\n", title="值班表（日期检索七）", index_no="002986620/202407-91007",
                       created="2024-07-01", published="2024-07-02 09:00"),
    "fgwj/dt8.md": doc(body="培训于2025.4.8-10举办，报名时间2025年6月1-3日。\n", title="培训通知（日期检索八）",
                       index_no="002986620/202407-91008", created="2024-07-03", published="2024-07-04 09:00"),
    # one range in three styles, and one without its year (search, seventeenth round)
    "fgwj/dt9.md": doc(body="报名时间2026.5.11-14。\n", title="报名通知（日期检索九）", index_no="002986620/202309-91009",
                       created="2023-09-01", published="2023-09-02 09:00"),
    "fgwj/dt10.md": doc(body="会期2026年5月11日至14日。\n", title="会议通知（日期检索十）", index_no="002986620/202309-91010",
                        created="2023-09-03", published="2023-09-04 09:00"),
    "fgwj/dt11.md": doc(body="培训于2026.5.11至6月2日举办。\n", title="培训安排（日期检索十一）", index_no="002986620/202309-91011",
                        created="2023-09-05", published="2023-09-06 09:00"),
    "fgwj/dt12.md": doc(body="会期5月20日至22日，地点另行通知。\n", title="会议预告（日期检索十二）", index_no="002986620/202309-91012",
                        created="2023-09-07", published="2023-09-08 09:00"),
    # a range ending on a dotted day after a full date, and one whose first day is impossible (eighteenth round)
    "fgwj/dt13.md": doc(body="征求意见时间2027年3月2日至4.1。\n", title="征求意见公告（日期检索十三）",
                        index_no="002986620/202309-91013", created="2023-09-09", published="2023-09-10 09:00"),
    "fgwj/dt14.md": doc(body="值守时间2027年2月30日至3月9日，备勤2月30日至9日。\n", title="值守安排（日期检索十四）", index_no="002986620/202309-91014",
                        created="2023-09-11", published="2023-09-12 09:00"),
}

EXPECTED = {
    "2024-03-02": 3,  # dt1's 生成日期 (not dt2's 2024-03-20), dt2's body 2024年3月2日, dt5's 2024.3.2
    "2024年3月2日": 3,  # dt1's 生成日期 as shown, dt2's body, dt5's body 2024.3.2
    "2024年3月7日": 1, "2024-03-07": 1, "2022年10月9日": 1, "2022-10-09": 1,  # dt5's 2024/03/07, 2022.10.09
    "2024.3.2": 1, "2024.03.02": 0,  # other forms as typed
    "2024-03-05": 1, "2024年3月5日": 1,  # dt1's 发布日期
    "2024-03": 3, "2023-11-13": 1, "2023年11月3日": 1,
    "2024-03-05T10:00": 0,  # no time of day is shown
    # dt6's 落款 and its months and years in Chinese numerals (二〇二一年六月十五日, 二O一九年十二月, 二○一八年)
    "2021年6月15日": 1, "2021-06-15": 1, "2021-06": 1, "2021年6月": 1, "2019年12月": 1, "2019-12": 1, "2018年": 1,
    "二〇二一年六月十五日": 1, "2021.6.15": 0, "2021年7月3日": 1, "2021-07-03": 1,  # a range's end (七月一日至三日)
    "2025-05": 1, "2025年5月": 1,  # dt7's body, a month alone
    "2025年4月10日": 1, "2025-04-10": 1, "2025年4月9日": 0, "2025-06-03": 1, "2025年6月1日": 1,  # dt8's ranges' ends
    # dt9-dt11's range in three styles; dt11's end is 6月2日, no 5月6日; dt12's without its year
    "2026年5月11日": 3, "2026-05-14": 2, "2026年5月14日": 2, "2026年6月2日": 1, "2026-06-02": 1, "2026年5月6日": 0,
    "5月22日": 1, "5月14日": 2, "2026年5月22日": 0,
    # dt13's 至4.1 is 2027年4月1日; dt14's range starts on no day, so neither end is read
    "2027年4月1日": 1, "2027-04-01": 1, "2027年3月2日": 1, "2027年3月9日": 0, "2027-03-09": 0, "2月9日": 0, "3月9日": 1,
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("dates")
    yml = small_site_yml("日期检索").replace("plugins:", EXTENSIONS + "plugins:")
    return build_site_and_copy(root, yml, DOCS)


def test_a_date_the_page_shows_finds_the_document(browser, sites: tuple[Path, Path]) -> None:
    want, online, offline = found_online_and_offline(browser, *sites, EXPECTED)
    assert {q: len(found) for q, found in want.items()} == EXPECTED
    assert (online, offline) == (want, want)


def test_a_listing_summarises_the_prose_not_the_table(browser, sites: tuple[Path, Path]) -> None:
    site, _copy = sites
    listing = next(p for p in sorted(site.rglob("index.html"))
                   if "日期检索四" in (t := p.read_text("utf-8")) and 'class="gkml-doc"' not in t)
    page = browser.new_page()
    with serve(site) as root:
        page.goto(root + listing.relative_to(site).parent.as_posix() + "/")
        rows = page.locator("tr", has=page.locator("td.gkml-table__summary"))
        shown = {row.locator("a").first.inner_text(): row.locator("td.gkml-table__summary").inner_text()
                 for row in rows.all()}
    page.close()
    assert shown["专项资金分配公告（日期检索三）"] == "为做好专项资金分配工作，现将有关情况公告如下。"
    assert shown["专项资金分配表（日期检索四）"] == "序号 单位 金额（万元）；1 合肥市 120；2 芜湖市 80"


def test_a_day_typed_as_no_document_writes_it_is_offered_as_the_pages_show_one(browser, sites: tuple[Path, Path]) -> None:
    """2024.3.7 (dt5 writes 2024/03/07) found nothing and offered nothing; the empty answer offers 2024年3月7日,
    which finds the document, online and from file://; so does 二〇二四年三月七日, typed as a 落款 writes it, and 2024-3-7.
    A day typed as the pages write one offers nothing (it would find nothing more)."""
    site, copy = sites
    page = browser.new_page()
    try:
        with serve(site) as root:
            for base, search_page in ((root, "search/"), (copy.as_uri() + "/", "search.html")):
                for typed in ("2024.3.7", "2024/3/7", "2024年03月07日", "2024.03.07。", "二〇二四年三月七日", "二O二四年三月七日。",
                              "2024-3-7"):
                    page.goto(f"{base}{search_page}?q={quote(typed)}")
                    page.wait_for_selector("#gkml-results .gkml-empty-result")
                    assert page.locator("a.gkml-retyped").inner_text() == "2024年3月7日", typed
                    page.locator("a.gkml-retyped").click()
                    page.wait_for_selector("#gkml-results .gkml-result")
                    assert page.locator(".gkml-result-title a").all_inner_texts() == ["防汛会商纪要（日期检索五）"]
                for typed in ("2024-03-08", "2024年3月8日", "2019年11月"):  # as the pages write a day: nothing to offer
                    page.goto(f"{base}{search_page}?q={quote(typed)}")
                    page.wait_for_selector("#gkml-results .gkml-empty-result")
                    assert page.locator("a.gkml-retyped").count() == 0, typed
    finally:
        page.close()


def test_a_range_typed_in_any_style_is_offered_as_its_two_days(browser, sites: tuple[Path, Path]) -> None:
    """2026年5月11-14日 was offered as 2026年5月11日 (dt9-dt11: dt11's range ends on 6月2日) and 2026/5/11-14 as
    2026年5月14日: a range's offer depended on how it was typed. Both offer the two days, which find the range written
    in any style (dt9, dt10), online and from file://; a range without its year, its two days without one."""
    site, copy = sites
    page = browser.new_page()
    try:
        with serve(site) as root:
            for base, search_page in ((root, "search/"), (copy.as_uri() + "/", "search.html")):
                for typed, offer, titles in (
                        ("2026年5月11-14日", "2026年5月11日 2026年5月14日", ["会议通知（日期检索十）", "报名通知（日期检索九）"]),
                        ("2026/5/11-14", "2026年5月11日 2026年5月14日", ["会议通知（日期检索十）", "报名通知（日期检索九）"]),
                        ("2026年5月11日-6月2日", "2026年5月11日 2026年6月2日", ["培训安排（日期检索十一）"]),
                        ("5月20-22日", "5月20日 5月22日", ["会议预告（日期检索十二）"]),
                        ("2027年3月2日-4.1", "2027年3月2日 2027年4月1日", ["征求意见公告（日期检索十三）"])):
                    page.goto(f"{base}{search_page}?q={quote(typed)}")
                    page.wait_for_selector("#gkml-results .gkml-empty-result")
                    assert page.locator("a.gkml-retyped").inner_text() == offer, typed
                    page.locator("a.gkml-retyped").click()
                    page.wait_for_selector("#gkml-results .gkml-result")
                    assert sorted(page.locator(".gkml-result-title a").all_inner_texts()) == titles, typed
    finally:
        page.close()


def test_a_day_found_as_typed_otherwise_shows_the_sentence_writing_it(browser, sites: tuple[Path, Path]) -> None:
    """2024年3月7日 finds dt5, whose body writes 2024/03/07; its excerpt was the added segment alone (2024年3月7日),
    not the body's sentence. It shows the sentence, the day as written marked, online and from file://."""
    site, copy = sites
    page = browser.new_page()
    try:
        with serve(site) as root:
            for base, search_page in ((root, "search/"), (copy.as_uri() + "/", "search.html")):
                for typed, written, words in (("2024年3月7日", "2024/03/07", "防汛会商会于"), ("2022-10-09", "2022.10.09", "起执行"),
                                              ("2021-06-15", "二〇二一年六月十五日", "遵照执行"),
                                              ("2019-12", "二O一九年十二月", "本规定"), ("2025-05", "2025年5月", ""),
                                              ("2025-04-10", "2025.4.8-10", "培训于"),
                                              ("2025-06-03", "2025年6月1-3日", "报名时间")):
                    page.goto(f"{base}{search_page}?q={quote(typed)}")
                    page.wait_for_selector("#gkml-results .gkml-result")
                    excerpt = page.locator(".gkml-result-excerpt").inner_html()
                    assert words in excerpt and f"<mark>{written}</mark>" in excerpt, (typed, excerpt)
    finally:
        page.close()
