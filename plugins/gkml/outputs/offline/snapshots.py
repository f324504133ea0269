"""The list of offline copies the online site publishes, so a reading room can tell
whether its copy is the latest and the agency's: date, document count, the digest
of its manifest (what Get-FileHash/certutil compare with) and the download.

Read from the zips `gkml offline` wrote, never from a hand-kept list: what is
listed is what is offered for download. A zip whose manifest is damaged, or not
signed by the configured key, stops the build."""

from __future__ import annotations

import functools
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gkml.fingerprint import file_sha256
from gkml.outputs.hygiene import json_text
from gkml.outputs.offline import signing
from gkml.outputs.offline.copy import misnamed
from gkml.outputs.offline.manifest import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    Manifest,
    ManifestError,
    case_twins,
    digest,
    parse_manifest,
)
from gkml.outputs.offline.zipsource import ZIP_FAILURES, ZipSource
from gkml.site import routes
from gkml.site.generated import GeneratedPage
from gkml.site.views import Site, zh_date

PUBLIC_KEY_NAME = "公钥.pem"


@dataclass(frozen=True)
class PublishedKeys:
    """The agency's signing keys: today's, and those it signed copies with before it replaced it
    (still published: a reading room's older copy is proved the agency's by the key that signed it)."""

    current: Ed25519PublicKey | None = None
    retired: tuple[Ed25519PublicKey, ...] = ()

    def signer(self, signature: bytes, raw: bytes) -> Ed25519PublicKey | None:
        return next((key for key in (self.current, *self.retired) if key is not None
                     and signing.is_valid(key, signature, raw)), None)


def retired_key_name(key: Ed25519PublicKey) -> str:
    return f"旧公钥-{signing.fingerprint(key).replace(' ', '')[:8]}.pem"


@dataclass(frozen=True)
class PublishedCopy:
    zip_path: Path
    manifest: Manifest
    manifest_sha256: str
    zip_sha256: str
    zip_bytes: int
    signed: bool
    signer: Ed25519PublicKey | None = None  # the key its signature was verified with


def _file_sha256(path: Path) -> str:
    status = path.stat()
    return _sha256_of(str(path), status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=64)
def _sha256_of(path: str, _mtime_ns: int, _size: int) -> str:
    """Cached per file version: `mkdocs serve` rebuilds must not re-read every zip."""
    return file_sha256(Path(path))


def read_copy(path: Path, keys: PublishedKeys) -> PublishedCopy:
    """One published zip, checked: its manifest parses, and is signed by one of `keys` when a key is configured."""
    try:
        archive = zipfile.ZipFile(path)
        source = ZipSource(archive, str(path))
    except ZIP_FAILURES:
        raise ManifestError("压缩包已损坏或不完整，无法读取") from None
    with archive:
        if source.prefix is None:
            raise ManifestError(f"压缩包中没有 {MANIFEST}")
        raw = source.read(MANIFEST, MAX_MANIFEST_BYTES)
        signature = source.read(SIGNATURE, MAX_SIGNATURE_BYTES)
        garbled = [entry.path for entry in source.entries() if entry.garbled]
        backslashed = [entry.backslashed for entry in source.entries() if entry.backslashed]
    if garbled:  # offered for download, it would unpack on Chinese Windows as mojibake names
        raise ManifestError(f"{len(garbled)} 个中文文件名按 UTF-8 编码却没有标明（如 {garbled[0]}），中文 Windows 解压后会成乱码："
                            "压缩包被重新打包过，请发布 gkml offline 生成的原压缩包")
    if backslashed:  # offered for download, it would unpack on Linux and macOS as files named site\index.html
        raise ManifestError(f"{len(backslashed)} 个名称用反斜杠分隔文件夹（如 {backslashed[0]}），在 Linux 和 macOS 上解压后页面打不开："
                            "压缩包被重新打包过，请发布 gkml offline 生成的原压缩包")
    if raw is None:
        raise ManifestError(f"压缩包中的 {MANIFEST} 无法读取")
    manifest = parse_manifest(raw)
    if misdated := misnamed(source.names, manifest.snapshot):
        # offered under that name, a reading room takes it for that day's copy and misses what came after
        raise ManifestError(f"{misdated[0][0]} 名称上的日期 {misdated[0][1].isoformat()} 不是其快照日期 {manifest.snapshot.isoformat()}（改过名的旧副本？）："
                            "请发布 gkml offline 生成的原压缩包，不要改名")
    if twins := case_twins(manifest):  # offered for download, one of each pair is lost unzipped on Windows
        raise ManifestError(f"{len(twins)} 个文件名与另一个只是大小写不同（如 {twins[0][0]} 与 {twins[0][1]}），"
                            "在 Windows 上解压会丢失其中一个：请用 gkml offline 重新生成")
    signer = None
    if keys.current is not None:
        if signature is None:
            raise ManifestError(f"没有签名 {SIGNATURE}：请用 gkml offline --sign 私钥 重新生成")
        if (signer := keys.signer(signature, raw)) is None:
            raise ManifestError("签名与配置的公钥（snapshots.public_key）不符" +
                                ("，也不是停用的公钥（snapshots.retired_keys）签署的" if keys.retired else ""))
    return PublishedCopy(path, manifest, digest(raw), _file_sha256(path), path.stat().st_size, signature is not None,
                         signer)


