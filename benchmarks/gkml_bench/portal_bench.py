"""`gkml bench --portal`: a provincial portal over many synthetic agencies.

Steps (each measured as its own child process, like `gkml bench`):

1. generate and build `--built` agencies of `--docs` documents for real
   (`mkdocs build`, distinct org codes and seeds); their mean build time,
   times `--agencies`, is the agencies' total build time the goal compares with;
2. bring the sources to `--agencies` by cloning built sites under new agency
   names and org codes (hard links; catalogue.json and gkml-site.json
   rewritten, so every clone verifies as its own publication). The portal's
   work does not depend on the text of the documents, and every clone's
   search bundle is a real 1,000-document bundle;
3. `gkml portal` from nothing, again with nothing changed, and after one
   agency republished (rebuilt for real): wall time, peak memory, files written;
4. in Chromium over HTTP (127.0.0.1), at 10 agencies and at all of them: the first
   query on the portal's search page, cold (the address carries the query): bytes,
   requests and time to the first results shown and to the final merged list, and
   how many agencies' bundles were asked, for a word in every agency (common), one
   in almost every document, a place name of one built agency and a word in one of
   its documents (rare; every clone of that agency has it too).

The synthetic agencies differ in vocabulary: each built agency has its own place
names (`local_words`), so the routing index has something to tell apart.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from gkml.fingerprint import file_sha256
from gkml.outputs.contract import CONTRACT_FILE

from gkml_bench.browser import launch, serve
from gkml_bench.measuring import machine_facts, measure
from gkml_bench.synth import generate_catalogue

MB = 1024 * 1024


def local_words(i: int) -> list[str]:
    """Agency i's own words (rare CJK characters no other agency uses): a village in one
    document, places in about one document in ten (gkml_bench.synth)."""
    a, b, c = chr(0x6A00 + i), chr(0x6C00 + i), chr(0x6E00 + i)
    return [f"{a}{b}村", f"{a}{c}镇", f"{b}{c}湖", f"{a}{b}{c}工业园"]


# (label, query): in every agency (~16 % of documents), in almost every document, in one agency's places, in one document.
QUERIES = (("common", "行政处罚"), ("everywhere", "安全生产"), ("local", local_words(0)[1]), ("rare", local_words(0)[0]))
def agency_name(i: int) -> str:
    return f"合成机关{i:03d}"


def org_code(i: int) -> str:
    return f"9{i:08d}"


def site_url(i: int) -> str:
    return f"https://agency{i:03d}.example.gov.cn/"


def mkdocs_yml(i: int) -> str:
    return (f"site_name: {agency_name(i)}政府信息公开目录\nsite_url: {site_url(i)}\ndocs_dir: docs\nsite_dir: site\n"
            "theme:\n  name: material\n  language: zh\n  font: false\n"
            f"plugins:\n  - gkml:\n      agency: {agency_name(i)}\n      org_code: \"{org_code(i)}\"\n"
            # the guide pages gkml_bench.synth writes (every Markdown page must be named)
            "      guide_pages:\n        公开指南: pages/gkzn.md\n        公开制度: pages/gkzd.md\n"
            "        依申请公开: pages/ysqgk.md\n")


def build_agency(work: Path, i: int, docs: int, logs: Path) -> dict[str, Any]:
    folder = work / "agencies" / f"a{i:03d}"
    if not (folder / "docs").exists():
        generate_catalogue(folder / "docs", docs, seed=1000 + i, org_code=org_code(i), local_words=local_words(i))
        (folder / "mkdocs.yml").write_text(mkdocs_yml(i), "utf-8")
    m = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")], cwd=folder,
                stdin=None, stdout=logs / f"build-{i}.out", stderr=logs / f"build-{i}.err")
    return {"agency": i, "exit_code": m.exit_code, "wall_s": m.wall_s, "cpu_s": round(m.cpu_user_s + m.cpu_sys_s, 2),
            "peak_rss_kb": max(m.peak_rss_single_kb, m.peak_rss_tree_sampled_kb)}


def clone_site(source: Path, target: Path, i: int, *, source_index: int) -> None:
    """A built site under another agency's name: hard links, two files rewritten."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, copy_function=os.link)
    for name in ("catalogue.json", CONTRACT_FILE):
        (target / name).unlink()  # break the hard link before rewriting
    text = (source / "catalogue.json").read_text("utf-8")
    text = text.replace(site_url(source_index), site_url(i)).replace(agency_name(source_index), agency_name(i))
    (target / "catalogue.json").write_text(text, "utf-8")
    contract = json.loads((source / CONTRACT_FILE).read_text("utf-8"))
    contract.update(agency=agency_name(i), org_code=org_code(i), site_url=site_url(i))
    contract["open_data"]["catalogue.json"] = file_sha256(target / "catalogue.json")
    (target / CONTRACT_FILE).write_text(json.dumps(contract, ensure_ascii=False, indent=1), "utf-8")


