"""`gkml import` end to end: errors, hostile pages, --dry-run and --replace (#16, #13 item 8)."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from gkml.cli import main
from selectolax.lexbor import LexborHTMLParser
from support import COMMANDS_YML

FIXTURES = Path(__file__).parents[1] / "fixtures"
LAYOUTS = FIXTURES / "import"
ERRORS = FIXTURES / "import-errors"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    (site / "content" / "catalogue").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    monkeypatch.chdir(site)
    return site


def documents(project: Path) -> list[Path]:
    return sorted((project / "content" / "catalogue").rglob("*.md"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def copy(layout: Path, project: Path) -> Path:
    target = project.parent / "pages" / layout.name
    shutil.copytree(layout, target)
    return target


def test_a_page_with_text_but_no_body_is_an_error_naming_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = copy(ERRORS / "js-rendered-empty", project)
    good = copy(LAYOUTS / "trs-wcm-padded", project)
    # Its scripts' data names the document but holds none of its text (the data with the body is read).
    page = pages / "post_3061111.html"
    page.write_text(re.sub(r',"content":"[^"]*"', "", page.read_text(encoding="utf-8")), encoding="utf-8")
    code, out = run(capsys, "import", str(page), str(good / "page.html"))
    assert code == 1
    assert re.search(r"无法导入：\S*post_3061111\.html：页面有文字，但找不到正文（可能是由脚本显示正文的页面，"
                     r"脚本的数据中有文件“广东省应急管理厅关于公布2020年第二批安全生产标准化企业名单的通告”", out), out
    assert "已导入 1 个文件" in out and "1 个页面无法导入" in out  # the good page of the batch still lands
    [document] = documents(project)
    assert "约谈" in document.read_text(encoding="utf-8")


def test_hostile_text_stays_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = copy(ERRORS / "hostile", project)
    code, out = run(capsys, "import", str(pages / "page.html"))
    assert code == 0, out
    [document] = documents(project)
    text = document.read_text(encoding="utf-8")
    # Nothing in the written file can become markup: not in front matter, not in the body.
    for live in ("<script", "<img", "<div", "<!--"):
        assert live not in text, live
    assert not re.search(r"(?<!\\)\{:|(?<!\\)\]\(javascript", text)
    _, front, body = text.split("---\n", 2)
    assert "# title: 关于＜script＞window.__imp=3＜/script＞的通知" in front  # a suggestion to review
    assert "名称中有 HTML 标签样式的文字" in out and "发布机构中有 HTML 标签样式的文字" in out
    html = markdown.markdown(body, extensions=["tables", "attr_list"])
    tree = LexborHTMLParser(html).body
    assert tree is not None
    assert {node.tag for node in tree.traverse()} == {"body", "p"}  # paragraphs of text, nothing else
    assert all(not node.attributes for node in tree.traverse())
    # …and every character of the page's text is still shown to the reader.
    for phrase in ("第一段&lt;script&gt;window.__imp=4&lt;/script&gt;正文。",
                   '第二段 {: onclick="window.__imp=5" style="position:fixed"}',
                   "&lt;div&gt;`&lt;script&gt;window.__imp=6&lt;/script&gt;`&lt;/div&gt;",
                   "[链接](javascript:window.__imp=7) 与 &lt;!-- 注释 --&gt; *强调* _下划线_ # 不是标题",
                   "1. 不是列表 &amp;lt;b&amp;gt; 实体", "点我"):
        assert phrase.replace('"', "&quot;") in html or phrase in html, (phrase, html)
    # Confirmed by an editor, the document passes the check.
    document.write_text(re.sub(r"^# (title|publisher): ", r"\1: ", text, flags=re.MULTILINE), encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 0, out


def test_a_line_break_in_a_link_never_writes_a_front_matter_value(
        project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The TODO of an attachment not saved quotes its address in a comment: a line break the page
    put in it (an href, a link's text with U+0085) must not end the comment and set a field."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><meta charset=utf-8><title>t</title></head><body>"
                    "<h1>关于开展安全检查的通知</h1><p>发布日期：2024-05-20</p>"
                    "<p>各有关单位：现将安全生产检查方案印发给你们，请认真贯彻执行。</p>"
                    "<p>附件：<a href='/u/a\ncategory: nb\nx.pdf'>方案</a></p>"
                    "<p>附件：<a href='/u/b.pdf'>清单\x85index_no: 002986620/202405-00009\x85</a></p></body></html>",
                    encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 0, out
    [document] = documents(project)
    front = yaml.safe_load(document.read_text(encoding="utf-8").split("---\n")[1])
    assert "category" not in front and "index_no" not in front, front
    assert document.parent.name == "_import"
    code, out = run(capsys, "check")
    assert "U+0085" not in out and "重复" not in out, out


def test_the_pictures_a_web_archive_holds_are_the_document_s_files(
        project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A .mht(ml) saves the article's pictures inside itself: they were reported as not saved
    with the page, and the body showed a picture the check then found missing."""
    chart = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    html = ("<html><head><meta charset=utf-8><title>t</title></head><body><h1>关于发布防汛预警的通知</h1>"
            "<p>发布时间：2024-06-10 10:00</p><p>各市应急管理局：近期我省将出现强降雨过程，请做好防汛准备工作。</p>"
            "<p><img src='../images/2024/rain.png' width=600 alt='降雨分布图'></p>"
            "<p>安徽省应急管理厅</p><p>2024年6月9日</p></body></html>")
    boundary = b"----MultipartBoundary--b"
    page = tmp_path / "page.mhtml"
    page.write_bytes(
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://yjt.ah.gov.cn/xxgk/t1.html\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="' + boundary
        + b'"\r\n\r\n--' + boundary + b"\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Location: https://yjt.ah.gov.cn/xxgk/t1.html\r\n\r\n" + base64.encodebytes(html.encode())
        + b"\r\n--" + boundary + b"\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Location: https://yjt.ah.gov.cn/images/2024/rain.png\r\n\r\n" + base64.encodebytes(chart)
        + b"\r\n--" + boundary + b"--\r\n")
    code, out = run(capsys, "import", str(page))
    assert code == 0 and "没有随页面保存" not in out, out
    [document] = documents(project)
    assert (document.parent / "rain.png").read_bytes() == chart
    text = document.read_text(encoding="utf-8")
    assert "- file: rain.png\n  title: 降雨分布图" in text and "![降雨分布图](<rain.png>)" in text
    code, out = run(capsys, "check")
    assert "rain.png" not in out, out


def test_dry_run_prints_each_document_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = copy(LAYOUTS / "county-text-gb18030", project)
    second = copy(LAYOUTS / "attachments-only", project)
    code, out = run(capsys, "import", "--dry-run", str(first), str(second))
    assert code == 0, out
    assert documents(project) == []
    assert not any((project / "content").rglob("*.xlsx"))
    assert re.search(r"== \S*fangxun\.txt → 将写入 content/catalogue/yjgl/2020-05-12-import-[0-9a-f]{8}\.md", out)
    assert "title: 安徽省应急管理厅关于做好2020年主汛期防汛抢险救援准备工作的通知\n" in out
    assert "doc_no: 皖应急〔2020〕15号\n" in out and "- 防汛\n- 安全生产\n" in out
    assert "# TODO(待补充): 索引号" in out
    assert "各市应急管理局，省防汛抗旱指挥部有关成员单位：" in out  # the first lines of the body
    assert "二〇二〇年五月十二日" not in out and "……（正文共 7 段）" in out  # …not the whole body
    assert "file: P020210115512345678901.xlsx" in out
    assert "将导入 2 个文件" in out


