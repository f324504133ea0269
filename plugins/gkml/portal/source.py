"""An agency's published site as the portal receives it: read its contract, prove it whole.

Nothing here writes. `read_source` raises SourceError naming the agency (or the
folder, when the contract itself is unreadable) for anything inconsistent: a
contract version this gkml does not know, a missing or altered file, counts that
disagree between the contract, catalogue.json and the search shards.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from gkml.fingerprint import file_sha256
from gkml.outputs.contract import CONTRACT_FILE, CONTRACT_VERSION, JSON_FILE, NON_PUBLIC
from gkml.profile.types import UNSEEN

_SAFE_REL = re.compile(r"[0-9A-Za-z_][0-9A-Za-z_.-]*(/[0-9A-Za-z_][0-9A-Za-z_.-]*)*")


def who_acts(version: object, supported: int) -> str:
    """What to do about a site written in another version of a format than the portal's gkml reads:
    a newer one waits for the portal's gkml to be upgraded, an older one (or none) for a rebuild."""
    newer = isinstance(version, int) and not isinstance(version, bool) and version > supported
    return "站点由更新版本的 gkml 生成，请升级门户使用的 gkml" if newer else "请用与门户相同版本的 gkml 重新生成该站点"


class SourceError(Exception):
    """A source the portal must refuse; str() is the message for the operator."""


# A file's identity as hashed: device, file number, size, modification time. A hard link to it
# has the same; a site rebuilt or swapped in meanwhile (the agency's build, a sync) has other files.
Identity = tuple[int, int, int, int]
BEIJING = timezone(timedelta(hours=8))  # what an agency's dates without an offset mean
# what a source refused gets: the run goes on without it (the portal keeps its last good publication)
REFUSED = "拒绝采用该站点"
CHANGED = "站点在门户生成期间发生了变化（可能正在重新生成或复制），请待其完成后重新运行"


@dataclass(frozen=True)
class Source:
    folder: Path
    contract: dict[str, Any]
    contract_sha256: str  # identifies this publication: the portal's per-agency digest
    catalogue: dict[str, Any]
    verified: dict[str, Identity] = field(default_factory=dict)  # listed path -> the file hashed

    @property
    def agency(self) -> str:
        return str(self.contract["agency"])

    @property
    def org_code(self) -> str:
        return str(self.contract["org_code"])

    @property
    def search(self) -> dict[str, Any] | None:
        return self.contract.get("search")

    def holds(self, rel: str, path: Path) -> bool:
        """`path` (a link or copy of the listed file `rel`) has the bytes verified: the very file
        hashed, or the digest listed. A source folder swapped after its verification fails."""
        try:
            if _identity(os.stat(path)) == self.verified.get(rel):
                return True
            return file_sha256(path) == self._listed(rel)
        except OSError:
            return False

    def read(self, rel: str) -> bytes:
        """The listed file's bytes, proved to be the ones listed (read after the verification)."""
        try:
            data = (self.folder / rel).read_bytes()
        except OSError:
            raise self.changed(rel) from None
        if hashlib.sha256(data).hexdigest() != self._listed(rel):
            raise self.changed(rel)
        return data

    def changed(self, rel: str) -> SourceError:
        return _fail(f"{self.agency}（{self.folder}）", f"{CHANGED}（{rel} 已不是校验过的文件）")

    def moved(self, folder: Path) -> Source:
        """This publication read from `folder`, where each of its files was proved (holds) the one verified."""
        return replace(self, folder=folder, verified={rel: _identity(os.stat(folder / rel)) for rel in self.files()})

    def files(self) -> list[str]:
        """Every file of the publication the portal reads: the contract and what it lists."""
        return [CONTRACT_FILE, *(self.contract.get("open_data") or {}), *((self.search or {}).get("files") or {})]

    def _listed(self, rel: str) -> str | None:
        if rel == CONTRACT_FILE:
            return self.contract_sha256
        digest = ((self.search or {}).get("files") or {}).get(rel)
        return digest if digest is not None else (self.contract.get("open_data") or {}).get(rel)


def _fail(who: str, message: str) -> SourceError:
    return SourceError(f"{who}：{message}，{REFUSED}。")


