"""`gkml bench --incremental`: what an editor waits for after changing one document.

On a synthetic catalogue already built once (the cold build, cache cleared), each step
changes the tree the way an editor does and measures the rebuild as its own process:
one document's body edited, one document added, one withdrawn; `gkml check` of the whole
unchanged tree with the check cache the build left, and of the one changed file (the
pre-commit case). Rebuilds' ratios are to the cold build of the same run, checks' to the
plain MkDocs build.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

NEW_DOCUMENT = """---
title: "关于进一步加强安全生产工作的补充通知"
index_no: "002986620/202611-99999"
category: aqjc
publisher: "安徽省应急管理厅"
created: 2026-11-01
published: 2026-11-01 09:00
genre: 通知
disclosure: 主动公开
---

各市应急管理局：现就进一步加强安全生产工作补充通知如下。
"""


def _published_documents(docs: Path) -> list[Path]:
    return [p for p in sorted((docs / "catalogue").rglob("*.md"))
            if "disclosure: 主动公开" in p.read_text(encoding="utf-8") and "draft: true" not in p.read_text(encoding="utf-8")]


def edit_one(docs: Path) -> Path:
    """Append a sentence to the body of a published document in the middle of the catalogue."""
    candidates = _published_documents(docs)
    path = candidates[len(candidates) // 2]
    path.write_text(path.read_text(encoding="utf-8") + "\n本文件已于近日更正个别文字。\n", encoding="utf-8")
    return path


def add_one(docs: Path) -> Path:
    path = docs / "catalogue" / "aqjc" / "bench-new-document.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NEW_DOCUMENT, encoding="utf-8")
    return path


def withdraw_one(docs: Path) -> Path:
    candidates = [p for p in _published_documents(docs) if "withdrawn:" not in p.read_text(encoding="utf-8")]
    path = candidates[len(candidates) // 3]
    text = re.sub(r"^disclosure: 主动公开$", "disclosure: 主动公开\nwithdrawn: {date: 2026-11-02, reason: 内容已过时}",
                  path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    return path


def unchanged(docs: Path) -> Path:
    return docs / "catalogue"


# step -> (label, change to make before it, what it runs: "build", "check-cached" or "check-one")
STEPS: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    "check-cached": ("check (cached)", unchanged, "check-cached"),
    "check-one": ("check 1 changed", edit_one, "check-one"),
    "edit": ("rebuild: edit", edit_one, "build"),
    "add": ("rebuild: add", add_one, "build"),
    "withdraw": ("rebuild: withdraw", withdraw_one, "build"),
}


def clear_cache(work: Path) -> None:
    shutil.rmtree(work / ".gkml-cache", ignore_errors=True)


def ratios(steps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    cold = steps.get("build")
    out: dict[str, Any] = {}
    for name in STEPS:
        step = steps.get(name)
        if step and step.get("ok") and cold and cold.get("ok"):
            base = cold if STEPS[name][2] == "build" else steps.get("baseline") or cold
            out[f"{name}_over_{'cold_build' if base is cold else 'baseline'}"] = round(step["wall_s"] / base["wall_s"], 4)
    return out