def test_replace_updates_the_earlier_import_after_showing_the_diff(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = copy(LAYOUTS / "county-text-gb18030", project)
    page = pages / "fangxun.txt"
    assert run(capsys, "import", str(page))[0] == 0
    [document] = documents(project)
    # The editor fills the TODOs.
    text = document.read_text(encoding="utf-8")
    text = re.sub(r"^# index_no:.*$", "index_no: 002986620/202005-00042", text, flags=re.MULTILINE)
    text = re.sub(r"^# (publisher:.*)$", r"\1", text, flags=re.MULTILINE)
    document.write_text(text, encoding="utf-8")
    assert run(capsys, "check")[0] == 0

    # The old site corrected the page: a new hash, the same title and date.
    corrected = page.read_bytes().decode("gb18030").replace("三到位", "四到位")
    page.write_bytes(corrected.encode("gb18030"))
    code, out = run(capsys, "import", str(page))
    assert code == 0 and "跳过 1 个已有的页面" in out and "--replace" in out
    assert "三到位" in document.read_text(encoding="utf-8")

    code, out = run(capsys, "import", "--replace", str(page))
    assert code == 0, out
    assert re.search(r"^-.*三到位", out, re.MULTILINE) and re.search(r"^\+.*四到位", out, re.MULTILINE)
    assert "已更新 1 个以前导入的文件" in out
    assert documents(project) == [document]
    updated = document.read_text(encoding="utf-8")
    assert "四到位" in updated and "三到位" not in updated
    front = yaml.safe_load(updated.split("---\n", 2)[1])
    assert front["index_no"] == "002986620/202005-00042"  # what the editor filled stays
    assert front["publisher"] == "安徽省应急管理厅"
    assert run(capsys, "check")[0] == 0

    # The same bytes again: recognised by their hash, nothing to change.
    code, out = run(capsys, "import", "--replace", str(page))
    assert code == 0 and "没有变化" in out
    assert document.read_text(encoding="utf-8") == updated


def test_a_folder_of_saved_pages_skips_what_the_browser_saved_beside_them(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = project.parent / "pages"
    for layout in ("attachments-only", "trs-wcm-padded", "jcms-dl"):
        shutil.copytree(LAYOUTS / layout, pages / layout)
    code, out = run(capsys, "import", str(pages))
    assert code == 0, out
    assert len(documents(project)) == 3  # style.css, .pdf, .xlsx, .docx and expected.yml are not pages


def test_a_save_of_the_same_document_that_lost_its_date_is_not_a_second_document(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Same 名称 and 索引号, no 发布日期 (a text save, a page saved again without its date row): it
    was a second document, told to take the next free index number."""
    pages = project.parent / "pages"
    pages.mkdir()
    head = ("<html><head><meta charset=utf-8><title>关于做好2023年防汛工作的通知</title></head><body>"
            "<table><tr><td>索引号：</td><td>002986620/202305-00007</td><td>发布机构：</td><td>安徽省应急管理厅</td></tr>")
    body = ("<h1>关于做好2023年防汛工作的通知</h1><p>各市应急管理局：为切实做好2023年防汛工作，"
            "确保人民群众生命财产安全，现就有关事项通知如下。</p>")
    (pages / "a.html").write_text(f"{head}<tr><td>发布日期：</td><td>2023-05-10</td></tr></table>{body}", encoding="utf-8")
    (pages / "b.html").write_text(f"{head}</table>{body}<p>浏览次数：57</p>", encoding="utf-8")
    (pages / "c.txt").write_text("安徽省应急管理厅关于做好2023年防汛工作的通知\n索引号：002986620/202305-00007\n"
                                 "各市应急管理局：为切实做好2023年防汛工作，确保人民群众生命财产安全，现就有关事项通知如下。\n",
                                 encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "a.html"), str(pages / "b.html"))  # in one run
    assert code == 0 and len(documents(project)) == 1, out
    assert "a.html 是同一文件（名称和索引号相同），已跳过：../pages/b.html（只写入 content/catalogue/" in out, out
    code, out = run(capsys, "import", str(pages / "c.txt"))  # in a later one, printing the issuer before the title
    assert code == 0 and len(documents(project)) == 1, out
    assert "以前导入过，已跳过：" in out and "名称和索引号相同" in out and "下一个空号" not in out
    # Another document that happens to state the same number is not the same: told, never skipped.
    (pages / "d.html").write_text(f"{head}</table>{body.replace('防汛工作的通知', '抗旱工作的通知')}", encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "d.html"))
    assert code == 0 and len(documents(project)) == 2 and "已被 content/catalogue/" in out, out


def test_replace_never_rewrites_a_document_an_editor_wrote(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = project / "content" / "catalogue" / "yjgl" / "fangxun.md"
    own.parent.mkdir(parents=True)
    own.write_text("---\ntitle: 安徽省应急管理厅关于做好2020年主汛期防汛抢险救援准备工作的通知\n"
                   "index_no: 002986620/202005-00042\ncategory: yjgl\npublisher: 安徽省应急管理厅\n"
                   "created: 2020-05-12\npublished: 2020-05-13\ndisclosure: 主动公开\n---\n\n编辑写的正文。\n",
                   encoding="utf-8")
    before = own.read_text(encoding="utf-8")
    pages = copy(LAYOUTS / "county-text-gb18030", project)
    code, out = run(capsys, "import", "--replace", str(pages / "fangxun.txt"))
    assert code == 0 and "跳过 1 个已有的页面" in out and "不是导入的文件，--replace 也不会改动它" in out
    assert own.read_text(encoding="utf-8") == before and documents(project) == [own]


def test_the_category_map_in_mkdocs_yml_applies_and_a_map_file_overrides_it(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mkdocs.yml").write_text(COMMANDS_YML + "      import_category_map: {通知公告: aqjc}\n", encoding="utf-8")
    pages = copy(LAYOUTS / "jcms-dl", project)
    assert run(capsys, "import", str(pages / "art.html"))[0] == 0
    [document] = documents(project)
    assert document.parent.name == "aqjc"
    document.unlink()
    mapping = project.parent / "map.yml"
    mapping.write_text("通知公告: yjgl\n", encoding="utf-8")
    assert run(capsys, "import", "--category-map", str(mapping), str(pages / "art.html"))[0] == 0
    assert [d.parent.name for d in documents(project)] == ["yjgl"]
    (project / "mkdocs.yml").write_text(COMMANDS_YML + "      import_category_map: {通知公告: tzgg}\n", encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "art.html"))
    assert code == 2 and "import_category_map 中的分类代码不存在：tzgg" in out


def test_a_column_list_page_is_refused_naming_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = "".join(f'<li><a href="t2020060{i}_{i}.html">关于做好第{i}项工作的通知</a><span>2020-06-0{i}</span></li>'
                    for i in range(1, 9))
    page = project.parent / "list.html"
    page.write_text(f"<html><head><meta charset=utf-8><title>通知公告</title></head><body>"
                    f"<div>您所在的位置：首页 &gt; 信息公开 &gt; 通知公告</div><h2>通知公告</h2><ul>{items}</ul>"
                    f"<div>共8条 首页 上一页 1 下一页 尾页</div></body></html>", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 1 and re.search(r"无法导入：\S*list\.html：这是栏目的文件列表页", out), out
    assert documents(project) == []


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.html", b"", "文件是空的"),
    ("blank.txt", b" \r\n\r\n\t", "文件是空的"),
    ("notice.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8, "不是保存的网页或文本"),
    ("notice.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "不是保存的网页或文本"),
    ("page.htm", b"<html>\x00\x01\x02" + bytes(range(256)), "不是保存的网页或文本"),
])
def test_a_file_that_is_not_a_page_is_refused_by_name(
        name: str, data: bytes, message: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project.parent / name
    page.write_bytes(data)
    code, out = run(capsys, "import", str(page))
    assert code == 1
    assert re.search(rf"无法导入：\S*{re.escape(name)}：{message}", out), out
    assert "Traceback" not in out and documents(project) == []


def test_a_category_map_saved_in_gbk_works(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = copy(LAYOUTS / "jcms-dl", project)
    mapping = project.parent / "map.yml"
    mapping.write_bytes("# 栏目对照\r\n通知公告: yjgl\r\n".encode("gbk"))  # Notepad on a Chinese Windows
    code, out = run(capsys, "import", "--category-map", str(mapping), str(pages / "art.html"))
    assert code == 0, out
    assert [d.parent.name for d in documents(project)] == ["yjgl"]


@pytest.mark.parametrize(("text", "message"), [
    ("通知公告: [yjgl\n", r"map\.yml 第 2 行格式错误：对照表每行写一项“栏目名称: 分类代码”。"),
    ("通知公告: &a yjgl\n工作动态: *a\n", r"map\.yml 中不允许使用 YAML 锚点（&）和别名（\*）"),
    ("通知公告: [yjgl, aqjc]\n", r"map\.yml 格式错误：对照表每行写一项"),
    ("- 通知公告\n", r"map\.yml 格式错误：对照表每行写一项"),
    (None, r"找不到对照表 \S*map\.yml。"),
])
def test_a_bad_category_map_is_one_chinese_line(
        text: str | None, message: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = copy(LAYOUTS / "jcms-dl", project)
    mapping = project.parent / "map.yml"
    if text is not None:
        mapping.write_text(text, encoding="utf-8")
    code, out = run(capsys, "import", "--category-map", str(mapping), str(pages / "art.html"))
    assert code == 2 and re.search(message, out), out
    assert "Traceback" not in out and "while parsing" not in out and "Errno" not in out
    assert documents(project) == []


def _import_page(project: Path, capsys: pytest.CaptureFixture[str], name: str, markup: str) -> str:
    page = project.parent / name
    page.write_text(markup, encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 0, out
    [document] = documents(project)
    return document.read_text(encoding="utf-8") + out


def _import_saved(project: Path, capsys: pytest.CaptureFixture[str], folder: Path, name: str) -> tuple[str, str]:
    """(the one document written, the output) of importing page `name` of a fixture folder."""
    pages = copy(folder, project)
    code, out = run(capsys, "import", str(pages / name))
    assert code == 0, out
    [document] = documents(project)
    return document.read_text(encoding="utf-8"), out

def test_a_closing_date_without_its_year_is_proposed_from_the_publication_date(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Published in January: the 落款 '十二月二十八日' is of the year before, proposed, never written.
    text = _import_page(project, capsys, "t.html", """<html><body>
<p>发布时间：2011-01-05 09:30</p><h1>关于做好元旦春节期间安全生产工作的通知</h1>
<p>各市应急管理局：</p><p>现就有关事项通知如下，请认真贯彻执行。</p>
<p>安徽省应急管理厅</p><p>年十二月二十八日</p></body></html>""")
    assert "# TODO(待补充): 生成日期（建议值" in text
    assert "\n# created: 2010-12-28\n" in text
    assert "\ncreated:" not in text
    assert "落款日期缺年份" in text


@pytest.mark.parametrize(("stated", "written"), [
    ("是", "\nvalidity: 有效\n"),
    # 'no longer in force' names none of 失效, 废止, 已修订: the editor chooses; never the default 有效
    ("否", "\n# TODO(待补充): 有效性\n# validity:\n"),
])
def test_is_it_valid_yes_or_no_is_a_validity(
        stated: str, written: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", f"""<html><body>
<p>发布时间：2011-01-05　　是否有效：{stated}</p><h1>关于做好元旦春节期间安全生产工作的通知</h1>
<p>各市应急管理局：</p><p>现就有关事项通知如下，请认真贯彻执行。</p></body></html>""")
    assert written in text, text
    assert f"validity: {stated}" not in text
    if stated == "否":
        assert "页面写明有效性为“否”（已不再有效），请写明是失效、废止、已修订中的哪一种" in text


@pytest.mark.parametrize(("title", "proposed"), [
    ("关于印发安徽省防汛抗旱应急预案的通知（皖政办〔2024〕5号）", "皖政办〔2024〕5号"),
    ("关于转发《国务院安委会关于加强安全生产的通知》的通知(安委[2024]3号)", "安委〔2024〕3号"),
    ("安徽省安全生产条例实施办法（试行）", None),
])
def test_a_doc_no_only_in_the_title_s_closing_brackets_is_proposed(
        title: str, proposed: str | None, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", f"""<html><body>
<p>发布时间：2024-03-08</p><h1>{title}</h1>
<p>各市、县人民政府：</p><p>现印发给你们，请认真贯彻执行。</p></body></html>""")
    assert f"title: {title}\n" in text  # the title as the page wrote it
    assert "\ndoc_no:" not in text  # it may be the forwarded document's: proposed, never written
    if proposed:
        assert f"\n# TODO(待补充): 文号（建议值，核对后删去行首的 “# ”）\n# doc_no: {proposed}\n" in text
        assert f"页面未写文号，建议值“{proposed}”取自标题末尾的括号，请核对" in text
    else:
        assert "doc_no" not in text


@pytest.mark.parametrize(("pager", "shown", "pages"), [
    (("<div class=page><span>共3页</span> <a href='#'>上一页</a> <b>1</b> <a href='t20230510_1_1.html'>2</a> "
      "<a href='t20230510_1_2.html'>3</a> <a href='t20230510_1_1.html'>下一页</a></div>"),
     "（“共3页 上一页 1 2 3 下一页”）", "（t20230510_1_1.html、t20230510_1_2.html）"),
    ("<p align=center>第1页 共3页 [<a href='t20230510_1_1.html'>下一页</a>] [<a href='t20230510_1_2.html'>尾页</a>]</p>",
     "（“第1页 共3页 [下一页] [尾页]”）", "（t20230510_1_1.html、t20230510_1_2.html）"),
    # TRS WCM: the pager is written by a script, so a page saved as it came shows none
    ("<script>createPageHTML(3, 0, \"t20230510_1\", \"html\");</script>", "", "（t20230510_1_1.html、t20230510_1_2.html）"),
    # its numbers in variables (the pages were lost unsaid)
    (("<script>var currentPage = 0;//所在页\nvar countPage = 3//共多少页\n"
      "createPageHTML(countPage, currentPage, \"t20230510_1\", \"html\");</script>"), "", "（t20230510_1_1.html、t20230510_1_2.html）"),
])
def test_a_body_split_over_pages_says_the_rest_is_not_imported(
        pager: str, shown: str, pages: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The pager was the body's last paragraph, and the other pages' text went missing unsaid."""
    text = _import_page(project, capsys, "t20230510_1.html", f"""<html><body>
<p>发布时间：2023-05-10</p><h1>安徽省2022年安全生产工作总结</h1>
<p>2022年，全省应急管理系统坚持以习近平新时代中国特色社会主义思想为指导，统筹发展和安全。</p>{pager}
<p>主办：安徽省应急管理厅 承办：省应急管理信息中心</p></body></html>""")
    remark = f"正文分多页显示{shown}，只导入了这一页：请打开其余各页{pages}，把正文补在本文件中"
    assert f"\n# TODO(待补充): {remark}\n---\n" in text, text
    assert f"；{remark}\n" in text  # the terminal says it too
    body = text.split("---\n", 2)[2].split("已导入")[0]
    assert "下一页" not in body and "共3页" not in body



def test_a_page_its_scripts_draw_with_its_masthead_shown_is_read_from_their_data(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The masthead, a breadcrumb and the footer in the saved page, the article's box empty, the document
    in window.__INITIAL_STATE__: it was refused as a page with text but no body (or, with a menu, the
    menu imported as the body); the page not showing the data's title, the data is the document."""
    text, out = _import_saved(project, capsys, ERRORS / "js-rendered-empty", "post_3061111.html")
    assert "title: 广东省应急管理厅关于公布2020年第二批安全生产标准化企业名单的通告\n" in text
    assert text.split("---\n", 2)[2].strip() == "根据《企业安全生产标准化基本规范》，现将名单公布如下。"
    assert "页面由网页脚本显示，名称、属性和正文取自脚本中的数据，请对照旧网站核对" in out

def _split_page(number: int, body: str) -> str:
    """Page `number` of 3 of one document, as TRS saves it (t20230510_1.html, t20230510_1_1.html, …)."""
    names = ["t20230510_1.html", "t20230510_1_1.html", "t20230510_1_2.html"]
    links = " ".join(f"<b>{n + 1}</b>" if n == number - 1 else f"<a href='{name}'>{n + 1}</a>"
                     for n, name in enumerate(names))
    return f"""<html><head><title>关于做好汛期安全生产工作的通知_安徽省应急管理厅</title></head><body>
<table><tr><td>索引号：</td><td>002986620/202305-00031</td><td>发布机构：</td><td>安徽省应急管理厅</td></tr>
<tr><td>发布日期：</td><td>2023-05-10</td><td>文号：</td><td>皖应急〔2023〕31号</td></tr></table>
<h1>关于做好汛期安全生产工作的通知</h1><div class=content>{body}</div>
<div class=page>共3页 {links} <a href='{names[min(number, 2)]}'>下一页</a></div>
<p>主办：安徽省应急管理厅 承办：省应急管理信息中心</p></body></html>"""


def test_the_pages_of_a_split_body_saved_beside_the_first_are_one_document(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Page 2 saved beside page 1: its text is read after page 1's, and page 2 given too is told as
    the later page it is. Page 2 was skipped as the same document (名称和发布日期相同), told to use
    --replace, which put page 2's text in place of page 1's; page 1's TODO named page 1 itself."""
    folder = project.parent / "pages"
    folder.mkdir()
    (folder / "t20230510_1.html").write_text(_split_page(1, "<p>各市应急管理局：</p><p>一、加强领导，现就有关事项通知如下。</p>"),
                                             encoding="utf-8")
    (folder / "t20230510_1_1.html").write_text(_split_page(2, "<p>二、压实责任，认真落实本通知要求。</p>"
                                                              "<p>安徽省应急管理厅</p><p>2023年5月8日</p>"), encoding="utf-8")
    code, out = run(capsys, "import", str(folder / "t20230510_1_1.html"), str(folder / "t20230510_1.html"))
    assert code == 0, out
    [document] = documents(project)
    text = document.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert body.index("一、加强领导") < body.index("二、压实责任") < body.index("2023年5月8日"), body
    assert "created: 2023-05-08\n" in text  # the 落款 of the last page
    remark = "正文分多页显示（“共3页 1 2 3 下一页”），只导入了这一页：请打开其余各页（t20230510_1_2.html），把正文补在本文件中"
    assert f"# TODO(待补充): {remark}\n" in text, text
    assert ("正文续页，已跳过：../pages/t20230510_1_1.html：这是正文分多页显示的后续页面，第1页是 t20230510_1.html："
            "导入第1页时，保存在它旁边的各页会一并读入") in out, out
    assert "--replace" not in out


def test_a_later_page_of_a_split_body_alone_is_no_document(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Page 3 imported alone, page 1 not saved: no document of page 3's text under page 1's title, told
    to save page 1 beside it."""
    page = project.parent / "t20230510_1_2.html"
    page.write_text(_split_page(3, "<p>三、强化保障，确保各项措施落到实处。</p>"), encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 0, out
    assert documents(project) == []
    assert ("这是正文分多页显示的后续页面，第1页是 t20230510_1.html：请把第1页保存在这一页旁边，再导入第1页，各页会一并读入"
            in out), out

def test_the_gov_cn_article_meta_gives_source_and_keywords(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="关于开展安全生产检查的通知">
<meta name="ContentSource" content="安徽省应急管理厅办公室"><meta name="Keywords" content="安全生产,检查">
</head><body><p>发布时间：2021-03-08</p><h1>关于开展安全生产检查的通知</h1>
<p>各市应急管理局：</p><p>现就开展安全生产检查有关事项通知如下，请认真贯彻执行。</p></body></html>""")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["source"] == "安徽省应急管理厅办公室"
    assert front["keywords"] == ["安全生产", "检查"]


def test_a_site_wide_keywords_meta_is_not_the_document_s(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Without the article metadata, Keywords is the site's list written into every page.
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8">
<meta name="Keywords" content="安徽,应急管理厅"></head><body><p>发布时间：2021-03-08</p>
<h1>关于开展安全生产检查的通知</h1><p>现就开展安全生产检查有关事项通知如下，请认真贯彻执行。</p></body></html>""")
    assert "keywords" not in yaml.safe_load(text.split("---\n")[1])


def test_a_page_laid_out_in_one_table_keeps_its_body(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Old ASP templates: breadcrumb, one attribute per row, the title and the whole body in
    # colspan cells of the same table. The body rows are not attributes.
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8"></head><body>
<table border="0" width="960"><tr><td colspan="2">您现在的位置：首页 &gt; 信息公开 &gt; 通知公告</td></tr>
<tr><td width="120">索引号：</td><td>002986620/2019-00041</td></tr>
<tr><td>发布机构：</td><td>安徽省应急管理厅</td></tr>
<tr><td>成文日期：</td><td>2019.06.10</td></tr><tr><td>发布日期：</td><td>2019.06.12</td></tr>
<tr><td colspan="2" align="center"><b>关于开展汛期安全检查的通知</b></td></tr>
<tr><td colspan="2"><p>各市局：</p><p>为做好汛期安全生产工作，决定开展检查。</p><p>一、检查时间</p>
<p>2019年6月15日至7月15日。</p></td></tr>
<tr><td colspan="2">【打印本页】【关闭窗口】</td></tr></table></body></html>""")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "关于开展汛期安全检查的通知"
    assert (front["index_no"], str(front["created"]), str(front["published"])) == (
        "002986620/2019-00041", "2019-06-10", "2019-06-12")
    body = text.split("---\n", 2)[2]
    for paragraph in ("各市局：", "为做好汛期安全生产工作，决定开展检查。", "## 一、检查时间", "2019年6月15日至7月15日。"):
        assert paragraph in body
    assert "打印本页" not in body and "您现在的位置" not in body


def test_a_data_table_s_caption_rows_stay_text_above_its_header(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8"></head><body>
<p>发布时间：2020-01-21</p><h1>某县2020年财政预算</h1><p>经县人大批准，现公开2020年预算。</p>
<table border="1"><tr><td colspan="3">2020年一般公共预算收支表</td></tr><tr><td colspan="3">单位：万元</td></tr>
<tr><td>项目</td><td>预算数</td><td>上年数</td></tr><tr><td>税收收入</td><td>100</td><td>90</td></tr>
<tr><td>非税收入</td><td>20</td><td>18</td></tr></table><p>特此公开。</p></body></html>""")
    body = text.split("---\n", 2)[2]
    assert ("2020年一般公共预算收支表\n\n单位：万元\n\n| 项目 | 预算数 | 上年数 |\n|---|---|---|\n"
            "| 税收收入 | 100 | 90 |") in body


def test_labelled_values_in_sibling_spans_end_where_their_element_ends(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # No gap between the spans: '…5月6日来源：办公室' read as one line lost the 来源.
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8"></head><body>
<div class="info"><span>发布时间：2022年5月6日</span><span>来源：办公室</span><span>浏览次数：12</span></div>
<h1 class="title">关于《某某规定》的政策解读</h1><div id="zoom"><p>一、出台背景</p><p>为了规范管理。</p>
<p><span>时间：2021年3月5日上午</span><span>地点：会议室</span></p></div></body></html>""")
    front = yaml.safe_load(text.split("---\n")[1])
    assert (str(front["published"]), front["source"]) == ("2022-05-06", "办公室")
    assert "时间：2021年3月5日上午地点：会议室" in text.split("---\n", 2)[2]  # the body's own spans stay text


def test_a_page_showing_its_pdf_in_a_frame_imports_the_pdf_as_its_attachment(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8"></head><body>
<table><tr><td>名称：</td><td>关于某事项的公告</td><td>发布日期：</td><td>2021-03-05</td></tr></table>
<div class="pdf"><embed src="/files/gg.pdf" type="application/pdf" width="100%" height="900"></div></body></html>""")
    assert "附件“关于某事项的公告”没有随页面保存（原链接 /files/gg.pdf）" in text
    assert "# - file: gg.pdf\n#   title: 关于某事项的公告\n" in text


def test_a_page_whose_text_is_in_a_frame_is_refused_naming_the_frame(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project.parent / "t.html"
    page.write_text("""<html><head><meta charset="utf-8"></head><body><h1>关于某事项的公告</h1>
<p>发布日期：2021年3月5日</p><iframe src="/content/123.html" width="100%"></iframe></body></html>""", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 1
    assert "t.html：正文在页面的内嵌框架中（/content/123.html）：请在浏览器中打开该框架的页面，保存后再导入" in out
    assert documents(project) == []
    # A frameset: the masthead frame came first and was named as the body's.
    page.write_text("""<html><head><meta charset="utf-8"><title>安徽省应急管理厅政府信息公开</title></head>
<frameset rows="120,*,60"><frame src="top.htm"><frame src="/xxgk/content.asp?id=5123" name="main"><frame src="bottom.htm">
</frameset></html>""", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 1 and documents(project) == []
    assert ("t.html：正文在页面的框架中（/xxgk/content.asp?id=5123、top.htm、bottom.htm）："
            "请在浏览器中打开其中显示正文的框架的页面，保存后再导入") in out, out


def test_a_frame_is_read_only_from_the_page_s_own_folder(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A frame's page saved beside the page is its body (iframe-body-saved); one outside the page's folder
    ('../'), even a page that is there, is named as not saved, never read."""
    (project.parent / "pages").mkdir()
    (project.parent / "outside.html").write_text(
        "<html><body><p>这是别处的页面，不是这个文件的正文，不能读入。</p></body></html>", encoding="utf-8")
    page = project.parent / "pages" / "t.html"
    page.write_text("""<html><head><meta charset="utf-8"></head><body><h1>关于某事项的公告</h1>
<p>发布日期：2021年3月5日</p><iframe src="../outside.html"></iframe></body></html>""", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 1 and documents(project) == []
    assert "t.html：正文在页面的内嵌框架中（../outside.html）" in out


def test_a_stated_publication_date_that_is_not_a_date_is_named_not_called_missing(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8"></head><body>
<h1>关于某事项的公告</h1><p>发布日期：21-03-05</p><p>根据工作需要，现将有关事项公告如下。</p></body></html>""")
    assert "页面的发布日期“21-03-05”不是完整的日期，请核对" in text
    assert "\npublished:" not in text


CUT_TITLE_PAGE = """<html><head><meta charset="utf-8"><title>关于印发安徽省应急管理厅2021年安全生...</title></head><body>
<table><tr><td>索引号：</td><td>002986620/2021-00080</td><td>发布日期：</td><td>2021-06-01</td></tr>
<tr><td>名称：</td><td>关于印发安徽省应急管理厅2021年安全生...</td><td>发布机构：</td><td>安徽省应急管理厅</td></tr></table>
HEADING<p>各市局：</p><p>现将工作要点印发给你们，请认真贯彻落实。</p></body></html>"""


def test_a_title_cut_short_in_its_cell_is_taken_whole_from_the_heading(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", CUT_TITLE_PAGE.replace(
        "HEADING", "<h2>关于印发安徽省应急管理厅2021年安全生产工作要点的通知</h2>"))
    assert yaml.safe_load(text.split("---\n")[1])["title"] == "关于印发安徽省应急管理厅2021年安全生产工作要点的通知"


def test_a_title_cut_short_with_nothing_whole_is_a_todo(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _import_page(project, capsys, "t.html", CUT_TITLE_PAGE.replace("HEADING", ""))
    assert "\n# title: 关于印发安徽省应急管理厅2021年安全生...\n" in text
    assert "\ntitle:" not in text
    assert "名称以省略号结尾，可能被网站截断，请按原文件补全" in text


def test_a_body_that_is_one_table_right_under_the_title_is_kept(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 行政处罚决定公示: the whole body is a two-column table directly under the heading.
    text = _import_page(project, capsys, "t.html", """<html><head><meta charset="utf-8"></head><body>
<table><tr><td>索引号：</td><td>002986620/2021-00090</td><td>发布日期：</td><td>2021-07-01</td></tr>
<tr><td>名称：</td><td>安徽某化工有限公司行政处罚决定公示</td><td>发布机构：</td><td>安徽省应急管理厅</td></tr></table>
<h2>安徽某化工有限公司行政处罚决定公示</h2>
<table border="1"><tr><td>行政相对人</td><td>安徽某化工有限公司</td></tr>
<tr><td>处罚事由</td><td>未按规定开展安全培训。</td></tr><tr><td>处罚结果</td><td>罚款人民币3万元。</td></tr></table>
</body></html>""")
    body = text.split("---\n", 2)[2]
    assert "| 行政相对人 | 安徽某化工有限公司 |\n|---|---|\n| 处罚事由 | 未按规定开展安全培训。 |\n" in body
    assert "| 处罚结果 | 罚款人民币3万元。 |" in body


def test_check_names_each_todo_left_open_without_failing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Optional fields the import could not fill: the check passes once the required ones are
    written, but names each TODO still open (file, line, field) and sums them up last."""
    pages = project.parent / "pages"
    pages.mkdir()
    (pages / "page.txt").write_text(
        "关于做好防汛工作的通知\n\n发布日期：2020年05月13日　　索引号：002986620/202005-00042\n"
        "发布机构：安徽省应急管理厅　　信息分类：应急管理\n文号：皖应急2020-15号　　有效性：暂行\n\n"
        "各市应急管理局：\n\n　　现就做好防汛工作通知如下。\n\n安徽省应急管理厅\n2020年5月12日\n", encoding="utf-8")
    attachments = copy(LAYOUTS / "attachments-only", project)
    assert run(capsys, "import", str(pages / "page.txt"), str(attachments / "t20210115_3412345.html"))[0] == 0
    notice, missing = documents(project)
    if "防汛" not in notice.read_text(encoding="utf-8"):
        notice, missing = missing, notice
    lines = notice.read_text(encoding="utf-8").split("\n")
    todo_line = {key: lines.index(f"# TODO(待补充): {label}（建议值，核对后删去行首的 “# ”）") + 1
                 for key, label in (("doc_no", "文号"), ("validity", "有效性"))}
    code, out = run(capsys, "check")
    assert code == 0, out
    rel = notice.relative_to(project).as_posix()
    assert (f"{rel}:{todo_line['doc_no']}:1: 文号(doc_no): 导入时留下的待补充项（# TODO(待补充)）还没有处理："
            "文号（doc_no）还没有填写，发布后页面上将没有文号。下一行注释是建议值（皖应急2020-15号），核对（必要时改正）后") in out
    assert f"{rel}:{todo_line['validity']}:1: 有效性(validity): " in out and "将是默认的“有效”" in out
    missing_rel = missing.relative_to(project).as_posix()
    assert re.search(rf"^{re.escape(missing_rel)}:[0-9]+:1: 附件\(attachments\): .*附件“行政处罚决定书（样本）”没有随页面保存",
                     out, re.MULTILINE), out
    assert out.rstrip().endswith("提示：2 个文件中还有 3 处导入时留下的待补充项（# TODO(待补充)），"
                                 "不影响检查和发布，但都要处理：没有填写的内容不会出现在页面上，指向旧网站的链接在旧网站关闭后将打不开。请按上面各行逐一处理。")
    # one file checked alone: only its TODOs
    code, out = run(capsys, "check", str(notice))
    assert code == 0 and "提示：1 个文件中还有 2 处" in out and missing_rel not in out

    # Filled (the TODO comment kept) or dropped, a TODO is no longer named.
    text = notice.read_text(encoding="utf-8").replace("# doc_no: 皖应急2020-15号", "doc_no: 皖应急〔2020〕15号")
    notice.write_text(re.sub(r"# TODO\(待补充\): 有效性.*\n# validity: 暂行\n", "", text), encoding="utf-8")
    code, out = run(capsys, "check", str(notice))
    assert code == 0 and "待补充" not in out, out
    # The attachment found and listed (its TODO comment kept): no longer named either.
    (missing.parent / "P020210115512345678903.pdf").write_bytes(b"%PDF-1.4\n")
    missing.write_text(re.sub(r"^# ( *(- file|title):)", r"\1", missing.read_text(encoding="utf-8"), flags=re.MULTILINE),
                       encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 0 and "待补充" not in out, out


def test_attachments_whose_names_differ_only_in_case_become_two_files_on_windows_too(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Report.pdf and report.pdf, saved from two folders of the old site: one would overwrite the other on
    Windows (and the check refuses the pair), so the second gets its own name; the same file again is reused."""
    pages = project.parent / "pages"
    (pages / "a").mkdir(parents=True)
    (pages / "b").mkdir()
    (pages / "a" / "Report.pdf").write_bytes(b"%PDF-1.4 one\n")
    (pages / "b" / "report.pdf").write_bytes(b"%PDF-1.4 two\n")
    folder = project / "content" / "catalogue" / "yjgl"
    folder.mkdir(parents=True)
    (folder / "REPORT.PDF").write_bytes(b"%PDF-1.4 two\n")  # an earlier import's copy of b/report.pdf
    (pages / "t.html").write_text("""<html><head><meta charset="utf-8"></head><body>
<table><tr><td>名称：</td><td>关于某事项的通知</td><td>发布日期：</td><td>2021-03-05</td></tr>
<tr><td>信息分类：</td><td>应急管理</td><td>发布机构：</td><td>安徽省应急管理厅</td></tr></table>
<div><p>正文。</p><p><a href="a/Report.pdf">附件一</a></p><p><a href="b/report.pdf">附件二</a></p></div>
</body></html>""", encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "t.html"))
    assert code == 0, out
    names = sorted(path.name for path in folder.iterdir() if path.suffix.lower() == ".pdf")
    assert len({name.casefold() for name in names}) == len(names), names
    assert (folder / "REPORT.PDF").read_bytes() == b"%PDF-1.4 two\n"
    [document] = documents(project)
    listed = re.findall(r"file: (\S+)", document.read_text(encoding="utf-8"))
    assert "REPORT.PDF" in listed and len(listed) == 2, listed
    assert [(folder / name).read_bytes() for name in listed] == [b"%PDF-1.4 one\n", b"%PDF-1.4 two\n"]


@pytest.mark.parametrize(("markup", "notice", "kind"), [
    (("<title>404 页面不存在</title><div class=err><h2>抱歉，您访问的页面不存在或已被删除！</h2>"
     "<p>请检查您输入的网址是否正确，或返回<a href='/'>网站首页</a>。</p><p>5秒后自动跳转……</p></div>"),
     "抱歉，您访问的页面不存在或已被删除！", "出错提示"),
    (("<title>系统提示</title><table><tr><td>系统繁忙，请稍后再试。</td></tr>"
     "<tr><td>Error 500: Internal Server Error</td></tr></table>"), "系统繁忙，请稍后再试。", "出错提示"),
    # login walls: they were imported as documents titled '用户登录', the form's labels their body
    (("<title>用户登录</title><form action=/login.do><h2>用户登录</h2><p>用户名：<input name=u></p>"
      "<p>密　码：<input type=password></p><p><input type=submit value=登录> <a href=/reg>注册</a></p></form>"
      "<p>您尚未登录或登录已超时，请登录后查看。</p>"), "您尚未登录或登录已超时，请登录后查看。", "登录或权限提示"),
    ("<title>安徽省应急管理厅</title><p>对不起，您没有权限查看该信息，请先登录！</p><p><a href=/login>点击登录</a></p>",
     "对不起，您没有权限查看该信息，请先登录！", "登录或权限提示"),
    ("<title>提示信息</title><table><tr><td>该信息为内部信息，仅限内网访问。</td></tr></table>",
     "该信息为内部信息，仅限内网访问。", "登录或权限提示"),
    # a redirect to a login, ASP.NET's error, a site down, a firewall's challenge: all imported as documents
    ("<title>Object moved</title><h2>Object moved to <a href='/Login.aspx?ReturnUrl=%2fShow.aspx'>here</a>.</h2>",
     "Object moved to here.", "出错提示"),
    ("<title>Runtime Error</title><h1>Server Error in '/' Application.</h1><h2><i>Runtime Error</i></h2>",
     "Server Error in '/' Application.", "出错提示"),
    ("<title>安徽省应急管理厅</title><h1>安徽省应急管理厅</h1><p>网站正在升级维护中，请稍后访问。</p>",
     "网站正在升级维护中，请稍后访问。", "出错提示"),
    ("<title>安全验证</title><p>您的访问过于频繁，请输入验证码后继续访问。</p><p>验证码：<input></p>",
     "您的访问过于频繁，请输入验证码后继续访问。", "出错提示"),
])
def test_a_saved_error_page_is_refused_saying_what_it_is(
        markup: str, notice: str, kind: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project.parent / "t20210601_123.html"
    page.write_text(f"<html><head><meta charset=utf-8>{markup}</body></html>", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 1 and f"t20210601_123.html：这是网站的{kind}页面（“{notice}”），不是文件页面" in out, out
    assert documents(project) == []


@pytest.mark.parametrize("page_text", [
    ("<html><head><meta charset=utf-8><title>关于网站系统维护的公告</title></head><body>"
     "<h1>关于网站系统维护的公告</h1><div>发布日期：2021-06-01</div>"
     "<p>因系统维护，6月5日网站暂停访问，系统繁忙时请稍后再试。</p></body></html>"),
    ("<html><head><meta charset=utf-8><title>关于网站升级维护的公告</title></head><body><h1>关于网站升级维护的公告</h1>"
     "<p>为提升服务质量，我厅门户网站将于6月5日进行升级维护，届时网站暂停访问，由此带来的不便敬请谅解。</p></body></html>"),
    # no attribute, and words of a login wall in its long line
    ("<html><head><meta charset=utf-8><title>关于启用新版网上申报系统的通知</title></head><body>"
     "<h1>关于启用新版网上申报系统的通知</h1><p>各有关企业：新版系统6月5日启用，请登录新系统办理申报，"
     "旧系统账号尚未登录过新系统的，首次登录时请修改密码。</p></body></html>"),
])
def test_a_notice_about_a_system_outage_is_a_document(
        page_text: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project.parent / "notice.html"
    page.write_text(page_text, encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 0 and len(documents(project)) == 1, out


def test_a_picture_renamed_beside_the_document_is_shown_under_its_new_name(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = []
    for n in (1, 2):  # two articles, each with its own chart.png, into one folder
        folder = project.parent / "pages" / str(n)
        (folder / "art_files").mkdir(parents=True)
        (folder / "art_files" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes([n]) * 64)
        (folder / "art.html").write_text(
            f"<html><head><meta charset=utf-8><title>第{n}季度安全生产形势图解</title></head><body>"
            f"<h1>第{n}季度安全生产形势图解</h1><div>发布日期：2021-0{n}-03</div>"
            f"<p>第{n}季度，全省安全生产形势总体稳定，事故起数和死亡人数实现“双下降”。</p>"
            f"<p><img src='art_files/chart.png' alt='事故起数变化'></p></body></html>", encoding="utf-8")
        pages.append(str(folder / "art.html"))
    code, out = run(capsys, "import", *pages)
    assert code == 0, out
    for document in documents(project):
        text = document.read_text(encoding="utf-8")
        [listed] = yaml.safe_load(text.split("---\n", 2)[1])["attachments"]
        assert f"![事故起数变化](<{listed['file']}>)" in text
        quarter = re.search(r"第(\d)季度", text).group(1)
        assert (document.parent / listed["file"]).read_bytes()[8:9] == bytes([int(quarter)])
    names = sorted(p.name for p in (project / "content" / "catalogue").rglob("*.png"))
    assert len(names) == 2 and names[1] == "chart.png" and names[0].endswith("-chart.png")  # one was renamed


def test_a_title_that_names_only_the_site_is_a_todo(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project.parent / "a.html"
    page.write_text("<html><head><meta charset=utf-8><title>安徽省应急管理厅</title></head><body><div>"
                    "<p>各市：入汛以来，我省降雨偏多，请做好防汛工作，确保安全度汛。</p></div></body></html>", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    [document] = documents(project)
    front = document.read_text(encoding="utf-8").split("---\n", 2)[1]
    assert code == 0 and "# TODO(待补充): 名称\n# title:\n" in front and "\ntitle:" not in front
    assert "名称“安徽省应急管理厅”是网站或机关的名称" in out


def _saved(url: str, title: str, day: str, number: str, body: str) -> str:
    """A page as a browser saves it, saying where it came from."""
    return (f"<!-- saved from url=({len(url):04d}){url} -->\n<html><head><meta charset=utf-8><title>{title}</title></head>"
            f"<body><h1>{title}</h1><div>成文日期：{day}　发布日期：{day}　索引号：{number}　发布机构：安徽省应急管理厅　信息分类：应急管理</div>"
            f"<div>{body}</div></body></html>")


def test_the_links_of_the_body_are_kept_and_those_to_the_old_site_named_in_todos(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The body's links became plain text without a word. Another site's link stays a link; one to
    the old site stays one, made absolute, and a TODO the check names says whether that page was
    imported (a document the body cannot link: the check refuses .md links) or not; a relative
    link nothing resolves stays text, with a TODO."""
    pages = project.parent / "pages"
    pages.mkdir()
    site = "http://yjt.ah.gov.cn/public/9377745"
    (pages / "a.html").write_text(_saved(
        f"{site}/t2021/t20210305_1234.html", "关于开展安全生产大检查的通知", "2021-03-05", "002986620/202103-00001",
        "<p>根据<a href='http://www.gov.cn/zhengce/content_5577.htm'>国务院安委会通知</a>要求，"
        "请参照<a href='../t2019/t20190305_888.html'>关于加强安全生产工作的通知</a>执行，"
        "安排见<a href='/public/9377745/t2020/t20200101_555.html'>关于做好防汛工作的通知</a>，"
        "结果报送<a href='mailto:ajc@ah.gov.cn'>ajc@ah.gov.cn</a>。</p>"), encoding="utf-8")
    # Imported after the page that links it, in the same run.
    (pages / "b.html").write_text(_saved(
        "https://yjt.ah.gov.cn/public/9377745/t2019/t20190305_888.html", "关于加强安全生产工作的通知", "2019-03-05",
        "002986620/201903-00001", "<p>各市应急管理局：现就加强安全生产工作通知如下，请认真贯彻执行。</p>"), encoding="utf-8")
    (pages / "c.html").write_text(
        "<html><head><meta charset=utf-8><title>关于做好汛期值班的通知</title></head><body><h1>关于做好汛期值班的通知</h1>"
        "<div>成文日期：2021-06-01　发布日期：2021-06-01　索引号：002986620/202106-00001　发布机构：安徽省应急管理厅　信息分类：应急管理</div>"
        "<p>请按<a href='../t2021/t20210305_1234.html'>大检查通知</a>做好汛期值班工作，确保信息畅通。</p></body></html>",
        encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "a.html"), str(pages / "b.html"), str(pages / "c.html"))
    assert code == 0, out
    texts = {path.name: path.read_text(encoding="utf-8") for path in documents(project)}
    [a] = [name for name, text in texts.items() if "大检查" in text and "汛期" not in text]
    [b] = [name for name, text in texts.items() if "加强安全生产工作通知如下" in text]
    [c] = [name for name, text in texts.items() if "汛期值班" in text]
    assert ("根据[国务院安委会通知](<http://www.gov.cn/zhengce/content_5577.htm>)要求，"
            f"请参照[关于加强安全生产工作的通知](<{site}/t2019/t20190305_888.html>)执行，"
            f"安排见[关于做好防汛工作的通知](<{site}/t2020/t20200101_555.html>)，"
            "结果报送[ajc@ah.gov.cn](<mailto:ajc@ah.gov.cn>)。") in texts[a]
    assert "请按大检查通知做好汛期值班工作" in texts[c]  # no address of its own: never a dead relative link
    assert "url=https://yjt.ah.gov.cn/public/9377745/t2019/t20190305_888.html " in texts[b]
    assert "正文中有 2 个链接指向旧网站的页面" in out and "正文中有 1 个链接指向旧网站的页面" in out

    code, out = run(capsys, "check")
    assert code == 0, out
    rel_a = f"content/catalogue/yjgl/{a}"
    line_of = {n + 1: line for n, line in enumerate(texts[a].split("\n"))}
    [imported, not_imported] = [n for n, line in line_of.items() if line.startswith("# TODO(待补充): 正文链接")]
    assert (f"{rel_a}:{imported}:1: 文件: 导入时留下的待补充项（# TODO(待补充)）还没有处理：正文链接“关于加强安全生产工作的通知”"
            f"指向旧网站的页面 {site}/t2019/t20190305_888.html，该页面已导入为 catalogue/yjgl/{b}：") in out
    assert (f"{rel_a}:{not_imported}:1: 文件: 导入时留下的待补充项（# TODO(待补充)）还没有处理：正文链接“关于做好防汛工作的通知”"
            f"指向旧网站的页面 {site}/t2020/t20200101_555.html，该页面没有导入") in out
    # The line under the first link's TODO is the second's: its hint must not have both deleted.
    assert not_imported == imported + 1
    assert re.search(rf"^{re.escape(rel_a)}:{imported}:1: .*只删去这一行注释，其下的行不属于这一项。$", out, re.MULTILINE), out
    assert (f"content/catalogue/yjgl/{c}:" in out
            and "正文链接“大检查通知”的地址 ../t2021/t20210305_1234.html 是相对地址，页面没有写明自己的网址，无法补全" in out)
    assert "国务院安委会通知" not in out and "ajc@" not in out  # another site's links need nothing

    # A later run knows the pages imported before from where they were (the url= of their import comment).
    (pages / "d.html").write_text(_saved(
        f"{site}/t2021/t20210701_1.html", "关于开展汛期安全检查的通知", "2021-07-01", "002986620/202107-00001",
        f"<p>按照<a href='{site}/t2019/t20190305_888.html'>关于加强安全生产工作的通知</a>，开展汛期安全检查。</p>"),
        encoding="utf-8")
    assert run(capsys, "import", str(pages / "d.html"))[0] == 0
    [d] = [path for path in documents(project) if "汛期安全检查" in path.read_text(encoding="utf-8")]
    assert f"该页面已导入为 catalogue/yjgl/{b}：" in d.read_text(encoding="utf-8")


def test_an_attachment_named_in_the_body_only_is_a_todo_the_check_names(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'附件：1.预案 2.分工表' with no link to the files (or one of them): the document was published
    without them and nothing said a file was missing."""
    pages = project.parent / "pages"
    (pages / "a_files").mkdir(parents=True)
    (pages / "a_files" / "P0201.xls").write_bytes(b"xls")
    (pages / "a.html").write_text(
        "<html><head><meta charset=utf-8><title>关于印发某某县防汛抗旱应急预案的通知</title></head><body>"
        "<table><tr><td>索引号：</td><td>002986620/2021-00031</td><td>信息分类：</td><td>应急管理</td></tr>"
        "<tr><td>发布机构：</td><td>某某县人民政府办公室</td><td>发布日期：</td><td>2021-03-23</td></tr></table>"
        "<h1>关于印发某某县防汛抗旱应急预案的通知</h1>"
        "<div class=TRS_Editor><p>《某某县防汛抗旱应急预案》已经县政府同意，现印发给你们，请认真组织实施。</p>"
        "<p>附件：1.某某县防汛抗旱应急预案</p><p>2.防汛责任分工表</p><p>某某县人民政府办公室</p><p>2021年3月22日</p></div>"
        "<div>相关附件：<a href='a_files/P0201.xls'>防汛责任分工表.xls</a></div></body></html>", encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "a.html"))
    assert code == 0, out
    [document] = documents(project)
    text = document.read_text(encoding="utf-8")
    assert "# TODO(待补充): 正文列出附件“某某县防汛抗旱应急预案”，页面没有它的链接或文件" in text
    assert "“防汛责任分工表”，页面没有" not in text and "title: 防汛责任分工表" in text
    code, out = run(capsys, "check")
    assert code == 0 and "正文列出附件“某某县防汛抗旱应急预案”" in out, out


def test_a_handler_fetching_by_id_and_the_second_of_two_missing_attachments_found_alone(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """downLoadFile('4028b88188','资金分配表.xlsx') fetches by the id: the address is the handler (it was
    '资金分配表.xlsx', a relative address the old site never had). With two files missing the key
    stood under the first one's TODO: the editor who found only the second uncommented it with the
    key, and the first TODO, its items below a key no longer commented, was told no more."""
    text, _ = _import_saved(project, capsys, LAYOUTS / "hanweb-ul-joint", "info.html")
    [document] = documents(project)
    assert "原链接 javascript:downLoadFile('4028b88188','资金分配表.xlsx')" in text
    assert "原链接 资金分配表.xlsx" not in text
    text = text.replace("\n# attachments:\n", "\nattachments:\n").replace(
        "# - file: 绩效目标表.xls\n#   title: 绩效目标表\n", "- file: 绩效目标表.xls\n  title: 绩效目标表\n")
    document.write_text(text, encoding="utf-8")
    (document.parent / "绩效目标表.xls").write_bytes(b"\xd0\xcf\x11\xe0 xls")
    code, out = run(capsys, "check")
    assert code == 0, out
    assert re.search(r":\d+:1: 附件\(attachments\): .*附件“资金分配表”没有随页面保存", out), out
    assert "附件“绩效目标表”没有随页面保存" not in out


def test_a_page_its_scripts_draw_is_refused_saying_so(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Vue or React page saved before its scripts ran: an empty <div id="app">. It was refused as
    '页面没有文字', or for want of a title, which tells the editor nothing of what to do; a script's data
    that names a document but holds no body of it (window.__NUXT__={…"title":"关于…的通知"…}) is named."""
    pages = copy(ERRORS / "vue-app", project)
    (pages / "titled.html").write_text(
        '<html><head><title>政府信息公开</title></head><body><div id="app"></div><script>window.__NUXT__='
        '{"data":[{"detail":{"title":"关于做好2024年元旦春节期间安全防范工作的通知","id":"8a8f2b"}}]}</script>'
        '<script src="/static/js/app.77aa.js"></script></body></html>', encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "titled.html"), str(pages / "index.html"))
    assert code == 1
    assert re.search(r"titled\.html：页面没有文字：正文由网页的脚本显示，保存的网页里没有正文，"
                     r"脚本的数据中有文件“关于做好2024年元旦春节期间安全防范工作的通知”，但导入不运行脚本：请在浏览器中打开，"
                     r"等正文显示后另存为文本再导入", out), out
    assert re.search(r"index\.html：页面没有文字：正文由网页的脚本显示，保存的网页里没有正文：", out), out
    assert documents(project) == []


def test_a_page_its_scripts_draw_is_read_from_their_data(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A script's data that holds the document, a title and its body (window.__NUXT__ = {…}, a
    <script type="application/json">, pinyin keys fbrq/wh/syh/fbjg, a time in milliseconds): the
    document is imported from it, told so; it was refused as a page with no text."""
    pages = copy(ERRORS / "vue-app", project)
    (pages / "ssr.html").write_text(
        '<html><head><title>政府信息公开</title></head><body><div id="root"></div>'
        '<script type="application/json" id="__NEXT_DATA__">{"props":{"pageProps":{"nav":[{"title":"首页"}],'
        '"doc":{"bt":"关于<b>加强</b>汛期安全生产工作的通知","syh":"002986620/202406-00007","fbjg":"安徽省应急管理厅",'
        '"wh":"皖应急〔2024〕31号","fbrq":1717981200000,"cwrq":"2024-06-07",'
        '"zw":"<p>各市应急管理局：</p><p>入汛以来，现就有关事项通知如下。</p><script>alert(1)<\\/script>'
        '<p onclick=\\"x()\\">一、压实责任。</p>"}}}}</script></body></html>', encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "detail.html"), str(pages / "ssr.html"))
    assert code == 0, out
    assert "页面由网页脚本显示，名称、属性和正文取自脚本中的数据，请对照旧网站核对" in out
    texts = {path.read_text(encoding="utf-8").split("---\n")[1]: path.read_text(encoding="utf-8")
             for path in documents(project)}
    fronts = {front: yaml.safe_load(front) for front in texts}
    [nuxt] = [text for front, text in texts.items() if fronts[front]["title"].startswith("关于做好")]
    [ssr] = [text for front, text in texts.items() if "汛期" in fronts[front]["title"]]
    values = yaml.safe_load(nuxt.split("---\n")[1])
    assert (values["index_no"], values["publisher"], values["doc_no"], str(values["published"])) == (
        "002986620/202312-00041", "安徽省应急管理厅", "皖应急明电〔2023〕52号", "2023-12-26 10:00")
    assert "各市应急管理局：\n\n元旦春节将至，现就做好安全防范工作通知如下。" in nuxt
    values = yaml.safe_load(ssr.split("---\n")[1])
    assert values["title"] == "关于加强汛期安全生产工作的通知"
    assert (values["index_no"], values["doc_no"], str(values["created"]), str(values["published"])) == (
        "002986620/202406-00007", "皖应急〔2024〕31号", "2024-06-07", "2024-06-10 09:00")
    body = ssr.split("---\n", 2)[2]
    assert "入汛以来，现就有关事项通知如下。" in body and "一、压实责任。" in body
    assert "alert" not in body and "onclick" not in body and "首页" not in body


def imported(project: Path, capsys: pytest.CaptureFixture[str], name: str, markup: str,
             encoding: str = "utf-8") -> tuple[str, dict[str, object], str]:
    """The one document `gkml import` writes from `markup`: its text, its front matter, the summary."""
    page = project.parent / name
    page.write_bytes(markup.encode(encoding))
    code, out = run(capsys, "import", str(page))
    assert code == 0, out
    [written] = documents(project)
    text = written.read_text("utf-8")
    return text, yaml.safe_load(text.split("---\n")[1]), out


def notice(attributes: str, title: str) -> str:
    return f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<table class="xxgk">{attributes}</table><h1>{title}</h1><div class="content"><p>各县（市）区应急管理局：</p>
<p>为切实做好今年汛期安全防范工作，现就有关事项通知如下，请认真贯彻落实。</p>
<p style="text-align:right">合肥市应急管理局</p><p style="text-align:right">2024年3月4日</p></div></body></html>"""


@pytest.mark.parametrize(("stated", "published", "told"), [
    ("2024-03-05　合肥市应急管理局", "2024-03-05", "合肥市应急管理局"),
    ("2024-03-05 晚上12:00", "2024-03-05", "晚上12:00"),
    ("2024-03-05 25:10", "2024-03-05", "25:10"),
    ("2024-03-05 至 2024-04-05", "2024-03-05", "至 2024-04-05"),
    ("2024-03-05　星期二", "2024-03-05", None),
    ("2024年3月5日 10时30分（星期二）", "2024-03-05 10:30", None),
])
def test_what_a_date_value_states_beside_its_date_is_told(project: Path, capsys: pytest.CaptureFixture[str],
                                                          stated: str, published: str, told: str | None) -> None:
    """'2024-03-05　合肥市应急管理局' was read as the date and the rest dropped unsaid (as was a time no clock
    has, 25:10, or one the check calls uncertain, 晚上12:00); a weekday beside the date says nothing more."""
    text, fields, out = imported(project, capsys, "date_beside.html", notice(
        "<tr><td>索引号：</td><td>002986620/2024-00141</td><td>发布机构：</td><td>合肥市应急管理局</td></tr>"
        f"<tr><td>成文日期：</td><td>2024-03-04</td><td>发布日期：</td><td>{stated}</td></tr>",
        "关于做好2024年汛期安全防范工作的通知"))
    assert str(fields["published"]) == published
    said = [line for line in text.splitlines() if "中日期之外的" in line]
    if told is None:
        assert said == []
    else:
        assert said == [f"# TODO(待补充): 页面的发布日期“{stated.replace('　', ' ')}”中日期之外的“{told}”没有导入，请核对"]
        assert told in out


def test_a_value_no_field_holds_is_told_and_a_disclosure_scope_read(project: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A TRS table (GBK, <th> labels, no colons): 生效日期, 废止日期 and a label the list does not know
    (报送单位) were dropped unsaid, and 公开范围：依申请公开 was published as 主动公开."""
    text, fields, _ = imported(project, capsys, "trs_unfielded.html", notice(
        "<tr><th>索引号</th><td>002986620/2024-00171</td><th>发布机构</th><td>合肥市应急管理局</td></tr>"
        "<tr><th>成文日期</th><td>2024-03-04</td><th>发布日期</th><td>2024-03-05</td></tr>"
        "<tr><th>生效日期</th><td>2024-04-01</td><th>废止日期</th><td>2029-03-31</td></tr>"
        "<tr><th>公开范围</th><td>依申请公开</td><th>作者</th><td>政策法规处</td></tr>"
        "<tr><th>报送单位</th><td>政策法规处</td><th>浏览次数</th><td>128</td></tr>",
        "合肥市安全生产举报奖励办法（2024年修订）").replace('charset="utf-8"', 'charset="gbk"'), "gbk")
    assert fields["index_no"] == "002986620/2024-00171" and "disclosure" not in fields
    assert "# TODO(待补充): 公开方式" in text
    assert ("# TODO(待补充): 页面的属性生效日期“2024-04-01”、废止日期“2029-03-31”、报送单位“政策法规处”"
            "没有对应的字段，未导入，请核对") in text



@pytest.mark.parametrize("line", ["2024-03-05 10:30　合肥市应急管理局", "合肥市应急管理局　2024年03月05日 10:30"])
def test_a_date_and_an_agency_under_the_title_with_no_label(project: Path, capsys: pytest.CaptureFixture[str],
                                                            line: str) -> None:
    """A mobile page prints '2024-03-05 10:30　合肥市应急管理局' under the title, no label: the line was the
    body's first paragraph and the page's date not read. Which field the name is, the page does not say."""
    markup = notice("", "关于开展2024年危险化学品安全专项整治的通知（mobile-stamp）").replace(
        '<table class="xxgk"></table>', "").replace(
        '<div class="content">', f'<div class="m-info"><span>{line.replace("　", "</span>　<span>")}</span></div><div class="content">')
    text, fields, out = imported(project, capsys, "mobile_stamp.html", markup)
    assert str(fields["published"]) == "2024-03-05 10:30"
    assert "publisher" not in fields
    assert "页面未写发布机构，建议值“合肥市应急管理局”取自标题下日期旁的机关名称" in out
    assert "# TODO(待补充): 发布机构（建议值" in text and "\n# publisher: 合肥市应急管理局\n" in text
    assert text.split("---\n", 2)[2].lstrip().startswith("各县（市）区应急管理局：")


def test_a_link_to_an_attachment_inside_a_sentence_leads_to_its_file_beside_the_document(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'详见<a href=report.pdf>年度报告</a>': the sentence kept its words but lost the way to the file the
    import copied beside the document. The link leads to that file (listed under 附件 once, however often
    the body links it); an attachment not saved stays text (its link would be dead)."""
    pages = project.parent / "pages"
    pages.mkdir()
    (pages / "report.pdf").write_bytes(b"%PDF-1.4 annual\n")
    (pages / "t.html").write_text("""<html><head><meta charset="utf-8"></head><body>
<table><tr><td>名称：</td><td>关于2023年度应急管理工作报告的公告（导入十五）</td><td>发布日期：</td><td>2024-03-05</td></tr>
<tr><td>信息分类：</td><td>应急管理</td><td>发布机构：</td><td>安徽省应急管理厅</td></tr>
<tr><td>索引号：</td><td>002986620/202403-00915</td><td>成文日期：</td><td>2024-03-04</td></tr></table>
<div><p>现将2023年度工作情况公告如下，详见<a href="report.pdf">年度报告</a>，附表见<a href="lost.xls">统计附表</a>。</p>
<p>附件：<a href="report.pdf">年度报告</a></p></div>
</body></html>""", encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "t.html"))
    assert code == 0, out
    [document] = documents(project)
    text = document.read_text(encoding="utf-8")
    assert "详见[年度报告](<report.pdf>)，附表见统计附表。" in text
    assert "附件：[年度报告](<report.pdf>)" in text
    assert [item["file"] for item in yaml.safe_load(text.split("---\n")[1])["attachments"]] == ["report.pdf"]
    assert "附件“统计附表”没有随页面保存" in text
    assert (document.parent / "report.pdf").read_bytes() == b"%PDF-1.4 annual\n"
    code, out = run(capsys, "check")
    assert code == 0, out


def test_a_date_the_page_s_script_computes_is_told_as_computed_not_as_unwritten(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'发布日期：<script>document.write(d)</script>': the saved page holds no value, but the page did show
    one; the TODO said '页面未写发布日期', which sends the editor to look for a date the page never had."""
    pages = project.parent / "pages"
    pages.mkdir()
    (pages / "t.html").write_text("""<html><head><meta charset="utf-8"></head><body>
<h1>关于开展2024年春季安全检查的通知（导入十五）</h1>
<table><tr><td>发布日期：</td><td><script>var d = new Date(1712110800000); document.write(d.toLocaleDateString());</script></td>
<td>发布机构：</td><td>安徽省应急管理厅</td></tr>
<tr><td>文号：</td><td><script>document.write(wh)</script></td></tr></table>
<p><script>document.write("<span>成文日期：</span>" + cwrq);</script></p>
<p>各市应急管理局：现将2024年春季安全检查有关事项通知如下，请遵照执行。</p>
</body></html>""", encoding="utf-8")
    code, out = run(capsys, "import", str(pages / "t.html"))
    assert code == 0, out
    assert "页面的发布日期由脚本计算后显示（document.write），保存的页面中没有它的值，请在浏览器中打开原网页核对后填写" in out
    assert "页面的生成日期由脚本计算后显示" in out  # the label is the script's own
    assert "页面未写发布日期" not in out and "页面未写完整的生成日期" not in out
    assert "页面未写索引号" in out  # no script there: still unwritten


def imported_gb18030(project: Path, capsys: pytest.CaptureFixture[str], markup: str) -> tuple[str, str]:
    """(the document written from `markup` saved in GB18030, what the command printed)."""
    page = project.parent / "t.html"
    page.write_bytes(markup.encode("gb18030"))
    code, out = run(capsys, "import", str(page))
    assert code == 0, out
    [document] = documents(project)
    return document.read_text(encoding="utf-8"), out


def test_a_computed_write_with_no_label_is_a_todo_naming_its_call_and_where_it_stood(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'<td><script>document.write(fbrq)</script></td>' and '<p><script>document.write(content)</script></p>':
    the cell's value and the paragraph were dropped without a word, and the TODO said '页面未写发布日期', though
    the live page may show it."""
    text, out = imported_gb18030(project, capsys, """<html><head><meta charset="gb18030">
<script>document.write('<link rel="stylesheet" href="' + base + 'a.css">')</script></head><body>
<div class="top">今天是：<script>document.write(today)</script> 星期<script>document.write(week)</script></div>
<h1>关于开展2024年夏季安全检查的通知（导入十六甲）</h1>
<table><tr><td>索引号：</td><td>002986620/202403-00916</td><td><script>document.write(fbrq)</script></td></tr>
<tr><td>发布机构：</td><td>安徽省应急管理厅</td></tr></table>
<div id="zoom"><p>各市应急管理局：现将有关事项通知如下。</p><p><script>document.write(content)</script></p></div>
<div>浏览次数：<script>document.write(hits)</script></div>
<div class="foot">版权所有©2005-<script>document.write(new Date().getFullYear())</script> 安徽省应急管理厅
<script>document.write(unescape("%3Cspan id='cnzz_stat_icon'%3E%3C/span%3E"))</script></div>
</body></html>""")
    todos = [line for line in text.splitlines() if "由脚本计算后显示的内容" in line]
    assert todos == [
        ("# TODO(待补充): 页面“002986620/202403-00916”之后有由脚本计算后显示的内容（document.write(fbrq)），"
         "保存的页面中没有它，导入未能读出：请在浏览器中打开原网页核对，它可能是页面未写的生成日期、发布日期；"
         "若是文件的属性或正文，请补上"),
        ("# TODO(待补充): 页面“各市应急管理局：现将有关事项通知如下。”之后有由脚本计算后显示的内容"
         "（document.write(content)），保存的页面中没有它，导入未能读出：请在浏览器中打开原网页核对，"
         "它可能是页面未写的生成日期、发布日期；若是文件的属性或正文，请补上"),
    ]
    assert "保存的页面未写发布日期（可能由脚本计算后显示，见待补充项）" in out
    assert "保存的页面未写完整的生成日期（可能由脚本计算后显示，见待补充项）（成文日期或落款日期）" in out
    assert not re.search("(?<!保存的)页面未写(?:完整的)?(?:发布|生成)日期", out)
    assert all(line in out for line in (todo.removeprefix("# TODO(待补充): ") for todo in todos))
    # the masthead's clock, the counter, the footer's year and the tracker are the page's furniture
    assert not any(word in text for word in ("today", "week", "hits", "getFullYear", "cnzz", "a.css"))


def test_a_page_whose_writes_all_have_labels_or_are_furniture_gets_no_such_todo(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, out = imported_gb18030(project, capsys, """<html><head><meta charset="gb18030"></head><body>
<div>当前时间：<script>document.write(now)</script></div>
<h1>关于开展2024年冬季安全检查的通知（导入十六乙）</h1>
<table><tr><td>索引号：</td><td>002986620/202403-00917</td><td>发布日期：</td><td><script>document.write(fbrq)</script></td></tr>
<tr><td>发布机构：</td><td>安徽省应急管理厅</td><td>成文日期：</td><td>2024-03-04</td></tr></table>
<div id="zoom"><p>各市应急管理局：现将有关事项通知如下。</p></div>
<div>访问量：<script>document.write(count)</script></div>
</body></html>""")
    assert "由脚本计算后显示的内容" not in text + out
    assert "页面的发布日期由脚本计算后显示（document.write）" in out


def test_a_body_a_script_copies_from_a_hidden_text_box_is_read_where_the_script_puts_it(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'<div id=content></div><textarea id=contentText style=display:none>&lt;p&gt;…</textarea>' and a script
    setting content.innerHTML to the box's value: the page was refused (正文 not found), though its body is saved
    in it. A hidden box no script names (an editor's draft), or one copied into an element the page fills (a print
    copy), stays unseen."""
    text, _ = imported_gb18030(project, capsys, """<html><head><meta charset="gb18030"></head><body>
<div class="attr"><span>发布日期：2024-08-01</span> <span>发布机构：安徽省应急管理厅</span></div>
<h1>关于加强有限空间作业安全管理的通知（导入十六壬）</h1>
<div class="main"><div id="content"></div><p>（来源：安全生产处）</p></div>
<div style="display:none"><textarea id="contentText">&lt;p&gt;各市应急管理局：&lt;/p&gt;&lt;p&gt;近期有限空间作业事故多发，现就加强安全管理通知如下。&lt;/p&gt;
&lt;p style="text-align:right"&gt;2024年7月31日&lt;/p&gt;</textarea>
<textarea id="draft">&lt;p&gt;草稿：不要发布&lt;/p&gt;</textarea><textarea id="printSrc">&lt;p&gt;打印副本&lt;/p&gt;</textarea></div>
<div id="printArea"><p>本页可打印。</p></div>
<script>document.getElementById('printArea').innerHTML = document.getElementById('printSrc').value;
document.getElementById('content').innerHTML = document.getElementById('contentText').value;</script>
<div>版权所有：安徽省应急管理厅</div>
</body></html>""")
    body = text.split("---\n", 2)[2]
    assert body.index("各市应急管理局：") < body.index("现就加强安全管理通知如下。") < body.index("2024年7月31日") \
        < body.index("（来源：安全生产处）")
    assert "草稿" not in text and "打印副本" not in text and "textarea" not in text and "innerHTML" not in text
    assert "created: 2024-07-31" in text or "# created: 2024-07-31" in text


def test_a_picture_written_in_its_address_is_saved_beside_the_document(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'<img src="data:image/png;base64,…" alt="图1">' (Word's paste): the chart was dropped without a word.
    Its bytes are a file beside the document, shown where it stood; one whose bytes cannot be read is a TODO
    quoting the start of its address, not all of it."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    broken = "data:image/jpeg;base64," + "A" * 5000 + "!"
    text, out = imported_gb18030(project, capsys, f"""<html><head><meta charset="gb18030"></head><body>
<h1>关于全省安全生产事故情况的通报（导入十六子）</h1><p>发布日期：2024-10-08　发布机构：安徽省应急管理厅</p>
<div id="zoom"><p>9月份全省事故情况如下图所示。</p>
<p><img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="图1 9月事故情况"></p>
<p>请各地引以为戒。</p><p><img src="{broken}" alt="图2 现场照片"></p></div></body></html>""")
    [document] = documents(project)
    [name] = [path.name for path in document.parent.iterdir() if path.suffix == ".png"]
    assert (document.parent / name).read_bytes() == png
    front, body = text.split("---\n", 2)[1:]
    assert yaml.safe_load(front)["attachments"] == [{"file": name, "title": "图1 9月事故情况"}]
    assert body.index("如下图所示。") < body.index(f"![图1 9月事故情况](<{name}>)") < body.index("请各地引以为戒。")
    assert "附件“图2 现场照片”没有随页面保存" in out
    assert f"（原链接 {broken[:300]}…）" in text and broken not in text


def test_a_picture_no_attachment_can_keep_is_a_todo_not_dropped_unsaid(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An article's picture whose address names no file of the attachment types (/showimage.do?id=88, a webp
    written in its address) was left out of the body without a word; a gif written in its address is a file."""
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
    text, out = imported_gb18030(project, capsys, f"""<html><head><meta charset="gb18030"></head><body>
<h1>关于事故趋势的通报（导入十六丑）</h1><p>发布日期：2024-10-09　发布机构：安徽省应急管理厅</p>
<div id="zoom"><p>近三年事故趋势如下图。</p><p><img src="/showimage.do?id=88" alt="图2 近三年趋势" width="600"></p>
<p><img src="data:image/webp;base64,UklGRhIAAABXRUJQ" alt="图3 分布"></p>
<p><img src="data:image/gif;base64,{base64.b64encode(gif).decode()}" alt="图4 比例"></p><p>特此通报。</p></div></body></html>""")
    kept = [line for line in text.splitlines() if "导入时没有保留" in line]
    assert kept == [
        ("# TODO(待补充): 正文中的图片“图2 近三年趋势”（/showimage.do?id=88）导入时没有保留：它的地址不是可以作为附件发布的"
         "图片文件（png、jpg 等），请在原网页上把它另存为 png 或 jpg，放在本文件旁，再写入正文"),
        ("# TODO(待补充): 正文中的图片“图3 分布”（data:image/webp;base64,UklGRhIAAABXRUJQ）导入时没有保留：它的地址不是"
         "可以作为附件发布的图片文件（png、jpg 等），请在原网页上把它另存为 png 或 jpg，放在本文件旁，再写入正文"),
    ]
    assert all(line.removeprefix("# TODO(待补充): ") in out for line in kept)
    [document] = documents(project)
    [name] = [path.name for path in document.parent.iterdir() if path.suffix == ".gif"]
    assert (document.parent / name).read_bytes() == gif and f"![图4 比例](<{name}>)" in text


def test_a_title_the_page_s_script_writes_in_its_heading_is_told_as_the_title(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'<h1><script>document.write(ArticleTitle)</script></h1>': told as content that may be 生成日期 or 索引号;
    it is the title: no such TODO, and when the <title> names only the site, the title's TODO says why."""
    text, out = imported_gb18030(project, capsys, """<html><head><meta charset="gb18030"><title>安徽省应急管理厅</title></head><body>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<h1><script>document.write(ArticleTitle)</script></h1>
<div class="info">发布日期：2024-11-01　发布机构：安徽省应急管理厅</div>
<div id="zoom"><p>各市应急管理局：现决定开展消防安全检查，请按要求落实。</p></div></body></html>""")
    assert "由脚本计算后显示的内容" not in text + out
    assert "请按原文件填写（页面标题处的名称由脚本计算后显示，保存的页面中没有它）" in out


@pytest.mark.parametrize(("inside", "what", "line"), [
    ("<div>" * 12_000 + "第十八轮深层嵌套的正文。", "网页", 4),
    ("<table><tr><td>" * 4000 + "第十八轮层层表格中的正文。", "网页", 4),  # a <td> closes only its own table's
    ('<iframe srcdoc="' + "&lt;div&gt;" * 12_000 + '第十八轮框架中的正文。"></iframe>', "内嵌框架（srcdoc）中的网页", 1)])
def test_a_page_nested_deeper_than_any_browser_nests_is_refused_located(
        inside: str, what: str, line: int, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Lexbor's tree builder costs depth × tags (30,000 unclosed <div>: seconds; 200,000: minutes): a page
    nested deeper than any real one was read as slowly as it costs; it is refused, its line told."""
    page = project.parent / "deep18.html"
    page.write_text("<html><head><meta charset=utf-8><title>关于第十八轮嵌套检查的通知</title></head><body>\n"
                    f"<h1>关于第十八轮嵌套检查的通知</h1>\n<p>发布日期：2024-03-18</p>\n{inside}</body></html>", encoding="utf-8")
    code, out = run(capsys, "import", str(page))
    assert code == 1 and documents(project) == []
    assert re.search(rf"无法导入：\S*deep18\.html：无法解析：{re.escape(what)}的标签嵌套超过 10000 层（第 {line} 行起），"
                     r"比任何正常网页都深，可能已损坏：请在浏览器中打开它，另存为文本（\.txt）后再导入", out), out


def test_unclosed_inline_tags_of_a_long_real_page_are_no_nesting(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Old editors leave <font> and <a> unclosed in every paragraph and list item: the parser closes them
    (with the <p>, <li>, the next <a>), so such a page, however long, is read."""
    items = "".join(f"<p><font size=3>第{n}段第十八轮正文。<li><a href=a{n}.pdf>附件{n}" for n in range(3000))
    items += "<div>第十八轮从不闭合的段落。" * 3000  # an editor that never closed a <div>: nested, but read
    text = _import_page(project, capsys, "long18.html", (
        "<html><head><meta charset=utf-8><title>关于第十八轮长页面的通知</title></head><body>"
        f"<h1>关于第十八轮长页面的通知</h1><p>发布日期：2024-03-18</p>{items}</body></html>"))
    assert "第2999段第十八轮正文。" in text and text.count("第十八轮从不闭合的段落。") == 3000
