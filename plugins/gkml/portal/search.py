"""Province-wide search without re-indexing: every agency's Pagefind shards, side by side.

The portal's `pagefind/` folder has the layout of one agency site with more
shards: `pagefind/<agency>/<shard>/` holds that agency's bundle byte for byte,
and `pagefind/shards.json` lists all of them, each shard tagged with its agency
and the base URL its results link to. The search page runs the agencies' own
search code (assets/search/gkml-search.js), which already merges shards in the
browser with one index's semantics; the agency filter chooses which shards it asks,
and the routing index (routing.py, "routing" in the manifest) which agencies can match.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gkml.outputs.contract import CONTRACT_FILE
from gkml.outputs.hygiene import json_text
from gkml.search.pagefind import (
    BROWSER_JS,
    PAGEFIND_DIR,
    SHARDS_JS,
    SHARDS_JSON,
    Engine,
    classic_browser_js,
)
from gkml.search.pffiles import BundleFormatError, fragment_page
from gkml.search.records import meta_text
from gkml.search.routing import TOKENS_FILE
from gkml.search.text import ALPHABET

from .catalogue import Agency, Row
from .shardfacts import REBUILD, check_filters, check_shard, shard_pages
from .sitecontract import REFUSED, SourceError, who_acts


@dataclass(frozen=True)
class Expected:
    """What every agency's bundle must share with the portal's own Pagefind."""

    engine: tuple[str, str]  # (Pagefind version, language)
    script: str  # SHA-256 of the gkml-pagefind.js the portal serves
    wasm: dict[str, str]  # wasm.*.pagefind name -> SHA-256


def expected_of(own: Engine) -> Expected:
    return Expected((own.version, own.language), hashlib.sha256(classic_browser_js(own.module_js).encode("utf-8")).hexdigest(),
                    {name: hashlib.sha256(data).hexdigest() for name, data in own.wasm.items()})


def check_engine(agency: Agency, expected: Expected) -> None:
    """The agency's bundle is one the portal can serve: the portal serves its own Pagefind's browser
    script, and each shard's WebAssembly runs in the readers' browsers: every agency must bring exactly
    those bytes (one Pagefind makes the same files), so no agency can put its own code on the portal's
    pages, even the only one."""
    found = expected.engine
    search = agency.source.search
    if search is None:
        raise SourceError(f"{agency.name}：站点没有检索索引，无法参加全省检索，{REFUSED}。")
    alphabet = search.get("alphabet")
    if alphabet != ALPHABET:  # the portal's gkml-search.js reads only its own token stream
        known = isinstance(alphabet, int) and not isinstance(alphabet, bool)
        shown = f"第 {alphabet} 版" if known else "旧版"
        raise SourceError(f"{agency.name}：{CONTRACT_FILE} 的 search.alphabet：检索索引的格式（{shown}）与本门户的"
                          f"检索程序（第 {ALPHABET} 版）不同，全省检索无法使用（{who_acts(alphabet, ALPHABET)}），{REFUSED}。")
    mine = (str(search.get("engine_version")), str(search.get("language")))
    if mine != found:
        raise SourceError(f"{agency.name}：检索索引由 Pagefind {mine[0]}（{mine[1]}）生成，"
                          f"与本门户的 Pagefind {found[0]}（{found[1]}）不同，全省检索无法合并，"
                          f"请用与门户相同版本的 gkml 重新生成，{REFUSED}。")
    js = search["files"].get(f"{search.get('root')}{BROWSER_JS}")
    if js is None:
        raise SourceError(f"{agency.name}：检索文件中没有 {BROWSER_JS}，{REFUSED}。")
    brought = {rel.rsplit("/", 1)[-1]: digest for rel, digest in search["files"].items()
               if rel.rsplit("/", 1)[-1].startswith("wasm.")}
    if js != expected.script or any(expected.wasm.get(name) != digest for name, digest in brought.items()):
        name = BROWSER_JS if js != expected.script else "wasm.*.pagefind"
        raise SourceError(f"{agency.name}：检索程序 {name} 与本门户的 Pagefind {found[0]} 生成的不同"
                          f"（同一版本的 Pagefind 生成相同的文件，可能被改动），{REFUSED}。")


FRAGMENT = ".pf_fragment"
DAY = "发布日"  # a filter of each fragment: the day gkml-search.js orders the agencies' results by
# The version of check_pages, run once per publication: a portal whose publications passed an older one
# (none: kept by a gkml without it) checks every publication again once, the kept ones too.
# 2: only the shards listed, each page in one; 3: each page (a notice too) one document's; 4: what its results show;
# 5: what the shards' filters and date order say of each page (portal.shardfacts)
PAGES_CHECK = 5


def check_pages(agency: Agency, rows: Sequence[Row], notices: Sequence[str] = ()) -> None:
    """Every page the agency's search bundle holds is a document of its catalogue.json, and every
    document has its own: a result links where the bundle says (gkml-search.js), so a page left in a
    bundle (a document the agency withdrew or holds back, a stale shard) would still be found and
    linked on the portal under the agency's name while its catalogue no longer lists it. `notices`: the
    addresses of its withdrawals' notices."""
    search = agency.source.search or {}
    if twice := sorted(url for url, n in Counter([*(row.url for row in rows), *notices]).items() if n > 1):
        # gkml gives each document its own page (a withdrawn one its notice): a second record there is a
        # document no page shows, or a withdrawal told of a document still published
        raise SourceError(f"{agency.name}：catalogue.json 中不止一个文件的网址是 {twice[0]}"
                          f"（每个文件有自己的页面，页面上只有其中一个），{REFUSED}。")
    listed = {row.url for row in rows}
    paths = [str(shard["path"]) for shard in search.get("shards") or []]
    if twice := sorted(path for path, n in Counter(paths).items() if n > 1):  # each of its results shown twice
        raise SourceError(f"{agency.name}：{CONTRACT_FILE} 的 search.shards 中检索分片 {twice[0]} 列出了不止一次，{REFUSED}。")
    names = [str(shard["name"]) for shard in search.get("shards") or []]
    if twice := sorted(name for name, n in Counter(names).items() if n > 1):  # the search page asks one of them
        raise SourceError(f"{agency.name}：{CONTRACT_FILE} 的 search.shards 中不止一个检索分片名为 {twice[0]}"
                          f"（全省检索只会检索其中一个），{REBUILD}，{REFUSED}。")
    found: dict[str, str] = {}  # page -> its fragment
    shown: dict[str, dict[str, str]] = {}  # page -> what its results show
    filtered: dict[str, dict[str, list[str]]] = {}  # page -> its fragment's filter values
    root = str(search.get("root") or "")
    # only the shards listed are asked (bundle_files): a fragment of a shard left off the list finds nothing
    for rel in bundle_files(agency) if paths else ():
        if rel.endswith(FRAGMENT):
            try:
                url, meta, filters = fragment_page(agency.source.read(root + rel), root + rel)
            except BundleFormatError:
                raise SourceError(f"{agency.name}：检索文件 {root + rel} 无法读取，{REFUSED}。") from None
            page = agency.base_url + _INDEX_PAGE.sub(r"\1", url.lstrip("/"))  # as gkml-search.js links it
            if page in found:  # in two shards: found, and shown, twice
                raise SourceError(f"{agency.name}：检索索引中页面 {page} 出现了两次（{found[page]}、{root + rel}），{REFUSED}。")
            found[page] = root + rel
            # the province's newest first merges the agencies' results by the day each fragment gives (发布日)
            shown[page] = {key: meta_text(value) for key, value in meta.items()} | {DAY: " ".join(filters.get(DAY, []))}
            filtered[page] = filters
    if extra := sorted(found.keys() - listed):
        raise SourceError(f"{agency.name}：检索索引中有 catalogue.json 没有的页面 {extra[0]}"
                          f"{f' 等 {len(extra)} 个' if len(extra) > 1 else ''}（已撤回、不公开的文件，或过期的检索分片），"
                          f"全省检索会找到并链接它，{REFUSED}。")
    if missing := sorted(listed - found.keys()):
        raise SourceError(f"{agency.name}：catalogue.json 中的 {missing[0]}"
                          f"{f' 等 {len(missing)} 个' if len(missing) > 1 else ''}在检索索引中没有，{REFUSED}。")
    check_shown(agency, rows, shown)
    records = {str(record.get("index_no")): record for record in agency.source.catalogue.get("documents", [])}
    for row in rows:
        check_filters(agency, row, records[row.index_no], found[row.url], filtered[row.url])
    page_of = {found[row.url]: row for row in rows}
    for shard in search.get("shards") or []:
        folder = root + str(shard["path"])
        fragments, filters, sorts = shard_pages(agency, folder)
        if shard["pages"] != len(fragments):  # the portal's shards.json tells it
            raise SourceError(f"{agency.name}：{CONTRACT_FILE} 的 search.shards 中检索分片 {shard['name']} 的页数 {shard['pages']}"
                              f" 与其页面清单的 {len(fragments)} 页不同，{REBUILD}，{REFUSED}。")
        if unlisted := sorted({rel for rel in page_of if rel.startswith(folder)} ^ set(fragments)):
            told = page_of[unlisted[0]].url if unlisted[0] in page_of else unlisted[0]
            raise SourceError(f"{agency.name}：检索分片 {folder} 的页面清单（pagefind.*.pf_meta）与其页面文件不符（{told}），"
                              f"检索不到或会显示不存在的页面，{REBUILD}，{REFUSED}。")
        check_shard(agency, folder, fragments, page_of, records, filters, sorts)


