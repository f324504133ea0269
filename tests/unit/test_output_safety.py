"""The pure pieces of issue 13's output half: the body allowlist, text summaries, data-file
hygiene and the policy read from templates."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import markdown
import pytest
from gkml.content.htmlsafety import unsafe_html
from gkml.outputs.contract import site_contract, write_contract
from gkml.outputs.hygiene import csv_text, json_text, xml_text
from gkml.site import csp, sanitize
from gkml.site.sanitize import MAX_DEPTH, TooDeep, clean, nesting_depth
from gkml.site.summary import summary_from_markdown, summary_text
from markupsafe import Markup


def render(body: str) -> str:
    return str(clean(markdown.markdown(body, extensions=["tables", "attr_list", "toc"])))


@pytest.mark.parametrize("body", [
    "<div>`<script>window.x=1</script>`</div>",  # a code span inside an HTML block
    "前文 `开始\n`<script>window.x=1</script>` 后文",  # a code span opened on the line before
    "[<script>window.x=1</script>](x)",
    "段落\n{: onclick=\"window.x=1\" style=\"position:fixed\" }",
    "<style>body{display:none}</style>",
    "<p style=\"position:fixed\">x</p>",
    "<img src=x onerror=\"window.x=1\"><svg onload=\"window.x=1\"></svg>",
    "<iframe srcdoc=\"x\"></iframe><object data=\"x\"></object><embed src=\"x\">",
    "<form action=\"https://example.invalid/\"><input onfocus=\"window.x=1\" autofocus></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://example.invalid/\"><base href=\"https://example.invalid/\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.x=1\"></style></mglyph></table></mtext></math>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.x=1>\"></noscript>",
    "[a](javascript:window.x=1) [b](JaVa&#x09;ScRiPt:window.x=1) [c](data:text/html,x) [d](vbscript:x)",
    "<a href=\"  javascript:window.x=1\">e</a> <a href=\"file:///etc/passwd\">f</a>",
    "<span data-pagefind-meta=\"title\">伪造</span><details open ontoggle=\"window.x=1\"></details>",
])
def test_nothing_that_runs_or_restyles_survives(body: str) -> None:
    html = render(body).lower()
    for forbidden in ("<script", "window.x", "<style", "style=\"position", "<iframe", "<object", "<embed", "<form",
                      "<input", "<meta", "<base", "<math", "<svg", "javascript", "vbscript", "data:", "file:",
                      "data-pagefind", "onfocus", "onerror", "ontoggle", "onclick"):
        assert forbidden not in html, (forbidden, html)


def test_what_documents_need_is_kept() -> None:
    html = render("# 标题 {#sec .lead}\n\n| 左 | 中 |\n|:--|:-:|\n| 1 | 2 |\n\n"
                  "[电话](tel:0551-1234) [邮件](mailto:a@b.cn) [网站](https://www.gov.cn/) [本站](../x/) [节](#sec)\n\n"
                  "![图](files/a.png)\n\n1. 一\n2. 二\n\n`<b>代码</b>`")
    assert '<h1 class="lead" id="sec">标题</h1>' in html
    assert '<th style="text-align:left">左</th>' in html and '<td style="text-align:center">2</td>' in html
    for href in ("tel:0551-1234", "mailto:a@b.cn", "https://www.gov.cn/", "../x/", "#sec"):
        assert f'href="{href}"' in html
    assert '<img alt="图" src="files/a.png">' in html and "<ol>" in html
    assert '<a download="申请表.docx" href="files/a.docx">表</a>' in render('[表](files/a.docx){ download="申请表.docx" }')
    assert "<code>&lt;b&gt;代码&lt;/b&gt;</code>" in html


@pytest.mark.parametrize("body", [
    "![图](https://tracker.example/a.png)", "![图](//tracker.example/a.png)", '<img alt="图" src="\\\\tracker.example\\a.png">',
    '<img alt="图" src="/\\tracker.example/a.png">', '<img alt="图" src=" &#x2F;&#x2F;tracker.example/a.png">',
    '<img alt="图" src="/&#9;/tracker.example/a.png">', '<image alt="图" src="HTTP://tracker.example/a.png">',
    '<img alt="图" src="a.png" srcset="https://tracker.example/a.png 2x">',
    '<picture><source srcset="https://tracker.example/a.webp"><img alt="图" src="a.png"></picture>',
    '<p style="background:url(https://tracker.example/a.png)">图</p>',
    '<table background="https://tracker.example/a.png"><tr><td style="background:url(//tracker.example/a.png)">图</td></tr></table>',
])
def test_a_picture_another_site_serves_is_not_fetched(body: str) -> None:
    """Old browsers read no CSP: the tracker saw every reader of the page."""
    html = render(body)
    assert "tracker" not in html and "图" in html, html


@pytest.mark.parametrize(("body", "kept"), [
    ('<a href="通知.pdf" download="通知.pdf.hta">下载</a>', '<a href="通知.pdf" download="">'),
    ('<a href="x.txt" download="通知.pdf">下载</a>', '<a href="x.txt" download="">'),
    ('<a href="https://www.gov.cn/" download="a.exe">下载</a>', '<a href="https://www.gov.cn/" download="">'),
    ('<a href="a.pdf?x=.hta" download="a.hta">下载</a>', '<a href="a.pdf?x=.hta" download="">'),
    ('<a href="a.pdf" download="通知\u202efdp.hta">下载</a>', '<a href="a.pdf" download="">'),
    ('<a href="files/a.docx" download="申请表.DOCX">表</a>', '<a href="files/a.docx" download="申请表.DOCX">'),
    ('<a href="files/%E8%A1%A8.pdf#page=2" download="表.pdf">表</a>', 'download="表.pdf"'),
])
def test_a_download_name_is_kept_only_with_the_linked_files_extension(body: str, kept: str) -> None:
    """download="通知.pdf.hta" saved a published file under a program's name."""
    assert kept in render(body), render(body)


