"""Finishing a reading-room copy around its built site, zipping it, and opening one to check."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gkml.content.filenames import windows_safe
from gkml.outputs.offline import guide, signing
from gkml.outputs.offline.guide import ENTRY, README, SITE_DIR, UNZIP_FIRST
from gkml.outputs.offline.manifest import (
    CHECK_FILES,
    MANIFEST,
    SIGNATURE,
    SUMS,
    Manifest,
    format_sums,
)
from gkml.outputs.offline.shortnames import could_be
from gkml.outputs.offline.snapshot import Snapshot
from gkml.outputs.offline.source import FolderSource, Source
from gkml.outputs.offline.zipsource import ZIP_FAILURES, ZipSource
from gkml.outputs.offline.ziptimes import entry_info
from gkml.site import csp
from gkml.syserrors import why_refused

POINTER = "README.txt"
_BLOCK = 1 << 20
TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates" / "offline"
# the site's own templates: the entry page's reader settings run the site's scripts (reader-init.js, reader.js)
_ENTRY_TEMPLATES = (TEMPLATES, TEMPLATES.parent)
_ENTRY_POLICY = ("default-src 'none'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
                 "base-uri 'none'; form-action 'none'")


class CopyError(ValueError):
    """A copy that cannot be written or opened, with a Chinese message."""


# Windows' MAX_PATH: 259 characters and the NUL. Explorer's "全部解压缩" unpacks a zip into a folder
# of the zip's name, so the copy's folder is there twice: C:\Users\<user>\Desktop\<folder>\<folder>\site\…
# (a Windows user name has at most 20 characters).
WINDOWS_PATH = 259
_DESKTOP = len("C:\\Users\\") + 20 + len("\\Desktop\\")
# The folder's name, in the UTF-16 units Windows counts: twice in every path, it leaves the room
# of a 255-byte attachment name (85 Chinese characters) below site/doc/<index number>/; at most
# 144 bytes, it fits a file name (255 bytes on ext4) with ".zip" after it.
_NAME_UNITS = 48


def windows_length(text: str) -> int:
    """Characters as Windows counts them (UTF-16 units: a character beyond the BMP is two)."""
    return len(text.encode("utf-16-le")) // 2


def folder_name(agency: str, snapshot: str) -> str:
    """The copy's folder name (its zip's too, with .zip after it), one name whatever the
    agency's name holds: "应急厅/安委办" made a folder in a folder, "../" one outside --out;
    a very long name is shortened to fit a file name and Windows' path length."""
    name = windows_safe(agency).strip(" .")  # "/" included: its full-width form
    tail = f"政府信息公开目录-{snapshot}"
    while windows_length(name + tail) > _NAME_UNITS:
        name = name[:-1]
    return name.rstrip(" .") + tail


# folder_name's date, in a name a reader or a browser may have added to ("… (1).zip")
_NAMED_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")


def misnamed(names: Iterable[str], snapshot: date) -> list[tuple[str, date]]:
    """Each of a copy's names (its folder, its zip) that dates it another day than its `snapshot`,
    with that day: the last date in the name, where folder_name writes it."""
    found = []
    for name in names:
        for year, month, day in reversed(_NAMED_DATE.findall(name)):
            try:
                named = date(int(year), int(month), int(day))
            except ValueError:
                continue
            if named != snapshot:
                found.append((name, named))
            break
    return found


# FAT32, the format most USB sticks come in: no file of 4 GiB or more
FAT32_FILE = (1 << 32) - 1


def fat32_note(zip_bytes: int | None, sizes: dict[str, int]) -> str:
    """What cannot go on a FAT32 stick as it is, told with what to do; "" when everything can."""
    large = sorted(path for path, size in sizes.items() if size > FAT32_FILE)
    if large:
        return (f"离线查阅版中有 {len(large)} 个文件超过 4 GB（如 {large[0]}）：FAT32 格式的 U 盘（多数 U 盘出厂时的格式）"
                "放不下这样的文件，复制时 Windows 会提示“文件过大”。请给阅览室用 exFAT 或 NTFS 格式的 U 盘或移动硬盘。")
    if zip_bytes is not None and zip_bytes > FAT32_FILE:
        return (f"压缩包有 {zip_bytes / (1 << 30):.1f} GB，超过 4 GB：FAT32 格式的 U 盘（多数 U 盘出厂时的格式）放不下，"
                "复制时 Windows 会提示“文件过大”。请用 exFAT 或 NTFS 格式的 U 盘，或解压后把文件夹拷到 U 盘（其中每个文件都不到 4 GB）。")
    return ""


