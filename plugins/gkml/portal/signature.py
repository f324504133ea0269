"""An agency's published site proved its own: its contract signed (`gkml sign`) by the key whose public half
portal.yml gives the agency (`public_key`). The contract holds the digest of every file the portal copies, so
a copy changed by another hand, its digests recomputed (a record's summary, keywords, topics), is refused."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gkml.outputs.contract import CONTRACT_FILE, SIGNATURE_FILE
from gkml.outputs.offline import signing
from gkml.syserrors import why_refused

from .sitecontract import REFUSED, SourceError, contract_bytes
from .source import Source


def check_signature(source: Source, key: Ed25519PublicKey) -> None:
    """Raises SourceError unless the site's signature is the agency key's over the very contract verified."""
    who = f"{source.agency}（{source.folder}）"
    path = source.folder / SIGNATURE_FILE
    if not path.is_file():  # none, or a folder, a device, a pipe of that name: no signature
        raise SourceError(f"{who}：门户配置为机关代码 {source.org_code} 指定了公钥（public_key），但站点没有签名文件 "
                          f"{SIGNATURE_FILE}（构建后用 gkml sign 签署），{REFUSED}。")
    try:
        with path.open("rb") as stream:
            signature = stream.read(65)  # longer than 64 bytes: no signature
    except OSError as error:
        raise SourceError(f"{who}：无法读取 {error.filename}：{why_refused(error)}，{REFUSED}。") from None
    raw = contract_bytes(source.folder)
    if hashlib.sha256(raw).hexdigest() != source.contract_sha256:
        raise SourceError(f"{who}：{CONTRACT_FILE} 在核对过程中被改动，{REFUSED}。")
    if not signing.is_valid(key, signature, raw):
        raise SourceError(f"{who}：签名文件 {SIGNATURE_FILE} 不是门户配置中该机关公钥（指纹 {signing.fingerprint(key)}）"
                          f"对 {CONTRACT_FILE} 的签名：站点在签署后被改动过，或用了别的私钥签署，{REFUSED}。")
