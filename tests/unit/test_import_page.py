"""The reading stages of `gkml import` on the real legacy sample (text and HTML, UTF-8/GBK/GB18030)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from gkml.content.encoding import decode
from gkml.importer.dates import parse_date
from gkml.importer.document import render_document
from gkml.importer.markdown import heading_level
from gkml.importer.page import LegacyPage, parse_page
from gkml.importer.plan import Planned
from gkml.importer.text import normalise_punctuation


def parse_legacy(data: bytes, name: str) -> LegacyPage:
    return parse_page(data, name)


def parse_legacy_text(text: str) -> LegacyPage:
    return parse_page(text.encode("utf-8"), "page.txt")


def parse_legacy_html(markup: str) -> LegacyPage:
    return parse_page(markup.encode("utf-8"), "page.html")


def parse_signed_date(line: str) -> str | None:
    found = parse_date(line)
    return found.isoformat() if found else None
from hypothesis import given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parents[1] / "fixtures" / "legacy"
TEXT = FIXTURES / "annual-report-2010.txt"
GBK_HTML = FIXTURES / "annual-report-2010.gbk.html"
GB18030_HTML = FIXTURES / "annual-report-2010.gb18030.html"

TITLE = "省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告"
HEADINGS = (
    "一、加强组织领导,继续深入推进政务公开工作",
    "二、加强平台建设,创新政务公开手段",
    "三、围绕热点焦点,拓宽政务公开的深度和广度",
    "四、以“制度执行年”为中心,构建政府信息公开保障体系",
    "五、以群众满意为目标,努力提高窗口服务效能",
)
CHROME = ("您所在的位置", "字体", "[] []", "[]", "保护视力色", "分享到", "阅读", "打印本页", "关闭窗口",
          "版权所有", "ICP", "visitCount", "document.write", "&nbsp;", "\u00a0", "\u3000", "bdshare")


def original_paragraphs() -> list[str]:
    """The sample's body, read independently of the parser: the lines between the
    发布时间 line and the closing date, as printed."""
    lines = TEXT.read_text("utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("发布时间")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("分享到"))
    body = [line.replace("\u00a0", " ").strip() for line in lines[start:end]]
    return [line for line in body if line]  # the page's punctuation as printed (ASCII ',' and ':' too)


def markdown_blocks(page: LegacyPage) -> list[str]:
    return [re.sub(r"^#{2,3} ", "", block) for block in page.body_markdown.rstrip("\n").split("\n\n")]


@pytest.fixture(scope="module", params=["text", "gbk-html"])
def page(request: pytest.FixtureRequest) -> LegacyPage:
    path = TEXT if request.param == "text" else GBK_HTML
    return parse_legacy(path.read_bytes(), path.name)


def test_the_header_fields(page: LegacyPage) -> None:
    assert page.title == TITLE
    assert page.published == "2010-12-07 08:54"
    assert page.source == "安徽省应急管理厅"
    assert page.breadcrumb == ("首页", "信息公开", "安徽省应急管理厅信息公开年报")


def test_the_encoding_is_detected() -> None:
    assert parse_legacy(TEXT.read_bytes(), TEXT.name).encoding == "UTF-8"
    assert parse_legacy(GBK_HTML.read_bytes(), GBK_HTML.name).encoding == "GBK"
    assert parse_legacy(GB18030_HTML.read_bytes(), GB18030_HTML.name).encoding == "GB18030"


def test_no_chrome_remains(page: LegacyPage) -> None:
    for word in CHROME:
        assert word not in page.body_markdown, word
    assert "  " not in page.body_markdown
    assert all(line == line.rstrip() for line in page.body_markdown.split("\n"))


def test_every_paragraph_of_the_body_is_kept_in_order(page: LegacyPage) -> None:
    original = original_paragraphs()
    assert len(original) == 26
    assert list(page.paragraphs) == original
    assert markdown_blocks(page) == original


def test_the_five_top_level_headings(page: LegacyPage) -> None:
    headings = [line for line in page.body_markdown.split("\n") if line.startswith("#")]
    assert headings == [f"## {h}" for h in HEADINGS]


def test_the_closing_date_without_a_year_is_not_guessed(page: LegacyPage) -> None:
    assert page.paragraphs[-1] == "年十二月三日"
    assert page.signed_date is None


def test_fields_the_text_page_does_not_state_are_none() -> None:
    page = parse_legacy(TEXT.read_bytes(), TEXT.name)
    assert (page.index_no, page.doc_no, page.publisher, page.created) == (None, None, None, None)
    assert page.format == "text"


def test_the_attribute_table_of_the_html_page() -> None:
    page = parse_legacy(GBK_HTML.read_bytes(), GBK_HTML.name)
    assert page.format == "html"
    assert page.index_no == "002986620/201012-00015"
    assert page.publisher == "安徽省安全生产监督管理局"
    assert str(page.created) == "2010-12-03"
    assert page.topics == "政务公开"
    assert page.doc_no is None  # the 发文字号 cell is empty


def test_the_gb18030_page_keeps_its_rare_characters() -> None:
    page = parse_legacy(GB18030_HTML.read_bytes(), GB18030_HTML.name)
    assert page.encoding == "GB18030"
    assert "联系人:王𠮷、刘䶮,联系电话:0551-62999999。" in page.paragraphs
    assert "𠮷" in page.body_markdown
    assert page.title == TITLE


# --- decoding ---------------------------------------------------------------


def test_decode_utf8_with_and_without_bom() -> None:
    assert decode("发布时间".encode()) == ("发布时间", "UTF-8")
    assert decode(b"\xef\xbb\xbf" + "来源".encode()) == ("来源", "UTF-8")


def test_decode_gbk_gb18030_and_declarations() -> None:
    assert decode("安徽省应急管理厅".encode("gbk")) == ("安徽省应急管理厅", "GBK")
    assert decode("王𠮷".encode("gb18030")) == ("王𠮷", "GB18030")
    # A page that says gb2312 but uses a GBK-only character (镕) is still read.
    page = '<meta charset="gb2312"><p>朱镕基</p>'
    assert decode(page.encode("gbk")) == (page, "GBK")
    # A stale utf-8 declaration on GBK bytes is ignored.
    page = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>来源</p>'
    assert decode(page.encode("gbk"))[1] == "GBK"
    # A consistent GB18030 declaration is honoured even when GBK would do.
    page = '<meta charset="GB18030"><p>来源</p>'
    assert decode(page.encode("gb18030")) == (page, "GB18030")


def test_a_page_that_declares_big5_is_read_as_big5() -> None:
    # Its bytes are valid GBK too, as other characters ('闽そガ…'): only the declaration tells.
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><h1>關於公布名單的公告</h1>'
    assert decode(page.encode("big5")) == (page, "Big5")
    assert parse_legacy(page.encode("big5"), "a.html").title == "關於公布名單的公告"


@pytest.mark.parametrize("title", ["关于做好防汛工作的通知", "安徽省应急管理厅", "关于公布名单的公告", "年度报告"])
def test_a_short_gbk_page_under_a_big5_declaration_is_read_as_gbk(title: str) -> None:
    """A mainland page in a Big5 template, so short that its bytes read as Big5 too: the declaration was
    trusted and the title imported garbled ('壽衾酕疑滅挬馱釬腔籵眭'). Its Big5 reading has none of Big5's
    few-stroke characters and fewer common ones; a real Big5 text of two high-stroke characters stays."""
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><h1>{title}</h1>'
    assert decode(page.encode("gbk")) == (page, "GBK")
    assert parse_legacy(page.encode("gbk"), "a.html").title == title
    for traditional in ("關鍵", "環境", "關於公布名單的公告", "環境衛生", "選舉罷免"):
        held = page.replace(title, traditional)
        assert decode(held.encode("big5")) == (held, "Big5")


@pytest.mark.parametrize("declared", ["gb2312", "utf-8"])
def test_a_big5_page_under_a_stale_declaration_is_read_as_big5(declared: str) -> None:
    """A Big5 page in a template that declares gb2312 (or utf-8): the declaration was trusted over the bytes'
    own reading, and the document imported garbled ('闽\ue804材…', private-use characters)."""
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">'
            "<title>關於第十八輪繁體頁面的通知</title></head><body><h1>關於第十八輪繁體頁面的通知</h1>"
            "<p>發布日期：2024-03-18</p><p>各鄉鎮：現將有關事項通知如下，請認真貫徹執行。</p></body></html>")
    assert decode(page.encode("big5")) == (page, "Big5")
    read = parse_legacy(page.encode("big5"), "a.html")
    assert (read.title, read.body_markdown) == ("關於第十八輪繁體頁面的通知", "各鄉鎮：現將有關事項通知如下，請認真貫徹執行。\n")


def test_decode_damaged_bytes_says_so() -> None:
    text, name = decode(b"\x80" + "来源".encode())
    assert (text, name) == ("\ufffd来源", "UTF-8 (lossy)")
    text, name = decode(b"\xff" + "来源".encode("gbk") * 3)
    assert (text, name) == ("\ufffd" + "来源" * 3, "GB18030 (lossy)")


# --- text rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("一年来,在省委", "一年来，在省委"),
        ("如下:", "如下："),
        ("办公室(设在局办公室),具体", "办公室（设在局办公室），具体"),
        ('按照"简化审批程序"的原则', "按照“简化审批程序”的原则"),
        ("版本5.0,时间08:54", "版本5.0，时间08:54"),
        ("共1,000人", "共1,000人"),
        ("see (a) and b, c: d", "see (a) and b, c: d"),
        ("是否公开?是!", "是否公开？是！"),
    ],
)
def test_punctuation_is_full_width_only_in_chinese_text(raw: str, clean: str) -> None:
    assert normalise_punctuation(raw) == clean


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("二〇一〇年十二月三日", "2010-12-03"),
        ("二○一一年一月二十一日", "2011-01-21"),
        ("2010年12月3日", "2010-12-03"),
        ("年十二月三日", None),
        ("二〇一〇年二月三十日", None),
    ],
)
def test_signed_date(line: str, iso: str | None) -> None:
    assert parse_signed_date(line) == iso


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、加强组织领导，继续深入推进政务公开工作", 2),
        ("十一、其他需要报告的事项", 2),
        ("（一）主动公开情况", 3),
        ("一、本办法自发布之日起施行。", 0),
        ("一是充分利用局今年开展的信息化建设，调整政务公开的重点和内容。", 0),
        ("一、" + "很长的标题" * 10, 0),
    ],
)
def test_heading_level(text: str, level: int) -> None:
    assert heading_level(text) == level


def test_a_text_page_with_attribute_lines_and_no_breadcrumb() -> None:
    page = parse_legacy_text(
        "索引号:\t002986620/201101-00003\t主题分类:\t安全生产\n"
        "发布机构:\t安徽省安全生产监督管理局\t成文日期:\t2011-01-05\n"
        "发文字号:\t皖安监〔2011〕3号\n"
        "关于开展安全生产大检查的通知\n"
        "各市安全监管局:\n"
        "现将有关事项通知如下。\n"
        "主办单位:省安全监管局\n"
        "【打印本页】 【关闭窗口】\n"
        "版权所有 安徽省安全生产监督管理局\n"
    )
    assert page.title == "关于开展安全生产大检查的通知"
    assert page.index_no == "002986620/201101-00003"
    assert page.doc_no == "皖安监〔2011〕3号"
    assert str(page.created) == "2011-01-05"
    assert page.published is None and page.source is None and page.breadcrumb == ()
    assert page.paragraphs == ("各市安全监管局:", "现将有关事项通知如下。", "主办单位:省安全监管局")
    footer = parse_legacy_text("关于印发年报的通知\n正文。\n主办单位:安徽省应急管理厅 承办单位:信息中心 皖ICP备05001234号")
    assert footer.paragraphs == ("正文。",)


def test_html_lines_lists_and_tables() -> None:
    page = parse_legacy_html(
        "<html><body><nav>首页 | 信息公开</nav>"
        "<h1>2010年政府信息公开工作年度报告</h1>"
        "<div>发布日期：2011-03-25&nbsp;&nbsp;来源：办公室</div>"
        "<div>第一行<br>第二行<br/>  <br></div>"
        "<ul><li>甲项</li><li>乙项</ul>"
        "<table><tr><th>指标</th><th>数量</th></tr><tr><td>主动公开</td><td>1,203</td></tr></table>"
        "<p>(本页完)</p><footer>版权所有</footer></body></html>"
    )
    assert page.title == "2010年政府信息公开工作年度报告"
    assert page.published == "2011-03-25"
    assert page.source == "办公室"
    assert page.body_markdown == (
        "第一行\n\n第二行\n\n- 甲项\n- 乙项\n\n"
        "| 指标 | 数量 |\n|---|---|\n| 主动公开 | 1,203 |\n\n(本页完)\n"
    )


# --- the document -----------------------------------------------------------


def front_matter(document: str) -> tuple[dict[str, object], str]:
    _, front, body = document.split("---\n", 2)
    return yaml.safe_load(front), body


def render(page: LegacyPage, fields: dict[str, object], todo: list[str],
           suggestions: dict[str, object] | None = None) -> str:
    plan = Planned(dict(fields), list(todo), dict(suggestions or {}))
    return render_document(plan, page.body_markdown, {"index_no": "索引号", "created": "生成日期",
                                                     "publisher": "发布机构", "doc_no": "文号"})


def test_render_document_orders_fields_and_comments_out_todos() -> None:
    page = parse_legacy(GBK_HTML.read_bytes(), GBK_HTML.name)
    fields: dict[str, object] = {
        "report_year": 2010, "source": page.source, "published": page.published,
        "title": page.title, "category": "nb", "disclosure": "主动公开",
    }
    document = render(page, fields, ["index_no", "created", "publisher", "doc_no"],
                      {"publisher": page.publisher})
    data, body = front_matter(document)
    # Required fields to fill are absent (so `gkml check` names them), never a placeholder.
    assert "index_no" not in data and "created" not in data and "publisher" not in data
    assert data == {
        "title": TITLE, "category": "nb", "published": "2010-12-07 08:54",
        "disclosure": "主动公开", "source": "安徽省应急管理厅", "report_year": 2010,
    }
    keys = [line.split(":")[0].lstrip("# ") for line in document.split("---\n")[1].splitlines()
            if not line.startswith("# TODO")]
    assert keys == ["title", "index_no", "category", "publisher", "created", "published",
                    "doc_no", "disclosure", "source", "report_year"]
    assert "# TODO(待补充): 索引号\n# index_no:\n" in document
    assert "# publisher: 安徽省安全生产监督管理局\n" in document
    assert body == "\n" + page.body_markdown


@pytest.mark.parametrize(
    "value", ["no", "yes", "on", "off", "2010", "0755", "1e3", "a: b", "#x", "x #y", "null", "~",
              "2010-12-03", "'quoted'", "- x", "[a]", "{a}", "@x", "`x`", "多行\n文本"],
)
def test_render_document_strings_read_back_as_written(value: str) -> None:
    page = parse_legacy_text("标题\n正文")
    data, _ = front_matter(render(page, {"title": value, "summary": value}, []))
    assert data == {"title": value, "summary": value}


def test_render_document_dates_and_lists() -> None:
    page = parse_legacy_text("标题\n正文")
    plan = Planned({"created": "2010-12-03", "topics": ("安全生产", "政务公开")})
    document = render_document(plan, page.body_markdown, {"attachments": "附件"},
                               attachments=[{"file": "a.pdf", "title": "附件1"}],
                               missing_attachments=[("附件2", "http://example.gov.cn/b.pdf", "b.pdf")])
    assert "created: 2010-12-03\n" in document
    data, _ = front_matter(document)
    assert data["topics"] == ["安全生产", "政务公开"]
    assert data["attachments"] == [{"file": "a.pdf", "title": "附件1"}]
    assert "# TODO(待补充): 附件“附件2”没有随页面保存（原链接 http://example.gov.cn/b.pdf）" in document
    # Once the file is beside the document, uncommenting its item lists it.
    data, _ = front_matter(document.replace("# - file: b.pdf\n#   title: 附件2", "- file: b.pdf\n  title: 附件2"))
    assert data["attachments"] == [{"file": "a.pdf", "title": "附件1"}, {"file": "b.pdf", "title": "附件2"}]


# --- robustness -------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_legacy_never_raises_on_bytes(data: bytes) -> None:
    page = parse_legacy(data, "page.html")
    assert isinstance(page, LegacyPage)
    assert isinstance(page.title, str)


_FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<br>", "<table>", "<tr>", "<td>", "</td>", "<li>", "<h1>", "</h2>", "<script>",
    "</script>", "<!--", "-->", "<!DOCTYPE html>", "<meta charset=gbk>", "&nbsp;", "&#x20bb7;",
    "您所在的位置:", "首 页 > ", "发布时间:2010-12-07 08:54", "来源:", "索引号:", "分享到", "\n",
    "一、标题", "（一）", "年十二月三日", "二〇一〇年十二月三日", "正文,内容(说明)", " ", "\u3000", ":",
    "<", ">", "&", '"', "<a href='x'>", "</a>", "<![CDATA[", "<?xml?>", "<p", "<td colspan=99999>",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS | st.text(max_size=5), max_size=40),
       st.sampled_from(["utf-8", "gb18030"]), st.sampled_from(["a.html", "a.txt"]))
def test_parse_legacy_never_raises_on_page_like_input(parts: list[str], codec: str, name: str) -> None:
    text = "".join(parts)
    page = parse_legacy(text.encode(codec, "replace"), name)
    assert isinstance(page, LegacyPage)
    render(page, {"title": page.title}, ["index_no"])


def test_a_rendered_document_fails_the_check_only_for_the_fields_to_fill() -> None:
    from gkml.content.validation import check_file
    from gkml.profile.model import load_profile

    profile = load_profile()
    page = parse_legacy(GBK_HTML.read_bytes(), GBK_HTML.name)
    fields: dict[str, object] = {
        "title": page.title, "category": "nb", "published": page.published,
        "disclosure": "主动公开", "source": page.source, "report_year": 2010,
    }
    document = render(page, fields, ["index_no", "publisher", "created", "doc_no"],
                      {"publisher": page.publisher, "created": page.created})
    result = check_file("nb/2010.md", document.encode(), profile, lambda _: True)
    assert result.document is None
    assert sorted((p.key, p.code) for p in result.problems) == [
        ("created", "required"), ("index_no", "required"), ("publisher", "required"),
    ]
    # The editor writes the index number and confirms the two suggestions: the file passes.
    edited = (document.replace("# index_no:", "index_no: 002986620/201012-00015")
              .replace("# publisher:", "publisher:").replace("# created:", "created:"))
    result = check_file("nb/2010.md", edited.encode(), profile, lambda _: True)
    assert result.problems == []
    assert result.document is not None


def test_the_text_page_saved_as_gbk_with_crlf_reads_the_same() -> None:
    text = TEXT.read_text("utf-8").replace("\u00a0", " ")  # GBK has no no-break space
    utf8 = parse_legacy(TEXT.read_bytes(), TEXT.name)
    gbk = parse_legacy(text.replace("\n", "\r\n").encode("gbk"), "page.txt")
    assert gbk.encoding == "GBK"
    assert (gbk.title, gbk.published, gbk.paragraphs, gbk.body_markdown) == (
        utf8.title, utf8.published, utf8.paragraphs, utf8.body_markdown)


def hard_wrapped(text: str, column: int) -> str:
    """Text as Firefox's 'Text Files' or `lynx -dump` saves it: lines broken at `column` terminal
    columns (an ideograph takes two), a paragraph's lines each on its own line."""
    out = []
    for line in text.split("\n"):
        width, piece = 0, ""
        for ch in line:
            wide = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if width + wide > column:
                out.append(piece)
                width, piece = 0, ""
            piece, width = piece + ch, width + wide
        out.append(piece)
    return "\n".join(out)


