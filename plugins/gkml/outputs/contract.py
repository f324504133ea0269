"""The publication contract: `gkml-site.json` at the root of every built site.

It tells a portal (`gkml portal`) what the site publishes and lets it prove
that what it downloaded is exactly what the agency built: who (agency, org
code, site URL), which gkml and contract version, how many documents, the
search shards (with each shard's routing keys, see gkml.search.routing), and
the SHA-256 of catalogue.json, the other open-data files and every file of the
search bundle. Documented in docs/portal.md; bump
CONTRACT_VERSION on any incompatible change (a portal refuses versions it
does not know).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gkml.filetree import files_below
from gkml.fingerprint import file_sha256
from gkml.outputs.hygiene import json_text
from gkml.search import routing
from gkml.search.text import ALPHABET

CONTRACT_FILE = "gkml-site.json"
# An Ed25519 signature over the contract's bytes (`gkml sign`), which a portal given the agency's
# public key checks: the contract holds the digest of every file it publishes.
SIGNATURE_FILE = "gkml-site.sig"
CONTRACT_VERSION = 1
# Open-data files a site publishes (outputs.opendata and outputs.feeds write them; catalogue.json is
# required), which a portal reads or links and writes its own of, under the same names.
JSON_FILE = "catalogue.json"
SCHEMA_FILE = "catalogue.schema.json"
CSV_FILE = "catalogue.csv"
FEED_FILE = "feed.xml"
OPEN_DATA = (JSON_FILE, SCHEMA_FILE, CSV_FILE, FEED_FILE)
SEARCH_ROOT = "pagefind"
# Fields of a document that never leave the site: a published record holding one is held back.
NON_PUBLIC = ("draft", "exemption", "withdrawn")


def search_files(site_dir: Path) -> list[str]:
    """Every file of the search bundle, site-relative, sorted."""
    return files_below(site_dir / SEARCH_ROOT, f"{SEARCH_ROOT}/")


def digests(site_dir: Path, paths: Iterable[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
    known = known or {}
    return {rel: known.get(rel) or file_sha256(site_dir / rel) for rel in paths}


def site_contract(site_dir: Path, *, agency: str, org_code: str, site_url: str, gkml_version: str,
                  built: str, counts: Mapping[str, int], known: Mapping[str, str] | None = None,
                  preview: bool = False) -> dict[str, Any]:
    """The contract of a finished site (everything else already written into site_dir). `known`:
    digests the build already took of files it wrote (gkml.build.carryover), not taken twice.
    `preview`: built with `preview: true` (it may publish what is still embargoed): said, so no
    portal takes it for the agency's site."""
    search: dict[str, Any] | None = None
    manifest_path = site_dir / SEARCH_ROOT / "shards.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text("utf-8"))
        search = {
            "engine": "pagefind",
            "engine_version": manifest.get("pagefind", ""),
            "language": manifest.get("language", ""),
            "alphabet": ALPHABET,
            "root": f"{SEARCH_ROOT}/",
            "manifest": f"{SEARCH_ROOT}/shards.json",
            "shards": [{"name": s["name"], "path": s["path"], "pages": s["pages"], "years": s.get("years", [])}
                       for s in manifest["shards"]],
            "records": sum(int(s["pages"]) for s in manifest["shards"]),
            "files": digests(site_dir, search_files(site_dir), known),
        }
        tokens = [f"{SEARCH_ROOT}/{s['path']}{routing.TOKENS_FILE}" for s in manifest["shards"]]
        if all(t in search["files"] for t in tokens):  # a portal asks this site only for queries it can answer
            search["routing"] = {"version": routing.ROUTING_VERSION, "file": routing.TOKENS_FILE,
                                 "bits": routing.TOKEN_BITS}
    return {
        "gkml_site": CONTRACT_VERSION,
        "generator": {"name": "gkml", "version": gkml_version},
        "agency": agency,
        "org_code": org_code,
        "site_url": site_url,
        "built": built,
        "counts": dict(counts),
        "open_data": digests(site_dir, [name for name in OPEN_DATA if (site_dir / name).is_file()], known),
        "search": search,
        **({"preview": True} if preview else {}),
    }


def write_contract(site_dir: Path, contract: Mapping[str, Any]) -> Path:
    path = site_dir / CONTRACT_FILE
    path.write_text(json_text(contract) + "\n", "utf-8")
    return path
