"""`gkml import FILE_OR_DIR...`: pages saved from the old site become documents with TODOs."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

import yaml

from gkml.authoring.ledger import read_ledger
from gkml.authoring.new import (
    IndexNumbersExhausted,
    file_name,
    schema_comment,
    used_index_numbers,
    write_new_file,
)
from gkml.config import Project, load_project
from gkml.content.loader import markdown_files
from gkml.importer.importer import (
    IMPORT_FOLDER,
    Existing,
    documents_in,
    existing_from_text,
    find_duplicate,
    hash_comment,
    output_slug,
    plan_document,
    source_hash,
)
from gkml.importer.legacy import parse_legacy, render_document

HELP = "把旧网站保存的页面（文本或 HTML，UTF-8/GBK/GB18030）导入为公开文件"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="文件或目录", help="旧网站页面文件，或包含它们的目录")
    parser.add_argument("--category-map", type=Path, metavar="文件",
                        help="栏目与信息分类的对照表（YAML：栏目名称或关键词: 分类代码），优先于内置对照")
    parser.add_argument("--dry-run", action="store_true", help="只显示将要导入的结果，不写文件")
    parser.add_argument("--config-dir", type=Path, default=Path("."), help="mkdocs.yml 所在目录（默认当前目录）")


def _fail(message: str) -> int:
    print(f"gkml import: {message}", file=sys.stderr)
    return 2


def load_category_map(path: Path, project: Project) -> dict[str, str]:
    """The editor's map; every slug must exist in the category tree."""
    data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path} 应是“栏目名称: 分类代码”的对照表，每行一项。")
    mapping = {str(k): str(v) for k, v in data.items()}
    unknown = sorted({v for v in mapping.values() if v not in project.profile.categories})
    if unknown:
        raise ValueError(f"{path} 中的分类代码不存在：{'、'.join(unknown)}。可用代码：{'、'.join(project.profile.categories.by_slug)}")
    return mapping


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:
        return str(path)


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


class Progress:
    """`\\r导入中 3/120` on a terminal; silent when stderr is a file or pipe."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total > 1 and _is_terminal(self.stream)

    def step(self, done: int) -> None:
        if self.enabled:
            self.stream.write(f"\r导入中 {done}/{self.total}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 24 + "\r")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config_dir)
        category_map = load_category_map(args.category_map, project) if args.category_map else {}
    except (FileNotFoundError, ValueError, yaml.YAMLError) as error:
        return _fail(str(error))
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return _fail("找不到：" + "、".join(map(str, missing)))
    files = documents_in(args.paths)
    catalogue = project.docs_dir / project.options.catalogue_dir
    existing = [existing_from_text(_shown(project.docs_dir / rel), (project.docs_dir / rel).read_bytes().decode("utf-8", errors="replace"))
                for rel in markdown_files(project.docs_dir, project.options.catalogue_dir)]
    ledger = [entry.index_no for entry in read_ledger(project.ledger_path)]
    used = used_index_numbers(project.docs_dir, project.options.catalogue_dir, ledger)
    labels = {key: spec.label for key, spec in project.profile.fields.items()}

    written: list[tuple[Path, list[str], list[str]]] = []
    duplicates: list[tuple[Path, str]] = []
    failed: list[tuple[Path, str]] = []
    progress = Progress(len(files))
    for done, path in enumerate(files, start=1):
        progress.step(done)
        data = path.read_bytes()
        try:
            page = parse_legacy(data, path.name)
        except Exception as error:  # one unreadable page must not stop a batch
            failed.append((path, f"无法解析：{error}"))
            continue
        if not page.title:
            failed.append((path, "找不到文件标题，不像是旧网站的文件页面"))
            continue
        digest = source_hash(data)
        duplicate = find_duplicate(page, digest, existing)
        if duplicate:
            duplicates.append((path, duplicate.path))
            continue
        try:
            planned = plan_document(page, project.profile, org_code=project.options.org_code,
                                    agency=project.options.agency, used=used, category_map=category_map)
        except IndexNumbersExhausted as error:
            progress.finish()
            return _fail(str(error))
        folder = catalogue / (planned.category or IMPORT_FOLDER)
        name = file_name(planned.created or _day(page.published), output_slug(digest))
        text = render_document(page, planned.fields, planned.todo, labels)
        first, _, rest = text.partition("\n")
        text = "\n".join([first, schema_comment(folder / name, project.root), hash_comment(data), rest])
        target = folder / name if args.dry_run else write_new_file(folder, name, text)
        existing.append(Existing(_shown(target), page.title, (page.published or "")[:10], frozenset({digest})))
        written.append((target, planned.missing_required, planned.notes))
    progress.finish()
    print(summary(written, duplicates, failed, dry_run=args.dry_run))
    return 1 if failed else 0


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def summary(written: list[tuple[Path, list[str], list[str]]], duplicates: list[tuple[Path, str]],
            failed: list[tuple[Path, str]], *, dry_run: bool) -> str:
    verb = "将导入" if dry_run else "已导入"
    lines = [f"{verb} {len(written)} 个文件" + (f"，跳过 {len(duplicates)} 个重复文件" if duplicates else "")
             + (f"，{len(failed)} 个文件无法导入" if failed else "") + "。"]
    for target, _missing, _notes in written:
        lines.append(f"  {_shown(target)}")
    attention = [(t, m, n) for t, m, n in written if m or n]
    if attention:
        lines.append("需要处理（填写后删去 “# TODO(待补充)” 注释，再运行 gkml check）：")
        for target, missing, notes in attention:
            parts = ([f"缺少 {'、'.join(missing)}"] if missing else []) + notes
            lines.append(f"  {_shown(target)} -> {'；'.join(parts)}")
    for source, other in duplicates:
        lines.append(f"重复，已跳过：{_shown(source)}（与 {other} 是同一文件：名称和发布日期相同，或内容完全相同）")
    for source, reason in failed:
        lines.append(f"无法导入：{_shown(source)}：{reason}")
    return "\n".join(lines)
