"""`mkdocs build` refuses an invalid catalogue: non-zero exit, located problems, old site untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import EXTRA, NO_SEARCH_YML, copy_project, doc, mkdocs_build, write_project


def write_catalogue(root: Path, files: dict[str, str]) -> Path:
    return write_project(root, NO_SEARCH_YML, files, "content/catalogue")


def build(project: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(project / "mkdocs.yml", *flags)


def _project_entries(project: Path) -> list[str]:
    """What is in the project folder besides gkml's cache (kept beside mkdocs.yml, git-ignored)."""
    return sorted(p.name for p in project.iterdir() if p.name != ".gkml-cache")


def tree_digest(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


GOOD = {"fgwj/a.md": doc(), "ghjh/b.md": doc(category="ghjh", index_no="002986620/202003-00013")}
BAD_LINE = f"content/catalogue/fgwj/bad.md:{EXTRA}:11: 有效性(validity): “no”被 YAML 解析成了布尔值"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_catalogue(tmp_path_factory.mktemp("built") / "site-project", GOOD)
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    return project


@pytest.mark.parametrize("flags", [(), ("-q",), ("--strict",), ("-q", "--strict")], ids=["plain", "q", "strict", "q-strict"])
def test_invalid_document_fails_the_build_and_keeps_the_old_site(built: Path, tmp_path: Path, flags: tuple[str, ...]) -> None:
    project = tmp_path / "p"
    copy_project(built, project)
    before = tree_digest(project / "site")
    assert before
    (project / "content/catalogue/fgwj/bad.md").write_text(doc("validity: no", index_no="002986620/202003-00014"),
                                                          encoding="utf-8")
    result = build(project, *flags)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert BAD_LINE in output
    assert "未生成网站" in output
    assert tree_digest(project / "site") == before
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]  # no site.gkml-new/-old


def test_a_swap_stopped_half_way_gets_its_last_site_back(built: Path, tmp_path: Path) -> None:
    """A build killed between the swap's two renames (site -> site.gkml-old, site.gkml-new ->
    site) left no site folder: the next build, here one that fails its check, puts the last
    site back (it deleted the half-made one and left the site folder missing for good)."""
    project = tmp_path / "p"
    copy_project(built, project)
    before = tree_digest(project / "site")
    (project / "site").rename(project / "site.gkml-old")
    (project / "site.gkml-new" / "doc").mkdir(parents=True)  # the new site, as the kill left it
    (project / "content/catalogue/fgwj/bad.md").write_text(doc("validity: no", index_no="002986620/202003-00014"),
                                                          encoding="utf-8")
    result = build(project, "-q")
    assert result.returncode != 0 and BAD_LINE in result.stdout + result.stderr
    assert tree_digest(project / "site") == before
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]


def test_every_problem_of_every_file_is_printed(tmp_path: Path) -> None:
    project = write_catalogue(tmp_path / "p", {**GOOD, "fgwj/x.md": doc(title="yes", index_no="002986620/202003-00014"),
                                             "ghjh/y.md": "没有属性区\n", "ghjh/z.md": doc(category="ghjh")})
    result = build(project, "-q")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for line in ("content/catalogue/fgwj/x.md:2:8: 名称(title): ",
                 "content/catalogue/ghjh/y.md:1:1: 文件: 文件没有属性区",
                 "content/catalogue/fgwj/a.md:3:1: 索引号(index_no): 索引号 002986620/202003-00012 重复",
                 "content/catalogue/ghjh/z.md:3:1: 索引号(index_no): 索引号 002986620/202003-00012 重复"):
        assert line in output, output
    assert "公开目录中有 4 个问题" in output


def test_failed_first_build_writes_no_site(tmp_path: Path) -> None:
    project = write_catalogue(tmp_path / "p", {"fgwj/bad.md": doc("validity: no")})
    result = build(project)
    assert result.returncode != 0
    assert f"content/catalogue/fgwj/bad.md:{EXTRA}:11: 有效性(validity): " in result.stdout + result.stderr
    assert _project_entries(project) == ["content", "mkdocs.yml"]


def test_fixed_document_builds_again(built: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    copy_project(built, project)
    bad = project / "content/catalogue/fgwj/bad.md"
    bad.write_text(doc("validity: no", index_no="002986620/202003-00014"), encoding="utf-8")
    assert build(project, "-q").returncode != 0
    bad.write_text(doc('validity: "有效"', index_no="002986620/202003-00014"), encoding="utf-8")
    result = build(project, "-q")
    assert result.returncode == 0, result.stderr
    assert any("002986620-202003-00014" in path for path in tree_digest(project / "site"))
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]


