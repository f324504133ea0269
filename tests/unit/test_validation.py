"""`gkml check` on real files: every trap of the content model gets a located, Chinese problem.

Each case writes files into a throw-away project (content/catalogue/<cat>/...), runs the
real command in a subprocess from the project folder and asserts the exit code and the
exact `path:line:col: 字段(key): message` lines — and that no other problem is reported.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gkml.content.source import read_source
from support import BASE, COMMANDS_YML, EXTRA, doc, gkml

LINE = {key: number for number, key in enumerate(BASE, start=2)}
def body_line(extra_lines: int = 0) -> int:
    """The file line of the body's first line."""
    return EXTRA + extra_lines + 1


@dataclass(frozen=True)
class Expect:
    line: int
    col: int
    where: str  # "名称(title)" or "文件"
    phrase: str  # a key part of the Chinese message
    file: str = "fgwj/x.md"


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes]
    expect: list[Expect] = field(default_factory=list)


def one(content: str | bytes) -> dict[str, str | bytes]:
    return {"fgwj/x.md": content}


def make_project(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    for rel, content in files.items():
        path = root / "content" / "catalogue" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def gkml_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return gkml(project, "check", *args)


_LOCATED = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<where>[^:]+?): (?P<message>.+)$")


def located(stdout: str) -> list[re.Match[str]]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    matches = [_LOCATED.match(line) for line in lines]
    assert all(matches), f"unlocated output lines: {[l for l, m in zip(lines, matches) if not m]}"
    return [m for m in matches if m]


def assert_reports(stdout: str, expected: list[Expect]) -> None:
    """Exactly the expected problems: same path, line, col and field; message has the phrase."""
    found = located(stdout)
    got = sorted((m["path"], int(m["line"]), int(m["col"]), m["where"]) for m in found)
    want = sorted((f"content/catalogue/{e.file}", e.line, e.col, e.where) for e in expected)
    assert got == want, stdout
    for e in expected:
        prefix = f"content/catalogue/{e.file}:{e.line}:{e.col}: {e.where}: "
        messages = [line[len(prefix):] for line in stdout.splitlines() if line.startswith(prefix)]
        assert any(e.phrase in message for message in messages), (e, stdout)
        assert all(re.search(r"[\u4e00-\u9fff]", message) for message in messages)


def X(line: int, col: int, where: str, phrase: str, file: str = "fgwj/x.md") -> Expect:
    return Expect(line, col, where, phrase, file)


LONG_TITLE = "关" * 201
GBK_DOC = doc().encode("gbk")
GB18030_DOC = doc(title="关于𠮷祥街道安全生产的通知").encode("gb18030")

