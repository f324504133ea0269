"""Hostile and careless input on `gkml check`: every class ends in a located Chinese
problem and exit code 1, never a traceback or a hang.

Each test writes a throw-away project, runs the real command in a subprocess and
asserts its exact output lines. Timeouts are hang guards, never speed targets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from gkml.authoring.ledger import LedgerEntry, LedgerError, format_ledger, read_ledger
from gkml.profile.types import UNSEEN
from support import BASE, COMMANDS_YML, EXTRA, doc, write_project

HANG_GUARD = 300  # seconds; each case finishes in about one


def project(root: Path, files: dict[str, str | bytes]) -> Path:
    """A project whose `files` are docs-relative (content/…); its catalogue folder even if they hold none."""
    (root / "content" / "catalogue").mkdir(parents=True)
    return write_project(root, COMMANDS_YML, files)


def check(root: Path) -> tuple[int, list[str]]:
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=root, capture_output=True,
                            text=True, encoding="utf-8", timeout=HANG_GUARD, check=False)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result.returncode, result.stdout.splitlines()


def assert_problems(root: Path, expected: list[str]) -> None:
    code, lines = check(root)
    assert (code, lines) == (1, expected)


DOC = "catalogue/fgwj/x.md"
F = "content/" + DOC
TYPES = ("pdf、ofd、doc、docx、wps、rtf、odt、xls、xlsx、et、ods、csv、ppt、pptx、dps、odp、txt、jpg、jpeg、png、gif、bmp、"
         "tif、tiff、zip、rar、7z")
SYMLINK = "这是一个符号链接（指向 {}），内容目录中不允许符号链接：它会把内容目录以外的文件带进网站。请删除链接，把文件本身复制到这里。"


# --- 5. symlinks and special files ---------------------------------------------------


def assert_ends_in_time(script: str) -> None:
    """`script` run by its own Python ends within the hang guard, its assertions holding."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=HANG_GUARD, check=False)
    assert result.returncode == 0, result.stderr


def test_symlinks_of_every_kind_are_located_errors(tmp_path: Path) -> None:
    root = project(tmp_path, {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 指南\n"})
    os.symlink("/etc/passwd", root / "content/pages/passwd.txt")
    os.symlink("/etc", root / "content/pages/etc")
    os.symlink(root / "content/nowhere", root / "content/catalogue/dangling")
    os.symlink("..", root / "content/catalogue/loop")
    os.symlink("/etc/hostname", root / "content/catalogue/fgwj/y.md")
    assert_problems(root, [
        f"content/catalogue/dangling:1:1: 文件: {SYMLINK.format(root / 'content/nowhere')}",
        f"content/catalogue/fgwj/y.md:1:1: 文件: {SYMLINK.format('/etc/hostname')}",
        f"content/catalogue/loop:1:1: 文件: {SYMLINK.format('..')}",
        f"content/pages/etc:1:1: 文件: {SYMLINK.format('/etc')}",
        f"content/pages/passwd.txt:1:1: 文件: {SYMLINK.format('/etc/passwd')}",
    ])


def test_a_symlink_is_reported_when_only_its_folder_is_checked(tmp_path: Path) -> None:
    root = project(tmp_path, {"pages/gkzn.md": "# 指南\n"})
    os.symlink("/etc/passwd", root / "content/pages/passwd.txt")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check", "content/pages"], cwd=root,
                            capture_output=True, text=True, encoding="utf-8", timeout=HANG_GUARD, check=False)
    assert result.returncode == 1 and "content/pages/passwd.txt:1:1:" in result.stdout


def test_a_fifo_is_an_error_and_never_opened(tmp_path: Path) -> None:
    root = project(tmp_path, {"catalogue/fgwj/x.md": doc()})
    os.mkfifo(root / "content/catalogue/fgwj/pipe.md")
    assert_problems(root, ["content/catalogue/fgwj/pipe.md:1:1: 文件: 这不是普通文件（是管道、设备或套接字），内容目录中只能放普通文件。请删除它。"])


# --- 4. one gate over every file ------------------------------------------------------


def test_markdown_outside_the_catalogue_is_a_named_page_or_an_error(tmp_path: Path) -> None:
    secret = doc("exemption: 《条例》第十四条", disclosure="不予公开")
    root = project(tmp_path, {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": secret, "pages/secret.md": secret,
                              "pages/gkzd.md": "---\ntitle: 公开制度\n---\n正文\n"})
    assert_problems(root, [
        ("content/pages/gkzn.md:3:1: 文件: 这个页面带有公开目录文件的属性（index_no、category、publisher、created、published、"
        "disclosure、exemption）。公开目录文件必须放在公开目录文件夹中，经过检查后才能发布；如果这是普通页面，请删除这些属性。"),
        ("content/pages/secret.md:1:1: 文件: 这个 Markdown 文件既不在公开目录文件夹 catalogue/ 中，也不是配置（mkdocs.yml 的 "
        "guide_pages）列出的页面，因此不会发布。公开目录文件请移到 catalogue/ 下；页面请在 guide_pages 中列出；否则请移出内容目录。"),
    ])


@pytest.mark.parametrize("extension", ["markdown", "mdown", "mkdn", "mkd"])
def test_markdown_by_another_extension_is_an_error_not_silently_held_back(tmp_path: Path, extension: str) -> None:
    """MkDocs reads these as Markdown too; a document saved so was neither checked nor published, and said nothing."""
    root = project(tmp_path, {DOC: doc(), f"catalogue/fgwj/y.{extension}": doc(index_no="002986620/202003-00013"),
                              f"pages/gkzn.{extension}": "# 公开指南\n"})
    said = f"Markdown 文件的扩展名应为 .md，.{extension} 文件不会被检查，也不会发布。"
    assert_problems(root, [f"content/catalogue/fgwj/y.{extension}:1:1: 文件: {said}请改名为 y.md。",
                           f"content/pages/gkzn.{extension}:1:1: 文件: {said}请改名为 gkzn.md。"])


def test_a_document_notepad_saved_as_md_txt_is_an_error_not_silently_held_back(tmp_path: Path) -> None:
    """Windows hides known extensions: saved from Notepad, x.md became x.md.txt, a file no document
    owned; the check passed and the document was never published."""
    root = project(tmp_path, {DOC: doc(), "catalogue/fgwj/通知.md.txt": doc(index_no="002986620/202003-00013"),
                              "pages/gkzn.MD.TXT": "# 公开指南\n"})
    said = ("文件名以 .md.txt 结尾（记事本保存时在 .md 后又加了 .txt，Windows 默认隐藏扩展名，所以看不出来），"
            "它不会被检查，也不会发布。请改名为 ")
    tail = "（在资源管理器的“查看”中勾选“文件扩展名”即可看到完整的名字）。"
    assert_problems(root, [f"content/catalogue/fgwj/通知.md.txt:1:1: 文件: {said}通知.md{tail}",
                           f"content/pages/gkzn.MD.TXT:1:1: 文件: {said}gkzn.md{tail}"])


def test_a_markdown_file_whose_extension_is_not_lower_case_is_an_error(tmp_path: Path) -> None:
    """MkDocs takes `.md` alone for Markdown: 通知.MD (a Windows editor's, any case) was a document
    to the check, which passed, and a stray file to MkDocs; the build then failed its own
    verification (检索索引有 1 条记录，应为 2 条), naming no file."""
    root = project(tmp_path, {DOC: doc(), "catalogue/fgwj/通知.MD": doc(index_no="002986620/202003-00013"),
                              "pages/gkzn.Md": "# 公开指南\n"})
    said = "要写成小写的 .md：网站生成时区分大小写，这个文件不会作为 Markdown 文件发布。请改名为 "
    assert_problems(root, [f"content/catalogue/fgwj/通知.MD:1:1: 文件: 扩展名 .MD {said}通知.md。",
                           f"content/pages/gkzn.Md:1:1: 文件: 扩展名 .Md {said}gkzn.md。"])


def test_a_page_with_broken_front_matter_is_an_error(tmp_path: Path) -> None:
    """MkDocs would swallow the YAML error and publish the front matter as text."""
    root = project(tmp_path, {"pages/gkzn.md": "---\ntitle: [a\ndisclosure: 不予公开\n---\n正文\n"})
    code, lines = check(root)
    assert code == 1 and lines == ["content/pages/gkzn.md:3:11: 文件: 属性区 YAML 格式错误：列表的方括号 [ ] 没有闭合或缺少逗号"]


@pytest.mark.parametrize("name", ["x.html", "x.htm", "x.svg", "x.js", "x.xml", "x.md", "x.css", "README"])
def test_attachments_only_of_document_types(tmp_path: Path, name: str) -> None:
    root = project(tmp_path, {DOC: doc("attachments:", f"  - {{file: files/{name}, title: 附件}}"),
                              f"catalogue/fgwj/files/{name}": "<script>alert(1)</script>"})
    kind = f".{name.rsplit('.', 1)[1]} 类型的文件" if "." in name else "没有扩展名的文件"
    # a Markdown file in the catalogue folder is a document of its own, and checked as one
    own = ["content/catalogue/fgwj/files/x.md:1:1: 文件: 文件没有属性区（front matter）：第一行必须是 ---，然后是各项属性，再以 --- 结束。"]
    assert_problems(root, [*(own if name == "x.md" else []), (f"{F}:{EXTRA + 1}:12: 附件(attachments): 附件“files/{name}”：{kind}不允许发布"
                           f"（网页、脚本、SVG 等会在网站上执行代码）。允许的类型：{TYPES}。")])


def test_files_outside_the_catalogue_only_of_document_types(tmp_path: Path) -> None:
    root = project(tmp_path, {"pages/gkzn.md": "![流程](flow.png)\n", "pages/flow.png": b"\x89PNG",
                              "pages/evil.html": "<script>alert(1)</script>", "pages/Thumbs.db": b"\0",
                              "pages/.hidden.js": "x"})
    assert_problems(root, [(f"content/pages/evil.html:1:1: 文件: .html 类型的文件不允许发布（网页、脚本、SVG 等会在网站上执行代码）。"
                           f"允许的类型：{TYPES}。")])


def test_what_windows_leaves_beside_an_attachment_is_neither_refused_nor_published(tmp_path: Path) -> None:
    """Copied from Windows through WSL or a Samba share, a downloaded attachment brings its
    "<file>:Zone.Identifier" mark as a file of its own; Vista's thumbnail cache sits beside it. The
    check refused both (a ':' Windows cannot hold, a type not allowed), though the copies' verify knew
    them as litter: one list now."""
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: files/a.pdf, title: 附件}"),
                              "catalogue/fgwj/files/a.pdf": b"%PDF",
                              "catalogue/fgwj/files/a.pdf:Zone.Identifier": "[ZoneTransfer]\r\nZoneId=3\r\n",
                              "catalogue/fgwj/files/ehthumbs_vista.db": b"\0"})
    assert check(root) == (0, [])



