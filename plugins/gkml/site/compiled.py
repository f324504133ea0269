"""Templates compiled once and kept in the project's cache folder: Jinja compiles every
template a build renders (Material's base and partials, gkml's) from source on each
build; the compiled code is read back instead while the template's source is the same.

Each file carries the digest of its bytes and is never unmarshalled when they differ:
Jinja's own file cache checks only the template's source, and Python code unmarshalled
from altered bytes crashed the build (a segmentation fault, no message)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from gkml.cachedir import ensure, write_atomically

_SEAL = 32  # bytes of sha256


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates in `folder`, each known by its name, file and source (Jinja's
    own checks) and by `salt`: what else shapes the code compiled (versions, the environment's
    extensions and escaping). Safe to delete; a file that does not read is compiled again."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = ensure(folder)
        self.salt = salt

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(f"{self.salt}\n{source}".encode()).hexdigest()

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        seal, payload = data[:_SEAL], data[_SEAL:]
        if hashlib.sha256(payload).digest() != seal:
            return  # truncated or altered: compiled again
        try:
            bucket.bytecode_from_string(payload)
        except Exception:  # noqa: BLE001 — sealed, so written by this code: another Python's, say
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        payload = bucket.bytecode_to_string()
        try:
            write_atomically(self._path(bucket), hashlib.sha256(payload).digest() + payload)
        except OSError:  # a read-only project still builds, only compiling each time
            pass


def keep_compiled(env: Any, folder: Path, salt: str) -> None:
    """`env` keeps what it compiles in `folder` (unless it cannot be made there)."""
    try:
        env.bytecode_cache = CompiledTemplates(folder, salt)
    except OSError:
        pass