def test_html_in_a_fence_is_shown_as_code(tmp_path: Path) -> None:
    # gkml check lets it through because MkDocs always loads fenced_code: the page shows it as text
    body = '示例：\n\n```\n<script>alert("fenced")</script>\n```\n'
    project = write_catalogue(tmp_path / "p", {"fgwj/a.md": doc(body=body)})
    result = build(project, "-q")
    assert result.returncode == 0, result.stderr
    page = (project / "site/doc/002986620-202003-00012/index.html").read_text(encoding="utf-8")
    assert '<code>&lt;script&gt;alert("fenced")&lt;/script&gt;' in page  # text (the sanitiser writes " as is)
    assert "<script>alert" not in page


def test_a_page_that_fails_to_render_stops_the_search_indexer_too(tmp_path: Path) -> None:
    """The indexer starts before MkDocs renders (gkml.search.worker): a page that fails to render
    fails the build at once, keeps no site, and leaves no indexing process behind."""
    project = tmp_path / "broken-template"
    write_catalogue(project, GOOD)
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML.replace(", search: false", "").replace(
        "theme: {name: material, language: zh}", "theme: {name: material, language: zh, custom_dir: overrides}"),
        encoding="utf-8")
    template = project / "overrides" / "gkml" / "document.html"
    template.parent.mkdir(parents=True)
    template.write_text("{{ no_such_function() }}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "no_such_function" in result.stdout + result.stderr
    assert not (project / "site").exists()
    left = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    assert not [line for line in left.splitlines() if "gkml.search.worker" in line and str(project) in line]


def test_a_build_that_fails_its_check_lets_the_waiting_search_indexer_go(tmp_path: Path) -> None:
    """The indexer starts before the documents are checked, and the last site's files are linked
    meanwhile: a build that fails the check leaves no indexing or linking process, no plan file or
    folder beside mkdocs.yml and the last site untouched; the next good build indexes the new document."""
    project = tmp_path / "early-indexer"
    write_catalogue(project, GOOD)
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML.replace(", search: false", ""), encoding="utf-8")
    assert build(project, "-q").returncode == 0
    before = tree_digest(project / "site")
    bad = project / "content/catalogue/fgwj/bad.md"
    bad.write_text(doc("validity: no", index_no="002986620/202003-00014"), encoding="utf-8")
    result = build(project, "-q")
    assert result.returncode != 0
    assert "有效性(validity)" in result.stdout + result.stderr
    assert tree_digest(project / "site") == before
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]
    left = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    assert not [line for line in left.splitlines() if "gkml.search.worker" in line and str(project) in line]
    assert not [line for line in left.splitlines() if "gkml.build.linker" in line and str(project) in line]
    assert not [line for line in left.splitlines() if "gkml.build.mirror" in line and str(project) in line]
    bad.write_text(doc('validity: "有效"', index_no="002986620/202003-00014", body="应急避难场所布局规划"),
                   encoding="utf-8")
    assert build(project, "-q").returncode == 0
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]
    shards = json.loads((project / "site/pagefind/shards.json").read_text(encoding="utf-8"))["shards"]
    assert sum(shard["pages"] for shard in shards) == 3


def test_a_build_that_lost_a_document_page_is_not_published(tmp_path: Path) -> None:
    """The last check before the site is published: every published document has its page
    and its catalogue row (here another plugin's hook deletes a page after MkDocs wrote it)."""
    project = write_catalogue(tmp_path / "lost-page", GOOD)
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML + "hooks: [lose.py]\n", encoding="utf-8")
    (project / "lose.py").write_text(
        "import os\n\n\ndef on_post_build(config):\n"
        "    os.remove(os.path.join(config.site_dir, 'doc', '002986620-202003-00013', 'index.html'))\n",
        encoding="utf-8")
    result = build(project, "-q")
    assert result.returncode != 0
    assert "完整性校验失败：1 个文件没有生成页面：002986620/202003-00013" in result.stdout + result.stderr
    assert not (project / "site").exists()


# Pagefind as the search child finds it, replaced in that child: missing, or one that fails
_PAGEFIND = """\
import os
from pathlib import Path

import pagefind_bin_extended


def _executable():
    if os.environ["GKML_TEST_PAGEFIND"] == "missing":
        raise FileNotFoundError("Could not find any of [pagefind_extended]")
    return Path(__file__).with_name("pagefind_extended")


pagefind_bin_extended.get_executable = _executable
"""


@pytest.mark.parametrize(("pagefind", "told"), [("failing", "退出码 1）：RuntimeError: pagefind failed (exit 3)"),
                                                 ("missing", "退出码 1）：FileNotFoundError: Could not find any of")],
                         ids=["failing", "missing"])
