"""Content fingerprints: what a page's output depends on, as one digest.

A page is carried over from the last build only when its digest is unchanged, so a
digest must cover every input the page's HTML is made from. Values are serialised
canonically (sorted keys, dataclasses by field, dates in ISO form); a value of an
unknown type raises, so it can never be silently left out of a digest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

# Distributions whose code shapes the output; a new version of any of them rebuilds everything.
_DISTRIBUTIONS = ("gkml", "mkdocs", "mkdocs-material", "markdown", "pyyaml", "jinja2", "pagefind", "nh3")


class Unfingerprintable(TypeError):
    """A value whose content cannot be serialised canonically."""


def _encode(value: Any) -> Any:
    """json.dumps' fallback: the types a context holds besides JSON's own."""
    if isinstance(value, (datetime, date, time)):
        return {"~t": type(value).__name__, "v": value.isoformat()}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"~d": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    raise Unfingerprintable(f"cannot fingerprint a {type(value).__name__}")


def digest(*parts: Any) -> str:
    """The sha256 of `parts` in canonical form (raises Unfingerprintable)."""
    try:
        text = json.dumps(parts, default=_encode, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:  # e.g. mixed key types, circular data
        raise Unfingerprintable(str(error)) from error
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SharedDigests:
    """Digests of values that many keys contain (a listing row shows in a dozen listings):
    each is serialised once and then stands in the keys by its digest, as {"~shared": digest}
    (a plain dict: serialised without a call back into Python). Values are known by identity,
    and each is held, so its id cannot be reused by another object; a value must not change
    while this memo lives (one pass of key making)."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[Any, dict[str, str]]] = {}

    def of(self, value: Any) -> dict[str, str]:
        found = self._found.get(id(value))
        if found is None or found[0] is not value:
            found = self._found[id(value)] = (value, {"~shared": digest("shared", value)})
        return found[1]


# What stands for a file's bytes without reading them (see stat_stamp)
Stamp = tuple[int, int, int]


def stat_stamp(info: os.stat_result) -> Stamp:
    """A file's modification time, change time and file number, as git's index keeps them: the
    change time cannot be set back (touch -d, cp -p, unzip and rsync -t set only the modification
    time, to an edit of the same size too) and every write or rename into place moves it on."""
    return info.st_mtime_ns, info.st_ctime_ns, info.st_ino


RACY_NS = 3_000_000_000  # FAT (USB sticks) keeps modification times to 2 s


def settled(stamp: Stamp, now_ns: int) -> bool:
    """`stamp` was last changed long enough before `now_ns` that a second change would show in
    it (a file system may keep times so coarsely that two writes in a row get the same ones)."""
    return now_ns - max(stamp[0], stamp[1]) > RACY_NS


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (search bundles, zips and pages alike)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def tree_digest(folders: Iterable[Path]) -> str:
    """Names and bytes of every file below `folders` (templates, assets, profiles)."""
    sha = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        files = []
        for parent, dirs, names in os.walk(folder):  # os.walk, not Path.rglob: every check runs this
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            rel = os.path.relpath(parent, folder).replace(os.sep, "/")
            files.extend(("" if rel == "." else rel + "/") + name for name in names)
        for name in sorted(files):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                sha.update(name.encode() + b"\0")
                with open(path, "rb") as stream:
                    sha.update(hashlib.sha256(stream.read()).digest())
    return sha.hexdigest()


def versions() -> dict[str, str | None]:
    """Python's version and each of _DISTRIBUTIONS' (None: not installed), the first Python would
    import, from its metadata folder's name (pyyaml-6.0.4.dist-info): importlib.metadata, which
    reads the metadata, was a tenth of a pre-commit `gkml check`."""
    wanted = {_distribution_key(name): name for name in _DISTRIBUTIONS}
    found: dict[str, str | None] = {"python": sys.version.split()[0], **dict.fromkeys(_DISTRIBUTIONS)}
    for folder in _metadata_folders():
        name, _, version = folder.rsplit(".", 1)[0].partition("-")
        key = wanted.get(_distribution_key(name))
        if key is not None and found[key] is None:
            found[key] = version.split("-", 1)[0] or None  # an egg's name-1.0-py3.11 or its bare name
    return found


def _distribution_key(name: str) -> str:
    """A distribution's name as its metadata folder may spell it (PyYAML, pyyaml; mkdocs-material, mkdocs_material)."""
    return name.lower().replace("-", "_").replace(".", "_")


def installed() -> list[str]:
    """Every distribution installed where Python imports from, by its metadata folder's name
    (name and version): another plugin, Markdown extension or theme upgraded shapes pages
    too. Names only, no metadata read: this runs on every build."""
    return sorted(set(_metadata_folders()))


def _metadata_folders() -> list[str]:
    """The names of the metadata folders (.dist-info, .egg-info) where Python imports from, in its order."""
    found: list[str] = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as entries:
                found += [e.name for e in entries if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:  # a zip or a folder that is gone
            continue
    return found


def hook_digests(hook_files: Iterable[Path]) -> list[list[str | None]]:
    """MkDocs hooks (mkdocs.yml's `hooks:`) by their bytes and the Python files beside them,
    which a hook may import (MkDocs puts its folder on the path)."""
    digests = []
    for hook in hook_files:
        beside = sorted(p for p in hook.parent.glob("*.py") if p.is_file() and p != hook)
        digests.append([file_sha256(hook) if hook.is_file() else None,
                        *(f"{p.name}:{file_sha256(p)}" for p in beside)])
    return digests


def build_fingerprint(*, package_dir: Path, custom_dir: str | None, config_files: Iterable[Path],
                      settings: Mapping[str, Any], hook_files: Iterable[Path] = ()) -> str:
    """Everything every page depends on: gkml's own code, templates and assets, the theme
    (by version, plus a custom_dir's files), the configuration and profile files and the
    resolved settings (which hold what mkdocs.yml inherits), MkDocs hooks, the versions of the
    libraries that render and of every other installed distribution."""
    return digest(
        versions(),
        installed(),
        tree_digest([package_dir]),
        tree_digest([Path(custom_dir)] if custom_dir else []),
        # by position, not path: `-f mkdocs.yml` and `-f /abs/mkdocs.yml` are the same build
        [hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None for p in config_files],
        hook_digests(hook_files),
        settings,
    )
