"""A held-back document's index number written as text in a published document's body, its field
values or a configured page: the number of a document not yet public reached the page, its
search record and open data, and nothing refused it (gkml.content.heldnumbers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import doc, small_site_yml

HELD = "002986620/202003-00071"
PUBLISHED = "002986620/202003-00072"


def _write(root: Path, files: dict[str, str], *options: str) -> None:
    (root / "mkdocs.yml").write_text(small_site_yml("测试公开目录", "search: false", *options), encoding="utf-8")
    for rel, text in files.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")


BODY = ("依据索引号为 002986620/202003-00071 的文件办理。\n\n"
        "另见 ００２９８６６２０／２０２００３－０００７１。\n\n"  # full-width, as Word's IME writes it
        "页面：`002986620-202003-00071`\n\n"  # its page's address, in code: shown all the same
        f"本文件 {PUBLISHED}，已发布的 002986620/202003-00073，编号 1002986620/202003-000711。\n")  # none told


def _files(disclosure: str = "依申请公开") -> dict[str, str]:
    return {
        "catalogue/fgwj/numbers.md": doc(
            "summary: 落实 002986620 / 202003-00071 号文件",
            "attachments:", "  - file: 附件.pdf", "    title: 002986620-202003-00071 的附表",
            body=BODY, title="关于写明索引号的通知", index_no=PUBLISHED),
        "catalogue/fgwj/附件.pdf": "%PDF-1.4\n",
        "catalogue/fgwj/numbers-held.md": doc(title="关于索引号暂不发布的通知", index_no=HELD, disclosure=disclosure),
        "catalogue/fgwj/numbers-other.md": doc(title="关于索引号已发布的通知", index_no="002986620/202003-00073"),
        "pages/gkzn.md": "# 公开指南\n\n申请 002986620/202003-00071 请来函。\n",
    }


def test_a_held_back_number_written_anywhere_published_is_told_where_it_is(tmp_path: Path) -> None:
    _write(tmp_path, _files(), "guide_pages: {公开指南: pages/gkzn.md}")
    for _ in ("the first check", "the second, every result remembered"):
        result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                                text=True, encoding="utf-8", check=False, timeout=120)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        told = [line.split(": ")[0] for line in result.stdout.splitlines() if "的索引号 002986620/202003-00071" in line]
        assert told == ["content/catalogue/fgwj/numbers.md:9:1", "content/catalogue/fgwj/numbers.md:10:1",
                        "content/catalogue/fgwj/numbers.md:14:8", "content/catalogue/fgwj/numbers.md:16:4",
                        "content/catalogue/fgwj/numbers.md:18:5", "content/pages/gkzn.md:3:4"], result.stdout
        assert "暂不发布的文件 content/catalogue/fgwj/numbers-held.md（依申请公开）的索引号" in result.stdout
    # published, its number is public: nothing told
    _write(tmp_path, _files("主动公开"))
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=120)
    assert "00071" not in result.stdout, result.stdout



def test_a_number_remembered_from_a_check_when_its_document_was_public_is_told_once_it_is_held_back(
        tmp_path: Path) -> None:
    """What a document writes is kept by its bytes (a check of one file reads no field again): the
    numbers written are kept, not whether one was held back, which another file decides."""
    _write(tmp_path, _files("主动公开"))
    check = [sys.executable, "-m", "gkml.cli", "check"]
    first = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120)
    assert "00071" not in first.stdout, first.stdout
    held = tmp_path / "content/catalogue/fgwj/numbers-held.md"
    held.write_text(held.read_text(encoding="utf-8").replace("主动公开", "依申请公开"), encoding="utf-8")
    result = subprocess.run([*check, "content/catalogue/fgwj/numbers.md"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=120)
    told = [line.split(": ")[0] for line in result.stdout.splitlines() if "的索引号 002986620/202003-00071" in line]
    assert told[:2] == ["content/catalogue/fgwj/numbers.md:9:1", "content/catalogue/fgwj/numbers.md:10:1"], result.stdout
    assert result.returncode == 1


def test_a_number_in_a_link_to_its_page_is_the_link_rules_and_text_beside_it_is_told(tmp_path: Path) -> None:
    """A link's address naming the held-back page is told once, by the link rule (as the build's last look
    tells it); the same number written as text on that line is told too (the check kept one problem a line)."""
    page = HELD.replace("/", "-")
    body = (f"见[办法](../{page}/)，即 {HELD} 号。\n\n"
            f"另见 <a href=\"https://www.example.com/gkml/doc/{page}/\">别的网站</a>。\n")  # another host: no link rule's
    files = {"catalogue/fgwj/linking.md": doc(body=body, title="关于链接索引号页面的通知", index_no="002986620/202003-00074"),
             "catalogue/fgwj/linking-held.md": doc("draft: true", title="关于链接索引号暂不发布的通知", index_no=HELD)}
    _write(tmp_path, files)
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    told = [line.split(" 文件: ")[0] + (" number" if "的索引号" in line else " link")
            for line in result.stdout.splitlines() if "linking-held.md" in line]
    assert told == ["content/catalogue/fgwj/linking.md:10:7: link", "content/catalogue/fgwj/linking.md:10:37: number",
                    "content/catalogue/fgwj/linking.md:12:46: number"], result.stdout


def test_a_held_back_number_split_by_what_a_reader_does_not_see_is_told(tmp_path: Path) -> None:
    """A character reference, a zero-width space, a tag, an escape or emphasis between its digits: the
    page shows the number whole, and the rule read none of them as one."""
    body = ("一、依据 002986620/2020&#48;3-00071 办理。\n\n"
            "二、依据 0029866\u200b20／202003-00071 办理。\n\n"
            "三、依据 002986620&sol;202003<span>-</span>00071 办理。\n\n"
            "四、依据 0029866**20**/202003\\-00071 办理。\n\n"
            "五、依据 0029&zwj;86620/202003-0<!-- x -->0071 办理。\n")
    files = {"catalogue/fgwj/split.md": doc("summary: 落实 002986620/20200\u200b3-00071 号文件", body=body,
                                            title="关于拆开写索引号的通知", index_no="002986620/202003-00075"),
             "catalogue/fgwj/split-held.md": doc("draft: true", title="关于拆开写索引号暂不发布的通知", index_no=HELD)}
    _write(tmp_path, files)
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    told = [line.split(": ")[0] for line in result.stdout.splitlines() if f"的索引号 {HELD}" in line]
    assert told == ["content/catalogue/fgwj/split.md:9:1", *(f"content/catalogue/fgwj/split.md:{line}:6"
                                                            for line in (11, 13, 15, 17, 19))], result.stdout


def test_a_number_in_a_file_name_a_held_back_document_owns_is_the_link_and_attachment_rules(tmp_path: Path) -> None:
    """A published attachment a held-back document lists too and a body's link to it, a guide page's link to
    the held-back document's file or to its attachment: each file name is the attachment and link rules' to
    tell (one message for one fact); the number written as text, or in a file name no rule tells, is told."""
    page = HELD.replace("/", "-")
    files = {"catalogue/fgwj/owned.md": doc("attachments:", f"  - file: {page}.pdf", "    title: 附表",
                                            f"  - file: {page}-本件.pdf", "    title: 本件附表",
                                            body=f"见[附表](./{page}.pdf)，即 {HELD} 号。\n",
                                            title="关于附件名含暂不发布索引号的通知", index_no="002986620/202003-00076"),
             f"catalogue/fgwj/{page}.pdf": "%PDF-1.4\n", f"catalogue/fgwj/{page}-附件.pdf": "%PDF-1.4\n",
             f"catalogue/fgwj/{page}-本件.pdf": "%PDF-1.4\n",
             f"catalogue/fgwj/{page}.md": doc("attachments:", f"  - file: {page}.pdf", "    title: 附表",
                                              f"  - file: {page}-附件.pdf", "    title: 附件",
                                              title="关于附件名含索引号暂不发布的通知", index_no=HELD),
             "pages/gkzn.md": (f"# 公开指南\n\n[附件](../catalogue/fgwj/{page}-附件.pdf)\n\n"
                               f"[原文](../catalogue/fgwj/{page}.md)\n")}
    files[f"catalogue/fgwj/{page}.md"] = files[f"catalogue/fgwj/{page}.md"].replace("主动公开", "依申请公开")
    _write(tmp_path, files, "guide_pages: {公开指南: pages/gkzn.md}")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    told = [line.split(": ")[0] + (" number" if "的索引号" in line else "") for line in result.stdout.splitlines()]
    assert told == ["content/catalogue/fgwj/owned.md:9:1",  # the attachment the held-back document lists too
                    "content/catalogue/fgwj/owned.md:9:1 number",  # its own attachment's name: no other rule's
                    "content/catalogue/fgwj/owned.md:15:39 number",  # text; the link before it is the attachment's
                    "content/pages/gkzn.md:3:1", "content/pages/gkzn.md:5:1"], result.stdout
