"""build.whereabouts: what the preview's page at an address a document left says."""

from __future__ import annotations

from gkml.build.whereabouts import Gone, Shown, whereabouts


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