CASES: list[Case] = [
    # --- YAML traps -------------------------------------------------------------
    Case("duplicate-key", one(doc("title: 另一个名称")),
         [X(EXTRA, 1, "名称(title)", "第 2 行已经有 title")]),
    # a key written twice inside a field's mapping is a slip in that field, not an unknown field
    Case("duplicate-key-in-attachment", {"fgwj/x.md": doc("attachments:", "  - {file: f/a.pdf, file: f/b.pdf, title: 附件}"),
                                          "fgwj/f/a.pdf": b"%PDF"},
         [X(EXTRA + 1, 21, "附件(attachments)", "第 10 行已经有 file")]),
    Case("duplicate-key-in-withdrawal", one(doc("withdrawn: {date: 2021-01-01, date: 2021-02-01, reason: 错}")),
         [X(EXTRA, 31, "撤回(withdrawn)", "第 9 行已经有 date")]),
    Case("bool-validity-no", one(doc("validity: no")),
         [X(EXTRA, 11, "有效性(validity)", "“no”被 YAML 解析成了布尔值")]),
    Case("bool-title-yes", one(doc(title="yes")),
         [X(2, 8, "名称(title)", "请加引号：\"yes\"")]),
    Case("bool-draft-yes", one(doc("draft: yes")),
         [X(EXTRA, 8, "草稿(draft)", "只能写 true 或 false，现在是“yes”")]),
    Case("tab-after-colon", one(doc(publisher="\t安徽省应急管理厅")),
         [X(5, 12, "文件", "制表符（Tab）")]),
    Case("tab-indent", one(doc("keywords:", "\t- 安全生产")),
         [X(EXTRA + 1, 1, "文件", "制表符（Tab）")]),
    Case("front-matter-list", one("---\n- 名称\n- 索引号\n---\n正文\n"),
         [X(2, 1, "文件", "YAML 映射")]),
    Case("front-matter-scalar", one("---\n只是一段文字\n---\n正文\n"),
         [X(2, 1, "文件", "YAML 映射")]),
    Case("no-front-matter", one("# 标题\n\n正文\n"),
         [X(1, 1, "文件", "第一行必须是 ---")]),
    # classic Mac OS line breaks (CR only): the first line is ---, so "no front matter" was no help
    Case("cr-line-breaks", one(doc().replace("\n", "\r")), [X(1, 1, "文件", "换行符是旧式 Mac 的回车符（CR），只能用 LF 或 CRLF")]),
    Case("unclosed-front-matter", one("---\ntitle: 名称\ncategory: fgwj\n\n正文\n"),
         [X(1, 1, "文件", "没有结束")]),
    Case("empty-file", one(b""), [X(1, 1, "文件", "文件是空的")]),
    Case("whitespace-file", one("\n  \n"), [X(1, 1, "文件", "文件是空的")]),
    Case("empty-front-matter", one("---\n---\n正文\n"), [X(1, 1, "文件", "属性区是空的")]),
    Case("yaml-syntax-colon", one(doc(title="关于: 通知")),
         [X(2, 10, "文件", "请给整个值加引号，应写作：title: '关于: 通知'")]),
    # a value that YAML reads differently from how it looks: the message says how to write it, in Chinese
    Case("yaml-quote-then-text", one(doc(title='"十四五"规划')),
         [X(2, 13, "文件", "请用另一种引号把整个值括起来，例如 title: '\"十四五\"规划'")]),
    Case("yaml-at-start", one(doc(publisher="@安徽省应急管理厅")), [X(5, 12, "文件", "请给整个值加引号")]),
    Case("yaml-windows-path", one(doc(title='"见 C:\\文件"')), [X(2, 13, "文件", "请改用单引号把整个值括起来")]),
    Case("yaml-star-start", one(doc(title="*关于通知")), [X(2, 9, "文件", "会被当作 YAML 别名或锚点")]),
    Case("yaml-dash-start", one(doc(title="- 关于通知")), [X(2, 8, "文件", "值以“- ”开头时请给整个值加引号")]),
    # ` #` starts a YAML comment: the rest of the title would silently be dropped
    Case("yaml-comment-swallows-title", one(doc(title="关于 #3号文件的通知")),
         [X(2, 11, "文件", "YAML 把它当作注释丢掉了，值只剩“关于”。如果它是值的一部分，请给整个值加引号")]),
    Case("yaml-comment-swallows-keyword", one(doc("keywords:", "  - 安全 #1", "  - 生产")),
         [X(EXTRA + 1, 8, "文件", "值只剩“安全”")]),
    # a Chinese input method's full-width space after the colon: YAML sees no colon at all
    Case("fullwidth-space-after-colon", one(doc(publisher="安徽省应急管理厅").replace("publisher: ", "publisher:\u3000")),
         [X(5, 1, "文件", "“publisher:”后面是全角空格，应写作：publisher: 安徽省应急管理厅")]),
    Case("explicit-tag-mismatch", one(doc(title="!!int 关于通知")),
         [X(2, 8, "文件", "“关于通知”不是 !!int 类型的值。请删除 !!int 标记")]),
    # any other tag YAML reads and drops: the value would silently lose it
    Case("yaml-bare-tag", one(doc(title="! 重要通知")), [X(2, 8, "文件", "“!”是 YAML 的类型标记")]),
    Case("yaml-python-tag", one(doc(title="!!python/object:os.system ls")),
         [X(2, 8, "文件", "“!!python/object:os.system”是 YAML 的类型标记")]),
    Case("yaml-tag-in-list", one(doc("keywords: [安全, !x 生产]")), [X(EXTRA, 16, "文件", "“!x”是 YAML 的类型标记")]),
    # --- encodings --------------------------------------------------------------
    Case("gbk", one(GBK_DOC), [X(2, 8, "文件", "看起来是 GBK 编码")]),
    Case("gb18030", one(GB18030_DOC), [X(2, 8, "文件", "看起来是 GB18030 编码")]),
    Case("utf-16-bom", one(doc().encode("utf-16")), [X(1, 1, "文件", "UTF-16")]),
    # a save caught half way (the preview reads between an editor's two writes) or a copy cut short: the
    # last character is half there; a few bytes of GBK pasted into a UTF-8 file. Columns in characters.
    Case("utf-8-cut-short", one(doc(body="正文到此。").encode()[:-1]),
         [X(body_line(), 5, "文件", "文件在这里中断，最后一个字只有一半：文件没有保存完整（或复制时被截断）。")]),
    Case("utf-8-with-gbk-pasted", one(doc("summary: 关于防汛工作。").encode().replace("防汛".encode(), "防汛".encode("gbk"))),
         [X(EXTRA, 12, "文件", "文件是 UTF-8 编码，但这里有几个字节不是 UTF-8（可能是从 GBK 等其他编码的文件中粘贴来的）")]),
    # a UTF-8 file but for Word's smart quotes saved in Windows-1252 (0x93, 0x94): it said only
    # that the encoding could not be told, where the contract has the error name the encoding
    Case("windows-1252-smart-quotes", one(doc().encode().replace("关于".encode(), b"\x93\xe5\x85\xb3\xe4\xba\x8e\x94")),
         [X(2, 8, "文件", "这里的字节 0x93 不是 UTF-8，是 Windows-1252 编码的左双引号（“）（常见于从 Word 或 Outlook 复制、"
                        "经旧软件保存的文字）；文件的其余部分是 UTF-8。请在编辑器中删去这个字符，重新输入左双引号。"
                        "文件中共有 2 个这样的字符，请逐个改正。")]),
    Case("utf-16-be-bom", one(b"\xfe\xff" + doc().encode("utf-16-be")), [X(1, 1, "文件", "UTF-16")]),
    # --- unknown keys -----------------------------------------------------------
    Case("unknown-key-typo", one(doc("pubisher: 安徽省应急管理厅", drop=("publisher",))),
         [X(EXTRA - 1, 1, "未知字段(pubisher)", "是否应为 publisher？"),
          X(1, 1, "发布机构(publisher)", "缺少必填字段 publisher（发布机构）")]),
    Case("unknown-key-label", one(doc("发布机构: 安徽省应急管理厅", drop=("publisher",))),
         [X(EXTRA - 1, 1, "未知字段(发布机构)", "字段名请用英文键：publisher"),
          X(1, 1, "发布机构(publisher)", "缺少必填字段 publisher")]),
    # --- 文号 --------------------------------------------------------------------
    *[
        Case(f"doc-no-{name}", one(doc(f"doc_no: 皖应急{open_}2020{close}12号")),
             [X(EXTRA, 9, "文号(doc_no)", "应写作：皖应急〔2020〕12号")])
        for name, open_, close in [
            ("square", "[", "]"), ("paren", "(", ")"), ("fw-paren", "（", "）"),
            ("lenticular", "【", "】"), ("fw-square", "［", "］"), ("small-tortoise", "﹝", "﹞"),
            ("half-right-open", "〔", "]"), ("half-right-close", "（", "〕"),
        ]
    ],
    # right brackets, full-width digits: the message names the digits, not the brackets
    Case("doc-no-fullwidth-digits", one(doc("doc_no: 皖应急〔２０２０〕１２号")),
         [X(EXTRA, 9, "文号(doc_no)", "文号中有全角数字，应写作：皖应急〔2020〕12号")]),
    Case("doc-no-order-fullwidth-digits", one(doc("doc_no: 安徽省人民政府令第２８９号")),
         [X(EXTRA, 9, "文号(doc_no)", "文号中有全角数字，应写作：安徽省人民政府令第289号")]),
    Case("doc-no-format", one(doc("doc_no: 皖应急2020年12号")),
         [X(EXTRA, 9, "文号(doc_no)", "例如 皖应急〔2020〕12号")]),
    # --- dates ------------------------------------------------------------------
    Case("date-fullwidth", one(doc(created="２０２０－０３－０２")),
         [X(6, 10, "生成日期(created)", "全角数字或符号，应写作：2020-03-02")]),
    Case("date-slashes", one(doc(created="2020/03/02")),
         [X(6, 10, "生成日期(created)", "应写作：2020-03-02")]),
    Case("date-chinese", one(doc(created="2020年3月2日")),
         [X(6, 10, "生成日期(created)", "日期格式应为 YYYY-MM-DD，现在是“2020年3月2日”。应写作：2020-03-02")]),
    Case("datetime-chinese", one(doc(published="2020年3月5日")),
         [X(7, 12, "发布日期(published)", "应写作：2020-03-05")]),
    Case("date-impossible", one(doc(created="2020-02-30")),
         [X(6, 10, "生成日期(created)", "“2020-02-30”不是一个存在的日期")]),
    Case("datetime-impossible", one(doc(published="2020-03-05 25:10")),
         [X(7, 12, "发布日期(published)", "日期没有问题，时间“25:10”不存在")]),
    Case("created-after-published", one(doc(created="2020-03-06")),
         [X(6, 10, "生成日期(created)", "生成日期 2020-03-06 晚于发布日期 2020-03-05")]),
    # --- 索引号 ------------------------------------------------------------------
    Case("index-no-format", one(doc(index_no="2986620/202003-00012")),
         [X(3, 11, "索引号(index_no)", "索引号格式应为 机构代码/年月-五位序号")]),
    Case("index-no-month", one(doc(index_no="002986620/202004-00012")),
         [X(3, 11, "索引号(index_no)", "与生成日期 2020-03-02 不一致，应为 202003")]),
    Case("index-no-year", one(doc(index_no="002986620/2019-00012")),
         [X(3, 11, "索引号(index_no)", "不一致，应为 2020")]),
    Case("index-no-fullwidth", one(doc(index_no="００２９８６６２０/202003-00012")),
         [X(3, 11, "索引号(index_no)", "应写作：002986620/202003-00012")]),
    # --- category and enums -----------------------------------------------------
    Case("category-typo", one(doc(category="fgjw")),
         [X(4, 11, "信息分类(category)", "信息分类“fgjw”不存在。是否应为 fgwj？")]),
    Case("category-chinese", one(doc(category="法规文件")),
         [X(4, 11, "信息分类(category)", "请写分类代码，应写作：fgwj")]),
    Case("category-short-name", one(doc(category="年报")),
         [X(4, 11, "信息分类(category)", "信息分类“年报”不存在。请写分类代码：nb")]),
    Case("genre-enum", one(doc("genre: 通知书")),
         [X(EXTRA, 8, "体裁(genre)", "“通知书”不是允许的值")]),
    Case("validity-enum", one(doc("validity: 有效的")),
         [X(EXTRA, 11, "有效性(validity)", "可选：有效 / 失效 / 废止 / 已修订")]),
    Case("disclosure-enum", one(doc(disclosure="公开")),
         [X(8, 13, "公开方式(disclosure)", "“公开”不是允许的值")]),
    # --- lists and lengths ------------------------------------------------------
    Case("keywords-too-many", one(doc("keywords: [安全, 生产, 应急, 管理, 救援, 消防]")),
         [X(EXTRA, 11, "主题词(keywords)", "最多 5 个，现在有 6 个")]),
    Case("keywords-not-list", one(doc("keywords: 安全生产")),
         [X(EXTRA, 11, "主题词(keywords)", "应是列表（多个词用英文逗号分隔），应写作：[安全生产]")]),
    Case("title-too-long", one(doc(title=LONG_TITLE)),
         [X(2, 8, "名称(title)", "最多 200 个字，现在有 201 个字")]),
    Case("title-multiline", one(doc(title="|\n  第一行\n  第二行")),
         [X(2, 8, "名称(title)", "只能写一行")]),
    # a title wrapped over lines: YAML joins them with a space ("关于印发 的通知")
    Case("title-wrapped-plain", one(doc(title="关于印发某某办法\n  的通知")),
         [X(2, 8, "名称(title)", "只能写一行：它写在了几行上，YAML 会在换行处加空格，读成“关于印发某某办法 的通知”")]),
    Case("title-wrapped-quoted", one(doc(title='"关于印发某某办法\n  的通知"')), [X(2, 8, "名称(title)", "只能写一行")]),
    Case("title-folded-block", one(doc(title=">-\n  关于印发某某办法\n  的通知")), [X(2, 8, "名称(title)", "只能写一行")]),
    Case("title-empty", one(doc(title='""')), [X(2, 8, "名称(title)", "名称不能为空")]),
    Case("summary-too-long", one(doc("summary: " + "概" * 301)),
         [X(EXTRA, 10, "内容概述(summary)", "最多 300 个字，现在有 301 个字")]),
    # --- required ---------------------------------------------------------------
    Case("missing-required", one(doc(drop=("publisher", "disclosure"))),
         [X(1, 1, "发布机构(publisher)", "缺少必填字段 publisher（发布机构）"),
          X(1, 1, "公开方式(disclosure)", "缺少必填字段 disclosure（公开方式）")]),
    Case("exemption-required", one(doc(disclosure="不予公开")),
         [X(1, 1, "不予公开依据(exemption)", "公开方式为“不予公开”时必填")]),
    Case("report-year-required", one(doc(category="nb")),
         [X(1, 1, "年报年度(report_year)", "信息分类为“nb”时必填")]),
    Case("report-year-not-integer", one(doc("report_year: 二〇二〇", category="nb")),
         [X(EXTRA, 14, "年报年度(report_year)", "应是用阿拉伯数字写的整数")]),
    # YAML 1.1 reads each of these as 2020 (or a 20-digit year): only decimal digits are an integer
    *(Case(f"report-year-{name}", one(doc(f"report_year: {raw}", category="nb")),
           [X(EXTRA, 14, "年报年度(report_year)", f"应是用阿拉伯数字写的整数（例如 2010），现在是“{raw}”")])
      for name, raw in (("hex", "0x7e4"), ("octal", "03744"), ("underscore", "2_020"), ("sexagesimal", "33:40"),
                        ("twenty-digits", "99999999999999999999"))),
    # quoted, a number or true is text to YAML: the message says the quotes are the slip
    *(Case(f"report-year-{name}", one(doc(f"report_year: {raw}", category="nb")),
           [X(EXTRA, 14, "年报年度(report_year)", f"年报年度 {raw} 不对：应是四位数的年份，例如 2023。")])
      for name, raw in (("zero", "0"), ("negative", "-5"), ("five-digits", "20245"))),
    # a report on a year not yet begun when it is published: 2030 typed for 2020, or a slipped published date
    Case("report-year-after-published", one(doc("report_year: 2030", category="nb")),
         [X(EXTRA, 14, "年报年度(report_year)", "年报年度 2030 晚于发布日期 2020-03-05 的年份")]),
    Case("withdrawn-before-published", one(doc("withdrawn: {date: 2020-03-01, reason: 内容有误}")),
         [X(EXTRA, 12, "撤回(withdrawn)", "撤回日期 2020-03-01 早于发布日期 2020-03-05：只能撤回已发布的文件")]),
    Case("withdrawn-in-future", one(doc("withdrawn: {date: 2099-01-01, reason: 内容有误}")),
         [X(EXTRA, 1, "撤回(withdrawn)", "撤回日期 2099-01-01 还没有到（今天是 ")]),
    # another form of a withdrawal is told the very line to write, with the date and reason it gives; a
    # reason not given is the placeholder, which is refused as a reason (it would be the page's notice)
    Case("withdrawn-date-alone", one(doc("withdrawn: 2021-06-01")),
         [X(EXTRA, 12, "撤回(withdrawn)", "请写成：withdrawn: {date: 2021-06-01, reason: 撤回理由}（请把“撤回理由”换成实际的撤回理由）")]),
    Case("withdrawn-date-and-reason-in-one", one(doc("withdrawn: 2021年6月1日 已废止")),
         [X(EXTRA, 12, "撤回(withdrawn)", "请写成：withdrawn: {date: 2021-06-01, reason: 已废止}")]),
    Case("withdrawn-reason-alone", one(doc("withdrawn: 已废止")),
         [X(EXTRA, 12, "撤回(withdrawn)", "请写成：withdrawn: {date: YYYY-MM-DD, reason: 已废止}（请把 YYYY-MM-DD 换成撤回日期）")]),
    Case("withdrawn-key-misspelt", one(doc("withdrawn: {date: 2021-06-01, reson: 已废止}")),
         [X(EXTRA, 12, "撤回(withdrawn)", "只能有 date 和 reason 两项，不能有 reson。请写成：withdrawn: {date: 2021-06-01, reason: 已废止}")]),
    Case("withdrawn-date-key-misspelt", one(doc("withdrawn: {data: 2021年6月1日, reason: 已废止}")),
         [X(EXTRA, 12, "撤回(withdrawn)", "不能有 data。请写成：withdrawn: {date: 2021-06-01, reason: 已废止}")]),
    Case("withdrawn-extra-key-kept-out", one(doc("withdrawn: {date: 2021-06-01, reason: 已废止, note: 见新文件}")),
         [X(EXTRA, 12, "撤回(withdrawn)", "不能有 note。请写成：withdrawn: {date: 2021-06-01, reason: 已废止}")]),
    Case("withdrawn-as-list", one(doc("withdrawn: [2021-06-01, 已废止]")),
         [X(EXTRA, 12, "撤回(withdrawn)", "请写成：withdrawn: {date: 2021-06-01, reason: 已废止}")]),
    Case("withdrawn-as-block-list", one(doc("withdrawn:\n  - 已被新文件替代\n  - 2021/6/1")),
         [X(EXTRA + 1, 3, "撤回(withdrawn)", "请写成：withdrawn: {date: 2021-06-01, reason: 已被新文件替代}")]),
    Case("withdrawn-list-reason-split-by-comma", one(doc("withdrawn: [2021-06-01, 内容有误, 已替代]")),
         [X(EXTRA, 12, "撤回(withdrawn)", '请写成：withdrawn: {date: 2021-06-01, reason: "内容有误, 已替代"}')]),
    Case("withdrawn-placeholder-reason", one(doc("withdrawn: {date: 2021-06-01, reason: 撤回理由}")),
         [X(EXTRA, 39, "撤回(withdrawn)", "“撤回理由”是示例文字：请写实际的撤回理由，它会显示在原地址的撤回说明中。")]),
    Case("report-year-quoted", one(doc("report_year: '2020'", category="nb")),
         [X(EXTRA, 14, "年报年度(report_year)", "引号使它成了文字，请去掉引号，应写作：report_year: 2020")]),
    Case("draft-quoted", one(doc('draft: "true"')),
         [X(EXTRA, 8, "草稿(draft)", "引号使它成了文字，请去掉引号，应写作：draft: true")]),
    # no tag written: the message asked to delete a !!int nobody wrote (and quoted 5,000 digits)
    Case("report-year-huge-number", one(doc("report_year: 1" + "0" * 5000, category="nb")),
         [X(EXTRA, 14, "文件", "这个值是一个 5001 位的数字，太长了，无法读取。请检查并改正它。"),
          X(EXTRA, 14, "年报年度(report_year)", "应是用阿拉伯数字写的整数")]),
    # a list or mapping has no text to quote: the message said 现在是“None”
    Case("report-year-list", one(doc("report_year: [2020]", category="nb")),
         [X(EXTRA, 14, "年报年度(report_year)", "应是用阿拉伯数字写的整数（例如 2010），不是列表或映射。")]),
    Case("draft-mapping", one(doc("draft: {a: 1}")),
         [X(EXTRA, 8, "草稿(draft)", "草稿只能写 true 或 false，不是列表或映射。")]),
    # TITLE beside title: renamed, the field would be written twice; no line to write is offered
    Case("capital-key-beside-its-field", one(doc("TITLE: 乙")),
         [X(EXTRA, 1, "未知字段(TITLE)", "字段名要用小写字母：title（名称）；本文件已经写了 title，同一字段只能写一次")]),
    # --- attachments ------------------------------------------------------------
    # a link's address copied into a file's place: told what is not the file's name, not that .pdf#page=2 is no type
    *(Case(f"attachment-{name}", {"fgwj/x.md": doc("attachments:", f"  - {{file: 'files/a.pdf{part}', title: 附件一}}"),
                                   "fgwj/files/a.pdf": b"%PDF-1.4\n"},
           [X(EXTRA + 1, 12, "附件(attachments)", f"附件路径“files/a.pdf{part}”中的“{part}”是网址的一部分，不是文件名："
                                                  "附件写文件本身的路径，请改为：files/a.pdf。")])
      for name, part in (("fragment", "#page=2"), ("query", "?v=1"))),
    Case("attachment-missing", one(doc("attachments:", "  - {file: files/none.pdf, title: 附件一}")),
         [X(EXTRA + 1, 12, "附件(attachments)", "附件文件不存在：files/none.pdf")]),
    # a hidden file (a name or folder starting with a dot) is never published: it was told 不存在 though it was there
    *(Case(f"attachment-hidden-{name}", {"fgwj/x.md": doc("attachments:", f"  - {{file: {path}, title: 附件一}}"),
                                         f"fgwj/{path}": b"%PDF-1.4\n"},
           [X(EXTRA + 1, 12, "附件(attachments)", f"附件“{path}”的文件名或所在文件夹以“.”开头：这样的文件是隐藏文件，网站不会发布它。")])
      for name, path in (("file", "files/.报告.pdf"), ("folder", ".files/报告.pdf"))),
    Case("attachment-outside-docs", one(doc("attachments:", "  - {file: ../../../etc/passwd, title: 附件}")),
         [X(EXTRA + 1, 12, "附件(attachments)", "位于内容目录之内")]),
    Case("attachment-absolute", one(doc("attachments:", "  - {file: /etc/passwd, title: 附件}")),
         [X(EXTRA + 1, 12, "附件(attachments)", "位于内容目录之内")]),
    # ../../ from content/catalogue/fgwj/ is content/etc/passwd: inside docs, and absent
    Case("attachment-dotdot-missing", one(doc("attachments:", "  - {file: ../../etc/passwd.txt, title: 附件}")),
         [X(EXTRA + 1, 12, "附件(attachments)", "附件文件不存在：../../etc/passwd.txt")]),
    # an empty file or title is named, not the whole attachment
    Case("attachment-empty-parts", one(doc("attachments:", "  - {file: , title: }")),
         [X(EXTRA + 1, 12, "附件(attachments)", "附件的 file（文件路径）不能为空"),
          X(EXTRA + 1, 21, "附件(attachments)", "附件的 title（附件名称）不能为空")]),
    Case("attachment-incomplete", one(doc("attachments:", "  - {file: files/a.pdf}")),
         [X(EXTRA + 1, 5, "附件(attachments)", "必须同时写 file")]),
    # a document's own file is never linked: its page is at its index number, and it may be held back
    Case("body-links-a-document", one(doc(body="详见[《办法》](../ghjh/banfa.md)。\n")),
         [X(body_line(), 3, "文件", "正文不能链接公开目录中的源文件：../ghjh/banfa.md")]),
    # a picture pasted from Word keeps the editor's own address: the sanitiser drops it, the reader saw a blank
    Case("body-word-pasted-images", one(doc(body='<p><img src="file:///C:/Users/a/clip_image002.jpg"></p>\n\n'
                                                 "![图](data:image/png;base64,iVBORw0KGgo=)\n")),
         [X(body_line(), 4, "文件", "编辑者电脑上的文件"), X(body_line(), 4, "文件", "没有替代文字（alt）"),
          X(body_line() + 2, 1, "文件", "图片直接写在地址中")]),
    # a second front matter in the body (two files joined): shown as words of the page, a rule and a heading
    Case("body-second-front-matter", one(doc(body="\n---\ntitle: 旧文件\n公开方式: 不予公开\n---\n正文。\n")),
         [X(body_line() + 1, 1, "文件", "正文开头又有一个属性区（title、disclosure）")]),
    # --- raw HTML in the body ---------------------------------------------------
    Case("html-script", one(doc(body="第一段。\n\n<script>alert(1)</script>\n")),
         [X(body_line() + 2, 1, "文件", "<script> 脚本")]),
    Case("html-onclick", one(doc(body='<a href="#" onclick="steal()">点击</a>\n')),
         [X(body_line(), 13, "文件", "事件属性 onclick=")]),
    Case("html-javascript-href", one(doc(body='见<a href="javascript:alert(1)">此处</a>。\n')),
         [X(body_line(), 5, "文件", "javascript: 等脚本链接")]),
    Case("markdown-javascript-link", one(doc(body="请[点击这里](javascript:alert(1))查看。\n")),
         [X(body_line(), 7, "文件", "javascript: 等脚本链接")]),
    Case("html-iframe", one(doc(body='<iframe src="https://example.com"></iframe>\n')),
         [X(body_line(), 1, "文件", "<iframe> 内嵌框架")]),
    # a picture another site serves: the browser fetches it as the page opens, and that site sees every reader
    Case("remote-pictures", one(doc(body=(
        '![图甲](https://tracker.example/a.png)\n'
        '图：<img alt="图乙" src="//tracker.example/b.png">\n'
        '<picture><source srcset="c.webp 1x, https://tracker.example/c.webp 2x"></picture>\n'
        '<p style="background:url(\'\\\\tracker.example\\d.png\')">文字</p>\n'
        '\n![图戊][e]\n\n[e]: HTTPS://tracker.example/e.png\n'
        '\n段落\n{: style="background:url(https://tracker.example/f.png)" }\n\n![图 [庚] 说明](https://tracker.example/g.png)\n'))),
         [X(body_line(), 1, "文件", "正文中的图片 https://tracker.example/a.png 在其他网站上"),
          X(body_line() + 1, 3, "文件", "请把图片下载后放在本文件旁、与本文件一起提交"),
          X(body_line() + 2, 10, "文件", "https://tracker.example/c.webp 在其他网站上"),
          X(body_line() + 3, 1, "文件", "tracker.example"), X(body_line() + 5, 1, "文件", "HTTPS://tracker.example/e.png"),
          X(body_line() + 10, 1, "文件", "https://tracker.example/f.png"), X(body_line() + 12, 1, "文件", "tracker.example/g.png")]),
    # a site-root address below the site's folder (/gkml/) or with a path parameter names the source file all the same
    Case("root-address-below-the-sites-folder", {"fgwj/x.md": doc("attachments: [{file: files/a.pdf, title: 附件}]",
                                                               body="见[附件](/gkml/catalogue/fgwj/files/a.pdf;jsessionid=1)。\n"),
                                              "fgwj/files/a.pdf": b"%PDF-1.4\n"},
         [X(body_line(1), 2, "文件", "正文中以 / 开头的地址 /gkml/catalogue/fgwj/files/a.pdf;jsessionid=1 指向内容目录中的源文件")]),
    Case("html-object", one(doc(body='正文\n<object data="x.swf"></object>\n')),
         [X(body_line() + 1, 1, "文件", "<object> 嵌入对象")]),
    Case("html-embed", one(doc(body='<embed src="x.swf">\n')),
         [X(body_line(), 1, "文件", "<embed> 嵌入对象")]),
    Case("html-form", one(doc(body='<form action="/x"><input name="q"></form>\n')),
         [X(body_line(), 1, "文件", "<form> 表单"), X(body_line(), 19, "文件", "<input> 输入框会从网页中去掉")]),
    Case("html-script-after-extra-lines", one(doc("source: 安徽省应急管理厅", "genre: 通知", body="<script>x()</script>\n")),
         [X(body_line(2), 1, "文件", "<script> 脚本")]),
    # ways around a line-by-line, backtick-naive scan (Python-Markdown passes each of these through)
    Case("html-escaped-backticks", one(doc(body="\\`<script>alert(1)</script>\\`\n")),
         [X(body_line(), 3, "文件", "<script> 脚本")]),
    Case("html-handler-next-line", one(doc(body='<div\n  onclick="x()">正文</div>\n')),
         [X(body_line() + 1, 3, "文件", "事件属性 onclick=")]),
    Case("html-handler-after-slash", one(doc(body="<svg/onload=alert(1)>\n")),
         [X(body_line(), 1, "文件", "<svg> 图形会从网页中去掉"), X(body_line(), 6, "文件", "事件属性 onload=")]),
    # not unsafe, but the sanitiser keeps neither the element nor what it holds: never silently lost
    Case("html-video", one(doc(body='正文。\n\n<video src="a.mp4" controls></video>\n')),
         [X(body_line(2), 1, "文件", "<video> 视频会从网页中去掉（网站不嵌入音视频）。请把文件作为附件列在 attachments 中")]),
    Case("html-textarea", one(doc(body='说明：<TEXTAREA rows="3">框中的文字</TEXTAREA>\n')),
         [X(body_line(), 4, "文件", "<textarea> 文本框及其中的文字会从网页中去掉")]),
    # HTML reads what these hold as text: the page showed their tags as written (after <plaintext>, the rest of the body)
    Case("html-xmp", one(doc(body="<xmp><b>乙</b></xmp>\n")),
         [X(body_line(), 1, "文件", "<xmp> 会让其中的 HTML 标签原样作为文字显示")]),
    Case("html-plaintext", one(doc(body="第一段。\n\n<PLAINTEXT>\n\n第二段。\n")),
         [X(body_line(2), 1, "文件", "<plaintext> 会让其后的全部正文（连同 HTML 标签）原样作为文字显示")]),
    # an address the sanitiser takes off its link (only http, https, mailto, tel and relative ones stay)
    Case("link-scheme-dropped", one(doc(body="见[文件](ftp://ftp.example.gov.cn/a.pdf)、"
                                             '<a href=" MS-Word:ofe|u|http://x/y.doc">文档</a>、<ftp://ftp.example.gov.cn/b.pdf>\n')),
         [X(body_line(), 5, "文件", "正文中以 ftp: 开头的地址会从网页中去掉"),
          X(body_line(), 42, "文件", "正文中以 ms-word: 开头的地址会从网页中去掉"),
          X(body_line(), 86, "文件", "正文中以 ftp: 开头的地址会从网页中去掉")]),
    Case("html-handler-after-quoted-gt", one(doc(body='<img alt=">" onerror="x()" src="a.png">\n')),
         [X(body_line(), 14, "文件", "事件属性 onerror="), X(body_line(), 1, "文件", "正文链接的文件不存在：a.png")]),
    Case("markdown-javascript-reference", one(doc(body="[点此][r]\n\n[r]: javascript:alert(1)\n")),
         [X(body_line() + 2, 1, "文件", "javascript: 等脚本链接")]),
    # a reference definition with a title is still one: its file must exist
    Case("reference-missing-with-title", one(doc(body='见[附表][t]。\n\n[t]: files/表.xlsx "附表"\n')),
         [X(body_line() + 2, 1, "文件", "正文链接的文件不存在：files/表.xlsx")]),
    Case("markdown-javascript-entity", one(doc(body="[a](&#106;avascript:alert(1))\n")),
         [X(body_line(), 3, "文件", "javascript: 等脚本链接")]),
    # a "fence" Python-Markdown does not take as one leaves the HTML after it live
    Case("html-after-unclosed-fence", one(doc(body="```\n<script>alert(1)</script>\n")),
         [X(body_line() + 1, 1, "文件", "<script> 脚本")]),
    Case("html-in-indented-fence", one(doc(body=" ```\n<script>alert(1)</script>\n ```\n")),
         [X(body_line() + 1, 1, "文件", "<script> 脚本")]),
    Case("html-after-mismatched-fence", one(doc(body="```\n~~~\n```\n<iframe src=x></iframe>\n```\n")),
         [X(body_line() + 3, 1, "文件", "<iframe> 内嵌框架")]),
    Case("html-after-fence-with-text", one(doc(body="```\n<script>alert(1)</script>\n```说明\n")),
         [X(body_line() + 1, 1, "文件", "<script> 脚本")]),
    Case("html-javascript-split-scheme", one(doc(body='<a href="java\nscript:alert(1)">x</a>\n')),
         [X(body_line(), 4, "文件", "javascript: 等脚本链接")]),
    # a 文号's numbers start at 1
    # four spaces after a list item continue it: the picture is live, its file missing
    Case("picture-continuing-a-list", one(doc(body="- 一项\n\n    ![图](tu-ba.png)\n")),
         [X(body_line() + 2, 5, "文件", "正文链接的文件不存在：tu-ba.png")]),
    Case("doc-no-zero", one(doc("doc_no: 皖应急〔2020〕0号")), [X(EXTRA, 9, "文号(doc_no)", "文号的序号不能是 0")]),
    Case("doc-no-order-zero", one(doc("doc_no: 安徽省人民政府令第00号")), [X(EXTRA, 9, "文号(doc_no)", "文号的序号不能是 0")]),
]



