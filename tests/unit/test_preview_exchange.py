"""build.preview.exchange: the preview's new search bundle takes the old one's place in one step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gkml.build.preview import exchange


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_two_folders_swap_places_in_one_step(tmp_path: Path) -> None:
    old, new = tmp_path / "site" / "pagefind", tmp_path / "staging" / "pagefind"
    for folder, text in ((old, "old"), (new, "new")):
        folder.mkdir(parents=True)
        (folder / "shards.json").write_text(text, encoding="utf-8")
    assert exchange(new, old)
    assert (old / "shards.json").read_text(encoding="utf-8") == "new"
    assert (new / "shards.json").read_text(encoding="utf-8") == "old"


def test_a_missing_path_moves_nothing(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    assert not exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a").is_dir() and not (tmp_path / "b").exists()
