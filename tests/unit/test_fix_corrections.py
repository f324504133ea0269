"""`gkml fix` applies every correction `gkml check` can state with certainty (#15), on real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import COMMANDS_YML, doc, gkml

MESSY = (
    "---\n"
    "title: 关于做好2024年\u00a0安全生产工作的\u200b通知\n"
    "index_no: 002986620/202403-00061\n"
    "categroy: fgwj\n"
    "publisher: 安徽省应急管理厅\u200b\n"
    "created: 2024年3月1日\n"
    "published: 2024/3/5\n"
    "genre：通知\n"
    "disclosure:\u3000主动公开\n"
    "---\n"
    "\t各市应急管理局：\n"
    "\n"
    "\t现将有关事项通知如下。\n"
    "\n"
    "- 列表项\n"
    "\t列表续行保持不变\n"
)

CLEAN = (
    "---\n"
    "title: 关于做好2024年 安全生产工作的通知\n"
    "index_no: 002986620/202403-00061\n"
    "category: fgwj\n"
    "publisher: 安徽省应急管理厅\n"
    "created: 2024-03-01\n"
    "published: 2024-03-05\n"
    "genre: 通知\n"
    "disclosure: 主动公开\n"
    "---\n"
    "各市应急管理局：\n"
    "\n"
    "现将有关事项通知如下。\n"
    "\n"
    "- 列表项\n"
    "\t列表续行保持不变\n"
)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    return tmp_path


def test_check_states_each_correction_and_fix_applies_them_all(project: Path) -> None:
    path = project / "content/catalogue/fgwj/messy.md"
    path.write_text(MESSY, encoding="utf-8")
    before = gkml(project, "check")
    assert before.returncode == 1
    for expected in ("messy.md:2:8: 名称(title): 含有不可见字符或特殊空格（U+00A0、U+200B），应写作：关于做好2024年 安全生产工作的通知",
                     "messy.md:4:1: 未知字段(categroy): 不认识的字段“categroy”。是否应为 category？",
                     "messy.md:6:10: 生成日期(created): 日期格式应为 YYYY-MM-DD，现在是“2024年3月1日”。应写作：2024-03-01",
                     "messy.md:8:1: 文件: “genre”后面是全角冒号“：”，应写作：genre: 通知",
                     "messy.md:11:1: 文件: 正文这一行以制表符（Tab）开头，网页上会显示成灰色代码框；请删除行首的 Tab"):
        assert expected in before.stdout, before.stdout
    checked = gkml(project, "fix", "--check")
    assert checked.returncode == 1
    assert path.read_text(encoding="utf-8") == MESSY
    assert "-categroy: fgwj" in checked.stdout and "+category: fgwj" in checked.stdout
    fixed = gkml(project, "fix")
    assert fixed.returncode == 0, fixed.stderr
    assert path.read_text(encoding="utf-8") == CLEAN
    after = gkml(project, "check")
    assert after.returncode == 0, after.stdout
    assert gkml(project, "fix", "--check").returncode == 0


# A traditional-character document saved in Big5 (no page to declare it): its bytes mostly read as
# GBK too, into other characters, which fix wrote as the document
TRADITIONAL = (CLEAN.replace("关于做好", "關於做好").replace("安全生产工作", "安全生產工作").replace("应急管理厅", "應急管理廳")
               .replace("各市应急管理局", "各市應急管理局").replace("现将有关事项通知如下", "現將有關事項通知如下")
               .replace("主动公开", "主動公開").replace("列表续行保持不变", "列表續行保持不變").replace("列表项", "列表項"))


@pytest.mark.parametrize(("codec", "name", "mark"), [("gbk", "GBK", b""), ("gb18030", "GB18030", b""),
                                                    ("gbk", "GBK", b"\xef\xbb\xbf"),  # a converter stopped half way
                                                    ("big5", "Big5", b"")],
                         ids=["gbk", "gb18030", "utf8-mark-then-gbk", "big5"])
def test_fix_converts_gbk_files_to_utf8_and_says_which_encoding_it_read(project: Path, codec: str, name: str,
                                                                       mark: bytes) -> None:
    text = CLEAN.replace("通知如下。", "通知如下。𠀀" if codec == "gb18030" else "通知如下。")
    text = TRADITIONAL if codec == "big5" else text
    path = project / "content/catalogue/fgwj/old.md"
    path.write_bytes(mark + text.replace("\n", "\r\n").encode(codec))
    check = gkml(project, "check")
    assert check.returncode == 1 and f"看起来是 {name} 编码" in check.stdout
    fixed = gkml(project, "fix")
    assert fixed.returncode == 0, fixed.stderr
    assert f"按 {name} 编码读取，已转换为 UTF-8" in fixed.stdout + fixed.stderr
    # read right, and the value written as the profile takes it: 主动公开, not 主動公開 (the rest is text as typed)
    written = text.replace("disclosure: 主動公開", "disclosure: 主动公开") if codec == "big5" else text
    assert path.read_bytes() == written.replace("\n", "\r\n").encode("utf-8")
    assert (after := gkml(project, "check")).returncode == 0, after.stdout


@pytest.mark.parametrize("damage", ["cut-short", "gbk-pasted"])
def test_fix_never_reads_damaged_utf8_as_gbk(project: Path, damage: str) -> None:
    """A UTF-8 file whose last character is cut short (a copy stopped, a save read half way), or
    with a word pasted in GBK bytes, often decodes cleanly as GB18030: the check said it looked like
    GB18030 and fix converted it so, every Chinese character of the file made another one."""
    data = (doc(body="正文到此。").encode("utf-8")[:-1] if damage == "cut-short"
            else CLEAN.encode("utf-8").replace("现将".encode(), "现将".encode("gbk")))
    path = project / "content/catalogue/fgwj/damaged.md"
    path.write_bytes(data)
    check = gkml(project, "check")
    assert check.returncode == 1 and "看起来是" not in check.stdout, check.stdout
    assert ("文件在这里中断，最后一个字只有一半" if damage == "cut-short" else "文件是 UTF-8 编码，但这里有几个字节不是 UTF-8") in check.stdout
    fixed = gkml(project, "fix")
    assert "无法识别文件的编码，未修正" in fixed.stderr and path.read_bytes() == data


def test_a_typo_with_two_candidates_or_a_taken_key_is_left_alone(project: Path) -> None:
    path = project / "content/catalogue/fgwj/doc.md"
    text = CLEAN.replace("genre: 通知\n", "genre: 通知\ngenr: 通知\n")  # genre is already there
    path.write_text(text, encoding="utf-8")
    gkml(project, "fix")
    assert "genr: 通知" in path.read_text(encoding="utf-8")


def test_a_body_link_to_a_missing_or_unlisted_file_is_a_problem(project: Path) -> None:
    folder = project / "content/catalogue/fgwj"
    (folder / "files").mkdir()
    (folder / "files/表格.pdf").write_bytes(b"%PDF-1.4\n")
    body = ("见[附件一](files/表格.pdf)、[附件二](files/没有.pdf)、[网站](https://www.ah.gov.cn/)、[本页](#a)。\n"
            "\n```\n[代码中](files/不算.pdf)\n```\n"
            "\n行内代码 `[代码中](files/不算.pdf)` 和跨行的 ``[代\n码](files/不算.pdf)`` 也是文字。\n")
    (folder / "doc.md").write_text(CLEAN.split("---\n各市")[0] + "---\n" + body, encoding="utf-8")
    result = gkml(project, "check")
    assert result.returncode == 1
    assert "doc.md:11:2: 文件: 正文链接的文件 files/表格.pdf 没有列入附件，网站上不会有这个文件。" in result.stdout
    assert "doc.md:11:22: 文件: 正文链接的文件不存在：files/没有.pdf" in result.stdout
    # a code span over two lines is read as code only where every backtick of a line pairs within it
    # (gkml.content.codespans: nested containers made a surer reading disagree with Markdown): a
    # line holding one is read as text, its links told; a false refusal, never a link let through
    assert "doc.md:17:7: 文件: 正文链接的文件不存在：files/不算.pdf" in result.stdout
    assert result.stdout.count("doc.md:") == 4, result.stdout
    listed = CLEAN.split("---\n各市")[0].replace("disclosure: 主动公开\n",
                                                "disclosure: 主动公开\nattachments:\n  - {file: files/表格.pdf, title: 表格}\n")
    one_line = body.replace("、[附件二](files/没有.pdf)", "").replace(" 和跨行的 ``[代\n码](files/不算.pdf)``", "")
    (folder / "doc.md").write_text(listed + "---\n" + one_line, encoding="utf-8")
    assert gkml(project, "check").returncode == 0, gkml(project, "check").stdout


def test_a_body_link_in_angle_brackets_may_name_a_file_with_spaces(project: Path) -> None:
    """`[附件](<files/附件 一.pdf>)` is how Markdown writes a space in an address; the whole name is checked."""
    folder = project / "content/catalogue/fgwj"
    (folder / "files").mkdir()
    (folder / "files/附件 一.pdf").write_bytes(b"%PDF-1.4\n")
    head = CLEAN.split("---\n各市")[0]
    body = "见[附件一](<files/附件 一.pdf>)。\n\n![图](<files/没有 的.png>)\n"
    (folder / "doc.md").write_text(head + "---\n" + body, encoding="utf-8")
    result = gkml(project, "check")
    assert "doc.md:11:2: 文件: 正文链接的文件 files/附件 一.pdf 没有列入附件" in result.stdout, result.stdout
    assert "doc.md:13:1: 文件: 正文链接的文件不存在：files/没有 的.png" in result.stdout, result.stdout
    listed = head.replace("disclosure: 主动公开\n", "disclosure: 主动公开\nattachments:\n  - {file: files/附件 一.pdf, title: 附件一}\n")
    (folder / "doc.md").write_text(listed + "---\n" + body.split("\n\n")[0] + "\n", encoding="utf-8")
    assert gkml(project, "check").returncode == 0, gkml(project, "check").stdout


@pytest.mark.parametrize("key,value", [("date", "2024-03-01"), ("description", "本文件的说明"), ("file", "a.pdf"),
                                       ("state", "有效"), ("cat", "fgwj"), ("validity_date", "2025-12-31")])
def test_a_different_key_that_looks_alike_is_not_renamed(project: Path, key: str, value: str) -> None:
    # `date` is not a typo of draft, nor `description` of exemption: renaming would change the meaning
    path = project / "content/catalogue/fgwj/doc.md"
    text = CLEAN.replace("genre: 通知\n", f"genre: 通知\n{key}: {value}\n")
    path.write_text(text, encoding="utf-8")
    gkml(project, "fix")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("typo,key", [("pubisher", "publisher"), ("publihser", "publisher"), ("tilte", "title"),
                                      ("disclousre", "disclosure"), ("genr", "genre")])
def test_a_slip_of_one_or_two_letters_is_renamed(project: Path, typo: str, key: str) -> None:
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(CLEAN.replace(f"{key}:", f"{typo}:"), encoding="utf-8")
    gkml(project, "fix")
    assert path.read_text(encoding="utf-8") == CLEAN


def test_fix_opens_no_folder_link_or_fifo_named_like_a_document(project: Path, tmp_path: Path) -> None:
    folder = project / "content/catalogue/fgwj"
    (folder / "folder.md").mkdir()
    (folder / "folder.md/inside.md").write_text(CLEAN.replace("created: 2024-03-01", "created: 2024/3/1"),
                                                encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: 内容目录以外  \n---\n", encoding="utf-8")
    (folder / "link.md").symlink_to(outside)
    os.mkfifo(folder / "pipe.md")
    (folder / "UPPER.MD").write_text(CLEAN.replace("created: 2024-03-01", "created: 2024年3月1日"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "fix"], cwd=project, capture_output=True, check=False,
                            text=True, timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert (folder / "folder.md/inside.md").read_text(encoding="utf-8") == CLEAN
    assert (folder / "UPPER.MD").read_text(encoding="utf-8") == CLEAN
    assert outside.read_text(encoding="utf-8") == "---\ntitle: 内容目录以外  \n---\n"
    for name in ("link.md", "pipe.md"):
        assert f"content/catalogue/fgwj/{name}: 不是普通文件" in result.stderr
    assert "已修正 2 个文件" in result.stderr


@pytest.mark.parametrize(("line", "fixed", "said"), [
    ("标题: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知", "字段名请用英文键：title（名称）"),
    ("标题：关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知", "字段名请用英文键：title（名称）"),
    ("标　题: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知", "字段名请用英文键：title（名称）"),
    ("\u3000title: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "字段名 title 前后有全角空格（中文输入法的空格）"),
    ("title:关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知", "“title:”后面缺少空格"),
    # keys are lower case: `TITLE` is certainly title, however far from it a typo's reach is
    ("TITLE: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知", "字段名要用小写字母：title（名称）"),
    # Word's quotes, a traditional-character input method, a web page's spaces: the key YAML reads
    # held them, and the check named no field (or the wrong space); fix left them
    ("“title”: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "字段名 title 两边有引号（Word、WPS 会把引号换成中文引号），字段名不加引号"),
    # both Word slips on one line: YAML read the line as the start of a value and told a colon on
    # the next line (3:9), which fix left
    ("“title”：关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "字段名 title 两边有引号（Word、WPS 会把引号换成中文引号），字段名不加引号"),
    ("標題: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知", "字段名请用英文键：title（名称）"),
    ("\u00a0title: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "字段名 title 中有看不见的字符或特殊空格（U+00A0）"),
    ("ti\u200btle: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "字段名 title 中有看不见的字符或特殊空格（U+200B）"),
    ("\ufefftitle: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "这一行开头有看不见的字节顺序标记 BOM（U+FEFF，把两个文件拼在一起或从别处粘贴时带入）"),
    # an input method's full-width mode: letters and colon (YAML said a colon was missing)
    ("ｔｉｔｌｅ：关于做好2024年 安全生产工作的通知", "title: 关于做好2024年 安全生产工作的通知",
     "字段名 title 是用全角字母写的（输入法的全角模式），要用半角英文字母"),
], ids=["chinese-key", "chinese-key-fullwidth-colon", "padded-chinese-key", "ideographic-space-indent", "no-space",
        "capitals", "smart-quotes", "smart-quotes-fullwidth-colon", "traditional", "nbsp-indent", "zero-width", "bom", "fullwidth-letters"])
def test_a_key_typed_in_chinese_or_with_a_chinese_space_is_named_and_fixed(
        project: Path, line: str, fixed: str, said: str) -> None:
    """WPS and a Chinese input method: the check names the field meant and the line to write; fix writes it."""
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(CLEAN.replace("title: 关于做好2024年 安全生产工作的通知", line), encoding="utf-8")
    before = gkml(project, "check")
    assert before.returncode == 1
    assert "doc.md:2:" in before.stdout and said in before.stdout and f"应写作：{fixed}" in before.stdout, before.stdout
    assert "““" not in before.stdout and "‘‘" not in before.stdout, before.stdout  # a quoted key is not quoted twice
    assert gkml(project, "fix").returncode == 0
    assert path.read_text(encoding="utf-8") == CLEAN
    assert gkml(project, "check").returncode == 0


def test_two_chinese_names_of_one_field_are_left_for_the_editor(project: Path) -> None:
    path = project / "content/catalogue/fgwj/doc.md"
    text = CLEAN.replace("title: 关于做好2024年 安全生产工作的通知\n", "标题: 甲\n名称: 乙\n")
    path.write_text(text, encoding="utf-8")
    gkml(project, "fix")
    assert path.read_text(encoding="utf-8") == text  # renaming both would write title twice


def test_a_value_opened_with_a_quote_and_closed_with_a_smart_one_is_shown_where_it_opens(project: Path) -> None:
    """Word turns the closing ' into ’: YAML reads to the end of the front matter; the editor is sent to the value."""
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(CLEAN.replace("publisher: 安徽省应急管理厅", "publisher: '安徽省应急管理厅’"), encoding="utf-8")
    result = gkml(project, "check")
    assert result.returncode == 1
    assert ("doc.md:5:12: 文件: 属性区 YAML 格式错误：值以英文引号 ' 开头，却以中文引号结尾（Word、WPS 会自动换成中文引号），"
            "引号没有闭合。请把结尾的中文引号改成 '") in result.stdout, result.stdout


