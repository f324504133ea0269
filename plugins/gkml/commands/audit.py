"""`gkml audit [SITE]`: the government-website inspection checklist on a built site.

Exit 0 when nothing fails the inspection on its own, 1 when any 单项否决 item is found,
2 when the audit cannot run (no site, invalid catalogue, unreadable word list).
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from gkml.audit.columns import ColumnLimit
from gkml.audit.findings import vetoed
from gkml.audit.report import html_report, text_report
from gkml.audit.run import Inputs, audit
from gkml.audit.words import WordListError, parse_word_list
from gkml.catalogue.catalogue import build_catalogue
from gkml.catalogue.document import SHANGHAI
from gkml.commands.parser import day, fail
from gkml.config import load_project
from gkml.config_items import DEFAULT_COLUMN_LIMITS
from gkml.content.loader import check_tree
from gkml.mkdocs_yml import find_config, read_mkdocs_yml

HELP = "按政府网站检查指标检查已生成的网站（链接、栏目更新、空白栏目、网站标识、标题、http 链接、错别字）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", type=Path, metavar="网站目录",
                        help="已生成的网站目录（默认 mkdocs.yml 中的 site_dir）")
    parser.add_argument("--config", type=Path, default=Path("."), metavar="配置", help="mkdocs.yml 或其所在目录（默认当前目录）")
    parser.add_argument("--html", type=Path, default=Path("audit-report.html"), metavar="文件",
                        help="HTML 报告的保存位置（默认 audit-report.html）")
    parser.add_argument("--today", type=day, metavar="YYYY-MM-DD",
                        help="按这一天检查栏目更新（默认今天）")


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:
        rel = ".."
    if rel.startswith(".."):
        return path.as_posix().rstrip("/") + "/"
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def _line_of(config_file: Path, key: str) -> int | None:
    for number, line in enumerate(config_file.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number
    return None


def run(args: argparse.Namespace) -> int:
    config_file = find_config(args.config)
    if config_file is None:
        return fail("audit", f"在 {args.config} 及其上级目录中找不到 mkdocs.yml")
    try:
        project = load_project(config_file)
    except (FileNotFoundError, ValueError) as error:
        return fail("audit", str(error))
    data = read_mkdocs_yml(config_file)
    site_dir = (args.site or project.root / str(data.get("site_dir", "site"))).resolve()
    if not (site_dir / "index.html").is_file():
        return fail("audit", f"{site_dir} 不是已生成的网站（没有 index.html）。请先运行 tools/build-site。")
    options = project.options
    profile = project.profile
    unknown = [slug for slug in options.audit.columns
               if slug not in profile.categories and slug not in DEFAULT_COLUMN_LIMITS]  # defaults fit the default profile
    if unknown:
        return fail("audit", f"mkdocs.yml 的 audit.columns 中有不存在的分类代码：{'、'.join(unknown)}")
    words = []
    if options.audit.words:
        try:
            words = parse_word_list(Path(options.audit.words).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, WordListError) as error:
            return fail("audit", f"错别字和禁用词表 {options.audit.words}：{error}")
    result = check_tree(project.docs_dir, options.catalogue_dir, profile)
    if result.problems:
        return fail("audit", f"公开目录中有 {len(result.problems)} 个问题，请先运行 gkml check 并修正。")
    today = args.today or datetime.now(SHANGHAI).date()
    catalogue = build_catalogue(result.documents, profile, datetime.now(SHANGHAI))  # what the build published
    tree_slug = next((t.slug for t in project.taxonomies if t.by == "tree"), "category")
    config_line = _line_of(config_file, "identification")
    inputs = Inputs(
        site_dir=site_dir, docs_dir=project.docs_dir, display_prefix=_shown(project.docs_dir), catalogue=catalogue,
        profile=profile, today=today,
        limits={slug: ColumnLimit(rule.months, rule.veto) for slug, rule in options.audit.columns.items()
                if slug in profile.categories},
        empty_veto=options.audit.empty_columns_veto, words=words,
        base_path=urlsplit(str(data.get("site_url") or "")).path or "/",
        config_place=_shown(config_file.parent) + config_file.name + (f":{config_line}" if config_line else ""),
        site_prefix=_shown(site_dir), category_slug=tree_slug,
    )
    findings = audit(inputs)
    print(text_report(findings))
    site_name = str(data.get("site_name") or options.agency)
    args.html.write_text(html_report(findings, site_name=site_name, site_dir=str(site_dir),
                                     generated=datetime.now(SHANGHAI)), encoding="utf-8")
    print(f"HTML 报告：{args.html}")
    return 1 if vetoed(findings) else 0
