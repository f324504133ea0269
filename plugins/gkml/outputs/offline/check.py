"""Is an offline copy complete, unaltered and the agency's? Pure over a Source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gkml.outputs.offline import signing
from gkml.outputs.offline.manifest import (
    CHECK_FILES,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    SUMS,
    Manifest,
    ManifestError,
    digest,
    parse_manifest,
    parse_sums,
)
from gkml.outputs.offline.source import Source, is_litter

Signature = Literal["verified", "bad", "missing", "unchecked", "absent", "unverifiable"]


@dataclass
class Finding:
    path: str
    note: str = ""


@dataclass
class CopyCheck:
    label: str
    manifest_sha256: str = ""
    manifest: Manifest | None = None
    manifest_error: str = ""
    signature: Signature = "absent"
    key_fingerprint: str = ""
    intact: int = 0
    missing: list[Finding] = field(default_factory=list)
    altered: list[Finding] = field(default_factory=list)
    extra: list[Finding] = field(default_factory=list)  # not part of the copy: links, special and stray files
    harmless: list[Finding] = field(default_factory=list)  # what Windows and macOS add by themselves
    sums: list[str] = field(default_factory=list)  # SHA256SUMS missing, damaged or disagreeing

    @property
    def complete(self) -> bool:
        return (self.manifest is not None and not (self.missing or self.altered or self.extra or self.sums))

    @property
    def ok(self) -> bool:
        return self.complete and self.signature in ("verified", "unchecked", "absent")

    @property
    def trusted(self) -> bool:
        """The manifest's facts (agency, date, count) are the agency's own."""
        return self.signature == "verified" and self.manifest is not None


def check_copy(source: Source, key: Ed25519PublicKey | None = None) -> CopyCheck:
    result = CopyCheck(label=source.label)
    raw = source.read(MANIFEST, MAX_MANIFEST_BYTES)
    if raw is None:
        result.manifest_error = "manifest.json 缺失、过大或不是普通文件"
        result.signature = "unverifiable"  # a signature signs the manifest: without it, nothing to check
        return result
    result.manifest_sha256 = digest(raw)
    signature = source.read(SIGNATURE, MAX_SIGNATURE_BYTES)
    # there, but no signature can be that long (or it is not a file): a bad one, not none
    present = signature is not None or source.sha256(SIGNATURE, MAX_MANIFEST_BYTES) is not None
    if key is not None:
        result.key_fingerprint = signing.fingerprint(key)
        if signature is None:
            result.signature = "bad" if present else "missing"
        else:
            result.signature = "verified" if signing.is_valid(key, signature, raw) else "bad"
    elif present:
        result.signature = "unchecked"
    try:
        manifest = parse_manifest(raw)
    except ManifestError as error:
        result.manifest_error = str(error)
        return result
    result.manifest = manifest
    _check_sums(source, manifest, result)
    _check_files(source, manifest, result)
    return result


def _check_sums(source: Source, manifest: Manifest, result: CopyCheck) -> None:
    raw = source.read(SUMS, MAX_MANIFEST_BYTES)
    if raw is None:
        result.sums.append("SHA256SUMS 缺失或不是普通文件")
        return
    try:
        sums = parse_sums(raw)
    except ManifestError as error:
        result.sums.append(str(error))
        return
    differ = sorted(path for path in sums.keys() | manifest.sha256.keys() if sums.get(path) != manifest.sha256.get(path))
    if differ:
        shown = "、".join(differ[:5]) + ("等" if len(differ) > 5 else "")
        result.sums.append(f"SHA256SUMS 与 manifest.json 对 {len(differ)} 个文件的记录不一致（{shown}）")


def _check_files(source: Source, manifest: Manifest, result: CopyCheck) -> None:
    expected = manifest.sha256
    seen: set[str] = set()
    for entry in source.entries():
        if entry.kind == "outside":  # its path is the zip's, not the copy's: never one of the copy's files
            (result.harmless if is_litter(entry.path) else result.extra).append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
            continue
        if entry.path in CHECK_FILES:
            if entry.kind != "file":
                result.altered.append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
            continue
        if entry.path in expected:
            seen.add(entry.path)
            if entry.kind != "file":
                result.altered.append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
            elif entry.size != manifest.sizes[entry.path]:
                result.altered.append(Finding(entry.path, "大小不同"))
            elif source.sha256(entry.path, manifest.sizes[entry.path]) != expected[entry.path]:
                result.altered.append(Finding(entry.path))
            else:
                result.intact += 1
        elif entry.kind == "litter-dir" or (entry.kind == "file" and is_litter(entry.path)):
            result.harmless.append(Finding(entry.path))
        elif entry.kind == "file":
            result.extra.append(Finding(entry.path))
        else:
            result.extra.append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
    result.missing = [Finding(path) for path in expected if path not in seen]


def _kind_note(kind: str, detail: str) -> str:
    if kind == "link":
        return f"符号链接（指向 {detail}），未打开" if detail else "符号链接，未打开"
    if kind == "special":
        return f"{detail}，未打开"
    if kind == "outside":
        return f"在压缩包中副本文件夹“{detail}”之外，解压后不在副本里"
    if kind == "unreadable":
        return f"无法读取：{detail}"
    return detail
