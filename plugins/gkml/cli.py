"""The `gkml` command: one subcommand per module, each with HELP, configure() and run()."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# subcommand -> module exposing HELP, configure(parser) and run(args) -> exit code
COMMANDS = {
    "check": "gkml.commands.check",
    "fix": "gkml.commands.fix",
    "new": "gkml.commands.new",
    "import": "gkml.commands.import_",
    "schema": "gkml.commands.schema",
    "offline": "gkml.commands.offline",
    "verify": "gkml.commands.verify",
    "bench": "gkml.bench",
    "stats": "gkml.commands.stats",
}


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    # Import only the command being run: `gkml check` in a pre-commit hook stays fast,
    # and a command's own imports cannot break the others.
    chosen = [args_in[0]] if args_in and args_in[0] in COMMANDS else list(COMMANDS)
    parser = argparse.ArgumentParser(prog="gkml", description="政府信息公开目录：检查、构建与维护工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    modules = {}
    for name, module_name in COMMANDS.items():
        if name not in chosen:
            sub.add_parser(name)
            continue
        module = importlib.import_module(module_name)
        modules[name] = module
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(args_in)
    try:
        return int(modules[args.command].run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
