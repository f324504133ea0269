"""Typed plugin options with Chinese, located errors.

MkDocs' own option types (`config_options`) report in English, stop at the first
mistake and only warn about unknown keys. These keep the shape of MkDocs' schema (a
class per option group whose attributes are its options, a group within a group, a list
or map of items, a choice) but collect every mistake with its path below the plugin, so
`config_location.describe()` can say where in mkdocs.yml it is and what to write instead.
They import nothing of MkDocs: `gkml check` reads the options without loading MkDocs'
configuration, themes, Jinja or Markdown; the plugin hands them to MkDocs as its
`load_config` returns them (plugin.py).
"""

from __future__ import annotations

import difflib
import re
from collections import UserDict
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar, overload
from urllib.parse import urlsplit

from gkml.profile.types import BIDI, ONE_LINE

T = TypeVar("T")
PathPart = str | int
Problem = tuple[tuple[PathPart, ...], str]  # path below the option, message


class OptionError(ValueError):
    """Every mistake found in one option, each with its path below that option."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("；".join(message for _, message in self.problems))

    @classmethod
    def one(cls, message: str) -> OptionError:
        return cls([((), message)])

    def under(self, part: PathPart) -> list[Problem]:
        return [((part, *path), message) for path, message in self.problems]


def problems_of(error: Exception) -> list[Problem]:
    return error.problems if isinstance(error, OptionError) else [((), str(error))]


def _shown(value: object) -> str:
    return "空" if value is None else f"“{value}”"


class Option(Generic[T]):
    """One option: its default, and a value given checked (`validate`) into what the site uses."""

    _name: str

    def __init__(self, default: Any = None) -> None:
        self._default = default

    @property
    def default(self) -> Any:
        try:  # never a mutable default shared by every configuration
            return self._default.copy()
        except AttributeError:
            return self._default

    def pre_validation(self, config: Options, key_name: str) -> None:
        """Before any option of the group is checked: what the option needs from the group."""

    def validate(self, value: object) -> T:
        return self.run_validation(value)

    def run_validation(self, value: object) -> T:
        return value  # type: ignore[return-value]

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: Options, owner: type | None = None) -> T: ...

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Option[T]: ...

    def __get__(self, obj: Options | None, owner: type | None = None) -> T | Option[T]:
        return self if obj is None else obj[self._name]

    def __set__(self, obj: Options, value: T) -> None:
        obj[self._name] = value


class Options(UserDict[str, Any]):
    """A group of options: every mistake is an error, unknown keys included (MkDocs only warns)."""

    _schema: tuple[tuple[str, Option[Any]], ...] = ()

    def __init_subclass__(cls) -> None:
        # Option groups are combined by inheritance: the bases' options in their order, then the class's own.
        merged: dict[str, Option[Any]] = {}
        for parent in cls.__mro__[1:]:
            for key, option in vars(parent).get("_schema", ()):
                merged.setdefault(key, option)
        merged.update((key, option) for key, option in vars(cls).items() if isinstance(option, Option))
        cls._schema = tuple(merged.items())
        super().__init_subclass__()

    def __init__(self, config_file_path: str | None = None) -> None:
        super().__init__()
        for key, option in self._schema:
            self[key] = option.default
        self.config_file_path = config_file_path or ""

    def load_dict(self, values: Mapping[str, Any]) -> None:
        self.update(values)

    def validate(self) -> tuple[list[tuple[str, OptionError]], list[tuple[str, str]]]:
        """Every mistake, (option, error); and no warnings: a mistake is never only warned about."""
        failed: list[tuple[str, OptionError]] = []
        for key, option in self._schema:
            try:
                option.pre_validation(self, key_name=key)
                self[key] = option.validate(self.get(key))
            except OptionError as error:
                failed.append((key, error))
        known = [key for key, _ in self._schema]
        for key in sorted(set(self.keys()) - set(known), key=str):
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"是否应为 {close[0]}？" if close else "可用的选项：" + "、".join(known)
            failed.append((str(key), OptionError.one(f"没有这个选项。{hint}")))
        return failed, []


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
            raise OptionError.one(f"应为一段文字，现在是 {_shown(value)}。数字或以 0 开头的代码请加引号，例如 \"002986620\"。")
        if self.non_empty and not value.strip():
            raise OptionError.one("不能为空。")
        if hidden := unseen(value):
            raise OptionError.one(hidden)
        return value


def unseen(text: str) -> str | None:
    """What is wrong with a one-line text shown to readers (the agency on every page, the
    <title>, the footer): a line break, a control or a bidirectional control, none of which
    shows, but each breaks the line or turns the text after it around."""
    match = BIDI.search(text) if ONE_LINE.match(text) else re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", text)
    if match is None:
        return None
    return (f"只能写一行文字，其中有看不见的字符 U+{ord(match.group()):04X}（换行符、控制字符或双向文字控制符，"
            "常见于从 Word 或网页复制的文字），它会断开或倒转显示的文字。请删除。")


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
            raise OptionError.one(f"应为日期 {form}，现在是 {_shown(value)}。")
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
            raise OptionError.one(f"{wanted}，现在是 {_shown(value)}。")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise OptionError.one(f"{wanted}，现在是 {value}。")
        return value


class Flag(_Optional[bool]):
    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise OptionError.one(f"只能写 true 或 false，现在是 {_shown(value)}。")
        return value


class OneOf(Option[T]):
    """One of a few values, the choices and a near miss named in Chinese."""

    def __init__(self, choices: Collection[T], default: T | None = None) -> None:
        super().__init__(default)
        self.choices = choices

    def validate(self, value: object) -> T:
        if value is None and self.default is not None:
            return self.default
        return self.run_validation(value)

    def run_validation(self, value: object) -> T:
        if value not in self.choices:
            close = difflib.get_close_matches(str(value), [str(choice) for choice in self.choices], n=1, cutoff=0.6)
            hint = f"是否应为 {close[0]}？" if close else ""
            raise OptionError.one(f"{_shown(value)} 不是可选的值。可选：{'、'.join(map(str, self.choices))}。{hint}")
        return value  # type: ignore[return-value]


class Group(Option[Options]):
    """A mapping checked against an Options class, all mistakes kept."""

    _config_file_path: str | None = None  # the group's it is in (a group in a list: none)

    def __init__(self, config_class: type[Options], default: Mapping[str, Any] | None = None) -> None:
        super().__init__(dict(default) if default is not None else {})
        self.config_class = config_class

    def pre_validation(self, config: Options, key_name: str) -> None:
        self._config_file_path = config.config_file_path

    def validate(self, value: object) -> Options:
        return self.run_validation(self.default if value is None else value)

    def run_validation(self, value: object) -> Options:
        if not isinstance(value, Mapping):
            raise OptionError.one(f"应写成“键: 值”的映射，现在是 {_shown(value)}。")
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(dict(value))
        failed, _ = config.validate()
        if failed:
            raise OptionError([problem for key, error in failed for problem in OptionError(problems_of(error)).under(key)])
        return config


class ListOf(Option[list[T]]):
    """A list of items of one option type: every item checked, mistakes named by item number."""

    def __init__(self, item: Option[T], default: list[Any] | None = None, *,
                 single: bool = False) -> None:
        super().__init__(default)
        self.option_type = item
        self.single = single  # a lone item may stand for a list of one

    def validate(self, value: object) -> list[T]:
        return self.run_validation(self.default if value is None else value)

    def run_validation(self, value: object) -> list[T]:
        if self.single and isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list):
            raise OptionError.one(f"应为列表（每行以“- ”开头），现在是 {_shown(value)}。")
        items, problems = [], []
        for number, item in enumerate(value):
            try:
                items.append(self.option_type.validate(item))
            except OptionError as error:
                problems.extend(OptionError(problems_of(error)).under(number))
        if problems:
            raise OptionError(problems)
        return items


class MapOf(Option[dict[str, T]]):
    """Names to values of one option type, every value checked."""

    def __init__(self, item: Option[T], default: Mapping[str, Any] | None = None, *,
                 optional: bool = False) -> None:
        super().__init__(dict(default) if default is not None else None)
        self.option_type = item
        self.optional = optional  # left out: None

    def validate(self, value: object) -> dict[str, T] | None:
        if value is None and self.optional:
            return None
        return self.run_validation(self.default if value is None else value)

    def run_validation(self, value: object) -> dict[str, T]:
        if not isinstance(value, Mapping):
            raise OptionError.one(f"应写成“名称: 值”的映射，现在是 {_shown(value)}。")
        items, problems = {}, []
        for key, item in value.items():
            try:
                items[str(key)] = self.option_type.validate(item)
            except OptionError as error:
                problems.extend(OptionError(problems_of(error)).under(str(key)))
        if problems:
            raise OptionError(problems)
        return items


class TextList(_Optional[list[str]]):
    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise OptionError.one(f"应为列表，例如 [一, 二]，现在是 {_shown(value)}。")
        problems = [((i,), f"应为一段文字，现在是 {_shown(item)}。") for i, item in enumerate(value)
                    if not isinstance(item, (str, int)) or isinstance(item, bool)]
        if problems:
            raise OptionError(problems)
        return [str(item) for item in value]
