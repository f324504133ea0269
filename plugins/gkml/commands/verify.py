"""`gkml verify 副本 [--key 公钥.pem]`: is this offline copy (folder or zip) complete,
unaltered and the agency's? A report a librarian can act on."""

from __future__ import annotations

import argparse
from pathlib import Path

from gkml.commands.parser import fail
from gkml.outputs.offline import signing
from gkml.outputs.offline.check import check_copy
from gkml.outputs.offline.copy import CopyError, open_copy
from gkml.outputs.offline.report import render

HELP = "校验离线查阅版（文件夹或 zip 压缩包）是否完整、未被修改，并可用公钥核对签名"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("copy", type=Path, metavar="副本", help="离线查阅版文件夹或 zip 压缩包")
    parser.add_argument("--key", type=Path, metavar="公钥", action="append", default=[],
                        help="本机关网站公布的 Ed25519 公钥（PEM），用来核对签名；机关更换过密钥时可给多个，任一签署即有效")
    parser.add_argument("--all", action="store_true", help="列出全部有问题的文件（默认每类最多 30 个）")


def run(args: argparse.Namespace) -> int:
    try:
        keys = [signing.load_public_key(path) for path in args.key]
        opened = open_copy(args.copy)
    except (signing.KeyFileError, CopyError) as error:
        return fail("verify", str(error))
    try:
        result = check_copy(opened.source, keys)
    finally:
        opened.close()
    if opened.note:
        print(opened.note)
    print(render(result, everything=args.all), end="")
    return 0 if result.ok else 1