# Values an editor may type that YAML cannot read: whatever PyYAML says, the editor reads Chinese.
UNREADABLE_VALUES = ["%关于", "`关于`", "!关于", "&关于", "? 关于", "> 关于", "| 关于", "{关于", "[关于",
                     '"关于', "'关于", '"关于"通知', "{a: b}通知", '"\\x关于"', '"\\u12"', "关于: 通知: 二", "- 关于"]


@pytest.mark.parametrize("value", UNREADABLE_VALUES)
def test_a_yaml_syntax_error_is_explained_in_chinese(value: str) -> None:
    source = read_source("x.md", doc(title=value).encode("utf-8"))
    assert source.entries is None and source.problems, value
    for problem in source.problems:
        assert re.search(r"[\u4e00-\u9fff]", problem.message), problem.message
        assert not re.search(r"\b(found|expected|allowed|character|scanning|while|token)\b", problem.message), problem.message

@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_trap_is_reported_at_its_place(tmp_path: Path, case: Case) -> None:
    project = make_project(tmp_path / "site", case.files)
    result = gkml_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert_reports(result.stdout, case.expect)
    assert "个问题" in result.stderr


VALID_FILES: dict[str, str | bytes] = {
    "fgwj/plain.md": doc(),
    "fgwj/bom.md": "\ufeff" + doc(index_no="002986620/202003-00013"),
    "fgwj/crlf.md": doc(index_no="002986620/202003-00014").replace("\n", "\r\n"),
    "fgwj/bom-crlf.md": ("\ufeff" + doc(index_no="002986620/202003-00015")).replace("\n", "\r\n").encode("utf-8"),
    "fgwj/comment.md": doc("# 以下为可选字段", "source: 安徽省应急管理厅  # 来源", index_no="002986620/202003-00016"),
    "fgwj/quoted-dates.md": doc(index_no="002986620/202003-00017", created='"2020-03-02"', published="'2020-03-05'"),
    "fgwj/seconds.md": doc(index_no="002986620/202003-00018", published="2020-03-05 09:30:15"),
    "fgwj/doc-no.md": doc("doc_no: 皖应急〔2020〕12号", "genre: 通知", "validity: 有效",
                          "keywords: [安全生产, 应急管理]", index_no="002986620/202003-00019"),
    # a 规章's number is its 令's, with no year (GB/T 9704's 命令（令）格式); the statistics count 规章 by it
    "fgwj/rule.md": doc("doc_no: 安徽省人民政府令第289号", index_no="002986620/202003-00034"),
    "fgwj/state-council-rule.md": doc("doc_no: 国务院令第732号", index_no="002986620/202003-00035"),
    "fgwj/year-only.md": doc(index_no="002986620/2020-00020"),
    "fgwj/credit-code.md": doc(index_no="11340000MB1A23456X/202003-00021"),
    "fgwj/quoted-yes.md": doc('draft: false', index_no="002986620/202003-00022", title='"yes"'),
    "fgwj/fenced.md": doc(index_no="002986620/202003-00023",
                          body="示例：\n\n```\n<script>alert(1)</script>\n<a onclick=\"x()\">x</a>\n```\n\n行内 `<iframe>` 也可以。\n"),
    "fgwj/attached.md": doc("attachments:", "  - {file: files/a.pdf, title: 附件一}", index_no="002986620/202003-00024"),
    "fgwj/files/a.pdf": b"%PDF-1.4\n",
    # two files of one name in two folders: two attachments, each published under its own name
    "fgwj/same-name.md": doc("attachments:", "  - {file: files/a.pdf, title: 附件一}", "  - {file: other/A.pdf, title: 附件二}",
                             index_no="002986620/202003-00036", body="见[附件一](files/a.pdf)和[附件二](other/A.pdf)。\n"),
    "fgwj/other/A.pdf": b"%PDF-1.4\n",
    "fgwj/superseded.md": doc("superseded_by: 002986620/202003-00012", "validity: 已修订",
                              index_no="002986620/202003-00025"),
    # a 文号 as the document prints it: a leading zero, a year before its 生成日期 (a document generated later)
    "fgwj/doc-no-leading-zero.md": doc("doc_no: 皖应急〔2019〕05号", index_no="002986620/202003-00092"),
    "nb/2020.md": doc("report_year: 2020", category="nb", index_no="002986620/202003-00026"),
    "fgwj/exempt.md": doc("exemption: 《条例》第十四条", disclosure="不予公开", index_no="002986620/202003-00027"),
    "fgwj/published-same-day.md": doc(index_no="002986620/202003-00028", created="2020-03-05", published="2020-03-05"),
    "fgwj/bom-twice.md": "\ufeff\ufeff" + doc(index_no="002986620/202003-00029"),  # a tool added its mark again
    # folded where the title has a space, as YAML writers fold a long line: reads as written
    "fgwj/folded-at-a-space.md": doc(index_no="002986620/202003-00030", title="关于做好2024\n  年度安全生产工作的通知"),
    "fgwj/folded-block.md": doc(index_no="002986620/202003-00031", title=">-\n  关于做好安全生产工作的通知"),
    # a footnote (the footnotes extension) and a line Python-Markdown reads as a paragraph name no file
    "fgwj/footnote.md": doc(index_no="002986620/202003-00032",
                            body="依据[^1]办理。\n\n[^1]: 《条例》（2019年修订）。\n\n[^2]: 《条例》第十四条 规定。\n"),
    "fgwj/bracket-colon.md": doc(index_no="002986620/202003-00033", body="见[注]。\n\n[注]: 说明 文字\n"),
    # quoted words at both ends of a title are the title's own, not quotes around it
    "fgwj/quoted-words.md": doc(index_no="002986620/202003-00037", title="“放管服”改革中的“最多跑一次”"),
    "fgwj/marked-words.md": doc(index_no="002986620/202003-00038", title="《条例》与《办法》"),
    # a body between rules, one line of it a field's label: no second front matter
    "fgwj/rules.md": doc(index_no="002986620/202003-00039", body="---\n来源：新华社\n\n---\n第二段。\n"),
    # a link to another site, a picture of it shown as code or in a comment, and one of the site's own: no picture fetched
    "fgwj/remote-links.md": doc(index_no="002986620/202003-00040",
                                body="见[中国政府网](https://www.gov.cn/)。`![图](https://t.example/x.png)`\n\n"
                                     "<!-- <img alt=\"图\" src=\"https://t.example/y.png\"> -->\n\n<img alt=\"标志\" src=\"/gkml/logo.png\">\n"),
    # an indented code block shows its text: the picture and link written in it are text, no file
    "fgwj/indented-code.md": doc(index_no="002986620/202003-00100",
                                 body="图片的写法：\n\n    ![](tu-qi.png)\n    [附件](fujian-qi.pdf)\n\n正文。\n"),
}


