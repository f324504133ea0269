"""`gkml keygen [--out DIR]`: an Ed25519 key pair for signing offline copies."""

from __future__ import annotations

import argparse
from pathlib import Path

from gkml.commands.parser import fail
from gkml.outputs.offline import signing

HELP = "生成签名离线查阅版用的 Ed25519 密钥对（私钥自己保管，公钥在网站公布）"
PRIVATE = "offline-signing-key.pem"
PUBLIC = "offline-signing-key.pub.pem"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("."), metavar="目录", help="写到哪个目录（默认当前目录）")


def run(args: argparse.Namespace) -> int:
    private, public = args.out / PRIVATE, args.out / PUBLIC
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        key = signing.generate(private, public)
    except (signing.KeyFileError, OSError) as error:
        return fail("keygen", str(error))
    print(f"私钥：{private}（只有本人可读。请离线保管、备份，不要提交到 git，不要放进 content/）")
    print(f"公钥：{public}（在 mkdocs.yml 中设 snapshots: {{public_key: {public.as_posix()}}}，网站会公布它）")
    print(f"公钥指纹：{signing.fingerprint(key)}")
    print(f"签名：gkml offline --sign {private.as_posix()}")
    return 0
