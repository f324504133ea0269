"""A site's publication contract (gkml-site.json) as the portal receives it: read, its
version known, its one-line names free of what does not show, and every part the portal
reads of the type gkml writes (`read_contract`); or only the agency it names, unverified
(`declared`). Every refusal is a `SourceError` naming the agency, told as `REFUSED`.
Apart from portal.source, which proves the files the contract lists, because this is
the one file read before anything is known of the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO

from gkml.outputs.contract import CONTRACT_FILE, CONTRACT_VERSION
from gkml.profile.types import UNSEEN

# what a source refused gets: the run goes on without it (the portal keeps its last good publication)
REFUSED = "拒绝采用该站点"
# a contract lists every file of the site's search bundle: megabytes for the largest agencies, never this
MAX_CONTRACT_BYTES = 256 << 20
# an agency's name (the longest real ones have about 40 characters), its org code (9 or 18), an address
BOUNDS = {"agency": 1000, "org_code": 64, "site_url": 2048, "built": 64}


def who_acts(version: object, supported: int) -> str:
    """What to do about a site written in another version of a format than the portal's gkml reads:
    a newer one waits for the portal's gkml to be upgraded, an older one (or none) for a rebuild."""
    newer = isinstance(version, int) and not isinstance(version, bool) and version > supported
    return "站点由更新版本的 gkml 生成，请升级门户使用的 gkml" if newer else "请用与门户相同版本的 gkml 重新生成该站点"


class SourceError(Exception):
    """A source the portal must refuse; str() is the message for the operator."""


def fail(who: str, message: str) -> SourceError:
    return SourceError(f"{who}：{message}，{REFUSED}。")


