"""Helpers for tests that read a built site: build it, parse its HTML, serve it."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from gkml.search.records import Record, page_html
from gkml.search.text import FIELD, query_tokens

# One way to serve a folder on 127.0.0.1 and launch Debian's Chromium, shared with the search benchmark.
from gkml_bench.browser import CHROMIUM, CHROMIUM_ARGS, serve
from gkml_bench.search_quality import document_texts, search_answers, truth
from gkml_bench.synth import generate_catalogue

__all__ = [
    "AGENCIES",
    "BASE",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "EXTRA",
    "ROOT",
    "SHARED_WORD",
    "AgencySites",
    "build_agency_sites",
    "build_site",
    "build_site_and_copy",
    "doc",
    "every_byte",
    "found_online_and_offline",
    "links",
    "listing_index_numbers",
    "listing_pages",
    "mkdocs_build",
    "portal_config",
    "query_keys",
    "row_index_numbers",
    "serve",
    "small_site_yml",
]

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_build(config: Path, *flags: str, site_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the project whose mkdocs.yml is `config`, as an editor runs it (the one build helper)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    target = ["-d", str(site_dir)] if site_dir else []
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), *target, *flags],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=config.parent,
                          timeout=900, check=False)  # a hang guard, not a speed target


def gkml(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`gkml <args>` run in `cwd` as an editor runs it, its output read as UTF-8."""
    return subprocess.run([sys.executable, "-m", "gkml.cli", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def sample_project(tmp: Path, *options: str) -> Path:
    """The repository's sample project copied to `tmp`/project, each of `options` one more line of
    gkml's options in its mkdocs.yml (`search: false`, `build_time: '…'`)."""
    root = tmp / "project"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "published.ledger", root / "published.ledger")
    shutil.copytree(ROOT / "identity", root / "identity")  # the footer's badge
    shutil.copy(ROOT / "audit-words.txt", root / "audit-words.txt")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    added = "".join(f"      {option}\n" for option in options)
    (root / "mkdocs.yml").write_text(config.replace("      org_code:", added + "      org_code:"), encoding="utf-8")
    return root


CARRIED = re.compile(r"沿用上次构建中未变化的 (\d+) 个文件")


def site_digests(site: Path) -> dict[str, str]:
    """Every file's digest, and every folder (an incremental build leaves no empty one behind)."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(site.rglob("*"))}


def carried_build(root: Path, *, clean: bool = False) -> tuple[dict[str, str], int]:
    """`mkdocs build` of the project at `root` (`clean`: its cache and site removed first): the
    site's digests and how many files it carried over from the last build."""
    if clean:
        shutil.rmtree(root / ".gkml-cache", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    found = CARRIED.search(result.stderr)
    return site_digests(root / "site"), int(found.group(1)) if found else 0


def edit(path: Path, old: str, new: str) -> None:
    """`old`, which must be in the file, replaced by `new` once."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# RFC 4151: tag:<DNS name or e-mail>,<date>:<specific> (pchar, "/" and "?": ASCII, no space, % only as an escape)
TAG_URI = re.compile(r"tag:[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*,\d{4}(-\d{2}(-\d{2})?)?:"
                     r"([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*")


def atom_ids(feed: str) -> list[str]:
    """The feed's own id and every entry's, as an XML parser reads them."""
    return [node.text or "" for node in ET.fromstring(feed.encode("utf-8")).iter("{http://www.w3.org/2005/Atom}id")]


# mkdocs.yml of a project the `gkml` commands (new, fix, import) run in: the default profile's agency
COMMANDS_YML = """site_name: 测试
docs_dir: content
plugins:
  - gkml:
      agency: 安徽省应急管理厅
      org_code: "002986620"
"""


# mkdocs.yml of a project built without a search index, Material in Chinese, the default profile's
# agency: its gkml options one flow mapping, which tests edit as text (`, search: false` dropped)
NO_SEARCH_YML = """site_name: 测试
docs_dir: content
theme: {name: material, language: zh}
plugins:
  - gkml: {agency: 安徽省应急管理厅, org_code: "002986620", search: false}
"""


def small_site_yml(site_name: str, *options: str, site_url: str | None = None) -> str:
    """mkdocs.yml of a small test project: Material in Chinese, gkml for 测试厅, each of
    `options` one more line of gkml's options (`search: false`, `build_time: "…"`)."""
    lines = [f"site_name: {site_name}", *([f"site_url: {site_url}"] if site_url else []), "docs_dir: content",
             "theme: {name: material, language: zh, font: false}", "plugins:", "  - gkml:",
             "      agency: 测试厅", '      org_code: "002986620"', *(f"      {option}" for option in options)]
    return "\n".join(lines) + "\n"


def write_project(root: Path, mkdocs_yml: str, files: Mapping[str, str | bytes], under: str = "content") -> Path:
    """A project in `root` (made if need be): its mkdocs.yml, and `files` (path below `under` ->
    text, or bytes as they are); returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    for rel, content in files.items():
        path = root / under / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def empty_catalogue(root: Path, site_name: str) -> Path:
    """A project in `root` with an empty category folder of its catalogue; returns that folder."""
    write_project(root, small_site_yml(site_name), {"catalogue/fgwj/.keep": ""})
    return root / "content" / "catalogue" / "fgwj"


def write_numbered(folder: Path, documents: Mapping[str, Mapping[str, str]], serial: str, title: str) -> None:
    """One document per name (file name -> its fields), each with its own index number (`serial` and
    its place) and title (`title` and its place)."""
    for number, (name, fields) in enumerate(documents.items()):
        (folder / f"{name}.md").write_text(doc(**{"index_no": f"002986620/202003-{serial}{number:02d}",
                                                  "title": f"{title}之{number}", **fields}), encoding="utf-8")


def build_site(root: Path, mkdocs_yml: str, documents: dict[str, str]) -> Path:
    """Build a project of catalogue `documents` (path below content/catalogue/ -> text); returns its site."""
    write_project(root, mkdocs_yml, documents, "content/catalogue")
    result = mkdocs_build(root / "mkdocs.yml", site_dir=root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def build_site_and_copy(root: Path, mkdocs_yml: str, documents: dict[str, str]) -> tuple[Path, Path]:
    """build_site, then its offline copy (`gkml offline --no-zip`); returns the site and the copy's site folder."""
    site = build_site(root, mkdocs_yml, documents)
    out = root / "offline"
    offline = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(root), "--out", str(out),
                              "--no-zip"], capture_output=True, text=True, encoding="utf-8",
                             timeout=900, check=False)  # a hang guard
    assert offline.returncode == 0, offline.stderr
    (copy,) = [p for p in out.iterdir() if p.is_dir()]
    return site, copy / "site"


