"""Red team in real Chromium (issue 13, output half): every page of the hostile site, served over
http and as the offline copy over file://, is opened and must run none of the payloads.

Each layer is checked on its own, so a test fails when one of them breaks even though the other
still holds: with the policy bypassed (escaping and the sanitiser alone), then with the policy
(nothing injected, gkml's own scripts approved), and a page with a script injected after the build
(the policy alone, since it is not derived from the page)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hostile
import pytest
from support import mkdocs_build, serve

pytestmark = pytest.mark.browser

MARKERS = f"Object.getOwnPropertyNames(window).filter(n => n.startsWith('{hostile.MARKER}'))"
# The live DOM after parsing, scripts and Pagefind's rendering: no handler attribute, no style
# element, nothing embedded, and gkml's own first script ran.
DOM = """() => ({
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))
                                                           .map(a => e.tagName + ' ' + a.name)),
  embeds: [...document.querySelectorAll('style, iframe, object, embed, base, math, meta[http-equiv=refresh]')]
            .map(e => e.tagName),
  gkmlJs: document.documentElement.hasAttribute('data-gkml-js'),
})"""
QUERIES = ("正文", "pwned", "script", "测试厅")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile project as a site and as an offline copy."""
    root = tmp_path_factory.mktemp("hostile")
    hostile.write_project(root)
    hostile.drop_what_check_refuses(root)
    result = mkdocs_build(root / "mkdocs.yml", site_dir=root / "site")
    assert result.returncode == 0, result.stderr
    out = root / "offline"
    offline = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(root), "--out", str(out),
                              "--snapshot", "2026-01-01", "--no-zip"], capture_output=True, text=True, encoding="utf-8",
                             timeout=900, check=False)
    assert offline.returncode == 0, offline.stderr
    (copy,) = [p for p in out.iterdir() if p.is_dir()]
    return root / "site", copy / "site"  # the copy's pages (beside its entry page and manifest)


@pytest.fixture(scope="module")
def site_url(built: tuple[Path, Path]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


def _addresses(folder: Path, base: str) -> list[str]:
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert len(pages) > 40
    search = "search/index.html" if (folder / "search" / "index.html").is_file() else "search.html"
    return [*(base + p for p in pages), *(f"{base}{search}?q={q}" for q in QUERIES)]


def _visit(browser: Any, addresses: list[str], *, bypass_csp: bool) -> dict[str, Any]:
    """Open every address; what ran, what the DOM holds, what the policy refused."""
    context = browser.new_context(bypass_csp=bypass_csp)
    outside: list[str] = []

    def local_only(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file://", "http://127.0.0.1")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    found: dict[str, Any] = {"ran": {}, "dom": {}, "no_gkml_js": [], "results": 0}
    for address in addresses:
        page.goto(address, wait_until="load")
        if "?q=" in address:
            page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=15_000)
            found["results"] += page.locator("#gkml-results .gkml-result").count()
        if ran := page.evaluate(MARKERS):
            found["ran"][address] = ran
        dom = page.evaluate(DOM)
        if dom["handlers"] or dom["embeds"]:
            found["dom"][address] = dom
        if not dom["gkmlJs"]:
            found["no_gkml_js"].append(address)
    context.close()
    found["refused"], found["outside"] = refused, outside
    return found


@pytest.mark.parametrize("where", ["online", "offline"])
def test_escaping_and_sanitiser_alone_run_no_payload(browser: Any, built: tuple[Path, Path], site_url: str,
                                                      where: str) -> None:
    addresses = _addresses(built[0], site_url) if where == "online" else _addresses(built[1], built[1].as_uri() + "/")
    found = _visit(browser, addresses, bypass_csp=True)
    assert found["ran"] == {}
    assert found["dom"] == {}
    assert found["results"] > 0, "the searches found the hostile documents, so their titles and excerpts were shown"
    assert found["outside"] == []


@pytest.mark.parametrize("where", ["online", "offline"])
def test_under_the_policy_gkml_scripts_run_and_nothing_is_refused(browser: Any, built: tuple[Path, Path],
                                                                   site_url: str, where: str) -> None:
    addresses = _addresses(built[0], site_url) if where == "online" else _addresses(built[1], built[1].as_uri() + "/")
    found = _visit(browser, addresses, bypass_csp=False)
    assert found["ran"] == {}
    assert found["no_gkml_js"] == []  # reader-init.js is approved by its hash on every page
    assert found["refused"] == []  # and no page tried to run anything else
    assert found["results"] > 0


def test_a_script_injected_after_the_build_is_blocked_by_the_policy(browser: Any, built: tuple[Path, Path]) -> None:
    copy = built[1]
    page_file = copy / "doc" / "002986620-202403-00001.html"
    html = page_file.read_text(encoding="utf-8")
    injected = html.replace("<body>", "<body><script>window.__pwned_injected=1</script>"
                                      "<img src=x onerror=\"window.__pwned_injected_img=1\">", 1)
    assert injected != html
    target = copy / "doc" / "injected.html"
    target.write_text(injected, encoding="utf-8")
    try:
        for bypass_csp, expected in ((False, []), (True, ["__pwned_injected", "__pwned_injected_img"])):
            context = browser.new_context(bypass_csp=bypass_csp)
            page = context.new_page()
            page.goto(target.as_uri(), wait_until="load")
            assert sorted(page.evaluate(MARKERS)) == expected  # the control run shows the page would have run them
            assert page.evaluate("document.documentElement.hasAttribute('data-gkml-js')")
            context.close()
    finally:
        target.unlink()


def test_titles_read_as_typed(browser: Any, built: tuple[Path, Path], site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "doc/002986620-202403-00002/")
    assert page.title() == hostile.encoded("title") + " - 红队测试公开目录"
    assert page.locator("h1").first.inner_text() == hostile.encoded("title")
    page.goto(site_url + "doc/002986620-202403-00001/")
    assert page.title() == hostile.payload("title") + " - 红队测试公开目录"
    assert page.locator("#gkml-citation").input_value().startswith("《" + hostile.payload("title") + "》")
    context.close()