def test_what_text_editors_keep_beside_a_document_is_neither_refused_nor_published(tmp_path: Path) -> None:
    """Vim's a.md~ and swap file, Emacs' #a.md# and its lock .#a.md (a link to nothing), Notepad++'s
    a.md.bak, Vim's probe 4913: each was a file no document lists (or a symlink), refused, and the
    preview paused while the editor typed. A link an editor did not make is still refused."""
    root = project(tmp_path, {DOC: doc(title="编辑器备份文件测试通知"), "catalogue/fgwj/x.md~": doc(),
                              "catalogue/fgwj/#x.md#": doc(), "catalogue/fgwj/.x.md.swp": b"b0VIM",
                              "catalogue/fgwj/x.md.bak": doc(), "catalogue/fgwj/X.MD.BAK": doc(),
                              "catalogue/fgwj/4913": b"", "pages/guide.md~": "# 指南"})
    (root / "content/catalogue/fgwj/.#x.md").symlink_to("editor@host.1234:1700000000")
    assert check(root) == (0, [])
    (root / "content/catalogue/fgwj/y.md").symlink_to("x.md")
    (root / "content/catalogue/fgwj/.#y.md").symlink_to("..", target_is_directory=True)  # MkDocs would walk it
    assert check(root) == (1, ["content/catalogue/fgwj/.#y.md:1:1: 文件: " + SYMLINK.format(".."),
                               "content/catalogue/fgwj/y.md:1:1: 文件: " + SYMLINK.format("x.md")])

UNATTACHED = "这个文件在公开目录文件夹中，但没有哪份文件把它列为附件，因此不会发布。"


def test_a_file_saved_into_the_catalogue_folder_that_no_document_lists_is_a_located_error(tmp_path: Path) -> None:
    """A Word, WPS, Excel or PDF file saved into the catalogue folder, not listed as any document's
    attachment, was never published and the check passed: the editor believed it was. Word's lock
    file (~$…) beside a file it has open is told, never published, and does not stop the build."""
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: files/a.pdf, title: 附件}"),
                              "catalogue/fgwj/files/a.pdf": b"%PDF",
                              "catalogue/fgwj/通知.docx": b"PK", "catalogue/fgwj/旧通知.doc": b"\xd0\xcf",
                              "catalogue/fgwj/报告.wps": b"\xd0\xcf", "catalogue/fgwj/files/表.xlsx": b"PK",
                              "catalogue/扫描件.pdf": b"%PDF", "catalogue/fgwj/页面.html": "<p>x</p>",
                              "catalogue/fgwj/~$通知.docx": b"\0", "catalogue/fgwj/~WRL0001.tmp": b"\0"})
    how = ("Word、WPS、PDF 等文件放进这里不会自己成为公开目录中的文件：每份文件要有一个 .md 文件（可运行 gkml new 生成），"
           "原件列入它属性区的 attachments。如果它是{}，请在那份文件的 attachments 中加上一项 {{file: {}, title: 附件名称}}"
           "（在子文件夹中时写相对于那份文件的路径）；如果不需要发布，请把它移出内容目录。")
    lock = ("这是 Word、WPS 或 Excel 打开或保存文件时在旁边生成的临时文件（文件名以 ~$ 或 ~WR 开头，Windows 中默认隐藏），不会发布。"
            "打开的文件在网站上是最后一次保存时的内容：请保存并关闭它；程序已关闭而这个文件还在（程序异常退出时会留下），可以删除它。")
    assert check(root) == (1, [
        f"content/catalogue/fgwj/files/表.xlsx:1:1: 文件: {UNATTACHED}{how.format('某份文件的附件', '表.xlsx')}",
        f"content/catalogue/fgwj/报告.wps:1:1: 文件: {UNATTACHED}{how.format(' x.md 的附件', '报告.wps')}",
        f"content/catalogue/fgwj/旧通知.doc:1:1: 文件: {UNATTACHED}{how.format(' x.md 的附件', '旧通知.doc')}",
        f"content/catalogue/fgwj/通知.docx:1:1: 文件: {UNATTACHED}{how.format(' x.md 的附件', '通知.docx')}",
        (f"content/catalogue/fgwj/页面.html:1:1: 文件: {UNATTACHED}.html 类型的文件不允许发布（网页、脚本、SVG 等会在网站上执行代码）。"
         f"允许的类型：{TYPES}。请把它移出内容目录。"),
        f"content/catalogue/扫描件.pdf:1:1: 文件: {UNATTACHED}{how.format('某份文件的附件', '扫描件.pdf')}",
        f"content/catalogue/fgwj/~$通知.docx:1:1: 文件: {lock}", f"content/catalogue/fgwj/~WRL0001.tmp:1:1: 文件: {lock}"])
    for rel in ("fgwj/通知.docx", "fgwj/旧通知.doc", "fgwj/报告.wps", "fgwj/files/表.xlsx", "扫描件.pdf", "fgwj/页面.html"):
        (root / "content/catalogue" / rel).unlink()
    (root / "content/catalogue/fgwj/~WRL0001.tmp").unlink()
    assert check(root) == (0, [f"content/catalogue/fgwj/~$通知.docx:1:1: 文件: {lock}"])


def test_the_files_beside_a_document_refused_for_its_own_problems_are_not_told_as_listed_by_none(tmp_path: Path) -> None:
    """A document whose front matter YAML cannot read names files nobody can know: its attachments
    were each told as listed by no document, beside the one problem to fix. Once it reads, a file
    it does not list is told."""
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: files/a.pdf, title: 附件", body="正文。\n"),
                              "catalogue/fgwj/files/a.pdf": b"%PDF", "catalogue/fgwj/files/b.pdf": b"%PDF"})
    code, lines = check(root)
    assert code == 1 and len(lines) == 1 and lines[0].startswith(f"{F}:") and "YAML" in lines[0], lines
    (root / "content" / DOC).write_text(doc("attachments:", "  - {file: files/a.pdf, title: 附件}"), encoding="utf-8")
    code, lines = check(root)
    assert code == 1 and len(lines) == 1 and lines[0].startswith(f"content/catalogue/fgwj/files/b.pdf:1:1: 文件: {UNATTACHED}")


def test_a_text_file_a_body_includes_is_used_not_told_as_listed_by_none(tmp_path: Path) -> None:
    """With pymdownx.snippets a body may include a text file of the catalogue folder (--8<--): its
    text is published in the page. The owners rule knew only attachments and links and told such a
    file as listed by no document, never published; a file no body includes still is."""
    root = project(tmp_path, {DOC: doc(body='正文。\n\n--8<-- "catalogue/fgwj/files/note.txt"\n\n--8<-- "catalogue/fgwj/part.html"\n'),
                              "catalogue/fgwj/files/note.txt": "片段文字\n", "catalogue/fgwj/part.html": "<p>片段</p>\n",
                              "catalogue/fgwj/files/old.txt": "旧片段\n"})
    # without the extension the --8<-- lines are text and include nothing
    code, lines = check(root)
    assert code == 1 and [line.split(":", 1)[0] for line in lines] == [
        "content/catalogue/fgwj/files/note.txt", "content/catalogue/fgwj/files/old.txt", "content/catalogue/fgwj/part.html"]
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("markdown_extensions:\n  - pymdownx.snippets: {base_path: [content]}\n")
    code, lines = check(root)
    assert code == 1 and len(lines) == 1 and lines[0].startswith(f"content/catalogue/fgwj/files/old.txt:1:1: 文件: {UNATTACHED}")
    (root / "content/catalogue/fgwj/files/old.txt").unlink()
    assert check(root) == (0, [])


