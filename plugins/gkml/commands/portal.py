"""`gkml portal --out DIR [--config portal.yml] SOURCE…`: the provincial portal from agencies' built sites."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gkml.portal.build import build_portal
from gkml.portal.config import PortalConfigError, load_portal_config
from gkml.portal.output import PortalOutputError
from gkml.portal.sitecontract import SourceError
from gkml.syserrors import why_refused

# published, but not every agency from the site given: some kept at their last good publication or left out
HELD = 3
HELP = "汇集多个机关已生成的站点，生成全省政府信息公开平台（统一目录、全省检索、开放数据）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", type=Path, metavar="站点目录", help="机关站点目录（gkml 生成的 site/ 或其下载副本）")
    parser.add_argument("--out", required=True, type=Path, metavar="目录", help="门户输出目录（再次运行时只改动有变化的部分）")
    parser.add_argument("--config", type=Path, metavar="portal.yml", help="门户配置：机关分组、顺序和网址")
    parser.add_argument("-q", "--quiet", action="store_true", help="只输出错误")


def run(args: argparse.Namespace) -> int:
    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    try:
        config = load_portal_config(args.config)
        report = build_portal(config, args.sources, args.out, progress=say)
    except (SourceError, PortalConfigError, PortalOutputError) as error:
        print(f"gkml portal: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a disk full, a file locked or blocked by a folder: told, not a traceback
        print(f"gkml portal: 无法读写 {error.filename2 or error.filename or args.out}：{why_refused(error)}。门户可能只更新了一部分；"
              "排除问题后重新运行即可（各机关上一次成功发布的版本仍保留）", file=sys.stderr)
        return 1
    for line in [*report.strays, *(held.line() for held in report.held)]:
        print(f"gkml portal: {line}", file=sys.stderr)  # also with --quiet: an operator must see them
    if not args.quiet:
        print(f"门户已生成：{report.agencies} 个机关，{report.documents} 件公开信息，{report.pages} 个页面；"
              f"本次更新检索索引的机关 {len(report.republished)} 个，写入 {len(report.written)} 个文件，"
              f"删除 {len(report.removed)} 个文件，提供检索路由的机关 {report.routed}/{report.agencies} 个，"
              f"用时 {report.seconds['total']:.1f} 秒 → {args.out}")
        steps = {"verify": "校验", "routing": "检索路由", "catalogue": "目录", "search": "检索", "pages": "页面", "open_data": "开放数据", "finish": "清理"}
        print("各步用时：" + "，".join(f"{label} {report.seconds[key]:.1f} 秒" for key, label in steps.items()))
    if report.held or report.strays:
        kept = sum(held.kept for held in report.held)
        print(f"gkml portal: 门户已发布，但有 {kept} 个机关保留上一次的版本、{len(report.held) - kept} 个机关未列入、"
              f"{len(report.strays)} 个站点目录未采用（见上文），退出码 {HELD}", file=sys.stderr)
        return HELD
    return 0
