"""`gkml check [PATH...]`: validate documents without building the site."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gkml.authoring.ledger import (
    LedgerError,
    ledger_bytes,
    read_ledger,
    updated_ledger,
    write_ledger,
)
from gkml.build.gate import as_of, check_site, display_prefix
from gkml.build.memory import settle
from gkml.catalogue.document import Document
from gkml.commands.parser import fail
from gkml.config import Project, load_project
from gkml.content.body import LinkTargets
from gkml.content.checkcache import SourceDigests, cores, open_check_cache
from gkml.content.heldnumbers import written_numbers
from gkml.content.problems import (
    problems_json,
    shown_path,
    sorted_problems,
    summary_line,
)
from gkml.content.todos import todo_summary
from gkml.memo import Memo
from gkml.syserrors import CLEAR_SPACE, no_room, why_refused

HELP = "检查公开目录中的文件（不生成网站）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], metavar="路径",
                        help="要检查的文件或目录（默认当前目录）；总是按整个目录检查跨文件规则")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    # what other linters (and editors used to them) write: refused as an unknown argument before
    parser.add_argument("--json", action="store_const", dest="format", const="json", help="同 --format json")
    parser.add_argument("--update-ledger", action="store_true",
                        help="检查通过后，把新发布文件的索引号追加到登记簿（published.ledger）")
    parser.add_argument("--pre-commit", action="store_true",
                        help="提交前钩子用：登记簿有新增时退出码为 1，提交中止，请 git add 登记簿后再次提交")


def _in_scope(scopes: list[Path]) -> Callable[[str], bool]:
    """Whether a shown path is one of `scopes` or below one; a symlink is reported where it is, not
    where it points. Each folder is resolved once (file by file, 10,000 documents cost 0.2 s), and a
    path is joined to its folder only when its name is a scope's (10,000 joins: 0.05 s of a check of one file)."""
    folders: dict[str, tuple[Path, bool]] = {}
    names = {os.path.normcase(scope.name) for scope in scopes}  # as Path compares them (Windows: any case)

    def in_scope(shown: str) -> bool:
        parent, name = os.path.split(shown)
        if (known := folders.get(parent)) is None:
            folder = Path(parent).resolve()
            known = folders[parent] = (folder, any(folder == scope or scope in folder.parents for scope in scopes))
        folder, inside = known
        return inside or (os.path.normcase(name) in names and folder / name in scopes)
    return in_scope


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:  # a mistyped name would otherwise pass as "no problems"
        return fail("check", "找不到：" + "、".join(missing) + "。请核对路径（网站上和 git 中文件名区分大小写）。")
    try:
        project = load_project(paths[0])
    except (FileNotFoundError, ValueError) as error:
        return fail("check", str(error))
    # a body is read only to see what it includes (pymdownx.snippets); a cached document's body is
    # otherwise left unread, and what it includes would go unchecked
    # the remembered results live until the check ends: frozen before any collection walks them (the
    # first one after the cache's load walked them all: at 10,000 files 0.02 s), never walked again
    gc.disable()
    cache = open_check_cache(project.root / project.options.cache_dir, project.profile,
                             with_bodies=True, workers=cores())
    settle()
    gc.enable()
    # a body's addresses, kept by its bytes: a document links a held-back one's page or not (gkml.content.heldpages)
    targets = LinkTargets(Memo(project.root / project.options.cache_dir / "memo-check-link-targets.json", cache.head.hex()),
                          SourceDigests(cache))
    # the index numbers it writes (fields and body), kept so too: a document writes a held-back one's number or not (gkml.content.heldnumbers)
    numbers = LinkTargets(Memo(project.root / project.options.cache_dir / "memo-check-held-numbers.json", cache.head.hex()),
                          SourceDigests(cache), lambda doc: written_numbers(doc, project.profile))
    result = check_site(project, as_of(project.options), base=Path.cwd(), checker=cache.check, link_targets=targets,
                        held_numbers=numbers)
    cache.save()
    try:
        targets.save(prune=True)
        numbers.save(prune=True)
    except OSError:
        pass  # a read-only project still checks, only slower next time
    problems, notices = result.problems, result.notices
    scopes = [p.resolve() for p in paths]
    display = display_prefix(project, Path.cwd())
    checked = [display + rel for rel in (*result.tree.documents, *result.tree.pages)]
    if not any(scope in (project.root, *project.root.parents) for scope in scopes):
        in_scope = _in_scope(scopes)
        problems = [p for p in problems if in_scope(p.path)]
        notices = [p for p in notices if in_scope(p.path)]
        checked = [path for path in checked if in_scope(path)]
    problems = sorted_problems(problems)
    if args.format == "json":
        print(problems_json(problems, notices))
    else:
        for problem in problems:
            print(problem.format())
        for notice in notices:  # after the errors: what to fix first comes first
            print(notice.format())
        elapsed = time.perf_counter() - started
        print(f"{summary_line(problems, checked)}（用时 {elapsed:.2f} 秒）", file=sys.stderr)
        if problems:
            print("请按每行的提示修正（写着“应写作”的可运行 gkml fix 自动修正），再运行 gkml check；"
                  "如果是提交时发现的，修正后请 git add 并再次提交。", file=sys.stderr)
        if summary := todo_summary(notices):
            print(summary, file=sys.stderr)
        if outside := _outside_docs(paths, scopes, project):  # "0 files, no problems" alone reads as passed
            print(f"未检查：{'、'.join(outside)} 不在网站内容目录 {shown_path(project.docs_dir, Path.cwd())} 中，"
                  "不会发布到网站。公开目录的文件请放在 "
                  f"{shown_path(project.docs_dir / project.options.catalogue_dir, Path.cwd())} 下。", file=sys.stderr)
    if problems:
        return 1
    if args.update_ledger:
        documents = result.documents
        if args.pre_commit and (committed := _in_git_index(project)) is not None:
            # what this commit holds: a document not yet added to git would be recorded in a ledger
            # committed without it (every clone's check then fails), and its number never freed
            # without case: a name's case changed on Windows (Explorer) is not a change git records
            left = [doc for doc in documents if doc.src_path.casefold() not in committed]
            documents = [doc for doc in documents if doc.src_path.casefold() in committed]
            if left:
                print(f"{len(left)} 个文件还没有 git add，本次提交不登记它们的索引号（例如 "
                      f"{_shown(project, left[0])}）。", file=sys.stderr)
        try:
            changed = _update_ledger(project, documents)
        except LedgerError as error:  # a value no check should have let through: never forge an entry
            print(f"gkml check: {error}", file=sys.stderr)
            return 1
        except LedgerChanged:
            print(f"gkml check: 检查期间登记簿 {project.ledger_path.name} 被修改过（另一个 gkml check 或编辑器），"
                  "为免覆盖这次修改，登记簿未更新。请再运行一次。", file=sys.stderr)
            return 1
        except OSError as error:  # read-only, open in another program (Windows), the disk full
            what = CLEAR_SPACE if no_room(error) else "请取消它的“只读”属性（右键→属性）或关闭打开它的程序"
            print(f"gkml check: 无法写入登记簿 {project.ledger_path.name}（{why_refused(error)}），登记簿未更新。"
                  f"{what}，再运行一次。", file=sys.stderr)
            return 1
        if changed and args.pre_commit:
            return 1
    return 0


