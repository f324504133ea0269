"""`gkml bench` end to end on a tiny catalogue. Never asserts timings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gkml_bench import bench
from gkml_bench.measuring import measure


def test_tiny_bench_writes_the_report(tmp_path: Path) -> None:
    out_json = tmp_path / "bench.json"
    work = tmp_path / "work"
    code = bench.main(["--docs", "30", "--out", str(work), "--json", str(out_json)])
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert code == 0 and all(s["ok"] for s in report["steps"].values()), report["steps"]
    for key in ("docs", "seed", "generate", "steps", "ratios", "machine", "method", "docs_size"):
        assert key in report
    assert report["docs"] == 30 and report["generate"]["total"] == 30
    assert set(report["steps"]) == {"check", "build", "baseline"}
    for step in report["steps"].values():
        for key in ("exit_code", "ok", "wall_s", "peak_rss_kb", "cpu_user_s", "command"):
            assert key in step
        if not step["ok"]:
            assert "stderr_tail" in step
    base = report["steps"]["baseline"]
    assert base["ok"] and base["exit_code"] == 0
    assert base["peak_rss_kb"] > 0 and base["site"]["files"] > 30 and base["site"]["bytes"] > 0
    assert "baseline" in report["ratios"]["ms_per_document"]
    for key in ("cpu_count", "python", "mkdocs", "mkdocs_material"):
        assert report["machine"][key]
    # Without --keep only the (now empty) --out folder is left.
    assert work.is_dir() and not any(work.iterdir())


def test_bad_arguments(tmp_path: Path) -> None:
    assert bench.main(["--docs", "5", "--steps", "nope", "--json", str(tmp_path / "x.json")]) == 2
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "f").write_text("x")
    assert bench.main(["--docs", "5", "--out", str(tmp_path / "full")]) == 2


def test_tree_memory_includes_grandchildren(tmp_path: Path) -> None:
    # A child that starts a grandchild holding ~60 MB: the sampled tree peak sees it. Held 3 s, some
    # 60 samples: 0.6 s (12) could pass unsampled on a loaded machine, the sampler's reads of /proc slowed
    script = (
        "import subprocess, sys;"
        "subprocess.run([sys.executable, '-c', 'import time; b = bytearray(60 * 2**20); "
        "b[::4096] = b\"x\" * len(b[::4096]); time.sleep(3)'])"
    )
    m = measure([sys.executable, "-c", script], cwd=tmp_path, stdin=None, stdout=tmp_path / "o", stderr=tmp_path / "e")
    assert m.exit_code == 0
    assert m.peak_rss_tree_sampled_kb > 60 * 1024
    assert m.peak_rss_single_kb > 60 * 1024  # the child reaped the grandchild


def test_gkml_config_text_overrides_only_dirs(tmp_path: Path) -> None:
    template = "site_name: x\ndocs_dir: content\nsite_dir: site\nplugins:\n  - gkml:\n      page_size: 20\n"
    text = bench.gkml_config_text(template, tmp_path / "d", tmp_path / "s")
    assert "docs_dir: content" not in text and "site_dir: site\n" not in text
    assert text.count("docs_dir:") == 1 and "page_size: 20" in text
    assert "plugins:\n  - gkml" in bench.gkml_config_text(None, tmp_path / "d", tmp_path / "s")


def test_tiny_serve_bench_times_the_reload_and_the_search(tmp_path: Path) -> None:
    out_json = tmp_path / "bench.json"
    code = bench.main(["--docs", "30", "--steps", "", "--serve", "--out", str(tmp_path / "work"), "--json", str(out_json)])
    serve = json.loads(out_json.read_text(encoding="utf-8"))["serve"]
    assert code == 0 and serve["ok"], serve
    assert serve["address"].startswith("doc/") and serve["document"].endswith(".md")
    assert 0 < serve["reload_s"] <= serve["searchable_s"] and serve["search_attempts"] >= 1
    assert serve["idle_cpu_share"] >= 0  # told, so a preview busy at rest shows in every report
    assert not any((tmp_path / "work").iterdir())  # the edited document and everything else are gone