@pytest.mark.parametrize(("html", "depth"), [
    ("<div><p>a<p>b</p><ul><li>c<li>d</ul></div>", 3),  # <p> and <li> close their predecessors
    ("<p><span>未闭合</p>" * 1000, 2),  # an end tag closes what was left open inside it
    ("<div>" * 10 + "</div>" * 10, 10),
    ("<br><img src=x><hr>" * 500, 0),
    ("<div>" * 200_000, MAX_DEPTH + 1),  # counted only until the limit is passed
])
def test_nesting_depth(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


@pytest.mark.parametrize("tag", ["div", "blockquote", "a", "table"])
def test_a_body_nested_past_the_limit_is_refused_not_parsed(tag: str) -> None:
    # html5ever scans the open elements for each tag: 200,000 nested elements would take minutes
    with pytest.raises(TooDeep, match=f"嵌套超过 {MAX_DEPTH} 层"):
        clean(f"<{tag}>" * 200_000 + "x")
    assert "x" in clean((f"<{tag}>" * MAX_DEPTH + "x" + f"</{tag}>" * MAX_DEPTH) * 3)


def test_a_body_cannot_wear_the_pages_own_names() -> None:
    html = render("本文件已撤回\n{: .gkml-notice .gkml-notice--withdrawn #gkml-citation }\n\n"
                  "段落\n{: .md-dialog .note #GKML-main }\n\n## 小节 {#sec .lead}")
    assert "gkml" not in html.lower() and "md-" not in html
    assert '<p>本文件已撤回</p>' in html and '<p class="note">段落</p>' in html and 'id="sec"' in html


def test_the_sanitised_body_is_the_markup_templates_print_as_is() -> None:
    assert isinstance(clean("<p>x</p>"), Markup)
    template = jinja2.Environment(autoescape=True).from_string("{{ body }}|{{ title }}")
    assert template.render(body=clean("<p>正文</p>"), title="<p>标题</p>") == "<p>正文</p>|&lt;p&gt;标题&lt;/p&gt;"


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069"])
def test_bidirectional_controls_never_reach_a_page_or_its_summary(char: str) -> None:
    """What the check does not read (a snippet's text, a guide page) passes the sanitiser too: an
    override there showed 皖应急〔2020〕21号 as 号12 on the page and in the 内容概述."""
    body = f"文号：皖应急〔2020〕{char}21号，金额 1{char}00 元。&#x202e;&#8238;"
    assert render(body) == "<p>文号：皖应急〔2020〕21号，金额 100 元。</p>"
    assert summary_from_markdown(body) == "文号：皖应急〔2020〕21号，金额 100 元。"


def test_summaries_are_the_text_a_reader_sees() -> None:
    assert summary_from_markdown("`[<script>x</script>](y)` 是第一段。") == "[<script>x</script>](y) 是第一段。"
    assert summary_from_markdown("[<script>x</script>链接](y)之后") == "链接之后"
    # list items and paragraphs stay apart (公司2.合肥 read as one); a written space beside Latin
    # letters and digits stays, one between Chinese characters (a line break) goes
    assert summary_from_markdown("公告如下：\n\n1. 安徽某公司\n2. 合肥某公司\n") == "公告如下：1.安徽某公司 2.合肥某公司"
    assert summary_from_markdown("本月 PM2.5 浓度下降 5%，A 级\n天数增加。\n\n- 第一项\n    - 子项\n- 第二项") == \
        "本月 PM2.5 浓度下降 5%，A 级天数增加。第一项 子项 第二项"
    assert summary_from_markdown("<style>body{display:none}</style>\n\n正文") == "正文"
    long = summary_text("<p>" + "很长的正文。" * 100_000 + "</p>")
    assert len(long) == 122 and long.endswith("……")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＠SUM(A1)"])
def test_csv_cells_that_would_be_formulas_are_text(cell: str) -> None:
    assert csv_text(cell) == "'" + cell
    out = io.StringIO()
    csv.writer(out).writerow([csv_text(cell)])
    assert next(csv.reader(io.StringIO(out.getvalue())))[0][0] == "'"


@pytest.mark.parametrize("cell", ["关于=号的说明", "2024-03-01", "皖应急〔2020〕12号", "'已有撇号", ""])
def test_ordinary_cells_are_unchanged(cell: str) -> None:
    assert csv_text(cell) == cell


def test_xml_text_keeps_feeds_well_formed() -> None:
    text = "正文\x00\x08\x0b\x0c\x1f\ufffe\uffff含\t制表\n换行"
    element = ET.Element("summary")
    element.text = xml_text(text)
    assert ET.fromstring(ET.tostring(element)).text == "正文含\t制表\n换行"
    with pytest.raises(ET.ParseError):
        element.text = text
        ET.fromstring(ET.tostring(element))


def test_json_text_is_the_same_data_without_markup_characters() -> None:
    data = {"title": "x\"'></script><script>alert(1)</script>&amp;\u2028\u2029", "list": ["<b>"]}
    text = json_text(data)
    assert json.loads(text) == data
    assert not any(ch in text for ch in "<>&\u2028\u2029")
    compact = json_text(data, compact=True)
    assert json.loads(compact) == data and "\n" not in compact and ", " not in compact
    assert not any(ch in compact for ch in "<>&\u2028\u2029")


def test_the_publication_contract_holds_the_agency_as_text(tmp_path: Path) -> None:
    """gkml-site.json names the agency a portal shows: written like every other JSON output."""
    agency = "测试厅\"></script><script>alert(1)</script>\u2028"
    written = write_contract(tmp_path, site_contract(tmp_path, agency=agency, org_code="002986620", site_url="",
                                                     gkml_version="0", built="2026-01-01T08:00:00+08:00", counts={}))
    raw = written.read_text(encoding="utf-8")
    assert json.loads(raw)["agency"] == agency
    assert not any(ch in raw for ch in "<>&\u2028\u2029")


def _env(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates))


