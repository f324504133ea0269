"""`gkml schema`: the profile as a JSON Schema, for YAML editors' completion and checks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from gkml.commands.parser import fail
from gkml.config import load_project
from gkml.profile.jsonschema import json_schema
from gkml.profile.model import load_profile

HELP = "导出文件属性的 JSON Schema（供编辑器自动补全和校验）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", "-o", type=Path, metavar="文件", help="写入文件（默认输出到屏幕）")
    parser.add_argument("--config-dir", type=Path, default=Path("."), metavar="目录", help="mkdocs.yml 所在目录（默认当前目录）")


def run(args: argparse.Namespace) -> int:
    try:
        profile = load_project(args.config_dir).profile
    except FileNotFoundError:
        profile = load_profile()
    except ValueError as error:  # the options, or mkdocs.yml itself
        return fail("schema", str(error))
    text = json.dumps(json_schema(profile), ensure_ascii=False, indent=2) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0
