"""An agency's published site as the portal receives it: its contract read (portal.sitecontract),
the site proved whole.

Nothing here writes. `read_source` raises SourceError naming the agency (or the
folder, when the contract itself is unreadable) for anything inconsistent: a
contract version this gkml does not know, a missing or altered file, counts that
disagree between the contract, catalogue.json and the search shards.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gkml.catalogue.document import SHANGHAI
from gkml.fingerprint import file_sha256
from gkml.outputs.contract import (
    CONTRACT_FILE,
    JSON_FILE,
    NON_PUBLIC,
    SCHEMA_FILE,
    SIGNATURE_FILE,
)
from gkml.outputs.withdrawals import DATE_KEY, MOMENT_KEY, REASON_KEY
from gkml.profile.types import INDEX_NO
from gkml.search.pffiles import ENTRY

from .records import (
    MAX_RECORDS,
    a_date,
    a_moment,
    declared_fields,
    later,
    on_its_day,
    record_problem,
    too_long,
    unseen_in,
)
from .sitecontract import (
    NotRegularError,
    SourceError,
    fail,
    open_regular,
    parse_json,
    read_contract,
)

_SAFE_REL = re.compile(r"[0-9A-Za-z_][0-9A-Za-z_.-]*(/[0-9A-Za-z_][0-9A-Za-z_.-]*)*")


# A file's identity as hashed: device, file number, size, modification time. A hard link to it
# has the same; a site rebuilt or swapped in meanwhile (the agency's build, a sync) has other files.
Identity = tuple[int, int, int, int]
MAX_READ = 1 << 30  # bytes of catalogue.json: MAX_RECORDS records of about 2 KB
CHANGED = "站点在门户生成期间发生了变化（可能正在重新生成或复制），请待其完成后重新运行"


@dataclass(frozen=True)
class Source:
    folder: Path
    contract: dict[str, Any]
    contract_sha256: str  # identifies this publication: the portal's per-agency digest
    catalogue: dict[str, Any]
    verified: dict[str, Identity] = field(default_factory=dict)  # listed path -> the file hashed
    signature: bytes | None = None  # gkml-site.sig as read (portal.signature): kept with the portal's copy

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
            if rel == SIGNATURE_FILE:  # no digest of its own: the very bytes read
                with open_regular(path, follow=False) as stream:
                    return stream.read(65) == self.signature
            if _identity(os.stat(path)) == self.verified.get(rel):
                return True
            return file_sha256(path) == self._listed(rel)
        except OSError:
            return False

    def read(self, rel: str) -> bytes:
        """The listed file's bytes, proved to be the ones listed (read after the verification)."""
        try:
            with open_regular(self.folder / rel) as stream:
                data = stream.read(MAX_READ + 1)
        except OSError:
            raise self.changed(rel) from None
        if len(data) > MAX_READ:  # its records are bounded (records), and so is what holds them
            raise fail(f"{self.agency}（{self.folder}）", f"{rel} 超过 {MAX_READ >> 20} MB，超过门户接受的大小")
        if hashlib.sha256(data).hexdigest() != self._listed(rel):
            raise self.changed(rel)
        return data

    def changed(self, rel: str) -> SourceError:
        return fail(f"{self.agency}（{self.folder}）", f"{CHANGED}（{rel} 已不是校验过的文件）")

    def moved(self, folder: Path) -> Source:
        """This publication read from `folder`, where each of its files was proved (holds) the one verified."""
        return replace(self, folder=folder, verified={rel: _identity(os.stat(folder / rel)) for rel in self.files()})

    def files(self) -> list[str]:
        """Every file of the publication the portal reads: the contract, what it lists, the signature read."""
        return list(dict.fromkeys([CONTRACT_FILE, *(self.contract.get("open_data") or {}),
                                   *((self.search or {}).get("files") or {}),
                                   *([SIGNATURE_FILE] if self.signature is not None else [])]))

    def _listed(self, rel: str) -> str | None:
        if rel == CONTRACT_FILE:
            return self.contract_sha256
        digest = ((self.search or {}).get("files") or {}).get(rel)
        return digest if digest is not None else (self.contract.get("open_data") or {}).get(rel)


def _check_rel(who: str, rel: str) -> str:
    if not isinstance(rel, str) or not _SAFE_REL.fullmatch(rel) or ".." in rel.split("/"):
        raise fail(who, f"发布清单中的路径 {rel!r} 不安全")
    return rel


_LINKED = "linked"
_NOT_REGULAR = "not regular"


