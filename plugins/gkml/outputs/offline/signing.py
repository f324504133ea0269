"""Ed25519 detached signatures over manifest.json, in the PEM formats OpenSSL reads
(`openssl pkeyutl -verify -pubin -inkey PUB -rawin -in manifest.json -sigfile manifest.sig`)."""

from __future__ import annotations

import codecs
import getpass
import hashlib
import os
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from gkml.syserrors import why_refused

MAX_KEY_BYTES = 64 << 10


class KeyFileError(ValueError):
    """A key file that cannot be used, with a Chinese message."""


def _read(path: Path, what: str) -> bytes:
    try:
        if path.is_dir():
            raise KeyFileError(_folder_given(path, what))
        if not path.is_file():
            raise KeyFileError(f"找不到{what}文件：{path}")
        if path.stat().st_size > MAX_KEY_BYTES:
            raise KeyFileError(f"{path} 太大，不是{what}文件")
        data = path.read_bytes()
    except OSError as error:
        raise KeyFileError(f"无法读取{what}文件 {path}：{why_refused(error)}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's 另存为 "Unicode": the PEM it shows
        try:
            data = data.decode("utf-16").encode("ascii")
        except UnicodeError:
            pass
    other = "PUBLIC" if what == "私钥" else "PRIVATE"
    if f"-----BEGIN {other} KEY-----".encode() in data:
        raise KeyFileError(f"{path} 是{'公钥' if other == 'PUBLIC' else '私钥'}，不是{what}：" + _SWAPPED[what])
    return data


def _folder_given(path: Path, what: str) -> str:
    """A folder given for a key file (the one gkml keygen wrote into): said so, with the key files it holds."""
    public = what == "公钥"
    keys = sorted(p for p in path.glob("*.pem") if p.name.endswith(".pub.pem") == public and p.is_file())
    named = ("，例如 " + "、".join(str(p) for p in keys[:3])) if keys else f"（文件夹中没有{what}文件，可用 gkml keygen 生成）"
    made = "offline-signing-key.pub.pem" if public else "offline-signing-key.pem"
    return f"{path} 是文件夹，不是{what}文件。请给出{what}文件本身{named}；gkml keygen 生成的{what}文件名为 {made}。"


# what a key of the other kind given tells: which one the command needs, and where the private one stays
_SWAPPED = {
    "私钥": "签名要用 gkml keygen 生成的私钥（不是在网站公布的 .pub.pem 公钥）。",
    "公钥": "核对签名只需要本机关网站“离线查阅版”页面公布的公钥。私钥只能由机关自己保管，不应交给他人；"
          "私钥已外传时，请告知发布副本的机关更换密钥。",
}


def load_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read(path, "私钥")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:  # encrypted: ask for the passphrase (never echoed, never stored)
        password = os.environ.get("GKML_KEY_PASSPHRASE")
        if password is None:
            if not sys.stdin.isatty():
                raise KeyFileError(f"私钥 {path} 有口令保护：请在终端运行，或设置环境变量 GKML_KEY_PASSPHRASE") from None
            password = getpass.getpass("私钥口令：")
        try:
            key = serialization.load_pem_private_key(data, password=password.encode("utf-8"))
        except ValueError:
            raise KeyFileError("私钥口令不对") from None
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFileError(f"{path} 不是 PEM 格式的私钥（可用 gkml keygen 生成）") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} 不是 Ed25519 私钥（可用 gkml keygen 或 openssl genpkey -algorithm ed25519 生成）")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = _read(path, "公钥")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFileError(f"{path} 不是 PEM 格式的公钥（应以 -----BEGIN PUBLIC KEY----- 开头）") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{path} 不是 Ed25519 公钥")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw public key, in groups of four for reading aloud over the phone."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    value = hashlib.sha256(raw).hexdigest()
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def is_valid(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    if len(signature) != 64:
        return False
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def generate(private_path: Path, public_path: Path) -> Ed25519PublicKey:
    """A new key pair; the private key file is readable by its owner only. Never overwrites."""
    for path in (private_path, public_path):
        if path.exists():
            raise KeyFileError(f"{path} 已存在，不会覆盖")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as stream:
        stream.write(pem)
    public_path.write_bytes(public_pem(key.public_key()))
    return key.public_key()
