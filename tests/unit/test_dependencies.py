"""pyproject's runtime dependencies held against the product's imports: every package gkml's code
imports (anywhere, in functions too) is one it declares, or one an extra it asks for brings
(pagefind[extended]); and every one it declares is imported. Dev tooling stays in the test extra."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "gkml"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _third_party_imports() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"gkml"}


def _declared() -> dict[str, set[str]]:
    """Each declared distribution -> itself and the distributions its requested extras bring."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared: dict[str, set[str]] = {}
    for requirement in project["dependencies"]:
        match = _NAME.match(requirement)
        assert match, requirement
        name, extras = match[1], {extra.strip() for extra in (match[2] or "").split(",") if extra.strip()}
        brought = {_canonical(name)}
        for needed in metadata.requires(name) or []:
            if (marker := _EXTRA.search(needed)) and marker[1] in extras and (inner := _NAME.match(needed)):
                brought.add(_canonical(inner[1]))
        declared[_canonical(name)] = brought
    return declared


def test_every_import_is_declared_and_every_dependency_imported() -> None:
    providers = metadata.packages_distributions()  # top-level module -> the distributions installing it
    declared = _declared()
    allowed = set().union(*declared.values())
    imported = {module: {_canonical(dist) for dist in providers.get(module, [])} for module in _third_party_imports()}
    assert {module for module, dists in imported.items() if not dists & allowed} == set()
    used = set().union(*imported.values())
    assert {name for name, brought in declared.items() if not brought & used} == set()
