"""The portal's routing index: built from the agencies' published routing keys, exact (never
drops an agency that can match), verified and refused like the rest of the contract."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gkml.fingerprint import file_sha256
from gkml.portal import routing as portal_routing
from gkml.portal.catalogue import agency_of, slug_of
from gkml.portal.config import load_portal_config
from gkml.portal.source import read_source
from gkml.search import records
from gkml.search.routing import TOKENS_FILE, key_hash
from gkml.search.text import normalise
from support import SHARED_WORD, AgencySites, portal_config, query_keys

BASES = {"yjt": "https://yjt.ah.gov.cn/gkml/", "hf": "https://hf.example.gov.cn/", "wh": "https://wh.example.gov.cn/gkml/"}


def portal(out: Path, config: Path, *sources: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config),
                           *map(str, sources)], check=False, capture_output=True, text=True)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("routing-config") / "portal.yml"
    path.write_text(portal_config(BASES), encoding="utf-8")
    return path


def sites(agencies: AgencySites) -> dict[str, Path]:
    return {"yjt": agencies.yjt, "hf": agencies.hf, "wh": agencies.wh}


def index_of(config: Path, folders: list[Path]) -> tuple[portal_routing.RoutingIndex, list[str]]:
    """The routing index of the agencies of `folders` (each configured), in portal.yml's order."""
    sources = {source.org_code: source for source in map(read_source, folders)}
    entries = load_portal_config(config).agencies
    assert {entry.org_code for entry in entries} == set(sources)
    found = [agency_of(e, sources[e.org_code], slug_of(e, sources[e.org_code].agency)) for e in entries]
    return portal_routing.build(found), [a.slug for a in found]


def candidates(index: portal_routing.RoutingIndex, keys: list[str], n: int) -> list[int]:
    """Agencies (positions) a query with these keys can match, read from the routing files as the
    browser reads them (gkml-search.js)."""
    found = set(range(n))
    for key in keys:
        slot = key_hash(key) & ((1 << index.bits) - 1)
        per_file = index.width * 8
        data = index.files[f"{index.path}{slot // per_file}.bin"]
        t, b = divmod(slot % per_file, 8)
        found &= {a for a in range(n) if data[t * n + a] >> b & 1}
    return sorted(found)


def routed(index: portal_routing.RoutingIndex, slugs: list[str], query: str, *, field: bool = False) -> set[str]:
    return {slugs[i] for i in candidates(index, query_keys(query, field=field), len(slugs))}


def test_every_shard_publishes_its_routing_keys_in_the_contract(agency_sites: AgencySites) -> None:
    for slug, site in sites(agency_sites).items():
        contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
        search = contract["search"]
        assert search["routing"]["file"] == TOKENS_FILE, slug
        for shard in search["shards"]:
            rel = f"pagefind/{shard['path']}{TOKENS_FILE}"
            assert search["files"][rel] == file_sha256(site / rel), slug


def test_routing_never_drops_an_agency_whose_text_contains_the_query(agency_sites: AgencySites, config: Path) -> None:
    """Every substring (1–6 characters) of every indexed document routes to its agency."""
    folders = sites(agency_sites)
    index, slugs = index_of(config, list(folders.values()))
    rng = random.Random(20)
    checked = 0
    for slug, site in folders.items():
        contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
        pages = sorted([*site.glob("doc/*/index.html"), *site.glob("doc/*.html")])
        assert len(pages) == contract["search"]["records"]
        for page in pages[:60]:
            record = records.extract(page.read_text("utf-8"))
            for text in [record.title, *record.segments]:
                text = normalise(text)
                for _ in range(3 if text else 0):
                    start = rng.randrange(len(text))
                    query = text[start:start + rng.randint(1, 6)]
                    assert slug in routed(index, slugs, query), (slug, query)
                    checked += 1
    assert checked > 300