def _plain(text: str) -> str:
    return " ".join(text.split())  # as a page shows it: runs of white space are one


def result_facts(row: Row) -> dict[str, str]:
    """What a result of the row's page shows, by the index's names (site.document_page.INDEX_META:
    the values its listing row shows), and the label the portal tells it by."""
    year, month, day = row.published[:10].split("-")
    return {"title": row.title, "索引号": row.index_no, "文号": row.doc_no,
            "发布日期": f"{int(year)}年{int(month)}月{int(day)}日", "信息分类": row.category_name, DAY: row.published[:10]}


_TOLD = {"title": "名称", DAY: "发布日期"}


def check_shown(agency: Agency, rows: Sequence[Row], shown: dict[str, dict[str, str]]) -> None:
    """A result shows what the bundle holds: a name, 索引号 (another agency's), 文号, date or category its
    catalogue.json (the portal's listings, open data and feed) does not give would be shown under the
    agency's name all the same."""
    for row in rows:
        meta = shown[row.url]
        for key, expected in result_facts(row).items():
            if _plain(meta.get(key, "")) != _plain(expected):
                label = _TOLD.get(key, key)
                raise SourceError(f"{agency.name}：检索索引中页面 {row.url} 的{label}“{meta.get(key, '')}”与 catalogue.json 中"
                                  f"索引号 {row.index_no} 的{label}“{expected}”不同（检索结果会显示目录中没有的{label}），{REFUSED}。")