def _identity(stat: os.stat_result) -> Identity:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _digest(path: Path) -> tuple[str, Identity] | str | None:
    """The file's SHA-256 and identity; None when missing; _LINKED when a symlink is on its way
    (`path` is below the resolved folder), which could publish any file of the portal's machine."""
    try:
        if path.resolve() != path:
            return _LINKED
        with open_regular(path) as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest(), _identity(os.fstat(stream.fileno()))
    except NotRegularError:
        return _NOT_REGULAR
    except OSError:
        return None


def _verify_files(folder: Path, who: str, files: dict[str, str]) -> dict[str, Identity]:
    paths = [folder / _check_rel(who, rel) for rel in files]
    with ThreadPoolExecutor(max_workers=4) as pool:  # hashlib releases the GIL: both cores hash
        found = list(pool.map(_digest, paths))
    verified = {}
    for (rel, expected), digest in zip(files.items(), found):
        if digest is None:
            raise fail(who, f"缺少文件 {rel}")
        if digest == _LINKED:
            raise fail(who, f"{rel} 是符号链接（发布的站点只能含普通文件）")
        if digest == _NOT_REGULAR:
            raise fail(who, f"{rel} 不是普通文件（管道、设备或文件夹），发布的站点只能含普通文件")
        if digest[0] != expected:
            raise fail(who, f"文件 {rel} 与发布清单的校验值不符（文件损坏或被改动）")
        verified[rel] = digest[1]
    return verified


def _number(who: str, record: Any, where: str) -> str:
    """A record's index number, refused without one or an address."""
    number = record.get("index_no") if isinstance(record, dict) else None
    if not isinstance(number, str) or not number or not isinstance(record.get("url"), str):
        raise fail(who, f"{where}有缺少索引号或网址的条目")
    if not INDEX_NO.fullmatch(number):  # 113402000/202003-00001 and a space or U+200B: another's, to a reader
        shown = repr(number) if len(number) <= 64 else f"{number[:64]!r}…（共 {len(number)} 个字）"
        raise fail(who, f"{where}索引号 {shown} 不是 gkml 检查通过的格式（机关代码/年份-五位序号），"
                        "读者会把它当作看起来相同的另一个索引号")
    return number


def _check_withdrawals(who: str, contract: dict[str, Any], catalogue: dict[str, Any], listed: set[str],
                       now: datetime) -> None:
    """catalogue.json's `withdrawals` (outputs.withdrawals.withdrawal_record) as gkml writes them: one
    notice a document no record lists, dated by `now` (a later day would head the province's feed for
    years: gkml's check refuses it), the count the contract gives (portal.withdrawals)."""
    notices = catalogue.get("withdrawals", [])
    count = (contract.get("counts") or {}).get("withdrawn", len(notices) if isinstance(notices, list) else None)
    if not isinstance(notices, list) or count != len(notices):
        raise fail(who, f"撤回数不一致：发布清单 {count}，catalogue.json 的 withdrawals "
                        f"{len(notices) if isinstance(notices, list) else '格式不对'}")
    seen: set[str] = set()
    for notice in notices:
        number = _number(who, notice, "catalogue.json 的 withdrawals 中")
        if told := too_long(notice):
            raise fail(who, f"catalogue.json 中索引号 {number} 的撤回记录的{told}")
        if number in listed or number in seen:
            raise fail(who, f"catalogue.json 中索引号 {number} 的文件既已撤回又{'已公开' if number in listed else '重复撤回'}")
        if not all(isinstance(notice.get(key), str) for key in ("title", DATE_KEY, REASON_KEY)) or not a_date(notice[DATE_KEY]):
            raise fail(who, f"catalogue.json 中索引号 {number} 的撤回记录缺少名称、撤回日期（YYYY-MM-DD）或撤回理由")
        if MOMENT_KEY in notice and not on_its_day(notice.get(MOMENT_KEY), notice[DATE_KEY]):
            raise fail(who, f"catalogue.json 中索引号 {number} 的撤回时间 {notice.get(MOMENT_KEY)!r} 不是撤回日期 {notice[DATE_KEY]} "
                            "当天的北京时间（YYYY-MM-DDTHH:MM:SS+08:00）")
        if later(notice[DATE_KEY], now):
            raise fail(who, f"catalogue.json 中索引号 {number} 的撤回日期 {notice[DATE_KEY]} 还没有到（该站点可能是按将来的时间生成的）")
        if unseen := unseen_in(notice):
            raise fail(who, f"catalogue.json 中索引号 {number} 的撤回记录的 {unseen[0]} 含有看不见的字符 U+{ord(unseen[1]):04X}")
        seen.add(number)


