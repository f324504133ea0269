"""Incremental builds: after each kind of change, a build that carries unchanged pages over
from the last one is byte-identical to a clean build of the same tree."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic
from support import (
    CARRIED,
    ROOT,
    doc,
    edit,
    mkdocs_build,
    sample_project,
    small_site_yml,
)
from support import carried_build as build
from support import site_digests as digests


def project(tmp: Path) -> Path:
    """The sample project without search (indexing is tested on its own), built as of a fixed time."""
    return sample_project(tmp, "search: false", "build_time: '2026-11-01 12:00'")


DOC = "content/catalogue/fgwj/2012-jubao-jiangli-banfa.md"
NEW = """---
title: 关于新增测试文件的通知
index_no: 002986620/202611-00099
category: yjgl
publisher: 安徽省应急管理厅
created: 2026-11-01
published: 2026-11-01 09:00
disclosure: 主动公开
---
新增文件的正文。
"""


def change_body(root: Path) -> None:
    edit(root / DOC, "现印发给你们", "现印发给你们（已更正）")


def change_title(root: Path) -> None:
    edit(root / DOC, "title: 关于印发《安徽省安全生产非法违法行为举报奖励办法》的通知",
         "title: 关于印发《安徽省安全生产非法违法行为举报奖励办法（修订）》的通知")


def add_document(root: Path) -> None:
    (root / "content/catalogue/yjgl/2026-xinzeng.md").write_text(NEW, encoding="utf-8")


def withdraw_document(root: Path) -> None:
    edit(root / DOC, "disclosure: 主动公开", "disclosure: 主动公开\nwithdrawn: {date: 2026-10-01, reason: 内容有误}")


def add_interpretation(root: Path) -> None:
    """A new 解读 is linked from the page of the policy it explains (and its neighbours')."""
    (root / "content/catalogue/fgwj/2026-jiedu.md").write_text(NEW.replace("title: 关于新增测试文件的通知", "title: 举报奖励办法政策解读")
                                                            .replace("category: yjgl", "category: fgwj\ngenre: 解读\n"
                                                                     "interprets: 002986620/201205-00018"), encoding="utf-8")


def change_category(root: Path) -> None:
    edit(root / DOC, "category: fgwj", "category: ghjh")


def change_replacement_title(root: Path) -> None:
    """The replaced document's page shows its replacement's title."""
    edit(root / "content/catalogue/fgwj/2016-jubao-jiangli-banfa.md", "title: 关于印发《安徽省安全生产领域举报奖励办法》的通知",
         "title: 关于印发《安徽省安全生产领域举报奖励办法（2016年）》的通知")


def change_replacement_chain(root: Path) -> None:
    edit(root / DOC, "superseded_by: 002986620/201609-00024\n", "")
    edit(root / DOC, "validity: 废止", "validity: 有效")


def change_profile(root: Path) -> None:
    profile = (ROOT / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    (root / "profile.yml").write_text(profile.replace("label: 发布机构", "label: 发文机关"), encoding="utf-8")
    edit(root / "mkdocs.yml", "      org_code:", "      profile: profile.yml\n      org_code:")


def change_template(root: Path) -> None:
    (root / "overrides/gkml/partials").mkdir(parents=True)
    original = (ROOT / "plugins/gkml/site/templates/gkml/partials/pager.html").read_text(encoding="utf-8")
    (root / "overrides/gkml/partials/pager.html").write_text("<!-- 本站定制 -->\n" + original, encoding="utf-8")
    edit(root / "mkdocs.yml", "  font: false", "  custom_dir: overrides\n  font: false")


def change_config(root: Path) -> None:
    edit(root / "mkdocs.yml", "page_size: 20", "page_size: 7")


@pytest.mark.parametrize("change", [change_body, change_title, add_document, withdraw_document, add_interpretation,
                                    change_category, change_replacement_title,
                                    change_replacement_chain, change_profile, change_template, change_config],
                         ids=lambda f: f.__name__)
def test_incremental_build_equals_a_clean_build(tmp_path: Path, change: Callable[[Path], None]) -> None:
    root = project(tmp_path)
    first, carried = build(root)
    assert carried == 0 and first
    change(root)
    incremental, carried = build(root)
    clean, _ = build(root, clean=True)
    assert incremental == clean
    assert incremental != first  # the change reached the output
    if change in (change_body, change_title, add_document, withdraw_document, add_interpretation):
        assert carried > sum(value != "folder" for value in first.values()) // 2  # most was carried over


@pytest.mark.parametrize("link", ["[办法](../002986620-202003-00013/)", '<a href="/gkml/doc/002986620-202003-00013/">办法</a>',
                                  "[办法](https://example.gov.cn/gkml/doc/002986620-202003-00013)"])
def test_a_page_linking_a_document_held_back_since_the_last_build_is_refused(tmp_path: Path, link: str) -> None:
    """The page of a document held back after the last build (依申请公开 now) shows its index number
    in the address: a page linking it was carried over unchanged (its neighbours, its facts and
    its files were the same), while a clean build refuses it."""
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试", "search: false", site_url="https://example.gov.cn/gkml/"),
                                         encoding="utf-8")
    folder = tmp_path / "content" / "catalogue"
    (folder / "fgwj").mkdir(parents=True)
    (folder / "ghjh").mkdir()
    (folder / "fgwj" / "x.md").write_text(doc(body=f"见{link}。\n"), encoding="utf-8")
    other = folder / "ghjh" / "y.md"
    other.write_text(doc(index_no="002986620/202003-00013", category="ghjh"), encoding="utf-8")
    assert mkdocs_build(tmp_path / "mkdocs.yml").returncode == 0
    edit(other, "disclosure: 主动公开", "disclosure: 依申请公开")
    result = mkdocs_build(tmp_path / "mkdocs.yml")
    assert result.returncode == 1, result.stderr
    assert "content/catalogue/fgwj/x.md:10:" in result.stderr and "Traceback" not in result.stderr
    assert "暂不发布的文件 content/catalogue/ghjh/y.md 的页面" in result.stderr


def test_an_edit_whose_modification_time_was_put_back_is_built(tmp_path: Path) -> None:
    """cp -p, unzip, rsync -t and touch -d set a file's modification time, to an edit of the same
    size too: a document and an attachment edited so are built as a clean build builds them."""
    import time

    root = project(tmp_path)
    time.sleep(3.2)  # the copied files have settled: their times are trusted
    first, _ = build(root)
    attachment = root / "content/catalogue/tjxx/files/2023-accident-statistics.csv"
    before = {path: path.stat() for path in (root / DOC, attachment)}
    edit(root / DOC, "title: 关于印发《安徽省安全生产非法违法行为举报奖励办法》的通知",
         "title: 关于印发《安徽省安全生产违法非法行为举报奖励办法》的通知")  # the same size
    edit(attachment, "全省生产安全事故合计,1062,598", "全省生产安全事故合计,1026,598")
    for path, stat in before.items():
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    incremental, _ = build(root)
    clean, _ = build(root, clean=True)
    assert incremental == clean != first


def test_a_changed_row_renders_only_the_listing_pages_that_show_it(tmp_path: Path) -> None:
    """A title shows in a row of each listing of the document: only the page of each listing
    that holds the row is rendered again; every other page is the last build's own file."""
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "page_size: 20", "page_size: 2")  # long listings: many pages each
    first, _ = build(root)
    listing_pages = [p for p in (root / "site").rglob("index.html") if "/page/" in p.as_posix()]
    inodes = {p: p.stat().st_ino for p in listing_pages}
    change_title(root)
    second, _ = build(root)
    changed = [p for p in listing_pages if first[p.relative_to(root / "site").as_posix()]
               != second.get(p.relative_to(root / "site").as_posix())]
    kept = [p for p in listing_pages if p not in changed]
    assert len(listing_pages) > 40 and 0 < len(changed) < len(listing_pages) // 4
    assert [p for p in kept if p.stat().st_ino != inodes[p]] == []  # carried over, not rendered again


