"""The pure rules behind `gkml audit`: link resolution, months, column limits, the word list."""

from __future__ import annotations

from datetime import date

import pytest
from gkml.audit.columns import (
    Column,
    ColumnLimit,
    empty_columns,
    months_before,
    stale_columns,
)
from gkml.audit.links import internal_target, is_plain_http
from gkml.audit.pages import read_page
from gkml.audit.words import WordListError, parse_word_list, scan


@pytest.mark.parametrize(("page", "url", "target"), [
    ("doc/a/index.html", "../b/", "doc/b/index.html"),
    ("doc/a/index.html", "plan.pdf#page=2", "doc/a/plan.pdf"),
    ("doc/a.html", "../catalogue.html?x=1", "catalogue.html"),
    ("index.html", "./", "index.html"),
    ("doc/a/index.html", "/gkml/search/", "search/index.html"),
    ("doc/a/index.html", "/other/", "../other/"),  # outside the deployed folder: always missing
    ("index.html", "../../etc/passwd", "../../etc/passwd"),
    ("index.html", "https://example.gov.cn/", None),
    ("index.html", "#main", None),
    ("index.html", "mailto:a@b.cn", None),
])
def test_internal_targets(page: str, url: str, target: str | None) -> None:
    assert internal_target(page, url, "/gkml/") == target


def test_plain_http_is_case_insensitive_and_https_is_not() -> None:
    assert is_plain_http("HTTP://x.cn") and not is_plain_http("https://x.cn")


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2025, 1, 15), 6) == date(2024, 7, 15)
    assert months_before(date(2024, 3, 1), 12) == date(2023, 3, 1)


def test_stale_and_empty_columns() -> None:
    columns = [Column("fgwj", "法规文件", "category/fgwj/", date(2024, 8, 31)),
               Column("ghjh", "规划", "category/ghjh/", date(2024, 3, 1)),
               Column("tjxx", "统计", "category/tjxx/", None)]
    limits = {"fgwj": ColumnLimit(6, True), "ghjh": ColumnLimit(12, False), "tjxx": ColumnLimit(6, True)}
    assert stale_columns(columns, limits, date(2025, 2, 28)) == []  # exactly 6 months: not over the limit
    found = stale_columns(columns, limits, date(2025, 3, 2))
    assert [(f.place, f.severity) for f in found] == [("category/fgwj/", "单项否决"), ("category/ghjh/", "扣分")]
    assert [f.severity for f in empty_columns(columns, veto_above=1)] == ["扣分"]
    assert [f.severity for f in empty_columns(columns, veto_above=0)] == ["扣分", "单项否决"]


def test_word_list_and_scan() -> None:
    rules = parse_word_list("\ufeff# 注释\n再接再励 -> 再接再厉\n！台湾政府 → 台湾当局  # 禁用\n帐号\n")
    assert [(r.word, r.correct, r.banned) for r in rules] == [
        ("再接再励", "再接再厉", False), ("台湾政府", "台湾当局", True), ("帐号", None, False)]
    found = list(scan("a.md", "第一行\n请再接再励，台湾政府帐号\n", rules))
    assert [(f.place, f.severity) for f in found] == [("a.md:2:2", "扣分"), ("a.md:2:7", "单项否决"), ("a.md:2:11", "扣分")]
    with pytest.raises(WordListError, match="第 1 行"):
        parse_word_list("错词 ->\n")


def test_page_facts() -> None:
    facts = read_page('<html><head><title> 标题 </title></head><body><h1>文件</h1>\n'
                      '<a href="http://x.cn">x</a><footer><li data-gkml-ident="icp"><a href="https://b">皖ICP备1号</a></li>'
                      '<li data-gkml-ident="site-code"></li></footer></body></html>')
    assert facts.title == "标题" and facts.h1 == ["文件"]
    assert [(link.url, link.line) for link in facts.links] == [("http://x.cn", 2), ("https://b", 2)]
    assert facts.identifiers == {"icp": "皖ICP备1号", "site-code": ""}