def test_a_tab_is_named_for_where_it_stands(project: Path) -> None:
    """A tab after a colon was told as indentation (请把 Tab 换成空格, which leaves `genre:  通知`
    wrong in no way YAML minds, but the message wrong); a tab inside a value is no indentation either."""
    path = project / "content/catalogue/fgwj/doc.md"
    text = CLEAN.replace("title: 关于做好2024年 安全生产工作的通知", "title: 关于做好2024年\t安全生产工作的通知").replace(
        "genre: 通知", "genre:\t通知\nkeywords:\n\t- 安全")
    path.write_text(text, encoding="utf-8")
    assert gkml(project, "check").stdout.splitlines() == [
        "content/catalogue/fgwj/doc.md:2:17: 文件: 属性值中有制表符（Tab），请删除它或换成空格。",
        "content/catalogue/fgwj/doc.md:8:7: 文件: 属性区中“genre:”后面是制表符（Tab），应写作：genre: 通知",
        "content/catalogue/fgwj/doc.md:10:1: 文件: 属性区中行首有制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成空格。"]
    gkml(project, "fix")
    assert path.read_text(encoding="utf-8") == text.replace("genre:\t通知", "genre: 通知")


def test_a_windows_path_is_named_for_what_it_is_with_what_to_write(project: Path) -> None:
    """Backslashes, drive letters, shares and file:// are places on the editor's computer, not files of the site."""
    folder = project / "content/catalogue/fgwj"
    (folder / "附件 目录").mkdir()
    (folder / "附件 目录/通知 一.pdf").write_bytes(b"%PDF-1.4\n")
    head = CLEAN.split("---\n各市")[0].replace("disclosure: 主动公开\n", (
        "disclosure: 主动公开\nattachments:\n"
        "  - file: 附件 目录\\通知 一.pdf\n    title: 附件一\n"
        "  - file: C:\\Users\\张三\\Desktop\\附件.pdf\n    title: 附件二\n"))
    body = "见[附件一](附件 目录\\通知 一.pdf)、[本机](file:///C:/Users/a.pdf)和[共享盘](\\\\server\\share\\b.pdf)。\n"
    path = folder / "doc.md"
    path.write_text(head + "---\n" + body, encoding="utf-8")
    result = gkml(project, "check")
    assert result.returncode == 1
    local = "无效：这是本机（或共享盘）上的位置，网站上没有。请把文件复制到本文件所在的文件夹"
    for expected in (("doc.md:11:11: 附件(attachments): 附件路径“附件 目录\\通知 一.pdf”无效：路径中的“\\”是 Windows 的写法，"
                      "网站上要用“/”，请改为：附件 目录/通知 一.pdf。"),
                     f"doc.md:13:11: 附件(attachments): 附件路径“C:\\Users\\张三\\Desktop\\附件.pdf”{local}",
                     "doc.md:16:2: 文件: 正文链接的路径“附件 目录\\通知 一.pdf”无效：路径中的“\\”是 Windows 的写法",
                     f"doc.md:16:24: 文件: 正文链接的路径“file:///C:/Users/a.pdf”{local}",
                     f"doc.md:16:53: 文件: 正文链接的路径“\\\\server\\share\\b.pdf”{local}"):
        assert expected in result.stdout, (expected, result.stdout)
    assert result.stdout.count("doc.md:") == 5, result.stdout
    # written as the messages say, the document passes
    path.write_text(head.replace("\\通知", "/通知").replace("  - file: C:\\Users\\张三\\Desktop\\附件.pdf\n    title: 附件二\n", "")
                    + "---\n" + "见[附件一](附件 目录/通知 一.pdf)。\n", encoding="utf-8")
    assert gkml(project, "check").returncode == 0, gkml(project, "check").stdout


