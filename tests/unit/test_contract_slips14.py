"""Front matter as editors type it, fourteenth round: a profile's value in traditional or Japanese forms
(有効, 主動公開) read as the value and written so by `gkml fix`; a time said in words with its half of the day
after it (9点30分上午) or its 分 left off (上午9点30); a key past YAML's 1,024 characters told as what it is;
a word for none with a stop after it (无。) no value, and one in a field another field makes required told
what to write."""

from __future__ import annotations

from pathlib import Path

from support import doc, empty_catalogue, gkml, write_numbered
from support import told_by_document as _told


def _project(tmp_path: Path) -> Path:
    return empty_catalogue(tmp_path, "前置信息写法十四")


# file name -> (field, value typed, what the check says, the value fix writes)
FORMS = {"japanese": ("validity", "有効", "“有効”用了繁体字或日文字形（“効”应为“效”），应写作：有效", "有效"),
         "japanese-void": ("validity", "廃止", "“廃止”用了繁体字或日文字形（“廃”应为“废”），应写作：废止", "废止"),
         "japanese-genre": ("genre", "解読", "“解読”用了繁体字或日文字形（“読”应为“读”），应写作：解读", "解读"),
         "traditional": ("disclosure", "主動公開", "“主動公開”用了繁体字或日文字形（“動”应为“动”、“開”应为“开”），应写作：主动公开", "主动公开"),
         "spelled": ("validity", "已廢止", "“已廢止”在目录中写作“废止”（可选：有效 / 失效 / 废止 / 已修订），应写作：废止", "废止")}


def test_a_value_in_traditional_or_japanese_forms_is_told_and_fixed(tmp_path: Path) -> None:
    """`validity: 有効`, as a Japanese input method writes it, was refused without a suggestion."""
    folder = _project(tmp_path)
    write_numbered(folder, {name: {field: typed} for name, (field, typed, _, _) in FORMS.items()}, "141", "字形探测通知十四")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(FORMS), result.stdout
    for name, (_, _, said, _) in FORMS.items():
        assert told[name].endswith(said), told[name]
    assert gkml(tmp_path, "fix").returncode == 0
    for name, (field, _, _, meant) in FORMS.items():
        assert f"\n{field}: {meant}\n" in (folder / f"{name}.md").read_text(encoding="utf-8"), name
    assert (result := gkml(tmp_path, "check")).returncode == 0, result.stdout


TIMES = {"after": "2020-03-05 9点30分上午", "after-pm": "2020-03-05 3点下午", "half-after": "2020-03-05 9点半上午",
         "no-fen": "2020-03-05 上午9点30"}
MEANT_TIMES = {"after": "2020-03-05 09:30", "after-pm": "2020-03-05 15:00", "half-after": "2020-03-05 09:30",
               "no-fen": "2020-03-05 09:30"}


def test_a_time_said_in_words_with_its_half_of_the_day_after_it_is_read_as_meant(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    write_numbered(folder, {name: {"published": typed} for name, typed in TIMES.items()}, "142", "时间说法探测通知十四")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(TIMES), result.stdout
    for name, typed in TIMES.items():
        assert told[name].endswith(f":7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，"
                                   f"现在是“{typed}”。应写作：{MEANT_TIMES[name]}"), told[name]
    assert gkml(tmp_path, "fix").returncode == 0
    for name, meant in MEANT_TIMES.items():
        assert f"\npublished: {meant}\n" in (folder / f"{name}.md").read_text(encoding="utf-8"), name
    assert (result := gkml(tmp_path, "check")).returncode == 0, result.stdout


def test_a_key_past_yamls_1024_characters_is_told_as_too_long_not_as_a_missing_colon(tmp_path: Path) -> None:
    """A paragraph pasted as a key (`…正文…: 值`) was told 缺少冒号, though the line has one."""
    folder = _project(tmp_path)
    (folder / "long.md").write_text(doc("检" * 1100 + ": 值", title="超长字段名探测通知十四", index_no="002986620/202003-14300"),
                                    encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"long"}, result.stdout
    assert told["long"].endswith(":9:1: 文件: 属性区 YAML 格式错误：冒号前有 1100 个字符，YAML 的字段名最多 1024 个字符，读不出这一行。"
                                 "字段名应是英文键（如 title、source），值写在“: ”后面；如果这是一段文字（如从文件复制的正文），"
                                 "请把它移到属性区下面的正文中"), told["long"]
    assert "缺少冒号" not in result.stdout


def test_a_word_for_none_with_a_stop_is_no_value_and_a_required_ones_told_what_to_write(tmp_path: Path) -> None:
    """`source: 无。` was published as the document's 来源; `exemption: 无。` beside 不予公开 was taken as its basis,
    and `exemption: 无` was told only to fill it in, not what it holds."""
    folder = _project(tmp_path)
    write_numbered(folder, {"stop": {"source": "无。"}, "brackets": {"source": "（无）"},
                    "basis": {"disclosure": "不予公开", "exemption": "无"}, "basis-stop": {"disclosure": "不予公开", "exemption": "暂无。"},
                    "place": {"source": "无锡市应急管理局。"}}, "144", "没有的写法探测通知十四")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"stop", "brackets", "basis", "basis-stop"}, result.stdout
    assert told["stop"].endswith(":9:1: 来源(source): 来源（source）写的是“无。”，表示没有来源，按未填写处理：页面上将没有来源。"
                                 "需要时请填写，否则可删去这一行。（gkml fix 可自动删去“无。”）"), told
    what = ("表示没有不予公开依据：不予公开依据是必填项（公开方式为“不予公开”时必填），请填写不予公开依据："
            "不予公开所依据的法律法规条款，如《中华人民共和国政府信息公开条例》第十四条。")
    assert told["basis"].endswith(f":9:12: 不予公开依据(exemption): 写的是“无”，{what}"), told
    assert told["basis-stop"].endswith(f":9:12: 不予公开依据(exemption): 写的是“暂无。”，{what}"), told
    gkml(tmp_path, "fix")
    assert "\nsource:\n" in (folder / "stop.md").read_text(encoding="utf-8")
    assert "\nsource:\n" in (folder / "brackets.md").read_text(encoding="utf-8")
    assert "\nexemption: 暂无。\n" in (folder / "basis-stop.md").read_text(encoding="utf-8")  # only its editor knows the basis
    result = gkml(tmp_path, "check")
    assert result.returncode == 1 and "“无。”" not in result.stdout and "（无）" not in result.stdout, result.stdout