def test_a_cached_body_including_a_document_held_back_since_is_refused(tmp_path: Path) -> None:
    """`gkml check` keeps each file's result and left a cached document's body unread: a published
    body including (--8<--) a document made 依申请公开 after the last check passed the pre-commit
    check, and only the build refused it."""
    root = project(tmp_path, {DOC: doc(body='正文。\n\n--8<-- "catalogue/fgwj/apply.md"\n'),
                              "catalogue/fgwj/apply.md": doc(index_no="002986620/202003-00013", body="申请人资料。\n")})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("markdown_extensions:\n  - pymdownx.snippets: {base_path: [content]}\n")
    assert check(root) == (0, [])
    apply = root / "content/catalogue/fgwj/apply.md"
    apply.write_text(apply.read_text(encoding="utf-8").replace("主动公开", "依申请公开"), encoding="utf-8")
    assert_problems(root, [(f"{F}:{EXTRA + 3}:1: 文件: 正文引入（--8<--）了不发布的文件 content/catalogue/fgwj/apply.md（依申请公开），"
                            "其内容会随本页发布。请删除这一行，把可以公开的文字直接写在正文中。")])


def test_a_missing_attachment_names_the_file_there_under_a_name_that_looks_the_same(tmp_path: Path) -> None:
    """report.pdf listed, Report.pdf saved (or `报告 .pdf`, a full-width `．pdf`): on Windows the
    names look the same and the check said only that the file was missing."""
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: files/report.pdf, title: 报告}",
                                       "  - {file: 报告.pdf, title: 报告二}", "  - {file: 方案.pdf, title: 方案}",
                                       body="见[数据](files/data.xlsx)。\n"),
                              "catalogue/fgwj/files/Report.pdf": b"%PDF", "catalogue/fgwj/报告 .pdf": b"%PDF",
                              "catalogue/fgwj/方案．pdf": b"%PDF", "catalogue/fgwj/files/Data.XLSX": b"PK"})
    missing = "附件文件不存在：{}（附件必须放在公开目录文件夹之内，可以在子文件夹中；网站上文件名区分大小写）"
    alike = "。文件夹中有名字看起来相同的文件：“{}”（{}；名字必须一字不差）。请把这里写的改为“{}”，或把文件改名为“{}”。"
    assert_problems(root, [
        (f"{F}:{EXTRA + 1}:12: 附件(attachments): {missing.format('files/report.pdf')}"
         f"{alike.format('files/Report.pdf', '大小写不同', 'files/Report.pdf', 'files/report.pdf')}"),
        f"{F}:{EXTRA + 2}:12: 附件(attachments): {missing.format('报告.pdf')}{alike.format('报告 .pdf', '空格不同', '报告 .pdf', '报告.pdf')}",
        (f"{F}:{EXTRA + 3}:12: 附件(attachments): {missing.format('方案.pdf')}"
         f"{alike.format('方案．pdf', '全角、半角字符不同', '方案．pdf', '方案.pdf')}"),
        (f"{F}:{EXTRA + 5}:2: 文件: 正文链接的文件不存在：files/data.xlsx（网站上文件名区分大小写）"
         f"{alike.format('files/Data.XLSX', '大小写不同', 'files/Data.XLSX', 'files/data.xlsx')}")])


def test_a_document_moved_without_its_files_or_a_file_renamed_in_explorer_names_the_file_left(tmp_path: Path) -> None:
    """x.md moved from fgwj to ghjh in Explorer, its files/ left behind; 报告.pdf copied to 报告 - 副本.pdf
    and the original deleted. The check said only that each file was missing, and the file left was
    not told at all: a document refused for any problem (a missing attachment) kept every file of its
    folder from being told. Now the missing file's message names the file left, once; a file beside
    a document refused for another problem than its front matter is told."""
    root = project(tmp_path, {"catalogue/ghjh/x.md": doc("attachments:", "  - {file: files/a.pdf, title: 附件}",
                                                         body="见[表](files/b.xlsx)。\n"),
                              "catalogue/fgwj/files/a.pdf": b"%PDF", "catalogue/fgwj/files/b.xlsx": b"PK",
                              "catalogue/fgwj/y.md": doc("attachments:", "  - {file: 报告.pdf, title: 报告}",
                                                         index_no="002986620/202003-00013"),
                              "catalogue/fgwj/报告 - 副本.pdf": b"%PDF",
                              "catalogue/fgwj/z.md": doc(index_no="002986620/202003-00014", created="2020/3/2"),
                              "catalogue/fgwj/通知(1).docx": b"PK"})
    missing = "附件文件不存在：{}（附件必须放在公开目录文件夹之内，可以在子文件夹中；网站上文件名区分大小写）"
    left = "。公开目录文件夹中有没有列为任何文件附件的文件：“content/catalogue/{}”。"
    moved = "是移动文件时附件没有一起移动吗？如果就是它，请把它移到 content/catalogue/ghjh/files/{}。"
    code, lines = check(root)
    assert code == 1 and lines[:2] + lines[3:] == [
        (f"content/catalogue/fgwj/y.md:{EXTRA + 1}:12: 附件(attachments): {missing.format('报告.pdf')}"
         f"{left.format('fgwj/报告 - 副本.pdf')}如果就是它，请把这里写的改为“报告 - 副本.pdf”，或把文件改名为“报告.pdf”。"),
        "content/catalogue/fgwj/z.md:6:10: 生成日期(created): 日期格式应为 YYYY-MM-DD，现在是“2020/3/2”。应写作：2020-03-02",
        (f"content/catalogue/ghjh/x.md:{EXTRA + 1}:12: 附件(attachments): {missing.format('files/a.pdf')}"
         f"{left.format('fgwj/files/a.pdf')}{moved.format('a.pdf')}"),
        (f"content/catalogue/ghjh/x.md:{EXTRA + 3}:2: 文件: 正文链接的文件不存在：files/b.xlsx（网站上文件名区分大小写）"
         f"{left.format('fgwj/files/b.xlsx')}{moved.format('b.xlsx')}")], lines
    assert lines[2].startswith(f"content/catalogue/fgwj/通知(1).docx:1:1: 文件: {UNATTACHED}"), lines


def test_a_path_written_as_an_attachment_item_is_not_told_again_as_listed_by_none(tmp_path: Path) -> None:
    """`attachments: [files/a.pdf]` or `attachments: files/a.pdf`: the file is told with that slip, not
    also as a stray file, now that a document refused for such a slip no longer keeps its folder's
    files from being told."""
    root = project(tmp_path, {DOC: doc("attachments: [files/a.pdf]"), "catalogue/fgwj/files/a.pdf": b"%PDF",
                              "catalogue/fgwj/y.md": doc("attachments: files/b.pdf", index_no="002986620/202003-00013"),
                              "catalogue/fgwj/files/b.pdf": b"%PDF"})
    assert_problems(root, [
        f"{F}:{EXTRA}:15: 附件(attachments): 每个附件应写成 {{file: 文件路径, title: 附件名称}}。",
        f"content/catalogue/fgwj/y.md:{EXTRA}:14: 附件(attachments): 附件应是列表，每项写 file（文件路径）和 title（附件名称）。"])


def test_names_windows_cannot_hold_or_tell_apart_are_located_errors(tmp_path: Path) -> None:
    """Saved on Linux or a Mac, checked out by a colleague on Windows: a file there is lost or refused."""
    root = project(tmp_path, {
        DOC: doc("attachments:", "  - {file: aux.pdf, title: 一}", "  - {file: 'files/附件:1.pdf', title: 二}"),
        "catalogue/fgwj/X.md": doc(index_no="002986620/202003-00013"),
        "catalogue/fgwj/aux.pdf": b"%PDF", "catalogue/fgwj/files/附件:1.pdf": b"%PDF",
        "catalogue/CON/a.md.": "x", "catalogue/fgwj/说明 .txt ": "x"})
    assert_problems(root, [
        ("content/catalogue/CON:1:1: 文件: “CON”在 Windows 上不能用作文件名（CON 是 Windows 的保留名），Windows 电脑上取不到它，"
        "离线查阅副本在 Windows 上也打不开。请改名，例如 CON-1。"),
        "content/catalogue/CON/a.md.:1:1: 文件: “a.md.”以点结尾，Windows 会去掉结尾的点，在 Windows 电脑上取不到这个文件。请删去结尾的点。",
        ("content/catalogue/fgwj/aux.pdf:1:1: 文件: “aux.pdf”在 Windows 上不能用作文件名（aux 是 Windows 的保留名），"
        "Windows 电脑上取不到它，离线查阅副本在 Windows 上也打不开。请改名，例如 aux-1.pdf。"),
        ("content/catalogue/fgwj/files/附件:1.pdf:1:1: 文件: “附件:1.pdf”中有 Windows 文件名不能使用的字符“:”，"
        "Windows 电脑上取不到这个文件。请改名（删去或换成全角字符）。"),
        (f"{F}:1:1: 文件: “x.md”与同一文件夹中的“X.md”只是大小写不同。Windows 不区分大小写，在 Windows 电脑上两者会变成一个文件，"
        "其中一个会丢失。请给其中一个改名。"),
        ("content/catalogue/fgwj/说明 .txt :1:1: 文件: “说明 .txt ”以空格结尾，Windows 会去掉结尾的空格，在 Windows 电脑上取不到这个文件。"
        "请删去结尾的空格。")])