@pytest.mark.parametrize("column", [72, 80])
def test_the_text_page_hard_wrapped_by_the_browser_reads_the_same(column: int) -> None:
    text = TEXT.read_text("utf-8")
    whole = parse_legacy(TEXT.read_bytes(), TEXT.name)
    wrapped = parse_legacy(hard_wrapped(text, column).encode("gb18030"), "page.txt")
    assert max(len(line) for line in hard_wrapped(text, column).split("\n")) <= column
    assert (wrapped.title, wrapped.published, wrapped.source, wrapped.paragraphs, wrapped.body_markdown) == (
        whole.title, whole.published, whole.source, whole.paragraphs, whole.body_markdown)

def test_decode_utf16_with_and_without_byte_order_mark() -> None:
    text = "<p>发布时间：2020-01-01 来源：办公室</p>"
    assert decode(text.encode("utf-16")) == (text, "UTF-16")
    assert decode(text.encode("utf-16-le")) == (text, "UTF-16")
    assert decode(text.encode("utf-16-be")) == (text, "UTF-16")


@pytest.mark.parametrize("line", ["您当前所在的位置：首页 / 政务公开 / 通知公告", "您目前所处的位置：首页 > 政务公开 > 通知公告",
                                  "当前位置：首页 > 政务公开 > 通知公告", "所在栏目：首页 >> 政务公开 >> 通知公告"])
