"""build.rebuilding: serve's rebuild, when MkDocs itself refuses to start one, shows why in the browser;
a server without the attribute it replaces (not plugin API) keeps its plain rebuild, told."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

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
