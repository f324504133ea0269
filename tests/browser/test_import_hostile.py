"""An old page full of entity-encoded markup, imported, confirmed and built: nothing runs (#13 item 8, #16)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from gkml.cli import main
from support import NO_SEARCH_YML, mkdocs_build, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).parents[1] / "fixtures" / "import-errors" / "hostile"


def test_an_imported_hostile_page_runs_no_script(browser, tmp_path: Path) -> None:
    project = tmp_path / "site-project"
    (project / "content" / "catalogue").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    page = shutil.copytree(HOSTILE, tmp_path / "pages") / "page.html"
    assert main(["import", "--config-dir", str(project), str(page)]) == 0
    [document] = (project / "content" / "catalogue").rglob("*.md")
    # The editor confirms the suggested title and publisher as they are.
    text = re.sub(r"^# (title|publisher): ", r"\1: ", document.read_text(encoding="utf-8"), flags=re.MULTILINE)
    document.write_text(text, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    with serve(site) as base:
        tab = browser.new_page()
        for html in sorted(site.rglob("*.html")):
            tab.goto(base + html.relative_to(site).as_posix())
            assert tab.evaluate("typeof window.__imp") == "undefined", html
        tab.goto(base + "doc/002986620-202001-00003/")
        body = tab.locator("body").inner_text()
        assert "第一段<script>window.__imp=4</script>正文。" in body  # shown, as text
        assert '第二段 {: onclick="window.__imp=5" style="position:fixed"}' in body
        assert tab.locator("a[href^='javascript']").count() == 0