# UTF-32's mark begins with UTF-16's: read as UTF-16, fix wrote a NUL after every character
@pytest.mark.parametrize(("data", "name"), [(CLEAN.replace("\n", "\r\n").encode("utf-16"), "UTF-16"),
                                            (CLEAN.encode("utf-16-le"), "UTF-16"),
                                            (CLEAN.encode("utf-32"), "UTF-32")],
                         ids=["notepad-unicode", "no-byte-order-mark", "utf-32"])
def test_a_utf16_file_is_told_to_run_fix_which_converts_it(project: Path, data: bytes, name: str) -> None:
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_bytes(data)
    check = gkml(project, "check")
    assert check.returncode == 1 and f"doc.md:1:1: 文件: 文件是 {name} 编码" in check.stdout
    assert "运行 gkml fix 可自动转换为 UTF-8" in check.stdout, check.stdout
    assert gkml(project, "fix").returncode == 0
    assert path.read_text(encoding="utf-8").replace("\r\n", "\n") == CLEAN
    assert gkml(project, "check").returncode == 0


@pytest.mark.parametrize(("line", "said", "fixed"), [
    ("report_year: ２０２３", "年报年度应是用阿拉伯数字写的整数（例如 2010），现在是“２０２３”。应写作：2023", "report_year: 2023"),
    ("created: 20240301", "现在是“20240301”。应写作：2024-03-01", "created: 2024-03-01"),
], ids=["fullwidth-year", "eight-digit-date"])
def test_digits_as_typed_are_corrected(project: Path, line: str, said: str, fixed: str) -> None:
    path = project / "content/catalogue/fgwj/doc.md"
    text = CLEAN.replace("created: 2024-03-01\n", "").replace("genre: 通知\n", f"genre: 通知\n{line}\n")
    path.write_text(text.replace("category: fgwj", "category: nb"), encoding="utf-8")
    result = gkml(project, "check")
    assert result.returncode == 1 and said in result.stdout, result.stdout
    assert gkml(project, "fix").returncode == 0
    assert f"\n{fixed}\n" in path.read_text(encoding="utf-8")


