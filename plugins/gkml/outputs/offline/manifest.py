"""The offline copy's manifest (manifest.json) and its twin SHA256SUMS.

The manifest is the one record of what a copy holds: agency, snapshot date,
document count and the SHA-256 and size of every file. It is what the agency
signs and what the online site publishes the digest of, so reading it must
never trust it: any shape other than the one written here is a ManifestError
with a Chinese message, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
SIGNATURE = "manifest.sig"
CHECK_FILES = (MANIFEST, SUMS, SIGNATURE)  # describe the copy; not listed in it
FORMAT = "gkml-offline/1"
MAX_MANIFEST_BYTES = 64 << 20
MAX_SIGNATURE_BYTES = 4096  # an Ed25519 signature is 64 bytes, base64 or raw
MAX_FILES = 2_000_000

_HEX64 = re.compile(r"[0-9a-f]{64}")
# lone surrogates (JSON's \ud800): text no UTF-8 file can hold (the online list of copies
# failed writing one with a traceback)
_SURROGATE = re.compile("[\ud800-\udfff]")


class ManifestError(ValueError):
    """A manifest or SHA256SUMS that is not what gkml writes (damaged or forged)."""


@dataclass(frozen=True)
class Manifest:
    agency: str
    snapshot: date
    documents: int
    sha256: dict[str, str]  # path relative to the copy (posix) -> hex digest
    sizes: dict[str, int]
    site_url: str = ""

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "agency": self.agency, "snapshot": self.snapshot.isoformat(),
                "documents": self.documents, "site_url": self.site_url, "files": len(self.sha256),
                "sha256": self.sha256, "bytes": self.sizes}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_path(path: object) -> bool:
    """A relative path inside the copy: no '..', no absolute or drive paths, no control characters."""
    if not isinstance(path, str) or not path or len(path) > 1024:
        return False
    if path.startswith("/") or "\\" in path or ":" in path or any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        return False
    if _SURROGATE.search(path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/")) and path not in CHECK_FILES


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ManifestError(f"清单中“{key}”出现了两次")
        seen[key] = value
    return seen


def _refuse_constant(name: str) -> None:
    raise ManifestError(f"清单中有非法数值 {name}")


def parse_manifest(raw: bytes) -> Manifest:
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError("清单文件过大，不是 gkml 生成的清单")
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise ManifestError("清单不是 UTF-8 文本，已损坏") from None
    except RecursionError:
        raise ManifestError("清单嵌套过深，不是 gkml 生成的清单") from None
    except json.JSONDecodeError as error:
        raise ManifestError(f"清单不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列），已损坏或被截断") from None
    if not isinstance(data, dict):
        raise ManifestError("清单的格式不对：应是一个对象")
    if "format" not in data and "bytes" not in data and isinstance(data.get("sha256"), dict):
        raise ManifestError("这是旧版 gkml 生成的清单（没有格式标记和文件大小），请用新版 gkml offline 重新生成副本")
    if data.get("format", FORMAT) != FORMAT:
        raise ManifestError(f"清单格式“{str(data.get('format'))[:40]}”不是本工具认识的格式（{FORMAT}）")
    agency = data.get("agency")
    if not isinstance(agency, str) or len(agency) > 200 or _SURROGATE.search(agency):
        raise ManifestError("清单缺少发布机关（agency）或其值不对")
    try:
        snapshot = date.fromisoformat(data.get("snapshot"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ManifestError("清单的快照日期（snapshot）缺失或不是 YYYY-MM-DD 日期") from None
    documents = data.get("documents")
    if type(documents) is not int or documents < 0:
        raise ManifestError("清单的收录文件数（documents）缺失或不是非负整数")
    site_url = data.get("site_url", "")
    if not isinstance(site_url, str) or len(site_url) > 2000 or _SURROGATE.search(site_url):
        raise ManifestError("清单的网站地址（site_url）不对")
    hashes, sizes = data.get("sha256"), data.get("bytes")
    if not isinstance(hashes, dict) or not hashes:
        raise ManifestError("清单缺少文件校验值列表（sha256）")
    if len(hashes) > MAX_FILES:
        raise ManifestError("清单列出的文件数多得不合理")
    if not isinstance(sizes, dict) or set(sizes) != set(hashes):
        raise ManifestError("清单的文件大小列表（bytes）缺失或与校验值列表不一致")
    for path, value in hashes.items():
        if not safe_path(path):
            raise ManifestError(f"清单中有不安全的路径“{path[:80]!s}”（不得含 ..、绝对路径或控制字符）")
        if not isinstance(value, str) or not _HEX64.fullmatch(value):
            raise ManifestError(f"清单中 {path} 的校验值不是 64 位十六进制 SHA-256")
        size = sizes[path]
        if type(size) is not int or size < 0:
            raise ManifestError(f"清单中 {path} 的大小不是非负整数")
    if data.get("files", len(hashes)) != len(hashes):
        raise ManifestError("清单的文件总数（files）与列出的文件数不符")
    return Manifest(agency, snapshot, documents, dict(hashes), dict(sizes), site_url)


# SHA256SUMS: the format of GNU `sha256sum -c`, including its escape for '\\' and newlines.

def case_twins(manifest: Manifest) -> list[tuple[str, str]]:
    """The copy's names that differ from an earlier one only in case (site/search.html after
    site/Search.html), each with that one: Windows and a FAT, exFAT or NTFS stick keep one file for
    both, so the copy cannot be whole there."""
    first: dict[str, str] = {}
    twins = []
    for path in (*CHECK_FILES, *sorted(manifest.sha256)):
        other = first.setdefault(path.casefold(), path)
        if other != path:
            twins.append((path, other))
    return twins


def format_sums(hashes: dict[str, str]) -> bytes:
    lines = []
    for path, value in hashes.items():
        if "\\" in path or "\n" in path:
            escaped = path.replace("\\", "\\\\").replace("\n", "\\n")
            lines.append(f"\\{value}  {escaped}\n")
        else:
            lines.append(f"{value}  {path}\n")
    return "".join(lines).encode("utf-8")


def parse_sums(raw: bytes) -> dict[str, str]:
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError("SHA256SUMS 过大，不是 gkml 生成的")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError("SHA256SUMS 不是 UTF-8 文本，已损坏") from None
    result: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        escaped = line.startswith("\\")
        body = line[1:] if escaped else line
        value, sep, path = body.partition(" ")
        if not sep or not _HEX64.fullmatch(value.lower()) or not path[:1] in (" ", "*"):
            raise ManifestError(f"SHA256SUMS 第 {number} 行格式不对")
        path = path[1:]
        if escaped:
            path = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), path)
        if path in result:
            raise ManifestError(f"SHA256SUMS 中 {path} 出现了两次")
        result[path] = value.lower()
    return result
