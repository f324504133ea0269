"""The tests' own server: a page that goes on fetching after the test's last look at it (the search
page's filter chunks) must not have those fetches reset when the test leaves the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import serve

pytestmark = pytest.mark.browser

LATE_FETCH = """<!doctype html><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"><p id="ready">ready</p>
<script>setTimeout(function () { fetch("chunk.bin").then(function (r) { return r.text(); })
  .then(function () { document.title = "fetched"; }); }, 150);</script>"""


def test_a_fetch_made_after_the_last_look_is_served_before_the_server_closes(
        error_free_page: Any, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(LATE_FETCH, "utf-8")
    (tmp_path / "chunk.bin").write_bytes(b"x" * 100_000)
    with serve(tmp_path) as root:
        error_free_page.goto(root)
        error_free_page.wait_for_selector("#ready")
    error_free_page.wait_for_function("document.title === 'fetched'", timeout=10_000)