def test_a_list_typed_as_one_line_is_shown_as_a_list_of_its_words(project: Path) -> None:
    """`keywords: 安全、生产`: the example to copy must hold two words, not the one word [安全、生产]."""
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(CLEAN.replace("genre: 通知\n", "genre: 通知\nkeywords: 安全、生产，应急\n"), encoding="utf-8")
    result = gkml(project, "check")
    assert "doc.md:9:11: 主题词(keywords): 主题词应是列表，例如：[安全, 生产, 应急]（多个词用英文逗号分隔）" in result.stdout, result.stdout


@pytest.mark.parametrize(("text", "said"), [
    ("－－－" + CLEAN[3:], "doc.md:1:1: 文件: “－－－”不是属性区的分隔线：要写三个英文减号，应写作：---"),
    ("———" + CLEAN[3:], "doc.md:1:1: 文件: “———”不是属性区的分隔线：要写三个英文减号，应写作：---"),
    ("\u200b--- " + CLEAN[3:], "doc.md:1:1: 文件: 分隔线 --- 前后有空格或看不见的字符，应写作：---"),
    (CLEAN.replace("主动公开\n---\n", "主动公开\n－－－\n"), "doc.md:10:1: 文件: “－－－”不是属性区的分隔线"),
    ("\n\n" + CLEAN, "doc.md:1:1: 文件: 属性区的 --- 前面有 2 行空行（或看不见的字符）。第一行必须是 ---，请删除它前面的行"),
], ids=["fullwidth", "em-dashes", "invisible-before", "fullwidth-closing", "blank-lines-before"])
def test_a_fence_typed_with_look_alikes_is_named_and_fixed(project: Path, text: str, said: str) -> None:
    """A Chinese input method types --- as －－－ or ———; Notepad++ may leave lines before it."""
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(text, encoding="utf-8")
    result = gkml(project, "check")
    assert result.returncode == 1 and said in result.stdout, result.stdout
    assert gkml(project, "fix").returncode == 0
    assert path.read_text(encoding="utf-8") == CLEAN
    assert gkml(project, "check").returncode == 0


def test_a_markdown_rule_is_no_fence(project: Path) -> None:
    path = project / "content/catalogue/fgwj/doc.md"
    text = "-----\n正文\n"
    path.write_text(text, encoding="utf-8")
    assert "doc.md:1:1: 文件: 文件没有属性区（front matter）" in gkml(project, "check").stdout
    gkml(project, "fix")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("written", "beijing"), [("2024-03-05T09:30:00+08:00", "2024-03-05 09:30"),
                                                  ("2024-03-05T01:30:00Z", "2024-03-05 09:30"),
                                                  ("2024-03-04 20:30 -05:00", "2024-03-05 09:30")],
                         ids=["offset", "utc", "another-zone"])
def test_a_time_with_its_offset_is_written_as_beijing_time(project: Path, written: str, beijing: str) -> None:
    """Another system's timestamp (a CMS export, an API): the contract's times are Beijing time."""
    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(CLEAN.replace("published: 2024-03-05\n", f"published: {written}\n"), encoding="utf-8")
    result = gkml(project, "check")
    assert result.returncode == 1 and f"现在是“{written}”。应写作：{beijing}" in result.stdout, result.stdout
    assert gkml(project, "fix").returncode == 0
    assert f"\npublished: {beijing}\n" in path.read_text(encoding="utf-8")
    assert gkml(project, "check").returncode == 0


