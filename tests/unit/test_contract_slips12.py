"""Front matter as editors type it, twelfth round: a validity the contract has no word for told what to
write, not offered a wrong one; dates other systems export read as meant and written so by `gkml fix`;
a field's pasted name with no value told as an empty value; a block list item of several words split."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import doc, gkml, small_site_yml, write_project


def _told(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """Each document's line of what the check told, by the document's name."""
    lines = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    return {Path(line.split(":")[0]).stem: line for line in lines}


def _project(tmp_path: Path) -> Path:
    """A project's empty catalogue folder."""
    write_project(tmp_path, small_site_yml("前置信息写法十二"), {"catalogue/fgwj/.keep": ""})
    return tmp_path / "content" / "catalogue" / "fgwj"


def _write(folder: Path, documents: dict[str, tuple[tuple[str, ...], dict[str, str]]], serial: str, title: str) -> None:
    for number, (name, (lines, fields)) in enumerate(documents.items()):
        (folder / f"{name}.md").write_text(doc(*lines, **{"index_no": f"002986620/202003-{serial}{number:02d}",
                                                          "title": f"{title}之{number}", **fields}), encoding="utf-8")


def test_a_partly_void_document_is_told_what_the_contract_allows_not_offered_void(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _write(folder, {"partly": (("validity: 部分失效",), {}), "clauses": (("validity: 部分条款失效",), {}),
                    "still": (("validity: 未失效",), {})}, "121", "部分失效探测通知十二")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"partly", "clauses", "still"}, result.stdout
    for name in ("partly", "clauses"):
        assert ":9:11: 有效性(validity): " in told[name] and "可选：有效 / 失效 / 废止 / 已修订。" in told[name], told
        assert "是否应为" not in told[name] and "部分条款失效的文件仍然有效" in told[name], told[name]
        assert "请写 有效" in told[name] and "写 已修订，并在替代文件（superseded_by）中" in told[name], told[name]
    assert told["still"].endswith("应写作：有效"), told["still"]  # not void: in force, certainly
    assert gkml(tmp_path, "fix").returncode == 0
    assert "\nvalidity: 部分失效\n" in (folder / "partly.md").read_text(encoding="utf-8")  # only its editor knows
    assert "\nvalidity: 有效\n" in (folder / "still.md").read_text(encoding="utf-8")


# file name -> (value typed as 发布日期, the value the check says to write and fix writes)
EXPORTED = {"cst": ("2020-03-05 CST", "2020-03-05"), "cst-time": ("2020-03-05 09:30 CST", "2020-03-05 09:30"),
            "gmt8": ("2020-03-05 09:30 GMT+8", "2020-03-05 09:30"), "noon": ("2020-03-05 noon", "2020-03-05 12:00"),
            "zhongwu": ("2020-03-05 中午12点", "2020-03-05 12:00"), "half": ("2020年3月5日 9点半", "2020-03-05 09:30"),
            "compact": ("20200305 0930", "2020-03-05 09:30"), "digits": ("20200305093000", "2020-03-05 09:30")}


def test_dates_systems_export_and_editors_say_are_read_as_meant_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _write(folder, {name: ((), {"published": typed}) for name, (typed, _) in EXPORTED.items()}, "122", "导出日期探测通知十二")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(EXPORTED), result.stdout
    for name, (typed, meant) in EXPORTED.items():
        assert f":7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，现在是“{typed}”。应写作：{meant}" \
            in told[name], told[name]
    assert gkml(tmp_path, "fix").returncode == 0
    for name, (_, meant) in EXPORTED.items():
        assert f"\npublished: {meant}\n" in (folder / f"{name}.md").read_text(encoding="utf-8"), name
    assert gkml(tmp_path, "check").returncode == 0