def _check_rel(who: str, rel: str) -> str:
    if not isinstance(rel, str) or not _SAFE_REL.fullmatch(rel) or ".." in rel.split("/"):
        raise _fail(who, f"发布清单中的路径 {rel!r} 不安全")
    return rel


def read_contract(folder: Path) -> tuple[dict[str, Any], str]:
    path = folder / CONTRACT_FILE
    try:
        raw = path.read_bytes()
    except OSError:
        raise _fail(str(folder), f"没有 {CONTRACT_FILE}（不是 gkml 生成的站点，或生成它的 gkml 版本过旧）") from None
    contract = _parse_json(str(folder), CONTRACT_FILE, raw)
    if not isinstance(contract, dict):
        raise _fail(str(folder), f"{CONTRACT_FILE} 格式不对")
    who = f"{contract.get('agency') or folder}（{folder}）"
    version = contract.get("gkml_site")
    if version != CONTRACT_VERSION:
        raise _fail(who, f"发布约定版本为 {version!r}，本 gkml 只支持版本 {CONTRACT_VERSION}（{who_acts(version, CONTRACT_VERSION)}）")
    for key in ("agency", "org_code"):
        if not isinstance(contract.get(key), str) or not contract[key].strip():
            raise _fail(who, f"{CONTRACT_FILE} 缺少 {key}")
        if found := UNSEEN.search(contract[key]) or _BREAK.search(contract[key]):
            raise _fail(who, f"{CONTRACT_FILE} 的 {key} 含有看不见的字符 U+{ord(found.group()):04X}"
                             "（换行符、控制字符或双向文字控制符，gkml 的选项检查不会让它通过）")
    _check_shape(who, contract)
    return contract, hashlib.sha256(raw).hexdigest()