@pytest.mark.skipif(os.name != "posix", reason="the replaced site is kept on POSIX only")
def test_each_build_starts_from_the_site_the_last_one_replaced_and_publishes_nothing_else(tmp_path: Path) -> None:
    """The site a build replaces is kept (the spare) and the next build starts from it: after an
    edit, a withdrawal and an addition in a row, the site is a clean build's, however much the
    kept site holds that it should not (pages since changed, a planted file, a link out)."""
    root = project(tmp_path)
    # with a search index to wait for, as a real site has: the pages are mirrored meanwhile (a
    # build without one gives the mirroring child 0.5 s, which a loaded machine can exceed)
    edit(root / "mkdocs.yml", "      search: false\n", "      search_shard_size: 8\n")
    build(root)
    assert_mirrored(root)  # the first build replaced nothing: its own pages were linked into a spare
    for change in (change_body, withdraw_document):
        change(root)
        build(root)
    spares = list((root / ".gkml-cache" / "spare").iterdir())
    assert len(spares) == 1 and (spares[0] / "doc").is_dir()
    for page in list((spares[0] / "doc").rglob("index.html"))[:3]:  # pages changed since (never written through)
        page.unlink()
        page.write_text("上次的页面", encoding="utf-8")
    (spares[0] / "doc" / "planted").mkdir()
    (spares[0] / "doc" / "planted" / "index.html").write_text("不应发布", encoding="utf-8")
    os.symlink(tmp_path, spares[0] / "doc" / "outside")
    add_document(root)
    incremental, carried = build(root)
    assert carried > 0 and not (root / ".gkml-cache" / "spare" / spares[0].name / "doc" / "planted").exists()
    clean, _ = build(root, clean=True)
    assert incremental == clean
    assert not any(p.is_symlink() for p in (root / "site").rglob("*"))
    # moved away first: the last build's detached process may still be emptying its trash in it
    (root / ".gkml-cache").rename(tmp_path / "cache-gone")
    shutil.rmtree(tmp_path / "cache-gone", ignore_errors=True)
    build(root)  # built whole (the cache is gone): the site it replaces shares no file with it, and is not kept
    assert_mirrored(root)


