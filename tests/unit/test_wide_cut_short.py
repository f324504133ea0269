"""A UTF-16 file (Notepad's "Unicode") cut short half way through its last character: gkml check and
gkml fix tell where, and fix leaves it as it is, never converting it as if it were whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from gkml.cli import main
from gkml.content import encoding
from support import COMMANDS_YML

TEXT = """---
title: 半截的统一编码文件
category: fgwj
disclosure: 主动公开
index_no: 002986620/202401-00077
publisher: 安徽省应急管理厅
published: 2024-01-08
created: 2024-01-05
---

正文写到一半"""

CUT = ("文件是 UTF-16 编码（记事本称为“Unicode”），在这里中断，最后一个字只有一半：文件没有保存完整（或复制时被截断）。"
       "gkml fix 不会转换它。请在编辑器中打开，核对并补全结尾后另存为 UTF-8 编码。")


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    folder = tmp_path / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(("data", "column"), [
    (TEXT.encode("utf-16")[:-1], 6),  # with its mark, the last byte of 半 lost
    (TEXT.encode("utf-16-le")[:-1], 6),  # without one
    ((TEXT + "𠀀").encode("utf-16-be")[:-2], 7),  # half of a character outside the BMP (a surrogate pair)
])
def test_fix_tells_where_a_utf16_file_is_cut_and_leaves_it(
        folder: Path, capsys: pytest.CaptureFixture[str], data: bytes, column: int) -> None:
    path = folder / "半截 通知.md"
    path.write_bytes(data)
    code, out = _run(capsys, "fix")
    assert code == 1
    assert f"content/catalogue/fgwj/半截 通知.md:11:{column}: {CUT}未修正，文件保持原样。" in out, out
    assert "已转换为 UTF-8" not in out, out
    assert path.read_bytes() == data
    code, out = _run(capsys, "check")
    assert code == 1
    assert f"content/catalogue/fgwj/半截 通知.md:11:{column}: 文件: {CUT}" in out, out
    text, name = encoding.decode(data)
    assert name == "UTF-16" + encoding.LOSSY_SUFFIX and text.endswith("\ufffd"), (name, text[-3:])


def test_a_whole_utf16_file_is_still_converted(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "whole.md"
    path.write_bytes(TEXT.encode("utf-16"))
    code, out = _run(capsys, "fix")
    assert code == 0, out
    assert "按 UTF-16 编码读取，已转换为 UTF-8" in out, out
    assert path.read_text(encoding="utf-8") == TEXT
