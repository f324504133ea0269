"""The editor's loop, sixteenth round: what `gkml` tells an editor, on the real command and files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import doc, gkml

SITE_YML = """site_name: 测试
site_url: https://yjt.example.gov.cn/gkml/
docs_dir: content
plugins:
  - gkml: {agency: 安徽省应急管理厅, org_code: "002986620", search: false}
"""
N = "002986620/202003-01601"
F = "content/catalogue/fgwj/"


def _published(tmp_path: Path) -> Path:
    """A project whose one document, 第十六轮甲通知, is published and in the ledger."""
    (tmp_path / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    folder = tmp_path / F
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(doc(index_no=N, title="第十六轮甲通知"), encoding="utf-8")
    assert gkml(tmp_path, "check", "--update-ledger").returncode == 0
    return folder


def test_a_duplicate_number_names_the_copy_the_ledger_says_was_published(tmp_path: Path) -> None:
    """Explorer's copy of a published document, retitled: both files were told 请把尚未发布的那一件改用…,
    the editor left to guess which one the site published under the number."""
    folder = _published(tmp_path)
    (folder / "a - 副本.md").write_text(doc(index_no=N, title="第十六轮乙通知"), encoding="utf-8")

    result = gkml(tmp_path, "check")

    assert result.returncode == 1
    page = "网址 https://yjt.example.gov.cn/gkml/doc/002986620-202003-01601/"
    assert (f"{F}a - 副本.md:3:1: 索引号(index_no): 索引号 {N} 重复，另见：{F}a.md。"
            f"请把尚未发布的那一件改用下一个空闲的索引号 002986620/202003-01602。"
            f"登记簿 published.ledger 第 2 行记载已发布的是 {F}a.md（《第十六轮甲通知》，2020-03-05 发布，{page}）："
            "要改号的是本文件。\n") in result.stdout
    assert (f"{F}a.md:3:1: 索引号(index_no): 索引号 {N} 重复，另见：{F}a - 副本.md。"
            f"请把尚未发布的那一件改用下一个空闲的索引号 002986620/202003-01602。"
            f"登记簿 published.ledger 第 2 行记载本文件已于 2020-03-05 发布（{page}），它的索引号不得改动："
            "要改号的是另一件。\n") in result.stdout


def test_a_number_two_editors_both_recorded_names_both_ledger_lines(tmp_path: Path) -> None:
    """git's union merge keeps both editors' ledger lines for one number: each is named."""
    folder = _published(tmp_path)
    (folder / "b.md").write_text(doc(index_no=N, title="第十六轮乙通知"), encoding="utf-8")
    ledger = tmp_path / "published.ledger"
    ledger.write_text(ledger.read_text("utf-8") + f"{N} 2020-03-05 第十六轮乙通知\n", encoding="utf-8")

    result = gkml(tmp_path, "check")

    assert result.returncode == 1
    assert ("登记簿 published.ledger 中这个索引号登记了 2 次：第 2 行《第十六轮甲通知》（2020-03-05）、"
            "第 3 行《第十六轮乙通知》（2020-03-05）。请保留已经在网站上发布的那一件，另一件改号，"
            "并删除登记簿中它的那一行。\n") in result.stdout
    assert result.stdout.count("登记了 2 次") == 2


def test_sign_given_a_folder_for_its_key_says_it_is_a_folder_and_names_the_key(tmp_path: Path) -> None:
    """`gkml sign 站点 --key keys` (the folder keygen wrote into) said 找不到私钥文件：keys, though it is there."""
    assert gkml(tmp_path, "keygen", "--out", "keys").returncode == 0
    (tmp_path / "空文件夹").mkdir()

    result = gkml(tmp_path, "sign", "site", "--key", "keys")
    empty = gkml(tmp_path, "sign", "site", "--key", "空文件夹")
    public = gkml(tmp_path, "verify", "site", "--key", "keys")

    assert result.returncode == 2
    assert result.stderr == ("gkml sign: keys 是文件夹，不是私钥文件。请给出私钥文件本身，例如 keys/offline-signing-key.pem；"
                             "gkml keygen 生成的私钥文件名为 offline-signing-key.pem。\n")
    assert empty.stderr == ("gkml sign: 空文件夹 是文件夹，不是私钥文件。请给出私钥文件本身（文件夹中没有私钥文件，可用 gkml keygen 生成）；"
                            "gkml keygen 生成的私钥文件名为 offline-signing-key.pem。\n")
    assert "keys 是文件夹，不是公钥文件。请给出公钥文件本身，例如 keys/offline-signing-key.pub.pem；" in public.stdout + public.stderr


_NO_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def refused_gkml(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`gkml` as an editor without the right to a file runs it: root reads and writes any file, so
    as root it runs without that power (setpriv drops it from the capabilities it may hold)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None or subprocess.run([*_NO_OVERRIDE, "true"], capture_output=True,
                                                             check=False).returncode:
            pytest.skip("running as root, with no setpriv able to give up root's right to every file")
        prefix = _NO_OVERRIDE
    return subprocess.run([*prefix, sys.executable, "-m", "gkml.cli", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


LEGACY_PAGE = Path(__file__).parents[1] / "fixtures" / "legacy" / "annual-report-2010.txt"
READ_IT = "请确认有权读取它（右键→属性→安全），或关闭独占它的程序，再运行一次。"


@contextmanager
def _unreadable(path: Path) -> Iterator[None]:
    path.chmod(0)
    try:
        yield
    finally:
        path.chmod(0o644)


def _files(tmp_path: Path) -> list[str]:
    return sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "content").rglob("*") if p.is_file())


def test_a_document_the_system_will_not_let_gkml_read_is_told_and_no_number_is_chosen_past_it(tmp_path: Path) -> None:
    """A document without read permission (another account's, or a sync tool's placeholder): gkml check
    ended in a PermissionError traceback, and gkml new and import told 无法在文件夹中新建文件 or a traceback."""
    folder = _published(tmp_path)
    locked = folder / "locked.md"
    locked.write_text(doc(index_no="002986620/202003-01650", title="第十六轮读不了的通知"), encoding="utf-8")
    before = _files(tmp_path)

    with _unreadable(locked):
        check = refused_gkml(tmp_path, "check")
        new = refused_gkml(tmp_path, "new", "--category", "fgwj", "--title", "第十六轮新建通知")
        imported = refused_gkml(tmp_path, "import", str(LEGACY_PAGE))

    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    assert (f"{F}locked.md:1:1: 文件: 无法读取这个文件（没有读取权限，或正被其他程序锁定），未检查。"
            "请关闭正打开它的程序（Word、WPS、同步软件等）或修正文件权限，再运行一次检查。\n") in check.stdout
    assert new.returncode == 2 and new.stderr == (
        f"gkml new: 无法读取 {F}locked.md（拒绝访问），不知道其中已用了哪些索引号，未新建文件。{READ_IT}\n")
    assert imported.returncode == 2 and imported.stderr == (
        f"gkml import: 无法读取 {F}locked.md（拒绝访问），不知道其中已用了哪些索引号，未导入。{READ_IT}\n")
    assert _files(tmp_path) == before


def test_a_ledger_the_system_will_not_let_gkml_read_is_told_and_no_number_is_chosen(tmp_path: Path) -> None:
    """published.ledger without read permission: every command ended in a PermissionError traceback."""
    _published(tmp_path)
    before = _files(tmp_path)

    with _unreadable(tmp_path / "published.ledger"):
        check = refused_gkml(tmp_path, "check")
        new = refused_gkml(tmp_path, "new", "--category", "fgwj", "--title", "第十六轮新建通知")
        imported = refused_gkml(tmp_path, "import", str(LEGACY_PAGE))

    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    assert check.stdout.startswith(f"published.ledger:1:1: 文件: 无法读取登记簿（拒绝访问），未能核对已发布的索引号。{READ_IT}\n")
    assert new.returncode == 2 and new.stderr == (
        f"gkml new: 无法读取登记簿 published.ledger（拒绝访问），不知道其中已用了哪些索引号，未新建文件。{READ_IT}\n")
    assert imported.returncode == 2 and imported.stderr == (
        f"gkml import: 无法读取登记簿 published.ledger（拒绝访问），不知道其中已用了哪些索引号，未导入。{READ_IT}\n")
    assert _files(tmp_path) == before


# words of the help that are names of formats an editor meets, not placeholders to fill in
_FORMATS = {"YAML", "PEM", "JSON", "HTML", "UTF", "GBK", "GB18030", "CSV", "TODO", "YYYY", "MM", "DD", "SVG"}


@pytest.mark.parametrize("command", ["check", "fix", "new", "import", "schema", "offline", "verify", "keygen", "sign",
                                     "stats", "portal", "audit"])
def test_every_commands_help_names_what_to_type_in_chinese(tmp_path: Path, command: str) -> None:
    """`gkml keygen -h` showed `--out OUT`, `gkml portal -h` `--out DIR … SOURCE`, `gkml new -h`
    `--config-dir CONFIG_DIR`: argparse's English placeholders in a Chinese help."""
    result = gkml(tmp_path, command, "-h")

    assert result.returncode == 0 and result.stdout.startswith(f"用法：gkml {command} ")
    english = set(re.findall(r"\b[A-Z][A-Z_0-9]*[A-Z]\b", result.stdout)) - _FORMATS
    assert not english, result.stdout