def test_a_field_s_pasted_name_with_no_value_is_told_as_empty_and_never_published(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _write(folder, {"source": (("source: 来源：",), {}), "doc-no": (("doc_no: 文号:",), {}),
                    "publisher": ((), {"publisher": "发布机构："})}, "123", "只有字段名探测通知十二")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"source", "doc-no", "publisher"}, result.stdout
    assert told["publisher"].endswith(":5:12: 发布机构(publisher): 只有字段名“发布机构：”（从网页或文件复制时带上的），"
                                      "没有值：发布机构是必填项，请在冒号后填写发布机构。"), told
    assert told["source"].endswith(":9:1: 来源(source): 来源（source）只有字段名“来源：”（从网页或文件复制时带上的），"
                                   "没有值，按未填写处理：页面上将没有来源。需要时请填写，否则可删去这一行。（gkml fix 可自动删去这个字段名）"), told
    # an ASCII colon at the end is YAML's: told as a name pasted, not only as a value to quote
    assert ":9:11: " in told["doc-no"] and "值“文号:”以冒号结尾，YAML 把它读成另一个键。如果它是从网页或文件复制时带上的字段名，请删去它（没有值时写作 doc_no:" \
        in told["doc-no"], told["doc-no"]
    gkml(tmp_path, "fix")
    assert "\nsource:\n" in (folder / "source.md").read_text(encoding="utf-8")
    assert "\ndoc_no:\n" in (folder / "doc-no.md").read_text(encoding="utf-8")
    assert "\npublisher: 发布机构：\n" in (folder / "publisher.md").read_text(encoding="utf-8")  # the editor fills it in
    assert set(_told(gkml(tmp_path, "check"))) == {"source", "doc-no", "publisher"}  # source, doc_no: empty, a notice


def test_a_block_list_item_of_several_words_is_split_by_fix(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _write(folder, {"block": (("keywords:", "  - 消防", "  - 防汛；抗旱，救灾"), {}),
                    "quoted": (("keywords:", '  - "一网通办，一次办好"'), {}),
                    "topics": (("topics:", "- 安全生产;应急管理  "), {})}, "124", "列表项分项探测通知十二")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"block", "topics"}, result.stdout  # quoted: meant as one
    assert ":11:5: 主题词(keywords): “防汛；抗旱，救灾”中的“；”不分项" in told["block"], told
    assert gkml(tmp_path, "fix").returncode == 0
    assert "\nkeywords:\n  - 消防\n  - 防汛\n  - 抗旱\n  - 救灾\n---\n" in (folder / "block.md").read_text(encoding="utf-8")
    assert "\ntopics:\n- 安全生产\n- 应急管理\n---\n" in (folder / "topics.md").read_text(encoding="utf-8")
    assert '  - "一网通办，一次办好"\n' in (folder / "quoted.md").read_text(encoding="utf-8")
    assert gkml(tmp_path, "check").returncode == 0


def test_what_oa_systems_and_spreadsheets_export_is_told_and_fixed_where_certain(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _write(folder, {"java": ((), {"published": "Thu Mar 05 09:30:00 CST 2020"}),
                    "java-day": ((), {"created": "Mon Mar 02 00:00:00 CST 2020"}),
                    "java-wrong": ((), {"published": "Fri Mar 05 09:30:00 CST 2020"}),  # not a Thursday: the editor knows
                    "serial": ((), {"created": "43892"}),
                    "cell": (("report_year: 2020.0",), {"category": "nb"}),
                    "comma": (("keywords:", "  - 防汛, 抗旱"), {})}, "125", "系统导出探测通知十二")
    (folder.parent / "nb").mkdir()
    (folder / "cell.md").rename(folder.parent / "nb" / "cell.md")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"java", "java-day", "java-wrong", "serial", "cell", "comma"}, result.stdout
    assert told["java"].endswith("现在是“Thu Mar 05 09:30:00 CST 2020”。应写作：2020-03-05 09:30"), told["java"]
    assert told["java-day"].endswith("生成日期只写日期，不写时间，应写作：2020-03-02"), told["java-day"]
    assert told["java-wrong"].endswith("现在是“Fri Mar 05 09:30:00 CST 2020”。"), told["java-wrong"]
    assert "这像是从 Excel 复制的日期序号（43892 按 Excel 的算法是 2020-03-02）" in told["serial"], told["serial"]
    assert "应写作" not in told["serial"], told["serial"]  # a Mac's Excel counts from 1904: checked by the editor
    assert told["cell"].endswith("现在是“2020.0”。应写作：2020"), told["cell"]
    assert ":10:5: 主题词(keywords): “防汛, 抗旱”中的“,”不分项（在 - 开头的分行列表中英文逗号也不分项）" in told["comma"], told
    gkml(tmp_path, "fix")
    assert set(_told(gkml(tmp_path, "check"))) == {"java-wrong", "serial"}
    assert "\nkeywords:\n  - 防汛\n  - 抗旱\n" in (folder / "comma.md").read_text(encoding="utf-8")
    assert "\nreport_year: 2020\n" in (folder.parent / "nb" / "cell.md").read_text(encoding="utf-8")
    assert "\ncreated: 43892\n" in (folder / "serial.md").read_text(encoding="utf-8")
