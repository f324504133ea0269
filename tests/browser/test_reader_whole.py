"""Nothing a reader is owed is cut off by the screen or the settings chosen for it: the whole citation on
a 320 px phone, every column of a listing on paper whatever text size or 关怀版 the screen had."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import serve

pytestmark = pytest.mark.browser

DOC = "doc/002986620-202003-00032/"  # the sample's long citation: title, 文号, 索引号 and the permanent address


@pytest.fixture(scope="module")
def base(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def _context(browser: Any, width: int, font: str = "0", care: str = "0") -> Any:
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); localStorage.setItem('gkml-care', '{care}'); }}"
                            " catch (e) {}")
    return context


@pytest.mark.parametrize(("width", "font"), [(320, "0"), (320, "2"), (1280, "2")])
def test_the_whole_citation_is_in_view_on_a_phone_and_at_large_text(browser: Any, base: str, width: int, font: str) -> None:
    """The citation was a one-line box: on a 320 px phone it showed its first dozen characters of some
    70 and the permanent address not at all; a reader had to scroll inside the box, character by character."""
    context = _context(browser, width, font)
    page = context.new_page()
    page.goto(base + DOC)
    field = page.locator("#gkml-citation")
    citation = field.input_value()
    assert citation.startswith("《") and "002986620/202003-00032" in citation and "http" in citation
    hidden = field.evaluate("f => [f.scrollWidth - f.clientWidth, f.scrollHeight - f.clientHeight]")
    assert hidden[0] <= 1 and hidden[1] <= 1, f"{hidden} px of the citation scrolled out of its box"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