def test_a_documents_temporary_copy_is_told_as_one_not_as_a_forbidden_file_type(tmp_path: Path) -> None:
    """WPS or a sync tool leaves 通知.md.tmp beside the document while it saves: it was told as a file
    type that runs code on the site (网页、脚本、SVG), and a PDF named 报告.md.pdf stays an attachment to list."""
    folder = _published(tmp_path)
    (folder / "a.md.tmp").write_bytes((folder / "a.md").read_bytes())
    (folder / "报告.md.pdf").write_bytes(b"%PDF-1.4\n")

    result = gkml(tmp_path, "check")

    assert result.returncode == 1
    assert (f"{F}a.md.tmp:1:1: 文件: 这个文件像是 a.md 的临时文件或备份（名字后面多了 .tmp），不会作为公开文件检查和发布。"
            "编辑器或同步软件正在保存时留下的，保存完成后会自动消失；要发布其中的内容，请把它改名为 a.md；"
            "否则请删除它或移出内容目录。\n") in result.stdout
    assert f"{F}报告.md.pdf:1:1: 文件: 这个文件在公开目录文件夹中，但没有哪份文件把它列为附件，因此不会发布。Word、WPS、PDF" in result.stdout


def test_a_name_unpacked_as_gbk_bytes_is_told_with_the_name_it_meant(tmp_path: Path) -> None:
    """A Windows zip unpacked on the server keeps 报告.md's name as GBK bytes: gkml check ended in a
    UnicodeEncodeError traceback (surrogates not allowed) as it saved its cache, and told nothing."""
    folder = _published(tmp_path)
    name = os.fsencode(folder) + b"/" + "报告".encode("gbk") + b".md"
    with open(name, "wb") as file:
        file.write(doc(index_no="002986620/202003-01660", title="第十六轮解压的通知").encode())

    for _ in range(2):  # the second from the check cache
        result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                                timeout=120, check=False)
        out = result.stdout.decode("utf-8", "backslashreplace")
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
        assert ("1:1: 文件: 文件名“报告.md”不是按 UTF-8 存的（多半是 Windows 上打包的 zip 在这里解压时，文件名按 GBK 保存了），"
                "git、网站和 Windows 电脑都读不对这个名字。请把它改名为“报告.md”（在这台电脑上重新输入这个名字）。\n") in out