def test_a_path_windows_cannot_hold_by_its_length_is_a_located_error(tmp_path: Path) -> None:
    """Saved on Linux (or on Windows with long paths on), a path past 260 characters is not checked
    out on a colleague's Windows computer (git: Filename too long), and Word cannot open it."""
    folder = "catalogue/fgwj/" + "/".join(["关于印发安徽省安全生产委员会成员单位安全生产工作职责的通知附件材料汇编"] * 6)
    root = project(tmp_path, {DOC: doc("attachments:", f"  - {{file: {folder[15:]}/表.pdf, title: 表}}"),
                              f"{folder}/表.pdf": b"%PDF"})
    path = f"{folder}/表.pdf"
    assert_problems(root, [(
        f"content/{path}:1:1: 文件: 路径太长：从内容文件夹算起有 {len(path)} 个字符。Windows 上文件的完整路径（连同 D:\\gkml\\content\\ "
        "这样的仓库文件夹）最多 260 个字符，超过时 Windows 电脑上 git 取不到这个文件，Word、资源管理器也打不开。"
        "请把文件名或文件夹名改短，使这里的路径不超过 200 个字符。")])


def test_a_name_the_linux_server_cannot_hold_is_told_before_it_is_pushed() -> None:
    """Windows holds a name of 255 characters; the Linux server that builds the site, 255 bytes:
    a 90-character Chinese name saved on Windows passed gkml check there and broke the server's checkout."""
    from gkml.content.filenames import name_problems

    name = "关于" + "安徽省安全生产委员会成员单位安全生产工作职责" * 4 + "的通知.pdf"
    assert [(p.path, p.message) for p in name_problems(["catalogue/fgwj/x.md", f"catalogue/fgwj/{name}"])] == [
        (f"catalogue/fgwj/{name}", (f"“{name}”太长：文件名有 {len(name.encode())} 个字节（UTF-8），服务器（Linux）和 git 上"
                                    "一个文件名最多 255 个字节（约 85 个汉字），服务器上取不到这个文件，网站无法生成。请把它改短。"))]


def test_the_one_pass_over_every_name_misses_no_name_the_name_by_name_check_refuses() -> None:
    """gkml check looks at every name of the docs folder on every commit: a tree with nothing to
    say is cleared in one pass (filenames._all_clear); it must never clear what a name would fail."""
    import random

    from gkml.content import filenames

    parts = ["a", "A", "b", ".", " ", "CON", "con", "aux", "COM1", "LPT¹", ":", "?", "x.pdf", "名", "_", "NUL.txt", "\t", "\n"]
    chance = random.Random(3)
    for _ in range(3000):
        paths = sorted({"/".join("".join(chance.choice(parts) for _ in range(chance.randint(1, 3)))
                                 for _ in range(chance.randint(1, 3))) for _ in range(chance.randint(1, 4))})
        if filenames._all_clear(paths):
            assert filenames._name_by_name(paths) == [], paths



def test_a_tree_whose_names_windows_can_all_hold_is_cleared_in_the_one_pass() -> None:
    """The one pass joined the names by newlines, a control character it looks for in a name: no
    tree of two files or more was ever cleared, and every check of 10,000 files went name by name."""
    from gkml.content import filenames

    paths = [f"catalogue/{folder}/2024{number:02}-0000{number}.md" for folder in ("fgwj", "tjxx") for number in range(1, 9)]
    assert filenames._all_clear([*paths, "pages/gkzn.md", "catalogue/fgwj/files/通知 附件.pdf"])


def test_a_folder_and_a_file_beside_it_that_differ_only_in_case_are_told(tmp_path: Path) -> None:
    """The one pass set files against files and folders against folders, never a folder against the
    file beside it: on Windows 通知.PDF/ and 通知.pdf are one name, and one of them is lost."""
    root = project(tmp_path, {DOC: doc("attachments: [{file: 通知.pdf, title: 通知}, {file: 通知.PDF/附表.pdf, title: 附表}]"),
                              "catalogue/fgwj/通知.pdf": b"%PDF", "catalogue/fgwj/通知.PDF/附表.pdf": b"%PDF"})
    assert_problems(root, [("content/catalogue/fgwj/通知.pdf:1:1: 文件: “通知.pdf”与同一文件夹中的“通知.PDF”只是大小写不同。"
                            "Windows 不区分大小写，在 Windows 电脑上两者会变成一个文件，其中一个会丢失。请给其中一个改名。")])

def test_an_attachment_outside_the_catalogue_folder_is_not_attachable(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: ../../pages/a.pdf, title: 附件}"), "pages/a.pdf": b"%PDF"})
    assert_problems(root, [(f"{F}:{EXTRA + 1}:12: 附件(attachments): 附件文件不存在：../../pages/a.pdf"
                           "（附件必须放在公开目录文件夹之内，可以在子文件夹中；网站上文件名区分大小写）")])


def test_a_held_back_documents_attachment_cannot_be_published_by_another(tmp_path: Path) -> None:
    root = project(tmp_path, {
        "catalogue/fgwj/public.md": doc("attachments:", "  - {file: files/s.pdf, title: 附件}"),
        "catalogue/fgwj/apply.md": doc("attachments:", "  - {file: files/s.pdf, title: 附件}",
                                       index_no="002986620/202003-00013", disclosure="依申请公开"),
        "catalogue/fgwj/files/s.pdf": b"%PDF",
    })
    assert_problems(root, [
        (f"content/catalogue/fgwj/public.md:{EXTRA}:1: 附件(attachments): 附件 content/catalogue/fgwj/files/s.pdf 也是暂不发布的文件 "
        "content/catalogue/fgwj/apply.md（依申请公开）的附件，不能随本文件发布。确认这个附件可以公开后，请另存一份放在本文件自己的附件文件夹中。")])


def test_a_reference_to_a_held_back_document_names_both_files(tmp_path: Path) -> None:
    root = project(tmp_path, {
        "catalogue/fgwj/public.md": doc("superseded_by: 002986620/202003-00013", "validity: 已修订"),
        "catalogue/fgwj/exempt.md": doc("exemption: 《条例》第十四条", index_no="002986620/202003-00013", disclosure="不予公开"),
    })
    assert_problems(root, [
        (f"content/catalogue/fgwj/public.md:{EXTRA}:1: 替代文件(superseded_by): 替代文件 002986620/202003-00013 是暂不发布的文件 "
        "content/catalogue/fgwj/exempt.md（不予公开），已发布的文件不能引用它（页面和数据中会出现它的索引号）。请删除这一项，或在该文件发布后再填写。")])


def test_a_replacement_not_published_whenever_the_replaced_one_is_is_refused(tmp_path: Path) -> None:
    """A 替代文件 an embargoed document names that is still held back when that document is
    published (依申请公开, or embargoed until later) is refused; one withdrawn (its link leads to a
    withdrawal notice) is told."""
    replaced = "validity: 废止"
    root = project(tmp_path, {
        "catalogue/fgwj/old.md": doc("superseded_by: 002986620/202003-00093", replaced, title="被替代的旧办法甲"),
        "catalogue/fgwj/gone.md": doc("withdrawn: {date: 2021-01-01, reason: 内容有误}", index_no="002986620/202003-00093",
                                      title="已撤回的新办法甲"),
        "catalogue/fgwj/soon.md": doc("superseded_by: 002986620/202003-00094", replaced, index_no="002986620/202003-00095",
                                      published="2098-01-01 09:00", title="将发布的旧办法乙"),
        "catalogue/fgwj/apply.md": doc(index_no="002986620/202003-00094", disclosure="依申请公开", title="依申请的新办法乙"),
        "catalogue/fgwj/sooner.md": doc("superseded_by: 002986620/202003-00096", replaced, index_no="002986620/202003-00097",
                                        published="2098-01-01 09:00", title="将发布的旧办法丙"),
        "catalogue/fgwj/later.md": doc(index_no="002986620/202003-00096", published="2099-01-01 09:00", title="更晚发布的新办法丙"),
        # withdrawn together, or published no later than the embargoed one: both hold
        "catalogue/fgwj/old2.md": doc("superseded_by: 002986620/202003-00093", replaced, "withdrawn: {date: 2021-01-01, reason: 错}",
                                      index_no="002986620/202003-00098", title="同时撤回的旧办法丁"),
        "catalogue/fgwj/last.md": doc("superseded_by: 002986620/202003-00097", replaced, index_no="002986620/202003-00099",
                                      published="2099-06-01 09:00", title="最后发布的旧办法戊"),
    })
    at = "content/catalogue/fgwj/"
    tail = "页面和数据中会出现它的索引号。请删除这一项，或在该文件发布后再填写。"
    code, lines = check(root)
    # the embargoes till 2098 and 2099 are each told as a 发布日期 years ahead (a notice)
    far = [line for line in lines if "发布日期(published): 发布日期 209" in line and "距今天" in line]
    assert [line.split(":")[0] for line in far] == [f"{at}{name}.md" for name in ("last", "later", "soon", "sooner")]
    assert (code, [line for line in lines if line not in far]) == (1, [
        (f"{at}soon.md:{EXTRA}:1: 替代文件(superseded_by): 替代文件 002986620/202003-00094 是文件 {at}apply.md，"
        f"本文件 2098-01-01 09:00 发布时它仍不发布（依申请公开），{tail}"),
        (f"{at}sooner.md:{EXTRA}:1: 替代文件(superseded_by): 替代文件 002986620/202003-00096 是文件 {at}later.md，"
        f"本文件 2098-01-01 09:00 发布时它仍不发布（未到发布时间），{tail}"),
        # a notice, after the errors: a withdrawn one was published: nothing is revealed, and the contract asks only that it be in the catalogue
        (f"{at}old.md:{EXTRA}:1: 替代文件(superseded_by): 替代文件 002986620/202003-00093（{at}gone.md）已于 2021-01-01 撤回，"
        "不再公开发布，本文件页面上的链接会通向它的撤回说明：请改为现在有效的那份文件的索引号，或删除这一项。"),
    ])


