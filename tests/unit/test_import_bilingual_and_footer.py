"""`gkml import` on bilingual labels, names a <br> stacks in one cell, and the agency a page's footer names."""

from __future__ import annotations

import pytest
from gkml.importer.labels import key_of, pairs_in_line
from gkml.importer.page import parse_page
from gkml.importer.siteowner import site_owner


@pytest.mark.parametrize(("label", "key"), [
    ("Index No.：", "index_no"), ("索引号 Index No.：", "index_no"), ("Index No. 索引号", "index_no"),
    ("索引号/Index No:", "index_no"), ("Issued by：", "publisher"), ("ISSUED BY", "publisher"),
    ("发布机构（Issued by）：", "publisher"), ("Date of issue：", "created"), ("Document No.：", "doc_no"),
    ("Date of publication", "published"), ("Title：", "title"),
    ("Issued on behalf of：", None), ("附件 Attachment：", None), ("报送单位 Issued by：", None),
])
def test_english_and_bilingual_labels_name_their_field(label: str, key: str | None) -> None:
    assert key_of(label) == key


def test_english_labels_on_one_line_each_end_at_the_next() -> None:
    line = "Index No.: 002986620/2024-00032\u00a0\u00a0\u00a0Issued by: 安徽省应急管理厅"
    assert [(key_of(label), value) for label, value in pairs_in_line(line)] == [
        ("index_no", "002986620/2024-00032"), ("publisher", "安徽省应急管理厅")]


def page(cells: str, title: str = "关于印发2022年度监督检查计划的通知") -> str:
    return f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body><table>
<tr><td>索引号：</td><td>002986620/2022-00141</td><td>发布机构：</td><td>{cells}</td></tr>
<tr><td>生成日期：</td><td>2022-03-01</td><td>文号：</td><td>合应急〔2022〕105号</td></tr></table>
<h1>{title}</h1><div><p>各县（市）区应急管理局：</p>
<p>现将《2022年度监督检查计划》印发给你们，请认真贯彻执行，确保各项工作落到实处。</p></div></body></html>"""


def test_two_agencies_a_br_stacks_in_one_cell_stay_two_names() -> None:
    """'市应急局<br>市财政局' was read 市应急局市财政局: a <br> between ideographs vanished as a source line break does."""
    parsed = parse_page(page("市应急局<br>\n市财政局").encode("utf-8"), "joint_br.html")
    assert parsed.publisher == "市应急局 市财政局"


def test_a_name_a_br_breaks_to_fit_stays_one_name() -> None:
    parsed = parse_page(page("安徽省应急<br>管理厅").encode("utf-8"), "broken_name.html")
    assert parsed.publisher == "安徽省应急管理厅"


@pytest.mark.parametrize(("lines", "owner"), [
    (["主办单位：合肥市应急管理局　　承办单位：合肥市数据资源局", "版权所有：合肥市人民政府"], "合肥市应急管理局"),
    (["Copyright © 2025 庐江县应急管理局 All Rights Reserved"], "庐江县应急管理局"),
    (["庐江县应急管理局 版权所有　地址：庐江县文昌路1号"], "庐江县应急管理局"),
    (["版權所有：香港特別行政區政府保安局"], "香港特別行政區政府保安局"),
    (["主办：安徽省人民政府办公厅 皖ICP备05001234号"], "安徽省人民政府办公厅"),
    (["联系我们 | 网站地图", "皖ICP备05001234号"], None),
    (["主 办 单 位：合肥市应急管理局　　承 办 单 位：合肥市数据资源局"], "合肥市应急管理局"),
    (["版　权　所　有：庐江县应急管理局"], "庐江县应急管理局"),
])
def test_the_footer_names_the_site_s_agency(lines: list[str], owner: str | None) -> None:
    assert site_owner(lines) == owner


def test_a_copyright_in_the_article_is_not_the_site_s_owner() -> None:
    markup = page("").replace("落到实处。</p>", "落到实处。</p><p>本文版权所有：某某日报社，转载请注明出处。</p>"
                              "<p style='text-align:right'>2022年3月1日</p>")
    assert parse_page(markup.encode("utf-8"), "article_copyright.html").site_owner is None


@pytest.mark.parametrize("said", [
    "2020-03-05 下午3:30", "2020-03-05 上午9:05", "2020-03-05 晚上8:30", "2020-03-05 中午12:30",
    "2020-03-05 中午1:05", "2020-03-05 3:30 PM", "2020-03-05 12:30 AM", "2020-03-05 12:30 PM",
    "2020-03-05 上午12:30", "2020-03-05 晚上12:00", "2020-03-05 下午13:00", "2020-03-05 上午0:30",
])
def test_the_importer_and_the_check_read_a_12_hour_time_alike(said: str) -> None:
    """One rule (profile.clock): the importer read 晚上12:00 as noon; the check did not know 晚上8:30 or
    3:30 PM at all."""
    from gkml.content.dateslips import iso_date
    from gkml.importer.dates import published_value

    checked = iso_date(said, with_time=True)
    assert published_value(said) == (checked or said[:10])
    assert (checked is None) == (said[11:] in ("晚上12:00", "下午13:00", "上午0:30"))


@pytest.mark.parametrize(("said", "value"), [
    ("2020-03-05 上午12:30", "2020-03-05 00:30"), ("2020-03-05 12:30 AM", "2020-03-05 00:30"),
    ("2020-03-05 下午12:30", "2020-03-05 12:30"), ("2020-03-05 12:30 PM", "2020-03-05 12:30"),
    ("2020-03-05 早上12:05", "2020-03-05 00:05"),
])
def test_12_in_the_morning_is_just_past_midnight(said: str, value: str) -> None:
    """上午12:30 is 12:30 AM (00:30), as a CMS printing a stored 00:30 on a 12-hour clock writes it; it was
    imported as the bare date, its time lost, and the check offered no correction."""
    from gkml.content.dateslips import iso_date
    from gkml.importer.dates import published_value

    assert published_value(said) == value
    assert iso_date(said, with_time=True) == value


@pytest.mark.parametrize(("written", "title"), [
    ("安徽省应急管理厅<br>关于转发应急管理部办公厅关于做好汛期工作的通知",
     "安徽省应急管理厅关于转发应急管理部办公厅关于做好汛期工作的通知"),
    ("安徽省应急管理厅<br>安徽省财政厅关于印发专项资金管理办法的通知", "安徽省应急管理厅 安徽省财政厅关于印发专项资金管理办法的通知"),
])
def test_a_title_cell_a_br_breaks_after_its_issuer(written: str, title: str) -> None:
    """An agency's name then 关于转发 another's: the title's words, not a second issuer (no space between)."""
    markup = page("安徽省应急管理厅").replace("</table>", f"<tr><td>名称：</td><td colspan='3'>{written}</td></tr></table>")
    assert parse_page(markup.encode("utf-8"), "title_br_issuer.html").title == title


