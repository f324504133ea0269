"""`mkdocs serve`'s search index finished in the background (gkml.build.preview): what the
preview's search bundle is while it runs, once it is done, when it fails, when it is stopped.
Real Pagefind runs in a real child process; only the site is a small fixture."""

from __future__ import annotations

import dataclasses
import gzip
import json
import logging
import threading
from pathlib import Path

import pytest
from gkml.build.preview import PreviewSearch, stand_in
from gkml.build.search_index import SearchIndexing
from gkml.search.index import build_index
from gkml.search.plan import plan_shards
from gkml_bench.search_bench import generate_docs, write_site

DOCS = generate_docs(12, seed=3, years=(2020, 2021))
NEW_TITLE = "关于鹭洲校勘样本的通知"


def bundle_text(bundle: Path) -> str:
    """Every fragment of a Pagefind bundle, decompressed (titles are in them)."""
    return "".join(gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
                   for path in bundle.rglob("*.pf_fragment"))


def records(bundle: Path) -> int:
    return sum(shard["pages"] for shard in json.loads((bundle / "shards.json").read_text("utf-8"))["shards"])


@pytest.fixture()
def sites(tmp_path: Path) -> tuple[Path, Path, dict[str, list[str]]]:
    """The last build (with its bundle) and this one, where one title changed."""
    previous, site = tmp_path / "site.gkml-prev", tmp_path / "site"
    items = write_site(previous, DOCS, offline=False)
    shards = plan_shards(items, 6)
    build_index(previous, shards, quiet=True)
    write_site(site, [dataclasses.replace(DOCS[0], title=NEW_TITLE), *DOCS[1:]], offline=False)
    return previous, site, shards


def start(previous: Path, site: Path, shards: dict[str, list[str]], cache: Path) -> PreviewSearch:
    bundle = stand_in(previous)
    assert bundle is not None
    preview = PreviewSearch(site, bundle, len(DOCS))
    preview.start(lambda root: SearchIndexing(None, site, shards, cache, root))
    return preview


def test_the_new_bundle_replaces_the_last_one_when_done(sites, tmp_path: Path) -> None:
    previous, site, shards = sites
    published: list[str] = []
    preview = start(previous, site, shards, tmp_path / "cache")
    # the build returns: search works at once, with the last bundle or already the new one
    preview.show(lambda: published.append((site / "pagefind" / "shards.json").read_text("utf-8")))
    assert (site / "pagefind" / "shards.json").is_file()
    assert preview.thread is not None and preview.publishing is not None
    preview.thread.join(timeout=300)
    preview.publishing.join(timeout=300)
    assert preview.state == "done", preview.error
    assert records(site / "pagefind") == len(DOCS)
    assert NEW_TITLE in bundle_text(site / "pagefind")
    assert not preview.staging.exists()
    assert 1 <= len(published) <= 2  # again once the new bundle is in, if it came after the build


def test_a_failed_index_is_said_and_the_last_bundle_stays(sites, tmp_path: Path, caplog) -> None:
    previous, site, shards = sites
    (site / next(iter(shards.values()))[0]).unlink()  # a page the indexer cannot read
    published: list[int] = []
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.gkml"):
        preview = start(previous, site, shards, tmp_path / "cache")
        preview.show(lambda: published.append(1))
        assert preview.thread is not None and preview.publishing is not None
        preview.thread.join(timeout=300)
        preview.publishing.join(timeout=300)
    assert preview.state == "failed"
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "检索索引没有更新，预览中的检索仍是修改之前的内容" in errors[0], errors
    assert "No such file" in errors[0] or "FileNotFoundError" in errors[0], errors
    # readers keep the last bundle, whole
    assert records(site / "pagefind") == len(DOCS) and NEW_TITLE not in bundle_text(site / "pagefind")
    assert DOCS[0].title in bundle_text(site / "pagefind")
    assert published == [1] and not preview.staging.exists()


def test_a_newer_rebuild_stops_the_index(sites, tmp_path: Path) -> None:
    previous, site, shards = sites
    preview = start(previous, site, shards, tmp_path / "cache")
    preview.cancel()
    assert preview.state == "cancelled"
    child = preview.cancellation.process
    assert child is None or child.returncode == -9  # killed, not left to finish
    assert not preview.staging.exists() and not (site / "pagefind").exists()
    assert records(previous / "pagefind") == len(DOCS)  # the last build's folder is as it was


def test_the_browser_reloads_before_the_first_publish_and_a_newer_rebuild_waits_for_it(sites, tmp_path: Path) -> None:
    """The contract and the carry-over manifest are written beside the reload, not before it;
    the next rebuild carries over by that manifest, so it waits for it, never stops it."""
    previous, site, shards = sites
    release, published = threading.Event(), []

    def publish() -> None:
        release.wait(timeout=30)  # the build would wait for it (a failure, not a hang)
        published.append(1)

    preview = start(previous, site, shards, tmp_path / "cache")
    preview.show(publish)
    assert published == []  # the build has returned: the browser reloads now
    stopping = threading.Thread(target=preview.cancel)
    stopping.start()
    stopping.join(timeout=1)
    assert stopping.is_alive()  # a newer rebuild waits for the manifest
    release.set()
    stopping.join(timeout=300)
    assert published[:1] == [1] and not stopping.is_alive()