@pytest.mark.skipif(os.name != "posix", reason="a link to a folder is a POSIX habit")
def test_a_site_folder_that_is_a_link_is_published_where_it_leads(tmp_path: Path) -> None:
    """site -> the web server's folder: every build's site is swapped in there, and the link stays."""
    root = project(tmp_path)
    served = tmp_path / "www" / "gkml"
    served.mkdir(parents=True)
    (root / "site").symlink_to(served)
    for change in (None, change_body):
        if change:
            change(root)
        built, _ = build(root)
        assert (root / "site").is_symlink() and built == digests(served)
    clean = project(tmp_path / "clean")
    change_body(clean)
    assert digests(served) == build(clean)[0]


def test_a_site_folder_below_folders_not_made_yet_is_built(tmp_path: Path) -> None:
    """site_dir in folders that do not exist yet (-d public/gkml/site), which MkDocs makes: the
    search child's plan, written beside the site folder, stopped the build with a traceback."""
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试厅"), encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (tmp_path / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    site = tmp_path / "public" / "gkml" / "site"
    result = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and (site / "gkml-site.json").is_file()


def assert_mirrored(root: Path) -> None:
    """The spare holds the site's own pages, as links (made while the build was finishing)."""
    spares = [p for p in (root / ".gkml-cache" / "spare").iterdir() if "-trash-" not in p.name]
    assert len(spares) == 1, spares
    mirrored = [p for p in spares[0].rglob("*") if p.is_file()]
    assert len(mirrored) > 20 and all(p.stat().st_ino == (root / "site" / p.relative_to(spares[0])).stat().st_ino
                                      for p in mirrored)


@pytest.mark.parametrize("change", [change_body, withdraw_document, change_config], ids=lambda f: f.__name__)
def test_a_build_that_fails_at_its_end_leaves_the_last_site_as_it_was(tmp_path: Path,
                                                                     change: Callable[[Path], None]) -> None:
    """The last site's files are linked into the new one before it is known which are carried
    over (gkml.build.linker, ahead): a page rendered again must never be written through such a
    link into the last site. A build that fails at its very end leaves that site byte for byte."""
    root = project(tmp_path)
    (root / "fail.py").write_text(
        "from pathlib import Path\n\n\ndef on_post_build(config):\n"
        "    if (Path(config.config_file_path).parent / 'fail-now').exists():\n"
        "        raise RuntimeError('测试：构建在最后一步失败')\n", encoding="utf-8")
    edit(root / "mkdocs.yml", "\nplugins:", "\nhooks: [fail.py]\nplugins:")
    first, _ = build(root)
    change(root)
    (root / "fail-now").touch()
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode != 0 and "测试：构建在最后一步失败" in result.stderr
    assert digests(root / "site") == first
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]
    (root / "fail-now").unlink()
    after, _ = build(root)
    clean, _ = build(root, clean=True)
    assert after == clean != first


