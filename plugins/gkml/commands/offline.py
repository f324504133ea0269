"""`gkml offline [--out DIR]`: the reading-room copy, as a folder and a zip."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from gkml.config import find_config
from gkml.outputs import offline

HELP = "生成离线查阅版（文件夹和 zip 压缩包），可从 U 盘直接打开"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("offline"), help="输出目录（默认 offline/）")
    parser.add_argument("--config", type=Path, default=Path("."), help="mkdocs.yml 或其所在目录")
    parser.add_argument("--snapshot", type=date.fromisoformat, default=date.today(), help="快照日期（默认今天）")
    parser.add_argument("--no-zip", action="store_true", help="只生成文件夹，不打包")


def run(args: argparse.Namespace) -> int:
    config_file = find_config(args.config)
    if config_file is None:
        print(f"gkml offline: 找不到 mkdocs.yml（{args.config}）", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    config = load_config(str(config_file))
    gkml = config.plugins["gkml"]
    agency = gkml.config.agency or config.site_name
    folder = args.out.resolve() / f"{agency}政府信息公开目录-{args.snapshot.isoformat()}"
    config = load_config(str(config_file), site_dir=str(folder), use_directory_urls=False)
    gkml = config.plugins["gkml"]
    gkml.config.offline = True
    gkml.config.snapshot = args.snapshot.isoformat()
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except MkDocsException as error:
        print(f"gkml offline: {error}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    print(f"离线查阅版：{folder}")
    if not args.no_zip:
        archive = offline.make_zip(folder, folder.with_suffix(".zip"))
        print(f"压缩包：{archive}（{archive.stat().st_size / 1e6:.1f} MB）")
    return 0