def portal_yml(n: int) -> str:
    lines = ["title: 合成省政府信息公开平台", "groups:"]
    for group, members in (("省直部门", range(min(n, 40))), ("市县", range(40, n))):
        if members:
            lines += [f"  - name: {group}", "    agencies:"]
            lines += [f"      - {{org_code: \"{org_code(i)}\", slug: a{i:03d}}}" for i in members]
    return "\n".join(lines) + "\n"


def run_portal(work: Path, n: int, logs: Path, label: str, out_name: str = "portal") -> dict[str, Any]:
    out = work / out_name
    sources = [str(work / "agencies" / f"a{i:03d}" / "site") for i in range(n)]
    config = work / f"{out_name}.yml"
    config.write_text(portal_yml(n), "utf-8")
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config), *sources]
    before = _snapshot(out)
    m = measure(cmd, cwd=work, stdin=None, stdout=logs / f"{label}.out", stderr=logs / f"{label}.err")
    after = _snapshot(out)
    changed = sorted(rel for rel, stamp in after.items() if before.get(rel) != stamp)
    by_area: dict[str, int] = {}
    for rel in changed:
        parts = rel.split("/")
        area = "/".join(parts[:2]) if parts[0] == "pagefind" and len(parts) > 2 else parts[0]
        by_area[area] = by_area.get(area, 0) + 1
    return {"step": label, "exit_code": m.exit_code, "wall_s": m.wall_s, "cpu_s": round(m.cpu_user_s + m.cpu_sys_s, 2),
            "peak_rss_kb": max(m.peak_rss_single_kb, m.peak_rss_tree_sampled_kb),
            "files": len(after), "files_changed": len(changed), "changed_by_area": by_area,
            "stdout": (logs / f"{label}.out").read_text("utf-8")[-400:],
            "stderr_tail": (logs / f"{label}.err").read_text("utf-8")[-600:] if m.exit_code else ""}


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino) for p in root.rglob("*") if p.is_file()}


_MARK = """
performance.setResourceTimingBufferSize(100000);  // the default 250 entries drop most of a portal's requests
window.__gkmlBench = {first: null, final: null};
document.addEventListener('gkml:results', (e) => {
  const b = window.__gkmlBench, now = performance.now();
  if (b.first === null) b.first = now;
  if (!e.detail || e.detail.final !== false) b.final = now;
}, true);
"""
_UNTIL = """(until) => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource').filter(e => e.responseEnd <= until);
  const asked = new Set(), routing = [];
  for (const e of res) {
    const m = new URL(e.name).pathname.match(/^\\/pagefind\\/([^/]+)\\/[^/]+\\//);
    if (m && m[1] === 'routing') routing.push(e.encodedBodySize);
    else if (m) asked.add(m[1]);
  }
  return {bytes: res.reduce((n, e) => n + e.encodedBodySize, 0) + nav.encodedBodySize, requests: res.length + 1,
          ms: Math.round(until), agencies: asked.size, routing_bytes: routing.reduce((n, b) => n + b, 0),
          paths: [new URL(nav.name).pathname, ...res.map(e => new URL(e.name).pathname)]};
}"""
_TEXT = (".html", ".css", ".js", ".json", "/")


