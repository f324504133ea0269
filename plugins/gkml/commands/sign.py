"""`gkml sign 站点目录 --key 私钥.pem`: the built site's contract signed, so a portal given the agency's
public key publishes no copy of the site that another hand changed (its digests recomputed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from gkml.commands.parser import fail
from gkml.outputs.contract import CONTRACT_FILE, SIGNATURE_FILE
from gkml.outputs.offline import signing
from gkml.syserrors import why_refused

HELP = "用本机关的 Ed25519 私钥签署构建好的网站（发布清单 gkml-site.json），供门户核对"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", type=Path, metavar="站点目录", help="mkdocs build 生成的网站目录（含 gkml-site.json）")
    parser.add_argument("--key", type=Path, metavar="私钥", required=True, help="gkml keygen 生成的私钥（PEM）")


def run(args: argparse.Namespace) -> int:
    contract = args.site / CONTRACT_FILE
    try:
        key = signing.load_private_key(args.key)
        raw = contract.read_bytes()
        (args.site / SIGNATURE_FILE).write_bytes(signing.sign(key, raw))
    except signing.KeyFileError as error:
        return fail("sign", str(error))
    except OSError as error:
        return fail("sign", f"无法读写 {error.filename}：{why_refused(error)}（请给出 mkdocs build 生成的网站目录）")
    print(f"已签署：{args.site / SIGNATURE_FILE}（公钥指纹 {signing.fingerprint(key.public_key())}）")
    print("网站重新构建后须重新签署；门户配置中为该机关写 public_key: 公钥文件，门户即核对签名。")
    return 0