def test_every_body_link_that_would_name_a_held_back_file_is_located(tmp_path: Path) -> None:
    """A link in raw HTML, a link whose text runs over a line break or holds brackets, and an
    <a> tag broken over lines passed the check and put the held-back file's name on the page."""
    body = ('见<img src="files/s.pdf" alt="图">和<a title="x"\nhref="apply.md">办法</a>。\n'
            "见[甲\n乙](files/s.pdf)，[第 [1] 号](files/s.pdf)。\n\n[参考]:\n  files/s.pdf\n")
    guide = '# 指南\n\n见[甲\n乙](../catalogue/fgwj/files/s.pdf)和<a\nhref="../catalogue/fgwj/apply.md">办法</a>。\n'
    root = project(tmp_path, {
        "catalogue/fgwj/public.md": doc(body=body),
        "catalogue/fgwj/apply.md": doc("attachments:", "  - {file: files/s.pdf, title: 附件}",
                                       index_no="002986620/202003-00013", disclosure="依申请公开"),
        "catalogue/fgwj/files/s.pdf": b"%PDF",
        "pages/gkzn.md": guide,
    })
    (root / "mkdocs.yml").write_text(COMMANDS_YML + "      guide_pages: {公开指南: pages/gkzn.md}\n", encoding="utf-8")
    not_attached = ("正文链接的文件 files/s.pdf 没有列入附件，网站上不会有这个文件。"
                    "请在属性区 attachments 中加上一项 {file: files/s.pdf, title: 附件名称}。")
    linked = "页面链接的文件 ../catalogue/fgwj/{} 不会发布（content/catalogue/fgwj/{}：依申请公开），它的名称也不能出现在网站上。" \
             "请删除这个链接；供下载的文件请放在页面自己的文件夹中。"
    at = "content/catalogue/fgwj/public.md"
    assert_problems(root, [
        f"{at}:{EXTRA + 1}:2: 文件: {not_attached}",
        (f"{at}:{EXTRA + 1}:34: 文件: 正文不能链接公开目录中的源文件：apply.md。文件之间的关系请在属性区填写"
         "（superseded_by 替代文件、interprets 解读对象）；正文中请写出文件名称和文号。"),
        f"{at}:{EXTRA + 3}:2: 文件: {not_attached}",
        f"{at}:{EXTRA + 4}:17: 文件: {not_attached}",
        f"{at}:{EXTRA + 6}:1: 文件: {not_attached}",
        "content/pages/gkzn.md:3:2: 文件: " + linked.format("files/s.pdf", "files/s.pdf"),
        "content/pages/gkzn.md:4:35: 文件: " + linked.format("apply.md", "apply.md"),
    ])


def test_a_link_is_judged_by_the_address_a_browser_reads(tmp_path: Path) -> None:
    """A browser drops the spaces around an address and the line breaks in it: href=" ../x.md"
    passed the check, and a line break (written or as &#x0a;) named the wrong reason over two lines."""
    root = project(tmp_path, {
        "catalogue/fgwj/public.md": doc(),
        "catalogue/fgwj/apply.md": doc("attachments:", "  - {file: files/s.pdf, title: 附件}",
                                       index_no="002986620/202003-00013", disclosure="依申请公开"),
        "catalogue/fgwj/files/s.pdf": b"%PDF",
        "pages/gkzn.md": ('# 指南\n\n<a href=" ../catalogue/fgwj/apply.md">甲</a>'
                          '<a href="../catalogue/fgwj/files/&#x0a;s.pdf">乙</a><img src="../catalogue/fgwj/files/\ns.pdf">\n'),
    })
    (root / "mkdocs.yml").write_text(COMMANDS_YML + "      guide_pages: {公开指南: pages/gkzn.md}\n", encoding="utf-8")
    linked = "页面链接的文件 ../catalogue/fgwj/{} 不会发布（content/catalogue/fgwj/{}：依申请公开），它的名称也不能出现在网站上。" \
             "请删除这个链接；供下载的文件请放在页面自己的文件夹中。"
    assert_problems(root, ["content/pages/gkzn.md:3:1: 文件: " + linked.format("apply.md", "apply.md"),
                           "content/pages/gkzn.md:3:44: 文件: " + linked.format("files/s.pdf", "files/s.pdf"),
                           "content/pages/gkzn.md:3:95: 文件: " + linked.format("files/s.pdf", "files/s.pdf")])


def test_a_link_to_a_held_back_file_in_another_letter_case_is_located_wherever_it_is_written(tmp_path: Path) -> None:
    """/gkml/CATALOGUE/… and CATALOGUE/… passed the check on a case-sensitive disk (a build on Windows
    refused them): the page named the held-back file, which a server on Windows serves in any case."""
    body = "见[名单](/gkml/CATALOGUE/fgwj/files/s.pdf)。\n"
    guide = "# 指南\n\n见[甲](CATALOGUE/fgwj/files/s.pdf)和[乙](/xxgk/Catalogue/fgwj/apply.md)。\n"
    root = project(tmp_path, {
        "catalogue/fgwj/public.md": doc(body=body, title="大小写链接甲", index_no="002986620/202003-00931"),
        "catalogue/fgwj/apply.md": doc("attachments:", "  - {file: files/s.pdf, title: 附件}", title="大小写链接乙",
                                       index_no="002986620/202003-00932", disclosure="依申请公开"),
        "catalogue/fgwj/files/s.pdf": b"%PDF",
        "guide.md": guide,
    })
    (root / "mkdocs.yml").write_text(COMMANDS_YML + "      guide_pages: {公开指南: guide.md}\n", encoding="utf-8")
    linked = "页面链接的文件 {} 不会发布（content/{}：{}），它的名称也不能出现在网站上。请删除这个链接；供下载的文件请放在页面自己的文件夹中。"
    assert_problems(root, [
        ("content/catalogue/fgwj/public.md:" f"{EXTRA + 1}" ":2: 文件: 正文中以 / 开头的地址 /gkml/CATALOGUE/fgwj/files/s.pdf "
         "指向内容目录中的源文件（只是大小写不同）：网页上会出现源文件的路径和名称，用 Windows 服务器的网站还会按它找文件。"
         "请删除这个链接；附件请列入属性区 attachments，再用相对于本文件、大小写一字不差的路径链接。"),
        "content/guide.md:3:2: 文件: " + linked.format(
            "CATALOGUE/fgwj/files/s.pdf", "CATALOGUE/fgwj/files/s.pdf",
            "与 content/catalogue/fgwj/files/s.pdf 只是大小写不同，网站上文件名区分大小写"),
        "content/guide.md:3:34: 文件: " + linked.format(
            "/xxgk/Catalogue/fgwj/apply.md", "Catalogue/fgwj/apply.md", "以 / 开头的地址不会换成发布后的网址，请写相对于本页面的路径"),
    ])


def test_a_guide_pages_backslashed_link_is_refused_by_the_check_as_by_the_build(tmp_path: Path) -> None:
    """MkDocs makes no link written with Windows' "\\" the file's address: the build refused the page
    as naming a file it does not publish, while the check passed it."""
    root = project(tmp_path, {
        "catalogue/fgwj/a.md": doc(title="反斜杠指南链接", index_no="002986620/202003-00933"),
        "files/表.pdf": b"%PDF",
        "guide.md": '# 指南\n\n[表格](files\\表.pdf)\n\n<a href="files\\表.pdf">表</a> [网页](https://example.org/a\\b)\n',
    })
    (root / "mkdocs.yml").write_text(COMMANDS_YML + "      guide_pages: {公开指南: guide.md}\n", encoding="utf-8")
    said = "文件: 页面链接的路径“files\\表.pdf”无效：路径中的“\\”是 Windows 的写法，网站上要用“/”，请改为：files/表.pdf。"
    assert_problems(root, [f"content/guide.md:3:1: {said}", f"content/guide.md:5:1: {said}"])


def test_a_download_name_the_sanitiser_drops_is_told_located(tmp_path: Path) -> None:
    """download="x.pdf.hta" was dropped from the page without a word: the editor never learned the
    name was not kept (nor that it was a program's). One with the file's extension, or none, is fine."""
    body = ('<a href="x.pdf" download="x.pdf.hta">甲</a> <a href="x.pdf" download="报告.PDF">乙</a>\n'
            "<A HREF=x.pdf DOWNLOAD='a&#46;hta'>丙</A> <a href=\"x.pdf\" download>丁</a>\n"
            '[戊](x.pdf){ download="戊.exe" } [己](x.pdf){: download=己.pdf }\n')
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: x.pdf, title: 附件}", body=body,
                                       title="下载文件名", index_no="002986620/202003-00934"),
                              "catalogue/fgwj/x.pdf": b"%PDF"})
    said = ("与所链接文件的类型不同，网站会去掉这个文件名（另存为别的类型的文件，如 .hta、.exe，在 Windows 上会被当作程序运行）。"
            "请删除 download，或改为与所链接文件扩展名相同的名称。")
    assert_problems(root, [f'{F}:{EXTRA + 3}:1: 文件: 正文链接的下载文件名 download="x.pdf.hta" {said}',
                           f'{F}:{EXTRA + 4}:1: 文件: 正文链接的下载文件名 download="a.hta" {said}',
                           f'{F}:{EXTRA + 5}:3: 文件: 正文链接的下载文件名 download="戊.exe" {said}'])