def test_breadcrumb_prefixes_name_the_column(line: str) -> None:
    from gkml.importer.furniture import crumb_items

    assert crumb_items(line) == ("首页", "政务公开", "通知公告")


def test_separator_lines_of_a_text_save_stay_text() -> None:
    import markdown

    saved = ("名称：关于测试的通知\n索引号：002986620/201006-00080\n发布机构：安徽省应急管理厅\n\n"
             "各市应急管理局：\n---\ntitle: 伪造\n===\n- - -\n特此通知。\n").encode()
    page = parse_page(saved, "notice.txt")
    html = markdown.markdown(page.body_markdown, extensions=["tables", "attr_list"])
    assert "<hr" not in html and "<h1" not in html and "<h2" not in html and "<ul" not in html, html
    for line in ("<p>---</p>", "<p>title: 伪造</p>", "<p>===</p>", "<p>- - -</p>"):
        assert line in html, (line, html)


def test_a_data_table_with_one_row_under_a_header_of_labels_stays_a_table() -> None:
    page = parse_page("""<html><body><h1>关于公布2010年第一批检查结果的通知</h1>
<p>各市应急管理局：现将检查结果公布如下。</p>
<table><tr><th>名称</th><th>文号</th><th>发布日期</th></tr>
<tr><td>检查方案</td><td>皖应急〔2010〕1号</td><td>2010-01-05</td></tr></table>
<p>特此通知。</p></body></html>""".encode(), "t.html")
    assert "| 名称 | 文号 | 发布日期 |" in page.body_markdown
    assert "| 检查方案 | 皖应急〔2010〕1号 | 2010-01-05 |" in page.body_markdown
    assert page.doc_no is None and page.published is None


