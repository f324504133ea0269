"""Content digests: what incremental builds key their outputs on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gkml.build.memos import summaries
from gkml.fingerprint import (
    SharedDigests,
    Unfingerprintable,
    build_fingerprint,
    digest,
    versions,
)


def test_a_shared_value_stands_in_by_its_content() -> None:
    shared = SharedDigests()
    row = {"title": "关于印发办法的通知", "created": "2012年5月14日", "index_no": "002986620/201205-00018"}
    same = dict(row)
    other = {**row, "title": "关于印发办法（修订）的通知"}
    assert shared.of(row) is shared.of(row)  # digested once
    assert shared.of(same) == shared.of(row)
    assert shared.of(other) != shared.of(row)
    # a listing's key changes with any of its rows
    assert digest([shared.of(row), shared.of(other)]) != digest([shared.of(row), shared.of(row)])


def test_a_value_that_cannot_be_digested_is_never_left_out() -> None:
    assert digest({"d": date(2026, 11, 1)}) != digest({"d": "2026-11-01"})
    with pytest.raises(Unfingerprintable):
        SharedDigests().of({"x": object()})


def test_another_installed_plugin_version_changes_the_build_fingerprint(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A third-party plugin, Markdown extension or theme shapes pages too: upgrading it must
    not leave pages made by the old one carried over."""
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "mkdocs_someplugin-1.0.dist-info").mkdir()

    def fingerprint() -> str:
        return build_fingerprint(package_dir=tmp_path / "none", custom_dir=None, config_files=[], settings={})

    before = fingerprint()
    assert fingerprint() == before
    (tmp_path / "mkdocs_someplugin-1.0.dist-info").rename(tmp_path / "mkdocs_someplugin-1.1.dist-info")
    assert fingerprint() != before


def test_another_markdown_extension_version_starts_the_summaries_afresh(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """内容概述 are kept by body across builds; an upgraded extension renders bodies otherwise."""
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    (tmp_path / "lib/pymdown_extensions-10.0.dist-info").mkdir(parents=True)
    before = summaries(tmp_path, ["pymdownx.tilde"], {})
    assert before is not None
    before.put("body", "概述")
    before.save()
    assert summaries(tmp_path, ["pymdownx.tilde"], {}).get("body") == "概述"
    (tmp_path / "lib/pymdown_extensions-10.0.dist-info").rename(tmp_path / "lib/pymdown_extensions-10.1.dist-info")
    assert summaries(tmp_path, ["pymdownx.tilde"], {}).get("body") is None


def test_the_versions_the_check_cache_is_keyed_on_are_those_of_the_distributions_python_imports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from the metadata folders' names, not from their files: as importlib.metadata reads
    them, the first on sys.path; an upgrade (a new folder first on the path) is seen."""
    from importlib import metadata

    def known(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    found = versions()
    assert found.pop("python") and found == {name: known(name) for name in found}
    assert found["pyyaml"] is not None and found["gkml"] is not None
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "PyYAML-99.1.dist-info").mkdir()
    (tmp_path / "PyYAML-99.1.dist-info/METADATA").write_text("Metadata-Version: 2.1\nName: PyYAML\nVersion: 99.1\n")
    (tmp_path / "mkdocs_material-99.2-py3.11.egg-info").mkdir()
    (tmp_path / "mkdocs_material-99.2-py3.11.egg-info/PKG-INFO").write_text("Metadata-Version: 2.1\nName: mkdocs-material\nVersion: 99.2\n")
    assert versions()["pyyaml"] == "99.1" == known("pyyaml")
    assert versions()["mkdocs-material"] == "99.2" == known("mkdocs-material")
