"""ARCHITECTURE.md's package map held against the code: each package imports only what its row
of the table reads from (and what those read from, and the rows that read from nothing), no
module imports itself round a cycle (imports in functions and for type checking count), and
every module of a package is named in its row."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "gkml"
MAP = ROOT / "ARCHITECTURE.md"

# Imports against the map, each with the move that ends it; the test fails when one is gone
# too, so that it leaves this list.
KNOWN: dict[tuple[str, str], str] = {}  # (importing unit, imported unit) -> why it is let be, until moved


def _modules() -> dict[str, Path]:
    """Every module of gkml by dotted name (a package by its __init__)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """The gkml modules `path` imports anywhere in it."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            while name not in modules and "." in name:  # from gkml.site import routes: the module; else its package
                name = name.rsplit(".", 1)[0]
            if name in modules:
                yield name


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: set(_imports(path, modules)) - {name} for name, path in modules.items()}


class _Map:
    """The table: its units (a package, `site/`; or a root module, `config.py`), what each reads from."""

    def __init__(self, text: str) -> None:
        self.unit: dict[str, str] = {}  # a package or root module's name -> its row's unit
        self.rows: list[tuple[list[str], str]] = []  # each row's units and its concept
        direct: dict[str, set[str] | None] = {}  # None: any
        for line in text.splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not cells[0].startswith("`"):
                continue
            names = re.findall(r"`([^`]+)`", cells[0])
            units = [re.sub(r"(/|\.py)$", "", name) for name in names]
            self.rows.append((units, cells[1]))
            for unit in units:
                self.unit[unit] = unit
            if names == [f"{units[0]}.py"]:  # config.py: its own files, named in its concept
                self.unit.update((extra, units[0]) for extra in re.findall(r"`([a-z_]+)\.py`", cells[1]))
            reads = self._reads(cells[2], above=[unit for row, _ in self.rows[:-1] for unit in row])
            direct.update((unit, reads) for unit in units)
        foundations = {unit for unit, reads in direct.items() if reads == set()}
        self.allowed = {unit: self._closure(unit, direct, foundations) for unit in direct}

    def _reads(self, cell: str, above: list[str]) -> set[str] | None:
        reads: set[str] = set()
        for part in re.sub(r"\([^)]*\)", "", cell).split(","):
            part = part.strip()
            if part == "any":
                return None
            if part == "all of the above":
                reads.update(above)
            elif part and part != "—":
                name = part.split(".")[0]
                reads.add(self.unit.get(name, name))
        return reads

    @staticmethod
    def _closure(unit: str, direct: dict[str, set[str] | None], foundations: set[str]) -> set[str] | None:
        """What `unit` may import: what it reads from, what those read from …, and the foundations."""
        if direct[unit] is None:
            return None
        seen: set[str] = set()
        todo = [unit]
        while todo:
            for read in direct.get(todo.pop()) or set():
                if read not in seen:
                    seen.add(read)
                    todo.append(read)
        return seen | foundations

    def unit_of(self, module: str) -> str:
        top = module.split(".")[1]
        return self.unit.get(top, top)


def _map() -> _Map:
    return _Map(MAP.read_text(encoding="utf-8"))


def test_every_package_and_root_module_has_a_row() -> None:
    table = _map()
    missing = sorted({table.unit_of(name) for name in _modules() if "." in name} - set(table.unit.values()))
    assert not missing, f"ARCHITECTURE.md's table has no row for {missing}"


def test_packages_import_only_what_their_row_reads_from() -> None:
    table = _map()
    wrong: dict[tuple[str, str], list[str]] = {}
    for module, imported in _graph().items():
        if "." not in module:
            continue
        unit = table.unit_of(module)
        allowed = table.allowed[unit]
        for target in sorted(imported):
            other = table.unit_of(target)
            if other != unit and allowed is not None and other not in allowed:
                wrong.setdefault((unit, other), []).append(f"{module} imports {target}")
    new = {pair: found for pair, found in wrong.items() if pair not in KNOWN}
    assert not new, "against ARCHITECTURE.md's table:\n" + "\n".join(line for found in new.values() for line in found)
    gone = sorted(set(KNOWN) - set(wrong))
    assert not gone, f"no longer imported, take them out of KNOWN: {gone}"


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component: list[str] = []
            while not component or component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert not cycles, f"import cycles: {cycles}"


def test_every_module_of_a_package_is_named_in_its_row() -> None:
    """A module is found from the map by its name (a subcommand's, by `gkml`'s list of commands)."""
    from gkml.cli import COMMANDS

    subcommands = {name.rsplit(".", 1)[-1] for name in COMMANDS.values()}
    missing = []
    for units, concept in _map().rows:
        for unit in units:
            folder = PACKAGE / unit
            if not (folder / "__init__.py").is_file():
                continue
            named = set(re.findall(r"`([a-z_]+)`", concept)) | (subcommands if unit == "commands" else set())
            missing += [f"{unit}/{path.relative_to(folder).with_suffix('').as_posix()}" for path in sorted(folder.rglob("*.py"))
                        if path.stem != "__init__" and path.stem not in named]
    assert not missing, f"ARCHITECTURE.md's rows do not name {missing}"
