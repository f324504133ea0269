"""Values editors really paste, each told by `gkml check` with the line to write and written so by
`gkml fix` where certain: a 生成日期 with a time, a 文号 said as 某某号文; and a 发布日期 years ahead
(a mistyped year, the document unseen till then) told, an embargo still allowed."""

from __future__ import annotations

import re
from pathlib import Path

from support import COMMANDS_YML, doc, gkml, write_project


def project(root: Path, files: dict[str, str]) -> Path:
    return write_project(root, COMMANDS_YML, files, "content/catalogue/fgwj")


def told(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("content/")]


def test_a_created_date_written_with_a_time_is_told_its_day_and_fix_writes_it(tmp_path: Path) -> None:
    """`2020-03-02 10:00` (a form's date and time), `2020-03-02T00:00:00Z` (a YAML timestamp another
    system wrote), and a moment whose Beijing day is the next: each told its day, fix writing it."""
    root = project(tmp_path, {
        "clock.md": doc(created="2020-03-02 10:00", index_no="002986620/202003-00901", title="生成日期带时间的通知"),
        "utc.md": doc(created="2020-03-02T00:00:00Z", index_no="002986620/202003-00902", title="生成日期带时区的通知"),
        "late.md": doc(created="2020-03-02T20:00:00Z", index_no="002986620/202003-00903", title="生成日期跨日的通知"),
    })
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    form = "生成日期(created): 日期格式应为 YYYY-MM-DD，现在是"
    assert told(result.stdout) == [
        f"content/catalogue/fgwj/clock.md:6:10: {form}“2020-03-02 10:00”。生成日期只写日期，不写时间，应写作：2020-03-02",
        (f"content/catalogue/fgwj/late.md:6:10: {form}“2020-03-02T20:00:00Z”。生成日期只写日期，不写时间"
         "（按北京时间是 2020-03-03），应写作：2020-03-03"),
        f"content/catalogue/fgwj/utc.md:6:10: {form}“2020-03-02T00:00:00Z”。生成日期只写日期，不写时间，应写作：2020-03-02",
    ]
    assert gkml(root, "fix").returncode == 0
    folder = root / "content/catalogue/fgwj"
    assert "created: 2020-03-02\n" in (folder / "clock.md").read_text(encoding="utf-8")
    assert "created: 2020-03-02\n" in (folder / "utc.md").read_text(encoding="utf-8")
    assert "created: 2020-03-03\n" in (folder / "late.md").read_text(encoding="utf-8")
    assert gkml(root, "check").returncode == 0


def test_a_doc_no_said_as_hao_wen_is_told_what_to_write_and_fix_writes_it(tmp_path: Path) -> None:
    """〔2020〕12号文 (as one says it), 12号文件, a sentence's 。 after the 号: not the general format
    message but the 文号 to write; fix writes it."""
    root = project(tmp_path, {
        "wen.md": doc("doc_no: 皖应急〔2020〕12号文", index_no="002986620/202003-00904", title="文号后带文字的通知"),
        "file.md": doc("doc_no: 皖应急[2020]13号文件。", index_no="002986620/202003-00905", title="文号后带文件的通知"),
        "order.md": doc("doc_no: 安徽省人民政府令第289号。", index_no="002986620/202003-00906", title="令号后带句号的规章"),
    })
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    tail = "文号到“号”字为止，后面的“文”“文件”或标点不属于文号"
    assert told(result.stdout) == [
        f"content/catalogue/fgwj/file.md:9:9: 文号(doc_no): 文号中的年份要用六角括号〔〕；{tail}，应写作：皖应急〔2020〕13号",
        f"content/catalogue/fgwj/order.md:9:9: 文号(doc_no): {tail}，应写作：安徽省人民政府令第289号",
        f"content/catalogue/fgwj/wen.md:9:9: 文号(doc_no): {tail}，应写作：皖应急〔2020〕12号",
    ]
    assert gkml(root, "fix").returncode == 0
    assert gkml(root, "check").returncode == 0
    assert "doc_no: 皖应急〔2020〕12号\n" in (root / "content/catalogue/fgwj/wen.md").read_text(encoding="utf-8")


