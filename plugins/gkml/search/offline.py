"""The search index for file:// (the offline reading-room copy): every bundle file
re-emitted as a classic script, loaded by script tags instead of fetch()."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from gkml.search.pagefind import (
    OFFLINE_CALLBACK,
    PAGEFIND_DIR,
    SHARDS_JSON,
    write_manifest,
)
from gkml.search.routing import TOKENS_FILE


def offline_script(key: str, data: bytes) -> str:
    """A classic script handing ``data`` to the loader under ``key``."""
    b64 = base64.b64encode(data).decode("ascii")
    return f'{OFFLINE_CALLBACK}({json.dumps(key)},"{b64}");\n'


def make_offline(site_dir: Path, *, keep_binary: bool = False) -> None:
    """Re-emit every shard bundle file as ``<file>.js`` for script-tag loading.

    Each script calls ``__gkmlPagefindData(key, base64)`` where key is the
    file's path below ``pagefind/`` (``2010/index/zh-cn_x.pf_index``); the UI
    loads them on demand, so file:// needs neither fetch() nor a server.
    Originals are removed unless ``keep_binary`` (the offline copy of the site
    never fetches them).  Idempotent.
    """
    out_root = site_dir / PAGEFIND_DIR
    manifest_path = out_root / SHARDS_JSON
    if not manifest_path.exists():
        raise FileNotFoundError(f"no search index at {out_root}")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    for shard in manifest["shards"]:
        shard_dir = out_root / str(shard["path"])
        for path in sorted(shard_dir.rglob("*")):
            if path.name == TOKENS_FILE:  # for portals only: never read offline
                path.unlink()
            if not path.is_file() or path.suffix == ".js":
                continue
            key = path.relative_to(out_root).as_posix()
            path.with_name(path.name + ".js").write_text(offline_script(key, path.read_bytes()), "ascii")
            if not keep_binary:
                path.unlink()
    write_manifest(out_root, manifest)
