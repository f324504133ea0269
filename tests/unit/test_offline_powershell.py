"""The offline guide's PowerShell check (第 2 步) run over a real copy's SHA256SUMS. No PowerShell here
(no pwsh on Linux CI): the command's own split and count are read from its text and done as PowerShell
does them (Get-Content's lines, -split's regular expression and limit, -ne ignoring case), so a change
to the command or to the file's format that would make a reading room's check fail fails here."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date
from pathlib import Path

from gkml.outputs.offline.copy import finish_copy
from gkml.outputs.offline.guide import ENTRY, POWERSHELL_CHECK, README
from gkml.outputs.offline.snapshot import Snapshot

NAMES = ("附件1 实施方案.pdf", "两个  空格的附件.pdf", "[方括号]文件 (1).docx", "行\u2028分隔符.pdf")


def make_copy(root: Path) -> Path:
    copy = root / "测试厅政府信息公开目录-2026-11-01"
    folder = copy / "site" / "doc" / "002986620-202003-00013"
    folder.mkdir(parents=True)
    (copy / "site" / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    for n, name in enumerate(NAMES):
        (folder / name).write_bytes(b"%PDF-1.4 " + bytes([n]) * 100)
    finish_copy(copy, Snapshot("测试厅", date(2026, 11, 1), 1), None)
    return copy


def powershell_check(copy: Path) -> tuple[list[str], int]:
    """What the command prints for the copy: each 有问题 line, and the count it ends with."""
    split = re.search(r"\$h, \$f = \$_ -split '([^']+)', (\d+);", POWERSHELL_CHECK)
    assert split, POWERSHELL_CHECK
    pattern, limit = split[1], int(split[2])
    assert "Get-Content -Encoding UTF8 SHA256SUMS" in POWERSHELL_CHECK and "-LiteralPath $f" in POWERSHELL_CHECK
    text = (copy / "SHA256SUMS").read_bytes().decode("utf-8-sig")  # -Encoding UTF8: a BOM or none
    lines = re.split(r"\r\n|\r|\n", text)  # .NET's ReadLine: not U+2028, which str.splitlines would split at
    if lines and lines[-1] == "":
        lines.pop()
    told = []
    for line in lines:
        digest, name = (re.split(pattern, line, maxsplit=limit - 1) + [""])[:2]
        path = copy / name
        if not name or not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest().casefold() != digest.casefold():
            told.append(f"有问题：{name}")
    return told, len(told)


def test_the_guides_powershell_check_passes_a_whole_copy_and_names_a_changed_file(tmp_path: Path) -> None:
    """Names with one space, two spaces (the split's own separator), brackets PowerShell's -Path would
    read as a wildcard and a line separator .NET does not break lines at: each line gives the check the
    file's name and digest whole; a changed file is named, and only it."""
    copy = make_copy(tmp_path)
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8")
    assert not any(line.startswith("\\") for line in sums.split("\n"))  # sha256sum's escape: PowerShell reads none
    assert powershell_check(copy) == ([], 0)
    changed = copy / "site" / "doc" / "002986620-202003-00013" / NAMES[1]
    changed.write_bytes(changed.read_bytes()[:-1] + b"!")
    assert powershell_check(copy) == ([f"有问题：site/doc/002986620-202003-00013/{NAMES[1]}"], 1)
    changed.unlink()
    assert powershell_check(copy)[1] == 1


def test_the_entry_page_and_the_guide_give_the_command_whole(tmp_path: Path) -> None:
    """What a clerk copies: the entry page's <code> and 使用说明.txt's indented line are the command itself,
    one line (a line break inside the quotes of -split ' {2}' would split at nothing PowerShell finds)."""
    copy = make_copy(tmp_path)
    page = (copy / ENTRY).read_text(encoding="utf-8")
    codes = [html.unescape(re.sub(r"<[^>]+>", "", code)) for code in re.findall(r"<code>(.*?)</code>", page, re.DOTALL)]
    assert POWERSHELL_CHECK in codes
    guide = (copy / README).read_bytes().decode("utf-8-sig").split("\r\n")
    assert "    " + POWERSHELL_CHECK in guide
