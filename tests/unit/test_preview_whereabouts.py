"""build.whereabouts: what the preview's page at an address a document left says."""

from __future__ import annotations

from pathlib import Path

from gkml.build.whereabouts import Gone, Shown, whereabouts
from gkml.site import livereload
from selectolax.lexbor import LexborHTMLParser as HTMLParser


def test_each_address_left_tells_where_its_document_went_or_why_it_is_gone() -> None:
    seen = {"doc/a-1": Shown("catalogue/a.md", "甲通知"), "doc/b-1": Shown("catalogue/b.md", "乙通知"),
            "doc/c-1": Shown("catalogue/c.md", "丙通知"), "doc/d-1": Shown("catalogue/d.md", "丁通知"),
            "doc/a-0": Shown("catalogue/a.md", "甲通知（旧）")}
    now = {"catalogue/a.md": "doc/a-2", "catalogue/d.md": "doc/d-1"}
    held = {"catalogue/b.md"}
    moved = Gone("甲通知", "文件 catalogue/a.md 的索引号改了，它的页面换了地址：", "doc/a-2")
    assert whereabouts(seen, now, held.__contains__) == {
        "doc/a-1": moved,
        "doc/a-0": Gone("甲通知（旧）", moved.text, "doc/a-2"),  # changed twice: the newest address
        "doc/b-1": Gone("乙通知", "文件 catalogue/b.md 现在不发布（请看它的公开方式、发布时间是否改了），所以网站上没有它的页面。", None),
        "doc/c-1": Gone("丙通知", "文件 catalogue/c.md 已被删除或改名，网站上没有它的页面了。如果是改名，新文件的页面在公开目录中。",
                        None),
    }


def test_a_folder_of_documents_deleted_is_told_in_a_page_an_editor_can_read(tmp_path: Path) -> None:
    """The catalogue folder renamed while previewing: every document it held was listed, one line
    each, on the problems page (10,000 for a large catalogue): the first 20, and how many more."""
    deleted = [(f"关于批量删除第{n}号的通知", f"catalogue/fgwj/{n:03d}.md") for n in range(25)]
    livereload.write_error_page(tmp_path, ["content/catalogue: 公开目录文件夹不存在"], "摘要", deleted)
    page = HTMLParser((tmp_path / "404.html").read_text(encoding="utf-8"))
    assert page.css_first("#gkml-serve-deleted").text() == "上次预览中的 25 个文件已被删除或改名，网站上没有它们的页面了"
    items = [li.text() for li in page.css("ul li")]
    assert items[0] == "《关于批量删除第0号的通知》：文件 catalogue/fgwj/000.md 已被删除或改名。"
    assert items[19:] == ["《关于批量删除第19号的通知》：文件 catalogue/fgwj/019.md 已被删除或改名。", "还有 5 个文件。"]