# One careless line each (after the seven fields `doc` writes), as editors type them, and the line
# `gkml fix` must write in its place; every other byte of the file stays as it was.
CARELESS: dict[str, tuple[str, str]] = {
    "slash-date": ("created: 2020/3/2", "created: 2020-03-02"),
    "date-quoted-comment": ("created: '2020年3月2日'  # 成文日期", "created: '2020-03-02'  # 成文日期"),
    "fullwidth-datetime": ("published: ２０２０-０３-０５ ０９：３０", "published: 2020-03-05 09:30"),
    "afternoon-time": ("published: 2020年3月5日 下午3:30", "published: 2020-03-05 15:30"),
    "morning-time": ("published: 2020-3-5 上午9:05", "published: 2020-03-05 09:05"),
    # the full-width space a Chinese input method leaves after a value: kept after the corrected date
    "fullwidth-space-after-date": ("created: 2020年3月2日\u3000", "created: 2020-03-02"),
    "fullwidth-space-after-time": ("published: 2020/3/5 下午3:30\u3000", "published: 2020-03-05 15:30"),
    # 12-hour times as the importer reads them (profile.clock): fix left them for the editor
    "evening-time": ("published: 2020年3月5日 晚上8:30", "published: 2020-03-05 20:30"),
    "pm-time": ("published: 2020-3-5 3:30 PM", "published: 2020-03-05 15:30"),
    "offset-time": ("published: 2020-03-05T01:30:00Z", "published: 2020-03-05 09:30"),
    "fullwidth-colon": ("genre：通知", "genre: 通知"),
    "no-space-after-colon": ("genre:通知", "genre: 通知"),
    # tabs as Word and Notepad type them: after the colon, before a field, at the line's end
    "tab-after-colon": ("genre:\t通知", "genre: 通知"),
    "tab-before-field": ("\tgenre: 通知", "genre: 通知"),
    "tab-at-line-end": ("genre: 通知\t", "genre: 通知"),
    "tab-before-comment": ("genre: 通知\t# 体裁", "genre: 通知 # 体裁"),
    "chinese-key": ("发文字号：皖应急〔2020〕12号", "doc_no: 皖应急〔2020〕12号"),
    "capital-key": ("GENRE: 通知", "genre: 通知"),
    "smart-quoted-key": ("‘genre’: 通知", "genre: 通知"),
    "traditional-key": ("發文字號: 皖应急〔2020〕12号", "doc_no: 皖应急〔2020〕12号"),
    "bom-at-line-start": ("\ufeffgenre: 通知", "genre: 通知"),
    "zero-width-after-colon": ("genre:\u200b 通知", "genre: 通知"),
    "fullwidth-space-indent": ("keywords:\n\u3000\u3000- 安全\n\u00a0\u00a0- 应急\u00a0管理", "keywords:\n  - 安全\n  - 应急 管理"),
    # Word's quotes around a value that never holds one: YAML kept them, the value matched nothing
    "smart-quoted-genre": ("genre: “通知”", "genre: 通知"),
    # a colon and a space in a value: YAML read another key and refused the file; the check said to
    # quote the value, fix did not
    "colon-in-title": ("title: 关于印发: 安全生产办法的通知", "title: '关于印发: 安全生产办法的通知'"),
    "colon-and-quote-in-source": ("source: 政策法规处: O'Brien", "source: '政策法规处: O''Brien'"),
    # a category typed by the name the tree shows, or its code in capitals: the check named the code, fix left it
    "category-name": ("category: 法规文件  # 分类", "category: fgwj  # 分类"),
    "category-full-name": ("category: 法规文件（规章、规范性文件、政策解读）", "category: fgwj"),
    "category-capitals": ("category: FGWJ", "category: fgwj"),
    "category-fullwidth-letters": ("category: ｆｇｗｊ", "category: fgwj"),  # a Chinese input method's full-width mode
    "smart-quoted-doc-no": ("doc_no: ‘皖应急〔2020〕12号’", "doc_no: 皖应急〔2020〕12号"),
    "smart-quoted-loose-date": ("created: “2020年3月2日”", "created: 2020-03-02"),
    # a title wrapped whole in Word's quotes or in title marks: the page showed them around it
    "smart-quoted-title": ("title: “关于做好2020年安全生产工作的通知”", "title: 关于做好2020年安全生产工作的通知"),
    "title-marks": ("title: 《安徽省安全生产条例》  # 名称", "title: 安徽省安全生产条例  # 名称"),
    "smart-quoted-title-quoting-a-word": ("title: “关于深化“放管服”改革的通知”", "title: 关于深化“放管服”改革的通知"),
    "fullwidth-letter-key": ("ｄｏｃ＿ｎｏ：皖应急〔2020〕12号", "doc_no: 皖应急〔2020〕12号"),
    "doc-no-brackets": ("doc_no: '皖应急[２０２０]１２号'", "doc_no: '皖应急〔2020〕12号'"),
    "doc-no-one-bracket-right": ("doc_no: 皖应急〔2020]12号", "doc_no: 皖应急〔2020〕12号"),
    # a Hong Kong/Macao office's 文号: the number closed by 號 (the agency's own characters stay)
    "doc-no-traditional-hao": ("doc_no: 港澳發〔2020〕3號", "doc_no: 港澳發〔2020〕3号"),
    # GB/T 9704 writes no 第 after the year: the check said only the generic format, fix left it
    "doc-no-ordinal": ("doc_no: 皖应急〔2020〕第5号", "doc_no: 皖应急〔2020〕5号"),
    # spaces around the year, as a justified Word line leaves them: the check said only the generic format
    "doc-no-spaces": ("doc_no: 皖应急 〔2020〕 第 12 号", "doc_no: 皖应急〔2020〕12号"),
    "index-ref-fullwidth": ("superseded_by: ００２９８６６２０/２０２００３-０００２０", "superseded_by: 002986620/202003-00020"),
    "odd-space-source": ("source: 安徽省\u00a0应急管理厅", "source: 安徽省 应急管理厅"),
    "odd-space-quoted-with-hash": ("source: '第#1号\u00a0文件'", "source: '第#1号 文件'"),
    "odd-space-keywords-flow": ("keywords: [安全\u00a0生产, 应急\u200b]", "keywords: [安全 生产, 应急]"),
    "odd-space-topics-block": ("topics:\n  - 安全\u2003生产", "topics:\n  - 安全 生产"),
    "odd-space-withdrawal-reason": ("withdrawn: {date: 2020-04-01, reason: 内容\u00a0有误}",
                                    "withdrawn: {date: 2020-04-01, reason: 内容 有误}"),
    "withdrawal-date-flow": ("withdrawn: {date: 2020/4/1, reason: 内容有误}", "withdrawn: {date: 2020-04-01, reason: 内容有误}"),
    "withdrawal-date-block": ("withdrawn:\n  date: 2020年4月1日\n  reason: 内容有误",
                              "withdrawn:\n  date: 2020-04-01\n  reason: 内容有误"),
    "quoted-year": ("report_year: '２０１９'  # 年度", "report_year: 2019  # 年度"),
    "quoted-boolean": ('draft: "false"', "draft: false"),
}


def test_every_correction_the_check_states_is_the_one_fix_makes(project: Path) -> None:
    """Each "应写作：X" the check says of a careless catalogue is what `gkml fix` writes on that
    line, the file then passes, and no other byte changed (CRLF and a summary's odd spaces kept)."""
    folder = project / "content/catalogue/fgwj"
    files: dict[str, tuple[bytes, bytes]] = {}
    for number, (name, (careless, fixed)) in enumerate(CARELESS.items(), start=20):
        fields = {"index_no": f"002986620/202003-{number:05d}", "category": "nb" if "year" in name else "fgwj"}
        if "year" not in name:
            fields["summary"] = "概述\u00a0保留"  # text: its spaces are the editor's
        drop = tuple(key for key in ("title", "created", "published", "category") if careless.startswith(key))
        before, after = doc(careless, drop=drop, **fields), doc(fixed, drop=drop, **fields)
        if name.startswith("withdrawal"):
            before, after = before.replace("\n", "\r\n"), after.replace("\n", "\r\n")
        files[f"{name}.md"] = before.encode("utf-8"), after.encode("utf-8")
        (folder / f"{name}.md").write_bytes(files[f"{name}.md"][0])
    said = [line for line in gkml(project, "check").stdout.splitlines() if "应写作：" in line]
    assert {line.split(":", 1)[0].rsplit("/", 1)[-1] for line in said} == set(files), said
    assert gkml(project, "fix").returncode == 0
    for line in said:
        path, number = line.split(":")[:2]
        written = (project / path).read_text(encoding="utf-8").splitlines()[int(number) - 1]
        assert line.split("应写作：", 1)[1] in written, (line, written)
    for name, (_, after) in files.items():
        assert (folder / name).read_bytes() == after, name
    result = gkml(project, "check")
    assert result.returncode == 0, result.stdout


