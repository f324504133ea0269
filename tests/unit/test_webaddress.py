"""One rule for another site's picture: what the check refuses as one is what the sanitiser drops."""

from __future__ import annotations

import pytest
from gkml.content.remotepictures import remote_pictures
from gkml.site.sanitize import clean

ELSEWHERE = ["https://example.org/a.png", "HTTP://example.org/a.png", "//example.org/a.png",
             "\\\\example.org\\a.png", " \thttps://example.org/a.png", "ht&#9;tps://example.org/a.png",
             "https:&#10;//example.org/a.png"]
OWN = ["图片/组织机构图.png", "../images/a.png", "a.png?v=1", "/assets/a.png"]


@pytest.mark.parametrize("src", ELSEWHERE)
def test_a_picture_of_another_site_is_refused_by_the_check_and_dropped_by_the_sanitiser(src: str) -> None:
    body = f'<img src="{src}" alt="图">\n'
    assert [line for line, _col, _message in remote_pictures(body)] == [1]
    assert "src=" not in clean(body)


@pytest.mark.parametrize("src", OWN)
def test_a_picture_of_the_site_is_neither_refused_nor_dropped(src: str) -> None:
    body = f'<img src="{src}" alt="图">\n'
    assert remote_pictures(body) == []
    assert "src=" in clean(body)
