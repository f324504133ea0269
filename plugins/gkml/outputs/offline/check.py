"""Is an offline copy complete, unaltered and the agency's? Pure over a Source."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gkml.litter import head_told, is_litter, not_the_systems
from gkml.outputs.offline import signing
from gkml.outputs.offline.copy import misnamed
from gkml.outputs.offline.manifest import (
    CHECK_FILES,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    SUMS,
    Manifest,
    ManifestError,
    case_twins,
    digest,
    parse_manifest,
    parse_sums,
)
from gkml.outputs.offline.misread import pair
from gkml.outputs.offline.shortnames import could_be, has_alias
from gkml.outputs.offline.source import Entry, Source

Signature = Literal["verified", "bad", "missing", "unchecked", "absent", "unverifiable"]


@dataclass
class Finding:
    path: str
    note: str = ""
    listed: str = ""  # a name in other case: the manifest's name of it


@dataclass
class CopyCheck:
    label: str
    manifest_sha256: str = ""
    manifest: Manifest | None = None
    manifest_error: str = ""
    signature: Signature = "absent"
    key_fingerprint: str = ""  # the key that verified the signature; else the keys tried, joined by "、"
    keys_tried: int = 0
    intact: int = 0
    missing: list[Finding] = field(default_factory=list)
    altered: list[Finding] = field(default_factory=list)
    extra: list[Finding] = field(default_factory=list)  # not part of the copy: links, special and stray files
    harmless: list[Finding] = field(default_factory=list)  # what Windows and macOS add by themselves
    empty: list[Finding] = field(default_factory=list)  # empty folders: nothing of the copy, nothing added to it
    recased: list[Finding] = field(default_factory=list)  # the copy's file under a name of other case (a FAT stick)
    unopened: list[Finding] = field(default_factory=list)  # recased on a disk that tells case apart: its links fail
    garbled: list[Finding] = field(default_factory=list)  # zip names Chinese Windows unpacks as mojibake
    backslashed: list[Finding] = field(default_factory=list)  # zip names Linux and macOS unpack as one file each
    shortened: list[Finding] = field(default_factory=list)  # the copy's file under its 8.3 alias alone (SHA256~1)
    misread: list[Finding] = field(default_factory=list)  # the copy's file under its name garbled by an unzipper
    decomposed: list[Finding] = field(default_factory=list)  # the copy's file under its name in NFD (macOS' HFS+, its zip)
    sums: list[str] = field(default_factory=list)  # SHA256SUMS missing, damaged or disagreeing
    twins: list[Finding] = field(default_factory=list)  # the manifest's names that differ only in case: one lost on Windows
    misnamed: list[Finding] = field(default_factory=list)  # the copy's folder or zip named with another day than its snapshot

    @property
    def complete(self) -> bool:
        return (self.manifest is not None
                and not (self.missing or self.altered or self.extra or self.sums or self.garbled or self.backslashed
                         or self.shortened or self.unopened or self.misread or self.decomposed
                         or self.twins))

    @property
    def ok(self) -> bool:
        # a copy named as of another day is whole, but a reading room would offer it as what it is not
        return self.complete and not self.misnamed and self.signature in ("verified", "unchecked", "absent")

    @property
    def trusted(self) -> bool:
        """The manifest's facts (agency, date, count) are the agency's own."""
        return self.signature == "verified" and self.manifest is not None


def check_copy(source: Source, keys: Sequence[Ed25519PublicKey] = ()) -> CopyCheck:
    """`keys`: the agency's public keys, today's and those it used before (a copy signed before the
    agency replaced its key is still its own): the signature is verified when one of them made it."""
    result = CopyCheck(label=source.label)
    entries = list(source.entries())
    named = _Names(entries)
    raw = source.read(named.actual(MANIFEST), MAX_MANIFEST_BYTES)
    if raw is None:
        result.manifest_error = "manifest.json 缺失、过大或不是普通文件"
        result.signature = "unverifiable"  # a signature signs the manifest: without it, nothing to check
        return result
    result.manifest_sha256 = digest(raw)
    signature = source.read(named.actual(SIGNATURE), MAX_SIGNATURE_BYTES)
    # there, but no signature can be that long (or it is not a file): a bad one, not none
    present = signature is not None or source.sha256(named.actual(SIGNATURE), MAX_MANIFEST_BYTES) is not None
    if keys:
        result.keys_tried = len(keys)
        result.key_fingerprint = "、".join(signing.fingerprint(key) for key in keys)
        if signature is None:
            result.signature = "bad" if present else "missing"
        elif (signer := next((key for key in keys if signing.is_valid(key, signature, raw)), None)) is not None:
            result.signature, result.key_fingerprint = "verified", signing.fingerprint(signer)
        else:
            result.signature = "bad"
    elif present:
        result.signature = "unchecked"
    try:
        manifest = parse_manifest(raw)
    except ManifestError as error:
        result.manifest_error = str(error)
        return result
    result.manifest = manifest
    result.misnamed = [Finding(name, f"名称上的日期是 {day.year}年{day.month}月{day.day}日")
                       for name, day in misnamed(source.names, manifest.snapshot)]
    result.twins = [Finding(path, f"与 {other} 只是大小写不同") for path, other in case_twins(manifest)]
    _check_sums(source, named.actual(SUMS), manifest, result)
    _check_files(source, entries, named, manifest, result)
    _pair_short_names(source, entries, manifest, result)
    _pair_misread(source, entries, manifest, result)
    return result


class _Names:
    """The copy's files by name, and by name regardless of case: a FAT32 or exFAT stick, or a tool
    writing to one, may show a name that fits 8.3 (FEED.XML, SITE) in capitals. Windows and macOS
    open it by either name, so the page linking feed.xml still finds it there. A file describing the
    copy may be there under its 8.3 alias alone (SHA256~1): read by it, told as shortened."""

    def __init__(self, entries: list[Entry]) -> None:
        self.exact = {entry.path for entry in entries if entry.kind == "file"}
        self.folded: dict[str, str] = {}
        for path in sorted(self.exact):
            self.folded.setdefault(path.casefold(), path)
        self.aliases: dict[str, str] = {}  # alias -> the file describing the copy it stands for
        for name in CHECK_FILES:
            if name.casefold() not in self.folded:
                found = [path for path in sorted(self.exact) if could_be(path, name)]
                if len(found) == 1:
                    self.aliases[found[0]] = name

    def actual(self, path: str) -> str:
        """The name the copy holds `path` under: itself, the one of other case when it alone is there,
        or its 8.3 alias."""
        if path in self.exact:
            return path
        return self.folded.get(path.casefold()) or next((a for a, name in self.aliases.items() if name == path), path)


def _check_sums(source: Source, name: str, manifest: Manifest, result: CopyCheck) -> None:
    raw = source.read(name, MAX_MANIFEST_BYTES)
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


def _check_files(source: Source, entries: list[Entry], named: _Names, manifest: Manifest, result: CopyCheck) -> None:
    expected = manifest.sha256
    listed = {path.casefold(): path for path in (*CHECK_FILES, *expected)}
    seen: set[str] = set()
    for entry in entries:
        if entry.garbled:
            result.garbled.append(Finding(entry.path))
        if entry.backslashed:
            result.backslashed.append(Finding(entry.backslashed))  # as the zip names it
        if entry.kind == "outside":  # its path is the zip's, not the copy's: never one of the copy's files
            note = _kind_note(entry.kind, entry.detail)
            why = is_litter(entry.path) and not_the_systems(
                entry.path, source.head(entry.path, head_told(entry.path), outside=True), entry.size)
            if is_litter(entry.path) and not why:
                result.harmless.append(Finding(entry.path, note))
            else:  # judged by its bytes as one inside is: a page beside the folder is opened as readily
                result.extra.append(Finding(entry.path, f"{why}；{note}" if why else note))
            continue
        path = entry.path
        if path in named.aliases:
            result.shortened.append(Finding(path, f"即 {named.aliases[path]}"))
            path = named.aliases[path]
        elif path not in CHECK_FILES and path not in expected and entry.kind == "file":
            own = listed.get(path.casefold())
            if own is not None and named.actual(own) == path:  # the copy's file, its name in other case
                (result.recased if source.opens(own) else result.unopened).append(Finding(path, f"清单中为 {own}", own))
                path = own
        if path in CHECK_FILES:
            if entry.kind != "file":
                result.altered.append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
            continue
        if path in expected:
            seen.add(path)
            if entry.kind != "file":
                result.altered.append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
            elif entry.size != manifest.sizes[path]:
                result.altered.append(Finding(entry.path, "大小不同"))
            elif source.sha256(entry.path, manifest.sizes[path]) != expected[path]:
                result.altered.append(Finding(entry.path))
            else:
                result.intact += 1
        elif entry.kind == "file" and is_litter(entry.path) and (
                why := not_the_systems(entry.path, source.head(entry.path, head_told(entry.path)), entry.size)):
            result.extra.append(Finding(entry.path, why))  # someone's file under a system file's name
        elif entry.kind == "litter-dir" or (entry.kind == "file" and is_litter(entry.path)):
            result.harmless.append(Finding(entry.path))
        elif entry.kind == "empty-dir":
            result.empty.append(Finding(entry.path))
        elif entry.kind == "file":
            result.extra.append(Finding(entry.path))
        else:
            result.extra.append(Finding(entry.path, _kind_note(entry.kind, entry.detail)))
    result.missing = [Finding(path) for path in expected if path not in seen]


def _pair_short_names(source: Source, entries: list[Entry], manifest: Manifest, result: CopyCheck) -> None:
    """An extra file that is a missing one under an 8.3 alias (its content the missing file's) is
    told as that file with its long name lost, not as one missing and one extra."""
    if not result.missing:
        return
    candidates: dict[tuple[int, int], list[str]] = {}  # by depth and size: a copy of thousands stays linear
    for finding in result.missing:
        candidates.setdefault((finding.path.count("/"), manifest.sizes[finding.path]), []).append(finding.path)
    sizes = {entry.path: entry.size for entry in entries if entry.kind == "file"}
    paired: dict[str, str] = {}  # alias -> the missing file it is
    for finding in result.extra:
        if finding.note or finding.path not in sizes or not has_alias(finding.path):
            continue
        size = sizes[finding.path]
        names = [path for path in candidates.get((finding.path.count("/"), size), ())
                 if could_be(finding.path, path)]
        content = source.sha256(finding.path, size) if names else None
        own = next((path for path in names if manifest.sha256[path] == content), None)
        if own is not None:
            paired[finding.path] = own
            candidates[(finding.path.count("/"), size)].remove(own)
    if paired:
        result.shortened += [Finding(path, f"即 {own}") for path, own in paired.items()]
        result.extra = [finding for finding in result.extra if finding.path not in paired]
        result.missing = [finding for finding in result.missing if finding.path not in paired.values()]


def _pair_misread(source: Source, entries: list[Entry], manifest: Manifest, result: CopyCheck) -> None:
    """An extra file that is a missing one under its name garbled by an unzipper (misread), or
    decomposed (NFD: macOS' HFS+ disks and what its zip packs from them; ガ as カ and ゛, 한 as its jamo)."""
    if not result.missing:
        return
    sizes = {entry.path: entry.size for entry in entries if entry.kind == "file"}
    extra = {f.path: sizes[f.path] for f in result.extra if not f.note and f.path in sizes}
    missing = {f.path: manifest.sizes[f.path] for f in result.missing}
    decomposed = {path: own for path, size in extra.items() if (own := unicodedata.normalize("NFC", path)) != path
                  and missing.get(own) == size and source.sha256(path, size) == manifest.sha256[own]}
    result.decomposed += [Finding(path, f"即 {own}") for path, own in decomposed.items()]
    paired = {**decomposed, **pair({path: size for path, size in extra.items() if path not in decomposed},
                                   {path: size for path, size in missing.items() if path not in decomposed.values()},
                                   manifest.sha256, source.sha256)}
    if paired:
        result.misread += [Finding(path, f"即 {own}") for path, own in paired.items() if path not in decomposed]
        result.extra = [finding for finding in result.extra if finding.path not in paired]
        result.missing = [finding for finding in result.missing if finding.path not in paired.values()]


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