# --- 7. slugs, digits, one-line fields -------------------------------------------------


def test_keywords_differing_only_in_case_are_a_located_error(tmp_path: Path) -> None:
    root = project(tmp_path, {"catalogue/fgwj/a.md": doc("keywords: [ABC]"),
                              "catalogue/fgwj/b.md": doc("keywords: [abc]", index_no="002986620/202003-00013")})
    assert_problems(root, [(f"content/catalogue/fgwj/b.md:{EXTRA}:1: 主题词(keywords): “abc”与content/catalogue/fgwj/a.md中的“ABC”"
                           "只有大小写不同，会用同一个网址 keyword/abc/，其中一个分类页会覆盖另一个。请统一写法。")])


def test_one_file_listed_twice_is_a_located_error(tmp_path: Path) -> None:
    """Two files of one name in two folders are two attachments (published side by side under two
    names, tests/build/test_contract_corpus.py); one file listed twice is a slip."""
    root = project(tmp_path, {DOC: doc("attachments:", "  - {file: a/report.pdf, title: 一}", "  - {file: ./a/report.pdf, title: 二}"),
                              "catalogue/fgwj/a/report.pdf": b"%PDF"})
    assert_problems(root, [f"{F}:{EXTRA + 2}:12: 附件(attachments): 附件“./a/report.pdf”已在第 {EXTRA + 1} 行列出，请删除重复的一项。"])


@pytest.mark.parametrize(("value", "slip"), [
    ("002986620/202003-0010", "序号“0010”应为五位数字（0–9），不足五位时前面补 0，例如 00015。"),
    ("002986620/202003", "缺少五位序号：年月后面应是“-”和五位序号，例如 -00015。"),
    ("002986620202003-00011", "机构代码后面缺少“/”。"),  # 002986620-202003-00011: its address, fixed
    ("00298662/202003-00011", "机构代码“00298662”应为 9 位组织机构代码或 18 位统一社会信用代码（数字和大写字母）。"),
    ("002986620/20203-00011", "“/”后面的“20203”应为年份（4 位）或年月（6 位），例如 2010 或 201012。"),
])
def test_an_index_number_with_a_part_missing_or_short_names_the_part(tmp_path: Path, value: str, slip: str) -> None:
    root = project(tmp_path, {DOC: doc(index_no=value)})
    assert_problems(root, [(f"{F}:3:11: 索引号(index_no): 索引号格式应为 机构代码/年月-五位序号，例如 002986620/201012-00015，"
                           f"现在是“{value}”。{slip}")])


@pytest.mark.parametrize(("value", "message"), [
    ("002986620/201012-０００１５", "索引号中有全角字符或空格，应写作：002986620/201012-00015"),
    ("002986620/201012-٠٠٠١٥", ("索引号格式应为 机构代码/年月-五位序号，例如 002986620/201012-00015，现在是“002986620/201012-٠٠٠١٥”。"
                                "序号“٠٠٠١٥”应为五位数字（0–9），不足五位时前面补 0，例如 00015。")),
])
def test_index_numbers_take_ascii_digits_only(tmp_path: Path, value: str, message: str) -> None:
    root = project(tmp_path, {DOC: doc(index_no=value)})
    assert_problems(root, [f"{F}:3:11: 索引号(index_no): {message}"])


def test_dates_take_ascii_digits_only(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: doc(created="٢٠٢٠-٠٣-٠٢")})
    code, lines = check(root)
    # refused as written; the correction `gkml fix` can apply is named
    assert code == 1 and lines[0] == f"{F}:6:10: 生成日期(created): 日期格式应为 YYYY-MM-DD，现在是“٢٠٢٠-٠٣-٠٢”。应写作：2020-03-02"


@pytest.mark.parametrize(("char", "name"), [("\u2028", "行分隔符 U+2028"), ("\u2029", "段分隔符 U+2029"), ("\r", "回车符 \\r"),
                                            ("\x0b", "垂直制表符 \\x0b"), ("\x0c", "换页符 \\x0c"), ("\x85", "换行符 U+0085"),
                                            ("\x1b", "控制字符 U+001B")])
def test_separators_and_control_characters_in_front_matter(tmp_path: Path, char: str, name: str) -> None:
    root = project(tmp_path, {DOC: doc(title=f"关于{char}通知")})
    assert_problems(root, [f"{F}:2:10: 文件: 属性区中有看不见的{name}（常见于从 Word 或网页复制的文字）。请删除它，每个属性只写在一行内。"])



@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2068", "\u200f", "\u061c"])
def test_bidirectional_controls_in_one_line_fields(tmp_path: Path, char: str) -> None:
    """An override shows nothing and turns the text after it around: 关于{U+202E}知通fdp.exe reads as
    another name than the one the catalogue holds."""
    root = project(tmp_path, {DOC: doc(f'keywords: ["安全{char}生产"]', title=f"关于{char}知通fdp.exe")})
    code = f"U+{ord(char):04X}"
    assert_problems(root, [f"{F}:2:8: 名称(title): 含有不可见字符或特殊空格（{code}），应写作：关于知通fdp.exe",
                           f"{F}:{EXTRA}:12: 主题词(keywords): 含有不可见字符或特殊空格（{code}），应写作：安全生产"])


@pytest.mark.parametrize("char", ["\u202e", "\u2067"])
def test_bidirectional_controls_in_a_summary(tmp_path: Path, char: str) -> None:
    """A 内容概述 may hold line breaks, so the one-line fields' check passed it by: 罚款{U+202E}元0005
    went into catalogue.json, the CSV and the feeds turned around, and the portal, which refuses a
    record holding one, refused the agency's whole site."""
    root = project(tmp_path, {DOC: doc(summary=f'"罚款{char}元0005"')})
    code = f"U+{ord(char):04X}"
    told = (f"{F}:{EXTRA}:10: 内容概述(summary): 内容概述中有看不见的双向文字控制符（{code}），它会让后面的文字"
            "（如文号、金额）倒过来显示，与文件中的文字不同。请删除它，删除后请核对文字的先后，应写作：罚款元0005")
    assert_problems(root, [told])


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069"])
def test_bidirectional_controls_in_a_body_are_located(tmp_path: Path, char: str) -> None:
    """In a body too: 文号皖应急〔2020〕{U+202E}21号 showed 号12 on the page and in its 内容概述, a sum
    of money another sum, while the file (and search, and a copy) held the other. An editor cannot
    see it to delete it: gkml fix does (in code blocks too), and the page shows what the file holds."""
    root = project(tmp_path, {DOC: doc(body=f"正文。\n\n文号：皖应急〔2020〕{char}21号，金额 1{char}00 元。\n\n```\nx{char}y\n```\n")})
    code = f"U+{ord(char):04X}"
    told = (f"正文这里有一个看不见的双向文字控制符 {code}，它会让后面的文字（如文号、金额）在网页上倒过来显示，"
            "与文件中的文字不同。可运行 gkml fix 删除它；删除后这一行按文件中文字的实际先后显示，请核对。")
    assert_problems(root, [f"{F}:{EXTRA + 3}:13: 文件: {told}", f"{F}:{EXTRA + 3}:22: 文件: {told}",
                           f"{F}:{EXTRA + 6}:2: 文件: {told}"])
    fixed = subprocess.run([sys.executable, "-m", "gkml.cli", "fix"], cwd=root, capture_output=True, text=True,
                           encoding="utf-8", timeout=HANG_GUARD, check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (root / "content" / DOC).read_text(encoding="utf-8") == doc(
        body="正文。\n\n文号：皖应急〔2020〕21号，金额 100 元。\n\n```\nxy\n```\n")
    assert check(root) == (0, [])


@pytest.mark.parametrize(("line", "col", "where", "message"), [
    ('title: "关于\\u2028通知"', 8, "名称(title)", "名称中有看不见的行分隔符 U+2028（常见于从 Word 或网页复制的文字），请删除。"),
    ('title: "关于\\x0b通知"', 8, "名称(title)", "名称中有看不见的垂直制表符 \\x0b（常见于从 Word 或网页复制的文字），请删除。"),
    ('title: "关于\\t通知"', 8, "名称(title)", "名称中有看不见的制表符 Tab（常见于从 Word 或网页复制的文字），请删除。"),
    ('publisher: "安徽省\\n应急管理厅"', 12, "发布机构(publisher)", "发布机构只能写一行。"),
    ('doc_no: "皖应急\\u2029〔2020〕1号"', 9, "文号(doc_no)", "文号中有看不见的段分隔符 U+2029（常见于从 Word 或网页复制的文字），请删除。"),
])
def test_escaped_separators_in_one_line_fields(tmp_path: Path, line: str, col: int, where: str, message: str) -> None:
    key = line.split(":", 1)[0]
    root = project(tmp_path, {DOC: doc(line, drop=(key,))})
    assert_problems(root, [f"{F}:{EXTRA - 1 if key in BASE else EXTRA}:{col}: {where}: {message}"])


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d\\ude00"])
def test_a_surrogate_escape_is_told_as_what_it_is(tmp_path: Path, escape: str) -> None:
    """YAML reads no UTF-16 half ("\\ud800", JSON's "\\ud83d\\ude00" for 😀): the check said only that
    the line could not be parsed and to look at its quotes and brackets, which were right."""
    root = project(tmp_path, {DOC: doc(f'title: "关于{escape}通知"', drop=("title",))})
    assert_problems(root, [(f"{F}:{EXTRA - 1}:13: 文件: 属性区 YAML 格式错误：双引号中的 \\u 转义不是一个字符"
                           "（\\ud800–\\udfff 是 UTF-16 代理项）。请直接写出这个字符，或写成 \\U 加 8 位十六进制，例如 \\U0001F600")])


def test_list_items_and_attachment_titles_are_one_line(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: doc('keywords: ["a\\nb"]', "attachments:", '  - {file: a.pdf, title: "附\\u2028件"}'),
                              "catalogue/fgwj/a.pdf": b"%PDF"})
    assert_problems(root, [f"{F}:{EXTRA}:12: 主题词(keywords): 主题词的每一项只能写一行。",
                           (f"{F}:{EXTRA + 2}:26: 附件(attachments): 附件的 title（附件名称）中有看不见的行分隔符 U+2028"
                            "（常见于从 Word 或网页复制的文字），请删除。")])


