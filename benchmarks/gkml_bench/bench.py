"""`gkml bench`: how the catalogue scales, against a plain MkDocs baseline.

Steps, each run as its own child process on one synthetic catalogue
(gkml_bench.synth):

- check:    `gkml check <docs>/catalogue`
- build:    the full gkml site, `mkdocs build -q` on the repository's
            mkdocs.yml with only docs_dir/site_dir overridden
- baseline: `mkdocs build -q` with theme material, `plugins: []` (no search)
            and a nav of the two guide pages, same docs_dir

Measurement method (gkml_bench.measuring). Wall time is `time.perf_counter()` around Popen and a
blocking `os.wait4`. Memory is reported two ways and `peak_rss_kb` is the
larger of them:

- `peak_rss_single_kb`: `ru_maxrss` from `os.wait4` — exact; on Linux it is
  the largest RSS of the child or of any descendant the child waited for
  (the kernel folds reaped children's maxrss into it), i.e. the biggest
  single process, not a sum;
- `peak_rss_tree_sampled_kb`: a thread samples the whole process tree every
  SAMPLE_SECONDS (`/proc/<pid>/task/*/children`, RSS from
  `/proc/<pid>/statm`) and keeps the largest sum — catches a build and its
  pagefind child alive at the same time, but may miss spikes shorter than
  the interval.

CPU time (user/sys) is from the same rusage, descendants included. Failing
steps keep their exit code and stderr tail; the other steps still run.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gkml
from gkml.fingerprint import tree_digest

from gkml_bench import incremental, portal_bench, serve_bench
from gkml_bench.measuring import METHOD, machine_facts, measure
from gkml_bench.synth import generate_catalogue

HELP = "性能基准：生成合成目录，测量检查、完整构建与基线构建的耗时和内存"
TAIL_CHARS = 2000
STEPS = ("check", "build", "baseline")
STEP_LABELS = {"check": "gkml check", "build": "gkml build", "baseline": "baseline build",
               **{name: label for name, (label, _change, _kind) in incremental.STEPS.items()}}
def dir_size(path: Path) -> dict[str, int]:
    """Bytes and file count below `path` (zeros when it does not exist)."""
    total = files = 0
    for root, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
                files += 1
            except OSError:
                continue
    return {"bytes": total, "files": files}


def _tail(path: Path) -> str:
    data = path.read_bytes() if path.exists() else b""
    return data[-TAIL_CHARS:].decode("utf-8", "replace")


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


# gkml options naming a file relative to mkdocs.yml; the bench's copy lives elsewhere
_FILE_OPTIONS = re.compile(r"(?m)^(?P<lead>[ \t]+(?:badge|words)[ \t]*:[ \t]*)(?P<path>[^\s#\"']+)")


def gkml_config_text(template: str | None, docs_dir: Path, site_dir: Path, template_dir: Path | None = None) -> str:
    """The repo's mkdocs.yml text with docs_dir/site_dir replaced, or a minimal gkml config.

    Text, not a YAML round trip, so `!!python/name:` tags and comments survive. File options
    (the identification badge, the audit word list) are made absolute against `template_dir`.
    """
    if template is not None and template_dir is not None:
        template = _FILE_OPTIONS.sub(
            lambda m: m["lead"] + (m["path"] if Path(m["path"]).is_absolute()
                                   else _yaml_str(str(template_dir / m["path"]))), template)
    overrides = f"docs_dir: {_yaml_str(str(docs_dir))}\nsite_dir: {_yaml_str(str(site_dir))}\n"
    if template is None:
        return (
            'site_name: "gkml bench"\n' + overrides
            + "theme:\n  name: material\n  language: zh\n  font: false\nplugins:\n  - gkml\n"
        )
    kept = re.sub(r"(?m)^(docs_dir|site_dir)[ \t]*:.*\n?", "", template)
    return kept.rstrip("\n") + "\n\n# gkml bench overrides\n" + overrides


def baseline_config_text(docs_dir: Path, site_dir: Path) -> str:
    """Plain MkDocs + material: no plugins, documents rendered but not in the nav."""
    return (
        'site_name: "gkml baseline"\n'
        f"docs_dir: {_yaml_str(str(docs_dir))}\n"
        f"site_dir: {_yaml_str(str(site_dir))}\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins: []\n"
        "nav:\n"
        '  - "政府信息公开指南": pages/gkzn.md\n'
        '  - "政府信息公开制度": pages/gkzd.md\n'
    )


def default_template() -> Path:
    """mkdocs.yml in the current directory, else at the root of the repo gkml runs from."""
    here = Path.cwd() / "mkdocs.yml"
    return here if here.is_file() else Path(__file__).resolve().parents[2] / "mkdocs.yml"


def _commands(docs: Path, work: Path) -> dict[str, dict[str, Any]]:
    """Per step: command line, working directory and the file fed on stdin (none today).

    The gkml config is `<work>/mkdocs.yml`, the parent of the generated docs,
    because `gkml check` finds its config by walking up from the path it is
    given. Everything the steps write (site, ledger) stays in the work dir,
    never in the repository; the price is that relative paths in the template
    other than docs_dir/site_dir resolve against the work dir.
    """
    py = sys.executable
    return {
        "check": {"cmd": [py, "-m", "gkml.cli", "check", str(docs / "catalogue")], "cwd": work, "stdin": None},
        "build": {"cmd": [py, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml")],
                  "cwd": work, "stdin": None, "site": work / "site-gkml"},
        "baseline": {"cmd": [py, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs-baseline.yml")],
                     "cwd": work, "stdin": None, "site": work / "site-baseline"},
        "check-cached": {"cmd": [py, "-m", "gkml.cli", "check", str(docs / "catalogue")], "cwd": work, "stdin": None},
        "check-one": {"cmd": [py, "-m", "gkml.cli", "check"], "cwd": work, "stdin": None},  # path added per run
    }


def compile_code() -> bool:
    """gkml's modules compiled to bytecode before the steps, as an installed wheel is: a shell
    with PYTHONDONTWRITEBYTECODE set would otherwise have every step compile ~200 modules
    (0.2-0.3 s CPU each run). False: the folder could not be written (compiled on install)."""
    return bool(compileall.compile_dir(Path(gkml.__file__).parent, quiet=2))


def code_digest() -> str:
    """gkml's own code: a build's caches are keyed on it, so a change during a run (an editable
    install being worked on) turns every later step into a cold one and its figure is void."""
    return tree_digest([Path(gkml.__file__).parent])


def run_step(name: str, spec: dict[str, Any], logs: Path) -> dict[str, Any]:
    stdout, stderr = logs / f"{name}.stdout", logs / f"{name}.stderr"
    result: dict[str, Any] = {
        "name": name,
        "label": STEP_LABELS[name],
        "command": spec["cmd"],
        "cwd": str(spec["cwd"]),
        "stdin": str(spec["stdin"]) if spec["stdin"] else None,
    }
    try:
        m = measure(spec["cmd"], cwd=spec["cwd"], stdin=spec["stdin"], stdout=stdout, stderr=stderr)
    except OSError as exc:  # could not even start
        result.update(exit_code=None, ok=False, error=str(exc))
        return result
    result.update(vars(m))
    result["ok"] = m.exit_code == 0
    result["peak_rss_kb"] = max(m.peak_rss_single_kb, m.peak_rss_tree_sampled_kb)
    if not result["ok"]:
        result["stderr_tail"] = _tail(stderr)
        result["stdout_tail"] = _tail(stdout)
    if "site" in spec:
        result["site"] = {"dir": str(spec["site"]), **dir_size(spec["site"])}
    return result


def ratios(steps: dict[str, dict[str, Any]], n: int) -> dict[str, Any]:
    def ok(name: str) -> dict[str, Any] | None:
        step = steps.get(name)
        return step if step and step.get("ok") else None

    build, base = ok("build"), ok("baseline")
    out: dict[str, Any] = {
        "build_over_baseline_time": round(build["wall_s"] / base["wall_s"], 3) if build and base else None,
        "build_over_baseline_rss": round(build["peak_rss_kb"] / base["peak_rss_kb"], 3) if build and base else None,
        "build_over_baseline_bytes": (
            round(build["site"]["bytes"] / base["site"]["bytes"], 3)
            if build and base and base["site"]["bytes"] else None
        ),
        "ms_per_document": {},
    }
    for name, step in steps.items():
        if step.get("ok") and n:
            out["ms_per_document"][name] = round(step["wall_s"] * 1000 / n, 3)
    return out


def format_table(report: dict[str, Any]) -> str:
    n = report["docs"]
    gen = report["generate"]
    lines = [
        (f"gkml bench — {n} documents, seed {report['seed']}, {report['machine']['cpu_count']} CPUs, "
        f"python {report['machine']['python']}, mkdocs {report['machine']['mkdocs']}, "
        f"material {report['machine']['mkdocs_material']}"),
        f"generate: {gen['seconds']:.2f} s",
        "",
        f"{'step':<16}{'exit':>5}{'wall s':>10}{'ms/doc':>9}{'cpu s':>9}{'peak MB':>9}{'site MB':>9}{'files':>8}",
    ]
    per_doc = report["ratios"]["ms_per_document"]
    for name, step in report["steps"].items():
        if "wall_s" not in step:
            lines.append(f"{step['label']:<16}{'-':>5}  did not start: {step.get('error', '')}")
            continue
        site = step.get("site") or {}
        size = f"{site['bytes'] / 1e6:.1f}" if site else "-"
        files = str(site["files"]) if site else "-"
        ms = f"{per_doc[name]:.2f}" if name in per_doc else "-"
        lines.append(
            f"{step['label']:<16}{step['exit_code']:>5}{step['wall_s']:>10.2f}{ms:>9}"
            f"{step['cpu_user_s'] + step['cpu_sys_s']:>9.2f}{step['peak_rss_kb'] / 1024:>9.1f}{size:>9}{files:>8}"
        )
    r = report["ratios"]
    if r["build_over_baseline_time"] is not None:
        lines.append("")
        lines.append(
            f"gkml build / baseline: time ×{r['build_over_baseline_time']}, "
            f"memory ×{r['build_over_baseline_rss']}, output ×{r['build_over_baseline_bytes']}"
        )
    rebuilds = [f"{k.split('_over_')[0]} ×{v} of {k.split('_over_')[1].replace('_', ' ')}"
                for k, v in r.items() if "_over_cold_build" in k or k.startswith("check-")]
    if rebuilds:
        lines.append("incremental: " + "; ".join(rebuilds))
    for name, step in report["steps"].items():
        if not step.get("ok"):
            tail = (step.get("stderr_tail") or step.get("error") or "").strip().splitlines()
            lines.append(f"{step['label']} failed (exit {step.get('exit_code')}): {tail[-1] if tail else ''}")
    return "\n".join(lines)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", type=_sizes, default=[1000], metavar="N", help="合成文件数（默认 1000）")
    parser.add_argument("--search", action="store_true",
                        help="检索基准：按子串真值计算查全率、查准率，首次结果的传输字节与用时（--docs 可用逗号给多个规模）")
    parser.add_argument("--site", type=Path, help="与 --search 同用：评估这个已生成的网站")
    parser.add_argument("--queries", type=Path, help="与 --search 同用：查询列表文件（每行一个）")
    parser.add_argument("--out", type=Path, help="工作目录（须不存在或为空；默认临时目录）")
    parser.add_argument("--json", type=Path, help="结果 JSON 路径（默认 bench-results/bench-<N>.json）")
    parser.add_argument("--keep", action="store_true", help="保留生成的目录和站点")
    parser.add_argument("--incremental", action="store_true",
                        help="冷构建之后再测量：改一件、增一件、撤回一件后的重新构建，以及检查一个改动文件")
    parser.add_argument("--serve", action="store_true",
                        help="再测量 mkdocs serve：改一件文件的标题后，浏览器中页面刷新出新标题、检索能查到新标题各用多少秒")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    parser.add_argument(
        "--steps", default=",".join(STEPS),
        help=f"要运行的步骤，逗号分隔（默认 {','.join(STEPS)}）",
    )
    parser.add_argument(
        "--config-template", type=Path,
        help="完整构建所用 mkdocs.yml 模板（默认当前目录或仓库根目录的 mkdocs.yml）",
    )
    parser.add_argument("--portal", action="store_true",
                        help="全省门户基准：多个合成机关站点 + gkml portal + 全省检索（见 gkml_bench.portal_bench）")
    portal_bench.configure(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every requested step succeeded, 1 when one failed, 2 on bad arguments."""
    if args.search:
        return run_search_bench(args)
    args.docs = args.docs[0] if args.docs else -1
    if args.portal:
        return portal_bench.run(args)
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = [s for s in steps if s not in STEPS]
    if unknown or args.docs < 0:
        print(f"gkml bench: unknown step(s) {unknown}; choose from {', '.join(STEPS)}" if unknown
              else "gkml bench: --docs must be >= 0", file=sys.stderr)
        return 2
    if args.out:
        work = args.out.resolve()
        if work.exists() and any(work.iterdir()):
            print(f"gkml bench: {work} is not empty", file=sys.stderr)
            return 2
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="gkml-bench-"))
    template = (args.config_template or default_template()).resolve()
    template_text = template.read_text(encoding="utf-8-sig") if template.is_file() else None
    docs, logs = work / "docs", work / "logs"
    logs.mkdir()
    try:
        summary = generate_catalogue(docs, args.docs, seed=args.seed)
        (work / "mkdocs.yml").write_text(
            gkml_config_text(template_text, docs, work / "site-gkml", template.parent), encoding="utf-8")
        (work / "mkdocs-baseline.yml").write_text(
            baseline_config_text(docs, work / "site-baseline"), encoding="utf-8")
        specs = _commands(docs, work)
        results: dict[str, dict[str, Any]] = {}
        compiled = compile_code()
        code = code_digest()
        incremental.clear_cache(work)
        for name in STEPS:
            if name in steps:
                print(f"… {STEP_LABELS[name]}", file=sys.stderr, flush=True)
                results[name] = run_step(name, specs[name], logs)
            if name == "build" and args.incremental and results.get("build", {}).get("ok"):
                for step, (label, change, kind) in incremental.STEPS.items():
                    changed = change(docs)
                    spec = dict(specs[kind])
                    if kind == "check-one":
                        spec["cmd"] = [*spec["cmd"], str(changed)]
                    print(f"… {label}", file=sys.stderr, flush=True)
                    results[step] = run_step(step, spec, logs)
        code_changed = code_digest() != code
        if code_changed:
            print("gkml bench: gkml 的代码在运行期间改变了（可编辑安装被修改），缓存随之失效：本次各步骤的数字无效。",
                  file=sys.stderr)
        serve = None
        if args.serve:
            print("… mkdocs serve: one save", file=sys.stderr, flush=True)
            serve = serve_bench.run_serve(work, docs, logs)
        report = {
            "gkml_bench": 1,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "docs": args.docs,
            "seed": args.seed,
            "work_dir": str(work),
            "kept": bool(args.keep),
            "config_template": str(template) if template_text is not None else None,
            "generate": summary.to_dict(),
            "docs_size": dir_size(docs),
            "steps": results,
            "code_changed_during_run": code_changed,
            "bytecode_compiled_first": compiled,
            **({"serve": serve} if serve is not None else {}),
            "ratios": {**ratios(results, args.docs), **incremental.ratios(results)},
            "machine": machine_facts(),
            "method": METHOD,
        }
        print(format_table(report))
        if serve is not None:
            cold = results.get("build", {})
            print(serve_bench.format_serve(serve, cold.get("wall_s") if cold.get("ok") else None))
        out_json = args.json or Path("bench-results") / f"bench-{args.docs}.json"
        out_json.parent.mkdir(parents=True, exist_ok=True)
        out_json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"JSON: {out_json}" + (f"; work dir kept: {work}" if args.keep else ""))
        ok = all(step.get("ok") for step in results.values()) and (serve is None or serve["ok"]) and not code_changed
        return 0 if ok else 1
    finally:
        if not args.keep:
            _remove_work(work, created_by_us=args.out is None)


