"""`gkml verify DIR`: is this offline copy complete and unaltered?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gkml.outputs.offline import MANIFEST, verify

HELP = "校验离线查阅版是否完整、未被修改"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="目录", help="离线查阅版文件夹")


def run(args: argparse.Namespace) -> int:
    if not (args.folder / MANIFEST).is_file():
        print(f"gkml verify: {args.folder} 中没有 {MANIFEST}，不是离线查阅版。", file=sys.stderr)
        return 2
    result = verify(args.folder)
    for label, names in (("缺少文件", result.missing), ("多出文件", result.extra), ("文件被修改", result.altered)):
        for name in names:
            print(f"{label}：{name}")
    manifest = result.manifest
    if result.ok:
        print(f"校验通过：{manifest['files']} 个文件完整无误（快照 {manifest['snapshot']}，收录 {manifest['documents']} 件文件）。")
        return 0
    print(f"校验失败：缺少 {len(result.missing)} 个，多出 {len(result.extra)} 个，被修改 {len(result.altered)} 个文件。")
    return 1
