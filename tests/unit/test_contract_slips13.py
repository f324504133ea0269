"""Front matter as editors type it, thirteenth round: a half of the day typed after the time (9:30上午), an
ISO week date (2020-W10-1) and a day and month whose order is certain (13/03/2020) read as meant and written
so by `gkml fix`; a spreadsheet's serial with a time, a day and month in either order (05/03/2020) and a week
told exactly why they are not; the importer's 有效性 read as the profile spells it."""

from __future__ import annotations

from pathlib import Path

import gkml.profile as profile_package
from support import COMMANDS_YML, empty_catalogue, gkml, write_numbered
from support import told_by_document as _told


def _project(tmp_path: Path) -> Path:
    return empty_catalogue(tmp_path, "前置信息写法十三")


# file name -> (field, value typed, the value the check says to write and fix writes)
MEANT = {"after": ("published", "2020-03-05 9:30上午", "2020-03-05 09:30"),
         "after-pm": ("published", "2020年3月5日 3:30下午", "2020-03-05 15:30"),
         "seconds-pm": ("published", "2020-03-05 3:30:00 PM", "2020-03-05 15:30"),
         "week": ("created", "2020-W10-1", "2020-03-02"), "week-compact": ("created", "2020W101", "2020-03-02"),
         "week-time": ("published", "2020-W10-4T09:30", "2020-03-05 09:30"),
         "day-first": ("published", "13/03/2020", "2020-03-13"),
         "month-first": ("published", "03/13/2020 9:30上午", "2020-03-13 09:30"),
         "same": ("created", "03.03.2020", "2020-03-03")}


def test_a_half_day_after_the_time_a_week_date_and_a_certain_day_order_are_read_as_meant_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    write_numbered(folder, {name: {field: typed} for name, (field, typed, _) in MEANT.items()}, "131", "日期写法探测通知十三")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(MEANT), result.stdout
    for name, (field, typed, meant) in MEANT.items():
        where = ":6:10: 生成日期(created): 日期格式应为 YYYY-MM-DD，" if field == "created" else \
            ":7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，"
        assert told[name].endswith(f"{where}现在是“{typed}”。应写作：{meant}"), told[name]
    assert gkml(tmp_path, "fix").returncode == 0
    for name, (field, _, meant) in MEANT.items():
        assert f"\n{field}: {meant}\n" in (folder / f"{name}.md").read_text(encoding="utf-8"), name
    assert (result := gkml(tmp_path, "check")).returncode == 0, result.stdout


# file name -> (field, value typed, what the check says of it)
UNCERTAIN = {
    "either": ("created", "05/03/2020", ("日和月的先后不确定：“05/03/2020”按“日/月/年”是 2020-03-05，按“月/日/年”是 2020-05-03。"
                                        "请核对原件，按“年-月-日”写作 YYYY-MM-DD。")),
    "either-time": ("published", "05/03/2020 09:30", "日和月的先后不确定：“05/03/2020”按“日/月/年”是 2020-03-05"),
    "week-only": ("created", "2020-W10", "“2020-W10”是 2020 年第 10 周（2020-03-02 至 2020-03-08），不是某一天：请写出具体日期 YYYY-MM-DD。"),
    "no-week": ("created", "2019-W53-1", "“2019-W53-1”是按周写的日期，但 2019 年没有第 53 周。请写出具体日期 YYYY-MM-DD。"),
    "serial-time": ("published", "43895.3958", ("这像是从 Excel 复制的日期时间序号（43895.3958 按 Excel 的算法约是 2020-03-05 09:29:57，"
                                               "小数部分是时间，复制时只保留了几位小数，时间可能差几秒）：请在 Excel 中把这一列设为日期时间格式后再复制，"
                                               "或核对原件后写作 YYYY-MM-DD HH:MM（如 2020-03-05 09:30）。")),
    "serial-day": ("created", "43892.3958", ("这像是从 Excel 复制的日期序号（43892.3958 按 Excel 的算法是 2020-03-02 09:29:57）："
                                            "请在 Excel 中把这一列设为日期格式后再复制，或核对后直接写作 YYYY-MM-DD（如 2020-03-02）。")),
}