def windows_room(folder: str) -> int:
    """How long a path below the copy's folder may be, unpacked with Explorer on a Windows desktop."""
    return WINDOWS_PATH - _DESKTOP - 2 * (windows_length(folder) + 1)


def too_long_for_windows(folder: str, paths: Iterable[str]) -> list[str]:
    """The copy's files (paths below `folder`) over MAX_PATH there: Explorer cannot write them."""
    room = windows_room(folder)
    return [path for path in paths if windows_length(path) > room]


def zip_path(folder: Path) -> Path:
    """The zip beside the folder (not with_suffix: a "." in the agency's name is no suffix)."""
    return folder.with_name(folder.name + ".zip")


def prepare_folder(folder: Path) -> None:
    """A folder for a copy: new, empty, or an earlier copy (replaced only once the new build
    succeeded: MkDocs swaps site/ in atomically and finish_copy rewrites the rest)."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise CopyError(f"{folder} 已存在且不是文件夹，不会覆盖")
    if folder.is_dir() and not (folder / MANIFEST).is_file() and any(folder.iterdir()):
        raise CopyError(f"文件夹 {folder} 已存在且不是离线查阅版，不会覆盖")
    folder.mkdir(parents=True, exist_ok=True)


def _clear_around_site(folder: Path) -> None:
    for path in folder.iterdir():
        if path.name == SITE_DIR and path.is_dir() and not path.is_symlink():
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            yield path.relative_to(folder).as_posix(), path


def entry_page(snapshot: Snapshot, *, signed: bool) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_ENTRY_TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    hashes = " ".join(csp.digest(script) for script in csp.template_scripts(env, ["entry.html"]))
    return env.get_template("entry.html").render(snapshot=snapshot, sections=guide.sections(snapshot, signed=signed),
                                                 site_dir=SITE_DIR, policy=_ENTRY_POLICY.format(hashes=hashes),
                                                 unzip_first=UNZIP_FIRST)


def pointer_text() -> bytes:
    lines = [f"请双击“{ENTRY}”打开公开目录。", UNZIP_FIRST, f"打开、检索、打印和核对本副本的方法见“{README}”。", "",
             f"Open {ENTRY} in a web browser. No internet connection is needed."]
    return "\ufeff".encode() + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def finish_copy(folder: Path, snapshot: Snapshot, key: Ed25519PrivateKey | None = None) -> tuple[Manifest, bytes]:
    """Write the entry page, the guides, manifest.json, SHA256SUMS and (with a key) manifest.sig
    around `folder/site`; returns the manifest and its exact bytes (what is signed and published)."""
    signed = key is not None
    _clear_around_site(folder)  # what an earlier copy of the same name left beside site/
    (folder / ENTRY).write_text(entry_page(snapshot, signed=signed), encoding="utf-8")
    (folder / README).write_bytes(guide.readme_text(snapshot, signed=signed))
    (folder / POINTER).write_bytes(pointer_text())
    hashes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for rel, path in _files(folder):
        if rel in CHECK_FILES:
            continue
        if not stat.S_ISREG(path.lstat().st_mode):
            raise CopyError(f"{path} 不是普通文件，离线查阅版中不能有链接或特殊文件")
        with path.open("rb") as stream:  # in blocks: an attachment may be gigabytes (a meeting's video)
            hashes[rel], sizes[rel] = hashlib.file_digest(stream, "sha256").hexdigest(), stream.tell()
    manifest = Manifest(snapshot.agency, snapshot.date, snapshot.documents, hashes, sizes, snapshot.site_url)
    raw = manifest.to_json()
    (folder / MANIFEST).write_bytes(raw)
    (folder / SUMS).write_bytes(format_sums(hashes))
    if key is not None:
        (folder / SIGNATURE).write_bytes(signing.sign(key, raw))
    return manifest, raw


def make_zip(folder: Path, target: Path) -> Path:
    """Zip the copy with its folder name at the top, UTF-8 names (flagged, as Windows 10+ reads them)
    and times read alike in every zone (ziptimes)."""
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for rel, path in _files(folder):
            with path.open("rb") as stream, archive.open(entry_info(path, f"{folder.name}/{rel}"), "w") as entry:
                shutil.copyfileobj(stream, entry, _BLOCK)
    partial.replace(target)
    return target


@dataclass
class Opened:
    source: Source
    note: str = ""  # how the path given was understood, when it was not the copy itself

    def close(self) -> None:
        archive = getattr(self.source, "archive", None)
        if archive is not None:
            archive.close()


def open_copy(path: Path) -> Opened:
    """The copy at `path`: its folder, a folder holding exactly one copy, or its zip.
    Never opens anything that is not a folder or a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        raise CopyError(f"找不到 {path}") from None
    if stat.S_ISDIR(mode):
        return _open_folder(path)
    if not stat.S_ISREG(mode):
        raise CopyError(f"{path} 不是文件夹，也不是压缩包（是特殊文件），没有打开")
    if not zipfile.is_zipfile(path):
        if _starts_like_a_zip(path) or path.suffix.lower() == ".zip":
            raise CopyError(f"压缩包 {path} 不完整或已损坏（常见于没有下载完或复制中断），无法读取。请重新下载。")
        if path.name in CHECK_FILES:
            raise CopyError(f"请校验整个离线查阅版文件夹（{path.parent}），而不是其中的 {path.name}")
        raise CopyError(f"{path} 不是文件夹，也不是 zip 压缩包")
    try:
        archive = zipfile.ZipFile(path)
        source = ZipSource(archive, str(path))
    except ZIP_FAILURES:
        raise CopyError(f"压缩包 {path} 已损坏，无法读取。请重新下载。") from None
    if source.prefix is None:
        archive.close()
        if len(source.tops) > 1:
            raise CopyError(f"压缩包 {path} 中有 {len(source.tops)} 份离线查阅版（" + "、".join(top.rstrip("/") for top in source.tops)
                            + "），请解压后逐一校验")
        raise CopyError(f"压缩包 {path} 中没有 {MANIFEST}，不是离线查阅版")
    return Opened(source)


