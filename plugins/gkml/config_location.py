"""Where in mkdocs.yml an option mistake is, and the located Chinese line that says so."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from gkml.config_types import OptionError, PathPart, problems_of
from gkml.profile.types import visible


class OptionsError(ValueError):
    """mkdocs.yml's gkml options are wrong: one located Chinese line per mistake."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [visible(line) for line in lines]  # a name or value echoed as typed: none may break or turn the line
        super().__init__("\n".join(self.lines))


def path_text(path: Sequence[PathPart]) -> str:
    return " → ".join(f"第 {part + 1} 项" if isinstance(part, int) else str(part) for part in path)


def locate(config_file: Path | None, path: Sequence[PathPart], plugin: str = "gkml") -> tuple[int, int] | None:
    """Line and column of `plugins → <plugin> → *path` in mkdocs.yml, as deep as it exists."""
    if config_file is None:
        return None
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    mark = None
    node = _child(node, "plugins")
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.MappingNode) and _child(item, plugin) is not None:
                mark = _key(item, plugin)
                node = _child(item, plugin)
                break
        else:
            return None
    for part in path:
        if isinstance(part, int) and isinstance(node, yaml.MappingNode):
            continue  # a lone item written in place of a list of one
        if isinstance(part, int) and isinstance(node, yaml.SequenceNode) and part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        elif isinstance(node, yaml.MappingNode) and _key(node, str(part)) is not None:
            mark = _key(node, str(part))
            node = _child(node, str(part))
        else:
            break
    return (mark.line + 1, mark.column + 1) if mark else None


def locate_top(config_file: Path, key: str) -> tuple[int, int] | None:
    """Line and column of MkDocs' own option `key` in mkdocs.yml."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    mark = _key(node, key) if isinstance(node, yaml.MappingNode) else None
    return (mark.line + 1, mark.column + 1) if mark else None


def _child(node: Any, key: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if getattr(key_node, "value", None) == key:
                return value
    return None


def _key(node: yaml.MappingNode, key: str) -> Any:
    for key_node, _ in node.value:
        if getattr(key_node, "value", None) == key:
            return key_node.start_mark
    return None


def describe(failed: Sequence[tuple[str, Exception]], config_file: Path | None,
             plugin: str = "gkml") -> list[tuple[str, str]]:
    """(option, line) per mistake, the line as `mkdocs.yml:行:列: 插件 gkml 的选项 a → b：说明`."""
    lines = []
    shown = config_file.name if config_file else "mkdocs.yml"
    for key, error in failed:
        for path, message in OptionError(problems_of(error)).under(key):
            where = locate(config_file, path, plugin)
            prefix = f"{shown}:{where[0]}:{where[1]}" if where else shown
            # MkDocs prints the option's name before the line: both escaped, as OptionsError's lines
            lines.append((visible(key), visible(f"{prefix}: 插件 {plugin} 的选项 {path_text(path)}：{message}")))
    return lines
