"""The `gkml` command: one subcommand per module, each with configure() and run()."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# subcommand -> module exposing HELP, configure(parser) and run(args) -> exit code
COMMANDS = {
    "check": "gkml.commands.check",
    "schema": "gkml.commands.schema",
    "new": "gkml.commands.new",
    "import": "gkml.commands.import_",
    "fix": "gkml.commands.fix",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gkml", description="政府信息公开目录：检查、构建与维护工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    modules = {}
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        modules[name] = module
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(argv)
    try:
        return int(modules[args.command].run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
