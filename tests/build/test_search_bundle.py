"""search.shard / search.bundle with the real Pagefind: a shard updated from the last
bundle (only the changed pages indexed) is byte for byte the shard indexed whole, and a
base that is not what its names say is refused."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import cbor2
import pytest
from gkml.search import bundle, pffiles, shard, sortorder
from gkml.search.pagefind import pagefind_executable, run_pagefind
from gkml.search.records import char_words_in_stream, char_words_of, indexed_words
from gkml.search.text import CHAR, TITLE_CHAR
from support import SEARCH_TITLES as TITLES
from support import changed_records as _changed
from support import search_record as _record
from support import search_records as _records
from support import tree_bytes as _tree


def _run(site: Path, output: Path) -> tuple[int, int, str]:
    return run_pagefind(pagefind_executable(), site, output, "--force-language", "zxx", "--quiet")


def _index(records: dict[str, str], out: Path, base: shard.Base | None = None, batch: int = 100,
           layouts: Path | None = None) -> shard.Indexed:
    out.parent.mkdir(parents=True, exist_ok=True)
    return shard.index(records, out, out.parent, _run, base=base, chunk_bytes=300, batch=batch,  # several chunks
                       layouts=layouts)


@pytest.fixture
def last(tmp_path: Path) -> tuple[dict[str, str], Path]:
    records = _records(dict(enumerate(TITLES)))
    _index(records, tmp_path / "last", layouts=tmp_path / "layouts")
    return records, tmp_path / "last"


def test_the_bundle_is_the_same_whatever_order_pagefind_numbered_the_pages(tmp_path: Path) -> None:
    records = _records(dict(enumerate(TITLES)))
    _index(records, tmp_path / "a")
    _index(dict(reversed(list(records.items()))), tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    meta = bundle.read(tmp_path / "a")
    assert len(meta.postings) > 50 and len(list((tmp_path / "a" / "index").iterdir())) > 5  # chunked small


def test_a_shard_indexed_in_several_pagefind_runs_is_the_shard_indexed_in_one(tmp_path: Path) -> None:
    """Pagefind runs on a few pages at a time (its memory grows with the pages it holds)."""
    records = _records(dict(enumerate(TITLES)))
    in_runs = _index(records, tmp_path / "runs", batch=3)
    _index(records, tmp_path / "one")
    assert in_runs.indexed == in_runs.pages == len(records)
    assert _tree(tmp_path / "runs") == _tree(tmp_path / "one")


def test_shards_whose_runs_share_one_queue_are_each_shard_indexed_alone(tmp_path: Path) -> None:
    """A build asks for the next shard's runs before it writes this one's bundle (search.shard.Runs)."""
    first, second = _records(dict(enumerate(TITLES[:5]))), _records({10 + n: t for n, t in enumerate(TITLES)})
    with shard.Runs(_run) as runs:
        started = [shard.start(records, tmp_path / "shared" / name, tmp_path, runs, batch=2)
                   for name, records in (("a", first), ("b", second))]
        done = [one.finish(chunk_bytes=300) for one in started]
    assert [one.pages for one in done] == [len(first), len(second)]
    _index(first, tmp_path / "alone" / "a")
    _index(second, tmp_path / "alone" / "b")
    assert _tree(tmp_path / "shared") == _tree(tmp_path / "alone")
    assert not list(tmp_path.glob(".gkml-shard-*"))  # the record pages and Pagefind's output are gone


def test_character_words_are_posted_where_pagefind_would_index_them(tmp_path: Path) -> None:
    """gkml posts each page's character words itself (search.charwords): the index, the
    filters and the metadata (word counts) are byte for byte those Pagefind writes when it
    indexes them at the end of the page's stream; only the fragments no longer carry them."""
    records = _records(dict(enumerate(TITLES)))
    assert all(char_words_of(page) for page in records.values())
    _index(records, tmp_path / "gkml", batch=3)
    _index({rel: char_words_in_stream(page) for rel, page in records.items()}, tmp_path / "pagefind")
    posted, indexed = _tree(tmp_path / "gkml"), _tree(tmp_path / "pagefind")
    assert {name: data for name, data in posted.items() if not name.startswith("fragment/")} == \
        {name: data for name, data in indexed.items() if not name.startswith("fragment/")}
    assert sorted(posted) == sorted(indexed)
    assert sum(map(len, posted.values())) < sum(map(len, indexed.values()))
    words = bundle.read(tmp_path / "gkml").postings
    assert CHAR + "矿" in words and TITLE_CHAR + "矿" in words