def test_a_corrected_date_keeps_the_space_its_comment_needs() -> None:
    """'2020年3月2日　 # 成文': the full-width space goes with the correction, the comment stays one."""
    from gkml.authoring.fix import fix_entry

    assert fix_entry("created: 2020年3月2日\u3000 # 成文", {"created": "date"}) == "created: 2020-03-02 # 成文"
    assert fix_entry("created: 2020年3月2日\u3000", {"created": "date"}) == "created: 2020-03-02"
    assert fix_entry("created: 2020年3月2日\u3000# 成文", {"created": "date"}) == "created: 2020-03-02 # 成文"


NESTED_TWO = ("要求：\n\n1. 第一项\n   - 子项甲\n     - 孙项\n   - 子项乙\n2. 第二项\n\n"
              "```\n- 代码中的\n  - 列表不动\n```\n\n- 正确的\n    - 四格缩进\n")
NESTED_FOUR = ("要求：\n\n1. 第一项\n    - 子项甲\n        - 孙项\n    - 子项乙\n2. 第二项\n\n"
               "```\n- 代码中的\n  - 列表不动\n```\n\n- 正确的\n    - 四格缩进\n")


def test_a_list_nested_by_two_or_three_spaces_is_told_and_fix_nests_it_by_four(project: Path) -> None:
    """Python-Markdown nests a list item by four spaces a level and shows one indented less as a
    sibling: the list an editor nested as CommonMark does rendered flat, untold. A notice names
    each such line (the page still publishes every word); fix indents it four a level."""
    import markdown

    path = project / "content/catalogue/fgwj/doc.md"
    path.write_text(doc(body=NESTED_TWO), encoding="utf-8")
    body_line = doc(body="").count("\n") + 1
    assert "<li>第一项</li>\n<li>子项甲" in markdown.markdown(NESTED_TWO)  # flat, as it renders unfixed
    before = gkml(project, "check")
    assert before.returncode == 0, before.stdout
    told = [line for line in before.stdout.splitlines() if "列表项缩进" in line]
    assert [line.split(": ", 1)[0] for line in told] == [
        f"content/catalogue/fgwj/doc.md:{body_line + n}:{col}" for n, col in ((3, 4), (4, 6), (5, 4))]
    assert "缩进了 5 个空格" in told[1] and "请缩进 8 个空格" in told[1]
    assert gkml(project, "fix").returncode == 0
    assert path.read_text(encoding="utf-8") == doc(body=NESTED_FOUR)
    assert "列表项缩进" not in gkml(project, "check").stdout
    assert "<li>第一项<ul>\n<li>子项甲<ul>\n<li>孙项</li>" in markdown.markdown(NESTED_FOUR)


UNSEPARATED = ("要求如下：\n- 第一项\n- 第二项\n\n# 附则\n- 标题下的列表不动\n\n段一\n段二\r\n1. 编号项\n2. 编号项\n\n"
               "```\n代码\n- 代码中的不动\n```\n")
SEPARATED = ("要求如下：\n\n- 第一项\n- 第二项\n\n# 附则\n- 标题下的列表不动\n\n段一\n段二\r\n\r\n1. 编号项\n2. 编号项\n\n"
             "```\n代码\n- 代码中的不动\n```\n")


def test_a_list_right_under_a_paragraph_is_told_and_fix_puts_the_blank_line(project: Path) -> None:
    """Python-Markdown starts a list only after a blank line: items written right under a
    paragraph's line were shown as its text (要求如下：- 第一项- 第二项), the check silent. A notice
    names the first item of each such list; fix puts a blank line before it (the line's own ending)."""
    import markdown

    path = project / "content/catalogue/fgwj/doc.md"
    path.write_bytes(doc(body=UNSEPARATED).encode("utf-8"))
    body_line = doc(body="").count("\n") + 1
    assert "<p>要求如下：\n- 第一项" in markdown.markdown(UNSEPARATED)  # text, as it renders unfixed
    before = gkml(project, "check")
    assert before.returncode == 0, before.stdout
    told = [line for line in before.stdout.splitlines() if "中间没有空行" in line]
    assert [line.split(": ", 1)[0] for line in told] == [
        f"content/catalogue/fgwj/doc.md:{body_line + n}:1" for n in (1, 9)], before.stdout
    assert gkml(project, "fix").returncode == 0
    assert path.read_bytes() == doc(body=SEPARATED).encode("utf-8")
    assert "中间没有空行" not in gkml(project, "check").stdout
    assert "<ul>\n<li>第一项</li>" in markdown.markdown(SEPARATED) and "<ol>\n<li>编号项" in markdown.markdown(SEPARATED)


def test_a_category_shortened_to_the_end_of_its_name_is_named_not_fixed(project: Path) -> None:
    """`年报` is most likely 政府信息公开年报, but only likely: the check names the code, fix leaves the line."""
    path = project / "content/catalogue/fgwj/doc.md"
    text = CLEAN.replace("category: fgwj", "category: 年报")
    path.write_text(text, encoding="utf-8")
    said = gkml(project, "check").stdout
    assert "doc.md:4:11: 信息分类(category): 信息分类“年报”不存在。请写分类代码：nb" in said and "应写作" not in said, said
    gkml(project, "fix")
    assert path.read_text(encoding="utf-8") == text


