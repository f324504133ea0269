"""One rule for another site's picture: what the check refuses as one is what the sanitiser drops."""

from __future__ import annotations

import markdown
import pytest
from gkml.content.remotepictures import remote_pictures
from gkml.content.validation import check_file
from gkml.profile.model import load_profile
from gkml.site.sanitize import clean
from gkml.webaddress import on_the_web
from support import doc

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


# a picture the sanitiser drops for its scheme (ftp:, data:, mailto: …): the page shows none, so the
# check tells each, once, located, whichever rule reads its form
OTHER_SCHEMES = ['<img src="mailto:ban@example.org" alt="图">', "![图](tel:0551-1234567)", '<img src="TEL:1" alt="图">',
                 '![图](ok.png){ src="data:image/png;base64,AAAA" }', '![图](ok.png){: src="file:///C:/a.png" }',
                 '<img src="ftp://example.org/a.png" alt="图">', "![图](ftp://example.org/a.png)",
                 '<img src="data:image/png;base64,AAAA" alt="图">', "![图](data:image/png;base64,AAAA)"]


@pytest.mark.parametrize("picture", OTHER_SCHEMES)
def test_a_picture_of_another_scheme_is_told_once_where_it_is_and_dropped(picture: str) -> None:
    text = doc("attachments: [{file: ok.png, title: 图}]", body=f"说明如下。\n\n{picture}\n")
    problems = check_file("catalogue/fgwj/pic.md", text.encode("utf-8"), load_profile(),
                          {"catalogue/fgwj/ok.png"}.__contains__).problems
    assert [p.line for p in problems] == [text.split("\n").index(picture) + 1], [p.format() for p in problems]
    assert any(said in problems[0].message for said in ("网页不会显示", "网站不显示", "会从网页中去掉")), problems[0].message
    rendered = clean(markdown.markdown(f"{picture}\n", extensions=["attr_list"]))
    assert "<img" in rendered and "src=" not in rendered, rendered


@pytest.mark.parametrize(("url", "readings"), [
    ("https://www.example.gov.cn/gkml/doc/x/", [("www.example.gov.cn", "/gkml/doc/x/")]),
    # a browser reads "\" as "/", and any number of slashes after an http(s) scheme but one as the host's start
    ("https:\\\\www.example.gov.cn\\gkml\\", [("www.example.gov.cn", "/gkml/")]),
    ("https:///www.example.gov.cn/gkml/", [("www.example.gov.cn", "/gkml/")]),
    ("https://www.example.gov.cn\\gkml/", [("www.example.gov.cn", "/gkml/")]),
    ("/\\www.example.gov.cn/gkml/", [("www.example.gov.cn", "/gkml/")]),
    # IDNA: the ideographic and full-width dot, full-width and capital letters; percent-escapes, user, port, final dot
    ("https://www.example\u3002gov\uff0ecn/gkml/", [("www.example.gov.cn", "/gkml/")]),
    ("https://\uff37\uff37\uff37.Example.gov.cn./", [("www.example.gov.cn", "/")]),
    ("https://u:p@www.example%2Egov.cn:443?q", [("www.example.gov.cn", "/?q")]),
    # without "//": the site's own on a page of its scheme, the host's on one of the other
    ("https:../doc/x/", [(None, "../doc/x/"), ("", "/doc/x/")]),
    ("HTTP:/www.example.gov.cn/gkml/", [(None, "/www.example.gov.cn/gkml/"), ("www.example.gov.cn", "/gkml/")]),
    ("../doc/x/", [(None, "../doc/x/")]),
    ("/gkml/doc/x/", [(None, "/gkml/doc/x/")]),
    ("mailto:a@example.gov.cn", []),
    ("javascript:x", []),
])
def test_an_address_is_read_on_the_web_as_a_browser_reads_it(url: str, readings: list[tuple[str | None, str]]) -> None:
    assert on_the_web(url) == readings
