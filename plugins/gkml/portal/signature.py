"""An agency's published site proved its own: its contract signed (`gkml sign`) by the key whose public half
portal.yml gives the agency (`public_key`). The contract holds the digest of every file the portal copies, so
a copy changed by another hand, its digests recomputed (a record's summary, keywords, topics), is refused.
The signature is kept with the portal's copy, so a key added or rotated in portal.yml proves the copy too."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gkml.outputs.contract import CONTRACT_FILE, SIGNATURE_FILE
from gkml.outputs.offline import signing
from gkml.syserrors import why_refused

from .sitecontract import (
    REFUSED,
    NotRegularError,
    SourceError,
    contract_bytes,
    open_regular,
)
from .source import Source


def read_signature(folder: Path, who: str) -> bytes | None:
    """The signature file's bytes (more than 64: no signature), None when there is none; read only from a
    regular file of the folder, never through a link (which could lead to any file of the portal's machine)."""
    path = folder / SIGNATURE_FILE
    try:
        if path.is_symlink():
            raise SourceError(f"{who}：签名文件 {SIGNATURE_FILE} 是符号链接（发布的站点只能含普通文件），{REFUSED}。")
        with open_regular(path, follow=False) as stream:
            return stream.read(65)
    except FileNotFoundError:
        return None
    except NotRegularError:
        raise SourceError(f"{who}：签名文件 {SIGNATURE_FILE} 不是普通文件（管道、设备或文件夹），{REFUSED}。") from None
    except OSError as error:  # a link made meanwhile (ELOOP), a file it may not read
        raise SourceError(f"{who}：无法读取 {path}：{why_refused(error)}，{REFUSED}。") from None


def _proves(source: Source, key: Ed25519PublicKey, signature: bytes) -> bool:
    raw = contract_bytes(source.folder)
    if hashlib.sha256(raw).hexdigest() != source.contract_sha256:
        raise SourceError(f"{source.agency}（{source.folder}）：{CONTRACT_FILE} 在核对过程中被改动，{REFUSED}。")
    return signing.is_valid(key, signature, raw)


def check_signature(source: Source, key: Ed25519PublicKey) -> Source:
    """The site with the signature checked (kept with its copy); SourceError unless it is the agency key's over
    the very contract verified."""
    who = f"{source.agency}（{source.folder}）"
    signature = read_signature(source.folder, who)
    if signature is None:
        raise SourceError(f"{who}：门户配置为机关代码 {source.org_code} 指定了公钥（public_key），但站点没有签名文件 "
                          f"{SIGNATURE_FILE}（构建后用 gkml sign 签署），{REFUSED}。")
    if not _proves(source, key, signature):
        raise SourceError(f"{who}：签名文件 {SIGNATURE_FILE} 不是门户配置中该机关公钥（指纹 {signing.fingerprint(key)}）"
                          f"对 {CONTRACT_FILE} 的签名：站点在签署后被改动过，或用了别的私钥签署，{REFUSED}。")
    return replace(source, signature=signature)


def with_signature(source: Source) -> Source:
    """A site portal.yml gives no key for: its signature, if it has a usable one, kept with its copy all the same
    (a key added later proves the copy); one it cannot use is no signature."""
    try:
        signature = read_signature(source.folder, source.agency)
    except SourceError:
        return source
    return source if signature is None else replace(source, signature=signature)


def check_kept(source: Source, key: Ed25519PublicKey | None) -> Source:
    """The portal's copy of the agency's last publication with the signature kept beside it, proved by the key
    portal.yml gives the agency now (added or rotated since the copy was published); SourceError if not."""
    if key is None:
        return with_signature(source)
    signature = read_signature(source.folder, f"门户保存的副本（{source.folder}）")
    built = str(source.contract.get("built") or "时间不详")[:16].replace("T", " ")
    what = f"门户保存的该机关上一次发布的版本（{built} 生成）"
    if signature is None:
        raise SourceError(f"{what}没有签名文件 {SIGNATURE_FILE}，无法证明是门户配置中该机关公钥（指纹 {signing.fingerprint(key)}）"
                          "签署的（公钥是在该版本发布之后才加入门户配置的），不再采用；请该机关提供用该公钥对应的私钥签署的站点")
    if not _proves(source, key, signature):
        raise SourceError(f"{what}不是门户配置中该机关现在的公钥（指纹 {signing.fingerprint(key)}）签署的（公钥已更换），"
                          "不再采用；请该机关提供用新私钥签署的站点，或核对门户配置中的 public_key")
    return replace(source, signature=signature)
