"""`gkml stats --year Y [--format text|csv]`: the annual-report table in the terminal."""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

from gkml.catalogue.catalogue import build_catalogue
from gkml.catalogue.document import SHANGHAI
from gkml.commands.parser import fail
from gkml.config import load_project
from gkml.content.loader import check_tree
from gkml.outputs.stats import (
    counted,
    parse_rules,
    table_rows,
    undated_note,
    year_stats,
)

HELP = "统计某一年度规章和行政规范性文件的制发、废止和现行有效件数（公开年报第二部分第一张表）"


def configure(parser: argparse.ArgumentParser) -> None:
    # read in run(): argparse's own message for a bad value is English
    parser.add_argument("--year", metavar="年度", default=str(datetime.now(SHANGHAI).year - 1), help="统计年度（默认上一年）")
    parser.add_argument("--format", choices=["text", "csv"], default="text", help="输出格式")
    parser.add_argument("--path", default=".", metavar="目录", help="网站目录（含 mkdocs.yml，默认当前目录）")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_text(rows: list[list[str]]) -> str:
    """Columns padded by display width (CJK characters take two cells)."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) if i == 0 else " " * (widths[i] - _width(cell)) + cell
                 for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _year(text: str) -> int:
    """The --year value; ValueError in Chinese for anything that is not a year a date can hold."""
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 9999):
        raise ValueError(f"--year 应为 1 到 9999 之间的年份（例如 2024），现在是“{text}”")
    return int(text)


def run(args: argparse.Namespace) -> int:
    try:
        year = _year(args.year)
        project = load_project(Path(args.path))
        rules = parse_rules(project.options.stats)
    except (FileNotFoundError, ValueError) as error:
        return fail("stats", str(error))
    result = check_tree(project.docs_dir, project.options.catalogue_dir, project.profile)
    if result.problems:
        print(f"gkml stats: 公开目录中有 {len(result.problems)} 个问题，请先运行 gkml check 修正。", file=sys.stderr)
        return 1
    now = (datetime.fromisoformat(project.options.build_time).replace(tzinfo=SHANGHAI)
           if project.options.build_time else datetime.now(SHANGHAI))
    catalogue = build_catalogue(result.documents, project.profile, now)
    stats = year_stats(counted(catalogue), year, rules, project.profile.categories, catalogue.by_index)
    rows = table_rows(stats)
    if args.format == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(rows)
    else:
        sys.stdout.write(f"{year}年 主动公开政府信息情况（规章和行政规范性文件）\n\n" + format_text(rows))
        note = undated_note(stats)
        if note:
            sys.stdout.write("\n" + note + "\n")
    return 0
