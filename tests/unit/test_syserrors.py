"""A refusal by the system told in Chinese everywhere (gkml.syserrors), never its English strerror:
the check's folders and files, `gkml sign`, the portal's configuration, the offline copy's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gkml.cli import main
from gkml.content.loader import unreadable
from gkml.outputs.offline.source import FolderSource
from support import COMMANDS_YML

PLUGINS = Path(__file__).parents[2] / "plugins" / "gkml"
ENGLISH = ("Permission denied", "No such file", "File name too long", "Not a directory", "Is a directory",
           "No space left")


def _deep_folder(root: Path) -> Path:
    """A folder whose full path is past Linux's 4096 bytes (each name below 255): made one level at a
    time from the one above, as a sync tool or an unzip can; the system refuses to list it by its path."""
    fd = os.open(root, os.O_RDONLY)
    path = root
    try:
        for level in range(20):
            name = f"{level:02d}" + "层" * 80
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            path = path / name
    finally:
        os.close(fd)
    return path


def _no_english(text: str) -> None:
    assert not any(words in text for words in ENGLISH), text


def test_no_module_tells_the_system_s_english_words() -> None:
    """One home: every OSError reaches a person through gkml.syserrors.why_refused."""
    told = [str(path.relative_to(PLUGINS)) for path in PLUGINS.rglob("*.py")
            if path.name != "syserrors.py" and "strerror" in path.read_text(encoding="utf-8")]
    assert not told, told


def test_check_tells_a_folder_it_cannot_list_in_chinese(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    catalogue = tmp_path / "content" / "catalogue" / "fgwj"
    catalogue.mkdir(parents=True)
    _deep_folder(catalogue)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "无法读取这个文件或文件夹：文件名太长" in text, text
    _no_english(text)


def test_a_file_the_system_refuses_is_told_in_chinese(tmp_path: Path) -> None:
    try:
        open(tmp_path / ("长" * 100 + ".md"), "rb")  # noqa: SIM115 - the real refusal is what is told
    except OSError as error:
        problem = unreadable("catalogue/fgwj/长.md", error)
    assert "无法读取这个文件（文件名太长），未检查" in problem.message, problem.message
    _no_english(problem.message)


def test_sign_tells_a_key_and_a_site_it_cannot_read_in_chinese(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["keygen", "--out", "keys"]) == 0
    (tmp_path / "not-a-site").write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["sign", "not-a-site", "--key", "keys/offline-signing-key.pem"]) == 2
    err = capsys.readouterr().err
    assert "gkml sign: 无法读写 not-a-site/gkml-site.json：路径中有一段是文件，不是文件夹" in err, err
    _no_english(err)
    assert main(["sign", ".", "--key", "密" * 100 + ".pem"]) == 2
    err = capsys.readouterr().err
    assert "无法读取私钥文件" in err and "：文件名太长" in err, err
    _no_english(err)


def test_portal_tells_a_configuration_it_cannot_read_in_chinese(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "portal.yml").mkdir()  # a folder where the file should be
    (tmp_path / "site").mkdir()
    capsys.readouterr()
    assert main(["portal", "site", "--out", "out", "--config", "portal.yml"]) != 0
    err = capsys.readouterr().err
    assert "无法读取门户配置 portal.yml：这是一个文件夹，不是文件" in err, err
    _no_english(err)


def test_offline_copy_tells_a_folder_it_cannot_list_in_chinese(tmp_path: Path) -> None:
    _deep_folder(tmp_path)
    details = [entry.detail for entry in FolderSource(tmp_path).entries() if entry.kind == "unreadable"]
    assert details == ["文件名太长"], details
