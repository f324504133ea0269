"""gkml.memo: what a memo keeps, and when a lazy save leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

from gkml.memo import LAZY_AT_LEAST, Memo


def test_a_lazy_save_waits_until_enough_changed_and_a_missing_entry_only_costs_its_making(tmp_path: Path) -> None:
    path = tmp_path / "memo-x.json"
    memo = Memo(path, "fp")
    for n in range(200):
        memo.put(f"k{n}", f"v{n}")
    memo.save(lazily=True)  # no file yet: saved whatever the count
    written = path.read_bytes()

    memo = Memo(path, "fp")
    assert all(memo.get(f"k{n}") == f"v{n}" for n in range(199))  # k199 no longer used
    memo.put("new", "made")
    memo.save(lazily=True)
    assert path.read_bytes() == written  # one new entry, one unused: not worth rewriting
    assert Memo(path, "fp").get("new") is None  # made again by the next build that needs it

    memo = Memo(path, "fp")
    for n in range(LAZY_AT_LEAST):
        memo.put(f"more{n}", "x")
    memo.save(lazily=True)
    again = Memo(path, "fp")
    assert again.get("more0") == "x" and again.get("k0") is None  # only what that build used is kept
    memo.save()  # an eager save always writes what changed

    path.write_bytes(path.read_bytes().replace(b'"x"', b'"y"'))
    assert Memo(path, "fp").get("more0") is None  # altered: not trusted
    assert Memo(path, "other").get("more0") is None  # another namespace: empty