def test_a_search_index_pagefind_could_not_make_keeps_the_last_site_and_says_so(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pagefind: str, told: str) -> None:
    """Pagefind missing or exiting non-zero in the indexing child: no site is published, the last
    one stands, and the editor is told in Chinese what happened and what to do (was a traceback
    ending in 'RuntimeError: search indexing failed')."""
    project = tmp_path / "p"
    copy_project(built, project)
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML.replace(", search: false", ""), encoding="utf-8")
    before = tree_digest(project / "site")
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "sitecustomize.py").write_text(_PAGEFIND, encoding="utf-8")
    (fake / "pagefind_extended").write_text("#!/bin/sh\necho 'pagefind: 写入失败' >&2\nexit 3\n", encoding="utf-8")
    (fake / "pagefind_extended").chmod(0o755)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(fake), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("GKML_TEST_PAGEFIND", pagefind)
    result = build(project, "-q")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert f"检索索引没有生成，索引进程出错退出（{told}" in output, output
    assert "本次构建的网站没有发布，原来的网站（如有）保持不变。请确认磁盘空间充足后重新运行 mkdocs build" in output
    assert tree_digest(project / "site") == before
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A file system of 8 MB of its own (a tmpfs: root on Linux), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], capture_output=True, check=False).returncode:
        pytest.skip("a small file system of its own needs root on Linux (mount -t tmpfs)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_disk_full_half_way_keeps_the_last_site_and_says_so(tmp_path: Path, small_disk: Path) -> None:
    """The site folder's disk full while the next build writes: the last site stands, every file
    as it was, and the editor is told in Chinese (was a traceback ending in 'OSError: [Errno 28]
    No space left on device'). The site on another file system than the cache, as a web server's is."""
    project = write_catalogue(tmp_path / "p", GOOD)
    site = small_disk / "site"
    assert mkdocs_build(project / "mkdocs.yml", "-q", site_dir=site).returncode == 0
    before = tree_digest(site)
    (project / "content/catalogue/fgwj/c.md").write_text(doc(index_no="002986620/202003-00014", body="新的正文。\n" * 50),
                                                        encoding="utf-8")
    with (small_disk / "filler").open("wb") as filler:  # the disk filled but for a few pages
        while shutil.disk_usage(small_disk).free > 64 * 1024:
            filler.write(b"\0" * 16 * 1024)
            filler.flush()
    result = mkdocs_build(project / "mkdocs.yml", "-q", site_dir=site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert f"：磁盘空间不足。本次构建的网站没有发布，原来的网站 {site} 保持不变。请清理出足够的磁盘空间后重新运行 mkdocs build。" in output
    assert tree_digest(site) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "site"]
    (small_disk / "filler").unlink()
    assert mkdocs_build(project / "mkdocs.yml", "-q", site_dir=site).returncode == 0
    assert (site / "doc" / "002986620-202003-00014" / "index.html").is_file()


def test_a_site_folder_that_cannot_be_made_is_told_before_the_build_starts(tmp_path: Path, small_disk: Path) -> None:
    """The site folder's parent on a read-only file system (a web server's folder the build may not
    write): told in Chinese (was a traceback: it is made before MkDocs' build, before the output is set up)."""
    project = write_catalogue(tmp_path / "p", GOOD)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = mkdocs_build(project / "mkdocs.yml", "-q", site_dir=small_disk / "www" / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert (f"无法写入 {small_disk / 'www'}：所在的文件系统是只读的。本次构建的网站没有发布，没有生成网站。"
            "请由管理员把它改为可写后重新运行 mkdocs build。") in output


def test_a_build_killed_while_it_renders_leaves_the_last_site_and_nothing_the_next_build_keeps(tmp_path: Path) -> None:
    """SIGKILL once every page is written, the search child indexing: the last site stands; the next
    build publishes a whole site and leaves nothing beside mkdocs.yml (the killed build's search
    plan, tmpXXXX.json, stayed there for good, one more each kill, for an editor's git add)."""
    project = write_catalogue(tmp_path / "killed", GOOD)
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML.replace(", search: false", ""), encoding="utf-8")
    assert build(project, "-q").returncode == 0
    before = tree_digest(project / "site")
    (project / "content/catalogue/fgwj/c.md").write_text(doc(index_no="002986620/202003-00014"), encoding="utf-8")
    (project / "kill.py").write_text(
        "import os\nimport signal\n\n\ndef on_post_build(config):\n    os.kill(os.getpid(), signal.SIGKILL)\n",
        encoding="utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8") + "hooks: [kill.py]\n",
                                        encoding="utf-8")
    assert build(project, "-q").returncode == -9
    assert tree_digest(project / "site") == before
    (project / "mkdocs.yml").write_text(NO_SEARCH_YML.replace(", search: false", ""), encoding="utf-8")
    (project / "kill.py").unlink()
    assert build(project, "-q").returncode == 0
    assert _project_entries(project) == ["content", "mkdocs.yml", "site"]
    shards = json.loads((project / "site/pagefind/shards.json").read_text(encoding="utf-8"))["shards"]
    assert sum(shard["pages"] for shard in shards) == 3
    assert (project / "site/doc/002986620-202003-00014/index.html").is_file()
