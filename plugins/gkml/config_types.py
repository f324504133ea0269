"""Typed plugin options with Chinese, located errors.

MkDocs' own option types (`config_options`) report in English, stop at the first
mistake and only warn about unknown keys. These keep the shape of MkDocs' schema (a
class per option group whose attributes are its options, a group within a group, a list
or map of items, a choice) but collect every mistake with its path below the plugin, so
`config_location.describe()` can say where in mkdocs.yml it is and what to write instead.
They import nothing of MkDocs: `gkml check` reads the options without loading MkDocs'
configuration, themes, Jinja or Markdown; the plugin hands them to MkDocs as its
`load_config` returns them (plugin.py). The options of one value (a text, a date, a
number …) are in config_values.
"""

from __future__ import annotations

from collections import UserDict
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

from gkml.content.problems import did_you_mean

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


def shown(value: object) -> str:
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
            hint = did_you_mean(str(key), known) or "可用的选项：" + "、".join(known)
            failed.append((str(key), OptionError.one(f"没有这个选项。{hint}")))
        return failed, []


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
            raise OptionError.one(f"{shown(value)} 不是可选的值。可选：{'、'.join(map(str, self.choices))}。"
                                  f"{did_you_mean(str(value), map(str, self.choices))}")
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
            raise OptionError.one(f"应写成“键: 值”的映射，现在是 {shown(value)}。")
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
            raise OptionError.one(f"应为列表（每行以“- ”开头），现在是 {shown(value)}。")
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
                 optional: bool = False, shown_names: Callable[[str], str | None] | None = None) -> None:
        super().__init__(dict(default) if default is not None else None)
        self.option_type = item
        self.optional = optional  # left out: None
        self.shown_names = shown_names  # names readers see (a menu title, a statistics row): what is wrong with one

    def validate(self, value: object) -> dict[str, T] | None:
        if value is None and self.optional:
            return None
        return self.run_validation(self.default if value is None else value)

    def run_validation(self, value: object) -> dict[str, T]:
        if not isinstance(value, Mapping):
            raise OptionError.one(f"应写成“名称: 值”的映射，现在是 {shown(value)}。")
        items, problems = {}, []
        for key, item in value.items():
            if self.shown_names is not None and (wrong := self.shown_names(str(key))):
                problems.extend(OptionError.one(f"名称{wrong}").under(str(key)))
            try:
                items[str(key)] = self.option_type.validate(item)
            except OptionError as error:
                problems.extend(OptionError(problems_of(error)).under(str(key)))
        if problems:
            raise OptionError(problems)
        return items