def test_a_failed_run_fails_its_shard_and_leaves_no_files(tmp_path: Path) -> None:
    def failing(site: Path, output: Path) -> tuple[int, int, str]:
        return (1, 0, "Error: 无法索引") if len(list(site.rglob("*.html"))) == 1 else _run(site, output)

    records = _records(dict(enumerate(TITLES)))
    records["doc/099/index.html"] = _record(99, "最后一件", "2024-01-01T08:00")  # batch 4: the last run holds it alone
    with shard.Runs(failing) as runs:
        started = [shard.start(records, tmp_path / name, tmp_path, runs, batch=4) for name in ("x", "y")]
        with pytest.raises(RuntimeError, match="无法索引"):
            started[0].finish()
        started[1].discard()
    assert not list(tmp_path.glob(".gkml-shard-*"))


CHANGES = ["edit", "add", "add-first", "withdraw", "redate", "nothing"]


@pytest.mark.parametrize("spliced", [True, False], ids=["layout", "decoded"])
@pytest.mark.parametrize("change", CHANGES)
def test_an_updated_shard_is_the_shard_indexed_whole(last: tuple[dict[str, str], Path], tmp_path: Path,
                                                     change: str, spliced: bool) -> None:
    records, folder = last
    now = _changed(records, change)
    layouts = tmp_path / "layouts" if spliced else None
    assert bool(bundle.read(folder, layouts=layouts).lazy) == spliced  # the layout is what is read
    unchanged = frozenset(rel for rel in now if records.get(rel) == now[rel])
    updated = _index(now, tmp_path / "updated", shard.Base(folder, unchanged), layouts=layouts)
    whole = _index(now, tmp_path / "whole")
    assert updated.indexed == len(now) - len(unchanged)  # Pagefind saw only the changed pages
    assert whole.indexed == len(now)
    assert updated.pages == whole.pages == len(now)
    assert _tree(tmp_path / "updated") == _tree(tmp_path / "whole")
    assert updated.meta == whole.meta
    assert updated.spliced == spliced


def test_updates_one_after_another_splice_what_the_last_one_wrote(last: tuple[dict[str, str], Path],
                                                                 tmp_path: Path) -> None:
    """Each update reads the layout the one before wrote, never decoding its words."""
    records, folder = last
    layouts = tmp_path / "layouts"
    for step, change in enumerate(["edit", "withdraw", "add", "add-first", "redate", "edit"]):
        now = _changed(records, change)
        if change == "edit" and step:
            now["doc/003/index.html"] = _record(3, "举报奖励办法（修订）", "2024-04-13T08:00")
        assert bundle.read(folder, layouts=layouts).lazy
        out = tmp_path / f"update{step}"
        updated = _index(now, out, shard.Base(folder, frozenset(rel for rel in now if records.get(rel) == now[rel])),
                         layouts=layouts)
        assert updated.spliced, change
        _index(now, tmp_path / f"whole{step}")
        assert _tree(out) == _tree(tmp_path / f"whole{step}"), change
        records, folder = now, out