def test_valid_edge_cases_pass(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", VALID_FILES)
    result = gkml_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert f"已检查 {sum(1 for name in VALID_FILES if name.endswith('.md'))} 个文件，未发现问题" in result.stderr


def test_all_problems_of_all_files_in_one_run(tmp_path: Path) -> None:
    chosen = ["duplicate-key", "gbk", "keywords-too-many", "unknown-key-typo", "html-script", "empty-file"]
    by_id = {case.id: case for case in CASES}
    files: dict[str, str | bytes] = {}
    expected: list[Expect] = []
    for number, case_id in enumerate(chosen):
        name = f"fgwj/x{number}.md"
        files[name] = by_id[case_id].files["fgwj/x.md"]
        expected += [Expect(e.line, e.col, e.where, e.phrase, name) for e in by_id[case_id].expect]
    files["fgwj/good.md"] = VALID_FILES["fgwj/plain.md"]
    files["fgwj/x3.md"] = doc("pubisher: 安徽省应急管理厅", drop=("publisher",), index_no="002986620/202003-00099")
    project = make_project(tmp_path / "site", files)
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, expected)
    assert f"已检查 {len(chosen) + 1} 个文件，{len(chosen)} 个文件中共发现 {len(expected)} 个问题" in result.stderr


def test_the_summary_counts_problems_outside_the_files_read_apart(tmp_path: Path) -> None:
    """"已检查 3 个文件，3 个文件中共发现 3 个问题" was told of one bad document, a `.md.txt` and a
    file no document lists: the second count took in files the check never counted as read."""
    files: dict[str, str | bytes] = {
        "fgwj/summary-good.md": doc(index_no="002986620/202003-00201", title="关于汇总行计数的通知甲"),
        "fgwj/summary-bad.md": doc(index_no="002986620/202003-00202", title="关于汇总行计数的通知乙", created="2020/03/02"),
        "fgwj/sub/summary-other.md": doc(index_no="002986620/202003-00203", title="关于汇总行计数的通知丙"),
        "fgwj/summary-note.md.txt": "笔记\n",
        "fgwj/sub/summary-stray.pdf": b"%PDF-1.4\n",
    }
    project = make_project(tmp_path / "site", files)
    result = gkml_check(project)
    assert result.returncode == 1
    assert [m["path"] for m in located(result.stdout)] == [
        "content/catalogue/fgwj/sub/summary-stray.pdf", "content/catalogue/fgwj/summary-bad.md",
        "content/catalogue/fgwj/summary-note.md.txt"], result.stdout
    assert ("已检查 3 个文件，1 个文件中发现 1 个问题，其他 2 个文件或文件夹（不是文档或页面）中发现 2 个问题，共 3 个问题。"
            in result.stderr), result.stderr
    # a folder checked: the files read are its own, as the problems told are
    scoped = gkml_check(project, "content/catalogue/fgwj/sub")
    assert [m["path"] for m in located(scoped.stdout)] == ["content/catalogue/fgwj/sub/summary-stray.pdf"]
    assert "已检查 1 个文件，其中未发现问题；其他 1 个文件或文件夹（不是文档或页面）中共发现 1 个问题。" in scoped.stderr, scoped.stderr
    (project / "content/catalogue/fgwj/sub/summary-stray.pdf").unlink()
    assert "已检查 1 个文件，未发现问题。" in gkml_check(project, "content/catalogue/fgwj/sub").stderr