@pytest.mark.skipif(os.name != "posix", reason="the lock is taken where flock is")
def test_a_second_build_of_the_site_waits_for_the_first(tmp_path: Path) -> None:
    """Two builds of one site at once (a scheduled one and an editor's): the second waits, where
    it would empty the first one's new site while it is written, or swap it in half made."""
    import subprocess
    import sys
    import time

    root = project(tmp_path)
    (root / "hold.py").write_text(  # the first build to get here holds until `hold` is removed
        "import os\nimport time\nfrom pathlib import Path\n\n\ndef on_files(files, config):\n"
        "    root = Path(config.config_file_path).parent\n"
        "    if (root / 'hold').exists() and not (root / 'held').exists():\n"
        "        (root / 'held').touch()\n"
        "        while (root / 'hold').exists():\n"
        "            time.sleep(0.1)\n", encoding="utf-8")
    edit(root / "mkdocs.yml", "\nplugins:", "\nhooks: [hold.py]\nplugins:")
    build(root)
    change_body(root)
    (root / "hold").touch()
    logs = [tmp_path / "first.log", tmp_path / "second.log"]

    def start(log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
                                    cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def wait_for(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 300  # a hang guard, not a speed target
        while not condition():
            assert time.monotonic() < deadline
            time.sleep(0.1)

    first = start(logs[0])
    try:
        wait_for(lambda: (root / "held").exists() or first.poll() is not None)
        second = start(logs[1])
        wait_for(lambda: "等它完成后再开始" in logs[1].read_text(encoding="utf-8") or second.poll() is not None)
    finally:
        (root / "hold").unlink()
    assert (first.wait(timeout=300), second.wait(timeout=300)) == (0, 0), [log.read_text(encoding="utf-8") for log in logs]
    assert "另一个 mkdocs build 正在生成" in logs[1].read_text(encoding="utf-8")
    incremental = digests(root / "site")
    assert incremental == build(root, clean=True)[0]


def _touched_during_the_build(tmp_path: Path, action: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """A build in which a hook does `action` to DOC (as `path`) once the documents are checked,
    after a first build whose site it returns: every page rendered again, its key kept."""
    import time

    root = project(tmp_path)
    time.sleep(3.2)  # the copied files have settled: their bodies are read when rendered, not at the check
    (root / "touch.py").write_text(
        "from pathlib import Path\n\n\ndef on_files(files, config):\n"
        "    root = Path(config.config_file_path).parent\n"
        "    if (root / 'now').exists():\n"
        f"        path = root / {DOC!r}\n"
        f"        {action}\n", encoding="utf-8")
    edit(root / "mkdocs.yml", "\nplugins:", "\nhooks: [touch.py]\nplugins:")
    first, _ = build(root)
    for manifest in (root / ".gkml-cache").glob("outputs-*.json"):
        manifest.unlink()  # every page rendered again, its key kept (no document changed)
    (root / "now").touch()
    return mkdocs_build(root / "mkdocs.yml"), first


def test_a_document_saved_again_during_the_build_is_never_published_unchecked(tmp_path: Path) -> None:
    """An unchanged document's body is read from its file when its page is rendered, long after
    the check: a file saved again in between (an editor at work while the site builds) stops
    the build, and the last site stays as it was."""
    result, first = _touched_during_the_build(
        tmp_path, "path.write_text(path.read_text(encoding='utf-8').replace('现印发给你们', '<script>x()</script>'),"
                  " encoding='utf-8')")
    assert result.returncode != 0
    assert f"{DOC}：生成网站期间这个文件被修改了" in result.stderr  # named as the check names it
    assert "Traceback" not in result.stderr
    assert digests(tmp_path / "project/site") == first


def test_a_document_renamed_during_the_build_stops_it_with_a_located_message(tmp_path: Path) -> None:
    """An editor renames or deletes a document while the site builds (after the check, before its
    page is rendered): a Chinese message naming the file, never a FileNotFoundError traceback."""
    result, first = _touched_during_the_build(tmp_path, "path.rename(path.with_name('moved.md.bak'))")
    assert result.returncode != 0
    assert f"{DOC}：生成网站期间这个文件被改名、移走或删除了" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert digests(tmp_path / "project/site") == first


def test_a_standard_guide_page_removed_leaves_every_menu(tmp_path: Path) -> None:
    """Without guide_pages, the menu of every page lists the standard guides that exist."""
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "      guide_pages:\n        公开指南: pages/gkzn.md\n        公开制度: pages/gkzd.md\n"
         "        依申请公开: pages/ysqgk.md   # guide and downloadable 申请表 (content/pages/files/)\n", "")
    (root / "content/pages/ysqgk.md").unlink()
    shutil.rmtree(root / "content/pages/files")
    first, _ = build(root)
    (root / "content/pages/gkzd.md").unlink()
    incremental, _ = build(root)
    clean, _ = build(root, clean=True)
    assert incremental == clean
    assert incremental != first


def test_unchanged_tree_carries_everything_and_survives_a_tampered_site(tmp_path: Path) -> None:
    root = project(tmp_path)
    first, _ = build(root)
    again, carried = build(root)
    assert again == first and carried > 0
    # a page edited by hand in the published site is not trusted: it is rebuilt
    page = next((root / "site" / "doc").rglob("index.html"))
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "篡改</body>"), encoding="utf-8")
    repaired, _ = build(root)
    assert repaired == first
    # a corrupt manifest only costs time
    for manifest in (root / ".gkml-cache").glob("outputs-*.json"):
        manifest.write_text("{not json", encoding="utf-8")
    rebuilt, carried = build(root)
    assert rebuilt == first and carried == 0