def test_a_rowspan_grouping_data_rows_is_no_header() -> None:
    """Only a spanning group header (金额 over 2009年 | 2010年) makes a two-row header; a first row
    whose cell groups the rows below it is data, row by row."""
    page = parse_page("""<html><body><h1>关于公布重点检查企业名单的通知</h1><p>名单如下：</p><table>
<tr><td rowspan="2">一、危险化学品</td><td>甲企业</td><td>10</td></tr>
<tr><td>乙企业</td><td>20</td></tr>
<tr><td rowspan="2">二、非煤矿山</td><td>丙企业</td><td>30</td></tr>
<tr><td>丁企业</td><td>40</td></tr></table><p>特此通知。</p></body></html>""".encode(), "t.html")
    assert "| 一、危险化学品 | 甲企业 | 10 |" in page.body_markdown
    assert "|  | 乙企业 | 20 |" in page.body_markdown
    assert "甲企业 乙企业" not in page.body_markdown


@pytest.mark.parametrize("title", ["关于召开第十九轮2024年6月20日座谈会的通知", "某县第十九轮2024年6月20日县政府常务会议纪要"])
def test_a_title_with_a_date_inside_its_words_is_the_title(title: str) -> None:
    """A title was no title when a date stood in its first 25 characters (a stamp line's test): the
    heading was dropped and the site's name in <title> imported as the title, silently."""
    read = parse_legacy_html(f"<html><head><title>某县人民政府</title></head><body><h1>{title}</h1>"
                             "<div>发布时间：2024-06-21 08:00</div><p>2024年6月20日上午，县长主持召开会议，研究有关事项。</p></body></html>")
    assert read.title == title
    assert read.body_markdown == "2024年6月20日上午，县长主持召开会议，研究有关事项。\n"