def test_one_file_with_many_problems_reports_them_all(tmp_path: Path) -> None:
    text = doc("genre: 通知书", "keywords: 安全", "colour: 红", title="yes", created="2020/03/02",
               body="<script>x()</script>\n")
    project = make_project(tmp_path / "site", {"fgwj/x.md": text})
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, [
        X(2, 8, "名称(title)", "布尔值"),
        X(6, 10, "生成日期(created)", "应写作：2020-03-02"),
        X(EXTRA, 8, "体裁(genre)", "不是允许的值"),
        X(EXTRA + 1, 11, "主题词(keywords)", "应是列表"),
        X(EXTRA + 2, 1, "未知字段(colour)", "不认识的字段“colour”"),
        X(body_line(3), 1, "文件", "<script> 脚本"),
    ])


# --- across documents -------------------------------------------------------------


def test_duplicate_index_no_names_both_files(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/a.md": doc(), "ghjh/b.md": doc(category="ghjh")})
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, [
        X(3, 1, "索引号(index_no)", "索引号 002986620/202003-00012 重复，另见：content/catalogue/ghjh/b.md", "fgwj/a.md"),
        X(3, 1, "索引号(index_no)", "索引号 002986620/202003-00012 重复，另见：content/catalogue/fgwj/a.md", "ghjh/b.md"),
    ])


