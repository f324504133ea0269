"""argparse in Chinese: the usage line, the help and every mistake in the arguments (and a
command's own refusals, `fail`).

argparse words its errors in English ("the following arguments are required"); an editor
reads them as what to type instead, and exit code 2 stays what it was.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import NoReturn

from gkml.content.dateslips import iso_date
from gkml.profile.types import visible

# (argparse's English, in the order tried; the Chinese with the same groups)
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.+)$"), r"缺少必填的参数：\1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"不认识的参数：\1"),
    (re.compile(r"^argument 命令: invalid choice: '(.*)' \(choose from (.+)\)$"), r"没有“\1”这个命令。可用的命令：\2"),
    (re.compile(r"^argument (.+?): invalid choice: '(.*)' \(choose from (.+)\)$"), r"参数 \1 不能是“\2”，可选：\3"),
    # `--title ---`: argparse takes a value that starts with "-" for an option, unless it is joined to its name
    (re.compile(r"^argument (?:\S+/)?(\S+): expected one argument$"),
     r"参数 \1 后面要写一个值（值以“-”开头时，例如 ---，请用等号连着写：\1=---）"),
    (re.compile(r"^argument (.+?): expected at least one argument$"), r"参数 \1 后面至少要写一个值"),
    (re.compile(r"^argument (.+?): invalid (\w+) value: '(.*)'$"), r"参数 \1 的值“\3”格式不对"),
    (re.compile(r"^argument (.+?): not allowed with argument (.+)$"), r"参数 \1 不能和 \2 一起使用"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), r"参数 \1 不完整，可能是：\2"),
    (re.compile(r"^argument (.+?): (.+)$"), r"参数 \1：\2"),  # a type's own (Chinese) message
)


def chinese(message: str) -> str:
    """argparse's error `message` in Chinese (the arguments themselves as typed)."""
    for english, translated in _ERRORS:
        if english.match(message):
            return english.sub(translated, message).replace("', '", "、").replace("'", "")
    return message


def fail(command: str, message: str) -> int:
    """A command's refusal once its arguments are parsed (a path or project it cannot use):
    `gkml <command>: message` on stderr, and exit code 2, as for a mistake in the arguments."""
    # each line escaped (a name typed on the command line may hold what turns a line around); the lines are the message's
    print("\n".join(visible(line) for line in f"gkml {command}: {message}".split("\n")), file=sys.stderr)
    return 2


def day(text: str) -> date:
    """An argument's date as editors type it (2025-03-18, 2025年3月18日, 2025/3/18): the check's corrections read it."""
    iso = iso_date(text, with_time=False)
    if iso is None:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的日期，应为 YYYY-MM-DD，例如 2025-03-18")
    return date.fromisoformat(iso)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser (and its subcommands' parsers) that speaks Chinese."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "显示这份说明"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, visible(f"{self.prog}：参数有误：{chinese(message)}。运行 {self.prog} -h 可查看说明。") + "\n")
