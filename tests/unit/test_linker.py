"""gkml.build.linker: the carried files a child links while keys are made are the files
link_into would link, and a file changed or gone in the old site is reported, not linked."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from gkml.build.carryover import CarryOver, Entry


def _previous(tmp_path: Path, count: int) -> tuple[Path, dict[str, Entry]]:
    old = tmp_path / "old"
    entries = {}
    for n in range(count):
        dest = f"doc/{n:04d}/index.html" if n % 5 else f"attachments/附件 {n}\n.pdf"  # any name a file can have
        path = old / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"page {n}".encode())
        stat = path.stat()
        entries[dest] = Entry(f"key{n}", hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns)
    return old, entries


@pytest.mark.parametrize(("child", "console"), [(True, "utf-8"), (True, "gbk"), (False, "utf-8")],
                         ids=["child", "child-on-a-gbk-console", "in-process"])
def test_carried_files_are_linked_and_changed_ones_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            child: bool, console: str) -> None:
    monkeypatch.setenv("PYTHONIOENCODING", console)  # a Chinese Windows console's encoding: file names stay whole
    old, entries = _previous(tmp_path, 300)
    carry = CarryOver(tmp_path / "manifest.json", old, "fp", old=dict(entries))
    changed, gone = "doc/0007/index.html", "doc/0011/index.html"
    (old / changed).write_bytes(b"page 8")  # same size, other bytes: the digest tells
    os.utime(old / changed, ns=(1, 1))
    (old / gone).unlink()
    site = tmp_path / "new"
    site.mkdir()
    linking = carry.start_linking(site, at_least=0 if child else 10**9)
    assert (linking is not None) == child
    for dest, entry in entries.items():
        assert carry.reusable(dest, entry.key, linking)
    failed = carry.link_into(site, linking)
    assert sorted(failed) == sorted([changed, gone])
    for dest in entries:
        if dest in failed:
            assert not (site / dest).exists()
        else:
            assert (site / dest).stat().st_ino == (old / dest).stat().st_ino
    assert set(carry.carried) == set(entries) - {changed, gone}


def test_a_child_that_dies_leaves_the_linking_to_the_build(tmp_path: Path) -> None:
    old, entries = _previous(tmp_path, 50)
    carry = CarryOver(tmp_path / "manifest.json", old, "fp", old=dict(entries))
    site = tmp_path / "new"
    site.mkdir()
    linking = carry.start_linking(site, at_least=0)
    assert linking is not None
    dests = list(entries)
    for dest in dests[:20]:
        carry.reusable(dest, entries[dest].key, linking)
    linking._flush()
    linking._proc.stdin.flush()  # the first files reach the child …
    linking._proc.kill()  # … which dies
    for dest in dests[20:]:
        carry.reusable(dest, entries[dest].key, linking)
    assert carry.link_into(site, linking) == []
    assert all((site / dest).stat().st_ino == (old / dest).stat().st_ino for dest in dests)


def test_a_group_recorded_again_reads_only_the_files_that_are_not_links(tmp_path: Path) -> None:
    old, entries = _previous(tmp_path, 40)
    group = {dest: entry for dest, entry in entries.items() if dest.startswith("doc/")}
    carry = CarryOver(tmp_path / "manifest.json", old, "fp",
                      old_groups={"search:x": ("k", {d: Entry("k", e.sha256, e.size, e.mtime_ns) for d, e in group.items()})})
    site = tmp_path / "new"
    for n, dest in enumerate(group):
        (site / dest).parent.mkdir(parents=True, exist_ok=True)
        if n % 2:
            os.link(old / dest, site / dest)
        else:
            (site / dest).write_bytes(f"new page {n}".encode())  # written anew: read and hashed
    carry.record_group("search:x", "k2", site, list(group))
    recorded = carry.groups["search:x"][1]
    assert {dest: entry.sha256 for dest, entry in recorded.items()} == {
        dest: hashlib.sha256((site / dest).read_bytes()).hexdigest() for dest in group}


@pytest.mark.skipif(os.name != "posix", reason="ahead linking is POSIX only")
def test_linking_ahead_takes_the_carried_files_and_removes_every_other(tmp_path: Path) -> None:
    """Every intact file of the last manifest is linked before the keys are known, into a folder
    moved into place meanwhile; the files then not carried over are removed with the folders
    they leave empty, so nothing rendered later can be written through a link into the old site."""
    import json

    from gkml.build.linker import LinkingAhead

    old, entries = _previous(tmp_path, 300)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"outputs": {dest: [e.key, e.sha256, e.size, e.mtime_ns]
                                                for dest, e in entries.items()}}), encoding="utf-8")
    changed = "doc/0007/index.html"
    (old / changed).write_bytes(b"page 8")  # altered in the old site since: not linked
    os.utime(old / changed, ns=(1, 1))
    site = tmp_path / "new"
    ahead = LinkingAhead.start(old, site, manifest)
    assert ahead is not None
    linking = ahead.move_in()  # at once: the child may not have linked anything yet
    assert linking is not None and linking.ahead and site.is_dir()
    carry = CarryOver(manifest, old, "fp", old=dict(entries))
    edited, withdrawn = "doc/0001/index.html", "doc/0002/index.html"
    for dest, entry in entries.items():
        if dest != withdrawn:
            carry.reusable(dest, "new key" if dest == edited else entry.key, linking)
    failed = carry.link_into(site, linking)
    assert failed == [changed]
    linked = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert linked == set(entries) - {changed, edited, withdrawn}
    assert all((site / dest).stat().st_ino == (old / dest).stat().st_ino for dest in linked)
    assert not (site / "doc/0002").exists()  # withdrawn: its folder too
    assert not (site / edited).exists() and (site / "doc/0001").is_dir()  # rendered again into its folder
    assert not ahead.folder.exists()


@pytest.mark.skipif(os.name != "posix", reason="ahead linking is POSIX only")
def test_a_spare_is_refreshed_to_hold_exactly_the_last_sites_intact_files(tmp_path: Path) -> None:
    """The site the last build replaced (the spare) is where the next build starts from: what
    it holds stays only when it is the very file of the last site. A stale page, a page of a
    document since withdrawn, a file planted in it, a link out of it: none of it is published."""
    import json

    from gkml.build.linker import LinkingAhead

    old, entries = _previous(tmp_path, 300)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"outputs": {dest: [e.key, e.sha256, e.size, e.mtime_ns]
                                                for dest, e in entries.items()}}), encoding="utf-8")
    spare = tmp_path / "cache" / "spare" / "site"
    outside = tmp_path / "outside"
    outside.mkdir()
    for dest in entries:  # the spare: the last site's files, as the build before last left them
        (spare / dest).parent.mkdir(parents=True, exist_ok=True)
        os.link(old / dest, spare / dest)
    stale = "doc/0003/index.html"  # rendered again by the last build: the spare has the older page
    (spare / stale).unlink()
    (spare / stale).write_bytes(b"older page")
    (spare / "doc/9999").mkdir()  # a document withdrawn by the last build
    (spare / "doc/9999/index.html").write_bytes(b"withdrawn")
    (spare / "doc/9999/deep/er").mkdir(parents=True)
    planted = "doc/0004/secret.html"
    (spare / planted).write_bytes(b"planted")
    os.symlink(outside, spare / "doc/0006/out")  # written through, it would lead out of the site
    shutil_target = "doc/0008"  # a folder replaced by a link to one outside
    for item in (spare / shutil_target).iterdir():
        item.unlink()
    (spare / shutil_target).rmdir()
    os.symlink(outside, spare / shutil_target)
    (old / "doc/0009/index.html").write_bytes(b"altered")  # not intact in the last site: not linked
    os.utime(old / "doc/0009/index.html", ns=(1, 1))

    site = tmp_path / "new"
    ahead = LinkingAhead.start(old, site, manifest, spare)
    assert ahead is not None and not spare.exists()  # taken
    linking = ahead.move_in()
    assert linking is not None
    carry = CarryOver(manifest, old, "fp", old=dict(entries))
    for dest, entry in entries.items():
        carry.reusable(dest, entry.key, linking)
    failed = carry.link_into(site, linking)
    assert failed == ["doc/0009/index.html"]
    held = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() or p.is_symlink()}
    assert held == set(entries) - {"doc/0009/index.html"}
    assert all((site / dest).stat().st_ino == (old / dest).stat().st_ino for dest in held)
    assert not (site / "doc/9999").exists() and (site / shutil_target).is_dir()
    assert not any(p.is_symlink() for p in site.rglob("*"))
    assert list(outside.iterdir()) == []


def test_outputs_hashed_ahead_are_recorded_as_they_are_when_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CarryOver.hash_ahead: what the manifest records is every file's sha256 when saved,
    though most were hashed while the search index was finished."""
    from gkml.build import hashing as hashing_module

    site = tmp_path / "site"
    carry = CarryOver(tmp_path / "manifest.json", None, "fp")
    for n in range(30):
        dest = f"doc/{n:02d}/index.html"
        (site / dest).parent.mkdir(parents=True, exist_ok=True)
        (site / dest).write_bytes(f"page {n:02d}".encode())
        carry.keys[dest] = f"key{n}"
    monkeypatch.setattr(hashing_module.Hashing, "SETTLED_NS", 0)  # settled by the clock
    hashing = carry.hash_ahead(site)
    hashing._thread.join()  # let it hash them all
    (site / "doc/03/index.html").write_bytes(b"page XX")  # the same size, written after it was hashed
    (site / "doc/25/index.html").unlink()
    os.link(site / "doc/04/index.html", tmp_path / "spare-04.html")  # linked into a spare: the same file
    carry.save(site, hashing)
    saved = json.loads((tmp_path / "manifest.json").read_text("utf-8"))["outputs"]
    assert set(saved) == {f"doc/{n:02d}/index.html" for n in range(30)} - {"doc/25/index.html"}
    assert {dest: entry[1] for dest, entry in saved.items()} == {
        dest: hashlib.sha256((site / dest).read_bytes()).hexdigest() for dest in saved}
    assert len(hashing.stop()) == 30  # each was taken ahead


