"""A plain text field other than the title wrapped whole in Word's quotes (`publisher: “安徽省应急管理厅”`):
told by `gkml check` with the line to write, dropped by `gkml fix`; a quoted word inside, or a 《报刊》 name, kept."""

from __future__ import annotations

from pathlib import Path

from support import COMMANDS_YML, doc, gkml


def test_a_publisher_in_words_quotes_is_told_and_fix_drops_them_a_paper_name_is_kept(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    folder = tmp_path / "content/catalogue/fgwj"
    folder.mkdir(parents=True)
    (folder / "quoted.md").write_text(doc(publisher="“安徽省应急管理厅”", source="《人民日报》",
                                          index_no="002986620/202003-01001", title="发布机构带引号的通知十"),
                                      encoding="utf-8")
    result = gkml(tmp_path, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    told = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert len(told) == 1 and told[0].startswith("content/catalogue/fgwj/quoted.md:"), told
    assert "发布机构(publisher): 值两边有中文引号" in told[0] and "应写作：publisher: 安徽省应急管理厅" in told[0], told
    assert gkml(tmp_path, "fix").returncode == 0
    text = (folder / "quoted.md").read_text(encoding="utf-8")
    assert "publisher: 安徽省应急管理厅\n" in text and "source: 《人民日报》\n" in text, text
    assert gkml(tmp_path, "check").returncode == 0