def test_superseded_by_must_name_a_document(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/a.md": doc("superseded_by: 002986620/202001-00099", "validity: 废止")})
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, [X(EXTRA, 1, "替代文件(superseded_by)", "替代文件 002986620/202001-00099 不在目录中",
                                     "fgwj/a.md")])


def test_a_reference_to_a_file_refused_for_its_own_problems_names_that_file(tmp_path: Path) -> None:
    """The replacement and the policy exist, but one value of theirs is wrong: the references say
    which file holds the number (twice: the check and the cache's second run), not that none does."""
    files = {"fgwj/a.md": doc("superseded_by: 002986620/202003-00013", "validity: 废止"),
             "fgwj/b.md": doc(index_no="002986620/202003-00013", created="２０２０-03-02"),
             "fgwj/c.md": doc("genre: 解读", "interprets: 002986620/202003-00013", index_no="002986620/202003-00014")}
    project = make_project(tmp_path / "site", files)
    for _ in range(2):
        result = gkml_check(project)
        assert result.returncode == 1
        told = "002986620/202003-00013 是文件 content/catalogue/fgwj/b.md 的索引号，该文件有错误，未能列入目录：请先按该文件的提示修正。"
        assert_reports(result.stdout, [X(EXTRA, 1, "替代文件(superseded_by)", f"替代文件 {told}", "fgwj/a.md"),
                                       X(LINE["created"], 10, "生成日期(created)", "应写作：2020-03-02", "fgwj/b.md"),
                                       X(EXTRA + 1, 1, "解读对象(interprets)", f"解读对象 {told}", "fgwj/c.md")])


def test_superseded_by_self(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc("superseded_by: 002986620/202003-00012")})
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, [X(EXTRA, 16, "替代文件(superseded_by)", "不能是本文件自己")])


def test_a_loop_of_replacements_is_told_in_every_file_of_it(tmp_path: Path) -> None:
    """A→B→C→A: no version is in force; each file of the loop is told, the loop named. D
    replaced by A leads into the loop but is not in it: told nothing."""
    numbers = {name: f"002986620/202003-0070{n}" for n, name in enumerate("abcd")}
    nxt = {"a": "b", "b": "c", "c": "a", "d": "a"}
    files = {f"fgwj/{name}.md": doc(f"superseded_by: {numbers[nxt[name]]}", "validity: 已修订", index_no=numbers[name],
                                    title=f"替代环路测试{name}")
             for name in "abcd"}
    result = gkml_check(make_project(tmp_path / "site", files))
    assert result.returncode == 1
    loop = " → ".join(f"content/catalogue/fgwj/{name}.md（{numbers[name]}）" for name in "abca")
    assert_reports(result.stdout, [X(EXTRA, 1, "替代文件(superseded_by)", f"替代文件绕回了本文件：{loop}", "fgwj/a.md"),
                                   X(EXTRA, 1, "替代文件(superseded_by)", f"替代文件绕回了本文件：{loop}", "fgwj/b.md"),
                                   X(EXTRA, 1, "替代文件(superseded_by)", f"替代文件绕回了本文件：{loop}", "fgwj/c.md")])


# --- output forms and scope -------------------------------------------------------


def test_json_format(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc("validity: no"), "fgwj/y.md": b""})
    result = gkml_check(project, "--format", "json")
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 2
    for row in rows:
        assert set(row) == {"file", "line", "col", "key", "code", "level", "message"}
    assert rows[0] == {"file": "content/catalogue/fgwj/x.md", "line": EXTRA, "col": 11, "key": "validity",
                       "code": "yaml-boolean", "level": "error", "message": rows[0]["message"]}
    assert "布尔值" in rows[0]["message"]
    assert rows[1]["file"] == "content/catalogue/fgwj/y.md" and rows[1]["key"] is None
    assert rows[1]["code"] == "empty-file"


def test_elements_the_page_would_lose_are_text_in_code(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc(
        body='写作 `<video>` 或\n\n```\n<audio src="a.mp3">\n```\n\n<videos>不是视频</videos>，<stylesheet>\n')})
    result = gkml_check(project)
    assert result.returncode == 0, result.stdout


def test_json_format_carries_the_notices_after_the_errors(tmp_path: Path) -> None:
    """An editor's tool reading the JSON must see a TODO left open by an import as the text form
    shows it: a notice, which does not fail the check."""
    todo = "# TODO(待补充): 文号\n# doc_no: 皖应急〔2020〕12号"
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc(todo)})
    result = gkml_check(project, "--format", "json")
    assert result.returncode == 0
    [row] = json.loads(result.stdout)
    assert row["level"] == "notice" and row["code"] == "todo-left" and row["key"] == "doc_no"
    assert row["file"] == "content/catalogue/fgwj/x.md" and row["line"] == EXTRA
    project = make_project(tmp_path / "other", {"fgwj/x.md": doc(todo, "validity: no")})
    rows = json.loads(gkml_check(project, "--format", "json").stdout)
    assert [row["level"] for row in rows] == ["error", "notice"]


def test_a_todo_whose_proposed_line_was_deleted_says_what_to_write(tmp_path: Path) -> None:
    """Its commented-out `# doc_no:` line deleted by hand, a TODO still told to fill it in "on the next line"."""
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc("# TODO(待补充): 文号", title="关于待补充项旁证的通知")})
    [row] = json.loads(gkml_check(project, "--format", "json").stdout)
    assert (row["line"], row["message"]) == (EXTRA, (
        "导入时留下的待补充项（# TODO(待补充)）还没有处理：文号（doc_no）还没有填写，发布后页面上将没有文号。"
        "请在这一行下面写“doc_no: ”，冒号后填文号，再删去这一行注释；如果本文件确实没有文号，删去这 1 行注释即可。"))
    (project / "content/catalogue/fgwj/x.md").write_text(
        doc("doc_no: 皖应急〔2020〕12号", title="关于待补充项旁证的通知"), encoding="utf-8")
    assert json.loads(gkml_check(project, "--format", "json").stdout) == []


def test_json_format_clean(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc()})
    result = gkml_check(project, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_json_written_as_other_linters_take_it(tmp_path: Path) -> None:
    """`gkml check --json`, as eslint and ruff users write it, was refused as an unknown argument."""
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc("validity: no")})
    result = gkml_check(project, "--json")
    assert result.returncode == 1, result.stderr
    assert [row["code"] for row in json.loads(result.stdout)] == ["yaml-boolean"]


def test_one_file_argument_shows_only_that_file(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {
        "fgwj/a.md": doc("validity: no"),
        "fgwj/b.md": doc("genre: 通知书", index_no="002986620/202003-00013"),
        "fgwj/dup1.md": doc(index_no="002986620/202003-00050"),
        "ghjh/dup2.md": doc(index_no="002986620/202003-00050", category="ghjh"),
    })
    result = gkml_check(project, "content/catalogue/fgwj/a.md")
    assert result.returncode == 1
    assert_reports(result.stdout, [X(EXTRA, 11, "有效性(validity)", "布尔值", "fgwj/a.md")])
    # cross-document rules still see the whole catalogue
    result = gkml_check(project, "content/catalogue/fgwj/dup1.md")
    assert result.returncode == 1
    assert_reports(result.stdout, [X(3, 1, "索引号(index_no)", "另见：content/catalogue/ghjh/dup2.md", "fgwj/dup1.md")])
    # a clean file in a catalogue with problems elsewhere passes
    clean = make_project(tmp_path / "clean", {"fgwj/ok.md": doc(), "fgwj/bad.md": b""})
    result = gkml_check(clean, "content/catalogue/fgwj/ok.md")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    # and a folder limits the output to the files in it
    result = gkml_check(project, "content/catalogue/ghjh")
    assert_reports(result.stdout, [X(3, 1, "索引号(index_no)", "另见：content/catalogue/fgwj/dup1.md", "ghjh/dup2.md")])


def test_check_from_a_subfolder_names_paths_from_there(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc("validity: no")})
    result = gkml_check(project / "content")
    assert result.returncode == 1
    assert result.stdout.startswith(f"catalogue/fgwj/x.md:{EXTRA}:11: 有效性(validity): ")


def test_symlinked_attachment_outside_docs_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc("attachments:", "  - {file: files/s.txt, title: 附件}")})
    (project / "content/catalogue/fgwj/files").mkdir()
    (project / "content/catalogue/fgwj/files/s.txt").symlink_to(outside)
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, [X(1, 1, "文件", "这是一个符号链接", file="fgwj/files/s.txt"),
                                   X(EXTRA + 1, 12, "附件(attachments)", "附件文件不存在：files/s.txt")])


# --- interprets (政策解读 ↔ 原文) ------------------------------------------------

POLICY = doc(index_no="002986620/202003-00012")  # published 2020-03-05 09:30


def jiedu(*extra: str, **fields: str) -> str:
    values = {"index_no": "002986620/202003-00013", "published": "2020-03-06 10:00", **fields}
    return doc(*extra, **values)


# the policy embargoed till 2099 is told as a 发布日期 years ahead (a notice: the check still judges the rest)
FAR_AHEAD = X(LINE["published"], 1, "发布日期(published)", "2099-03-05 09:30 距今天", file="fgwj/p.md")


