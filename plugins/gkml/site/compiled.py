"""Templates compiled once and kept in the project's cache folder: Jinja compiles every
template a build renders (Material's base and partials, gkml's) from source on each
build; the compiled code is read back instead while the template's source is the same."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from gkml.cachedir import ensure


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's compiled templates in `folder`, each known by its name, file and source (Jinja's
    own checks) and by `salt`: what else shapes the code compiled (versions, the environment's
    extensions and escaping). Safe to delete; a file that does not read is compiled again."""

    def __init__(self, folder: Path, salt: str) -> None:
        super().__init__(str(ensure(folder)))
        self.salt = salt

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(f"{self.salt}\n{source}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 — truncated or altered (pickle and marshal raise many kinds): compile it
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only project still builds, only compiling each time
            pass


def keep_compiled(env: Any, folder: Path, salt: str) -> None:
    """`env` keeps what it compiles in `folder` (unless it cannot be made there)."""
    try:
        env.bytecode_cache = CompiledTemplates(folder, salt)
    except OSError:
        pass
