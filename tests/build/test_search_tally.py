"""search.tally with the real Pagefind: a shard updated from its last bundle and its tally,
without reading one record of the pages it keeps, is byte for byte the index made whole
(years in shards.json, routing keys, bundle); a tally that cannot be trusted is not used."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from gkml.search import shard, tally
from gkml.search.index import build_index
from gkml.search.recordcache import kept as kept_record
from support import (
    SEARCH_TITLES,
    changed_records,
    search_record,
    search_records,
    tree_bytes,
)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cache(folder: Path, records: dict[str, str]) -> dict[str, str]:
    """Each record filed in the record cache under its key (as the build files them); the keys."""
    keys = {rel: _key(text) for rel, text in records.items()}
    folder.mkdir(parents=True, exist_ok=True)
    for rel, text in records.items():
        (folder / f"{keys[rel]}.html").write_text(f"{_key(text)}\n{text}", "utf-8")
        assert kept_record(folder, keys[rel]) == text
    return keys


def _build(tmp_path: Path, name: str, records: dict[str, str], cache: Path, layouts: Path, **options: object) -> Path:
    keys = {rel: _key(text) for rel, text in records.items()}
    out = tmp_path / name / "pagefind"
    build_index(tmp_path / "site", {"s": sorted(records)}, quiet=True, record_keys=keys, record_cache=cache,
                out_root=out, layouts=layouts, **options)  # type: ignore[arg-type]
    return out


@pytest.fixture
def last(tmp_path: Path) -> tuple[dict[str, str], Path]:
    records = search_records(dict(enumerate(SEARCH_TITLES)))
    (tmp_path / "site").mkdir()  # no page in it: every record comes from the cache
    _cache(tmp_path / "records", records)
    out = _build(tmp_path, "last", records, tmp_path / "records", tmp_path / "layouts")
    assert len(list((tmp_path / "layouts").glob("*.tally"))) == 1
    return records, out / "s"


@pytest.mark.parametrize("change", ["edit", "add", "add-first", "withdraw", "redate", "nothing"])
def test_an_update_counted_from_the_tally_is_the_index_made_whole(last: tuple[dict[str, str], Path], tmp_path: Path,
                                                                  change: str) -> None:
    records, folder = last
    now = changed_records(records, change)
    if change == "edit":
        now["doc/005/index.html"] = search_record(5, "新的年份", "2019-05-05T08:00")  # a year only this page had
    keys = _cache(tmp_path / "records", now)
    unchanged = frozenset(rel for rel in now if records.get(rel) == now[rel])
    for rel in unchanged:  # the kept pages' records are gone: the update must not need them
        (tmp_path / "records" / f"{keys[rel]}.html").unlink()
    base = shard.Base(folder, unchanged).read(tmp_path / "layouts")
    counted = tally.of_base(base, sorted(now), keys, tmp_path / "records", tmp_path / "layouts")
    assert counted is not None and counted[1] == unchanged
    updated = _build(tmp_path, "updated", now, tmp_path / "records", tmp_path / "layouts", bases={"s": base},
                     tallies={"s": counted}, prepared={})
    _cache(tmp_path / "whole-records", now)
    whole = _build(tmp_path, "whole", now, tmp_path / "whole-records", tmp_path / "whole-layouts")
    assert tree_bytes(updated) == tree_bytes(whole)
    meta = json.loads((whole / "shards.json").read_text("utf-8"))["shards"][0]["meta"]
    assert tally.path(tmp_path / "layouts", meta).read_bytes() == \
        tally.path(tmp_path / "whole-layouts", meta).read_bytes()  # the next update's tally: the same


def test_a_last_record_no_longer_cached_leaves_the_tally_unused(last: tuple[dict[str, str], Path],
                                                                tmp_path: Path) -> None:
    records, folder = last
    now = changed_records(records, "edit")
    keys = _cache(tmp_path / "records", now)
    (tmp_path / "records" / f"{_key(records['doc/002/index.html'])}.html").unlink()  # the edited page's last record
    base = shard.Base(folder, frozenset(rel for rel in now if records[rel] == now[rel])).read(tmp_path / "layouts")
    assert tally.of_base(base, sorted(now), keys, tmp_path / "records", tmp_path / "layouts") is None


@pytest.mark.parametrize("damage", ["torn", "altered", "foreign"])
def test_a_tally_that_cannot_be_trusted_is_not_read(last: tuple[dict[str, str], Path], tmp_path: Path,
                                                    damage: str) -> None:
    records, folder = last
    (found,) = (tmp_path / "layouts").glob("*.tally")
    text = found.read_text("utf-8")
    if damage == "torn":
        found.write_text(text[:len(text) // 2], "utf-8")
    elif damage == "altered":
        found.write_text(text.replace("2024", "2025", 1), "utf-8")
    else:  # another shard's, sealed and intact: its pages are not the bundle's
        other = tally.Tally()
        other.add("doc/999/index.html", records["doc/001/index.html"], "k")
        tally.save(found, other)
    base = shard.Base(folder, frozenset(records)).read(tmp_path / "layouts")
    assert tally.of_base(base, sorted(records), {rel: _key(t) for rel, t in records.items()}, tmp_path / "records",
                       tmp_path / "layouts") is None