def _remove_work(work: Path, *, created_by_us: bool) -> None:
    """Delete what the bench wrote; a user-named --out keeps its (now empty) folder."""
    for name in ("docs", "logs", "site-gkml", "site-baseline", "mkdocs.yml", "mkdocs-baseline.yml"):
        path = work / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()
    incremental.clear_cache(work)  # the builds' cache folder
    if created_by_us:
        shutil.rmtree(work, ignore_errors=True)


def _sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def run_search_bench(args: argparse.Namespace) -> int:
    from gkml_bench.search_bench import format_search_table, run_search

    # One query a line ("\n" or "\r\n" only: splitlines would also cut at U+0085 or U+2028 inside a query).
    lines = args.queries.read_text("utf-8").split("\n") if args.queries else []
    queries = [q.strip() for q in lines if q.strip()]
    work = args.out.resolve() if args.out else Path(tempfile.mkdtemp(prefix="gkml-bench-search-"))
    report = run_search(args.docs, work, args.site, queries)
    print(format_search_table(report) if args.site is None else json.dumps(report["quality"], ensure_ascii=False, indent=2))
    out_json = args.json or Path("bench-results") / "bench-search.json"
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"JSON: {out_json}")
    if not args.keep and not args.out:
        shutil.rmtree(work, ignore_errors=True)
    qualities = [r.get("quality", {}) for r in ([report] if args.site else report.values())]
    return 0 if all(q.get("recall") == 1.0 and q.get("precision") == 1.0 for q in qualities) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gkml bench", description=HELP)
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
