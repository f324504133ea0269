"""The `gkml` command: one subcommand per module, each with HELP, configure() and run()."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from gkml.commands.parser import ChineseParser

# subcommand -> module exposing HELP, configure(parser) and run(args) -> exit code
COMMANDS = {
    "check": "gkml.commands.check",
    "fix": "gkml.commands.fix",
    "new": "gkml.commands.new",
    "import": "gkml.commands.import_",
    "schema": "gkml.commands.schema",
    "offline": "gkml.commands.offline",
    "verify": "gkml.commands.verify",
    "keygen": "gkml.commands.keygen",
    "sign": "gkml.commands.sign",
    "bench": "gkml_bench.bench",  # dev tooling: present in a source checkout only
    "stats": "gkml.commands.stats",
    "portal": "gkml.commands.portal",
    "audit": "gkml.commands.audit",
}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # cmd.exe on a Chinese Windows, or a pipe there (pre-commit, git hooks): GBK (cp936), which
        # has no 😀 nor U+2066 for a message or a diff to quote: told as \U0001f600, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args_in = list(sys.argv[1:] if argv is None else argv)
    # Import only the command being run: `gkml check` in a pre-commit hook stays fast,
    # and a command's own imports cannot break the others.
    chosen = [args_in[0]] if args_in and args_in[0] in COMMANDS else list(COMMANDS)
    parser = ChineseParser(prog="gkml", description="政府信息公开目录：检查、构建与维护工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    modules = {}
    for name, module_name in COMMANDS.items():
        if name not in chosen:
            sub.add_parser(name)
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if missing.name != module_name.split(".")[0]:
                raise
            sub.add_parser(name, help="（仅在 gkml 源码仓库中可用：tools/setup --test 安装）")
            continue
        modules[name] = module
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(args_in)
    if args.command not in modules:
        print(f"gkml {args.command} 是开发工具，只能在 gkml 源码仓库中运行（先运行 tools/setup --test）。", file=sys.stderr)
        return 2
    try:
        return int(modules[args.command].run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader stopped reading (`gkml check | head`): no traceback, and nothing more is printed
        # (Python flushes standard output once more at exit)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