Found = dict[str, set[str]]  # query → the document pages (doc/…, no index.html or .html)


def found_online_and_offline(browser: Any, site: Path, copy: Path, queries: Iterable[str]) -> tuple[Found, Found, Found]:
    """Each query's documents by substring truth (gkml_bench.search_quality), and as the search page
    lists them served online and read from the offline copy (file://)."""
    def slug(rel: str) -> str:
        return rel.removesuffix("/index.html").removesuffix(".html")

    texts = document_texts(site)
    want = {q: {slug(r) for r in truth(texts, q)} for q in queries}
    page = browser.new_page()
    try:
        with serve(site) as root:
            online = {q: {slug(r) for r in search_answers(page, root, q)[0]} for q in want}
        offline = {q: {slug(r) for r in search_answers(page, copy.as_uri() + "/", q, search_page="search.html")[0]}
                   for q in want}
    finally:
        page.close()
    return want, online, offline


def every_byte(site: Path) -> dict[str, bytes]:
    """Every output file's content, gzip members (Pagefind's index and fragments) opened."""
    contents = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            contents[path.relative_to(site).as_posix()] = data + path.name.encode()
    return contents


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, url, rel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = dict(attrs).get("rel") or ""
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img"))):
                self.links.append((tag, value, rel))


def links(html: str) -> list[tuple[str, str, str]]:
    collector = _Collector()
    collector.feed(html)
    return collector.links


