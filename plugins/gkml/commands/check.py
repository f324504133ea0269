"""`gkml check [PATH...]`: validate documents without building the site."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from gkml.authoring.ledger import (
    LedgerError,
    format_ledger,
    ledger_problems,
    read_ledger,
    updated_ledger,
)
from gkml.catalogue.document import SHANGHAI, Document
from gkml.config import Project, load_project
from gkml.content.checkcache import open_check_cache
from gkml.content.loader import check_tree
from gkml.content.problems import problems_json, sorted_problems, summary_line

HELP = "检查公开目录中的文件（不生成网站）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], metavar="路径",
                        help="要检查的文件或目录（默认当前目录）；总是按整个目录检查跨文件规则")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    parser.add_argument("--update-ledger", action="store_true",
                        help="检查通过后，把新发布文件的索引号追加到登记簿（published.ledger）")


def _display_prefix(docs_dir: Path) -> str:
    try:
        rel = os.path.relpath(docs_dir, Path.cwd())
    except ValueError:
        rel = str(docs_dir)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def _in_scope(problem_path: str, scopes: list[Path]) -> bool:
    path = Path(problem_path)
    target = path.parent.resolve() / path.name  # a symlink is reported where it is, not where it points
    return any(target == scope or scope in target.parents for scope in scopes)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    paths = [Path(p) for p in args.paths]
    try:
        project = load_project(paths[0])
    except (FileNotFoundError, ValueError) as error:
        print(f"gkml check: {error}", file=sys.stderr)
        return 2
    prefix = _display_prefix(project.docs_dir)
    cache = open_check_cache(project.root / project.options.cache_dir, project.profile, with_bodies=False)
    result = check_tree(project.docs_dir, project.options.catalogue_dir, project.profile, pages=project.pages,
                        taxonomies=project.taxonomies, display_prefix=prefix, checker=cache.check)
    cache.save()
    problems = result.problems + ledger_problems(project, result.documents)
    scopes = [p.resolve() for p in paths]
    if not any(scope in (project.root, *project.root.parents) for scope in scopes):
        problems = [p for p in problems if _in_scope(p.path, scopes)]
    problems = sorted_problems(problems)
    if args.format == "json":
        print(problems_json(problems))
    else:
        for problem in problems:
            print(problem.format())
        elapsed = time.perf_counter() - started
        print(f"{summary_line(problems, result.files_checked)}（用时 {elapsed:.2f} 秒）", file=sys.stderr)
    if problems:
        return 1
    if args.update_ledger:
        return _update_ledger(project, result.documents)
    return 0


def _update_ledger(project: Project, documents: list[Document]) -> int:
    ledger = read_ledger(project.ledger_path)
    now = datetime.now(SHANGHAI)
    updated = updated_ledger(ledger, documents, now, project.profile)
    if len(updated) != len(ledger) or not project.ledger_path.exists():
        try:
            text = format_ledger(updated)
        except LedgerError as error:
            print(f"gkml check: {error}", file=sys.stderr)
            return 1
        project.ledger_path.write_text(text, encoding="utf-8")
        print(f"登记簿新增 {len(updated) - len(ledger)} 个已发布索引号：{project.ledger_path.name}", file=sys.stderr)
    return 0
