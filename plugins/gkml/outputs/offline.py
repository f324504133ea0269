"""Offline reading-room copies (条例 art. 25): a folder that works from file://,
its manifest, a zip of it, and the check that a copy is complete and unaltered.

The copy is the same MkDocs build with `.html` URLs, the search index re-emitted
as classic scripts (search.make_offline) and a printable catalogue page. The
manifest lists the SHA-256 of every file; `SHA256SUMS` says the same in the
form `sha256sum -c` reads, so a reading room can check a copy without gkml.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
README = "使用说明.txt"
_NOT_LISTED = {MANIFEST, SUMS}


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            yield path.relative_to(folder).as_posix(), path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def readme_text(agency: str, snapshot: date, documents: int) -> str:
    return (
        f"{agency}政府信息公开目录 离线查阅版\n"
        f"快照日期：{snapshot.isoformat()}    收录主动公开文件：{documents} 件\n\n"
        "使用方法：双击本文件夹中的 index.html，用浏览器打开即可。无需联网，无需安装任何软件；\n"
        "目录、分类、文件全文、附件和全文检索都可离线使用。\n\n"
        "完整性校验：manifest.json 和 SHA256SUMS 列出了每个文件的 SHA-256 校验值。\n"
        "  有 gkml 工具时：gkml verify 本文件夹\n"
        "  Linux/macOS：在本文件夹中运行 sha256sum -c SHA256SUMS\n"
    )


def write_manifest(folder: Path, *, agency: str, snapshot: date, documents: int) -> dict[str, object]:
    """Write the readme, manifest.json and SHA256SUMS for every file in `folder`."""
    (folder / README).write_text(readme_text(agency, snapshot, documents), encoding="utf-8")
    hashes = {rel: sha256(path) for rel, path in _files(folder) if rel not in _NOT_LISTED}
    manifest = {"agency": agency, "snapshot": snapshot.isoformat(), "documents": documents,
                "files": len(hashes), "sha256": hashes}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / SUMS).write_text("".join(f"{digest}  {rel}\n" for rel, digest in hashes.items()), encoding="utf-8")
    return manifest


@dataclass
class Verification:
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    manifest: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.altered)


def verify(folder: Path) -> Verification:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    expected: dict[str, str] = manifest["sha256"]
    found = {rel: path for rel, path in _files(folder) if rel not in _NOT_LISTED}
    result = Verification(manifest=manifest)
    result.missing = sorted(set(expected) - set(found))
    result.extra = sorted(set(found) - set(expected))
    result.altered = sorted(rel for rel in set(expected) & set(found) if sha256(found[rel]) != expected[rel])
    return result


def make_zip(folder: Path, target: Path) -> Path:
    """Zip the copy with its folder name at the top, UTF-8 names (what Windows 7+ reads)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for rel, path in _files(folder):
            archive.write(path, f"{folder.name}/{rel}")
    return target