def test_a_space_inside_one_agencys_name_is_told_and_joined_and_joint_publishers_are_kept(tmp_path: Path) -> None:
    """`publisher: 安徽省 应急管理厅` was published as a 发布机构 of its own, its page apart from the agency's documents."""
    folder = _project(tmp_path)
    write_numbered(folder, {"split": {"publisher": "安徽省 应急管理厅"}, "places": {"publisher": "安徽省　合肥市 应急管理局"},
                    "joint": {"publisher": "财政部 国家税务总局"}, "named": {"publisher": "合肥市 安徽省应急管理厅"}},
           "145", "发布机构空格探测通知十四")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"split", "places"}, result.stdout
    assert told["split"].endswith(":5:12: 发布机构(publisher): “安徽省 应急管理厅”中的空格把一个机构的名称分开了：地名后面不加空格"
                                  "（几个机构联合发布时，才用空格分开各机构的全称），应写作：安徽省应急管理厅"), told
    assert told["places"].endswith("应写作：安徽省合肥市应急管理局"), told
    assert gkml(tmp_path, "fix").returncode == 0
    assert "\npublisher: 安徽省应急管理厅\n" in (folder / "split.md").read_text(encoding="utf-8")
    assert "\npublisher: 财政部 国家税务总局\n" in (folder / "joint.md").read_text(encoding="utf-8")
    assert (result := gkml(tmp_path, "check")).returncode == 0, result.stdout


# typed with a traditional-character or Japanese input method -> what fix writes
TRADITIONAL_TIMES = {"dian": ("published", "2020-03-05 下午3點30分", "2020-03-05 15:30"),
                     "shi": ("published", "2020年3月5日 上午9時30分", "2020-03-05 09:30"),
                     "gozen": ("published", "2020-03-05 午前9時30分", "2020-03-05 09:30"),
                     "gogo": ("published", "2020-03-05 午後3時", "2020-03-05 15:00"),
                     "hao": ("created", "2020年3月2號", "2020-03-02")}


def test_a_date_in_traditional_or_japanese_words_is_read_as_meant(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    write_numbered(folder, {name: {field: typed} for name, (field, typed, _) in TRADITIONAL_TIMES.items()}, "146", "繁体时间探测通知十四")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == set(TRADITIONAL_TIMES), result.stdout
    for name, (_, typed, meant) in TRADITIONAL_TIMES.items():
        assert told[name].endswith(f"现在是“{typed}”。应写作：{meant}"), told[name]
    assert gkml(tmp_path, "fix").returncode == 0
    assert (result := gkml(tmp_path, "check")).returncode == 0, result.stdout


def test_keywords_each_in_lenticular_brackets_are_a_list_of_the_words_not_one_word(tmp_path: Path) -> None:
    """`keywords: 【安全生产】【应急管理】`, as old pages print tags, was fixed into one keyword, brackets and all."""
    folder = _project(tmp_path)
    write_numbered(folder, {"tags": {"keywords": "【安全生产】【应急管理】"}, "mixed": {"keywords": "【安全生产】应急管理"}}, "147", "方头括号主题词探测通知十四")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"tags", "mixed"}, result.stdout
    assert told["tags"].endswith(":9:11: 主题词(keywords): 主题词应是列表（多个词用英文逗号分隔），应写作：[安全生产, 应急管理]"), told
    assert "应写作" not in told["mixed"], told
    gkml(tmp_path, "fix")
    assert "\nkeywords: [安全生产, 应急管理]\n" in (folder / "tags.md").read_text(encoding="utf-8")
    assert "\nkeywords: 【安全生产】应急管理\n" in (folder / "mixed.md").read_text(encoding="utf-8")  # the editor knows


def test_a_doc_no_written_where_an_index_number_belongs_is_told_as_a_doc_no(tmp_path: Path) -> None:
    """`interprets: 皖应急〔2020〕12号` was told 机构代码后面缺少“/”, as if an index number were misspelt."""
    folder = _project(tmp_path)
    write_numbered(folder, {"policy": {"genre": "解读", "interprets": "皖应急〔2020〕12号"}, "own": {"doc_no": "皖应急〔2020〕13号"}},
           "148", "文号当索引号探测通知十四")
    (folder / "own.md").write_text((folder / "own.md").read_text(encoding="utf-8").replace(
        "index_no: 002986620/202003-14801", "index_no: 皖应急〔2020〕13号"), encoding="utf-8")
    told = _told(result := gkml(tmp_path, "check"))
    assert result.returncode == 1 and set(told) == {"policy", "own"}, result.stdout
    number = "是文号，不是索引号（机构代码/年月-五位序号，例如 002986620/201012-00015）："
    assert told["policy"].endswith(f":10:13: 解读对象(interprets): “皖应急〔2020〕12号”{number}"
                                   "请写那个文件的索引号，它写在那个文件属性区的 index_no 中。"), told
    assert f":3:11: 索引号(index_no): “皖应急〔2020〕13号”{number}文号请写在 doc_no 中，这里写本文件的索引号。" in result.stdout, result.stdout