def _starts_like_a_zip(path: Path) -> bool:
    """A zip's first bytes: a download cut short keeps them and loses the directory at the end."""
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _holds_manifest(folder: Path) -> bool:
    """manifest.json is there, or its 8.3 alias alone (MANIFE~1.JSO: a copy that kept short names only)."""
    if (folder / MANIFEST).is_file():
        return True
    try:
        return any(could_be(item.name, MANIFEST) and item.is_file() for item in folder.iterdir())
    except OSError:
        return False


def _open_folder(path: Path) -> Opened:
    if (path / MANIFEST).exists() or (path / SUMS).exists() or _holds_manifest(path):
        return Opened(FolderSource(path))
    if (path.parent / MANIFEST).is_file() and path.name == SITE_DIR:
        raise CopyError(f"{path} 是离线查阅版中的网站文件夹，请校验上一级文件夹：{path.parent}")
    try:
        inside = sorted(p for p in path.iterdir() if not p.is_symlink() and p.is_dir() and _holds_manifest(p))
        zips = sorted(p for p in path.iterdir() if p.suffix.lower() == ".zip" and not p.is_symlink() and p.is_file())
    except OSError as error:
        raise CopyError(f"无法读取文件夹 {path}：{why_refused(error)}") from None
    if len(inside) == 1:
        return Opened(FolderSource(inside[0], path.name), note=f"（校验其中的离线查阅版：{inside[0].name}）")
    if len(inside) > 1:
        raise CopyError(f"{path} 中有 {len(inside)} 份离线查阅版，请逐一指定：" + "、".join(p.name for p in inside))
    if zips:
        raise CopyError(f"{path} 中没有 {MANIFEST}，不是离线查阅版；其中有压缩包，可直接校验：" + "、".join(p.name for p in zips))
    raise CopyError(f"{path} 中没有 {MANIFEST}，不是离线查阅版")