def test_a_date_whose_reading_is_not_certain_is_told_exactly_why_and_left_to_its_editor(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    write_numbered(folder, {name: {field: typed} for name, (field, typed, _) in UNCERTAIN.items()}, "132", "日期不确定探测通知十三")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(UNCERTAIN), result.stdout
    for name, (field, typed, said) in UNCERTAIN.items():
        assert f"{':6:10' if field == 'created' else ':7:12'}: " in told[name] and f"现在是“{typed}”。{said}" in told[name], told[name]
        assert "应写作" not in told[name], told[name]
    before = {path.name: path.read_bytes() for path in folder.glob("*.md")}
    gkml(tmp_path, "fix")
    assert before == {path.name: path.read_bytes() for path in folder.glob("*.md")}  # only the editor knows


def test_the_importer_reads_a_validity_as_the_profile_spells_it(tmp_path: Path) -> None:
    """The importer kept its own copy of the profile's spellings of 有效性: a profile's own (仍有效) was a TODO."""
    default = (Path(profile_package.__file__).parent / "default.yml").read_text(encoding="utf-8")
    spelled = default.replace("spelled: {现行有效: 有效,", "spelled: {仍有效: 有效, 现行有效: 有效,", 1)
    assert spelled != default
    (tmp_path / "profile.yml").write_text(spelled, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML + "      profile: profile.yml\n", encoding="utf-8")
    (tmp_path / "content" / "catalogue").mkdir(parents=True)
    page = tmp_path / "old.html"
    page.write_text("""<html><body><p>发布时间：2011-01-05　　有效性：仍有效</p><h1>关于做好元旦期间值班工作的通知十三</h1>
<p>各市应急管理局：</p><p>现就有关事项通知如下，请认真贯彻执行。</p></body></html>""", encoding="utf-8")
    result = gkml(tmp_path, "import", str(page))
    assert result.returncode == 0, result.stdout + result.stderr
    [written] = (tmp_path / "content" / "catalogue").rglob("*.md")
    text = written.read_text(encoding="utf-8")
    assert "\nvalidity: 有效\n" in text and "仍有效" not in text, text


def test_a_word_for_none_is_no_value_told_and_taken_away_by_fix(tmp_path: Path) -> None:
    """`source: 空`, `doc_no: /` were published as the document's 来源 and 文号; `publisher: 无` as its 发布机构."""
    folder = _project(tmp_path)
    write_numbered(folder, {"empty": {"source": "空"}, "slash": {"doc_no": "/"}, "none": {"source": "None  # 没有来源"},
                    "summary": {"summary": "暂无"}, "publisher": {"publisher": "无"}, "place": {"source": "无锡市应急管理局"}},
           "133", "表示没有探测通知十三")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"empty", "slash", "none", "summary", "publisher"}, result.stdout
    assert told["publisher"].endswith(":5:12: 发布机构(publisher): 写的是“无”，表示没有发布机构：发布机构是必填项，请填写发布机构。"), told
    assert told["empty"].endswith(":9:1: 来源(source): 来源（source）写的是“空”，表示没有来源，按未填写处理：页面上将没有来源。"
                                  "需要时请填写，否则可删去这一行。（gkml fix 可自动删去“空”）"), told
    assert "文号（doc_no）写的是“/”，表示没有文号" in told["slash"] and "写的是“None”" in told["none"], told
    assert ":9:1: " in told["summary"] and "写的是“暂无”" in told["summary"] and "gkml fix" not in told["summary"], told
    gkml(tmp_path, "fix")
    assert "\nsource:\n" in (folder / "empty.md").read_text(encoding="utf-8")
    assert "\ndoc_no:\n" in (folder / "slash.md").read_text(encoding="utf-8")
    assert "\nsource:  # 没有来源\n" in (folder / "none.md").read_text(encoding="utf-8")
    assert "\npublisher: 无\n" in (folder / "publisher.md").read_text(encoding="utf-8")  # only its editor knows it


def test_a_doc_no_with_spaced_look_alike_brackets_or_no_hao_is_told_and_fixed(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    typed = {"spaced": "皖应急 [ 2020 ] 12号", "angle": "皖应急〈2020〉13号", "no-hao": "皖应急〔２０２０〕１４", "order": "安徽省人民政府令第289"}
    write_numbered(folder, {name: {"doc_no": value} for name, value in typed.items()}, "134", "文号写法探测通知十三")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(typed), result.stdout
    assert told["spaced"].endswith(":9:9: 文号(doc_no): 文号中的年份要用六角括号〔〕；文号中间不加空格，应写作：皖应急〔2020〕12号"), told
    assert told["no-hao"].endswith("文号中有全角数字；文号的序号后要写“号”，应写作：皖应急〔2020〕14号"), told
    assert told["order"].endswith("应写作：安徽省人民政府令第289号") and told["angle"].endswith("应写作：皖应急〔2020〕13号"), told
    assert gkml(tmp_path, "fix").returncode == 0
    assert (result := gkml(tmp_path, "check")).returncode == 0, result.stdout


def test_a_list_written_as_one_line_of_text_is_fixed_where_its_words_are_certain(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    typed = {"comma": "安全生产，应急管理", "one": "防汛抗旱", "spaced": "安全生产 应急管理", "joined": "安全、环保"}
    write_numbered(folder, {name: {"keywords": value} for name, value in typed.items()}, "135", "列表写成文字探测通知十三")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(typed), result.stdout
    assert told["comma"].endswith(":9:11: 主题词(keywords): 主题词应是列表（多个词用英文逗号分隔），应写作：[安全生产, 应急管理]"), told
    assert told["one"].endswith("应写作：[防汛抗旱]"), told
    for name in ("spaced", "joined"):  # a space or 、 may be inside a word: the editor knows
        assert "应写作" not in told[name] and "主题词应是列表，例如：" in told[name], told
    assert gkml(tmp_path, "fix").returncode == 0
    assert "\nkeywords: [安全生产, 应急管理]\n" in (folder / "comma.md").read_text(encoding="utf-8")
    assert "\nkeywords: [防汛抗旱]\n" in (folder / "one.md").read_text(encoding="utf-8")
    assert set(_told(gkml(tmp_path, "check"))) == {"spaced", "joined"}
