"""The plugin's options of one value: a text, an address, a file, a date, a number, a flag.

Each checks a value given in mkdocs.yml into what the site uses and says in Chinese what
is wrong with it (and how to write it) as config_types' OptionError, which
config_location places in mkdocs.yml. Apart from config_types, which holds how options
are grouped, listed and their mistakes collected, because these are about the values
themselves: what an editor may write for each. `unseen` is the one check of a line of text
shown to readers, MkDocs' own site_name too (build.configuring).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from gkml.config_types import Option, OptionError, Options, shown
from gkml.profile.types import unseen_in_line

T = TypeVar("T")


def unseen(text: str) -> str | None:
    """What is wrong with a one-line text shown to readers (the agency on every page, the
    <title>, the footer): a line break, a control or a bidirectional control, none of which
    shows, but each breaks the line or turns the text after it around."""
    found = unseen_in_line(text)
    if found is None:
        return None
    return (f"只能写一行文字，其中有看不见的字符 U+{ord(found):04X}（换行符、控制字符或双向文字控制符，"
            "常见于从 Word 或网页复制的文字），它会断开或倒转显示的文字。请删除。")


class _Optional(Option[T]):
    """An option that may be left out: then `default` (None: not set)."""

    def __init__(self, default: T | None = None, *, required: bool = False) -> None:
        super().__init__(default)
        self.must = required

    def validate(self, value: object) -> T:
        if value is None:
            if self.must:
                raise OptionError.one("必须填写。")
            return self.default  # type: ignore[return-value]
        return self.run_validation(value)


class Text(_Optional[str]):
    def __init__(self, default: str | None = None, *, required: bool = False, non_empty: bool = False) -> None:
        super().__init__(default, required=required)
        self.non_empty = non_empty

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise OptionError.one(f"应为一段文字，现在是 {shown(value)}。数字或以 0 开头的代码请加引号，例如 \"002986620\"。")
        if self.non_empty and not value.strip():
            raise OptionError.one("不能为空。")
        if hidden := unseen(value):
            raise OptionError.one(hidden)
        return value


class WebAddress(Text):
    """An http(s) address a page may link to (never javascript:, data: or another scheme)."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise OptionError.one(f"只能填写 http:// 或 https:// 开头的网址，而不是“{url}”。")
        return url


class FilePath(Text):
    """A file relative to mkdocs.yml that must exist; the value becomes its absolute path."""

    config_dir: Path | None = None

    def pre_validation(self, config: Options, key_name: str) -> None:
        self.config_dir = Path(config.config_file_path).parent if config.config_file_path else None

    def run_validation(self, value: object) -> str:
        path = Path(super().run_validation(value))
        if self.config_dir and not path.is_absolute():
            path = self.config_dir / path
        if not path.is_file():
            raise OptionError.one(f"文件 {value} 不存在（路径相对于 mkdocs.yml 所在的文件夹）。")
        return str(path.resolve())


class DateText(_Optional[str]):
    """A date (YYYY-MM-DD) or, `with_time`, a date and time (YYYY-MM-DD HH:MM), kept as text."""

    def __init__(self, default: str | None = None, *, with_time: bool = False) -> None:
        super().__init__(default)
        self.with_time = with_time

    def run_validation(self, value: object) -> str:
        if isinstance(value, (date, datetime)):  # YAML reads an unquoted date as a date
            value = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
        form = "YYYY-MM-DD 或 YYYY-MM-DD HH:MM" if self.with_time else "YYYY-MM-DD"
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            parsed = None
        if not isinstance(value, str) or parsed is None or (not self.with_time and len(value) != 10):
            raise OptionError.one(f"应为日期 {form}，现在是 {shown(value)}。")
        return value


class Integer(_Optional[int]):
    def __init__(self, default: int | None = None, *, minimum: int | None = None, maximum: int | None = None,
                 required: bool = False) -> None:
        super().__init__(default, required=required)
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> int:
        low = f"不小于 {self.minimum} " if self.minimum is not None else ""
        high = f"不大于 {self.maximum} " if self.maximum is not None else ""
        wanted = f"应为{low}{'且' if low and high else ''}{high}的整数"
        if not isinstance(value, int) or isinstance(value, bool):
            raise OptionError.one(f"{wanted}，现在是 {shown(value)}。")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise OptionError.one(f"{wanted}，现在是 {value}。")
        return value


class Flag(_Optional[bool]):
    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise OptionError.one(f"只能写 true 或 false，现在是 {shown(value)}。")
        return value


class TextList(_Optional[list[str]]):
    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise OptionError.one(f"应为列表，例如 [一, 二]，现在是 {shown(value)}。")
        problems = [((i,), f"应为一段文字，现在是 {shown(item)}。") for i, item in enumerate(value)
                    if not isinstance(item, (str, int)) or isinstance(item, bool)]
        if problems:
            raise OptionError(problems)
        return [str(item) for item in value]