def declared(folder: Path) -> tuple[str, str] | None:
    """(org code, agency name) a site's contract declares, read as it is (not verified): to tell which
    agency a site the portal refused was meant to be."""
    try:
        contract = json.loads((folder / CONTRACT_FILE).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    code = contract.get("org_code") if isinstance(contract, dict) else None
    if not isinstance(code, str) or not code.strip():
        return None
    name = contract.get("agency")
    return code.strip(), name.strip() if isinstance(name, str) and name.strip() else code.strip()


# a line break or a tab: a 内容概述 may hold them, a contract's one-line values not (the rest no text
# gkml publishes holds: gkml.profile.types.UNSEEN)
_BREAK = re.compile("[\t\n\r\u2028\u2029]")


def _unseen(record: dict[str, Any]) -> tuple[str, str] | None:
    """(field, character) of the first control in a catalogue.json record's text, its lists' and
    attachments' included."""
    for key, value in record.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            for part in text.values() if isinstance(text, dict) else [text]:
                if isinstance(part, str) and (found := UNSEEN.search(part)):
                    return key, found.group()
    return None


def _parse_json(who: str, name: str, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise _fail(who, f"{name} 不是有效的 JSON") from None


def _check_shape(who: str, contract: dict[str, Any]) -> None:
    """Every part of the contract the portal reads has the type gkml writes (a tampered or foreign
    contract is refused here, not a traceback later)."""
    def wrong(key: str) -> SourceError:
        return _fail(who, f"{CONTRACT_FILE} 中的 {key} 格式不对")

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


_LINKED = "linked"


def _identity(stat: os.stat_result) -> Identity:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _digest(path: Path) -> tuple[str, Identity] | str | None:
    """The file's SHA-256 and identity; None when missing; _LINKED when a symlink is on its way
    (`path` is below the resolved folder), which could publish any file of the portal's machine."""
    try:
        if path.resolve() != path:
            return _LINKED
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest(), _identity(os.fstat(stream.fileno()))
    except OSError:
        return None


def _verify_files(folder: Path, who: str, files: dict[str, str]) -> dict[str, Identity]:
    paths = [folder / _check_rel(who, rel) for rel in files]
    with ThreadPoolExecutor(max_workers=4) as pool:  # hashlib releases the GIL: both cores hash
        found = list(pool.map(_digest, paths))
    verified = {}
    for (rel, expected), digest in zip(files.items(), found):
        if digest is None:
            raise _fail(who, f"缺少文件 {rel}")
        if digest == _LINKED:
            raise _fail(who, f"{rel} 是符号链接（发布的站点只能含普通文件）")
        if digest[0] != expected:
            raise _fail(who, f"文件 {rel} 与发布清单的校验值不符（文件损坏或被改动）")
        verified[rel] = digest[1]
    return verified


def _later(published: Any, now: datetime) -> bool:
    """`published` (ISO, as catalogue.json writes it) is after `now`: a document still embargoed."""
    try:
        moment = datetime.fromisoformat(published)
    except (TypeError, ValueError):
        return False  # not a date: shown as written, as a page shows it
    return (moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)) > now


def read_source(folder: Path, now: datetime | None = None) -> Source:
    """`now`: the portal's moment (default the clock's): a record published after it is embargoed."""
    now = now or datetime.now(BEIJING)
    folder = folder.resolve()
    contract, contract_sha = read_contract(folder)
    who = f"{contract['agency']}（{folder}）"
    open_data = contract.get("open_data") or {}
    if JSON_FILE not in open_data:
        raise _fail(who, f"发布清单中没有 {JSON_FILE}")
    verified = _verify_files(folder, who, open_data)
    search = contract.get("search")
    if search is not None:
        if not search.get("files"):
            raise _fail(who, "发布清单中没有检索文件")
        verified.update(_verify_files(folder, who, search["files"]))
        root = _check_rel(who, str(search.get("root", "")).rstrip("/"))
        for shard in search.get("shards", []):
            _check_rel(who, str(shard.get("path", "")).rstrip("/"))
            if f"{root}/{shard['path']}pagefind-entry.json" not in search["files"]:
                raise _fail(who, f"检索分片 {shard.get('name')} 不完整")
    source = Source(folder, contract, contract_sha, {}, verified)
    catalogue = _parse_json(who, JSON_FILE, source.read(JSON_FILE))
    if not isinstance(catalogue, dict):
        raise _fail(who, "catalogue.json 格式不对")
    documents = catalogue.get("documents")
    count = (contract.get("counts") or {}).get("documents")
    if not isinstance(documents, list) or catalogue.get("count") != len(documents) or count != len(documents):
        raise _fail(who, f"文件数不一致：发布清单 {count}，catalogue.json {catalogue.get('count')}"
                         f"（实际 {len(documents) if isinstance(documents, list) else '无'} 条）")
    seen: set[str] = set()
    for doc in documents:
        number = doc.get("index_no") if isinstance(doc, dict) else None
        if not isinstance(number, str) or not number or not isinstance(doc.get("url"), str):
            raise _fail(who, "catalogue.json 中有缺少索引号或网址的条目")
        if number in seen:
            raise _fail(who, f"catalogue.json 中索引号 {number} 重复")
        held = [key for key in NON_PUBLIC if key in doc]
        if held:  # gkml never writes these: the record is of a document the site holds back
            raise _fail(who, f"catalogue.json 中索引号 {number} 的条目含有不公开的字段 {'、'.join(held)}（未公开或已撤回的文件）")
        if _later(doc.get("published"), now):  # a site built as of a later date (build_time) lists it
            raise _fail(who, f"catalogue.json 中索引号 {number} 的发布日期 {doc['published']} 还没有到"
                             "（未到发布时间的文件不能公开；该站点可能是按将来的时间生成的）")
        if unseen := _unseen(doc):
            raise _fail(who, f"catalogue.json 中索引号 {number} 的 {unseen[0]} 含有看不见的字符 U+{ord(unseen[1]):04X}"
                             "（控制字符或双向文字控制符：文字会在门户的页面上被截断或倒过来显示，gkml 的检查不会让它通过）")
        seen.add(number)
    if search is not None and search.get("records") != len(documents):
        raise _fail(who, f"检索索引有 {search.get('records')} 条记录，目录有 {len(documents)} 件")
    if catalogue.get("agency") not in (None, contract["agency"]):
        raise _fail(who, f"catalogue.json 的机关（{catalogue.get('agency')}）与发布清单不一致")
    return Source(folder, contract, contract_sha, catalogue, verified)