@pytest.mark.skipif(os.name != "posix", reason="ahead linking is POSIX only")
def test_search_shards_linked_ahead_are_kept_when_carried_and_unlinked_when_not(tmp_path: Path) -> None:
    """`mkdocs build`: the search shards' files are linked ahead too, so the build's own process
    links none of them; a shard carried over is taken as linked, one written anew loses every
    link into the last site first (its bundle is written with `xb`, never through a link)."""
    from gkml.build.linker import LinkingAhead

    old, entries = _previous(tmp_path, 20)
    groups: dict[str, list[object]] = {}
    shard_files: dict[str, dict[str, Entry]] = {}
    for shard in ("2024", "2025"):
        files = {}
        for n in range(30):
            dest = f"pagefind/{shard}/index/{n:02d}.pf_index"
            (old / dest).parent.mkdir(parents=True, exist_ok=True)
            (old / dest).write_bytes(f"{shard} chunk {n}".encode())
            stat = (old / dest).stat()
            files[dest] = Entry(f"shard {shard}", hashlib.sha256((old / dest).read_bytes()).hexdigest(),
                                stat.st_size, stat.st_mtime_ns)
        shard_files[f"search:{shard}"] = files
        groups[f"search:{shard}"] = [f"shard {shard}", {d: [e.sha256, e.size, e.mtime_ns] for d, e in files.items()}]
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"outputs": {dest: [e.key, e.sha256, e.size, e.mtime_ns] for dest, e in entries.items()},
                                    "groups": groups}), encoding="utf-8")
    site = tmp_path / "new"
    ahead = LinkingAhead.start(old, site, manifest, search=True)
    assert ahead is not None
    linking = ahead.move_in()
    carry = CarryOver(manifest, old, "fp", old=dict(entries),
                      old_groups={name: (f"shard {name[7:]}", files) for name, files in shard_files.items()})
    for dest, entry in entries.items():
        carry.reusable(dest, entry.key, linking)
    assert carry.link_into(site, linking) == []
    assert carry.prelinked is not None and set(carry.prelinked.groups) == {"search:2024", "search:2025"}  # not removed as files no page carries
    carry.drop_prelinked(["search:2024"])  # 2025 is indexed again
    assert not (site / "pagefind/2025").exists()
    assert carry.reuse_group("search:2024", "shard 2024", site)
    assert carry.groups["search:2024"][1] == shard_files["search:2024"]
    kept = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file())
    assert kept == sorted(shard_files["search:2024"])
    assert all((site / dest).stat().st_ino == (old / dest).stat().st_ino for dest in kept)


