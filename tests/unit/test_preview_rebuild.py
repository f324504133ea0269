"""build.rebuilding: serve's rebuild, when MkDocs itself refuses to start one, shows why in the browser;
a server without the attribute it replaces (not plugin API) keeps its plain rebuild, told."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from types import SimpleNamespace

from gkml.build import rebuilding
from gkml.build.rebuilding import NO_BUILDER, keep_preview
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

MKDOCS_YML = "site_name: 测试\ndocs_dir: 内容 目录\nplugins: []\n"


def project(root: Path) -> Path:
    (root / "内容 目录").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root / "mkdocs.yml"


def test_a_docs_folder_gone_while_previewing_is_shown_not_a_stuck_server(tmp_path: Path) -> None:
    """Renamed while serving, the docs folder made MkDocs abort the rebuild before any plugin ran:
    the server held every request, the terminal said so in English."""
    config_file = project(tmp_path)
    server = LiveReloadServer(builder=lambda config=None: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        shown: list[list[str]] = []
        keep_preview(server, lambda config=None: load_config(str(config_file)), config_file, shown.append)
        server.builder()
        assert shown == []
        (tmp_path / "内容 目录").rename(tmp_path / "内容")
        server.builder()
        assert shown == [[("mkdocs.yml:2:1: docs_dir：内容目录“内容 目录”不见了（被改名、移动或删除了？），无法生成网站。"
                           "请把文件夹改回“内容 目录”，或把 mkdocs.yml 中的 docs_dir 改为它现在的名字；改好后预览会自动恢复。")]]
    finally:
        server.server_close()


def test_a_server_without_a_builder_to_replace_keeps_its_own_told(tmp_path: Path, caplog) -> None:
    """ProperDocs need not keep `server.builder`: gkml set it on any server, so the preview ran a
    rebuild of gkml's making beside a server that never calls it, without a word."""
    config_file = project(tmp_path)
    server = SimpleNamespace(watch=lambda path: None)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.gkml"):
        keep_preview(server, lambda config=None: None, config_file, lambda problems: None)
    assert not hasattr(server, "builder")
    assert [r.getMessage() for r in caplog.records] == [NO_BUILDER]


def test_the_docs_folder_watch_rests_when_nothing_changes(tmp_path: Path, monkeypatch) -> None:
    """inotify tells a file opened and read too: the watch read mkdocs.yml on such an event, which made
    another, and kept one core reading mkdocs.yml for as long as the preview ran (a serve save at
    10,000 documents took 25 s instead of 4). A read must not wake it; a change must."""
    config_file = project(tmp_path)
    reads: list[Path] = []
    real = rebuilding.docs_folder
    monkeypatch.setattr(rebuilding, "docs_folder", lambda path: reads.append(path) or real(path))
    server = LiveReloadServer(builder=lambda config=None: None, host="127.0.0.1", port=0, root=str(tmp_path))
    watch = rebuilding.DocsFolderWatch(server, config_file, tmp_path / ".gkml-cache/serve-docs-folder")
    try:
        before = len(reads)
        config_file.read_text(encoding="utf-8")  # a reader of mkdocs.yml, as MkDocs is on every rebuild
        (tmp_path / "内容 目录").is_dir()
        time.sleep(1.0)
        assert len(reads) - before <= 1, f"mkdocs.yml read {len(reads) - before} times after one read"
        (tmp_path / "内容 目录").rename(tmp_path / "内容")  # a real change still wakes it
        deadline = time.monotonic() + 30
        while (tmp_path / ".gkml-cache/serve-docs-folder").read_text(encoding="utf-8") == "0":
            assert time.monotonic() < deadline, "the docs folder renamed away was not noticed"
            time.sleep(0.05)
    finally:
        watch.stop()
        server.server_close()