_INDEX_PAGE = re.compile(r"(^|/)index\.html$")


def bundle_files(agency: Agency) -> list[str]:
    """The agency's shard files, relative to its `pagefind/` folder."""
    search = agency.source.search or {}
    root = str(search["root"])
    prefixes = tuple(root + str(s["path"]) for s in search["shards"])
    # The routing keys are read here, at portal time; the browser reads the portal's routing index.
    return sorted(rel[len(root):] for rel in search["files"]
                  if rel.startswith(prefixes) and not rel.endswith(f"/{TOKENS_FILE}"))


def bundle_dir(agency: Agency) -> str:
    return f"{PAGEFIND_DIR}/{agency.slug}"


def manifest(agencies: Sequence[Agency], engine: tuple[str, str], routing: dict[str, Any] | None = None) -> dict[str, Any]:
    shards = []
    for agency in agencies:
        for shard in (agency.source.search or {})["shards"]:
            # Only what the search page reads: this file is part of every province-wide first query.
            shards.append({"name": f"{agency.slug}/{shard['name']}", "path": f"{agency.slug}/{shard['path']}",
                           "pages": shard["pages"], "agency": agency.slug, "site": agency.base_url,
                           # names its fragments' version (gkml-search.js): numbered fragments are reused
                           **({"meta": shard["meta"]} if shard.get("meta") else {})})
    return {
        "version": 1, "pagefind": engine[0], "language": engine[1],
        "agencies": [{"id": a.slug, "name": a.name, "group": a.group, "site": a.base_url, "documents": a.documents}
                     for a in agencies],
        "shards": shards,
        **({"routing": routing} if routing else {}),
    }


def manifest_files(data: dict[str, Any]) -> dict[str, str]:
    """shards.json for http, shards.js for file:// (same shapes as an agency site's)."""
    text = json_text(data, compact=True)
    return {f"{PAGEFIND_DIR}/{SHARDS_JSON}": text, f"{PAGEFIND_DIR}/{SHARDS_JS}": f"window.GKML_SHARDS={text};\n"}