def test_mkdocs_yml_named_another_way_is_the_same_build(tmp_path: Path) -> None:
    """`mkdocs build -f mkdocs.yml` in the project folder after a build given its full path
    carries everything over."""
    import os
    import subprocess
    import sys

    root = project(tmp_path)
    first, _ = build(root)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], check=False, cwd=root,
                            capture_output=True,
                            text=True, encoding="utf-8", env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=900)
    assert result.returncode == 0, result.stderr
    found = CARRIED.search(result.stderr)
    assert found and int(found.group(1)) > len(first) // 2, result.stderr
    assert digests(root / "site") == first


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    """Reproducible: the same tree gives the same bytes, the search bundle and the publication
    contract (which lists the bundle's digests) included."""
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "      search: false\n", "      search_shard_size: 20\n")
    first, _ = build(root, clean=True)
    second, _ = build(root, clean=True)
    assert sum(path.startswith("pagefind/") and path.endswith(".pf_filter") for path in first) > 5
    assert first == second


@contextlib.contextmanager
def serving(root: Path, log_file: Path, temp: Path | None = None,
            ) -> Iterator[tuple[Callable[[str], str], Callable[[Callable[[], bool]], None]]]:
    """`mkdocs serve` of `root` on a free port: a page's text by its address below the site, and
    a wait for a condition (the server's log in the failure). `temp`: the system's temporary folder
    for it (where MkDocs makes the folder it serves)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = log_file.open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=root, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"TMPDIR": str(temp)} if temp else {})})

    def page(path: str) -> str:
        try:  # served under site_url's path
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gkml/{path}", timeout=5) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:  # the page of problems answers every address, as 404
            return error.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 300  # a hang guard, not a speed target
        while not condition():
            assert time.monotonic() < deadline, log_file.read_text(encoding="utf-8")
            assert server.poll() is None, log_file.read_text(encoding="utf-8")
            time.sleep(0.5)

    try:
        yield page, wait_for
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_rebuilds_only_what_changed(tmp_path: Path) -> None:
    """`mkdocs serve` keeps its last output aside, so a save rebuilds incrementally too."""
    root = project(tmp_path)
    with serving(root, tmp_path / "serve.log") as (page, wait_for):
        url = "doc/002986620-201205-00018/"
        wait_for(lambda: "举报奖励办法" in page(url))
        change_body(root)
        wait_for(lambda: "现印发给你们（已更正）" in page(url))
        served = (tmp_path / "serve.log").read_text(encoding="utf-8")
        carried = [int(n) for n in CARRIED.findall(served)]
        assert carried and carried[-1] > 100, served
        # a typo shows the problems instead of the site; once fixed, the rebuild is incremental
        # again: the rebuild in between set nothing aside but its page of problems
        good = (root / DOC).read_text(encoding="utf-8")
        (root / DOC).write_text(good.replace("title:", "title: ["), encoding="utf-8")
        wait_for(lambda: "未生成网站" in page(url))
        (root / DOC).write_text(good.replace("（已更正）", "（再次更正）"), encoding="utf-8")
        wait_for(lambda: "现印发给你们（再次更正）" in page(url))
        served = (tmp_path / "serve.log").read_text(encoding="utf-8")
        assert len(CARRIED.findall(served)) > len(carried) and int(CARRIED.findall(served)[-1]) > 100, served


def test_serve_starts_a_rebuild_from_the_output_set_aside_by_the_one_before(tmp_path: Path) -> None:
    """A rebuild's output set aside is the next one's spare (its folders stand: making them was most
    of a 10,000-document preview's rebuild beside the build), refreshed from the last output, so
    whatever else it holds is never served."""
    root, temp = project(tmp_path), tmp_path / "tmp"
    temp.mkdir()
    url = "doc/002986620-201205-00018/"
    with serving(root, tmp_path / "serve.log", temp) as (page, wait_for):
        wait_for(lambda: "举报奖励办法" in page(url) and any(temp.glob("mkdocs_*.gkml-spare.partial/doc/*/index.html")))
        mirrored = next(temp.glob("mkdocs_*.gkml-spare.partial"))  # the first build's pages, linked
        served = mirrored.with_name(mirrored.name.removesuffix(".gkml-spare.partial"))
        def pages(folder: Path) -> set[str]:
            return {str(p.relative_to(folder)) for p in folder.rglob("*.html") if "pagefind" not in p.parts}
        wait_for(lambda: pages(mirrored) == pages(served))  # the child is done
        folder = (mirrored / "doc").stat().st_ino
        change_body(root)
        wait_for(lambda: "现印发给你们（已更正）" in page(url) and any(temp.glob("mkdocs_*.gkml-spare")))
        assert (served / "doc").stat().st_ino == folder  # the first rebuild started from them
        spare = next(temp.glob("mkdocs_*.gkml-spare"))
        folder = (spare / "doc").stat().st_ino
        (spare / "doc" / "planted").mkdir()
        (spare / "doc" / "planted" / "index.html").write_text("不应发布", encoding="utf-8")
        edit(root / DOC, "（已更正）", "（再次更正）")
        wait_for(lambda: "现印发给你们（再次更正）" in page(url))
        assert (served / "doc").stat().st_ino == folder  # the spare's folders, refreshed
        assert not (served / "doc" / "planted").exists() and "不应发布" not in page("doc/planted/")
        carried = [int(n) for n in CARRIED.findall((tmp_path / "serve.log").read_text(encoding="utf-8"))]
        assert len(carried) == 2 and carried[-1] > 100, carried


def test_serve_rebuilds_when_the_profile_is_saved(tmp_path: Path) -> None:
    """The profile lies outside the docs folder and mkdocs.yml, which alone MkDocs watches: a saved
    label reaches the preview without a document being saved too."""
    root = project(tmp_path)
    change_profile(root)  # 发文机关 for 发布机构
    with serving(root, tmp_path / "serve.log") as (page, wait_for):
        url = "doc/002986620-201205-00018/"
        wait_for(lambda: "发文机关" in page(url))
        edit(root / "profile.yml", "label: 发文机关", "label: 制发机关")
        wait_for(lambda: "制发机关" in page(url))


def test_only_the_search_shard_of_a_changed_document_is_indexed_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "      search: false\n", "      search_shard_size: 8\n")
    build(root)
    first = digests(root / "site")
    change_body(root)  # a 2012 document
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    reused = re.search(r"检索索引 (\d+) 条记录，(\d+) 个分片（沿用 (\d+) 个），其中 (\d+) 条新做索引", result.stderr)
    assert reused, result.stderr
    _records, shards, carried, indexed = map(int, reused.groups())
    assert shards > 2 and carried == shards - 1
    assert indexed == 1  # the shard was updated from its last bundle: Pagefind indexed the changed page only
    second = digests(root / "site")
    shard_dirs = {p.split("/")[1] for p in second if p.startswith("pagefind/") and p.count("/") > 1}
    changed = {d for d in shard_dirs
               if any(first.get(p) != h for p, h in second.items() if p.startswith(f"pagefind/{d}/"))}
    assert len(changed) == 1
    years = [int(y) for y in re.findall(r"\d{4}", next(iter(changed)))]
    assert years[0] <= 2012 <= years[-1]  # the shard holding the changed 2012 document
    clean, _ = build(root, clean=True)
    assert clean == second


@pytest.mark.parametrize(("names", "kept_by", "made_by"), [
    # catalogue.json and .csv hold no body: an edit of one is not a reason to write them again
    # (14 MB at 10,000 documents); an edit of a title is
    (("catalogue.json", "catalogue.csv"), change_body, change_title),
    # the sitemap holds the pages' addresses: a title changes none, a new document adds one
    (("sitemap.xml", "sitemap.xml.gz"), change_title, add_document),
    # the statistics count front-matter values: a body is not counted, a document's validity is
    (("stats/index.html", "stats/2012/index.html", "stats/2016/index.html"), change_body, change_replacement_chain),
], ids=["open-data", "sitemap", "stats"])
def test_files_made_from_every_document_are_carried_over_until_what_they_show_changes(
        tmp_path: Path, names: tuple[str, ...], kept_by: Callable[[Path], None], made_by: Callable[[Path], None]) -> None:
    root = project(tmp_path)
    build(root)

    def files() -> dict[str, int]:
        return {name: (root / "site" / name).stat().st_ino for name in names}

    first = files()
    kept_by(root)
    build(root)
    assert files() == first  # the same files, linked from the last site
    made_by(root)
    incremental, _ = build(root)
    assert all(files()[name] != first[name] for name in first)
    assert incremental == build(root, clean=True)[0]


def test_a_carried_shard_changed_before_it_is_linked_is_never_published_as_carried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shards carried over are chosen once the documents' keys are made and linked once the
    site folder is settled: one changed in the last site in between is not linked as carried
    (the build stops with a message, see the plugin)."""
    from gkml.build import search_index
    from gkml.build.carryover import CarryOver

    root = project(tmp_path)
    edit(root / "mkdocs.yml", "      search: false\n", "      search_shard_size: 8\n")
    build(root)
    site = root / "site"
    manifest = next((root / ".gkml-cache").glob("outputs-*.json"))
    carry = CarryOver.open(manifest, site, json.loads(manifest.read_text(encoding="utf-8"))["fingerprint"])
    # every document unchanged: each shard's key is its last one (made from its pages' keys)
    monkeypatch.setattr(search_index, "_shard_key", lambda carry, name, _pages: carry.old_groups[f"search:{name}"][0])
    names = [name.removeprefix("search:") for name in carry.old_groups if name.startswith("search:2")]
    indexing = search_index.SearchIndexing(carry, tmp_path / "new", {name: [] for name in names}, tmp_path / "cache")
    assert indexing.choose() == len(names) > 1
    tampered = next(iter(carry.old_groups[f"search:{names[-1]}"][1]))
    (site / tampered).unlink()
    (site / tampered).write_bytes(b"changed")
    with pytest.raises(search_index.SearchReuseError):
        indexing.link_reused()
    (tmp_path / "new").mkdir(exist_ok=True)
    assert not (tmp_path / "new" / tampered).exists()


def test_a_document_moving_to_another_year_reindexes_both_shards(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "      search: false\n", "      search_shard_size: 8\n")
    first, _ = build(root)
    edit(root / DOC, "published: 2012-05-16 10:30", "published: 2019-05-16 10:30")
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    second = digests(root / "site")
    changed = {p.split("/")[1] for p, h in second.items()
               if p.startswith("pagefind/") and p.count("/") > 1 and first.get(p) != h}

    def holds(shard: str, year: int) -> bool:
        years = [int(y) for y in re.findall(r"\d{4}", shard)]
        return years[0] <= year <= years[-1]

    before = {p.split("/")[1] for p in first if p.startswith("pagefind/") and p.count("/") > 1}
    # the shard it left and the one it joined are indexed again; any other only when the
    # grouping of small years changed its name (a new shard), never an unchanged one
    assert any(holds(s, 2012) for s in changed) and any(holds(s, 2019) for s in changed), changed
    assert all(holds(s, 2012) or holds(s, 2019) or s not in before for s in changed), (before, changed)
    assert changed != set(before) | changed, "every shard was indexed again"
    clean, _ = build(root, clean=True)
    assert clean == second


def test_summaries_and_search_records_are_kept_and_an_altered_cache_only_costs_time(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "      search: false\n", "      search_shard_size: 8\n")
    first, _ = build(root)
    cache = root / ".gkml-cache"
    records = sorted((cache / "search-records").iterdir())
    published = [p for p in first if p.startswith("doc/") and p.endswith("/index.html")]
    memo = cache / "memo-summaries.json"
    head, _, body = memo.read_text(encoding="utf-8").partition("\n")
    summaries = json.loads(body)
    assert len(records) >= len(published) // 2 and len(summaries) > 5
    # altered entries, their digests left as they were: both are made again
    memo.write_text(head + "\n" + json.dumps({k: "篡改的概述" for k in summaries}, ensure_ascii=False), encoding="utf-8")
    for entry in records:
        entry.write_text(entry.read_text(encoding="utf-8").replace("<body>", "<body>篡改"), encoding="utf-8")
    for manifest in cache.glob("outputs-*.json"):
        manifest.unlink()  # everything is built again, from the altered caches
    again, _ = build(root)
    assert again == first
    change_body(root)
    edited, _ = build(root)
    assert len(list((cache / "search-records").iterdir())) == len(records)  # the old record pruned
    assert edited == build(root, clean=True)[0]


def test_compiled_templates_are_kept_and_a_changed_or_altered_one_is_compiled_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    change_template(root)
    build(root)
    compiled = sorted((root / ".gkml-cache/templates").glob("*.cache"))
    assert len(compiled) > 10  # Material's base and partials, gkml's
    override = root / "overrides/gkml/partials/pager.html"
    edit(override, "<!-- 本站定制 -->", "<!-- 本站定制二 -->")  # the same file, another source
    edited, _ = build(root)
    assert any("本站定制二" in (root / "site" / name).read_text(encoding="utf-8")
               for name in edited if name.endswith(".html") and edited[name] != "folder")
    for path in compiled:  # sealed by Jinja's magic, then not a pickle; or cut short
        path.write_bytes(bc_magic + b"\x80\x05garbage" if path.stat().st_size % 2 else path.read_bytes()[:40])
    for manifest in (root / ".gkml-cache").glob("outputs-*.json"):
        manifest.unlink()  # every page rendered again, from the altered compiled templates
    again, _ = build(root)
    assert again == edited == build(root, clean=True)[0]


def test_a_build_that_kept_the_document_keys_keeps_every_summary_for_the_next_build(tmp_path: Path) -> None:
    """A body edit keeps the other documents' page keys and asks for no other summary; the next
    change to the catalogue (an addition) must still find every summary made before."""
    root = project(tmp_path)
    build(root)
    memo = root / ".gkml-cache" / "memo-summaries.json"

    def summaries() -> set[str]:
        return set(json.loads(memo.read_text(encoding="utf-8").partition("\n")[2]))

    before = summaries()
    assert len(before) > 5
    change_body(root)
    build(root)
    assert summaries() >= before


def _with_hook(root: Path, marker: str) -> None:
    (root / "hooks").mkdir(exist_ok=True)
    (root / "hooks/mark.py").write_text(f'WORD = "{marker}"\n', encoding="utf-8")  # imported by the hook
    (root / "hooks/stamp.py").write_text(
        "from mark import WORD\n\n\ndef on_post_page(output, page, config):\n"
        "    return output.replace('</body>', f'<!-- {WORD} --></body>')\n", encoding="utf-8")


@pytest.mark.parametrize("changed", ["stamp.py", "mark.py"])
def test_a_changed_hook_is_built_again(tmp_path: Path, changed: str) -> None:
    """mkdocs.yml unchanged, a hook it names changed (or a module beside it the hook imports):
    every page may show it."""
    root = project(tmp_path)
    _with_hook(root, "钩子甲")
    edit(root / "mkdocs.yml", "site_name:", "hooks:\n  - hooks/stamp.py\nsite_name:")
    first, _ = build(root)
    if changed == "mark.py":
        _with_hook(root, "钩子乙")
    else:
        edit(root / "hooks/stamp.py", "<!-- {WORD} -->", "<!-- {WORD}！ -->")
    incremental, _ = build(root)
    clean, _ = build(root, clean=True)
    assert incremental == clean
    assert incremental != first


def test_a_changed_snippet_is_built_again_wherever_it_is_included(tmp_path: Path) -> None:
    """pymdownx.snippets includes files into a body as it is rendered: an edited snippet (nested
    in another, at the start of a body without 内容概述, so listings and feeds show it too), a
    snippet created where one was looked for in vain, and one removed reach every output."""
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "  - attr_list\n", "  - attr_list\n  - pymdownx.snippets:\n      base_path: [snippets]\n")
    (root / "snippets").mkdir()
    (root / "snippets/head.md").write_text('--8<-- "inner.md"\n', encoding="utf-8")
    (root / "snippets/inner.md").write_text("咨询电话：0551-11111111。\n", encoding="utf-8")
    edit(root / DOC, "\n各市、省直管县", '\n--8<-- "head.md"\n\n--8<-- "later.md"\n\n各市、省直管县')
    first, _ = build(root)
    for change in (lambda: (root / "snippets/inner.md").write_text("咨询电话：0551-22222222。\n", encoding="utf-8"),
                   lambda: (root / "snippets/later.md").write_text("后来加的说明。\n", encoding="utf-8"),
                   lambda: (root / "snippets/later.md").unlink()):
        change()
        incremental, carried = build(root)
        clean, _ = build(root, clean=True)
        assert incremental == clean != first
        assert carried > 100  # incremental: the other pages were carried over
    page = (root / "site/doc/002986620-201205-00018/index.html").read_text(encoding="utf-8")
    assert "0551-22222222" in page and "0551-11111111" not in page