def test_policy_is_read_from_the_templates_scripts() -> None:
    env = _env({
        "main.html": '<meta charset="utf-8"><script>{% include "init.js" %}</script>'
                     '<script src="{{ x }}"></script><script type="application/json">{{ data }}</script>',
        "init.js": "document.documentElement.dataset.ready = 1;\n",
        "other.html": "<script>var a = 1;</script>",
    })
    scripts = csp.template_scripts(env, ["main.html", "other.html"])
    assert scripts == ["document.documentElement.dataset.ready = 1;", "var a = 1;"]
    policy = csp.Policy(tuple(csp.digest(s) for s in scripts))
    page = env.get_template("main.html").render(x="a.js", data="{}")
    applied = policy.apply(page, "index.html")
    assert applied.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src')
    assert csp.digest("var a = 1;") in applied and "unsafe-inline" not in applied.split("script-src")[1].split(";")[0]


def test_a_script_that_cannot_be_hashed_in_advance_is_refused() -> None:
    with pytest.raises(csp.PolicyError, match="模板 main.html 的内联脚本含有模板代码"):
        csp.template_scripts(_env({"main.html": '<script>var t = "{{ page.title }}";</script>'}), ["main.html"])
    with pytest.raises(csp.PolicyError, match="模板 init.js 作为内联脚本含有模板代码"):
        csp.template_scripts(_env({"main.html": '<script>{% include "init.js" %}</script>', "init.js": "{{ x }}"}),
                             ["main.html"])


def test_a_page_with_a_script_gkml_did_not_write_is_refused() -> None:
    policy = csp.Policy((csp.digest("ok();"),))
    assert "Content-Security-Policy" in policy.apply('<meta charset="utf-8"><script>ok();</script>', "a.html")
    with pytest.raises(csp.PolicyError, match="页面 b.html 含有不是 gkml 模板写入的内联脚本"):
        policy.apply('<meta charset="utf-8"><script>ok();</script><script>evil();</script>', "b.html")
    with pytest.raises(csp.PolicyError, match="页面 c.html 没有"):
        policy.apply("<html><script>ok();</script>", "c.html")


def test_the_check_tells_what_the_sanitiser_drops_and_nothing_it_keeps() -> None:
    """The check (content, which does not import the site's code) spells out the sanitiser's lists
    again in its messages: an element the sanitiser drops with its text must be told, a link of a
    scheme it keeps must not be."""
    for tag in sorted(sanitize.DROPPED_WITH_CONTENT):
        assert unsafe_html(f"正文。\n\n<{tag}>文字</{tag}>\n"), tag
    for scheme in sorted(sanitize.URL_SCHEMES):
        assert not unsafe_html(f"见[链接]({scheme}:x)。\n"), scheme