def test_a_published_date_years_ahead_is_told_an_embargo_of_months_is_not(tmp_path: Path) -> None:
    """发布日期 2092 (2029 mistyped) keeps the document out of every output for decades: a located
    notice naming the date and when it would appear, the check passing (an embargo is allowed). An
    embargo of weeks, and a document that is never published (依申请公开), are not told."""
    root = project(tmp_path, {
        "far.md": doc(published="2092-03-05 09:30", index_no="002986620/202003-00907", title="发布年份写错的通知"),
        "day.md": doc(published="2092-03-05", index_no="002986620/202003-00908", title="只写发布日的远期通知"),
        "soon.md": doc(published=f"{_next_year()}-01-01 09:00", index_no="002986620/202003-00909", title="明年元旦发布的通知"),
        "asked.md": doc(published="2092-03-05", disclosure="依申请公开", index_no="002986620/202003-00910",
                        title="依申请公开的远期文件"),
    })
    result = gkml(root, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [re.sub(r"今天（[0-9-]{10}）还有 [0-9]+ 天（约 [0-9]+ 年）", "今天（…）还有 … 天（约 … 年）", line)
             for line in told(result.stdout)]
    after = ("距今天（…）还有 … 天（约 … 年）：本文件要到那时才会出现在目录、检索和公开数据中。"
             "如果年份写错了，请改正发布日期；如果确实要到那天才发布，可以不改。")
    assert lines == [
        f"content/catalogue/fgwj/day.md:7:1: 发布日期(published): 发布日期 2092-03-05 {after}",
        f"content/catalogue/fgwj/far.md:7:1: 发布日期(published): 发布日期 2092-03-05 09:30 {after}",
    ], result.stdout


def _next_year() -> int:
    from datetime import datetime

    from gkml.catalogue.document import SHANGHAI
    return datetime.now(SHANGHAI).year + 1


def test_a_stop_or_a_unit_typed_after_a_value_is_told_what_to_write_and_fix_drops_it(tmp_path: Path) -> None:
    """`genre: 通知。`, `category: fgwj。`, `created: 2020年3月2日。` (a sentence's stop), `report_year:
    2020年度` (a year with its unit): each told the value to write, fix writing it; `validity: no`
    (a YAML boolean) told the allowed values, not to quote it (quoted, it is still none of them)."""
    root = project(tmp_path, {
        "genre.md": doc("genre: 通知。", index_no="002986620/202003-00911", title="体裁带句号的通知"),
        "cat.md": doc(category="fgwj。", index_no="002986620/202003-00912", title="分类带句号的通知"),
        "day.md": doc(created="2020年3月2日。", index_no="002986620/202003-00913", title="日期带句号的通知"),
        "year.md": doc("report_year: 2020年度", index_no="002986620/202003-00914", title="年度带单位的通知"),
        "no.md": doc("validity: no", index_no="002986620/202003-00915", title="有效性写成no的通知"),
    })
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert told(result.stdout) == [
        "content/catalogue/fgwj/cat.md:4:11: 信息分类(category): 信息分类“fgwj。”不存在。末尾多了标点“。”，应写作：fgwj",
        "content/catalogue/fgwj/day.md:6:10: 生成日期(created): 日期格式应为 YYYY-MM-DD，现在是“2020年3月2日。”。应写作：2020-03-02",
        "content/catalogue/fgwj/genre.md:9:8: 体裁(genre): “通知。”末尾多了标点“。”，应写作：通知",
        ("content/catalogue/fgwj/no.md:9:11: 有效性(validity): “no”被 YAML 解析成了布尔值（是/否），也不是有效性允许的值。"
        "可选：有效 / 失效 / 废止 / 已修订。"),
        ("content/catalogue/fgwj/year.md:9:14: 年报年度(report_year): 年报年度应是用阿拉伯数字写的整数（例如 2010），"
        "现在是“2020年度”。应写作：2020"),
    ]
    gkml(root, "fix")
    again = gkml(root, "check")
    assert told(again.stdout) == [told(result.stdout)[3]], again.stdout  # no: the editor's to choose
    folder = root / "content/catalogue/fgwj"
    assert "genre: 通知\n" in (folder / "genre.md").read_text(encoding="utf-8")
    assert "category: fgwj\n" in (folder / "cat.md").read_text(encoding="utf-8")
    assert "report_year: 2020\n" in (folder / "year.md").read_text(encoding="utf-8")


def test_a_fence_line_inside_a_multi_line_value_is_refused_where_it_stands(tmp_path: Path) -> None:
    """`summary: |` with a `---` line among its lines: the front matter ends there (for YAML too), the
    rest of the 内容概述 would be published as the body's first words: refused at that line. A body
    that starts unindented after a block value is the body."""
    cut = doc("summary: |", "  第一段", body="  第二段\n---\n正文。\n", index_no="002986620/202003-00916",
              title="内容概述被截断的通知")
    whole = doc("summary: |", "  第一段", "  第二段", index_no="002986620/202003-00917", title="内容概述完整的通知")
    root = project(tmp_path, {"cut.md": cut, "whole.md": whole})
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert told(result.stdout) == [
        ("content/catalogue/fgwj/cut.md:11:1: 内容概述(summary): 这一行的 --- 写在内容概述的多行文字中间（下一行仍按上面的文字缩进），"
        "但顶格的 --- 会结束属性区：内容概述只剩它前面的几行，后面的文字会作为正文显示在网页上。如果 --- 是内容概述中的文字，"
        "请在它前面加 2 个空格，与上一行对齐；如果属性区确实在这里结束，请删去下面几行开头的空格。"),
    ]


def test_a_stop_after_an_index_number_a_space_inside_a_choice_and_an_invisible_title_are_told(tmp_path: Path) -> None:
    """`index_no: …-00921。`, `category: 法规文件。` (its name with a stop), `disclosure: 主动 公开`: each told
    the value to write (not the part a general message would blame), fix writing it; a title of
    only a zero-width space is told empty, with no empty "应写作"."""
    root = project(tmp_path, {
        "stop.md": doc(index_no="002986620/202003-00921。", title="索引号带句号的通知"),
        "named.md": doc(category="法规文件。", index_no="002986620/202003-00922", title="分类名称带句号的通知"),
        "spaced.md": doc(disclosure="主动 公开", index_no="002986620/202003-00923", title="公开方式带空格的通知"),
        "unseen.md": doc(title="\u200b", index_no="002986620/202003-00924"),
    })
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert told(result.stdout) == [
        "content/catalogue/fgwj/named.md:4:11: 信息分类(category): 信息分类“法规文件。”不存在。请写分类代码，应写作：fgwj",
        "content/catalogue/fgwj/spaced.md:8:13: 公开方式(disclosure): “主动 公开”中间多了空格，应写作：主动公开",
        "content/catalogue/fgwj/stop.md:3:11: 索引号(index_no): 索引号末尾多了标点“。”，应写作：002986620/202003-00921",
        "content/catalogue/fgwj/unseen.md:2:8: 名称(title): 名称不能为空：它只有看不见的字符或特殊空格（U+200B）。",
    ]
    gkml(root, "fix")
    assert [line.split(":")[0] for line in told(gkml(root, "check").stdout)] == ["content/catalogue/fgwj/unseen.md"]


def test_two_doc_nos_in_one_value_are_told_as_two(tmp_path: Path) -> None:
    """皖应急〔2020〕12号；皖财〔2020〕3号 passed as one 文号 (its 机关代字 read as “皖应急〔2020〕12号；皖财”),
    and so did two orders: each told as two 文号; one stays valid."""
    root = project(tmp_path, {
        "two.md": doc("doc_no: 皖应急〔2020〕12号；皖财〔2020〕3号", index_no="002986620/202003-00931", title="写了两个文号的通知"),
        "orders.md": doc("doc_no: 安徽省人民政府令第1号、安徽省人民政府令第2号", index_no="002986620/202003-00932",
                         title="写了两个令号的规章"),
        "one.md": doc("doc_no: 皖应急〔2020〕12号", index_no="002986620/202003-00933", title="写了一个文号的通知"),
    })
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    tail = "请只写本文件自己的文号（联合发文写主办机关的文号）。"
    assert told(result.stdout) == [
        f"content/catalogue/fgwj/orders.md:9:9: 文号(doc_no): 文号只能写一个，现在写了 2 个：“安徽省人民政府令第1号、安徽省人民政府令第2号”。{tail}",
        f"content/catalogue/fgwj/two.md:9:9: 文号(doc_no): 文号只能写一个，现在写了 2 个：“皖应急〔2020〕12号；皖财〔2020〕3号”。{tail}",
    ]


def test_an_attachment_file_in_words_quotes_is_told_to_drop_them_and_fix_does(tmp_path: Path) -> None:
    """`{file: “files/a.pdf”, …}`: Word's quotes were read as part of the name and told as a file type
    not allowed (“.pdf”” type); now the quotes are named with the line to write, and fix drops them."""
    root = project(tmp_path, {
        "quoted.md": doc("attachments:", "  - {file: “files/a.pdf”, title: 附件}", index_no="002986620/202003-00941",
                         title="附件路径带中文引号的通知"),
    })
    (root / "content/catalogue/fgwj/files").mkdir()
    (root / "content/catalogue/fgwj/files/a.pdf").write_bytes(b"%PDF")
    result = gkml(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert told(result.stdout) == [
        ("content/catalogue/fgwj/quoted.md:10:12: 附件(attachments): 附件路径两边有中文引号（Word、WPS 会把英文引号换成中文引号），"
        "它们会被当作文件名的一部分；这里不需要引号，应写作：file: files/a.pdf"),
    ]
    gkml(root, "fix")
    assert gkml(root, "check").returncode == 0
    assert "  - {file: files/a.pdf, title: 附件}\n" in (root / "content/catalogue/fgwj/quoted.md").read_text(encoding="utf-8")
