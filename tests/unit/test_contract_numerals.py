"""A date and a year in Chinese numerals, as GB/T 9704-1999 had a 成文日期 written (二〇二〇年三月二日, 二○二○
with the circle fonts show; a 文号's year too): told by `gkml check` with the digits to write, written so by `gkml fix`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gkml.content.numerals import said_number
from support import doc, small_site_yml, write_project

WRITTEN = {
    "created": ("created", "二〇二〇年三月二日", "created: 2020-03-02"),
    "published": ("published", "二○二○年三月五日 下午3:30", "published: 2020-03-05 15:30"),
    "year": ("report_year", "二〇二〇年度", "report_year: 2020"),
    "doc-no": ("doc_no", "皖应急（二○二○）12号", "doc_no: 皖应急〔2020〕12号"),
}


def test_numbers_as_they_are_said_are_read_and_nothing_else() -> None:
    assert [said_number(t) for t in ("三", "十", "十二", "二十", "三十一")] == [3, 10, 12, 20, 31]
    assert [said_number(t) for t in ("", "三一", "十十", "二十二十", "百")] == [None] * 5


def test_a_date_and_a_year_in_chinese_numerals_are_told_with_the_digits_and_fixed(tmp_path: Path) -> None:
    root = write_project(tmp_path, small_site_yml("中文数字日期"), {
        f"catalogue/nb/{name}.md": doc(**{"index_no": f"002986620/202003-0115{number}", "category": "nb",
                                          "title": f"中文数字日期的年报十一之{number}", "report_year": "2020", key: typed})
        for number, (name, (key, typed, _)) in enumerate(WRITTEN.items())})
    check = [sys.executable, "-m", "gkml.cli", "check"]
    result = subprocess.run(check, cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    told = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert result.returncode == 1 and len(told) == len(WRITTEN), result.stdout + result.stderr
    for name, (key, _, written) in WRITTEN.items():
        line = next(line for line in told if f"/{name}.md:" in line)
        assert f"({key}):" in line and line.endswith(f"应写作：{written.split(': ')[1]}"), line
    subprocess.run([*check[:-1], "fix"], cwd=root, capture_output=True, timeout=120, check=True)
    for name, (_, _, written) in WRITTEN.items():
        assert f"\n{written}\n" in (root / f"content/catalogue/nb/{name}.md").read_text(encoding="utf-8"), name
    assert subprocess.run(check, cwd=root, capture_output=True, timeout=120, check=False).returncode == 0
