"""Every benchmark module imports: a dev tool no test runs must not rot unseen (search_fuzz once
imported a name its neighbour had dropped)."""

from __future__ import annotations

import importlib
import pkgutil

import gkml_bench
import pytest

MODULES = sorted(m.name for m in pkgutil.iter_modules(gkml_bench.__path__, "gkml_bench."))


def test_the_benchmark_package_has_its_modules() -> None:
    assert "gkml_bench.search_fuzz" in MODULES and len(MODULES) > 5


@pytest.mark.parametrize("name", MODULES)
def test_each_benchmark_module_imports(name: str) -> None:
    importlib.import_module(name)
