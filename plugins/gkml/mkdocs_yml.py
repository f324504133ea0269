"""mkdocs.yml read as plain data without starting MkDocs (the `gkml` command's way in): found
from a folder, the files it inherits merged as MkDocs merges them, the gkml plugin's options
taken out, and pymdownx.snippets' (`gkml check` reads the files a body includes as the build
does); a file that cannot be read an OptionsError located in it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag  # type: ignore[import-untyped]  # MkDocs' own reading of !ENV (a dependency of MkDocs)

from gkml.config_location import OptionsError
from gkml.content.problems import shown_path
from gkml.content.yamlerrors import error_mark, yaml_reason


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use !!python/name or !relative tags; the options gkml reads do not. !ENV is read
    as MkDocs reads it (the first variable set, else the default): a site_url written so is the site's
    host, whose addresses of a held-back page the check tells as the build does."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)


def find_config(start: Path) -> Path | None:
    """The mkdocs.yml of `start` or the nearest folder above it."""
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "mkdocs.yml").is_file():
            return candidate / "mkdocs.yml"
    return None


def plugin_options(mkdocs_yml: dict[str, Any]) -> dict[str, Any]:
    """The options of the gkml entry of `plugins` (none written: {}), without `enabled`: MkDocs'
    own option of every plugin (`enabled: !ENV [GKML, true]`), which MkDocs takes out before
    the plugin is given its options, and tells itself when it is no true or false."""
    for entry in mkdocs_yml.get("plugins") or []:
        if isinstance(entry, dict) and "gkml" in entry:
            options = dict(entry["gkml"] or {})
            options.pop("enabled", None)
            return options
        if entry == "gkml":
            return {}
    return {}


def _read_one(config_file: Path) -> dict[str, Any]:
    """One configuration file's data; OptionsError, located, when it is no YAML text (an INHERIT
    may name any file)."""
    shown = shown_path(config_file)
    try:
        text = config_file.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=_TolerantLoader) or {}
    except UnicodeDecodeError:
        raise OptionsError([f"{shown}: 不是 UTF-8 编码的文字文件，无法读取。请用 UTF-8 保存配置文件。"]) from None
    except OSError:
        raise OptionsError([f"{shown}: 无法读取这个配置文件（没有读取权限，或不是文件）。"]) from None
    except yaml.MarkedYAMLError as error:
        mark = error_mark(error)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise OptionsError([f"{where}: YAML 格式有误，无法读取：{yaml_reason(error, text)}。"]) from None
    except yaml.YAMLError:
        raise OptionsError([f"{shown}: YAML 格式有误，无法读取。"]) from None
    return data if isinstance(data, dict) else {}


def _chain(config_file: Path) -> list[tuple[Path, dict[str, Any]]]:
    """mkdocs.yml and the files it inherits from (INHERIT, followed as MkDocs follows it), child
    first, each with its data."""
    chain = [(config_file, _read_one(config_file))]
    while isinstance(parent := chain[-1][1].get("INHERIT"), str):
        path = Path(os.path.normpath(chain[-1][0].parent / parent))
        if path in (p for p, _ in chain) or not path.is_file():
            break  # MkDocs itself reports a missing parent; a loop would never end
        chain.append((path, _read_one(path)))
    return chain


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The child's values over the parent's, mappings merged key by key (MkDocs' INHERIT, mergedeep's default)."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data, with what it inherits, without starting MkDocs."""
    data: dict[str, Any] = {}
    for _, values in reversed(_chain(config_file)):
        data = _merged(data, values)
    data.pop("INHERIT", None)
    return data


SNIPPETS = "pymdownx.snippets"


def snippets_options(mkdocs_yml: dict[str, Any], root: Path) -> dict[str, Any] | None:
    """pymdownx.snippets' options as mkdocs.yml's markdown_extensions give them, a relative base_path
    from `root` (the extension reads it from the folder MkDocs runs in, the project's); None when
    the site does not use it. A value YAML could not read here (!!python/name, !relative) keeps its default."""
    entries = mkdocs_yml.get("markdown_extensions") or []
    for entry in entries if isinstance(entries, list) else []:
        if entry == SNIPPETS:
            options: dict[str, Any] = {}
        elif isinstance(entry, dict) and SNIPPETS in entry:
            options = {key: value for key, value in (entry[SNIPPETS] or {}).items() if value is not None} \
                if isinstance(entry[SNIPPETS], dict) else {}
        else:
            continue
        base = options.get("base_path", ["."])
        options["base_path"] = [str(root / path) for path in ([base] if isinstance(base, str) else base)
                                if isinstance(path, str)]
        return options
    return None
