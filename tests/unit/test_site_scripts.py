"""site.scripts: the scripts a site serves are minified; other assets are served as they are
(the browser tests run the minified scripts)."""

from __future__ import annotations

from pathlib import Path

from gkml.site.scripts import served

ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "gkml" / "site" / "assets"


def test_the_search_script_is_served_without_its_comments() -> None:
    source = ASSETS / "search" / "gkml-search.js"
    text = served(source).decode("utf-8")
    assert len(text) < 0.7 * len(source.read_text("utf-8"))
    assert "// " not in text.replace("://", "")  # no line comments left
    assert "'\\uff58'" in text or "\\uff58" in text  # string literals kept as written


def test_other_assets_are_served_as_they_are() -> None:
    for path in ASSETS.rglob("*"):
        if path.is_file() and path.suffix != ".js":
            assert served(path) == path.read_bytes()