def test_a_layout_that_does_not_fit_costs_time_only(last: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    """Torn, altered, or another bundle's: the base is decoded whole, and the result is the same."""
    records, folder = last
    layouts = tmp_path / "layouts"
    (saved,) = layouts.glob("*.layout")
    now = _changed(records, "edit")
    unchanged = frozenset(rel for rel in now if records.get(rel) == now[rel])
    _index(now, tmp_path / "whole", layouts=tmp_path / "elsewhere")
    (foreign,) = (tmp_path / "elsewhere").glob("*.layout")
    good = saved.read_bytes()
    for n, broken in enumerate([good[:-7], good[:40] + bytes([good[40] ^ 1]) + good[41:], foreign.read_bytes()]):
        saved.write_bytes(broken)
        assert not bundle.read(folder, layouts=layouts).lazy
        updated = _index(now, tmp_path / f"updated{n}", shard.Base(folder, unchanged), layouts=layouts)
        assert not updated.spliced
        assert _tree(tmp_path / f"updated{n}") == _tree(tmp_path / "whole")


@pytest.mark.parametrize("edited", [True, False])
def test_an_update_links_the_files_it_does_not_change(last: tuple[dict[str, str], Path], tmp_path: Path,
                                                      edited: bool) -> None:
    """An update writes the changed pages' fragments and the chunks their words are in; every
    other file is a link to the last bundle's (a link costs a fraction of writing a file)."""
    records, folder = last
    now = {**records, **({"doc/002/index.html": _record(2, "非煤矿山安全专项整治", "2024-03-12T08:00")} if edited else {})}
    _index(now, tmp_path / "updated", shard.Base(folder, frozenset(rel for rel in now if now[rel] == records[rel])))
    last_files = {p.stat().st_ino for p in folder.rglob("*") if p.is_file()}
    fragments = list((tmp_path / "updated" / "fragment").rglob("*.pf_fragment"))
    chunks = list((tmp_path / "updated" / "index").iterdir())
    assert sum(p.stat().st_ino in last_files for p in fragments) == len(now) - edited
    if not edited:
        assert all(p.stat().st_ino in last_files for p in chunks)
        return
    # a chunk holding a word of the page, as it was or is now, is written anew; the others
    # (a character word of none of its characters) may be links
    words = set(indexed_words(records["doc/002/index.html"])) | set(indexed_words(now["doc/002/index.html"]))
    (meta,) = (tmp_path / "updated").glob("pagefind.*.pf_meta")
    ranges = {name: (first, last) for first, last, name in pffiles.read_file(meta)[2]}
    touched = {name for name, (first, last) in ranges.items() if any(first <= w <= last for w in words)}
    linked = {p.name.removesuffix(".pf_index") for p in chunks if p.stat().st_ino in last_files}
    assert touched and not touched & linked


def test_a_base_that_is_not_what_its_names_say_is_refused(last: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    records, folder = last
    chunk = min((folder / "index").iterdir())
    data = pffiles.read_file(chunk)
    data[0][0][0] = "篡改"
    os.chmod(chunk, 0o644)
    chunk.write_bytes(gzip.compress(pffiles.SIGNATURE + cbor2.dumps(data)))
    with pytest.raises(pffiles.BundleFormatError):
        _index(records, tmp_path / "updated", shard.Base(folder, frozenset(records)))


def test_sort_values_that_disagree_with_the_bundle_are_refused(last: tuple[dict[str, str], Path]) -> None:
    records, folder = last
    read = bundle.read(folder)
    sorts = {shard.url(rel): {"published": "2000-01-01"} for rel in records}
    sorts[read.pages[0].url] = {"published": "2099-01-01"}  # the first page (oldest) said to be the newest
    with pytest.raises(pffiles.BundleFormatError):
        sortorder.with_sorts(read, sorts)


def _plain(text: str, date: str) -> str:
    return (f'<!doctype html><html lang="zxx"><body><div data-pagefind-body data-pagefind-sort="published:{date}">'
            f"{text}</div></body></html>")


def test_words_with_diacritic_variants_are_kept_and_updated(tmp_path: Path) -> None:
    """Pagefind files café under cafe (a variant): such words survive the layout and an update."""
    records = {"a/index.html": _plain("naïve café résumé", "2024-01-01"),
               "b/index.html": _plain("naive cafe resume", "2024-01-02"),
               "c/index.html": _plain("café crème", "2024-01-03")}
    _index(records, tmp_path / "last")
    read = bundle.read(tmp_path / "last")
    assert ("cafe", "café") in read.postings and "cafe" in read.postings
    now = {**records, "c/index.html": _plain("crème brûlée", "2024-01-03")}
    updated = _index(now, tmp_path / "updated", shard.Base(tmp_path / "last", frozenset({"a/index.html", "b/index.html"})))
    _index(now, tmp_path / "whole")
    assert updated.indexed == 1
    assert _tree(tmp_path / "updated") == _tree(tmp_path / "whole")