def test_a_list_or_mapping_inside_a_field_is_told_by_the_part_it_is(tmp_path: Path) -> None:
    """A list or mapping where a field's item or part should be text (keywords: [[甲]], an
    attachment's file: [a.pdf], a withdrawal's date: [2025-06-01]) was told '附件应是一段文字，
    不是列表或映射' beside the rule that 附件 is a list: the message names the part."""
    root = project(tmp_path, {DOC: doc("keywords: [[甲], {乙: 丙}]", "attachments: [{file: [a.pdf], title: {x: y}}]",
                                       "withdrawn: {date: [2025-06-01], reason: [已废止]}")})
    assert_problems(root, [f"{F}:{EXTRA}:12: 主题词(keywords): 主题词的每一项应是一段文字，不是列表或映射。",
                           f"{F}:{EXTRA}:17: 主题词(keywords): 主题词的每一项应是一段文字，不是列表或映射。",
                           f"{F}:{EXTRA + 1}:22: 附件(attachments): 附件的 file（文件路径）应是一段文字，不是列表或映射。",
                           f"{F}:{EXTRA + 1}:38: 附件(attachments): 附件的 title（附件名称）应是一段文字，不是列表或映射。",
                           f"{F}:{EXTRA + 2}:19: 撤回(withdrawn): 撤回的 date（撤回日期）应是一段文字，不是列表或映射。",
                           f"{F}:{EXTRA + 2}:41: 撤回(withdrawn): 撤回的 reason（撤回理由）应是一段文字，不是列表或映射。"])


def test_a_value_quoted_in_a_message_cannot_write_a_problem_line_of_its_own(tmp_path: Path) -> None:
    """A message that quotes what was written (a 草稿 or 年报年度 that is no value of its type, an
    unknown key) quoted a block scalar's line breaks as they were: the output held a line
    `content/…/fake.md:1:1: …` naming a file that does not exist, which editors' tools jump to."""
    fake = "content/catalogue/fgwj/fake.md:1:1: 名称(title): 伪造"
    block = f"|\n  x\n  {fake}"
    root = project(tmp_path, {DOC: doc(f"draft: {block}", f"report_year: {block}", f"? {block}\n: v")})
    code, lines = check(root)
    assert code == 1 and not [line for line in lines if line.startswith("content/catalogue/fgwj/fake.md")], lines
    escaped = f"“x\\n{fake}\\n”"
    assert f"{F}:{EXTRA}:8: 草稿(draft): 草稿只能写 true 或 false，现在是{escaped}。" in lines
    assert f"{F}:{EXTRA + 3}:14: 年报年度(report_year): 年报年度应是用阿拉伯数字写的整数（例如 2010），现在是{escaped}。" in lines
    assert f"{F}:{EXTRA + 6}:3: 未知字段(x\\n{fake}\\n): 不认识的字段{escaped}。" in lines


def test_a_name_quoted_in_a_message_cannot_turn_the_line_around(tmp_path: Path) -> None:
    """An unknown key holding a right-to-left override (U+202E) or mark was quoted as typed: the
    terminal showed the rest of the problem's line, its file and message, reversed."""
    root = project(tmp_path, {DOC: doc('"pub\\u202elisher\\u200f": x')})
    code, lines = check(root)
    assert code == 1 and not [line for line in lines if UNSEEN.search(line) or "\u200f" in line], lines
    assert f"{F}:{EXTRA}:1: 未知字段(pub\\u202elisher\\u200f): 不认识的字段“pub\\u202elisher\\u200f”" in "\n".join(lines), lines


def test_the_ledger_writer_refuses_line_breaks_and_the_reader_splits_on_newlines_only(tmp_path: Path) -> None:
    with pytest.raises(LedgerError):
        format_ledger([LedgerEntry("002986620/202003-00012", "2020-03-05", "标题\u2028002986620/202003-09999 2020-03-05 伪造", 0)])
    with pytest.raises(LedgerError):
        format_ledger([LedgerEntry("002986620/202003-00012", "2020-03-05", "标题\x0b伪造", 0)])
    ledger = tmp_path / "published.ledger"
    ledger.write_text("# 头\n002986620/202003-00012 2020-03-05 标题\x0b002986620/202003-09999 伪造\n", encoding="utf-8")
    assert [e.index_no for e in read_ledger(ledger)] == ["002986620/202003-00012"]


def test_a_tab_typed_into_the_ledger_is_located_and_the_writer_says_which_entry(tmp_path: Path) -> None:
    """Notepad: a tab between a ledger line's words. The check passed, then --update-ledger refused
    to write with a Python repr ('…\\t…') and no place; now the check names the line and column."""
    root = project(tmp_path, {DOC: doc(), "catalogue/fgwj/y.md": doc(index_no="002986620/202003-00013")})
    (root / "published.ledger").write_text("002986620/202003-00012 2020-03-05 关于\t通知\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check", "--update-ledger"], cwd=root, check=False,
                            capture_output=True, text=True, encoding="utf-8", timeout=HANG_GUARD)
    assert (result.returncode, result.stdout.splitlines()) == (1, [
        "published.ledger:1:37: 文件: 登记簿这一行有制表符 Tab，请删除它（每行写 索引号、发布日期、名称，用一个空格分隔）。"])
    with pytest.raises(LedgerError) as refused:
        format_ledger([LedgerEntry("002986620/202003-00012", "2020-03-05", "关于\t通知", 4)])
    assert str(refused.value) == "登记簿第 4 行（索引号 002986620/202003-00012）中有制表符 Tab，登记簿未更新。请删除它后再运行。"


