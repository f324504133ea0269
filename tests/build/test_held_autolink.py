"""An autolink (<https://…>) to a document's page: the incremental build carried over the page
that holds it when that document was held back later, so the published page went on naming the
held-back one's index number. A page's key now holds its autolinks as it holds its other links."""

from __future__ import annotations

from pathlib import Path

from support import doc, mkdocs_build, small_site_yml

LINKED = "002986620-202003-00061"


def _write(root: Path, disclosure: str) -> None:
    files = {"auto.md": doc(body=f"见 <https://www.example.gov.cn/gkml/doc/{LINKED}/>。\n", title="关于自动链接的通知",
                            index_no="002986620/202003-00060", published="2020-03-05 09:00"),
             "auto-linked.md": doc(title="关于被自动链接的通知", index_no=LINKED.replace("-", "/", 1),
                                   disclosure=disclosure, published="2020-03-09 09:00"),
             "auto-other.md": doc(title="关于其他事项的通知", index_no="002986620/202003-00062", published="2020-03-08 09:00"),
             "auto-older.md": doc(title="关于更早事项的通知", index_no="002986620/202003-00063", published="2020-03-04 09:00")}
    for rel, text in files.items():
        (root / "content/catalogue/fgwj" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content/catalogue/fgwj" / rel).write_text(text, encoding="utf-8")


def test_an_autolink_to_a_page_held_back_later_stops_the_next_build(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试公开目录", "search: false",
                                                        site_url="https://www.example.gov.cn/gkml/"), encoding="utf-8")
    _write(tmp_path, "主动公开")
    first = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert first.returncode == 0, first.stderr
    _write(tmp_path, "依申请公开")
    second = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr
    assert (f"content/catalogue/fgwj/auto.md:10:4: 文件: 链接的 https://www.example.gov.cn/gkml/doc/{LINKED}/ "
            "是暂不发布的文件 content/catalogue/fgwj/auto-linked.md 的页面") in second.stderr, second.stderr
