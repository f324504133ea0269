"""Walking the catalogue folder and validating every document in it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from gkml.catalogue.document import Document
from gkml.content.problems import Problem, sorted_problems
from gkml.content.validation import FileResult, check_file, cross_check
from gkml.profile.model import Profile

# (docs-relative path, file, profile, exists) -> result
Checker = Callable[[str, Path, Profile, Callable[[str], bool]], FileResult]


def check_path(rel: str, path: Path, profile: Profile, exists: Callable[[str], bool]) -> FileResult:
    return check_file(rel, path.read_bytes(), profile, exists)


class Progress(Protocol):
    """A counter shown while files are checked (gkml.build.progress.Progress on a terminal)."""

    def start(self, total: int) -> object: ...

    def advance(self, step: int = 1) -> None: ...


@dataclass
class CheckResult:
    documents: list[Document]
    problems: list[Problem]
    files_checked: int

    @property
    def ok(self) -> bool:
        return not self.problems


def markdown_files(docs_dir: Path, catalogue_dir: str) -> list[str]:
    """Docs-relative '/'-paths of every Markdown file under the catalogue folder, sorted."""
    root = docs_dir / catalogue_dir
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(docs_dir).as_posix()
        found.extend(f"{rel}/{name}" for name in sorted(files) if name.endswith(".md") and not name.startswith("."))
    return found


def check_tree(docs_dir: Path, catalogue_dir: str, profile: Profile, *, display_prefix: str = "",
               progress: Progress | None = None, checker: Checker = check_path) -> CheckResult:
    """Validate every document, then the rules across documents. Problems name files as
    `display_prefix + docs-relative path` so messages match what the editor typed."""

    docs_root = docs_dir.resolve()

    def exists(rel: str) -> bool:
        # a symlink out of the docs dir would publish whatever it points to (e.g. /etc/passwd)
        path = docs_dir / rel
        return path.is_file() and path.resolve().is_relative_to(docs_root)

    documents: list[Document] = []
    problems: list[Problem] = []
    paths = markdown_files(docs_dir, catalogue_dir)
    if progress:
        progress.start(len(paths))
    for rel in paths:
        if progress:
            progress.advance()
        result = checker(rel, docs_dir / rel, profile, exists)
        problems.extend(result.problems)
        if result.document:
            documents.append(result.document)
    problems.extend(cross_check(documents, profile, display_prefix))
    if display_prefix:
        problems = [replace(p, path=display_prefix + p.path) for p in problems]
    return CheckResult(documents, sorted_problems(problems), len(paths))