def test_routing_narrows(agency_sites: AgencySites, config: Path) -> None:
    index, slugs = index_of(config, list(sites(agency_sites).values()))
    assert routed(index, slugs, SHARED_WORD) == {"hf", "wh"}
    assert routed(index, slugs, "程传如") == {"yjt"}  # a name in the sample's body only
    assert routed(index, slugs, "通知") == {"yjt", "hf", "wh"}
    assert routed(index, slugs, "鼗鼙鼯鼹") == set()


def test_an_agency_without_routing_keys_is_always_asked(tmp_path: Path, agency_sites: AgencySites,
                                                        config: Path) -> None:
    """A site built by an older gkml (no routing in its contract) stays searchable: it is asked for every query."""
    old = tmp_path / "hf-old"
    shutil.copytree(agency_sites.hf, old)
    contract = json.loads((old / "gkml-site.json").read_text("utf-8"))
    del contract["search"]["routing"]
    (old / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    index, slugs = index_of(config, [agency_sites.yjt, old, agency_sites.wh])
    assert index.routed == 2
    assert routed(index, slugs, "程传如") == {"yjt", "hf"}
    assert routed(index, slugs, "鼗鼙鼯鼹") == {"hf"}


def _refused(tmp_path: Path, config: Path, agencies: AgencySites, broken: Path) -> str:
    out = tmp_path / "out"
    result = portal(out, config, agencies.yjt, agencies.hf, broken)
    assert result.returncode == 3 and "芜湖市应急管理局（wh）：未列入门户" in result.stderr  # the others published
    assert not (out / "pagefind" / "wh").exists() and not (tmp_path / "out.gkml-kept" / "wh").exists()
    return result.stderr


def test_a_corrupted_routing_file_is_refused_with_the_agency_named(tmp_path: Path, agency_sites: AgencySites,
                                                                   config: Path) -> None:
    # Altered after the build: its digest no longer matches.
    broken = tmp_path / "wh-altered"
    shutil.copytree(agency_sites.wh, broken)
    tokens = min((broken / "pagefind").rglob(TOKENS_FILE))
    data = bytearray(tokens.read_bytes())
    data[20] ^= 0xFF
    tokens.write_bytes(bytes(data))
    message = _refused(tmp_path, config, agency_sites, broken)
    assert "芜湖市应急管理局" in message and TOKENS_FILE in message and "校验值不符" in message
    # Corrupt with a matching digest (published broken): unreadable, refused all the same.
    contract = json.loads((broken / "gkml-site.json").read_text("utf-8"))
    contract["search"]["files"][tokens.relative_to(broken).as_posix()] = file_sha256(tokens)
    (broken / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    message = _refused(tmp_path, config, agency_sites, broken)
    assert "芜湖市应急管理局" in message and "路由文件" in message and "拒绝" in message


def test_routing_keys_of_another_version_are_refused(tmp_path: Path, agency_sites: AgencySites, config: Path) -> None:
    other = tmp_path / "wh-other"
    shutil.copytree(agency_sites.wh, other)
    contract = json.loads((other / "gkml-site.json").read_text("utf-8"))
    contract["search"]["routing"]["version"] = 99
    (other / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    message = _refused(tmp_path, config, agency_sites, other)
    assert "芜湖市应急管理局" in message and "路由" in message


def test_the_portal_serves_the_routing_index_not_the_agencies_keys(tmp_path: Path, agency_sites: AgencySites,
                                                                   config: Path) -> None:
    out = tmp_path / "out"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    manifest = json.loads((out / "pagefind" / "shards.json").read_text("utf-8"))
    files = sorted((out / "pagefind" / manifest["routing"]["path"]).glob("*.bin"))
    assert len(files) == 2 ** manifest["routing"]["bits"] // (8 * manifest["routing"]["width"])
    assert all(f.stat().st_size == 3 * manifest["routing"]["width"] for f in files)
    assert not list(out.rglob(TOKENS_FILE))
