"""`gkml import FILE_OR_DIR...`: pages saved from the old site become documents with TODOs.

Reading a page is gkml.importer's (pure); this module is the editor's side of it:
which files, the category map, one batch of them (`import_batch`: the catalogue as it
is, where each document goes, attachments copied beside it, `--dry-run` previews,
`--replace` diffs), and one summary in Chinese. A page that cannot be read, has no body, or is a column's
list is named in the summary and makes the exit code 1; the rest of the batch
still lands.
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from pathlib import Path

import yaml

from gkml.authoring.ledger import LedgerUnreadable
from gkml.authoring.new import READ_IT, NumbersUnread, choosing_numbers
from gkml.build.progress import StatusLine, interactive
from gkml.commands.import_batch import Batch
from gkml.commands.parser import fail
from gkml.config import Project, load_project
from gkml.content.encoding import decode
from gkml.content.problems import shown_path
from gkml.content.todos import TODO_NAME
from gkml.importer.plan import neutral
from gkml.importer.source import PAGE_SUFFIXES, pages_in

HELP = "把旧网站保存的页面（HTML 或文本，UTF-8/GBK/GB18030/Big5）导入为公开文件"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="文件或目录", help="旧网站页面文件，或包含它们的目录")
    parser.add_argument("--category-map", type=Path, metavar="文件",
                        help="栏目/分类名称与信息分类的对照表（YAML：名称或关键词: 分类代码），优先于内置对照")
    parser.add_argument("--dry-run", action="store_true", help="只显示每个页面将写入的属性和正文开头，不写文件")
    parser.add_argument("--replace", action="store_true",
                        help="同一页面以前导入过时（内容哈希、名称+发布日期或名称+索引号相同），显示差异后更新该文件")
    parser.add_argument("--config-dir", type=Path, default=Path("."), metavar="目录", help="mkdocs.yml 所在目录（默认当前目录）")


def _read_map(path: Path) -> dict[str, str]:
    """The --category-map file (UTF-8 or GBK, as Windows editors save it): a flat YAML mapping, or a Chinese error."""
    shape = "对照表每行写一项“栏目名称: 分类代码”。"
    try:
        text, _ = decode(path.read_bytes())
    except FileNotFoundError:
        raise ValueError(f"找不到对照表 {path}。") from None
    except OSError:
        raise ValueError(f"无法读取对照表 {path}。") from None
    try:
        # Anchors and aliases are refused before anything is built (an alias bomb is tiny).
        if any(isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) for event in yaml.parse(text)):
            raise ValueError(f"{path} 中不允许使用 YAML 锚点（&）和别名（*）：{shape}")
        data = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise ValueError(f"{path} {where}格式错误：{shape}") from None
    except yaml.YAMLError:
        raise ValueError(f"{path} 格式错误：{shape}") from None
    if not isinstance(data, dict) or not all(isinstance(v, (str, int)) for v in data.values()):
        raise ValueError(f"{path} 格式错误：{shape}")
    return {str(k): str(v) for k, v in data.items()}


def load_category_map(path: Path | None, project: Project) -> dict[str, str]:
    """mkdocs.yml's `import_category_map`, then the file's entries over it; every slug must exist."""
    maps = [("mkdocs.yml 的 import_category_map", project.options.import_category_map)]
    if path is not None:
        maps.append((str(path), _read_map(path)))
    mapping: dict[str, str] = {}
    for where, data in maps:
        entries = {str(k): str(v) for k, v in data.items()}
        unknown = sorted({v for v in entries.values() if v not in project.profile.categories})
        if unknown:
            raise ValueError(f"{where} 中的分类代码不存在：{'、'.join(unknown)}。"
                             f"可用代码：{'、'.join(project.profile.categories.by_slug)}")
        mapping.update(entries)
    return mapping



def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config_dir)
        category_map = load_category_map(args.category_map, project)
    except (FileNotFoundError, ValueError, yaml.YAMLError) as error:
        return fail("import", str(error))
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return fail("import", "找不到：" + "、".join(map(str, missing)))
    files = pages_in(args.paths)
    if not files:
        return fail("import", "没有找到页面文件（" + " ".join(PAGE_SUFFIXES) + "）")
    # the catalogue's numbers are read before the pages are written: one chooser of numbers at a time
    with nullcontext() if args.dry_run else choosing_numbers(project.root / project.options.cache_dir):
        try:
            batch = Batch(project, args.replace, args.dry_run, category_map)
        except (LedgerUnreadable, NumbersUnread) as error:  # a number chosen now might be one it holds
            return fail("import", f"{error}，不知道其中已用了哪些索引号，未导入。{READ_IT}")
        progress = StatusLine(enabled=len(files) > 1 and interactive()).counter("导入页面").start(len(files))
        for path in files:
            batch.page(path)
            progress.advance()
        batch.name_later_imports()
    print(summary(batch, dry_run=args.dry_run))
    return 1 if batch.failed else 0


def summary(batch: Batch, *, dry_run: bool) -> str:
    new = [w for w in batch.written if w[0] not in batch.replaced]
    verb = "将导入" if dry_run else "已导入"
    head = f"{verb} {len(new)} 个文件"
    if batch.replaced:
        head += f"，{'将更新' if dry_run else '已更新'} {len(batch.replaced)} 个以前导入的文件"
    if batch.duplicates:
        head += f"，跳过 {len(batch.duplicates)} 个已有的页面"
    if batch.later:
        head += f"，跳过 {len(batch.later)} 个正文续页"
    if batch.failed:
        head += f"，{len(batch.failed)} 个页面无法导入"
    lines = [head + "。"]
    lines += [f"  {shown_path(target)}" for target, _m, _n in new]
    attention = [(t, m, n) for t, m, n in batch.written if m or n]
    if attention:
        lines.append(f"需要处理（填写后删去 “{TODO_NAME}” 注释，再运行 gkml check）：")
        for target, missing, notes in attention:
            parts = ([f"缺少 {'、'.join(missing)}"] if missing else []) + notes
            lines.append(f"  {shown_path(target)} -> {'；'.join(parts)}")
    for source, other, imported, same, earlier in batch.duplicates:
        if earlier is not None:
            lines.append(f"与这次导入的 {shown_path(earlier)} 是同一文件（{same}），已跳过：{shown_path(source)}"
                         f"（只写入 {other} 一个文件）")
        elif imported:
            lines.append(f"以前导入过，已跳过：{shown_path(source)}（即 {other}；{same}）。"
                         "要用这次的页面更新它，请加 --replace")
        else:
            lines.append(f"已有{same}的文件，已跳过：{shown_path(source)}（{other} 不是导入的文件，--replace 也不会改动它）")
    for source, first, beside in batch.later:
        then = ("导入第1页时，保存在它旁边的各页会一并读入" if beside
                else "请把第1页保存在这一页旁边，再导入第1页，各页会一并读入")
        lines.append(f"正文续页，已跳过：{shown_path(source)}：这是正文分多页显示的后续页面，第1页是 {neutral(first)}：{then}")
    for source, reason in batch.failed:
        lines.append(f"无法导入：{shown_path(source)}：{reason}")
    return "\n".join(lines)
