"""Dates as other systems and editors write them, each told with the value to write and written so by
`gkml fix` where certain: seconds after a slash date, an offset without minutes, a zone after a date, a
fraction of a second, a note glued to the date by `#`, 24:00; a value whose quotes are meant kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import doc, gkml, small_site_yml, write_project

# file name -> (field, value as typed, what the check says to write, the line fix writes)
DATES = {
    "seconds": ("published", "2020/03/05 10:00:00", "应写作：2020-03-05 10:00", "published: 2020-03-05 10:00"),
    "offset-hours": ("published", "2020-03-05T10:00:00+08", "应写作：2020-03-05 10:00", "published: 2020-03-05 10:00"),
    "zoned-day": ("created", "2020-03-02Z", "应写作：2020-03-02", "created: 2020-03-02"),
    "zoned-day-time": ("published", "2020-03-05Z", "应写作：2020-03-05", "published: 2020-03-05"),
    # a fraction of a second rounded up: an embargo is never lifted earlier than written
    "fraction": ("published", "2020-03-05 09:30:00.5", "应写作：2020-03-05 09:30:01", "published: 2020-03-05 09:30:01"),
    "beijing": ("published", "2020-03-05 09:30（北京时间）", "应写作：2020-03-05 09:30", "published: 2020-03-05 09:30"),
    "glued-note": ("created", "2020-03-02#成文", "应写作：2020-03-02 # 成文", "created: 2020-03-02 # 成文"),
    "end-of-day": ("published", "2020-03-05 24:00", "24:00 就是第二天的 00:00，应写作：2020-03-06 00:00",
                   "published: 2020-03-06 00:00"),
}


def _project(tmp_path: Path) -> Path:
    """An empty catalogue folder of a project checked as the sites are."""
    return write_project(tmp_path, small_site_yml("日期写法"), {"catalogue/fgwj/.keep": ""}) / "content/catalogue/fgwj"


def _told(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {line.split(":")[0].rsplit("/", 1)[-1].removesuffix(".md"): line
            for line in result.stdout.splitlines() if line.startswith("content/")}


def test_dates_other_systems_write_are_told_with_the_value_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    for number, (name, (key, typed, _, _)) in enumerate(DATES.items()):
        (folder / f"{name}.md").write_text(doc(**{"index_no": f"002986620/202003-011{number:02d}",
                                                  "title": f"日期写法探测通知十一之{number}", key: typed}),
                                           encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(DATES), result.stdout + result.stderr
    for name, (key, typed, said, _) in DATES.items():
        assert f"({key}):" in told[name] and said in told[name], told[name]
    assert "日期没有问题，时间“24:00”不存在" in told["end-of-day"], told["end-of-day"]
    assert gkml(tmp_path, "fix").returncode == 0
    for name, (key, _, _, written) in DATES.items():
        assert f"\n{written}\n" in (folder / f"{name}.md").read_text(encoding="utf-8"), name
    assert gkml(tmp_path, "check").returncode == 0


def test_a_time_no_clock_shows_is_told_as_the_time_and_a_date_field_s_24_00_asked(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    (folder / "late.md").write_text(doc(published="2020-03-05 25:00", index_no="002986620/202003-01120",
                                        title="时间不存在的通知十一"), encoding="utf-8")
    (folder / "midnight.md").write_text(doc(created="2020-03-02 24:00", index_no="002986620/202003-01121",
                                            title="生成日期写了二十四点的通知十一"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "发布日期(published): 日期没有问题，时间“25:00”不存在" in told["late"], told
    assert "不是一个存在的日期" not in told["late"], told
    assert "生成日期只写日期，不写时间；24:00 是这一天的结束" in told["midnight"], told
    gkml(tmp_path, "fix")  # neither is certain: both left as typed
    assert "published: 2020-03-05 25:00\n" in (folder / "late.md").read_text(encoding="utf-8")
    assert "created: 2020-03-02 24:00\n" in (folder / "midnight.md").read_text(encoding="utf-8")


def test_quotes_around_a_whole_text_are_told_with_how_to_keep_them_and_meant_ones_kept(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    (folder / "keywords.md").write_text(doc("keywords:", "  - “放管服”", "  - 改革",
                                            index_no="002986620/202003-01130", title="主题词带引号的通知十一"),
                                        encoding="utf-8")
    (folder / "source.md").write_text(doc(source="“学习强国”", index_no="002986620/202003-01131",
                                          title="来源带引号的通知十一"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"source"}, result.stdout  # a keyword's quotes are its own
    assert told["source"].endswith("应写作：source: 学习强国"), told
    assert "请用英文单引号把整个值括起来（source: '“学习强国”'）" in told["source"], told
    source = folder / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace("source: “学习强国”", "source: '“学习强国”'"),
                      encoding="utf-8")
    assert gkml(tmp_path, "check").returncode == 0
    gkml(tmp_path, "fix")  # what YAML's quotes keep, fix keeps
    assert "source: '“学习强国”'\n" in source.read_text(encoding="utf-8")


def test_a_list_item_an_input_method_s_comma_runs_together_is_told_with_the_items(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    lists = {"flow": ("keywords: [安全生产，应急管理]",), "block": ("keywords:", "  - 消防", "  - 防汛；抗旱"),
             "meant": ('keywords: ["一网通办，一次办好"]',), "joined": ("keywords: [安全、环保]",)}
    for number, (name, lines) in enumerate(lists.items()):
        (folder / f"{name}.md").write_text(doc(*lines, index_no=f"002986620/202003-0114{number}",
                                               title=f"主题词分项探测通知十一之{number}"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"flow", "block"}, result.stdout  # quoted or 、: one word
    assert ":9:12: 主题词(keywords): “安全生产，应急管理”中的“，”不分项" in told["flow"], told
    assert "请用英文逗号分隔：[安全生产, 应急管理]" in told["flow"], told
    assert ":11:5: 主题词(keywords): “防汛；抗旱”中的“；”不分项" in told["block"], told
    gkml(tmp_path, "fix")  # a list on the key's line is split, a block item too (test_contract_slips12)
    assert "\nkeywords: [安全生产, 应急管理]\n" in (folder / "flow.md").read_text(encoding="utf-8")
    assert 'keywords: ["一网通办，一次办好"]' in (folder / "meant.md").read_text(encoding="utf-8")
    assert gkml(tmp_path, "check").returncode == 0


def test_an_index_number_s_dash_a_pdf_prints_is_told_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    for number, dash in enumerate("—–−"):
        (folder / f"dash{number}.md").write_text(doc(index_no=f"002986620/202003{dash}0116{number}",
                                                     title=f"索引号短横线探测通知十一之{number}"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and len(told) == 3, result.stdout
    for number in range(3):
        assert told[f"dash{number}"].endswith(f"(index_no): 序号前的短横线要写英文的“-”，应写作：002986620/202003-0116{number}")
    assert gkml(tmp_path, "fix").returncode == 0 and gkml(tmp_path, "check").returncode == 0


def test_a_validity_as_gov_cn_prints_it_is_told_as_the_catalogue_writes_it_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    printed = {"现行有效": "有效", "已废止": "废止", "已失效": "失效"}
    for number, said in enumerate(printed):
        (folder / f"validity{number}.md").write_text(doc(f"validity: {said}", index_no=f"002986620/202003-0117{number}",
                                                         title=f"有效性写法探测通知十一之{number}"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and len(told) == 3, result.stdout
    for number, (said, meant) in enumerate(printed.items()):
        assert f":9:11: 有效性(validity): “{said}”在目录中写作“{meant}”" in told[f"validity{number}"], told
        assert told[f"validity{number}"].endswith(f"应写作：{meant}"), told
    assert gkml(tmp_path, "fix").returncode == 0 and gkml(tmp_path, "check").returncode == 0
    assert "\nvalidity: 有效\n" in (folder / "validity0.md").read_text(encoding="utf-8")


def _told_alone(tmp_path: Path, line: str, number: str, title: str) -> str:
    """What the check tells of one document with `line` after the base fields, the only line told."""
    (_project(tmp_path) / "alone.md").write_text(doc(line, index_no=f"002986620/202003-{number}", title=title),
                                                 encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and list(told) == ["alone"], result.stdout
    return told["alone"]


def test_a_merge_key_is_told_as_yaml_s_with_what_to_write(tmp_path: Path) -> None:
    told = _told_alone(tmp_path, "<<: {source: 安徽省应急管理厅网站}", "01180", "合并键探测通知十一")
    assert ":9:1: " in told and "“<<”是 YAML 的合并键，属性区中不能使用" in told, told


def test_a_field_s_name_pasted_with_its_value_is_told_and_fix_drops_it(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    pasted = {"publisher": ("发布机构：安徽省应急管理厅", "安徽省应急管理厅"), "created": ("成文日期：2020-03-02", "2020-03-02"),
              "doc_no": ("文号：皖应急〔2020〕12号", "皖应急〔2020〕12号"), "source": ("来源： 新华社", "新华社"),
              "report_year": ("年报年度：2020", "2020")}
    for number, (key, (typed, _)) in enumerate(pasted.items()):
        (folder / f"{key}.md").write_text(doc(**{"index_no": f"002986620/202003-0119{number}",
                                                 "title": f"字段名带进值的通知十一之{number}", key: typed}), encoding="utf-8")
    (folder / "other.md").write_text(doc(source="发布机构：安徽省应急管理厅", index_no="002986620/202003-01199",
                                         title="来源写了另一个字段名的通知十一"), encoding="utf-8")  # not source's name
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(pasted), result.stdout
    for key, (typed, meant) in pasted.items():
        assert f"({key}): 值前面多了字段名“{typed[:typed.index('：') + 1]}”" in told[key], told[key]
        assert told[key].endswith(f"应写作：{key}: {meant}"), told[key]
    assert gkml(tmp_path, "fix").returncode == 0 and gkml(tmp_path, "check").returncode == 0
    for key, (_, meant) in pasted.items():
        assert f"\n{key}: {meant}\n" in (folder / f"{key}.md").read_text(encoding="utf-8"), key


def test_a_list_pasted_with_word_s_bullets_is_told_with_the_words_alone(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    for number, bullets in enumerate((("•", "•"), ("1.", "2."), ("－", "－"))):
        (folder / f"bullets{number}.md").write_text(doc("keywords:", f"  {bullets[0]} 安全生产", f"  {bullets[1]} 应急管理2.0",
                                                        index_no=f"002986620/202003-0121{number}",
                                                        title=f"主题词带项目符号的通知十一之{number}"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and len(told) == 3, result.stdout
    for line in told.values():
        assert "主题词(keywords): 主题词应是列表，例如：[安全生产, 应急管理2.0]（" in line, line


def test_a_note_glued_to_a_withdrawal_s_date_is_never_made_a_comment_that_would_end_its_braces(tmp_path: Path) -> None:
    told = _told_alone(tmp_path, "withdrawn: {date: 2020-04-01#撤, reason: 内容有误}", "01220", "撤回日期带注释的通知十一")
    assert "请删去它们，日期写作 2020-04-01" in told and "应写作" not in told, told


def test_a_genre_as_sites_name_their_column_is_told_as_the_catalogue_writes_it(tmp_path: Path) -> None:
    told = _told_alone(tmp_path, "genre: 政策解读", "01230", "体裁写作政策解读的通知十一")
    assert ":9:8: 体裁(genre): “政策解读”在目录中写作“解读”" in told and told.endswith("应写作：解读"), told


def test_a_fence_with_more_on_its_line_is_told_at_that_line(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    fields = doc(index_no="002986620/202003-01240", title="围栏探测通知十一").split("\n---\n")[0].removeprefix("---\n")
    files = {"comment": f"--- # 属性\n{fields}\n---\n正文。\n", "toml": f"+++\n{fields.replace(': ', ' = ')}\n+++\n正文。\n",
             "glued": f"---\n{fields}\n---正文。\n", "four": f"---\n{fields}\n----\n正文。\n", "rule": "-----\n正文\n"}
    for name, text in files.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(files), result.stdout
    assert ":1:1: 文件: 第一行“--- # 属性”不是属性区的开始" in told["comment"], told
    assert ":1:1: 文件: 属性区用的是 TOML 格式（+++）" in told["toml"], told
    assert ":9:1: 文件: 属性区（front matter）没有结束：第 9 行“---正文。”不是结束行，--- 要单独占一行" in told["glued"], told
    assert ":9:1: 文件: 属性区（front matter）没有结束：第 9 行“----”不是结束行，结束行只能是三个英文短横线 ---" in told["four"], told
    assert ":1:1: 文件: 文件没有属性区（front matter）" in told["rule"], told  # a rule over text: no front matter meant



def test_an_org_code_as_its_certificate_prints_it_is_told_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    (folder / "org.md").write_text(doc(index_no="00298662-0/202003-01250", title="机构代码带短横线的通知十一"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and list(told) == ["org"], result.stdout
    assert told["org"].endswith("(index_no): 机构代码中间不写短横线（代码证上的 XXXXXXXX-X 写作 9 位），应写作：002986620/202003-01250")
    assert gkml(tmp_path, "fix").returncode == 0 and gkml(tmp_path, "check").returncode == 0


def test_a_long_run_of_spaces_in_a_value_is_checked_and_fixed_in_time(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    run = " " * 200_000
    (folder / "spaces.md").write_text(doc(f"source: 安徽省{run}\u00a0应急管理厅", f"keywords: [安全生产{run}，应急管理]",
                                          "attachments:", f"  - {{file: 附件{run}.pdf, title: 附件}}",
                                          index_no="002986620/202003-01260", title="值中有长串空格的通知十一"),
                                      encoding="utf-8")
    # a hang guard, not a timing: each run was scanned from each of its spaces (minutes at this size)
    told = gkml(tmp_path, "check").stdout
    assert "spaces.md:9:9: 来源(source): 含有不可见字符或特殊空格（U+00A0）" in told, told[:2000]
    assert "spaces.md:10:12: 主题词(keywords): " in told and "spaces.md:12:12: 附件(attachments): " in told, told[:2000]
    gkml(tmp_path, "fix")
    assert "\nsource: 安徽省 应急管理厅\n" in (folder / "spaces.md").read_text(encoding="utf-8")