@pytest.mark.parametrize(("files", "expect"), [
    ({"fgwj/p.md": POLICY, "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012")}, []),
    ({"fgwj/p.md": POLICY, "fgwj/x.md": jiedu("genre: 通知", "interprets: 002986620/202003-00012")},
     [X(EXTRA + 1, 13, "解读对象(interprets)", "只有体裁为“解读”的文件")]),
    ({"fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00099")},
     [X(EXTRA + 1, 1, "解读对象(interprets)", "不在目录中")]),
    ({"fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00013")},
     [X(EXTRA + 1, 13, "解读对象(interprets)", "不能是本文件自己")]),
    ({"fgwj/p.md": doc("exemption: 涉及国家秘密", index_no="002986620/202003-00012", disclosure="不予公开"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012")},
     [X(EXTRA + 1, 1, "解读对象(interprets)", "不公开发布（不予公开）")]),
    # a 解读 published before a policy still to come would link it while it is held back
    ({"fgwj/p.md": doc(index_no="002986620/202003-00012", published="2099-03-05 09:30"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012", published="2020-03-04 10:00")},
     [X(EXTRA + 1, 1, "解读对象(interprets)", "原文发布前不能发布解读"), FAR_AHEAD]),
    ({"fgwj/p.md": doc(index_no="002986620/202003-00012", published="2099-03-05 09:30"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012", published="2099-03-05")},
     [X(EXTRA + 1, 1, "解读对象(interprets)", "原文发布前不能发布解读"), FAR_AHEAD,
      X(LINE["published"], 1, "发布日期(published)", "2099-03-05 距今天")]),
    # both published: a 解读 dated the policy's day without a time (or earlier) links a published policy
    ({"fgwj/p.md": POLICY, "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012",
                                               published="2020-03-05")}, []),
    ({"fgwj/p.md": POLICY, "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012",
                                               published="2020-03-04 10:00")}, []),
    ({"fgwj/p.md": POLICY,
      "fgwj/y.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012", index_no="002986620/202003-00014"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00014")},
     [X(EXTRA + 1, 1, "解读对象(interprets)", "本身是一篇解读")]),
    # a withdrawn policy is published no more: its 解读 goes with it, or names another
    ({"fgwj/p.md": doc("withdrawn: {date: 2021-01-01, reason: 内容有误}", index_no="002986620/202003-00012"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012")},
     [X(EXTRA + 1, 1, "解读对象(interprets)", "已于 2021-01-01 撤回，不再公开发布")]),
    ({"fgwj/p.md": doc("withdrawn: {date: 2021-01-01, reason: 内容有误}", index_no="002986620/202003-00012"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012",
                         "withdrawn: {date: 2021-01-01, reason: 原文已撤回}")}, []),
    # a draft 解读 may name a draft policy: neither is published
    ({"fgwj/p.md": doc("draft: true", index_no="002986620/202003-00012"),
      "fgwj/x.md": jiedu("genre: 解读", "interprets: 002986620/202003-00012", "draft: true")}, []),
], ids=["ok", "not-a-jiedu", "unknown", "self", "policy-not-public", "before-policy", "same-day-before-policy",
    "same-day-in-the-past", "before-policy-in-the-past", "jiedu-of-jiedu", "policy-withdrawn",
    "both-withdrawn", "both-drafts"])
def test_interprets_rules(tmp_path: Path, files: dict[str, str | bytes], expect: list[Expect]) -> None:
    result = gkml_check(make_project(tmp_path / "site", files))
    assert result.returncode == (1 if expect else 0), result.stdout + result.stderr
    assert_reports(result.stdout, expect)


# --- a profile's vocabulary ---------------------------------------------------------


def test_topics_come_from_the_configured_vocabulary(tmp_path: Path) -> None:
    """主题分类 takes only the vocabulary's words once the profile names one (free text without)."""
    project = make_project(tmp_path / "site", {
        "fgwj/x.md": doc("topics: [安全生产, 应急管理]"),
        "fgwj/y.md": doc("topics: [安全生彦]", index_no="002986620/202003-00013"),
    })
    default = (Path(__file__).parents[2] / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    assert "\nvocabularies: {}\n" in default
    (project / "profile.yml").write_text(
        default.replace("\nvocabularies: {}\n", "\nvocabularies: {topics: [安全生产, 应急管理, 财政]}\n"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(COMMANDS_YML + "      profile: profile.yml\n", encoding="utf-8")
    result = gkml_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert_reports(result.stdout, [X(EXTRA, 10, "主题分类(topics)", "“安全生彦”不在主题分类词表中。是否应为 安全生产？", "fgwj/y.md")])


# --- a document with no text -----------------------------------------------------------


def test_a_document_with_no_text_and_no_summary_is_told_what_its_summary_will_be(tmp_path: Path) -> None:
    """No body and no 内容概述: the listings give its attachments' names, else its name, as its
    内容概述 (条例 art. 12: the catalogue lists each item's 内容概述), and the editor was not told.
    A located notice (the contract: summary not required) says what it will be; a document with a
    summary or text, or one never listed (依申请公开, withdrawn), is not told."""
    pdf = b"%PDF-1.4\n%%EOF\n"
    project = make_project(tmp_path / "site", {
        "fgwj/empty.md": doc(body=""),
        "fgwj/files.md": doc("attachments: [{file: files/a.pdf, title: 通知全文}, {file: files/b.pdf, title: 附表}]",
                             index_no="002986620/202003-00013", body="\n   \n"),
        "fgwj/files/a.pdf": pdf, "fgwj/files/b.pdf": pdf,
        "fgwj/summarised.md": doc("summary: 关于安全生产工作的通知", index_no="002986620/202003-00014", body=""),
        "fgwj/text.md": doc(index_no="002986620/202003-00015"),
        "fgwj/held.md": doc(index_no="002986620/202003-00016", disclosure="依申请公开", body=""),
        "fgwj/gone.md": doc("withdrawn: {date: 2020-04-01, reason: 已废止}", index_no="002986620/202003-00017", body=""),
    })
    result = gkml_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    told = [line for line in result.stdout.splitlines() if "正文是空的" in line]
    said = ("内容概述(summary): 正文是空的，也没有填写内容概述（summary）：目录、检索结果和订阅中的内容概述将是“{}”。"
            "需要时请在属性区加一行 summary: 内容概述（不超过 300 字），或写上正文。")
    assert told == [f"content/catalogue/fgwj/empty.md:{EXTRA}:1: " + said.format(BASE["title"]),
                    f"content/catalogue/fgwj/files.md:{EXTRA + 1}:1: " + said.format("附件：通知全文；附表")], result.stdout


def test_a_document_in_another_categorys_folder_is_told_where_it_is_listed(tmp_path: Path) -> None:
    """Each document is a file under catalogue/分类代码/ (docs/editing.md); one copied into nb/ and
    left 'category: fgwj' (or filed in the wrong folder) was listed by its field, silently. The
    field decides (the contract names no folder rule): a located notice at the category line says
    where it is listed and the two ways to mend it; a subcategory in its parent's folder, and a
    folder named for no category, are fine."""
    project = make_project(tmp_path / "site", {
        "nb/copied.md": doc(),
        "fdzdgknr/sub.md": doc(index_no="002986620/202003-00013"),
        "fgwj/2020/deeper.md": doc(index_no="002986620/202003-00014"),
        "_import/unsorted.md": doc(index_no="002986620/202003-00015"),
        "fgwj/parent.md": doc(index_no="002986620/202003-00016", category="fdzdgknr"),
    })
    result = gkml_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    told = [line for line in result.stdout.splitlines() if "文件夹中" in line]
    said = ("信息分类(category): 本文件在 {0}（{1}）文件夹中，信息分类却是 {2}（{3}）：网站按信息分类把它列在“{3}”中。"
            "如果信息分类写错了，请改为 category: {0}；如果是文件放错了文件夹，请把它（连同它的附件）移到 {2} 文件夹。")
    assert told == ["content/catalogue/fgwj/parent.md:4:1: " + said.format("fgwj", "法规文件", "fdzdgknr", "法定主动公开内容"),
                    "content/catalogue/nb/copied.md:4:1: " + said.format("nb", "政府信息公开年报", "fgwj", "法规文件")], result.stdout


# --- optional fields written without a value -----------------------------------------


def test_an_optional_field_without_a_value_is_one_not_given(tmp_path: Path) -> None:
    """`doc_no:` (the contract: not required) is told as a notice, not refused; a field some
    other value requires (exemption of a 不予公开), and draft/withdrawn, stay errors."""
    blank = ["doc_no:", "summary: ''", "source: ~", "validity:", "genre: \"\"", "topics:", "keywords:",
             "superseded_by:", "interprets:", "attachments:", "report_year:", "exemption:"]
    project = make_project(tmp_path / "site", {
        "fgwj/x.md": doc(*blank),
        "fgwj/held.md": doc("exemption:", "draft:", "withdrawn: ~", index_no="002986620/202003-00013",
                            disclosure="不予公开"),
    })
    result = gkml_check(project)
    assert result.returncode == 1
    assert_reports(result.stdout, [X(EXTRA, 11, "不予公开依据(exemption)", "不予公开依据不能为空", "fgwj/held.md"),
                                   X(EXTRA + 1, 7, "草稿(draft)", "只能写 true 或 false", "fgwj/held.md"),
                                   X(EXTRA + 2, 12, "撤回(withdrawn)", "撤回应写成", "fgwj/held.md"),
                                   *(X(EXTRA + n, 1, f"{label}({line.split(':')[0]})", "") for n, (line, label) in
                                     enumerate(zip(blank, ["文号", "内容概述", "来源", "有效性", "体裁", "主题分类", "主题词",
                                                           "替代文件", "解读对象", "附件", "年报年度", "不予公开依据"],
                                                       strict=True)))])
    notices = [line for line in result.stdout.splitlines() if line.startswith("content/catalogue/fgwj/x.md")]
    assert notices[0] == ("content/catalogue/fgwj/x.md:9:1: 文号(doc_no): 文号（doc_no）是空的，按未填写处理：页面上将没有文号。"
                          "需要时请填写，否则可删去这一行。")
    assert notices[3].endswith("有效性（validity）是空的，按未填写处理：页面上的有效性将是默认的“有效”。需要时请填写，否则可删去这一行。")
    assert "导入时留下的待补充项" not in result.stderr  # the TODO summary is for TODOs
    (project / "content" / "catalogue" / "fgwj" / "held.md").unlink()
    assert gkml_check(project).returncode == 0


def test_what_the_contract_allows_but_is_likely_a_slip_is_told_not_refused(tmp_path: Path) -> None:
    """有效 written beside a 替代文件, a 文号 dated after its 生成日期, a 替代文件 since withdrawn: the
    contract allows each (有效 is the default beside any 替代文件; it sets no rule between a 文号's
    year and a date; a withdrawn document is in the catalogue), so each is a located notice and
    the check passes."""
    project = make_project(tmp_path / "site", {
        "fgwj/x.md": doc("superseded_by: 002986620/202003-00091", "validity: 有效"),
        "fgwj/new.md": doc(index_no="002986620/202003-00091", title="替代的新办法七号"),
        "fgwj/late.md": doc("doc_no: 皖应急〔2099〕5号", index_no="002986620/202003-00092", title="文号年份在后的通知"),
        "fgwj/old.md": doc("superseded_by: 002986620/202003-00093", "validity: 废止", index_no="002986620/202003-00094",
                           title="被撤回文件替代的旧办法"),
        "fgwj/gone.md": doc("withdrawn: {date: 2021-01-01, reason: 内容有误}", index_no="002986620/202003-00093",
                            title="已撤回的新办法八号"),
    })
    result = gkml_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    told = [line for line in result.stdout.splitlines() if line.startswith("content/catalogue/fgwj/")]
    assert told == [
        (f"content/catalogue/fgwj/late.md:{EXTRA}:9: 文号(doc_no): 文号中的年份 2099 晚于生成日期 2020-03-02 的年份："
        "文号的年份通常是发文的年份，不晚于生成日期。请核对文号和生成日期；两者都没有写错的话，可以不改。"),
        (f"content/catalogue/fgwj/old.md:{EXTRA}:1: 替代文件(superseded_by): 替代文件 002986620/202003-00093"
        "（content/catalogue/fgwj/gone.md）已于 2021-01-01 撤回，不再公开发布，本文件页面上的链接会通向它的撤回说明："
        "请改为现在有效的那份文件的索引号，或删除这一项。"),
        (f"content/catalogue/fgwj/x.md:{EXTRA + 1}:11: 有效性(validity): 有效性写的是“有效”，但替代文件写明本文件已被 "
        "002986620/202003-00091 替代：被替代的文件不再是现行有效的版本。请把有效性改为“失效”、“废止”或“已修订”；"
        "如果本文件仍然有效，请删除替代文件。"),
    ], result.stdout


def test_a_default_or_future_date_the_contract_allows_but_is_likely_a_slip_is_told(tmp_path: Path) -> None:
    """有效性 left out (or blank) beside a 替代文件 is 有效 by default, the same contradiction as 有效
    written; a 生成日期 after today (the document embargoed till a 发布日期 no earlier): each a
    located notice, the check passing."""
    project = make_project(tmp_path / "site", {
        "fgwj/left.md": doc("superseded_by: 002986620/202003-00081", title="未写有效性的旧办法"),
        "fgwj/blank.md": doc("superseded_by: 002986620/202003-00081", "validity:", index_no="002986620/202003-00082",
                             title="有效性为空的旧办法"),
        "fgwj/new.md": doc(index_no="002986620/202003-00081", title="替代的新办法九号"),
        "fgwj/later.md": doc(index_no="002986620/209901-00083", created="2099-01-05", published="2099-02-01",
                             title="生成日期在将来的通知"),
    })
    result = gkml_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    told = [re.sub(r"今天（[0-9-]{10}）还有 [0-9]+ 天（约 [0-9]+ 年）", "今天（…）还有 … 天", re.sub(r"今天是 [0-9-]{10}", "今天是 …", line))
            for line in result.stdout.splitlines() if line.startswith("content/catalogue/fgwj/")]
    replaced = ("替代文件写明本文件已被 002986620/202003-00081 替代：被替代的文件不再是现行有效的版本。"
                "请加上一行 validity: 写明“失效”、“废止”或“已修订”；如果本文件仍然有效，请删除替代文件。")
    assert told == [
        (f"content/catalogue/fgwj/blank.md:{EXTRA}:16: 替代文件(superseded_by): 没有填写有效性（validity），"
         f"页面和统计会按默认的“有效”显示，但{replaced}"),
        (f"content/catalogue/fgwj/blank.md:{EXTRA + 1}:1: 有效性(validity): 有效性（validity）是空的，按未填写处理："
         "页面上的有效性将是默认的“有效”。需要时请填写，否则可删去这一行。"),
        ("content/catalogue/fgwj/later.md:6:1: 生成日期(created): 生成日期 2099-01-05 还没有到（今天是 …）："
         "生成日期是文件形成的日期，通常不晚于今天。本文件要到发布日期 2099-02-01 才会发布。"
         "请核对生成日期和发布日期；两者都没有写错的话，可以不改。"),
        ("content/catalogue/fgwj/later.md:7:1: 发布日期(published): 发布日期 2099-02-01 距今天（…）还有 … 天："
         "本文件要到那时才会出现在目录、检索和公开数据中。如果年份写错了，请改正发布日期；如果确实要到那天才发布，可以不改。"),
        (f"content/catalogue/fgwj/left.md:{EXTRA}:16: 替代文件(superseded_by): 没有填写有效性（validity），"
         f"页面和统计会按默认的“有效”显示，但{replaced}"),
    ], result.stdout


def test_a_doc_no_numbered_with_di_after_its_year_says_so_and_fix_drops_it(tmp_path: Path) -> None:
    """GB/T 9704 writes the number right after the year's 〔〕: 〔2020〕第5号 is told exactly (not the
    generic format), with the form to write; an order's 令第5号 stays valid."""
    project = make_project(tmp_path / "site", {
        "fgwj/x.md": doc("doc_no: 皖应急〔2020〕第5号"),
        "fgwj/both.md": doc("doc_no: 皖应急[2020]第12號", index_no="002986620/202003-00084", title="括号和第都写错的通知"),
        "fgwj/order.md": doc("doc_no: 安徽省人民政府令第289号", index_no="002986620/202003-00085", title="省政府令九号"),
        # an order is numbered 令第N号 with no year: which of the two was meant is not certain
        "fgwj/year.md": doc("doc_no: 安徽省人民政府令〔2020〕第5号", index_no="002986620/202003-00086", title="省政府令十号"),
    })
    result = gkml_check(project)
    assert result.returncode == 1
    ordinal = "文号的序号前不加“第”：按 GB/T 9704《党政机关公文格式》，年份〔〕后直接写序号（只有令写作“令第N号”）"
    assert [line for line in result.stdout.splitlines() if line.startswith("content/")] == [
        (f"content/catalogue/fgwj/both.md:{EXTRA}:9: 文号(doc_no): 文号中的年份要用六角括号〔〕；文号末尾的“號”要写作“号”；"
         f"{ordinal}，应写作：皖应急〔2020〕12号"),
        f"content/catalogue/fgwj/x.md:{EXTRA}:9: 文号(doc_no): {ordinal}，应写作：皖应急〔2020〕5号",
        (f"content/catalogue/fgwj/year.md:{EXTRA}:9: 文号(doc_no): 文号格式应为 机关代字〔年份〕序号号，例如 皖应急〔2020〕12号"
         "（规章等令写作 机关名称令第序号号，例如 安徽省人民政府令第289号），现在是“安徽省人民政府令〔2020〕第5号”。"),
    ], result.stdout


def test_a_link_indented_inside_a_raw_html_block_is_live_and_checked(tmp_path: Path) -> None:
    """Python-Markdown passes a raw HTML block (<div> … </div>) as written, its indented lines too:
    they are no code block, so a link there to a held-back document's file is refused as one
    written anywhere else (the check passed it, taking the line for code)."""
    project = make_project(tmp_path / "site", {
        "fgwj/held.md": doc("disclosure: 依申请公开", "attachments: [{file: secret.pdf, title: 内部材料}]",
                            drop=("disclosure",), index_no="002986620/202003-00087", title="依申请公开的内部材料"),
        "fgwj/secret.pdf": b"%PDF-1.4\n",
        "fgwj/x.md": doc(index_no="002986620/202003-00088", title="链接写在HTML块中的通知",
                         body="正文。\n\n<div>\n\n    <a href=\"secret.pdf\">附件</a>\n\n</div>\n"),
    })
    result = gkml_check(project)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if line.startswith("content/")] == [
        (f"content/catalogue/fgwj/x.md:{EXTRA + 5}:5: 文件: 正文链接的文件 secret.pdf 没有列入附件，网站上不会有这个文件。"
         "请在属性区 attachments 中加上一项 {file: secret.pdf, title: 附件名称}。"),
    ], result.stdout


def test_a_doc_no_of_a_hundred_thousand_spaces_is_told_not_hung_on(tmp_path: Path) -> None:
    """The corrections a 文号 is checked against read it once: spaces pasted by the thousand after
    its year end in the format's message (they took minutes, nested spaces backtracking)."""
    project = make_project(tmp_path / "site", {"fgwj/x.md": doc(f"doc_no: 皖应急〔2020〕{' ' * 100_000}x")})
    result = gkml_check(project)  # its timeout is the hang guard
    assert result.returncode == 1
    assert f"content/catalogue/fgwj/x.md:{EXTRA}:9: 文号(doc_no): 文号格式应为" in result.stdout