def gzipped_bytes(portal: Path, paths: list[str]) -> int:
    """What a host compressing text (as docs/portal.md asks) would send: Pagefind's files are compressed already."""
    total = 0
    for path in paths:
        file = portal / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        data = file.read_bytes()
        total += len(gzip.compress(data, 6)) if path.endswith(_TEXT) else len(data)
    return total


def measure_search(portal: Path, agencies: int, queries: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p, serve(portal) as root:
        browser = launch(p)
        # Playwright's waiting predicates are evaluated strings, which the portal's CSP (rightly)
        # forbids; bypassing it changes nothing that is measured.
        context = browser.new_context(bypass_csp=True)
        for label, query in queries:
            # cold: nothing cached, the address carries the query (the home page's search box)
            page = context.new_page()
            page.add_init_script(_MARK)
            page.goto(f"{root}search/?q={quote(query)}")
            page.wait_for_function("window.__gkmlBench.final !== null", timeout=600_000)
            first = page.evaluate(_UNTIL, page.evaluate("window.__gkmlBench.first"))
            final = page.evaluate(_UNTIL, page.evaluate("window.__gkmlBench.final"))
            for part in (first, final):
                part["gzip_bytes"] = gzipped_bytes(portal, part.pop("paths"))
            summary = page.locator(".gkml-summary strong")
            total = summary.first.inner_text() if summary.count() else "0"
            page.close()
            results.append({"query": query, "kind": label, "agencies": agencies, "asked": final["agencies"],
                            "results": int(total), "first": first, "final": final})
        browser.close()
    return results


def format_table(report: dict[str, Any]) -> str:
    b = report["agency_builds"]
    lines = [(f"gkml bench --portal — {report['agencies']} agencies × {report['docs']} documents "
             f"({report['built']} built for real, the others clones), {report['machine']['cpu_count']} CPUs"),
             (f"agency build: mean {b['mean_wall_s']:.2f} s wall, {b.get('mean_cpu_s', 0):.2f} s CPU, max peak "
             f"{b['max_peak_rss_kb'] / 1024:.0f} MB; × {report['agencies']} agencies = {b['total_wall_s_extrapolated']:.0f} s"),
             "", f"{'portal run':<26}{'exit':>5}{'wall s':>9}{'CPU s':>8}{'% builds':>10}{'peak MB':>9}{'changed':>9}  where"]
    for step in report["portal"]:
        share = 100 * step["wall_s"] / b["total_wall_s_extrapolated"] if b["total_wall_s_extrapolated"] else 0
        where = ", ".join(f"{k} {v}" for k, v in sorted(step["changed_by_area"].items(), key=lambda kv: -kv[1])[:6])
        lines.append(f"{step['step']:<26}{step['exit_code']:>5}{step['wall_s']:>9.2f}{step.get('cpu_s', 0):>8.1f}{share:>9.1f}%"
                     f"{step['peak_rss_kb'] / 1024:>9.0f}{step['files_changed']:>9}  {where}")
    lines += ["", "first query, cold, over HTTP (KB as served / as a host gzipping text would send; ms from navigation)",
              (f"{'kind':<11}{'agencies':>9}{'asked':>6}{'results':>8}{'first KB':>9}{'gz':>5}{'req':>5}{'ms':>6}"
              f"{'final KB':>9}{'gz':>6}{'req':>5}{'ms':>7}{'routing KB':>11}  query")]
    for s in report["search"]:
        f, a = s["first"], s["final"]
        lines.append(f"{s['kind']:<11}{s['agencies']:>9}{s['asked']:>6}{s['results']:>8}"
                     f"{f['bytes'] / 1024:>9.0f}{f['gzip_bytes'] / 1024:>5.0f}{f['requests']:>5}{f['ms']:>6}"
                     f"{a['bytes'] / 1024:>9.0f}{a['gzip_bytes'] / 1024:>6.0f}{a['requests']:>5}{a['ms']:>7}"
                     f"{a['routing_bytes'] / 1024:>11.1f}  {s['query']}")
    return "\n".join(lines)


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `gkml bench --portal` (with --docs, --out, --json, --keep of `gkml bench`)."""
    parser.add_argument("--agencies", type=int, default=100, help="门户基准：机关数（默认 100）")
    parser.add_argument("--built", type=int, default=10, help="门户基准：真实构建的机关数，其余为其副本（默认 10）")
    parser.add_argument("--reuse", action="store_true", help="门户基准：沿用 --out 中已构建的机关站点和构建耗时")


def run(args: argparse.Namespace) -> int:
    n, built, docs = args.agencies, min(args.built, args.agencies), args.docs
    work = args.out.resolve() if args.out else Path(tempfile.mkdtemp(prefix="gkml-portal-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    saved = work / "builds.json"
    if args.reuse and saved.is_file():
        builds = json.loads(saved.read_text("utf-8"))
    else:
        builds = []
        for i in range(built):
            print(f"… build agency {i + 1}/{built}", file=sys.stderr, flush=True)
            builds.append(build_agency(work, i, docs, logs))
        saved.write_text(json.dumps(builds), "utf-8")
    if any(b["exit_code"] for b in builds):
        print(f"gkml bench --portal: an agency build failed, see {logs}", file=sys.stderr)
        return 1
    for i in range(built, n):
        clone_site(work / "agencies" / f"a{i % built:03d}" / "site", work / "agencies" / f"a{i:03d}" / "site", i,
                   source_index=i % built)
    shutil.rmtree(work / "portal", ignore_errors=True)
    print("… portal", file=sys.stderr, flush=True)
    portal = [run_portal(work, n, logs, "from nothing"), run_portal(work, n, logs, "nothing changed")]
    print("… republish one agency", file=sys.stderr, flush=True)
    rebuilt = build_agency(work, 0, docs, logs)
    (work / "portal-runs.json").write_text(json.dumps(portal, ensure_ascii=False), "utf-8")
    portal.append(run_portal(work, n, logs, "one agency republished"))
    print("… search in Chromium", file=sys.stderr, flush=True)
    search = []
    if n > 10:
        shutil.rmtree(work / "portal-10", ignore_errors=True)
        run_portal(work, 10, logs, "10 agencies", out_name="portal-10")
        search += measure_search(work / "portal-10", 10, QUERIES)
    search += measure_search(work / "portal", n, QUERIES)
    walls = [b["wall_s"] for b in builds]
    report = {
        "gkml_bench_portal": 1, "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "agencies": n, "built": built, "docs": docs, "work_dir": str(work),
        "agency_builds": {"runs": builds, "mean_wall_s": sum(walls) / len(walls),
                          "mean_cpu_s": sum(b.get("cpu_s", 0) for b in builds) / len(builds),
                          "total_wall_s_extrapolated": sum(walls) / len(walls) * n,
                          "max_peak_rss_kb": max(b["peak_rss_kb"] for b in builds), "rebuild_of_agency_0": rebuilt},
        "portal": portal, "portal_size": _size(work / "portal"), "search": search, "machine": machine_facts(),
    }
    print(format_table(report))
    out_json = args.json or Path("bench-results") / f"bench-portal-{n}x{docs}.json"
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"JSON: {out_json}")
    if not args.keep and not args.out:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(s["exit_code"] == 0 for s in portal) else 1


def _size(path: Path) -> dict[str, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}