def read_source(folder: Path, now: datetime | None = None) -> Source:
    """`now`: the portal's moment (default the clock's): a record published after it is embargoed."""
    now = now or datetime.now(SHANGHAI)
    folder = folder.resolve()
    contract, contract_sha = read_contract(folder)
    who = f"{contract['agency']}（{folder}）"
    open_data = contract.get("open_data") or {}
    if JSON_FILE not in open_data:
        raise fail(who, f"发布清单中没有 {JSON_FILE}")
    verified = _verify_files(folder, who, open_data)
    search = contract.get("search")
    if search is not None:
        if not search.get("files"):
            raise fail(who, "发布清单中没有检索文件")
        verified.update(_verify_files(folder, who, search["files"]))
        root = _check_rel(who, str(search.get("root", "")).rstrip("/"))
        for shard in search.get("shards", []):
            _check_rel(who, str(shard.get("path", "")).rstrip("/"))
            if f"{root}/{shard['path']}{ENTRY}" not in search["files"]:
                raise fail(who, f"检索分片 {shard.get('name')} 不完整")
    counts = contract.get("counts") or {}
    if (most := max(counts.get("documents", 0), counts.get("withdrawn", 0))) > MAX_RECORDS:
        raise fail(who, f"发布清单说有 {most} 件文件，超过门户接受的一个机关 {MAX_RECORDS} 件")
    source = Source(folder, contract, contract_sha, {}, verified)
    catalogue = parse_json(who, JSON_FILE, source.read(JSON_FILE))
    if not isinstance(catalogue, dict):
        raise fail(who, "catalogue.json 格式不对")
    documents = catalogue.get("documents")
    count = (contract.get("counts") or {}).get("documents")
    if not isinstance(documents, list) or catalogue.get("count") != len(documents) or count != len(documents):
        raise fail(who, f"文件数不一致：发布清单 {count}，catalogue.json {catalogue.get('count')}"
                         f"（实际 {len(documents) if isinstance(documents, list) else '无'} 条）")
    fields = declared_fields(parse_json(who, SCHEMA_FILE, source.read(SCHEMA_FILE))) if SCHEMA_FILE in open_data else None
    seen: set[str] = set()
    for doc in documents:
        number = _number(who, doc, "catalogue.json 中")
        if shape := record_problem(doc, fields):  # the portal's open data republishes the record whole
            raise fail(who, f"catalogue.json 中索引号 {number} 的{shape}")
        if number in seen:
            raise fail(who, f"catalogue.json 中索引号 {number} 重复")
        held = [key for key in NON_PUBLIC if key in doc]
        if held:  # gkml never writes these: the record is of a document the site holds back
            raise fail(who, f"catalogue.json 中索引号 {number} 的条目含有不公开的字段 {'、'.join(held)}（未公开或已撤回的文件）")
        if later(doc.get("published"), now):  # a site built as of a later date (build_time) lists it
            raise fail(who, f"catalogue.json 中索引号 {number} 的发布日期 {doc['published']} 还没有到"
                             "（未到发布时间的文件不能公开；该站点可能是按将来的时间生成的）")
        if "created" in doc and not (isinstance(doc["created"], str) and a_date(doc["created"])):  # its feed id's year
            raise fail(who, f"catalogue.json 中索引号 {number} 的生成日期 {doc['created']!r} 不是 gkml 写出的日期（YYYY-MM-DD）")
        if not a_moment(doc.get("published")):  # "9999年" would head the province's listings and void its feed
            raise fail(who, f"catalogue.json 中索引号 {number} 的发布日期 {doc.get('published')!r} 不是 gkml 写出的时间"
                            "（YYYY-MM-DDTHH:MM:SS+08:00，北京时间）")
        if unseen := unseen_in(doc):
            raise fail(who, f"catalogue.json 中索引号 {number} 的 {unseen[0]} 含有看不见的字符 U+{ord(unseen[1]):04X}"
                             "（控制字符或双向文字控制符：文字会在门户的页面上被截断或倒过来显示，gkml 的检查不会让它通过）")
        seen.add(number)
    _check_withdrawals(who, contract, catalogue, seen, now)
    if search is not None and search.get("records") != len(documents):
        raise fail(who, f"检索索引有 {search.get('records')} 条记录，目录有 {len(documents)} 件")
    if catalogue.get("agency") not in (None, contract["agency"]):
        raise fail(who, f"catalogue.json 的机关（{str(catalogue.get('agency'))[:100]}）与发布清单不一致")
    return Source(folder, contract, contract_sha, catalogue, verified)