def notice(tail: str) -> bytes:
    return f"""<html><head><meta charset="utf-8"><title>关于开展2023年安全生产大检查的通知</title></head><body>
<h1>关于开展2023年安全生产大检查的通知</h1><div class="info">发布时间：2023-04-12 10:20</div>
<div class="content"><p>各县（市）区应急管理局：</p><p>为深入贯彻落实安全生产责任制，有效防范遏制重特大事故，决定开展安全生产大检查。</p>
<p>主办单位：合肥市安全生产委员会办公室</p><p>承办单位：合肥市应急管理局</p>
<p>请各单位认真组织，按时报送检查情况，确保检查工作取得实效。</p>
<p style="text-align:right">2023年4月11日</p></div>{tail}</body></html>""".encode()


def test_a_footer_of_only_the_site_s_organiser_and_address_is_not_the_body() -> None:
    """'主办单位：…' and '地址：…' below the 落款, no 版权所有 or ICP line: published as the body's last lines."""
    parsed = parse_page(notice("<div class='foot'><p>主办单位：合肥市应急管理局</p>"
                               "<p>地址：合肥市政务区怀宁路1号　邮编：230071</p></div>"), "footer_no_icp.html")
    assert parsed.body_markdown.rstrip().endswith("2023年4月11日"), parsed.body_markdown
    assert "主办单位：合肥市安全生产委员会办公室" in parsed.body_markdown  # the notice's own organiser stays
    assert parsed.site_owner == "合肥市应急管理局"


def test_a_contact_line_below_the_date_stays_in_the_body() -> None:
    parsed = parse_page(notice("<p>联系电话：0551-62345678</p>"), "contact_after_date.html")
    assert parsed.body_markdown.rstrip().endswith("联系电话：0551-62345678")
    assert parsed.site_owner is None


@pytest.mark.parametrize(("said", "value"), [
    ("10 June 2024", "2024-06-10"), ("June 10, 2024 3:30 PM", "2024-06-10 15:30"), ("10th Jun. 2024", "2024-06-10"),
    ("May 2024", None), ("31 June 2024", None), ("maybe 10 2024", None),
])
def test_a_bilingual_page_s_english_date(said: str, value: str | None) -> None:
    from gkml.importer.dates import published_value

    assert published_value(said) == value


def test_english_labels_with_english_dates() -> None:
    markup = page("安徽省应急管理厅").replace("<td>生成日期：</td><td>2022-03-01</td>",
                                         "<td>Date of issue：</td><td>1 March 2022</td>")
    assert parse_page(markup.encode("utf-8"), "english_date.html").created.isoformat() == "2022-03-01"


@pytest.mark.parametrize("footer", [
    "<p>主 办 单 位：合肥市应急管理局</p><p>地　　址：合肥市政务区怀宁路1号</p>",
    "<p>主 办 单 位：合肥市应急管理局　　承 办 单 位：合肥市数据资源局</p>",
    "<p>版 权 所 有：合肥市应急管理局</p>",
])
def test_a_letter_spaced_footer_is_the_footer(footer: str) -> None:
    """'主 办 单 位：', '版 权 所 有' (a label letter-spaced, as old footers print it) were not known: the footer
    was published as the body's last lines and its agency not offered as 发布机构."""
    parsed = parse_page(notice(f"<div class='foot'>{footer}</div>"), "footer_letter_spaced.html")
    assert parsed.body_markdown.rstrip().endswith("2023年4月11日"), parsed.body_markdown
    assert parsed.site_owner == "合肥市应急管理局"