def test_fix_says_which_files_still_have_problems_it_cannot_correct(project: Path) -> None:
    """A date that is no date (2024/13/5) has no certain correction: fix corrects the rest of the
    file and says the file still needs the editor, rather than "nothing to correct"."""
    folder = project / "content/catalogue/fgwj"
    (folder / "clean.md").write_text(CLEAN.replace("00061", "00062"), encoding="utf-8")
    path = folder / "left.md"
    path.write_text(CLEAN.replace("created: 2024-03-01", "created: 2024/13/5").replace("genre: 通知", "genre：通知"),
                    encoding="utf-8")
    told = ("1 个文件还有 gkml fix 无法确定改法的问题，需要手动修改（运行 gkml check 查看每个问题的位置和改法）：\n"
            "  content/catalogue/fgwj/left.md：1 个问题\n")
    first = gkml(project, "fix")
    assert first.returncode == 0 and "+genre: 通知" in first.stdout
    assert told in first.stderr and "clean.md" not in first.stderr, first.stderr
    assert "created: 2024/13/5\n" in path.read_text(encoding="utf-8")
    again = gkml(project, "fix")
    assert again.stdout == "" and again.stderr == "已检查 2 个文件，没有需要自动修正的地方。\n" + told
    assert gkml(project, "check").stdout.count("left.md:6:10: 生成日期(created)") == 1


def test_fix_counts_a_link_to_a_source_file_in_other_case_as_the_check_does(project: Path) -> None:
    """A link from the root to a catalogue file in other case (a server on Windows serves it): the
    check tells it, so fix must count it among the problems left, on every disk (content.rootpaths)."""
    folder = project / "content/catalogue/fgwj"
    (folder / "files").mkdir()
    (folder / "files/s.pdf").write_bytes(b"%PDF-1.4")
    path = folder / "anycase.md"
    path.write_text(CLEAN.replace("00061", "00071").replace("genre: 通知", "genre：通知")
                    + "\n见[申请表](/gkml/CATALOGUE/fgwj/files/s.pdf)。\n", encoding="utf-8")
    fixed = gkml(project, "fix")
    assert fixed.returncode == 0 and "+genre: 通知" in fixed.stdout
    assert "  content/catalogue/fgwj/anycase.md：1 个问题\n" in fixed.stderr, fixed.stderr
    said = gkml(project, "check").stdout
    assert said.count("anycase.md:") == 1 and "（只是大小写不同）" in said, said


PICTURES = ('组织机构如下：\n\n![](组织机构图.png)\n\n<img src="image001.png">　<img src="%E5%9C%B0%E5%9B%BE.jpg" alt="">\n\n'
            '![ ](b.png) ![](c.png "应急预案流程")\n\n![说明](ok.png) <IMG alt="有说明" src=ok.png>\n\n'
            '```\n![](代码中.png)\n```\n\n<!-- <img src="ok.png"> -->\n')
PICTURES_FIXED = ('组织机构如下：\n\n![组织机构图](组织机构图.png)\n\n<img src="image001.png">　<img src="%E5%9C%B0%E5%9B%BE.jpg" alt="地图">\n\n'
                  '![ ](b.png) ![应急预案流程](c.png "应急预案流程")\n\n![说明](ok.png) <IMG alt="有说明" src=ok.png>\n\n'
                  '```\n![](代码中.png)\n```\n\n<!-- <img src="ok.png"> -->\n')


