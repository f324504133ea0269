"""Offline copies checked without trusting them: a small copy finished by the real
writer, then damaged, littered, linked, forged and zipped; `gkml verify` run on it."""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pytest
from gkml.outputs.offline import signing
from gkml.outputs.offline.check import check_copy
from gkml.outputs.offline.copy import (
    FAT32_FILE,
    CopyError,
    entry_page,
    fat32_note,
    finish_copy,
    folder_name,
    make_zip,
    open_copy,
)
from gkml.outputs.offline.guide import ENTRY, README
from gkml.outputs.offline.manifest import ManifestError, parse_manifest, parse_sums
from gkml.outputs.offline.report import render
from gkml.outputs.offline.snapshot import Snapshot, css_string
from gkml.outputs.offline.source import FolderSource
from hypothesis import given, settings
from hypothesis import strategies as st
from support import doc, mkdocs_build, small_site_yml

SNAPSHOT = Snapshot("安徽省应急管理厅", date(2026, 11, 1), 3, "https://yjt.ah.gov.cn/gkml/")


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("keys")
    signing.generate(folder / "key.pem", folder / "pub.pem")
    return folder / "key.pem", folder / "pub.pem"


def make_copy(root: Path, key: Path | None = None) -> Path:
    copy = root / "安徽省应急管理厅政府信息公开目录-2026-11-01"
    (copy / "site" / "doc" / "002986620-202003-00012").mkdir(parents=True)
    (copy / "site" / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    (copy / "site" / "doc" / "002986620-202003-00012.html").write_text("<p>正文</p>", encoding="utf-8")
    (copy / "site" / "doc" / "002986620-202003-00012" / "附件1 实施方案.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    finish_copy(copy, SNAPSHOT, signing.load_private_key(key) if key else None)
    return copy


def verify(target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "verify", *extra, str(target)],
                          check=False, capture_output=True, text=True, encoding="utf-8", timeout=120)  # hang guard (FIFO)


def test_guide_reads_in_any_notepad(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    for name in (README, "README.txt"):
        raw = (copy / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF, no bare LF
        assert ENTRY in text
    guide = (copy / README).read_bytes().decode("utf-8-sig")
    assert "快照日期：2026年11月1日" in guide and "3 件" in guide
    assert "Get-FileHash manifest.json" in guide and "certutil -hashfile manifest.json SHA256" in guide
    assert "核对不通过怎么办" in guide
    # old Notepad does not wrap: prose lines fit a window; commands stay whole, indented, ready to copy
    prose = [line for line in guide.split("\r\n") if not line.startswith("    ")]
    assert max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in prose) <= 80
    assert any(line.startswith("    $bad = 0; Get-Content -Encoding UTF8 SHA256SUMS") for line in guide.split("\r\n"))
    assert sorted(p.name for p in copy.iterdir()) == sorted(
        ["README.txt", "SHA256SUMS", "manifest.json", "site", README, ENTRY])


def test_sums_and_manifest_agree_and_gnu_sha256sum_accepts_them(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    manifest = parse_manifest((copy / "manifest.json").read_bytes())
    assert parse_sums((copy / "SHA256SUMS").read_bytes()) == manifest.sha256
    assert manifest.documents == 3 and manifest.snapshot == date(2026, 11, 1)
    if shutil.which("sha256sum"):
        run = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], check=False, cwd=copy, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def test_os_litter_is_harmless_and_the_copy_still_passes(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    (copy / "desktop.ini").write_text("[.ShellClassInfo]", encoding="utf-8")
    (copy / "site" / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(10))  # OLE, as Windows writes
    (copy / "._打开公开目录.html").write_bytes(b"\0\5\26\7")
    (copy / ".DS_Store").write_bytes(b"\0\0\0\1Bud1" + bytes(8))
    (copy / "System Volume Information").mkdir()
    (copy / "System Volume Information" / "IndexerVolumeGuid").write_text("x", encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 0, run.stdout
    assert "校验通过" in run.stdout and "[无害] 5 个" in run.stdout
    for name in ("desktop.ini", "site/Thumbs.db", "._打开公开目录.html", ".DS_Store", "System Volume Information"):
        assert f"系统文件：{name}" in run.stdout
    assert "[问题]" not in run.stdout


def test_missing_altered_and_extra_files_are_named_with_what_to_do(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    page = copy / "site" / "doc" / "002986620-202003-00012.html"
    page.write_text("<p>正文（已改）</p>", encoding="utf-8")
    (copy / "site" / "index.html").unlink()
    (copy / "site" / "extra.html").write_text("<p>冒充</p>", encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 1
    assert "缺少文件：site/index.html" in run.stdout
    assert "文件被修改：site/doc/002986620-202003-00012.html" in run.stdout
    assert "多出文件：site/extra.html" in run.stdout
    assert "校验未通过" in run.stdout and "重新下载" in run.stdout


def test_same_size_change_is_found_by_digest(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    pdf = copy / "site" / "doc" / "002986620-202003-00012" / "附件1 实施方案.pdf"
    data = bytearray(pdf.read_bytes())
    data[-1] ^= 1
    pdf.write_bytes(bytes(data))
    result = check_copy(FolderSource(copy))
    assert [f.path for f in result.altered] == ["site/doc/002986620-202003-00012/附件1 实施方案.pdf"]


def test_sha256sums_disagreeing_with_the_manifest_fails(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8")
    first = sums.split("  ")[0]
    (copy / "SHA256SUMS").write_text(sums.replace(first, "0" * 64, 1), encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 1 and "SHA256SUMS 与 manifest.json 对 1 个文件的记录不一致" in run.stdout
    (copy / "SHA256SUMS").unlink()
    assert "SHA256SUMS 缺失" in verify(copy).stdout


@pytest.mark.timeout(120)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_and_symlinks_are_reported_never_opened(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    os.mkfifo(copy / "site" / "pipe")
    listed = copy / "site" / "doc" / "002986620-202003-00012.html"
    listed.unlink()
    os.mkfifo(listed)  # a listed file replaced by a FIFO: reading it would block forever
    os.symlink("/etc/passwd", copy / "site" / "passwd.html")
    attachments = copy / "site" / "doc" / "002986620-202003-00012"
    shutil.move(attachments, tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", attachments)  # a linked folder with the genuine files in it
    run = verify(copy)
    assert run.returncode == 1
    out = run.stdout
    assert "多出文件：site/pipe（命名管道（FIFO），未打开）" in out
    assert "文件被修改：site/doc/002986620-202003-00012.html（命名管道（FIFO），未打开）" in out
    assert "site/passwd.html（符号链接（指向 /etc/passwd），未打开）" in out
    assert "site/doc/002986620-202003-00012（符号链接" in out
    assert "缺少文件：site/doc/002986620-202003-00012/附件1 实施方案.pdf" in out  # not followed into the link
    assert "Traceback" not in run.stderr


def test_verify_refuses_a_fifo_given_as_the_copy(tmp_path: Path) -> None:
    fifo = tmp_path / "copy.zip"
    os.mkfifo(fifo)
    run = verify(fifo)
    assert run.returncode == 2 and "特殊文件" in run.stderr and "Traceback" not in run.stderr


def test_zip_is_checked_in_place_including_litter_a_mac_adds(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    copy = make_copy(tmp_path, keys[0])
    archive = make_zip(copy, tmp_path / "copy.zip")
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr(f"__MACOSX/{copy.name}/._manifest.json", b"\0\5\26\7" + bytes(60))  # AppleDouble
        zipped.writestr(f"{copy.name}/site/Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8))
    run = verify(archive, "--key", str(keys[1]))
    assert run.returncode == 0, run.stdout
    assert "校验通过：副本完整、未被修改，且确为签名者发布" in run.stdout
    assert "收录主动公开政府信息 3 件（来自已核对签名的清单）" in run.stdout
    assert "[无害] 2 个" in run.stdout
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr(f"{copy.name}/site/inserted.html", "<p>x</p>")
    damaged = verify(archive)
    assert damaged.returncode == 1 and "多出文件：site/inserted.html" in damaged.stdout


def repacked(copy: Path, target: Path, names: Callable[[str], Iterable[str]]) -> Path:
    """The copy's zip written again, each entry under the names `names` gives its name."""
    with zipfile.ZipFile(make_zip(copy, target.with_name("genuine.zip"))) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            for name in names(info.filename):
                out.writestr(name, source.read(info))
    return target


def test_a_file_moved_out_of_the_copys_folder_in_the_zip_is_missing_from_the_copy(tmp_path: Path) -> None:
    """Unpacked, an entry beside the copy's folder is not in the copy: the page it was is missing."""
    copy = make_copy(tmp_path)
    moved = repacked(copy, tmp_path / "moved.zip",
                     lambda name: [name.removeprefix(f"{copy.name}/") if name.endswith("/index.html") else name])
    with zipfile.ZipFile(moved, "a") as zipped:
        zipped.writestr("desktop.ini", b"[.ShellClassInfo]")  # litter beside the folder stays harmless
    run = verify(moved)
    assert run.returncode == 1, run.stdout
    assert "缺少文件：site/index.html" in run.stdout
    assert f"多出文件：site/index.html（在压缩包中副本文件夹“{copy.name}”之外，解压后不在副本里）" in run.stdout
    assert "系统文件：desktop.ini" in run.stdout


def test_a_zip_of_two_copies_says_so(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    both = repacked(copy, tmp_path / "both.zip", lambda name: [name, name.replace("-2026-11-01/", "-2026-10-01/", 1)])
    run = verify(both)
    assert run.returncode == 2
    assert (f"中有 2 份离线查阅版（{copy.name.replace('-11-', '-10-')}、{copy.name}），请解压后逐一校验") in run.stderr


def windows_zip(copy: Path, archive: Path, top: bool = True) -> Path:
    """What Windows' own zip (发送到 → 压缩(zipped)文件夹) writes on Chinese Windows: the folder, each
    name in the OEM code page (GBK) and no UTF-8 flag (`top`: the folder itself zipped, else its files)."""
    names: dict[bytes, bytes] = {}
    with zipfile.ZipFile(archive, "w") as zipped:
        for number, path in enumerate(sorted(p for p in copy.rglob("*") if p.is_file())):
            name = f"{copy.name}/" * top + path.relative_to(copy).as_posix()
            gbk = name.encode("gbk")
            placeholder = name if name.isascii() else f"{number:03d}".ljust(len(gbk) - 3, "Q") + f"{number:03d}"
            names[placeholder.encode()] = gbk
            zipped.writestr(placeholder, path.read_bytes())
    raw = archive.read_bytes()
    for placeholder, gbk in names.items():
        raw = raw.replace(placeholder, gbk)
    archive.write_bytes(raw)
    return archive


def test_a_zip_repacked_on_chinese_windows_keeps_its_names(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    archive = windows_zip(copy, tmp_path / "gbk.zip", top=False)
    with zipfile.ZipFile(archive) as zipped:
        assert all(info.flag_bits & 0x800 == 0 for info in zipped.infolist())
        assert "使用说明.txt" not in zipped.namelist()  # what a reader without the fallback sees
    run = verify(archive)
    assert run.returncode == 0, run.stdout


def flagless(archive: Path, encode: Callable[[str], bytes]) -> Path:
    """The copy's zip rewritten as a zipper without the UTF-8 flag writes it: each name as `encode` gives its bytes."""
    copy_names = zipfile.ZipFile(archive).namelist()
    names: dict[bytes, bytes] = {}
    target = archive.with_name("flagless.zip")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as zipped:
        for number, name in enumerate(copy_names):
            raw = encode(name)
            placeholder = name if name.isascii() else f"{number:03d}".ljust(len(raw) - 3, "Q") + f"{number:03d}"
            names[placeholder.encode()] = raw
            zipped.writestr(placeholder, source.read(name))
    data = target.read_bytes()
    for placeholder, raw in names.items():
        data = data.replace(placeholder, raw)
    target.write_bytes(data)
    return target


def offering(archive: Path, project: Path, name: str = "copy.zip") -> subprocess.CompletedProcess[str]:
    """The online build of a one-document project offering `archive` (moved into its offline/ as `name`) for download."""
    (project / "offline").mkdir(parents=True)
    archive.replace(project / "offline" / name)
    (project / "mkdocs.yml").write_text(small_site_yml("测试厅公开目录", "search: false"), encoding="utf-8")
    (project / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (project / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    return mkdocs_build(project / "mkdocs.yml")


def test_a_zip_repacked_with_utf8_names_but_no_flag_fails_as_windows_would_garble_them(tmp_path: Path) -> None:
    """Chinese Windows' own unzipper reads a name without the UTF-8 flag as GBK: 打开公开目录.html and the
    Chinese attachment would unpack as mojibake, the page's link to the attachment dead."""
    copy = make_copy(tmp_path)
    repacked = flagless(make_zip(copy, tmp_path / "copy.zip"), lambda name: name.encode("utf-8"))
    with zipfile.ZipFile(repacked) as zipped:
        assert all(info.flag_bits & 0x800 == 0 for info in zipped.infolist())
    run = verify(repacked)
    assert run.returncode == 1, run.stdout
    assert "[完好] 6 个文件与清单一致" in run.stdout  # the files themselves are the copy's
    assert "[问题] 压缩包中 3 个中文文件名按 UTF-8 编码，却没有标明" in run.stdout
    assert f"名称会成乱码：{ENTRY}" in run.stdout and "名称会成乱码：site/doc/002986620-202003-00012/附件1 实施方案.pdf" in run.stdout
    assert "校验未通过：文件内容与清单一致，但压缩包中的中文文件名在中文 Windows 上解压会变成乱码" in run.stdout
    assert "不要用 Windows 自带的“全部解压缩”解压这个压缩包" in run.stdout
    assert verify(make_zip(copy, tmp_path / "genuine.zip")).returncode == 0  # gkml's own zip flags its names
    built = offering(repacked, tmp_path / "project")  # nor does the online site offer it for download
    assert built.returncode == 1, built.stderr
    assert ("离线查阅版压缩包 copy.zip：3 个中文文件名按 UTF-8 编码却没有标明（如 使用说明.txt），中文 Windows 解压后会成乱码："
            "压缩包被重新打包过，请发布 gkml offline 生成的原压缩包") in built.stderr


def test_an_older_copy_under_a_newer_copys_name_fails_and_is_not_offered(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """The copy of 2026-10-01, signed and whole, under the name of 2026-11-01's (folder and zip renamed):
    it passed, and the reading room offered it as November's, without what was published in between."""
    copy = make_copy(tmp_path / "made", keys[0])  # …政府信息公开目录-2026-11-01
    finish_copy(copy, Snapshot(SNAPSHOT.agency, date(2026, 10, 1), 3, SNAPSHOT.site_url), signing.load_private_key(keys[0]))
    run = verify(copy, "--key", str(keys[1]))
    assert run.returncode == 1, run.stdout
    assert "签名：有效" in run.stdout and "[完好] 6 个文件与清单一致" in run.stdout
    assert ("[问题] 副本的名称与它的快照日期不符（1 处）：副本是 2026年10月1日 的快照，只收录截至那天公开的文件，"
            "名称却写着另一个日期") in run.stdout
    assert f"名称：{copy.name}（名称上的日期是 2026年11月1日）" in run.stdout
    assert "校验未通过：文件内容与清单一致，但这是 2026年10月1日 的快照，名称上的日期不是它的。" in run.stdout
    assert "请把名称中的日期改回 2026-10-01" in run.stdout
    archive = make_zip(copy, tmp_path / f"{copy.name}.zip")  # the zip's own name and its folder's: two names
    zipped = verify(archive, "--key", str(keys[1]))
    assert zipped.returncode == 1 and "（2 处）" in zipped.stdout and f"名称：{archive.name}（" in zipped.stdout
    unpacked = tmp_path / "桌面" / copy.name  # only the zip renamed, unpacked as Explorer does: into a folder of its name
    renamed_zip = make_zip(copy.rename(copy.with_name(copy.name.replace("2026-11-01", "2026-10-01"))), archive)
    zipfile.ZipFile(renamed_zip).extractall(unpacked)
    explored = verify(unpacked, "--key", str(keys[1]))
    assert explored.returncode == 1 and f"名称：{copy.name}（名称上的日期是 2026年11月1日）" in explored.stdout
    renamed = unpacked / copy.name.replace("2026-11-01", "2026-10-01")
    assert verify(renamed, "--key", str(keys[1])).returncode == 0  # its own name: the older copy it is
    built = offering(archive, tmp_path / "project", archive.name)  # nor does the online site offer it so named
    assert built.returncode == 1, built.stderr
    assert (f"离线查阅版压缩包 {archive.name}：{archive.name} 名称上的日期 2026-11-01 不是其快照日期 2026-10-01"
            "（改过名的旧副本？）：请发布 gkml offline 生成的原压缩包，不要改名") in built.stderr


def test_a_zip_repacked_with_backslashes_fails_as_linux_and_macos_unpack_it_flat(tmp_path: Path) -> None:
    """A zip whose names part folders by '\\' (a Windows tool that writes its own separator): Windows
    unpacks it, but unzip, Python and macOS make every entry one file at the top, named
    copy\\site\\index.html; verify read the names as Windows does and passed it, the online site offered it."""
    copy = make_copy(tmp_path)
    repacked_zip = repacked(copy, tmp_path / "repacked.zip", lambda name: [name.replace("/", "\\")])
    zipfile.ZipFile(repacked_zip).extractall(tmp_path / "unpacked")  # as a Linux reading room unpacks it
    assert (tmp_path / "unpacked" / f"{copy.name}\\site\\index.html").is_file()
    run = verify(repacked_zip)
    assert run.returncode == 1, run.stdout
    assert "[完好] 6 个文件与清单一致" in run.stdout  # the files themselves are the copy's
    assert "[问题] 压缩包中 8 个名称用反斜杠（\\）分隔文件夹（压缩包被重新打包过，不是 gkml 生成的原压缩包）" in run.stdout
    assert f"名称带反斜杠：{copy.name}\\site\\index.html" in run.stdout
    assert "校验未通过：文件内容与清单一致，但压缩包中的名称用反斜杠分隔文件夹，在 Linux 和 macOS 上解压后页面打不开。" in run.stdout
    built = offering(repacked_zip, tmp_path / "project")  # nor does the online site offer it for download
    assert built.returncode == 1, built.stderr
    assert "离线查阅版压缩包 copy.zip：8 个名称用反斜杠分隔文件夹（如 " in built.stderr


def test_a_copy_whose_names_differ_only_in_case_fails_and_is_not_offered(tmp_path: Path) -> None:
    """A copy listing site/Search.html and site/search.html (made before the build refused it): Windows
    and a FAT, exFAT or NTFS stick keep one file for both. Carried there, one was 'missing' and the other
    'altered' with nothing saying why, and redownloading, the advice, gave the same; whole, it passed."""
    copy = make_copy(tmp_path / "made")
    (copy / "site" / "Search.html").write_text("<p>检索说明</p>", encoding="utf-8")
    (copy / "site" / "search.html").write_text("<p>检索</p>", encoding="utf-8")
    finish_copy(copy, SNAPSHOT)
    whole = verify(copy)
    assert whole.returncode == 1, whole.stdout
    assert "[问题] 清单中 1 个文件名与另一个只是大小写不同" in whole.stdout
    assert "大小写重名：site/search.html（与 site/Search.html 只是大小写不同）" in whole.stdout
    assert "校验未通过：副本中有只是大小写不同的文件名，在 Windows 和 U 盘上无法完整保存。" in whole.stdout
    assert "重新下载或重新复制都不能解决" in whole.stdout
    stick = tmp_path / "stick" / copy.name  # as a case-blind stick keeps it: the first name, the last content
    shutil.copytree(copy, stick)
    (stick / "site" / "search.html").replace(stick / "site" / "Search.html")
    carried = verify(stick)
    assert carried.returncode == 1 and "大小写重名：site/search.html" in carried.stdout
    assert "缺少文件：site/search.html" in carried.stdout and "文件被修改：site/Search.html" in carried.stdout
    built = offering(make_zip(copy, tmp_path / "copy.zip"), tmp_path / "project")  # nor does the online site offer it
    assert built.returncode == 1, built.stderr
    assert ("离线查阅版压缩包 copy.zip：1 个文件名与另一个只是大小写不同（如 site/search.html 与 site/Search.html），"
            "在 Windows 上解压会丢失其中一个：请用 gkml offline 重新生成") in built.stderr


def test_two_zips_of_one_snapshot_day_are_not_both_offered(tmp_path: Path) -> None:
    """The zip saved twice (a browser's '… (1).zip') or a same-day copy under another name: the online list
    showed two rows of one date, and a reading room could not tell which digest was the agency's."""
    copy = make_copy(tmp_path / "made")
    archive = make_zip(copy, tmp_path / f"{copy.name}.zip")
    shutil.copy(archive, tmp_path / f"{copy.name} (1).zip")
    built = offering(archive, tmp_path / "project", archive.name)  # a lone zip is offered
    assert built.returncode == 0, built.stderr
    shutil.move(tmp_path / f"{copy.name} (1).zip", tmp_path / "project" / "offline")
    twice = mkdocs_build(tmp_path / "project" / "mkdocs.yml")
    assert twice.returncode == 1, twice.stderr
    assert (f"离线查阅版：离线查阅版压缩包 {copy.name} (1).zip 与 {archive.name} 是同一份副本（2026年11月1日 的快照，清单相同），"
            "列表上会出现两个“最新”：请删除其中一个") in twice.stderr
    (copy / "site" / "index.html").write_text("<!doctype html><title>首页（更正）</title>", encoding="utf-8")
    finish_copy(copy, SNAPSHOT)
    make_zip(copy, tmp_path / "project" / "offline" / f"{copy.name} (1).zip")
    other = mkdocs_build(tmp_path / "project" / "mkdocs.yml")
    assert other.returncode == 1, other.stderr
    assert (f"离线查阅版压缩包 {copy.name} (1).zip 与 {archive.name} 都是 2026年11月1日 的快照，内容却不同（清单校验值不同），"
            "阅览室无法判断哪个是本机关发布的：请只保留要发布的那一个") in other.stderr


def test_an_empty_folder_added_to_a_copy_is_named_and_the_copy_still_passes(tmp_path: Path) -> None:
    """An empty folder adds nothing a reader can open and changes no file of the copy: the copy is
    complete and unaltered, and the report names the folder so nothing added goes unsaid."""
    copy = make_copy(tmp_path)
    (copy / "新建文件夹").mkdir()
    (copy / "site" / "doc" / "请访问新网站" / "空").mkdir(parents=True)
    run = verify(copy)
    assert run.returncode == 0, run.stdout
    assert "[无害] 多出 2 个空文件夹" in run.stdout
    assert "空文件夹：新建文件夹" in run.stdout and "空文件夹：site/doc/请访问新网站/空" in run.stdout
    assert "[问题]" not in run.stdout and "删除或保留都不影响副本" in run.stdout
    archive = make_zip(copy, tmp_path / "copy.zip")  # gkml writes no folder entries; a zipper that does
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr(f"{copy.name}/site/", b"")  # a folder with files: not empty, not told
        zipped.writestr(f"{copy.name}/新建文件夹/", b"")
        zipped.writestr(f"{copy.name}/.Trashes/", b"")  # what a Mac leaves: a system folder, not an empty one
    zipped_run = verify(archive)
    assert zipped_run.returncode == 0, zipped_run.stdout
    assert "[无害] 多出 1 个空文件夹" in zipped_run.stdout and "空文件夹：新建文件夹" in zipped_run.stdout
    assert "系统文件：.Trashes" in zipped_run.stdout


def test_a_signed_copy_carried_on_a_fat_stick_through_windows_still_passes(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """A FAT32/exFAT stick: names that fit 8.3 shown in capitals (SITE, MANIFEST.SIG, FEED.XML), times
    rounded to 2 s; Windows then adds Thumbs.db, desktop.ini and, copied on through WSL or Samba, each
    download's Zone.Identifier stream as a file of its own. Windows opens FEED.XML as feed.xml: the copy
    works there; on a disk that tells case apart it does not, and is told so."""
    copy = make_copy(tmp_path / "made", keys[0])
    (copy / "site" / "feed.xml").write_text("<feed/>", encoding="utf-8")
    finish_copy(copy, SNAPSHOT, signing.load_private_key(keys[0]))
    stick = tmp_path / "stick" / copy.name
    shutil.copytree(copy, stick)
    for path in sorted(stick.rglob("*"), key=lambda p: -len(p.parts)):  # deepest first: renaming a folder moves its files
        stem, _dot, suffix = path.name.partition(".")
        if len(stem) <= 8 and len(suffix) <= 3 and "." not in suffix and path.name.isascii():
            path.rename(path.with_name(path.name.upper()))
    for path in stick.rglob("*"):
        os.utime(path, ns=(path.stat().st_mtime_ns // 2_000_000_000 * 2_000_000_000,) * 2)
    (stick / "SITE" / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8))
    (stick / "desktop.ini").write_text("[.ShellClassInfo]", encoding="utf-8")
    (stick / f"{ENTRY}:Zone.Identifier").write_text("[ZoneTransfer]\r\nZoneId=3\r\n", encoding="utf-8")
    (stick / "SITE" / "DOC" / "002986620-202003-00012" / "附件1 实施方案.pdf:Zone.Identifier").write_text("[ZoneTransfer]", encoding="utf-8")
    assert {"MANIFEST.SIG", "SITE", "SHA256SUMS"} <= {p.name for p in stick.iterdir()}
    run = verify(stick, "--key", str(keys[1]))
    assert "签名：有效" in run.stdout
    assert "[无害] 4 个文件是 Windows 或 macOS 自动生成的" in run.stdout
    assert f"系统文件：{ENTRY}:Zone.Identifier" in run.stdout
    assert "大小写不同：SITE/FEED.XML（清单中为 site/feed.xml）" in run.stdout and "大小写不同：MANIFEST.SIG（清单中为 manifest.sig）" in run.stdout
    if (stick / "site" / "feed.xml").is_file():  # a disk blind to case (Windows, macOS, the stick itself): it works
        assert run.returncode == 0, run.stdout
        assert "校验通过：副本完整、未被修改，且确为签名者发布" in run.stdout and "[问题]" not in run.stdout
    else:  # copied on from the stick to a disk that tells case apart (ext4: 统信 UOS, 麒麟): SITE/ is not site/
        # there, and the entry page's link to site/index.html, every page's to site/…, fail; it was told harmless
        assert run.returncode == 1, run.stdout
        assert "个文件名的大小写与清单不同" in run.stdout and "副本所在的磁盘区分大小写" in run.stdout
        assert "校验未通过：文件内容与清单一致，但部分文件名的大小写与清单不同，在本机区分大小写的磁盘上页面和附件打不开。" in run.stdout
        assert "请把原压缩包直接解压到本机的磁盘" in run.stdout and "Windows 和 macOS 不区分大小写" not in run.stdout
    (stick / "SITE" / "FEED.XML").write_text("<feed>改</feed>", encoding="utf-8")
    changed = verify(stick)
    assert changed.returncode == 1 and "文件被修改：SITE/FEED.XML" in changed.stdout


def test_a_copy_whose_folder_was_recased_says_which_folder_to_rename_not_every_file(tmp_path: Path) -> None:
    """A tool writing to a FAT32 stick made the copy's site folder SITE (and, below it, doc DOC). On a disk
    that tells case apart no page opens; the report listed every file below it in other case and asked the
    librarian to rename them all (thousands in a real copy), not the one folder that mends them."""
    copy = make_copy(tmp_path / "made")
    stick = tmp_path / "U 盘" / copy.name
    shutil.copytree(copy, stick)
    (stick / "site" / "doc").rename(stick / "site" / "DOC")
    (stick / "site").rename(stick / "SITE")
    (stick / "SITE" / "index.html").rename(stick / "SITE" / "INDEX.HTML")  # a file's own name recased too
    run = verify(stick)
    assert "文件夹大小写不同：SITE（清单中为 site，其中 3 个文件）" in run.stdout, run.stdout
    assert "文件夹大小写不同：SITE/DOC（清单中为 site/doc，其中 2 个文件）" in run.stdout
    assert "大小写不同：SITE/INDEX.HTML（清单中为 site/index.html）" in run.stdout  # its own name: told itself
    assert "大小写不同：SITE/DOC/002986620-202003-00012.html" not in run.stdout  # the folders' renames mend it
    assert "缺少文件" not in run.stdout
    if not (stick / "site").is_dir():  # a disk that tells case apart (ext4): the folders to rename, outermost first
        assert run.returncode == 1, run.stdout
        advice = run.stdout.split("怎么办：", 1)[1]
        assert advice.index("请把文件夹 SITE 改名为 site") < advice.index("请把文件夹 site/DOC 改名为 doc"), advice
    else:
        assert run.returncode == 0, run.stdout


def test_a_copy_that_kept_only_its_8_3_short_names_says_so(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """Copied with `xcopy /n` (or onto a device without long names): each long name left as its 8.3
    alias (SHA256~1, MANIFE~1.JSO, on Chinese Windows 附件1~1.PDF). It failed as "not a copy", or as
    one file missing and one extra, without saying why; the content is the copy's, the names are lost."""
    copy = make_copy(tmp_path / "made", keys[0])
    stick = tmp_path / "stick" / "安徽省~1"
    shutil.copytree(copy, stick)
    attachment = stick / "site" / "doc" / "002986620-202003-00012" / "附件1 实施方案.pdf"
    attachment.rename(attachment.with_name("附件1~1.PDF"))
    (stick / "SHA256SUMS").rename(stick / "SHA256~1")
    (stick / ENTRY).rename(stick / "打开公~1.HTM")
    (stick / "manifest.json").rename(stick / "MANIFE~1.JSO")
    run = verify(stick.parent, "--key", str(keys[1]))  # the stick's root: the copy's folder found by its manifest's alias
    assert run.returncode == 1, run.stdout + run.stderr
    assert "签名：有效" in run.stdout  # the manifest read by its alias: its facts are the agency's
    assert "[问题] 4 个文件只剩 8.3 短文件名" in run.stdout
    for short, long in (("SHA256~1", "SHA256SUMS"), ("MANIFE~1.JSO", "manifest.json"), ("打开公~1.HTM", ENTRY),
                        ("site/doc/002986620-202003-00012/附件1~1.PDF", "site/doc/002986620-202003-00012/附件1 实施方案.pdf")):
        assert f"短文件名：{short}（即 {long}）" in run.stdout
    assert "缺少文件" not in run.stdout and "多出文件" not in run.stdout and "SHA256SUMS 缺失" not in run.stdout
    assert "xcopy /n" in run.stdout and "文件内容与清单一致，但部分文件名只剩 8.3 短文件名" in run.stdout
    (stick / "site" / "doc" / "002986620-202003-00012" / "附件1~1.PDF").write_bytes(b"%PDF-1.4 " + bytes(256))  # same size
    replaced = verify(stick, "--key", str(keys[1]))
    assert "缺少文件：site/doc/002986620-202003-00012/附件1 实施方案.pdf" in replaced.stdout
    assert "多出文件：site/doc/002986620-202003-00012/附件1~1.PDF" in replaced.stdout  # another file: not its alias


def test_forged_copy_rewritten_with_its_manifest_fails_the_signature(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    copy = make_copy(tmp_path, keys[0])
    (copy / "site" / "index.html").write_text("<p>伪造的首页</p>", encoding="utf-8")
    forged = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    forged["documents"] = 999
    forged["snapshot"] = "2027-01-01"
    data = (copy / "site" / "index.html").read_bytes()
    forged["sha256"]["site/index.html"] = hashlib.sha256(data).hexdigest()
    forged["bytes"]["site/index.html"] = len(data)
    (copy / "manifest.json").write_text(json.dumps(forged, ensure_ascii=False), encoding="utf-8")
    (copy / "SHA256SUMS").write_text("".join(f"{v}  {k}\n" for k, v in forged["sha256"].items()), encoding="utf-8")
    unsigned_check = verify(copy)
    assert "清单自述，未经签名证实" in unsigned_check.stdout  # files and manifest agree: only the signature tells
    run = verify(copy, "--key", str(keys[1]))
    assert run.returncode == 1
    assert "签名：无效" in run.stdout and "停止使用本副本" in run.stdout
    assert "来自已核对签名的清单" not in run.stdout
    other = tmp_path / "other"
    other.mkdir()
    signing.generate(other / "k.pem", other / "p.pem")
    genuine = make_copy(tmp_path / "genuine", keys[0])
    assert "签名：无效" in verify(genuine, "--key", str(other / "p.pem")).stdout  # right copy, someone else's key
    sig = bytearray((genuine / "manifest.sig").read_bytes())
    sig[len(sig) // 2] ^= 1  # one byte of the signature itself: the file named, beside the manifest it signs
    (genuine / "manifest.sig").write_bytes(bytes(sig))
    damaged = verify(genuine, "--key", str(keys[1]))
    assert damaged.returncode == 1 and "签名：无效！签名文件 manifest.sig 与清单 manifest.json 对不上" in damaged.stdout
    manifest = (genuine / "manifest.json").read_bytes()  # replaced by the manifest's signature by another key
    (genuine / "manifest.sig").write_bytes(signing.sign(signing.load_private_key(other / "k.pem"), manifest))
    assert "签名文件 manifest.sig 与清单 manifest.json 对不上" in verify(genuine, "--key", str(keys[1])).stdout
    (genuine / "manifest.sig").write_bytes(b"A" * 5000)  # no signature is that long: a bad one, not none
    oversized = verify(genuine, "--key", str(keys[1]))
    assert oversized.returncode == 1 and "签名：无效" in oversized.stdout, oversized.stdout
    assert "签名：副本带有签名，但未核对" in verify(genuine).stdout
    (genuine / "manifest.sig").unlink()
    missing = verify(genuine, "--key", str(keys[1]))
    assert missing.returncode == 1 and "没有签名文件 manifest.sig" in missing.stdout


@pytest.mark.parametrize("content", [
    b"", b"{", b"[" * 100_000, b"\xff\xfe", b'{"format": "x"}', b"[]",
    b'{"agency": "a", "snapshot": "2026-11-01", "documents": 1, "sha256": {"../../etc/passwd": "' + b"0" * 64
    + b'"}, "bytes": {"../../etc/passwd": 1}}',
    b'{"agency": "a", "snapshot": "2026-11-01", "documents": 1, "documents": 2, "sha256": {}, "bytes": {}}',
    b'{"agency": "a", "snapshot": "20261101", "documents": 1, "sha256": {"a": "0"}, "bytes": {"a": 1}}',
    b'{"agency": "a", "snapshot": "2026-11-01", "documents": NaN, "sha256": {"a": "0"}, "bytes": {"a": 1}}',
    b'{"agency": "a", "snapshot": "2026-11-01", "documents": true, "sha256": {"a": "0"}, "bytes": {"a": 1}}',
    # lone surrogates: text no UTF-8 file can hold (the online list of copies failed writing one)
    b'{"agency": "a\\ud800", "snapshot": "2026-11-01", "documents": 1, "sha256": {"a": "' + b"0" * 64
    + b'"}, "bytes": {"a": 1}}',
    b'{"agency": "a", "snapshot": "2026-11-01", "documents": 1, "sha256": {"a\\udfff": "' + b"0" * 64
    + b'"}, "bytes": {"a\\udfff": 1}}',
    b'{"agency": "a", "site_url": "https://x/\\ud800", "snapshot": "2026-11-01", "documents": 1, "sha256": {"a": "'
    + b"0" * 64 + b'"}, "bytes": {"a": 1}}',
])
def test_broken_or_forged_manifest_is_a_chinese_message(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(ManifestError):
        parse_manifest(content)
    copy = make_copy(tmp_path)
    (copy / "manifest.json").write_bytes(content)
    run = verify(copy)
    assert run.returncode == 1 and "清单无法使用" in run.stdout and "Traceback" not in run.stderr


def test_verify_names_what_to_check_instead(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    inner = verify(copy / "site")
    assert inner.returncode == 2 and "请校验上一级文件夹" in inner.stderr
    parent = verify(tmp_path)
    assert parent.returncode == 0 and "校验其中的离线查阅版" in parent.stdout
    (tmp_path / "note.txt").write_text("x", encoding="utf-8")
    assert "不是文件夹，也不是 zip 压缩包" in verify(tmp_path / "note.txt").stderr
    assert "找不到" in verify(tmp_path / "nowhere").stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "不是离线查阅版" in verify(empty).stderr
    bad_key = tmp_path / "bad.pem"
    bad_key.write_text("not a key", encoding="utf-8")
    assert "不是 PEM 格式的公钥" in verify(copy, "--key", str(bad_key)).stderr


def test_file_names_cannot_fake_report_lines(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    (copy / "x\n结论：校验通过：副本完整").write_text("x", encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 1
    assert not any(line.startswith("结论：校验通过") for line in run.stdout.splitlines())


def test_css_string_cannot_break_out() -> None:
    assert css_string('a"b\\c\n}') == '"a\\"b\\\\c}"'


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8")))
def test_manifest_and_sums_parsers_never_raise_anything_else(raw: bytes) -> None:
    for parse in (parse_manifest, parse_sums):
        try:
            parse(raw)
        except ManifestError:
            pass


def test_damaged_zips_end_in_a_report_or_a_message(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """Bytes flipped across a real copy's zip (headers, data, central directory): never a traceback."""
    copy = make_copy(tmp_path, keys[0])
    genuine = make_zip(copy, tmp_path / "copy.zip").read_bytes()
    key = signing.load_public_key(keys[1])
    outcomes = set()
    for offset in range(0, len(genuine), max(1, len(genuine) // 150)):
        damaged = bytearray(genuine)
        damaged[offset] ^= 0xFF
        target = tmp_path / "damaged.zip"
        target.write_bytes(bytes(damaged))
        try:
            opened = open_copy(target)
        except CopyError:
            outcomes.add("message")
            continue
        try:
            result = check_copy(opened.source, [key])
            render(result)
            outcomes.add("passed" if result.ok else "failed")
        finally:
            opened.close()
    assert "failed" in outcomes and "message" in outcomes



def test_a_zip_of_names_thousands_of_folders_deep_costs_what_its_bytes_do(tmp_path: Path) -> None:
    """A zip entry's name may be 64 KB: 21,000 folders deep. Verify listed every folder of every name
    (each a prefix of it), 3.9 GB and 36 s for three such names in a 1.2 MB zip; ten are told as
    extra files within a gigabyte of memory."""
    copy = make_copy(tmp_path)
    archive = make_zip(copy, tmp_path / "deep.zip")
    with zipfile.ZipFile(archive, "a") as deep:
        for n in range(10):
            deep.writestr(f"{copy.name}/site/" + f"d{n}/" * 21_000 + "x.html", b"x")
    limit = 1 << 30

    def bounded() -> None:  # address space: the old way ends in MemoryError, not in swapping the machine
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    run = subprocess.run([sys.executable, "-m", "gkml.cli", "verify", str(archive)], check=False, capture_output=True,
                         text=True, encoding="utf-8", timeout=300, preexec_fn=bounded)  # hang guard
    assert run.returncode == 1, run.stderr
    assert "多出 10 个不属于本副本的文件" in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) < 400  # each name's ends and its length, not 63,000 characters
    assert f"d9/d9/x.html（共 {len('site/') + 21_000 * 3 + len('x.html')} 个字符）" in run.stdout
    assert "[问题] 缺少" not in run.stdout and "被修改" not in run.stdout



def test_a_copy_holding_an_attachment_larger_than_its_memory_is_finished_and_verified(tmp_path: Path) -> None:
    """An attachment of 320 MB (a meeting's video; sparse here) in a process allowed 256 MB of address
    space: finishing the copy read each file whole to hash it, a MemoryError (on a real machine, gigabytes
    of memory for a video). Both the finishing and verify read in blocks."""
    copy = make_copy(tmp_path)
    video = copy / "site" / "doc" / "002986620-202003-00012" / "会议录像.mp4"
    with video.open("wb") as stream:
        stream.truncate(320 << 20)
    limit = 256 << 20

    def bounded() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    finish = ("import sys; from datetime import date; from pathlib import Path; "
              "from gkml.outputs.offline.copy import finish_copy; from gkml.outputs.offline.snapshot import Snapshot; "
              "finish_copy(Path(sys.argv[1]), Snapshot('安徽省应急管理厅', date(2026, 11, 1), 3))")
    for command in ([sys.executable, "-c", finish, str(copy)], [sys.executable, "-m", "gkml.cli", "verify", str(copy)]):
        run = subprocess.run(command, check=False, capture_output=True, text=True, encoding="utf-8", timeout=300,
                             preexec_fn=bounded)  # hang guard
        assert run.returncode == 0, run.stderr[-2000:]
    assert parse_manifest((copy / "manifest.json").read_bytes()).sizes[video.relative_to(copy).as_posix()] == 320 << 20
    assert "[完好] 7 个文件与清单一致" in run.stdout


def test_what_a_fat32_stick_cannot_hold_is_told_when_the_copy_is_made() -> None:
    """FAT32, most sticks' format, holds no file of 4 GiB: a copy's zip past it (or an attachment) failed
    only when the reading room copied it ("文件过大"), nothing said by gkml offline."""
    sizes = {"site/index.html": 1000, "site/doc/a/录像.mp4": FAT32_FILE}
    assert fat32_note(FAT32_FILE, sizes) == ""  # 4 GiB less one byte: the largest file FAT32 holds
    assert fat32_note(None, sizes) == ""
    zipped = fat32_note(FAT32_FILE + 1, sizes)
    assert zipped.startswith("压缩包有 4.0 GB，超过 4 GB：FAT32 格式的 U 盘") and "解压后把文件夹拷到 U 盘" in zipped
    inside = fat32_note(None, {**sizes, "site/doc/a/录像.mp4": FAT32_FILE + 1})
    assert inside.startswith("离线查阅版中有 1 个文件超过 4 GB（如 site/doc/a/录像.mp4）") and "exFAT 或 NTFS" in inside


def central_directory_damaged(genuine: bytes, damage: str) -> bytes:
    """The zip with its first central-directory entry damaged as a bad disk or a bad copy does."""
    entry = genuine.index(b"PK\x01\x02")
    damaged = bytearray(genuine)
    if damage == "version":
        damaged[entry + 6] = 235  # "version needed to extract" 23.5: zipfile refuses (NotImplementedError)
    else:
        damaged[entry + 46] = 0xFF  # the first byte of a name flagged UTF-8: not UTF-8 (UnicodeDecodeError)
    return bytes(damaged)


@pytest.mark.parametrize("damage", ["version", "name"])
def test_a_damaged_zip_directory_is_a_message_to_verify_and_to_the_online_build(tmp_path: Path, damage: str) -> None:
    copy = make_copy(tmp_path)
    damaged = central_directory_damaged(make_zip(copy, tmp_path / "copy.zip").read_bytes(), damage)
    (tmp_path / "copy.zip").unlink()
    shutil.rmtree(copy)
    (tmp_path / "project" / "offline").mkdir(parents=True)
    archive = tmp_path / "project" / "offline" / "copy.zip"
    archive.write_bytes(damaged)
    run = verify(archive)
    assert run.returncode == 2 and "已损坏，无法读取。请重新下载。" in run.stderr and "Traceback" not in run.stderr
    project = tmp_path / "project"
    (project / "mkdocs.yml").write_text(small_site_yml("测试厅公开目录", "search: false"), encoding="utf-8")
    (project / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (project / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    built = mkdocs_build(project / "mkdocs.yml")
    assert built.returncode == 1
    assert "离线查阅版：离线查阅版压缩包 copy.zip：压缩包已损坏或不完整，无法读取" in built.stderr
    assert "Traceback" not in built.stderr


def _with_agency(copy: Path, target: Path, agency: str) -> None:
    """A zip of `copy` whose manifest names `agency` (written as JSON escapes, as any program may)."""
    with zipfile.ZipFile(make_zip(copy, target.with_name("genuine.zip"))) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("/manifest.json"):
                data = json.dumps({**json.loads(data), "agency": agency}).encode("ascii")
            out.writestr(info, data)
    target.with_name("genuine.zip").unlink()


def test_a_copys_agency_reaches_the_online_list_as_text_or_stops_the_build_with_a_message(tmp_path: Path) -> None:
    """The online list of copies (offline/snapshots.json) is read from the zips' manifests: markup
    in one is JSON text like every other file's (no < > &), a lone surrogate a Chinese message
    naming the zip (it was a UnicodeEncodeError traceback)."""
    project = tmp_path / "project"
    (project / "offline").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(small_site_yml("测试厅公开目录", "search: false"), encoding="utf-8")
    (project / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (project / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    copy = make_copy(tmp_path)
    _with_agency(copy, project / "offline" / "markup.zip", "测试厅</script><b>&")
    built = mkdocs_build(project / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    listing = (project / "site" / "offline" / "snapshots.json").read_text(encoding="utf-8")
    assert json.loads(listing)["copies"][0]["agency"] == "测试厅</script><b>&"
    assert not {"<", ">", "&"} & set(listing)
    _with_agency(copy, project / "offline" / "surrogate.zip", "测试厅\ud800")
    refused = mkdocs_build(project / "mkdocs.yml")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert "离线查阅版压缩包 surrogate.zip：清单缺少发布机关（agency）或其值不对" in refused.stderr


def test_a_copy_signed_before_the_agency_replaced_its_key_is_proved_by_the_key_it_retired(
        tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """Signed with the key the agency then replaced: checked with today's key it was "forged, stop using it",
    and the online build refused to list it; the site published no old key to prove it with."""
    project = tmp_path / "project"
    (project / "offline").mkdir(parents=True)
    shutil.copy(keys[1], project / "old.pem")
    signing.generate(tmp_path / "new-key.pem", project / "new.pem")
    copy = make_copy(tmp_path / "made", keys[0])  # the old key's
    archive = make_zip(copy, project / "offline" / f"{copy.name}.zip")
    today = verify(archive, "--key", str(project / "new.pem"))
    assert today.returncode == 1 and "签名：无效" in today.stdout
    assert "还公布以前用过的公钥" in today.stdout and "--key 旧公钥.pem" in today.stdout  # what to do about it
    both = verify(archive, "--key", str(project / "new.pem"), "--key", str(project / "old.pem"))
    old = signing.load_public_key(project / "old.pem")
    assert both.returncode == 0, both.stdout
    assert f"签名：有效。用公钥（指纹 {signing.fingerprint(old)}）核对" in both.stdout
    (project / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (project / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    yml = project / "mkdocs.yml"
    yml.write_text(small_site_yml("测试厅公开目录", "search: false", "snapshots: {public_key: new.pem}"), encoding="utf-8")
    refused = mkdocs_build(yml)
    assert refused.returncode == 1 and "签名与配置的公钥（snapshots.public_key）不符" in refused.stderr
    yml.write_text(small_site_yml("测试厅公开目录", "search: false", "snapshots: {public_key: new.pem, retired_keys: [old.pem]}"),
                   encoding="utf-8")
    built = mkdocs_build(yml)
    assert built.returncode == 0, built.stderr
    plain = signing.fingerprint(old).replace(" ", "")
    published = project / "site" / "offline" / f"旧公钥-{plain[:8]}.pem"
    assert published.read_bytes() == signing.public_pem(old)
    listing = json.loads((project / "site" / "offline" / "snapshots.json").read_text(encoding="utf-8"))
    assert listing["retired_key_fingerprints"] == [plain] and listing["copies"][0]["key_fingerprint"] == plain
    page = html.unescape((project / "site" / "offline" / "index.html").read_text(encoding="utf-8"))
    assert "已签名（用停用的旧公钥）" in page and signing.fingerprint(old) in page
    assert f"gkml verify --key 公钥.pem --key 旧公钥-{plain[:8]}.pem 副本文件夹或压缩包" in page


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_zip_cut_short_is_called_incomplete_not_something_else(tmp_path: Path, keep: float) -> None:
    """A download or copy that stopped part way keeps the zip's start and loses its directory."""
    genuine = make_zip(make_copy(tmp_path), tmp_path / "copy.zip").read_bytes()
    cut = tmp_path / "copy-cut.zip"
    cut.write_bytes(genuine[: int(len(genuine) * keep)])
    renamed = tmp_path / "副本"  # the same bytes without the .zip a browser may drop
    renamed.write_bytes(cut.read_bytes())
    for target in (cut, renamed):
        run = verify(target)
        assert run.returncode == 2 and "不完整或已损坏" in run.stderr and "请重新下载" in run.stderr, run.stderr


@pytest.mark.timeout(120)
def test_a_fifo_named_manifest_json_is_not_opened(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    (copy / "manifest.json").unlink()
    os.mkfifo(copy / "manifest.json")
    run = verify(copy)
    assert run.returncode == 1 and "manifest.json 缺失、过大或不是普通文件" in run.stdout


def test_a_signed_copy_without_its_manifest_is_not_called_unsigned(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    copy = make_copy(tmp_path, keys[0])
    (copy / "manifest.json").unlink()
    run = verify(copy, "--key", str(keys[1]))
    assert run.returncode == 1 and "签名：清单 manifest.json 无法读取，签名无法核对" in run.stdout
    assert "没有签名" not in run.stdout


def test_rewriting_a_copy_leaves_nothing_of_the_earlier_one(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    copy = make_copy(tmp_path, keys[0])
    (copy / "desktop.ini").write_text("x", encoding="utf-8")
    finish_copy(copy, SNAPSHOT)  # unsigned this time
    assert not (copy / "manifest.sig").exists() and not (copy / "desktop.ini").exists()
    assert verify(copy).returncode == 0


def test_entry_page_keeps_supplied_text_as_text() -> None:
    hostile = Snapshot('x"><script>window.__pwned=1</script>', date(2026, 11, 1), 1, "javascript:alert(1)//")
    page = entry_page(hostile, signed=False)
    assert "<script>window" not in page and "&lt;script&gt;" in page
    # the entry page runs gkml's reader settings alone: the policy's one hash and the copy's reader.js
    assert page.lower().count("<script") == 2 and '<script src="site/assets/gkml/js/reader.js"></script>' in page
    assert "default-src 'none'; script-src 'self' 'sha256-" in html.unescape(page)


def test_manifest_paths_cannot_fake_report_lines(tmp_path: Path) -> None:
    copy = make_copy(tmp_path)
    data = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    data["sha256"]["x\n结论：校验通过"] = "0" * 64
    data["bytes"]["x\n结论：校验通过"] = 1
    (copy / "manifest.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 1
    assert not any(line.startswith("结论：校验通过") for line in run.stdout.splitlines())


def test_keygen_writes_an_owner_only_private_key_openssl_reads_and_never_overwrites(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "gkml.cli", "keygen", "--out", str(tmp_path)], check=False,
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0 and "公钥指纹" in run.stdout
    private = tmp_path / "offline-signing-key.pem"
    assert private.stat().st_mode & 0o077 == 0
    again = subprocess.run([sys.executable, "-m", "gkml.cli", "keygen", "--out", str(tmp_path)], check=False,
                           capture_output=True, text=True, encoding="utf-8")
    assert again.returncode == 2 and "已存在，不会覆盖" in again.stderr
    if shutil.which("openssl"):  # the documented openssl steps check what gkml signs
        copy = make_copy(tmp_path / "c", private)
        check = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "offline-signing-key.pub.pem"),
                                "-rawin", "-in", "manifest.json", "-sigfile", "manifest.sig"], check=False, cwd=copy,
                               capture_output=True, text=True)
        assert "Signature Verified Successfully" in check.stdout, check.stdout + check.stderr


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_keys_made_by_the_documented_openssl_steps_sign_and_verify(tmp_path: Path) -> None:
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", "key.pem"], check=True, cwd=tmp_path)
    subprocess.run(["openssl", "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"], check=True, cwd=tmp_path)
    copy = make_copy(tmp_path / "c", tmp_path / "key.pem")
    run = verify(copy, "--key", str(tmp_path / "pub.pem"))
    assert run.returncode == 0 and "来自已核对签名的清单" in run.stdout


def test_a_public_key_saved_by_notepad_as_unicode_verifies_and_a_key_of_the_other_kind_is_named(
        tmp_path: Path, keys: tuple[Path, Path]) -> None:
    """A librarian pastes the key the page shows into Notepad and saves it as "Unicode" (UTF-16): the PEM
    it shows was refused as not starting with -----BEGIN PUBLIC KEY-----. The agency's private key given
    instead (or a public key to sign with) was 'not a PEM key', nothing said of which one is needed."""
    copy = make_copy(tmp_path, keys[0])
    saved = tmp_path / "公钥.pem"
    saved.write_bytes(keys[1].read_text("ascii").replace("\n", "\r\n").encode("utf-16"))  # with its BOM
    run = verify(copy, "--key", str(saved))
    assert run.returncode == 0 and "签名：有效" in run.stdout, run.stdout + run.stderr
    private = verify(copy, "--key", str(keys[0]))
    assert private.returncode == 2
    assert f"gkml verify: {keys[0]} 是私钥，不是公钥：核对签名只需要本机关网站“离线查阅版”页面公布的公钥。" in private.stderr
    with pytest.raises(signing.KeyFileError, match="是公钥，不是私钥：签名要用 gkml keygen 生成的私钥"):
        signing.load_private_key(keys[1])


def test_the_copy_is_dated_by_the_build_clock_not_the_machine(tmp_path: Path) -> None:
    """Without --snapshot, the copy is dated the day its catalogue is published as of: the
    build's own clock (Asia/Shanghai, or build_time), as every other date gkml shows."""
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试厅公开目录", "search: false",
                                                        'build_time: "2026-03-01 23:30"'), encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (tmp_path / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(tmp_path), "--out",
                           str(tmp_path / "out"), "--no-zip"], capture_output=True, text=True, encoding="utf-8",
                          timeout=600, check=False)  # a hang guard
    assert made.returncode == 0, made.stderr
    (copy,) = (tmp_path / "out").iterdir()
    assert copy.name.endswith("-2026-03-01")
    assert parse_manifest((copy / "manifest.json").read_bytes()).snapshot == date(2026, 3, 1)


@pytest.mark.parametrize("day", ["2026-03-02", "2026-02-28"])
def test_a_copy_is_never_labelled_with_a_day_other_than_the_moment_it_holds(tmp_path: Path, day: str) -> None:
    """--snapshot a day after the build's moment: labelled with what it does not hold (what was published
    since); a day before: "本副本截至" that day, holding what was published after it. Refused, nothing written."""
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试厅公开目录", "search: false",
                                                        'build_time: "2026-03-01 23:30"'), encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (tmp_path / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(tmp_path), "--out",
                           str(tmp_path / "out"), "--snapshot", day, "--no-zip"], capture_output=True, text=True,
                          encoding="utf-8", timeout=600, check=False)  # a hang guard
    assert made.returncode == 2, made.stderr
    assert (f"gkml offline: 快照日期 {day} 与离线查阅版收录的时刻（北京时间 2026-03-01 23:30）不是同一天："
            f"副本收录的是那一刻已公开的文件，标为 {day} 会让查阅者误以为它是那天的目录。请去掉 --snapshot") in made.stderr
    assert not (tmp_path / "out").exists()
    # the same label written in mkdocs.yml is refused by the build, located
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试厅公开目录", "search: false", 'build_time: "2026-03-01 23:30"',
                                                        "offline: true", f"snapshot: {day}"), encoding="utf-8")
    built = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert built.returncode != 0 and f"快照日期 {day} 与离线查阅版收录的时刻" in built.stderr


def test_a_very_long_agency_name_still_makes_a_folder_and_a_zip(tmp_path: Path) -> None:
    name = folder_name("安徽省" * 40 + "应急管理厅", "2026-01-01")
    assert name.startswith("安徽省安徽省") and name.endswith("政府信息公开目录-2026-01-01")
    (tmp_path / name).mkdir()  # a name over 255 bytes: OSError (File name too long)
    (tmp_path / f"{name}.zip").write_bytes(b"")


def offline_project(root: Path, agency: str, *options: str, attachment: str = "") -> subprocess.CompletedProcess[str]:
    """`gkml offline` of a one-document project of `agency` (with its `attachment` when given)."""
    yml = small_site_yml("公开目录", "search: false", 'build_time: "2026-03-01 10:00"', *options)
    (root / "mkdocs.yml").write_text(yml.replace("agency: 测试厅", f"agency: {agency}"), encoding="utf-8")
    folder = root / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    lines = ["attachments:", f"  - file: {attachment}", "    title: 附件"] if attachment else []
    if attachment:
        (folder / attachment).write_bytes(b"%PDF-1.4 x")
    (folder / "a.md").write_text(doc(*lines), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(root), "--out", str(root / "out")],
                          capture_output=True, text=True, encoding="utf-8", timeout=600, check=False)  # a hang guard


def test_a_long_agency_name_and_attachment_name_unpack_within_windows_max_path(tmp_path: Path) -> None:
    """Explorer's 全部解压缩 on the desktop: C:\\Users\\<20>\\Desktop\\<zip's name>\\<folder>\\…, at most 259 characters."""
    attachment = "关于印发《安徽省应急管理厅关于进一步加强危险化学品安全生产监督管理工作的实施意见》的通知附件一：安徽省危险化学品企业安全风险隐患排查治理导则汇编（二〇二六年修订版）.pdf"
    assert len(attachment.encode("utf-8")) <= 255  # as long as a Linux file system holds
    made = offline_project(tmp_path, "中国共产党安徽省纪律检查委员会安徽省监察委员会驻省应急管理厅纪检监察组", attachment=attachment)
    assert made.returncode == 0, made.stderr
    (archive,) = (tmp_path / "out").glob("*.zip")
    desktop = "C:\\Users\\" + "u" * 20 + "\\Desktop\\" + archive.stem + "\\"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
    assert any(name.endswith(attachment) for name in names)
    assert max(len(desktop + name.replace("/", "\\")) for name in names) <= 259


def test_a_path_too_long_for_windows_is_named_and_no_zip_is_made(tmp_path: Path) -> None:
    deep = "pages/" + "a" * 60 + "/" + "b" * 60 + "/" + "c" * 40 + ".md"
    (tmp_path / "content" / deep).parent.mkdir(parents=True)
    (tmp_path / "content" / deep).write_text("---\ntitle: 公开指南\n---\n正文。\n", encoding="utf-8")
    made = offline_project(tmp_path, "安徽省应急管理厅", f"guide_pages: {{公开指南: {deep}}}")
    assert made.returncode == 1, made.stdout + made.stderr
    page = "site/" + deep.removesuffix(".md") + ".html"
    assert f"    {page}（{len(page)} 个字符，本副本中的路径最多 " in made.stderr
    assert "离线查阅版中有 1 个文件的路径太长" in made.stderr and "没有生成压缩包" in made.stderr
    assert "Traceback" not in made.stderr
    assert list((tmp_path / "out").glob("*.zip")) == []


def test_a_page_or_desktop_ini_added_under_a_name_the_system_uses_is_no_system_file(tmp_path: Path) -> None:
    """An added page named like macOS' ._ files, opened beside the entry page by a reader on Windows,
    and a desktop.ini whose icon is on another computer (Explorer connects to it when the folder is
    opened, sending the librarian's Windows login): not what Windows or macOS write, so not harmless."""
    copy = make_copy(tmp_path)
    (copy / "._打开公开目录.html").write_text('<meta http-equiv="refresh" content="0;url=https://例子.test/">',
                                              encoding="utf-8")
    (copy / "site" / "desktop.ini").write_bytes("\ufeff[.ShellClassInfo]\r\nIconResource=\\\\10.0.0.9\\s\\a.ico,0\r\n"
                                                .encode("utf-16-le"))
    (copy / "desktop.ini").write_text("[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n",
                                      encoding="utf-8")
    (copy / "site" / "._index.html").write_bytes(b"\0\5\26\7" + bytes(60))  # what macOS writes
    (copy / "__MACOSX").mkdir()  # a folder of the system's, and in it a page for a reader to open
    (copy / "__MACOSX" / "._打开公开目录.html").write_bytes(b"\0\5\26\7" + bytes(60))
    (copy / "__MACOSX" / "打开公开目录.html").write_text("<p>本副本已过期，请访问……</p>", encoding="utf-8")
    hidden = copy / "site" / "doc" / "System Volume Information"  # made at a disk's top only, never in a folder
    hidden.mkdir()
    (hidden / "002986620-202003-00012.html").write_text("<p>冒充</p>", encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 1, run.stdout
    assert "多出文件：._打开公开目录.html（以 ._ 开头，但不是 macOS 自动生成的文件）" in run.stdout
    assert "多出文件：site/desktop.ini（指向网络位置，资源管理器打开文件夹时会连接它，不是 Windows 自动生成的）" in run.stdout
    assert "多出文件：__MACOSX/打开公开目录.html" in run.stdout
    assert "多出文件：site/doc/System Volume Information/002986620-202003-00012.html" in run.stdout
    assert "系统文件：desktop.ini" in run.stdout and "系统文件：site/._index.html" in run.stdout
    assert "系统文件：__MACOSX/._打开公开目录.html" in run.stdout
    assert "校验未通过" in run.stdout
    guide = (copy / README).read_bytes().decode("utf-8-sig")  # what a librarian checking by hand reads
    assert "不要打开它们：有人可能用这样的名称放入网页" in guide.replace("\r\n", "")


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Thumbs.db: an OLE compound file


def test_a_page_or_script_under_thumbs_db_or_ds_store_is_no_system_file(tmp_path: Path) -> None:
    """Judged by name alone, a page named Thumbs.db (Chromium sniffs a file:// page without a known
    extension as HTML) or a script named .DS_Store passed as harmless: judged by their bytes now."""
    copy = make_copy(tmp_path)
    (copy / "site" / "Thumbs.db").write_text("<!doctype html><script>location='https://例子.test/'</script>", encoding="utf-8")
    (copy / ".DS_Store").write_text("document.write('本副本已过期')", encoding="utf-8")
    (copy / "site" / "doc" / "ehthumbs_vista.db").write_bytes(b"<html>")
    (copy / "site" / "doc" / "Thumbs.db").write_bytes(OLE + bytes(56))  # what Windows writes
    (copy / "site" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1" + bytes(56))  # what macOS writes
    run = verify(copy)
    assert run.returncode == 1, run.stdout
    assert "多出文件：site/Thumbs.db（不是 Windows 自动生成的缩略图缓存）" in run.stdout
    assert "多出文件：.DS_Store（不是 macOS 自动生成的文件夹显示设置）" in run.stdout
    assert "多出文件：site/doc/ehthumbs_vista.db（不是 Windows 自动生成的缩略图缓存）" in run.stdout
    assert "系统文件：site/doc/Thumbs.db" in run.stdout and "系统文件：site/.DS_Store" in run.stdout
    assert "[无害] 2 个" in run.stdout


def test_a_system_files_name_beside_the_copys_folder_in_the_zip_is_judged_by_its_bytes(tmp_path: Path) -> None:
    """A zip's entry at its top, outside the copy's folder, lands beside it unpacked, where a reader
    finds ._打开公开目录.html next to the folder's 打开公开目录.html: it was harmless by its name."""
    copy = make_copy(tmp_path)
    archive = make_zip(copy, tmp_path / "copy.zip")
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr(f"._{ENTRY}", '<meta http-equiv="refresh" content="0;url=https://例子.test/">')
        zipped.writestr("Thumbs.db", "<script>alert(1)</script>")
        zipped.writestr(f"__MACOSX/._{copy.name}", b"\0\5\26\7" + bytes(60))  # what macOS' zip writes
        zipped.writestr("desktop.ini", b"[.ShellClassInfo]")
    run = verify(archive)
    assert run.returncode == 1, run.stdout
    beside = f"在压缩包中副本文件夹“{copy.name}”之外，解压后不在副本里"
    assert f"多出文件：._{ENTRY}（以 ._ 开头，但不是 macOS 自动生成的文件；{beside}）" in run.stdout
    assert f"多出文件：Thumbs.db（不是 Windows 自动生成的缩略图缓存；{beside}）" in run.stdout
    assert f"系统文件：__MACOSX/._{copy.name}" in run.stdout and "系统文件：desktop.ini" in run.stdout


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/New_York"])
def test_the_zips_times_unpack_as_the_files_were_made_in_every_zone(tmp_path: Path, zone: str) -> None:
    """Python wrote the zipping machine's local time, which a zip's DOS time has no zone for: unpacked
    in another zone, the copy's files were 8 h in the future or the past. Zipped here in `zone`, the
    DOS time is China's (Explorer in a reading room) and the extended timestamp UTC (unzip, 7-Zip)."""
    copy = make_copy(tmp_path / "made")
    made = 1_793_505_600  # 2026-11-01 04:00 UTC, 12:00 in China
    for path in copy.rglob("*"):
        os.utime(path, (made, made))
    zipped = tmp_path / "copy.zip"
    script = ("import sys; from pathlib import Path; from gkml.outputs.offline.copy import make_zip; "
              "make_zip(Path(sys.argv[1]), Path(sys.argv[2]))")
    done = subprocess.run([sys.executable, "-c", script, str(copy), str(zipped)], env={**os.environ, "TZ": zone},
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(zipped) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
    assert infos and {info.date_time for info in infos} == {(2026, 11, 1, 12, 0, 0)}
    assert {info.extra for info in infos} == {b"UT\x05\x00\x01" + made.to_bytes(4, "little")}
    if shutil.which("unzip") is None:
        return
    for reader in ("UTC", "Asia/Shanghai"):  # a librarian's machine: unzip reads the extended timestamp
        out = tmp_path / reader.replace("/", "-")
        unzipped = subprocess.run(["unzip", "-q", str(zipped), "-d", str(out)], env={**os.environ, "TZ": reader},
                                  check=False, capture_output=True, text=True, timeout=120)
        assert unzipped.returncode == 0, unzipped.stderr
        assert {int(path.stat().st_mtime) for path in out.rglob("*") if path.is_file()} == {made}


APDISK = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
          b'"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n'
          b"\t<key>APInstanceID</key>\n\t<string>7D1A2B3C-1111-2222-3333-444455556666</string>\n</dict>\n</plist>\n")


def test_apdisk_localized_icon_desktop_ini_and_zone_identifier_are_judged_by_their_bytes(tmp_path: Path) -> None:
    """.apdisk, .localized, Icon\\r, desktop.ini and a download's :Zone.Identifier passed as harmless by
    their names alone: a page under any of them (Chromium sniffs a file:// file of no known type as
    HTML) was no extra file. What the systems write (a property list, empty files, INI text) still is."""
    copy = make_copy(tmp_path)
    page = "<!doctype html><script>location='https://例子.test/'</script>"
    (copy / ".apdisk").write_text(page, encoding="utf-8")
    (copy / "site" / ".localized").write_text(page, encoding="utf-8")
    (copy / "site" / "Icon\r").write_text(page, encoding="utf-8")
    (copy / "site" / "doc" / "desktop.ini").write_text(page, encoding="utf-8")
    (copy / "site" / "index.html:Zone.Identifier").write_text(page, encoding="utf-8")
    (copy / "site" / "doc" / ".apdisk").write_bytes(APDISK)  # what the systems write
    (copy / "site" / "doc" / ".localized").write_bytes(b"")
    (copy / "Icon\r").write_bytes(b"")
    (copy / "desktop.ini").write_bytes("[.ShellClassInfo]\r\nLocalizedResourceName=公开目录\r\n".encode("gbk"))
    (copy / "site" / "doc" / "002986620-202003-00012.html:Zone.Identifier").write_text(
        "[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://yjt.ah.gov.cn/gkml/\r\n", encoding="utf-8")
    run = verify(copy)
    assert run.returncode == 1, run.stdout
    for path, why in ((".apdisk", "不是 macOS 自动生成的磁盘设置（属性列表）"),
                      ("site/.localized", "不是空文件，不是 macOS 自动生成的"),
                      ("site/doc/desktop.ini", "不是 Windows 自动生成的设置文件（INI 格式）"),
                      ("site/index.html:Zone.Identifier", "不是 Windows 自动生成的设置文件（INI 格式）")):
        assert f"多出文件：{path}（{why}）" in run.stdout
    assert "多出文件：site/Icon\\u000d（不是空文件，不是 macOS 自动生成的）" in run.stdout  # \r shown, not obeyed
    for path in ("Icon\\u000d", "site/doc/.apdisk", "site/doc/.localized", "desktop.ini",
                 "site/doc/002986620-202003-00012.html:Zone.Identifier"):
        assert f"系统文件：{path}" in run.stdout
    assert "[无害] 5 个" in run.stdout


MISREAD = "[问题] 3 个中文文件名在解压时成了乱码"


def test_a_copy_unpacked_with_its_chinese_names_misread_says_so_not_missing_and_extra(tmp_path: Path) -> None:
    """Zipped by Windows' own zip and unpacked by unzip on Linux (the GBK bytes kept) or by Python's
    zipfile (read as code page 437), or gkml's own zip unpacked by Windows 7 (UTF-8 read as GBK, lossy):
    each Chinese-named file was told missing and an extra one added, with advice to fetch a whole copy
    again as if the stick were damaged. The content is the copy's: told as names garbled, with how to unpack."""
    copy = make_copy(tmp_path / "made")
    archive = windows_zip(copy, tmp_path / "windows.zip")
    assert verify(archive).returncode == 0  # the zip itself, its names read as Chinese Windows reads them
    unpacked = tmp_path / "unzip"
    unpacked.mkdir()
    with zipfile.ZipFile(archive) as zipped:  # unzip on Linux: the name's bytes as they are
        for info in zipped.infolist():
            target = os.path.join(bytes(unpacked), info.filename.encode("cp437"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            Path(os.fsdecode(target)).write_bytes(zipped.read(info))
        zipped.extractall(tmp_path / "python")  # Python's zipfile: code page 437
    win7 = tmp_path / "win7" / copy.name  # Windows 7: gkml's flagged UTF-8 names read as GBK, what fails as "?"
    for path in copy.rglob("*"):
        rel = path.relative_to(copy).as_posix().encode("utf-8").decode("gbk", "replace").replace("\ufffd", "_")
        if path.is_file():
            (win7 / rel).parent.mkdir(parents=True, exist_ok=True)
            (win7 / rel).write_bytes(path.read_bytes())
    for folder in (unpacked, tmp_path / "python", tmp_path / "win7"):
        run = verify(next(folder.iterdir()))
        assert run.returncode == 1, run.stdout
        assert MISREAD in run.stdout and "缺少文件" not in run.stdout and "多出文件" not in run.stdout, run.stdout
        assert "（即 site/doc/002986620-202003-00012/附件1 实施方案.pdf）" in run.stdout
        assert f"（即 {ENTRY}）" in run.stdout and "（即 使用说明.txt）" in run.stdout
        assert "文件内容与清单一致，但部分中文文件名在解压时成了乱码" in run.stdout and "unzip -O GBK" in run.stdout
    assert "乱码文件名：site/doc/002986620-202003-00012/╕╜╝■1 ╩╡╩⌐╖╜░╕.pdf（即" in verify(
        next((tmp_path / "python").iterdir())).stdout
    other = next((tmp_path / "python").iterdir()) / "site" / "doc" / "002986620-202003-00012" / "╕╜╝■1 ╩╡╩⌐╖╜░╕.pdf"
    other.write_bytes(b"%PDF-1.4 " + bytes(256))  # another file of the same size under that name: no alias of it
    replaced = verify(other.parents[3]).stdout
    assert "[问题] 2 个中文文件名在解压时成了乱码" in replaced
    assert "缺少文件：site/doc/002986620-202003-00012/附件1 实施方案.pdf" in replaced
    assert "多出文件：site/doc/002986620-202003-00012/╕╜╝■1 ╩╡╩⌐╖╜░╕.pdf" in replaced
    assert verify(copy).returncode == 0


def test_a_copy_whose_names_macos_decomposed_says_so_not_missing_and_extra(tmp_path: Path) -> None:
    """A Korean (延边) or Japanese attachment's name kept by a macOS HFS+ disk, or zipped again there, is
    decomposed (NFD: 안 as its jamo, ガ as カ and ゛): the pages link the composed name, which Windows and
    Linux do not find. It was told as one file missing and one extra, as if the stick were damaged."""
    copy = tmp_path / "made" / "安徽省应急管理厅政府信息公开目录-2026-11-01"
    (copy / "site" / "doc" / "002986620-202003-00012").mkdir(parents=True)
    (copy / "site" / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    attachment = copy / "site" / "doc" / "002986620-202003-00012" / "안내문 ガイド.pdf"
    attachment.write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    finish_copy(copy, SNAPSHOT, None)
    attachment.rename(attachment.with_name(unicodedata.normalize("NFD", attachment.name)))
    for target in (copy, make_zip(copy, tmp_path / "mac.zip")):
        run = verify(target)
        assert run.returncode == 1, run.stdout
        assert "[问题] 1 个文件名的 Unicode 写法与清单不同" in run.stdout and "多出文件" not in run.stdout, run.stdout
        assert "（即 site/doc/002986620-202003-00012/안내문 ガイド.pdf）" in run.stdout and "缺少文件" not in run.stdout
        assert "文件内容与清单一致，但部分文件名的 Unicode 写法与清单不同" in run.stdout
