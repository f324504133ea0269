from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gkml.catalogue.catalogue import Catalogue, build_catalogue
from gkml.catalogue.document import SHANGHAI
from gkml.config import load_project
from gkml.content.loader import check_tree
from support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    AgencySites,
    build_agency_sites,
    mkdocs_build,
)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once per test session, with the repository's mkdocs.yml."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir=site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def agency_sites(tmp_path_factory: pytest.TempPathFactory, sample_site: Path) -> AgencySites:
    """Three agencies' sites built from three configurations, for the portal (see support.AgencySites)."""
    return build_agency_sites(tmp_path_factory.mktemp("agencies"), sample_site)


@pytest.fixture(scope="session")
def sample_catalogue() -> Catalogue:
    project = load_project(ROOT)
    result = check_tree(project.docs_dir, project.options.catalogue_dir, project.profile)
    assert result.ok, [p.format() for p in result.problems]
    return build_catalogue(result.documents, project.profile, datetime.datetime.now(SHANGHAI))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run tools/setup --test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def error_free_page(browser: Any) -> Iterator[Any]:
    """A page of `browser` that fails its test if a script throws or the console logs an error."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    page.close()
    assert errors == []
