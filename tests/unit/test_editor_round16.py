"""The editor's loop, sixteenth round: what `gkml` tells an editor, on the real command and files."""

from __future__ import annotations

from pathlib import Path

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