def _outside_docs(paths: list[Path], scopes: list[Path], project: Project) -> list[str]:
    """The paths given that neither lie in the docs folder nor hold it (README.md given by a pre-commit hook, a draft elsewhere)."""
    docs = project.docs_dir.resolve()
    return [str(path) for path, scope in zip(paths, scopes)
            if not (scope == docs or docs in scope.parents or scope in docs.parents)]


def _in_git_index(project: Project) -> set[str] | None:
    """Docs-relative paths of the catalogue files in git's index, case-folded (no two names of the
    catalogue differ only in case: the check refuses them), or None outside a git work tree."""
    import subprocess  # only for --pre-commit: a plain check starts without it

    catalogue = project.docs_dir / project.options.catalogue_dir
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=catalogue, capture_output=True,
                                check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if listed.returncode != 0:
        return None
    prefix = project.options.catalogue_dir.strip("/")
    return {f"{prefix}/{name}".casefold() for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name}


def _shown(project: Project, document: Document) -> str:
    return os.path.relpath(project.docs_dir / document.src_path).replace(os.sep, "/")


class LedgerChanged(Exception):
    """The ledger is no longer what the update was made from."""


def _update_ledger(project: Project, documents: list[Document]) -> bool:
    """Append the newly published index numbers; whether the ledger changed."""
    before = ledger_bytes(project.ledger_path)
    ledger = read_ledger(project.ledger_path, before)
    updated = updated_ledger(ledger, documents, as_of(project.options), project.profile)
    if len(updated) != len(ledger) or before is None:
        if not write_ledger(project.ledger_path, updated, before):
            raise LedgerChanged
        print(f"登记簿新增 {len(updated) - len(ledger)} 个已发布索引号：{project.ledger_path.name}。"
              f"如果是提交时更新的：请 git add {project.ledger_path.name} 后再次提交。", file=sys.stderr)
        return True
    return False