@pytest.mark.skipif(os.name != "posix", reason="ahead linking is POSIX only")
def test_without_the_search_flag_no_shard_is_linked_ahead(tmp_path: Path) -> None:
    """`mkdocs serve` writes its index beside the site and serves the last one meanwhile: the
    linker leaves the search folder alone there."""
    from gkml.build.linker import LinkingAhead

    old, entries = _previous(tmp_path, 5)
    (old / "pagefind/2024").mkdir(parents=True)
    (old / "pagefind/2024/a.pf_index").write_bytes(b"chunk")
    stat = (old / "pagefind/2024/a.pf_index").stat()
    manifest = tmp_path / "manifest.json"
    chunk = [hashlib.sha256(b"chunk").hexdigest(), stat.st_size, stat.st_mtime_ns]
    manifest.write_text(json.dumps({"outputs": {dest: [e.key, e.sha256, e.size, e.mtime_ns] for dest, e in entries.items()},
                                    "groups": {"search:2024": ["k", {"pagefind/2024/a.pf_index": chunk}]}}),
                        encoding="utf-8")
    site = tmp_path / "new"
    ahead = LinkingAhead.start(old, site, manifest)
    assert ahead is not None
    linking = ahead.move_in()
    carry = CarryOver(manifest, old, "fp", old=dict(entries))
    for dest, entry in entries.items():
        carry.reusable(dest, entry.key, linking)
    assert carry.link_into(site, linking) == []
    assert not (site / "pagefind").exists() and not (carry.prelinked and carry.prelinked.groups)
