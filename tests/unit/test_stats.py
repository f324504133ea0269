"""Annual statistics: every number of the report table worked out by hand, the CLI, the SVG."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.document import SHANGHAI, Document, Withdrawal
from gkml.cli import main
from gkml.outputs.stats import (
    RuleRow,
    parse_rules,
    stats_years,
    table_rows,
    year_stats,
)
from gkml.outputs.svgchart import BAR_CLASS, Bar, bar_chart, horizontal_bar_chart
from gkml.profile.model import load_profile
from gkml.profile.stats import DEFAULT_STATS_RULES as DEFAULT_RULES

TREE = load_profile().categories
RULES = parse_rules(DEFAULT_RULES)
SVG = "{http://www.w3.org/2000/svg}"


def doc(key: str, created: str, published: str, *, genre: str = "通知", category: str = "fgwj",
        validity: str | None = None, superseded_by: str | None = None, doc_no: str | None = None) -> Document:
    c = date.fromisoformat(created)
    meta: dict[str, Any] = {
        "title": f"文件{key}", "index_no": f"002986620/{c:%Y%m}-{ord(key):05d}", "category": category,
        "publisher": "测试厅", "created": c, "disclosure": "主动公开", "genre": genre,
        "published": datetime.fromisoformat(published).replace(tzinfo=SHANGHAI),
    }
    if validity:
        meta["validity"] = validity
    if superseded_by:
        meta["superseded_by"] = f"002986620/{superseded_by}"
    if doc_no:
        meta["doc_no"] = doc_no
    return Document(f"catalogue/{category}/{key}.md", meta, f"{key} 的正文。", 10)


# index numbers: f"002986620/{created YYYYMM}-{ord(key):05d}"; ord('A') = 65 …
C_ID, E_ID, J_ID = "202303-00067", "202402-00069", "202309-00074"
DOCS = [
    # 行政规范性文件 (fgwj and 决定/通知/意见/通告/公告)
    doc("A", "2019-05-01", "2019-05-03 10:00", validity="废止", superseded_by=C_ID),  # repealed when C was made (2023)
    doc("B", "2020-06-01", "2020-06-03 10:00", genre="意见"),  # in force throughout
    doc("C", "2023-03-01", "2023-03-03 10:00"),  # issued 2023, replaces A
    doc("D", "2023-08-01", "2023-08-03 10:00", genre="决定", validity="失效", superseded_by=E_ID),  # ends 2024
    doc("E", "2024-02-01", "2024-02-03 10:00"),  # issued 2024
    doc("F", "2021-01-01", "2021-01-03 10:00", validity="废止"),  # repealed, no replacement: undated
    doc("I", "2018-01-01", "2018-01-03 10:00", validity="已修订", superseded_by=C_ID),  # amended, still in force
    # not counted: wrong genre (解读), wrong category (xzcf), a report
    doc("G", "2023-04-01", "2023-04-03 10:00", genre="解读"),
    doc("H", "2023-04-10", "2023-04-12 10:00", category="xzcf"),
    doc("L", "2023-12-30", "2024-01-05 10:00", genre="报告", category="nb"),  # made 2023, published 2024
    # 规章: 命令, or a 文号 with 令 (even when the genre would make it a 规范性文件)
    doc("J", "2023-09-01", "2023-09-03 10:00", genre="命令", doc_no="安徽省应急管理厅令〔2023〕1号"),
    doc("K", "2015-01-01", "2015-01-03 10:00", genre="决定", doc_no="安徽省安全生产监督管理局令〔2015〕3号",
        validity="废止", superseded_by=J_ID),  # repealed when J was made (2023)
]


def test_hand_built_catalogue_2023() -> None:
    stats = year_stats(DOCS, 2023, RULES, TREE)
    # 规章: issued J (2023-09-01) = 1; repealed K (its replacement J made 2023) = 1;
    #       in force at 2023-12-31: J yes, K no (repealed 2023-09-01) = 1
    # 行政规范性文件: issued C, D = 2 (G is 解读, H is xzcf, E is 2024);
    #       repealed A (replacement C made 2023-03-01) = 1; D's replacement E is 2024: not yet;
    #       F has no replacement: undated, counted in neither;
    #       in force: B, C, D (ends 2024-02-01), I (已修订 stays) = 4; A repealed, E not yet made
    assert stats.rows == (RuleRow("规章", 1, 1, 1, 0), RuleRow("行政规范性文件", 2, 1, 4, 1))
    # published in 2023: C (Mar), G, H (Apr), D (Aug), J (Sep) = 5; L was published 2024-01-05
    assert stats.by_month == (0, 0, 1, 2, 0, 0, 0, 1, 1, 0, 0, 0)
    assert stats.total == 5
    # per category, tree order: fgwj C, D, G, J = 4; xzcf H = 1
    assert [(c.slug, c.name, c.count) for c in stats.by_category] == [("fgwj", "法规文件", 4), ("xzcf", "行政处罚与行政强制", 1)]


def test_hand_built_catalogue_2022_and_2024() -> None:
    # 2022: nothing issued or repealed; in force: 规章 K = 1; 规范性文件 A, B, I = 3 (F undated; created ≤ 2022)
    assert year_stats(DOCS, 2022, RULES, TREE).rows == (RuleRow("规章", 0, 0, 1, 0), RuleRow("行政规范性文件", 0, 0, 3, 1))
    # 2024: 规范性文件 issued E = 1; repealed D (replacement E made 2024-02-01) = 1;
    #       in force B, C, E, I = 4; 规章 J = 1
    assert year_stats(DOCS, 2024, RULES, TREE).rows == (RuleRow("规章", 0, 0, 1, 0), RuleRow("行政规范性文件", 1, 1, 4, 1))


def test_replacement_found_through_lookup_only() -> None:
    # C is not among the counted documents, but the lookup (the whole catalogue) dates A's repeal
    others = [d for d in DOCS if d.meta["title"] != "文件C"]
    lookup = {d.index_no: d for d in DOCS}
    row = year_stats(others, 2023, RULES, TREE, lookup).rows[1]
    assert (row.issued, row.repealed) == (1, 1)  # D issued; A repealed


def test_configured_rules_and_bad_options() -> None:
    rules = parse_rules({"行政规范性文件": {"categories": ["fdzdgknr"], "genres": ["通知"]}})
    # parent category takes the subtree: fgwj A, C, E, F, I and xzcf H are 通知; created in 2023: C, H
    assert year_stats(DOCS, 2023, rules, TREE).rows[0].issued == 2
    with pytest.raises(ValueError, match="未知条件"):
        parse_rules({"规章": {"genre": ["命令"]}})
    with pytest.raises(ValueError):
        parse_rules({"规章": ["命令"]})


def test_years_run_from_first_to_last_publication() -> None:
    assert stats_years(DOCS) == list(range(2024, 2014, -1))
    assert stats_years([]) == []
    # the years asked widen them, never narrow them: every document is counted in some year
    assert stats_years(DOCS, 2012, 2026) == list(range(2026, 2011, -1))
    assert stats_years(DOCS, 2020, 2021) == list(range(2024, 2014, -1))
    assert stats_years([], 2023) == [2023] and stats_years([], 2021, 2023) == [2023, 2022, 2021]


def test_table_rows() -> None:
    assert table_rows(year_stats(DOCS, 2023, RULES, TREE)) == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "1", "1"],
        ["行政规范性文件", "2", "1", "4"],
    ]


def test_month_chart_is_well_formed_with_one_bar_per_month() -> None:
    stats = year_stats(DOCS, 2023, RULES, TREE)
    bars = [Bar(f"{m}月", n) for m, n in enumerate(stats.by_month, start=1)]
    svg = ET.fromstring(bar_chart(bars, "2023年各月主动公开件数", "说明 <&>", id_prefix="m"))
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "2023年各月主动公开件数"
    assert svg.find(f"{SVG}desc").text == "说明 <&>"
    rects = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == BAR_CLASS]
    assert len(rects) == 12
    assert [r.find(f"{SVG}title").text for r in rects][3] == "4月：2 件"
    heights = [float(r.get("height")) for r in rects]
    assert heights[3] == max(heights) and heights[2] == heights[3] / 2 and heights[0] == 0
    horizontal = ET.fromstring(horizontal_bar_chart([Bar("法规文件", 4), Bar("行政处罚与行政强制", 1)], "t", "d"))
    assert len([r for r in horizontal.iter(f"{SVG}rect") if r.get("class") == BAR_CLASS]) == 2


# --- the command line, on a project written to disk -------------------------------

MKDOCS_YML = """\
site_name: 测试公开目录
docs_dir: content
plugins:
  - gkml:
      agency: 测试厅
      org_code: "002986620"