def parse_json(who: str, name: str, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise fail(who, f"{name} 不是有效的 JSON") from None


class NotRegularError(OSError):
    """A pipe, a device or a folder where a site's file is: no file gkml writes."""


def open_regular(path: Path, *, follow: bool = True) -> BinaryIO:
    """`path` opened to read, only if a regular file: a pipe's open never returns, a device's read (/dev/zero)
    never ends, and an artifact's tar or zip keeps either. `follow`: a symbolic link read where it leads."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags if follow else flags | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularError(f"{path}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def contract_bytes(folder: Path) -> bytes:
    """The contract's bytes, read only from a regular file of the folder (no link) and only up to its bound."""
    path = folder / CONTRACT_FILE
    try:
        with open_regular(path, follow=False) as stream:
            raw = stream.read(MAX_CONTRACT_BYTES + 1)
    except FileNotFoundError:
        raise fail(str(folder), f"没有 {CONTRACT_FILE}（不是 gkml 生成的站点，或生成它的 gkml 版本过旧）") from None
    except OSError:  # a link (ELOOP), a pipe, a device, a folder: no contract gkml writes
        raise fail(str(folder), f"{CONTRACT_FILE} 不是普通文件（符号链接、管道、设备或文件夹），发布的站点只能含普通文件") from None
    if len(raw) > MAX_CONTRACT_BYTES:
        raise fail(str(folder), f"{CONTRACT_FILE} 超过 {MAX_CONTRACT_BYTES >> 20} MB，不是 gkml 写出的发布清单")
    return raw


def read_contract(folder: Path) -> tuple[dict[str, Any], str]:
    raw = contract_bytes(folder)
    contract = parse_json(str(folder), CONTRACT_FILE, raw)
    if not isinstance(contract, dict):
        raise fail(str(folder), f"{CONTRACT_FILE} 格式不对")
    who = f"{_name(contract) or folder}（{folder}）"
    for key, bound in BOUNDS.items():
        if isinstance(value := contract.get(key), str) and len(value) > bound:
            raise fail(who, f"{CONTRACT_FILE} 的 {key} 有 {len(value)} 个字符，超过门户接受的 {bound} 个（gkml 写出的远短于此）")
    version = contract.get("gkml_site")
    if version != CONTRACT_VERSION:
        raise fail(who, f"发布约定版本为 {version!r}，本 gkml 只支持版本 {CONTRACT_VERSION}（{who_acts(version, CONTRACT_VERSION)}）")
    for key in ("agency", "org_code"):
        if not isinstance(contract.get(key), str) or not contract[key].strip():
            raise fail(who, f"{CONTRACT_FILE} 缺少 {key}")
        if found := UNSEEN.search(contract[key]) or _BREAK.search(contract[key]):
            raise fail(who, f"{CONTRACT_FILE} 的 {key} 含有看不见的字符 U+{ord(found.group()):04X}"
                             "（换行符、控制字符或双向文字控制符，gkml 的选项检查不会让它通过）")
    _check_shape(who, contract)
    if contract.get("preview", False) is not False:
        raise fail(who, "这是预览版网站（生成时设了 preview: true，可能提前公开了尚未到发布时间的文件），不是该机关正式发布的网站"
                        "（正式网站请删除 build_time 和 preview 后重新生成）")
    return contract, hashlib.sha256(raw).hexdigest()


def declared(folder: Path) -> tuple[str, str] | None:
    """(org code, agency name) a site's contract declares, read as it is (not verified): to tell which
    agency a site the portal refused was meant to be."""
    try:
        contract = json.loads(contract_bytes(folder))
    except (SourceError, ValueError, RecursionError):
        return None
    code = contract.get("org_code") if isinstance(contract, dict) else None
    if not isinstance(code, str) or not code.strip():
        return None
    if len(code) > BOUNDS["org_code"]:
        return None
    name = contract.get("agency")
    own = isinstance(name, str) and name.strip() and len(name) <= BOUNDS["agency"]
    return code.strip(), name.strip() if own else code.strip()


def _name(contract: dict[str, Any]) -> str | None:
    """The agency's name to tell it by: its own within bounds, else its org code's (a 100 KB name is not told)."""
    name, code = contract.get("agency"), contract.get("org_code")
    if isinstance(name, str) and name.strip() and len(name) <= BOUNDS["agency"]:
        return name.strip()
    if isinstance(code, str) and code.strip() and len(code) <= BOUNDS["org_code"]:
        return f"机关代码 {code.strip()}"
    return None


# a line break or a tab: a 内容概述 may hold them, a contract's one-line values not (the rest no text
# gkml publishes holds: gkml.profile.types.UNSEEN)
_BREAK = re.compile("[\t\n\r\u2028\u2029]")


def _check_shape(who: str, contract: dict[str, Any]) -> None:
    """Every part of the contract the portal reads has the type gkml writes (a tampered or foreign
    contract is refused here, not a traceback later)."""
    def wrong(key: str) -> SourceError:
        return fail(who, f"{CONTRACT_FILE} 中的 {key} 格式不对")

    for key in ("site_url", "built"):  # built: told when the agency is kept at this publication
        if not isinstance(contract.get(key) or "", str):
            raise wrong(key)
    counts = contract.get("counts") or {}
    if not isinstance(counts, dict) or not all(isinstance(n, int) and not isinstance(n, bool) for n in counts.values()):
        raise wrong("counts")
    open_data = contract.get("open_data") or {}
    if not isinstance(open_data, dict) or not all(isinstance(d, str) for d in open_data.values()):
        raise wrong("open_data")
    search = contract.get("search")
    if search is None:
        return
    if not isinstance(search, dict):
        raise wrong("search")
    files = search.get("files")
    if not isinstance(files, dict) or not all(isinstance(d, str) for d in files.values()):
        raise wrong("search.files")
    shards = search.get("shards", [])
    if not isinstance(shards, list) or not all(_is_shard(shard) for shard in shards):
        raise wrong("search.shards")
    if not isinstance(search.get("routing") or {}, dict):  # read at portal time (portal.routing)
        raise wrong("search.routing")


def _is_shard(shard: Any) -> bool:
    return (isinstance(shard, dict) and isinstance(shard.get("name"), str) and isinstance(shard.get("path"), str)
            and isinstance(shard.get("pages"), int) and not isinstance(shard["pages"], bool))