def _with_gathering_hook(root: Path) -> None:
    """A hook that lists every page it sees in a file of its own once the build ends."""
    (root / "hooks").mkdir(exist_ok=True)
    (root / "hooks/pages.py").write_text(
        "import os\n\nSEEN = []\n\n\ndef on_pre_build(config):\n    SEEN.clear()\n\n\n"
        "def on_page_context(context, page, config, nav):\n    SEEN.append(page.file.dest_uri)\n    return context\n\n\n"
        "def on_post_build(config):\n"
        "    with open(os.path.join(config.site_dir, 'pages.txt'), 'w', encoding='utf-8') as out:\n"
        "        out.write('\\n'.join(sorted(SEEN)))\n", encoding="utf-8")
    edit(root / "mkdocs.yml", "site_name:", "hooks:\n  - hooks/pages.py\nsite_name:")


@pytest.mark.parametrize("gatherer", ["search", "hook"])
def test_a_plugin_that_gathers_the_pages_sees_every_page(tmp_path: Path, gatherer: str) -> None:
    """MkDocs' search plugin (or a hook) that collects the pages it sees and writes its index at the
    end: a page carried over is never shown to it, so its index held only the pages an edit made
    (20 of 177); with such a plugin every page is made, and the build says why."""
    root = project(tmp_path)
    if gatherer == "search":
        edit(root / "mkdocs.yml", "plugins:\n", "plugins:\n  - search\n")
    else:
        _with_gathering_hook(root)
    first, _ = build(root)
    change_body(root)
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "本次构建不沿用上次构建的文件" in result.stderr and not CARRIED.search(result.stderr)
    incremental = digests(root / "site")
    clean, _ = build(root, clean=True)
    assert incremental == clean != first
    index = root / "site" / ("search/search_index.json" if gatherer == "search" else "pages.txt")
    assert "doc/002986620-202003-00032/" in index.read_text(encoding="utf-8")  # a page the edit did not change


def test_a_hook_that_changes_each_page_alone_keeps_the_build_incremental(tmp_path: Path) -> None:
    """A hook that only rewrites each page's own output (on_post_page) gathers nothing: pages are carried over."""
    root = project(tmp_path)
    _with_hook(root, "钩子甲")
    edit(root / "mkdocs.yml", "site_name:", "hooks:\n  - hooks/stamp.py\nsite_name:")
    build(root)
    change_body(root)
    incremental, carried = build(root)
    clean, _ = build(root, clean=True)
    assert incremental == clean and carried > 100
