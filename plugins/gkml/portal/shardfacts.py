"""What each shard's index files say of its pages, held against the agency's catalogue.json.

A result's fragment is what it shows (portal.search.check_shown); the shard's other files say what
the search page counts, filters and orders by: the metadata (pf_meta) lists the pages, numbered by
date in gkml's layout (gkml-search.js ranks a page by its number; an older bundle by its date sort),
and each filter file (pf_filter) the pages of every value. A bundle whose files disagree with the
catalogue counted a category's documents under another, found a 2020 document in 2021's range, or
put an old document above the agency's newest, under the agency's name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

import cbor2

from gkml.search.pffiles import ENTRY, BundleFormatError, unpack_bytes

from .catalogue import Agency, Row
from .sitecontract import REFUSED, SourceError

DAY = "发布日"  # the day gkml-search.js merges the agencies' results by
SORT = "published"  # the date sort a bundle not numbered by date ranks by
REBUILD = "请用 gkml 重新生成该站点后再发布"


def expected_filters(row: Row, record: Mapping[str, Any]) -> dict[str, list[str]]:
    """A page's filter values as gkml writes them for its record (site.document_page.INDEX_FILTERS,
    an empty value none): what the page's search record must hold, name for name."""
    values = {"信息分类": row.category_name, "年份": row.published[:4], "发布机构": record.get("publisher", ""),
              "体裁": record.get("genre", ""), "有效性": record.get("validity", ""), DAY: row.published[:10],
              "成文日": record.get("created", "")}
    return {name: [" ".join(str(value).split())] for name, value in values.items() if value}


def _told(values: Sequence[str]) -> str:
    return "、".join(values) if values else "（无）"


def check_filters(agency: Agency, row: Row, record: Mapping[str, Any], where: str, found: Mapping[str, list[str]]) -> None:
    """`found`: the page's filter values in `where` (its fragment, or the shard's filter files)."""
    expected = expected_filters(row, record)
    for name in sorted(expected.keys() | found.keys()):
        got = sorted(" ".join(value.split()) for value in found.get(name, []))
        if got != expected.get(name, []):
            raise SourceError(f"{agency.name}：检索索引（{where}）中页面 {row.url} 的筛选项“{name}”是“{_told(got)}”，"
                              f"与 catalogue.json 中索引号 {row.index_no} 的“{_told(expected.get(name, []))}”不同"
                              f"（全省检索会按它筛选和计数），{REBUILD}，{REFUSED}。")


def _cbor(agency: Agency, rel: str) -> Any:
    try:
        return cbor2.loads(unpack_bytes(agency.source.read(rel), rel))
    except (OSError, EOFError, ValueError, BundleFormatError, cbor2.CBORDecodeError):
        raise SourceError(f"{agency.name}：检索文件 {rel} 无法读取，{REBUILD}，{REFUSED}。") from None


def shard_pages(agency: Agency, folder: str) -> tuple[list[str], dict[str, dict[int, list[str]]], dict[str, list[int]]]:
    """The shard at `folder` (its path from the site's root, ending in /): its pages' fragment files in
    page order, each filter's values by page number, and its sort lists."""
    try:
        entry = json.loads(agency.source.read(folder + ENTRY))
        ((_language, info),) = entry["languages"].items()
        meta_hash = str(info["hash"])
        meta = _cbor(agency, f"{folder}pagefind.{meta_hash}.pf_meta")
        _version, page_list, chunks, filter_files, sort_lists, _fields = meta
        for _first, _last, chunk in chunks:  # each must open: a cut one fails every search reaching it
            _cbor(agency, f"{folder}index/{chunk}.pf_index")
        fragments = [f"{folder}fragment/{meta_hash}/{name}.pf_fragment" if str(name).isdigit()
                     else f"{folder}fragment/{name}.pf_fragment" for name, _words in page_list]
        filters: dict[str, dict[int, list[str]]] = {}
        for name, hashed in filter_files:
            stored, values = _cbor(agency, f"{folder}filter/{hashed}.pf_filter")
            for value, numbers in values:
                for number in numbers:
                    filters.setdefault(str(stored), {}).setdefault(int(number), []).append(str(value))
        sorts = {str(name): [int(n) for n in numbers] for name, numbers in sort_lists}
    except SourceError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError):
        raise SourceError(f"{agency.name}：检索分片 {folder} 的索引文件无法读取，{REBUILD}，{REFUSED}。") from None
    if any(number >= len(fragments) for pages in filters.values() for number in pages):
        raise SourceError(f"{agency.name}：检索分片 {folder} 的筛选文件指向不存在的页面，{REBUILD}，{REFUSED}。")
    return fragments, filters, sorts


def check_shard(agency: Agency, folder: str, fragments: Sequence[str], page_of: Mapping[str, Row],
                records: Mapping[str, Mapping[str, Any]], filters: Mapping[str, Mapping[int, list[str]]],
                sorts: Mapping[str, list[int]]) -> None:
    """The shard's pages (their fragment files, `page_of`: a fragment's record's row) filtered and ranked
    as their records say: each filter's values, and the date order gkml-search.js ranks them by."""
    for number, fragment in enumerate(fragments):
        row = page_of[fragment]
        check_filters(agency, row, records[row.index_no], f"{folder}filter/",
                      {name: pages[number] for name, pages in filters.items() if number in pages})
    numbered = all(fragment.rsplit("/", 1)[-1].removesuffix(".pf_fragment").isdigit() for fragment in fragments)
    order = list(range(len(fragments))) if numbered else sorts.get(SORT, [])
    rows = [page_of[fragments[n]] for n in order if n < len(fragments)]
    for older, newer in pairwise(rows):
        if older.published[:16] > newer.published[:16]:  # gkml sorts by the minute (data-gkml-sort)
            raise SourceError(f"{agency.name}：检索分片 {folder} 中页面 {older.url}（索引号 {older.index_no}，"
                              f"catalogue.json 中 {older.published[:10]} 发布）排在 {newer.url}（{newer.published[:10]} 发布）"
                              f"之前，与发布日期的先后相反（全省检索按发布日期排序会把旧文件排在新文件前面），{REBUILD}，{REFUSED}。")