def test_a_picture_without_alt_text_is_told_and_fix_writes_its_own_words(project: Path) -> None:
    """A picture with no alt, or an empty one (Markdown's ![](x.png) renders alt=""), told the
    reader who cannot see it nothing, and the check was silent. A notice names each (publication
    goes on); fix writes its title or Chinese file name as its alt, and leaves image001.png and a
    blank alt the editor wrote to the editor."""
    import markdown

    path = project / "content/catalogue/fgwj/doc.md"
    names = ("组织机构图.png", "image001.png", "地图.jpg", "b.png", "c.png", "ok.png")
    for name in names:
        (path.parent / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    listed = ("attachments:", *(f"  - {{file: {name}, title: 图{n}}}" for n, name in enumerate(names)))
    path.write_text(doc(*listed, body=PICTURES), encoding="utf-8")
    body_line = doc(*listed, body="").count("\n") + 1
    assert '<img alt="" src="组织机构图.png"' in markdown.markdown(PICTURES)
    before = gkml(project, "check")
    assert before.returncode == 0, before.stdout
    told = [line for line in before.stdout.splitlines() if "替代文字（alt）" in line]
    assert [line.split(": ", 1)[0] for line in told] == [
        f"content/catalogue/fgwj/doc.md:{body_line + n}:{col}" for n, col in ((2, 1), (4, 1), (4, 26), (6, 1), (6, 13))]
    assert "image001.png 没有替代文字（alt）" in told[1] and "gkml fix 可写为“地图”" in told[2]
    assert gkml(project, "fix").returncode == 0
    assert path.read_text(encoding="utf-8") == doc(*listed, body=PICTURES_FIXED)
    after = [line for line in gkml(project, "check").stdout.splitlines() if "替代文字（alt）" in line]
    assert [line.split(": ", 1)[0] for line in after] == [
        f"content/catalogue/fgwj/doc.md:{body_line + n}:{col}" for n, col in ((4, 1), (6, 1))]
    assert '<img alt="组织机构图" src="组织机构图.png"' in markdown.markdown(PICTURES_FIXED)


def test_a_lone_carriage_return_is_made_the_line_end_yaml_reads_and_one_inside_a_value_left(project: Path) -> None:
    """A file saved with old Mac line ends (CR only), and a CR pasted from a mail between two fields
    (`publisher: …\\rsource: 办公室`, one line in the editor's window, two fields to YAML): the check
    told the editor to convert or delete it, and fix quoted the joined line as one value, the
    source field lost in the publisher's name. Fix writes each as the line break YAML reads; a CR
    inside a value is the editor's to resolve, and a second fix changes nothing."""
    folder = project / "content/catalogue/fgwj"
    mac, pasted, inside = folder / "mac.md", folder / "pasted.md", folder / "inside.md"
    mac.write_bytes(CLEAN.replace("00061", "00071").replace("\n", "\r").encode("utf-8"))
    joined = CLEAN.replace("00061", "00072").replace("\n", "\r\n")
    pasted.write_bytes(joined.replace("publisher: 安徽省应急管理厅\r\n", "publisher: 安徽省应急管理厅\rsource: 办公室\r\n")
                       .encode("utf-8"))
    split = CLEAN.replace("00061", "00073").replace("publisher: 安徽省应急管理厅", "publisher: 安徽省应急\r管理厅")
    inside.write_bytes(split.encode("utf-8"))
    before = gkml(project, "check")
    assert before.returncode == 1
    assert ("content/catalogue/fgwj/pasted.md:5:20: 文件: 属性区中有看不见的回车符 \\r（从邮件或旧式 Mac 文件粘贴时带入），"
            "编辑器中看不出换行，YAML 却在这里换行。请在这里换行，分成 2 行：“publisher: 安徽省应急管理厅”、“source: 办公室”"
            "（gkml fix 可自动修正）。") in before.stdout, before.stdout
    assert "mac.md:1:1: 文件: 文件的换行符是旧式 Mac 的回车符（CR），只能用 LF 或 CRLF。运行 gkml fix 可自动改为 LF" in before.stdout
    assert "inside.md:5:17: 文件: 属性区中有看不见的回车符 \\r（常见于从 Word 或网页复制的文字）。请删除它" in before.stdout
    fixed = gkml(project, "fix")
    assert fixed.returncode == 0, fixed.stderr
    assert mac.read_bytes() == CLEAN.replace("00061", "00071").encode("utf-8")
    assert pasted.read_bytes() == joined.replace("publisher: 安徽省应急管理厅\r\n",
                                                 "publisher: 安徽省应急管理厅\r\nsource: 办公室\r\n").encode("utf-8")
    assert inside.read_bytes() == split.encode("utf-8")
    after = gkml(project, "check")
    assert [line.split(": ", 1)[0] for line in after.stdout.splitlines()] == ["content/catalogue/fgwj/inside.md:5:17"]
    again = gkml(project, "fix")
    assert again.stdout == "" and "没有需要自动修正的地方" in again.stderr


def test_a_date_with_the_weekday_a_page_prints_is_written_when_the_weekday_is_that_date_s(project: Path) -> None:
    """`2024年3月5日（星期二）`, copied from a page that prints the weekday: the check named the
    format and nothing to write, and fix left it. The weekday is that date's: it is dropped; a
    weekday that is not (星期三) leaves the editor to find which is wrong, told the date's own."""
    folder = project / "content/catalogue/fgwj"
    right, wrong = folder / "right.md", folder / "wrong.md"
    right.write_text(CLEAN.replace("00061", "00081").replace("published: 2024-03-05", "published: 2024年3月5日（星期二）")
                     .replace("created: 2024-03-01", "created: 2024-03-01 周五"), encoding="utf-8")
    wrong_text = CLEAN.replace("00061", "00082").replace("published: 2024-03-05", "published: 2024年3月5日 星期三")
    wrong.write_text(wrong_text, encoding="utf-8")
    before = gkml(project, "check")
    assert "right.md:7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，现在是“2024年3月5日（星期二）”。应写作：2024-03-05" \
        in before.stdout, before.stdout
    assert "right.md:6:10: 生成日期(created): 日期格式应为 YYYY-MM-DD，现在是“2024-03-01 周五”。应写作：2024-03-01" in before.stdout
    assert ("wrong.md:7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，现在是“2024年3月5日 星期三”。"
            "2024-03-05 是星期二，不是星期三：请核对日期，只写日期，不写星期（如 2024-03-05）。") in before.stdout
    assert gkml(project, "fix").returncode == 0
    assert right.read_text(encoding="utf-8") == CLEAN.replace("00061", "00081")
    assert wrong.read_text(encoding="utf-8") == wrong_text
    assert [line.split(": ", 1)[0] for line in gkml(project, "check").stdout.splitlines()] == [
        "content/catalogue/fgwj/wrong.md:7:12"]


def test_an_org_code_typed_in_lower_case_is_told_and_fixed(project: Path) -> None:
    """Organisation and credit codes have no lower-case letter (GB 11714, GB 32100): 00298662x is
    00298662X, said exactly (the check said only the format) and written by fix."""
    path = project / "content/catalogue/fgwj/lower.md"
    path.write_text(doc(index_no="00298662x/202003-00041", title="机构代码小写的通知"), encoding="utf-8")
    said = [line for line in gkml(project, "check").stdout.splitlines() if line.startswith("content/")]
    assert said == [("content/catalogue/fgwj/lower.md:3:11: 索引号(index_no): 机构代码中的字母要大写"
                    "（组织机构代码和统一社会信用代码只用大写字母），应写作：00298662X/202003-00041")]
    assert gkml(project, "fix").returncode == 0
    assert "index_no: 00298662X/202003-00041\n" in path.read_text(encoding="utf-8")
    assert gkml(project, "check").returncode == 0


def test_a_wrong_weekday_between_a_date_and_its_time_is_told_the_date_s_own(project: Path) -> None:
    """`2024-03-05 周三 09:30`: a wrong weekday after a date alone was told the date's own, but one
    between a date and its time got only the format; fix leaves both (the editor knows which is wrong)."""
    folder = project / "content/catalogue/fgwj"
    spaced, joined = folder / "weekday-time.md", folder / "weekday-halfday.md"
    spaced_text = CLEAN.replace("00061", "00091").replace("published: 2024-03-05", "published: 2024-03-05 周三 09:30")
    joined_text = CLEAN.replace("00061", "00092").replace("published: 2024-03-05", "published: 2024年3月5日星期日下午3:30")
    spaced.write_text(spaced_text, encoding="utf-8")
    joined.write_text(joined_text, encoding="utf-8")
    before = gkml(project, "check")
    assert ("weekday-time.md:7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，现在是“2024-03-05 周三 09:30”。"
            "2024-03-05 是星期二，不是星期三：请核对日期，只写日期和时间，不写星期（如 2024-03-05 09:30）。") in before.stdout, before.stdout
    assert ("weekday-halfday.md:7:12: 发布日期(published): 日期格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，"
            "现在是“2024年3月5日星期日下午3:30”。2024-03-05 是星期二，不是星期日：请核对日期，只写日期和时间，"
            "不写星期（如 2024-03-05 15:30）。") in before.stdout, before.stdout
    gkml(project, "fix")
    assert spaced.read_text(encoding="utf-8") == spaced_text and joined.read_text(encoding="utf-8") == joined_text


@pytest.mark.parametrize("written", ["002986620-202403-00061", "http://127.0.0.1:8000/doc/002986620-202403-00061/",
                                     "https://yjt.ah.gov.cn/gkml/doc/002986620-202403-00061.html"],
                         ids=["address-part", "preview-address", "site-address"])
def test_an_index_number_copied_from_a_page_address_is_told_and_fixed(project: Path, written: str) -> None:
    """A 解读's policy copied from the browser's address bar: its org code was told to be "http:"
    (or only that a "/" was missing), nothing to write."""
    (project / "content/catalogue/fgwj/policy.md").write_text(CLEAN, encoding="utf-8")
    path = project / "content/catalogue/fgwj/jd.md"
    path.write_text(doc(f"interprets: {written}", title="关于页面地址解读旁证的解读", genre="解读",
                        index_no="002986620/202403-00062", created="2024-03-06", published="2024-03-06"),
                    encoding="utf-8")
    result = gkml(project, "check")
    assert result.stdout.splitlines() == [
        ("content/catalogue/fgwj/jd.md:10:13: 解读对象(interprets): 这是页面地址中的写法，索引号的机构代码后面是“/”，"
        "应写作：002986620/202403-00061")]
    assert gkml(project, "fix").returncode == 0
    assert "\ninterprets: 002986620/202403-00061\n" in path.read_text(encoding="utf-8")
    assert gkml(project, "check").returncode == 0
