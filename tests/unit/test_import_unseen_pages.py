"""`gkml import` on pages of the twentieth round: a very short GBK page whose bytes are UTF-8 too,
所属主题 as the topics' label, a FrontPage page's 文号 line read into the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from gkml.cli import main
from gkml.content.encoding import decode
from support import COMMANDS_YML


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "catalogue").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    return tmp_path


def imported(project: Path, capsys: pytest.CaptureFixture[str], page: bytes) -> str:
    (project / "saved").mkdir()
    saved = project / "saved" / "page.html"
    saved.write_bytes(page)
    assert main(["import", "--config-dir", str(project), str(saved)]) == 0, capsys.readouterr()
    [document] = (project / "content" / "catalogue").rglob("*.md")
    return document.read_text(encoding="utf-8")


@pytest.mark.parametrize(("charset", "codec", "words"), [
    ("gb2312", "gbk", "通知"), ("gbk", "gbk", "员说"), ("GB2312", "gbk", "叻芒"), ("gb2312", "gbk", "去蘑"),
    ("big5", "big5", "瞻疆"),
])
def test_a_very_short_chinese_page_whose_bytes_are_utf8_too_is_read_as_declared(charset: str, codec: str, words: str) -> None:
    page = f'<html><head><meta charset="{charset}"><title>{words}</title></head><body><p>{words}</p></body></html>'
    data = page.encode(codec)
    data.decode("utf-8")  # valid UTF-8 too: read so, 通知 was a combining mark and a Hebrew accent
    assert decode(data)[0] == page


@pytest.mark.parametrize("words", [
    "Ελληνικά", "ηλικία", "αβγ", "Привет мир", "Сбор", "café", "Zürich", "à la", "Zhōngguó Běijīng", "ئۇيغۇرچە",
    "שלום", "Հայերեն", "Қазақстан", "© 2024", "№ 5 — 通知",
])
def test_a_utf8_page_in_another_script_under_a_stale_chinese_declaration_stays_utf8(words: str) -> None:
    for charset in ("gb2312", "gbk", "big5"):
        page = f'<html><head><meta charset="{charset}"></head><body><p>{words}</p></body></html>'
        assert decode(page.encode()) == (page, "UTF-8")


def test_a_short_gbk_notice_imports_its_chinese_words(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = ('<html><head><meta charset="gb2312"><title>x</title></head><body><h1>通知</h1><p>通知</p></body></html>')
    text = imported(project, capsys, page.encode("gbk"))
    assert text.endswith("---\n\n## 通知\n\n通知\n") and "֪" not in text


def test_the_topic_a_page_labels_its_own_is_read_as_topics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = ('<html><head><meta charset="utf-8"><title>关于开展汛期安全检查的通知</title></head><body>'
            '<table class="xxgk"><tr><td>索引号：</td><td>002986620/2023-20451</td><td>所属主题：</td><td>安全生产</td></tr>'
            '<tr><td>发布机构：</td><td>某市应急管理局</td><td>成文日期：</td><td>2023年03月05日</td></tr>'
            '<tr><td>主题分类名称：</td><td>应急管理</td><td>发布日期：</td><td>2023年03月06日</td></tr>'
            '<tr><td>名称：</td><td colspan="3">关于开展汛期安全检查的通知</td></tr></table>'
            '<div class="content"><p>各区县应急管理局：</p><p>现将汛期安全检查有关事项通知如下，请认真贯彻执行。</p></div>'
            '</body></html>')
    text = imported(project, capsys, page.encode())
    assert "topics:\n- 安全生产\n" in text
    assert "所属主题" not in text  # no TODO: the page's topic is the field's


FRONTPAGE = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
             '<meta name="GENERATOR" content="Microsoft FrontPage 4.0"><title>关于做好元宵节期间值班工作的通知</title></head><body>'
             '<p align="center"><b><font size="5">关于做好元宵节期间值班工作的通知</font></b></p>{table}'
             '<p align="center">某政办〔2022〕31号</p>'
             '<p>各乡镇人民政府，县直各单位：</p><p>元宵节将至，为做好值班工作，现将有关事项通知如下。</p>'
             '<p align="right">某县人民政府办公室</p><p align="right">2022年2月10日</p></body></html>')


def test_a_doc_no_line_read_from_the_body_is_not_its_first_line_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = imported(project, capsys, FRONTPAGE.format(table="").encode())
    front, body = text.split("\n---\n", 1)
    assert "\ndoc_no: 某政办〔2022〕31号\n" in front
    assert "31号" not in body and body.lstrip().startswith("各乡镇人民政府，县直各单位：")


def test_a_doc_no_line_the_attribute_table_states_stays_in_the_body(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = '<table><tr><td>文号：</td><td>某政办〔2022〕31号</td><td>发布日期：</td><td>2022-02-11</td></tr></table>'
    text = imported(project, capsys, FRONTPAGE.format(table=table).encode())
    front, body = text.split("\n---\n", 1)
    assert "\ndoc_no: 某政办〔2022〕31号\n" in front
    assert body.lstrip().startswith("某政办〔2022〕31号\n")  # the field not read from it: the document's line kept