@pytest.mark.parametrize("saved", ["utf-8-bom-crlf", "gbk"])
def test_a_ledger_notepad_saved_is_read_and_a_gbk_one_told(tmp_path: Path, saved: str) -> None:
    """Notepad's UTF-8 (a BOM before the header, CRLF): the header was taken for a published number
    no file has (已发布的索引号 \ufeff# … 找不到对应文件). Notepad's ANSI (GBK): gkml check and
    gkml new ended in a UnicodeDecodeError traceback."""
    root = project(tmp_path, {DOC: doc()})
    text = "# 登记簿\n002986620/202003-00012 2020-03-05 关于某办法的通知\n"
    (root / "published.ledger").write_bytes(text.encode("gbk") if saved == "gbk"
                                            else b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert [e.index_no for e in read_ledger(root / "published.ledger")] == ["002986620/202003-00012"]
    if saved == "gbk":
        assert_problems(root, [("published.ledger:1:1: 文件: 登记簿不是 UTF-8 编码（按 GBK 读取）。请在编辑器中把它另存为 UTF-8 编码"
                                "（记事本：“另存为”时编码选“UTF-8”），内容不要改动。")])
    else:
        assert check(root) == (0, [])


# --- 6. bounded work -------------------------------------------------------------------

BOMB = "\n".join(["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
                  *(f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi"))])


def test_a_yaml_alias_bomb_ends_at_once_with_a_located_error(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: "---\n" + BOMB + "\n---\n正文\n"})
    assert len(BOMB.encode()) < 800
    assert_problems(root, [f"{F}:2:4: 文件: 属性区中不允许使用 YAML 锚点（&）和别名（*）。请把值直接写出来；值以 & 或 * 开头时请给整个值加引号。"])


def test_a_single_anchor_is_refused_too(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: doc("keywords: &k [安全]", "topics: *k")})
    assert_problems(root, [f"{F}:{EXTRA}:11: 文件: 属性区中不允许使用 YAML 锚点（&）和别名（*）。请把值直接写出来；值以 & 或 * 开头时请给整个值加引号。"])


@pytest.mark.parametrize(("depth", "expected"), [
    (10, f"{F}:{EXTRA}:18: 文件: 属性区嵌套过深（超过 8 层）。属性值只能是文字或简单列表。"),
    (1_000_000, f"{F}:{EXTRA}:1010: 文件: 属性区 YAML 格式错误：嵌套过深，属性值只能是文字或简单列表"),  # libyaml's own limit
])
def test_deeply_nested_front_matter_is_a_located_error(tmp_path: Path, depth: int, expected: str) -> None:
    root = project(tmp_path, {DOC: doc("keywords: " + "[" * depth)})
    assert_problems(root, [expected])


RESCAN = "从这一行开始的段落太长，且有大量 [ ]、< > 或反引号 ` 等符号（或没有配对），生成网页会极慢。请把这一段拆成几段，并检查这些符号是否成对。"
HL_LINES = ('代码块开头的 hl_lines= 的引号没有在本行结束（应写作 ```python hl_lines="1 3"，引号后不再写别的文字）：'
            "生成网页时会把后面的正文当作行号吞掉，不显示出来，这样的行多了还会让生成极慢。请补上结束的引号，或删除 hl_lines=。")


@pytest.mark.parametrize(("body", "line", "col", "message"), [
    ("[" * 1_000_000, 1, 1, RESCAN),
    ("<a " * 300_000, 1, 1, RESCAN),
    ("正文\n\n" + "`" * 4000 + "a" * 90_000, 3, 1, "这一行有连续 4000 个反引号（`），最多 8 个。请删除多余的反引号。"),
    ("`" * 3 + "\n" + "正文" * 10, 1, 1, None),
    # nested by four spaces a level, as Python-Markdown nests (two would also be told as nesting flat: content.lists)
    ("".join(" " * (4 * i) + "- 项\n" for i in range(40)), 18, 1, "这一行缩进了 68 格，超过 64 格（列表或引用嵌套过深）。请减少缩进。"),
    (">" * 100_000 + " 引用", 1, 1, "这一行的引用（>）嵌套超过 16 层。请减少 > 的层数。"),
    ('<span class="x">正文</span>' * 40_000, 1, 1, RESCAN),  # 5.5 minutes of rendering before
    ("正文\n" + "~~~a\n" * 20_000, 2, 1, "从这一行起有大量没有结束的代码块标记（``` 或 ~~~），生成网页会极慢。请给每个代码块加上结束标记，或删除多余的标记。"),
    ("正文\n\n```\n<script>\n```\n" * 20_000, 1, 1, None),  # closed code blocks are fine
    # hl_lines="…" read on to any later quote that ends a line: the text between swallowed, each opener
    # retried from every such quote (400 well-formed openers nothing closes: 30 s)
    ("正文\n" + '``` hl_lines="1"\n' * 400, 2, 1, "从这一行起有大量没有结束的代码块标记（``` 或 ~~~），生成网页会极慢。请给每个代码块加上结束标记，或删除多余的标记。"),
    ('正文\n\n``` hl_lines="1\n秘密 "x"\n```\n', 3, 5, HL_LINES),
    ("正文\n" + '```py hl_lines="1" 2\n' * 400 + "```\n", 2, 7, HL_LINES),
    ('```python hl_lines="1 3"\nprint("x")\n```\n\n~~~ .py hl_lines=\'2\'  \na\n~~~\n', 1, 1, None),
])
def test_bodies_that_would_make_rendering_hang_are_located_errors(tmp_path: Path, body: str, line: int, col: int,
                                                                   message: str | None) -> None:
    root = project(tmp_path, {DOC: doc(body=body)})
    if message is None:
        assert check(root) == (0, [])
        return
    # that run is unclosed, and those > are 100,000 marks in one block: costly to render, too
    also = [f"{F}:{EXTRA + line}:1: 文件: {RESCAN}"] if "`" * 9 in body or ">" * 17 in body else []
    assert_problems(root, [*also, f"{F}:{EXTRA + line}:{col}: 文件: {message}"])


def test_a_1_mb_plain_line_is_a_normal_result(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: doc(body="中文正文，" * 200_000 + "\n")})
    assert check(root) == (0, [])


def test_the_raw_html_scan_is_linear_on_what_took_minutes() -> None:
    """A 90 KB line took 122 s in the old handler regex; a run of 4,000 backticks, minutes in
    the code-span regex. The scan itself now ends at once (the bounds refuse these bodies
    before it runs, but the scan must not rely on that)."""
    script = ("from gkml.content.htmlsafety import unsafe_html\n"
              "unsafe_html('onx= ' + '<a ' * 300_000)\n"
              "assert unsafe_html('<a ' * 300_000 + ' onclick=x')\n"
              "unsafe_html('<' + '`' * 4000 + 'a' * 90_000)\n"
              "unsafe_html('[a\\n' * 300_000 + '<')\n")
    assert_ends_in_time(script)


def test_a_long_list_in_one_field_is_checked_in_linear_time() -> None:
    """keywords: [w0, w1, …] on one line: each word was looked for in the list of words before it
    (40,000 words 8.5 s, so 450,000 some 18 minutes), and reading the front matter copied each
    value's line from its end to look for a ' #' comment (100,000 values before a 4 MB comment
    32 s, so 200,000 before 40 MB some 10 minutes). Both now end in seconds, well inside the hang
    guard; no timing is asserted, the sizes are where the quadratic work could not end in it."""
    script = ("from gkml.content.source import read_source\n"
              "from gkml.content.validation import check_file\n"
              "from gkml.profile.model import load_profile\n"
              "def doc(keywords):\n"
              f"    return ({doc('KEYWORDS')!r}).replace('KEYWORDS', keywords).encode('utf-8')\n"
              "words = doc('keywords: [' + ', '.join(f'w{n}' for n in range(450_000)) + ']')\n"
              "assert len(words) < 5_000_000\n"
              "problems = check_file('catalogue/fgwj/x.md', words, load_profile(), lambda path: True).problems\n"
              "assert [p.code for p in problems] == ['too-many'], problems\n"
              "assert read_source('catalogue/fgwj/x.md', doc('keywords: [' + 'a, ' * 200_000 + 'a] #' + 'x' * 40_000_000)).entries\n")
    assert_ends_in_time(script)


def test_a_50_mb_body_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = project(tmp_path, {DOC: doc()})
    with (root / "content/catalogue/fgwj/big.md").open("wb") as out:
        out.write(doc(index_no="002986620/202003-00013").encode())
        out.write(("正文" * 1000 + "\n").encode() * 8800)
    assert_problems(root, ["content/catalogue/fgwj/big.md:1:1: 文件: 文件太大（50.4 MB），不能超过 5 MB。大量数据、扫描件请作为附件（如 PDF、XLSX）发布。"])


def test_many_unclosed_fences_are_read_in_time_linear_in_their_number() -> None:
    """Each "~~~a" line no fence closes was searched for its closing fence to the body's end (10,000 of
    them: 7 s; 100,000: past the guard). The bounds refuse the body, but a page's key reads its links
    (content.body.key_addresses) and the scan of its HTML must not rely on that: each ends at once."""
    script = ("from gkml.content.body import key_addresses\n"
              "from gkml.content.htmlsafety import unsafe_html\n"
              "assert key_addresses('~~~a\\n' * 100_000 + '[x](y.pdf)\\n') == ['y.pdf']\n"
              "assert unsafe_html('```a\\n' * 100_000 + '<script>x</script>\\n')[0][0] == 100_001\n")
    assert_ends_in_time(script)


def test_an_event_handler_in_an_attr_list_is_told_as_one_in_a_tag(tmp_path: Path) -> None:
    """attr_list's { onclick=… } gives the element before it the handler, as <p onclick> would, and a fence's
    { … } its code element: the check told the tag's and passed these (the sanitiser dropped them without a word)."""
    body = ("一段正文\n{: onclick=\"window.x=1\" }\n\n# 标题 {:onmouseover=x}\n\n*强调*{ .a onfocus='x' } 后文\n\n"
            "`{: onclick=x }` 是代码。\n\n<p onclick=\"x\">段落</p>\n\n"
            "``` { .py onclick=\"x\" }\n代码 { onclick=x }\n```\n\n"  # a fence's attributes are its <code>'s
            "段落\n\\{: onclick=x } 是文字。\n")  # an escaped brace is text, as an import writes it
    root = project(tmp_path, {DOC: doc(body=body)})
    handler = "正文中不允许使用事件属性 {}=（会执行脚本）。请删除。"
    assert_problems(root, [f"{F}:{EXTRA + 2}:4: 文件: {handler.format('onclick')}",
                           f"{F}:{EXTRA + 4}:8: 文件: {handler.format('onmouseover')}",
                           f"{F}:{EXTRA + 6}:10: 文件: {handler.format('onfocus')}",
                           f"{F}:{EXTRA + 10}:4: 文件: {handler.format('onclick')}",
                           f"{F}:{EXTRA + 12}:11: 文件: {handler.format('onclick')}"])


def test_a_script_address_on_the_line_after_its_reference_label_is_told(tmp_path: Path) -> None:
    """[r]: with its address on the next line is a reference Python-Markdown reads: the check read none there."""
    root = project(tmp_path, {DOC: doc(body="见[说明][r]。\n\n[r]:\n    javascript:window.x=1\n")})
    assert_problems(root, [f"{F}:{EXTRA + 3}:1: 文件: 正文中不允许使用 javascript: 等脚本链接。请改为普通网址。"])