_ROW = re.compile(r'<tr data-gkml-row>.*?class="gkml-table__index">(.*?)</td>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def row_index_numbers(html: str) -> list[str]:
    """The 索引号 cell of each row, as text (the cell wraps the number's parts in spans)."""
    return [_TAG.sub("", cell) for cell in _ROW.findall(html)]


def listing_pages(site: Path, base: str) -> list[Path]:
    """Page 1 and every following page of a paginated listing, in order."""
    pages = [site / base / "index.html"]
    number = 2
    while (site / base / "page" / str(number) / "index.html").is_file():
        pages.append(site / base / "page" / str(number) / "index.html")
        number += 1
    return pages


def listing_index_numbers(site: Path, base: str) -> list[str]:
    return [n for page in listing_pages(site, base) for n in row_index_numbers(page.read_text(encoding="utf-8"))]


# Fixed field order, so every line number below is known: title is line 2,
# index_no 3, category 4, publisher 5, created 6, published 7, disclosure 8;
# extra lines start at 9; the closing --- follows them; then the body.
BASE: dict[str, str] = {
    "title": "关于做好2020年安全生产工作的通知",
    "index_no": "002986620/202003-00012",
    "category": "fgwj",
    "publisher": "安徽省应急管理厅",
    "created": "2020-03-02",
    "published": "2020-03-05 09:30",
    "disclosure": "主动公开",
}

EXTRA = 9  # first line after the base fields


def doc(*extra: str, body: str = "正文。\n", drop: tuple[str, ...] = (), **fields: str) -> str:
    """A document: BASE with `fields` replacing values, `drop` removed, `extra` lines appended."""
    values = {**BASE, **fields}
    lines = [f"{key}: {value}" for key, value in values.items() if key not in drop]
    return "---\n" + "\n".join([*lines, *extra]) + "\n---\n" + body


# --- three agencies for the provincial portal (gkml portal) ------------------------------

SHARED_WORD = "防溺水"
AGENCIES = {
    "hf": ("合肥市应急管理局", "113401000"),
    "wh": ("芜湖市应急管理局", "113402000"),
}


@dataclass(frozen=True)
class AgencySites:
    """Built site folders of three agencies of three configurations, for the portal tests.

    - yjt: the repository's sample content with its own mkdocs.yml (site_url, directory URLs);
    - hf:  40 synthetic documents, no site_url, 10 rows a page, two taxonomies only;
    - wh:  30 synthetic documents, .html page addresses, search shards of 10 documents.
    hf and wh each also publish one document about SHARED_WORD, which no other document uses.
    """

    yjt: Path
    hf: Path
    wh: Path


def _shared_word_document(org_code: str, agency: str) -> str:
    return (f"---\ntitle: {agency}关于做好暑期{SHARED_WORD}工作的通知\nindex_no: {org_code}/202607-09001\n"
            f"category: yjgl\npublisher: {agency}\ncreated: 2026-07-01\npublished: 2026-07-02 09:00\n"
            "genre: 通知\ndisclosure: 主动公开\n---\n\n"
            f"暑期将至，各地要落实{SHARED_WORD}责任，加强重点水域巡查，开展{SHARED_WORD}安全教育。\n")


def _config(slug: str, extra_top: str, extra_plugin: str) -> str:
    agency, org_code = AGENCIES[slug]
    return (f"site_name: {agency}政府信息公开目录\ndocs_dir: docs\nsite_dir: site\n{extra_top}"
            "theme:\n  name: material\n  language: zh\n  font: false\n"
            f"plugins:\n  - gkml:\n      agency: {agency}\n      org_code: \"{org_code}\"\n"
            # the guide pages gkml_bench.synth writes (every Markdown page must be named)
            "      guide_pages:\n        公开指南: pages/gkzn.md\n        公开制度: pages/gkzd.md\n"
            "        依申请公开: pages/ysqgk.md\n"
            + extra_plugin)


def build_agency_sites(root: Path, sample_site: Path) -> AgencySites:
    """Three agency sites from three configurations (see AgencySites); `sample_site` is the first."""
    configs = {
        "hf": _config("hf", "use_directory_urls: true\n",
                      "      page_size: 10\n      taxonomies:\n"
                      "        - {field: category, slug: category, title: 信息分类, by: tree}\n"
                      "        - {field: published, slug: year, title: 发布年份, by: year}\n"),
        "wh": _config("wh", "site_url: https://wh.example.gov.cn/gkml/\nuse_directory_urls: false\n",
                      "      search_shard_size: 10\n"),
    }
    sites = {}
    for slug, (agency, org_code) in AGENCIES.items():
        folder = root / slug
        shutil.rmtree(folder, ignore_errors=True)
        generate_catalogue(folder / "docs", 40 if slug == "hf" else 30, seed=len(slug) * 7, org_code=org_code)
        (folder / "docs" / "catalogue" / "yjgl" / "2026-fangnishui.md").write_text(
            _shared_word_document(org_code, agency), encoding="utf-8")
        (folder / "mkdocs.yml").write_text(configs[slug], encoding="utf-8")
        result = mkdocs_build(folder / "mkdocs.yml", site_dir=folder / "site")
        assert result.returncode == 0, result.stderr
        sites[slug] = folder / "site"
    return AgencySites(yjt=sample_site, hf=sites["hf"], wh=sites["wh"])


def forged_site(site: Path, into: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of an agency's site with its first catalogue.json record changed and the contract's digest made to
    match, as a forger, or a tool other than gkml, would."""
    shutil.copytree(site, into)
    catalogue = json.loads((into / "catalogue.json").read_text("utf-8"))
    change(catalogue["documents"][0])
    raw = json.dumps(catalogue, ensure_ascii=False).encode("utf-8")
    (into / "catalogue.json").write_bytes(raw)
    contract = json.loads((into / "gkml-site.json").read_text("utf-8"))
    contract["open_data"]["catalogue.json"] = hashlib.sha256(raw).hexdigest()
    (into / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    return into


def portal_config(bases: dict[str, str]) -> str:
    """portal.yml with the three agencies in two groups; `bases`: slug -> base URL."""
    return (
        "title: 安徽省政府信息公开平台\nsite_url: https://gkml.ah.gov.cn/\npage_size: 25\ngroups:\n"
        "  - name: 省直部门\n    agencies:\n"
        f"      - {{org_code: \"002986620\", slug: yjt, base_url: \"{bases['yjt']}\"}}\n"
        "  - name: 市县\n    agencies:\n"
        f"      - {{org_code: \"113401000\", slug: hf, base_url: \"{bases['hf']}\"}}\n"
        f"      - {{org_code: \"113402000\", slug: wh, base_url: \"{bases['wh']}\"}}\n"
    )


# Search records for tests of the index (tests/build/test_search_*.py)

SEARCH_TITLES = ["应急预案管理办法", "安全生产许可证公告", "非煤矿山安全检查", "财政预算执行情况", "防汛抗旱工作通知",
                 "尾矿库隐患排查治理", "举报奖励办法", "决算公开说明"]


def search_record(n: int, title: str, date: str) -> str:
    body = f"{title}。本文件第{n}号，关于{title}的正文内容，应急管理厅发布。" * 3
    return page_html(Record(title=title, segments=[body], meta={"索引号": f"002986620/2024-{n:05d}", "文号": f"皖应急〔2024〕{n}号"},
                            filters={"年份": [date[:4]], "信息分类": ["应急管理" if n % 2 else "财政"]}, sort=date))


def search_records(titles: dict[int, str]) -> dict[str, str]:
    return {f"doc/{n:03d}/index.html": search_record(n, title, f"2024-0{1 + n % 9}-1{n % 10}T08:00")
            for n, title in titles.items()}


def query_keys(term: str, *, field: bool = False) -> list[str]:
    """The routing keys gkml-search.js asks for one query term (routingKeys; search.routing)."""
    return [FIELD + k if field else k for k in query_tokens(term)]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def changed_records(records: dict[str, str], change: str) -> dict[str, str]:
    now = dict(records)
    if change == "edit":
        now["doc/002/index.html"] = search_record(2, "非煤矿山安全专项整治", "2024-03-12T08:00")
    elif change == "add":
        now["doc/100/index.html"] = search_record(100, "新增的防灾减灾公告", "2024-12-31T09:00")
    elif change == "add-first":
        now["doc/101/index.html"] = search_record(101, "最早的应急预案", "2023-01-01T09:00")
    elif change == "withdraw":
        del now["doc/004/index.html"]
    elif change == "redate":
        now["doc/001/index.html"] = search_record(1, SEARCH_TITLES[1], "2020-01-01T08:00")
    return now


def copy_project(source: Path, target: Path, *leave_out: str) -> None:
    """A built project copied, without what its last build still deletes in the background (the
    cache's trash, emptied by a detached process: its files vanish while they are copied);
    `leave_out`: name patterns not copied either (as shutil.ignore_patterns)."""
    others = shutil.ignore_patterns(*leave_out)
    shutil.copytree(source, target,
                    ignore=lambda folder, names: _deleted_in_the_background(folder, names) | set(others(folder, names)))


def _deleted_in_the_background(folder: str, names: list[str]) -> set[str]:
    return {name for name in names if "-trash-" in name or (name == "trash" and Path(folder).name == ".gkml-cache")}


def told_by_document(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """Each document's (last) line of what `gkml check` told, by the document's file name without .md."""
    lines = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    return {Path(line.split(":")[0]).stem: line for line in lines}
