"""The statistics pages cover the years the agency asks for, a year with no publication too."""

from __future__ import annotations

import re
from pathlib import Path

from support import build_site, doc, small_site_yml


def test_the_statistics_cover_the_years_asked_with_zeros(tmp_path: Path) -> None:
    """One 通知 of 2022: the statistics began in 2022 and ended there, so the 2024 report of an agency
    that published nothing in 2024 (its 通知 still in force) had no table, nor did 2020 before it.
    stats_since/stats_until widen them: each year a page, 0 where nothing was published."""
    site = build_site(tmp_path, small_site_yml("统计年度测试", "search: false", "build_time: '2026-01-10 12:00'",
                                               "stats_since: 2020", "stats_until: 2024"),
                      {"fgwj/a.md": doc(title="统计年度测试：关于做好2022年安全生产工作的通知", genre="通知",
                                        index_no="002986620/202203-07301", created="2022-03-01",
                                        published="2022-03-05 09:30")})
    index = (site / "stats" / "index.html").read_text("utf-8")
    assert re.findall(r'href="(\d{4})/"', index) == ["2024", "2023", "2022", "2021", "2020"]
    assert "2020年</a> <span class=\"gkml-count\">（主动公开 0 件）" in index
    expected = {2020: (0, 0), 2021: (0, 0), 2022: (1, 1), 2023: (0, 1), 2024: (0, 1)}
    for year, (issued, in_force) in expected.items():
        html = (site / "stats" / str(year) / "index.html").read_text("utf-8")
        assert f"{year}年共主动公开政府信息 {issued} 件" in html
        assert (f'<tr><th scope="row">行政规范性文件</th><td>{issued}</td><td>0</td><td>{in_force}</td></tr>') in html, year
    assert not (site / "stats" / "2025").exists() and not (site / "stats" / "2019").exists()