"""


def _write(root: Path, d: Document) -> None:
    meta = d.meta
    lines = ["---", f"title: {meta['title']}", f"index_no: {d.index_no}", f"category: {d.category}", "publisher: 测试厅",
             f"created: {d.created.isoformat()}", f"published: {d.published:%Y-%m-%d %H:%M}", "disclosure: 主动公开",
             f"genre: {meta['genre']}"]
    lines += [f"{key}: {meta[key]}" for key in ("validity", "superseded_by", "doc_no") if key in meta]
    if d.category == "nb":
        lines.append(f"report_year: {d.created.year}")
    path = root / "content" / d.src_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*lines, "---", "", d.body, ""]), encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for d in DOCS:
        _write(tmp_path, d)
    return tmp_path


def test_cli_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project)]) == 0
    capsys.readouterr()
    assert main(["stats", "--year", "2023", "--path", str(project)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("2023年")
    table = [line.split() for line in lines[2:5]]
    assert table == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                     ["规章", "1", "1", "1"], ["行政规范性文件", "2", "1", "4"]]
    assert "行政规范性文件 1 件" in out  # F: repealed without a replacement, reported


def test_cli_csv(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--year", "2024", "--format", "csv", "--path", str(project)]) == 0
    out = capsys.readouterr().out
    assert not out.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(out))) == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "1"],
        ["行政规范性文件", "1", "1", "4"],
    ]



@pytest.mark.parametrize("year", ["0", "10000", "-5", "abc", "２０２４"])
def test_cli_a_year_no_date_can_hold_is_told_in_chinese(project: Path, year: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", f"--year={year}", "--path", str(project)]) == 2
    err = capsys.readouterr().err
    assert f"--year 应为 1 到 9999 之间的年份（例如 2024），现在是“{year}”" in err and "Traceback" not in err

# --- the built sample site ----------------------------------------------------------

def test_stats_pages_in_the_built_site(sample_site: Path, sample_catalogue: Catalogue) -> None:
    years = stats_years(sample_catalogue.published)
    index = (sample_site / "stats" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{y}/"' in index for y in years)
    for year in years:
        html = (sample_site / "stats" / str(year) / "index.html").read_text(encoding="utf-8")
        stats = year_stats(sample_catalogue.published, year, RULES, TREE, sample_catalogue.by_index)
        for row in stats.rows:
            assert (f'<tr><th scope="row">{row.name}</th><td>{row.issued}</td><td>{row.repealed}</td>'
                    f"<td>{row.in_force}</td></tr>") in html, (year, row)
        svgs = re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)
        assert svgs and len([r for r in ET.fromstring(svgs[0]).iter(f"{SVG}rect") if r.get("class") == BAR_CLASS]) == 12
        assert "data-gkml-row" not in html  # stats tables are not catalogue rows
    # the sample's 法规文件: 2016 replaced 2012 and 2020 replaced 2016; the 2020 通知 is the one in force
    assert year_stats(sample_catalogue.published, 2020, RULES, TREE, sample_catalogue.by_index).rows[1] == \
        RuleRow("行政规范性文件", 1, 1, 1, 0)


def test_a_withdrawal_never_changes_a_past_years_counts(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A withdrawn document vanished from every year's statistics: withdrawing C (issued 2023) in 2025
    made the 2023 table read 规范性文件 1 issued, 3 in force, not the 2 and 4 its annual report
    published. It was disclosed in 2023 all the same; it is in force only until its withdrawal."""
    path = project / "content" / DOCS[2].src_path
    path.write_text(path.read_text(encoding="utf-8").replace(
        "genre: 通知", "genre: 通知\nwithdrawn: {date: 2025-03-01, reason: 内容有误}"), encoding="utf-8")
    assert main(["check", str(project)]) == 0
    capsys.readouterr()
    expected = {"2023": ["行政规范性文件", "2", "1", "4"],  # as before: C issued and in force at 2023's end
                "2024": ["行政规范性文件", "1", "1", "4"],
                "2025": ["行政规范性文件", "0", "0", "3"]}  # B, E, I: C withdrawn on 2025-03-01
    for year, row in expected.items():
        assert main(["stats", "--year", year, "--format", "csv", "--path", str(project)]) == 0
        assert list(csv.reader(io.StringIO(capsys.readouterr().out)))[2] == row, year
    withdrawn_c = Document(DOCS[2].src_path, {**DOCS[2].meta, "withdrawn": Withdrawal(date(2025, 3, 1), "内容有误")},
                           DOCS[2].text, 10)
    stats = year_stats([withdrawn_c if d is DOCS[2] else d for d in DOCS], 2023, RULES, TREE)
    assert (stats.total, stats.withdrawn) == (5, 1)  # C was disclosed in March 2023
