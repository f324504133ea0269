"""A damaged build cache costs time, never correctness (issue #18): after every file of the
cache is cut short, overwritten in its middle, or has its entries' values swapped among its
keys (still valid JSON, its seal left as it was), the next incremental build is exactly a
clean build of the same tree."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from support import carried_build, edit, sample_project

MODES = ("cut short", "overwritten", "values swapped")
DOC = "content/catalogue/fgwj/2012-jubao-jiangli-banfa.md"


def damage(path: Path, mode: str, rng: random.Random) -> bool:
    data = path.read_bytes()
    if len(data) < 8:
        return False
    if mode == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif mode == "overwritten":  # letters: inside a JSON string the file still parses
        middle = len(data) // 2
        path.write_bytes(data[:middle] + b"x" * 16 + data[middle + 16:])
    else:
        try:
            head, newline, body = data.decode("utf-8").partition("\n")
            entries = json.loads(body if newline else head)
        except ValueError:  # not JSON (a pickle, compiled code): cut or overwritten in the other modes
            return False
        if not isinstance(entries, dict) or len(entries) < 2:
            return False
        values = list(entries.values())
        rng.shuffle(values)
        values = values[1:] + values[:1]  # every value moved to another key
        swapped = json.dumps(dict(zip(entries, values, strict=True)), ensure_ascii=False)
        path.write_text(f"{head}\n{swapped}" if newline else swapped, encoding="utf-8")
    return True


@pytest.mark.parametrize("mode", MODES)
def test_an_incremental_build_from_a_damaged_cache_is_a_clean_build(tmp_path: Path, mode: str) -> None:
    root = sample_project(tmp_path, "search_shard_size: 8", "build_time: '2026-11-01 12:00'")
    carried_build(root)
    edit(root / DOC, "现印发给你们", "现印发给你们（一）")  # the next build has something to do, from its cache
    rng = random.Random(mode)
    damaged = [p for p in sorted((root / ".gkml-cache").rglob("*"))
               if p.is_file() and p.suffix != ".lock" and damage(p, mode, rng)]
    assert len(damaged) >= 5, damaged  # the memos, the manifest, the check cache, search records
    incremental, _ = carried_build(root)
    assert incremental == carried_build(root, clean=True)[0]
