"""The build refuses a held-back document's index number written as text in a published body, as
`gkml check` does (gkml.content.heldnumbers, through the gate both share)."""

from __future__ import annotations

from pathlib import Path

from support import doc, mkdocs_build, small_site_yml

HELD = "002986620/202003-00081"


def test_the_build_refuses_a_held_back_number_in_a_body(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试公开目录", "search: false"), encoding="utf-8")
    body = "依据 002986620/202003-00082 办理。\n\n页面：`002986620-202003-00081`\n"
    files = {"numbers.md": doc(body=body, title="关于构建时写明索引号的通知", index_no="002986620/202003-00082"),
             "numbers-held.md": doc("draft: true", title="关于构建时索引号暂不发布的通知", index_no=HELD)}
    for rel, text in files.items():
        (tmp_path / "content/catalogue/fgwj" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content/catalogue/fgwj" / rel).write_text(text, encoding="utf-8")
    built = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
    assert ("content/catalogue/fgwj/numbers.md:12:5: 文件: 正文中写有暂不发布的文件 content/catalogue/fgwj/numbers-held.md"
            f"（草稿）的索引号 {HELD}") in built.stderr, built.stderr
    assert not (tmp_path / "site" / "doc").exists()
    # published, its number is public: the build goes on
    (tmp_path / "content/catalogue/fgwj/numbers-held.md").write_text(files["numbers-held.md"].replace("draft: true\n", ""),
                                                                    encoding="utf-8")
    built = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert built.returncode == 0, built.stderr
    # held back again, the body unchanged (its numbers remembered by its bytes): refused again, located
    (tmp_path / "content/catalogue/fgwj/numbers-held.md").write_text(files["numbers-held.md"], encoding="utf-8")
    built = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert built.returncode == 1 and "content/catalogue/fgwj/numbers.md:12:5: 文件: 正文中写有暂不发布的文件" in built.stderr, built.stderr
