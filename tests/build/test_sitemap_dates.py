"""The sitemap's date comes from the documents, not from the day of the build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from support import doc, small_site_yml

SITE_URL = "https://sitemap-date.example.gov.cn/gkml/"
DOCUMENTS = {
    "fgwj/a.md": doc(title="站点地图日期：较早的通知", index_no="002986620/202403-07201", created="2024-03-01",
                     published="2024-03-05 09:30"),
    "yjgl/b.md": doc(title="站点地图日期：较晚的预案", index_no="002986620/202406-07202", category="yjgl",
                     created="2024-06-01", published="2024-06-03"),
}


def _build(root: Path, epoch: int) -> dict[str, bytes]:
    """A clean `mkdocs build` as on the day `epoch` (SOURCE_DATE_EPOCH: MkDocs' clock for the build's date)."""
    shutil.rmtree(root / ".gkml-cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"],
                            capture_output=True, text=True, encoding="utf-8", cwd=root, timeout=900, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, result.stderr
    return {name: (root / "site" / name).read_bytes() for name in ("sitemap.xml", "sitemap.xml.gz")}


def _lastmods(sitemap: bytes) -> dict[str, str]:
    """Each page's address (below the site) -> its <lastmod>."""
    found = re.findall(rb"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap)
    return {loc.decode().removeprefix(SITE_URL): day.decode() for loc, day in found}


def test_the_sitemap_is_dated_by_the_documents_whatever_day_it_is_built(tmp_path: Path) -> None:
    """Every <lastmod> was the day of the build (and the gzip's header too): a clean build of one tree
    on another day wrote another sitemap, and every page claimed to have changed that day. Then every
    page was dated by the catalogue's last change: a crawler was told the older document's page, and
    the listings it is not on, changed when another was published. Each page says when it changed as
    the catalogue records it: a document's page its publication or withdrawal, a listing its newest."""
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("站点地图日期测试", "search: false",
                                                        "build_time: '2026-11-01 12:00'", site_url=SITE_URL),
                                         encoding="utf-8")
    for rel, text in DOCUMENTS.items():
        (tmp_path / "content/catalogue" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content/catalogue" / rel).write_text(text, encoding="utf-8")
    today = _build(tmp_path, 1_790_000_000)  # 2026-09-21
    assert today == _build(tmp_path, 1_800_000_000)  # 2027-01-15
    dates = _lastmods(today["sitemap.xml"])
    a, b = "doc/002986620-202403-07201/", "doc/002986620-202406-07202/"
    assert (dates[a], dates[b], dates[""], dates["catalogue/"]) == ("2024-03-05", "2024-06-03", "2024-06-03", "2024-06-03")
    assert (dates["category/fgwj/"], dates["category/yjgl/"], dates["category/fdzdgknr/"]) == \
        ("2024-03-05", "2024-06-03", "2024-06-03")
    assert max(dates.values()) == "2024-06-03"
    withdrawn = DOCUMENTS["yjgl/b.md"].replace("disclosure: 主动公开", "disclosure: 主动公开\nwithdrawn: {date: 2025-02-10, reason: 内容有误}")
    (tmp_path / "content/catalogue/yjgl/b.md").write_text(withdrawn, encoding="utf-8")
    dates = _lastmods(_build(tmp_path, 1_790_000_000)["sitemap.xml"])
    # its notice, the listings it left and the whole catalogue's pages: the withdrawal's day; a's page and listing: a's
    assert (dates[a], dates[b], dates[""], dates["category/fdzdgknr/"]) == ("2024-03-05", "2025-02-10", "2025-02-10", "2025-02-10")
    assert (dates["category/fgwj/"], dates["category/yjgl/"]) == ("2024-03-05", "2025-02-10")