def published_copies(folder: Path, keys: PublishedKeys) -> list[PublishedCopy]:
    """Every zip in `folder`, newest snapshot first. Raises ManifestError naming the bad zip."""
    copies = []
    for path in sorted(folder.glob("*.zip")) if folder.is_dir() else []:
        if path.is_symlink() or not path.is_file():
            continue
        try:
            copies.append(read_copy(path, keys))
        except ManifestError as error:
            raise ManifestError(f"离线查阅版压缩包 {path.name}：{error}") from None
    copies.sort(key=lambda c: (c.manifest.snapshot, c.zip_path.name), reverse=True)
    _refuse_two_of_one_day(copies)
    return copies


def _refuse_two_of_one_day(copies: list[PublishedCopy]) -> None:
    """A reading room finds its copy in the list by its snapshot date: two zips of one day were two rows,
    both "latest", and a copy matching either digest passed as the one the agency published."""
    for newer, older in itertools.pairwise(copies):
        if newer.manifest.snapshot != older.manifest.snapshot:
            continue
        names = "离线查阅版压缩包 {} 与 {}".format(*sorted((newer.zip_path.name, older.zip_path.name)))
        day = zh_date(newer.manifest.snapshot)
        if newer.manifest_sha256 == older.manifest_sha256:
            raise ManifestError(f"{names} 是同一份副本（{day} 的快照，清单相同），列表上会出现两个“最新”：请删除其中一个")
        raise ManifestError(f"{names} 都是 {day} 的快照，内容却不同（清单校验值不同），阅览室无法判断哪个是本机关发布的："
                            "请只保留要发布的那一个")


def downloads(copies: list[PublishedCopy], keys: PublishedKeys) -> Iterator[tuple[str, dict[str, Any]]]:
    """Site files to add (destination, File.generated keyword arguments): every zip, and the public keys."""
    for copy in copies:
        yield f"{routes.SNAPSHOTS}/{copy.zip_path.name}", {"abs_src_path": str(copy.zip_path)}
    if keys.current is not None:
        yield f"{routes.SNAPSHOTS}/{PUBLIC_KEY_NAME}", {"content": signing.public_pem(keys.current)}
        for old in keys.retired:
            yield f"{routes.SNAPSHOTS}/{retired_key_name(old)}", {"content": signing.public_pem(old)}
    if copies:
        yield f"{routes.SNAPSHOTS}/snapshots.json", {"content": listing_json(copies, keys)}


def _plain(key: Ed25519PublicKey | None) -> str | None:
    return signing.fingerprint(key).replace(" ", "") if key is not None else None


def listing_json(copies: list[PublishedCopy], keys: PublishedKeys) -> str:
    """The same list for programs (a provincial platform, a library's own checks)."""
    listing: dict[str, Any] = {"public_key_fingerprint": _plain(keys.current)}
    if keys.current is not None and keys.retired:
        listing["retired_key_fingerprints"] = [_plain(old) for old in keys.retired]
    listing["copies"] = [{"snapshot": c.manifest.snapshot.isoformat(), "agency": c.manifest.agency,
                          "documents": c.manifest.documents, "files": len(c.manifest.sha256),
                          "manifest_sha256": c.manifest_sha256, "zip": c.zip_path.name, "zip_sha256": c.zip_sha256,
                          "zip_bytes": c.zip_bytes, "signed": c.signed,
                          **({"key_fingerprint": _plain(c.signer)} if c.signer is not None else {})} for c in copies]
    return json_text(listing)


def list_pages(site: Site, copies: list[PublishedCopy], keys: PublishedKeys) -> Iterator[GeneratedPage]:
    """The page listing the copies, when there is anything to list or a key to publish."""
    if copies or keys.current is not None:
        yield GeneratedPage(routes.SNAPSHOTS, "离线查阅版", "gkml/snapshots.html", lambda: list_view(site, copies, keys))


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.0f} KB"


def list_view(site: Site, copies: list[PublishedCopy], keys: PublishedKeys) -> dict[str, Any]:
    """The context of the online page that lists the copies (newest first)."""
    base = routes.SNAPSHOTS
    return {
        "kind": "snapshots",
        "breadcrumb": [{"name": "首页", "url": site.url(routes.HOME)}, {"name": "离线查阅版", "url": None}],
        "copies": [{
            "date": c.manifest.snapshot.isoformat(), "zh_date": zh_date(c.manifest.snapshot),
            "documents": c.manifest.documents, "manifest_sha256": c.manifest_sha256, "zip_sha256": c.zip_sha256,
            "name": c.zip_path.name, "url": f"{base}/{quote(c.zip_path.name)}", "size": _size(c.zip_bytes),
            "signed": c.signed, "retired_key": c.signer is not None and c.signer is not keys.current,
        } for c in copies],
        "key": None if keys.current is None else {"name": PUBLIC_KEY_NAME, "url": f"{base}/{quote(PUBLIC_KEY_NAME)}",
                                                  "fingerprint": signing.fingerprint(keys.current)},
        "retired": [] if keys.current is None else [
            {"name": retired_key_name(old), "url": f"{base}/{quote(retired_key_name(old))}",
             "fingerprint": signing.fingerprint(old)} for old in keys.retired],
    }
