"""A withdrawn document in the open data and the feeds: told as withdrawn (when, why, where its
notice is), never silently gone, and never again as a published record."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from support import doc, mkdocs_build, small_site_yml, write_project

SITE_URL = "https://wd.example.gov.cn/gkml/"
ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = small_site_yml("撤回测试", "search: false", "build_time: '2026-11-01 12:00'", site_url=SITE_URL)
KEPT = doc(title="撤回测试：仍然有效的通知", index_no="002986620/202403-07101", created="2024-03-01",
           published="2024-03-05 09:30")
SAME_DAY = doc("withdrawn: {date: 2024-05-06, reason: \"<b>内容&有误</b>\"}", title="撤回测试：当天撤回的通知",
               index_no="002986620/202405-07102", created="2024-05-01", published="2024-05-06 10:00")
LATER = doc("withdrawn: {date: 2025-06-01, reason: \"=已被新文件替代\"}", title="撤回测试：后来撤回的预案",
            index_no="002986620/202301-07103", category="yjgl", created="2023-01-09", published="2023-01-10 08:00",
            summary="不应再出现的内容概述")


def _project(root: Path, documents: dict[str, str]) -> Path:
    shutil.rmtree(root / "content", ignore_errors=True)
    return write_project(root, CONFIG, documents, "content/catalogue")


def _build(root: Path, *, clean: bool = False) -> dict[str, bytes]:
    if clean:
        shutil.rmtree(root / ".gkml-cache", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)
    result = mkdocs_build(root / "mkdocs.yml", site_dir=root / "site")
    assert result.returncode == 0, result.stderr
    names = ["catalogue.json", "catalogue.csv", "feed.xml", "feeds/fgwj.xml", "feeds/yjgl.xml", "feeds/fdzdgknr.xml"]
    return {name: (root / "site" / name).read_bytes() for name in names}


def _entries(feed: bytes) -> list[dict[str, str]]:
    root = ET.fromstring(feed)
    return [{tag: entry.findtext(f"{ATOM}{tag}") or "" for tag in ("id", "title", "updated", "published", "summary")}
            | {"href": entry.find(f"{ATOM}link").get("href")} for entry in root.findall(f"{ATOM}entry")]


def test_a_withdrawn_document_is_told_as_withdrawn_in_the_open_data_and_the_feeds(tmp_path: Path) -> None:
    """A withdrawn document vanished from catalogue.json, the CSV and every feed: a re-user or a feed
    reader that had it never learnt it was withdrawn. Each output now tells its notice's facts."""
    root = _project(tmp_path, {"fgwj/kept.md": KEPT, "fgwj/same.md": SAME_DAY, "yjgl/later.md": LATER})
    out = _build(root)
    data = json.loads(out["catalogue.json"])
    assert [d["index_no"] for d in data["documents"]] == ["002986620/202403-07101"] and data["count"] == 1
    assert data["withdrawals"] == [
        {"index_no": "002986620/202301-07103", "title": "撤回测试：后来撤回的预案", "category": "yjgl",
         "category_name": "应急管理", "withdrawn_on": "2025-06-01",
         "withdrawal_reason": "=已被新文件替代", "withdrawn_at": "2025-06-01T00:00:00+08:00",
         "url": f"{SITE_URL}doc/002986620-202301-07103/"},
        {"index_no": "002986620/202405-07102", "title": "撤回测试：当天撤回的通知", "category": "fgwj",
         "category_name": "法规文件", "withdrawn_on": "2024-05-06",
         "withdrawal_reason": "<b>内容&有误</b>", "withdrawn_at": "2024-05-06T10:00:01+08:00",
         "url": f"{SITE_URL}doc/002986620-202405-07102/"}]
    assert data["updated"] == "2025-06-01T00:00:00+08:00"  # the last change to the catalogue: a withdrawal
    assert b"<b>" not in out["catalogue.json"] and "不应再出现" not in out["catalogue.json"].decode()
    schema = json.loads((root / "site/catalogue.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(data)) == []
    data["withdrawals"][0]["summary"] = "不公开的值"
    assert list(validator.iter_errors(data))  # a withdrawal record holds its notice's facts only

    assert out["catalogue.csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out["catalogue.csv"].decode("utf-8-sig"), newline="")))
    assert [(r["索引号"], r["撤回日期"], r["撤回理由"]) for r in rows] == [
        ("002986620/202403-07101", "", ""), ("002986620/202301-07103", "2025-06-01", "'=已被新文件替代"),
        ("002986620/202405-07102", "2024-05-06", "<b>内容&有误</b>")]
    assert rows[1]["网址"] == f"{SITE_URL}doc/002986620-202301-07103/" and rows[1]["信息分类代码"] == "yjgl"
    assert rows[1]["内容概述"] == rows[1]["发布机构"] == rows[1]["有效性"] == ""

    feed = _entries(out["feed.xml"])
    assert [(e["title"], e["updated"], e["published"]) for e in feed] == [
        ("已撤回：撤回测试：后来撤回的预案", "2025-06-01T00:00:00+08:00", ""),  # a notice's facts: no <published>
        ("已撤回：撤回测试：当天撤回的通知", "2024-05-06T10:00:01+08:00", ""),  # after its publication
        ("撤回测试：仍然有效的通知", "2024-03-05T09:30:00+08:00", "2024-03-05T09:30:00+08:00")]
    assert feed[0]["id"] == "tag:wd.example.gov.cn,2023:002986620/202301-07103"  # the id it had: the same entry
    assert feed[0]["summary"] == "本文件已于2025年6月1日撤回。撤回理由：=已被新文件替代"
    assert feed[1]["summary"] == "本文件已于2024年5月6日撤回。撤回理由：<b>内容&有误</b>"
    assert feed[0]["href"] == f"{SITE_URL}doc/002986620-202301-07103/"
    assert (root / "site/doc/002986620-202301-07103/index.html").is_file()  # the notice it leads to
    assert ET.fromstring(out["feed.xml"]).findtext(f"{ATOM}updated") == "2025-06-01T00:00:00+08:00"
    assert [e["title"] for e in _entries(out["feeds/yjgl.xml"])] == ["已撤回：撤回测试：后来撤回的预案"]
    assert len(_entries(out["feeds/fdzdgknr.xml"])) == 3  # the subtree's, withdrawn too
    assert "不应再出现" not in out["feed.xml"].decode()
    stats = (root / "site/stats/2024/index.html").read_text(encoding="utf-8")  # the year's count stays
    assert "2024年共主动公开政府信息 2 件（其中 1 件其后已撤回" in stats


def test_a_withdrawal_moves_the_feeds_updated_and_builds_are_reproducible(tmp_path: Path) -> None:
    """The feed's <updated> stayed the newest publication's when a document was withdrawn, or its
    withdrawal's reason corrected: a feed reader saw nothing new. Dated from the documents, it moves,
    and an incremental build writes what a clean one does, twice the same."""
    root = _project(tmp_path, {"fgwj/kept.md": KEPT, "yjgl/later.md": LATER.replace("withdrawn: {date: 2025-06-01, reason: \"=已被新文件替代\"}\n", "")})
    first = _build(root)
    assert ET.fromstring(first["feed.xml"]).findtext(f"{ATOM}updated") == "2024-03-05T09:30:00+08:00"
    (root / "content/catalogue/yjgl/later.md").write_text(LATER, encoding="utf-8")
    withdrawn = _build(root)
    assert ET.fromstring(withdrawn["feed.xml"]).findtext(f"{ATOM}updated") == "2025-06-01T00:00:00+08:00"
    assert withdrawn == _build(root, clean=True) == _build(root, clean=True)
    (root / "content/catalogue/yjgl/later.md").write_text(LATER.replace("=已被新文件替代", "已被新文件替代"), encoding="utf-8")
    corrected = _build(root)
    assert corrected == _build(root, clean=True)
    assert "撤回理由：已被新文件替代" in corrected["feed.xml"].decode()
    assert json.loads(corrected["catalogue.json"])["withdrawals"][0]["withdrawal_reason"] == "已被新文件替代"
