"""The portal folder: files written only when their bytes change, strays removed, per-agency state.

Writing only what changed is what makes the portal incremental: after one
agency republishes, every other agency's search bundle and listing pages keep
their bytes and their modification times, so a sync to a static host or CDN
uploads and invalidates only that agency's part and the shared pages whose
content really moved.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from gkml.locks import Lock, exclusive

MARKER = ".gkml-portal.json"  # per-agency digests of the last run; marks the folder as a portal
STAGING = ".gkml-staging"  # bundles being copied, moved into place once every one is whole
# each agency's last publication the portal published, what it keeps when the agency's next one fails:
# trees named SOURCES/<slug> live in <portal>.gkml-kept/<slug>/, beside the portal, not served (they
# are the agencies' files as they are, the portal serves only what it writes itself)
SOURCES = "sources"
KEPT_SUFFIX = ".gkml-kept"
LOCK = ".gkml-lock"  # in the kept folder: one run of the portal at a time (take_turns)


class PortalOutputError(Exception):
    pass


class Output:
    def __init__(self, root: Path) -> None:
        self.root = root
        whole = root.resolve()  # `--out .` has a name
        self.keep_root = whole.parent / f"{whole.name}{KEPT_SUFFIX}"
        self.keep_made = False  # begin found no keep_root: abandon removes it
        self.kept: set[str] = {MARKER}
        self.written: list[str] = []
        self.created: Path | None = None  # the outermost folder this run made (begin)
        self.marked = False  # begin marked the folder as a portal
        self.checks = 0  # the version of the once-per-publication checks the kept state passed (check_target)
        self.feed_id: str | None = None  # the id the portal's own feed has had (check_target; feedid)
        self.recorded: dict[str, str] = {}  # slug -> the digest of the publication the last whole run published
        self.pending: dict[str, str] = {}  # slug -> the digest of a copy a run cut off may have put in its place
        self.aside: dict[str, str] = {}  # slug -> the digest of a copy kept of an agency the last run left out
        self._locks: list[Lock | None] = []

    def take_turns(self, waiting: Callable[[], None]) -> None:
        """One run of this portal at a time (an overlapping cron job waits): two at once pruned
        and staged into each other's portal. The lock is a file of the temporary folder, named
        by the portal's path, so nothing appears beside a portal this run may not create."""
        name = hashlib.sha256(str(self.root.resolve()).encode("utf-8")).hexdigest()[:16]
        self._locks = [exclusive(Path(tempfile.gettempdir()) / f"gkml-portal-{name}.lock", waiting)]
        # a run of another temporary folder (another user's %TEMP%, a cron job's TMPDIR) takes another lock
        # there: a portal that has run has its own folder beside it, whose lock every run takes too
        if self.keep_root.is_dir():
            self._locks.append(exclusive(self.keep_root / LOCK, waiting))
            self.kept.add(f"{SOURCES}/{LOCK}")

    def release(self) -> None:
        locks, self._locks = self._locks, []
        for lock in reversed(locks):
            if lock is not None:
                lock.close()

    def check_target(self) -> dict[str, str]:
        """Previous per-agency digests; refuses a non-empty folder that is not a portal."""
        marker = self.root / MARKER
        if marker.is_file():
            try:
                state = json.loads(marker.read_bytes())
                agencies, checks, feed_id = state.get("agencies", {}), state.get("checks", 0), state.get("feed_id")
                pending, aside = state.get("pending", {}), state.get("aside", {})
            except (ValueError, AttributeError):
                agencies = checks = feed_id = pending = aside = None
            self.feed_id = feed_id if isinstance(feed_id, str) and feed_id else None
            if not isinstance(agencies, dict):  # a cut-off write, or not a portal's: every bundle is copied again
                return {}
            self.checks = checks if isinstance(checks, int) else 0
            self.pending = {str(slug): str(digest) for slug, digest in pending.items()} if isinstance(pending, dict) else {}
            self.recorded = {str(slug): str(digest) for slug, digest in agencies.items()}
            self.aside = {str(slug): str(digest) for slug, digest in aside.items()} if isinstance(aside, dict) else {}
            return {**self.aside, **self.recorded}  # a copy set aside is one the portal published
        if self.root.exists() and any(self.root.iterdir()):
            raise PortalOutputError(f"{self.root} 不是空目录，也不是 gkml portal 生成的门户，拒绝写入")
        return {}

    def begin(self) -> None:
        """Create the portal folder (and the folders above it that are missing) and mark it as a
        portal of no agency yet, so a run stopped half way (killed, out of memory) is followed by a
        whole one, not a refusal of a folder that is not a portal; `abandon` undoes both."""
        missing = [p for p in (self.root, *self.root.parents) if not p.exists()]
        self.created = missing[-1] if missing else None
        self.keep_made = not self.keep_root.exists()
        self.root.mkdir(parents=True, exist_ok=True)
        self.marked = not (self.root / MARKER).exists()
        if self.marked:
            self.save_state({})

    def abandon(self) -> None:
        """Leave the portal as it was before this run: staged bundles gone, what begin made removed."""
        self.discard_staged()
        if self.keep_made:
            shutil.rmtree(self.keep_root, ignore_errors=True)
        if self.created is not None:
            shutil.rmtree(self.created, ignore_errors=True)
        elif self.marked:
            (self.root / MARKER).unlink(missing_ok=True)

    def write(self, rel: str, data: bytes | str) -> bool:
        """Write `rel` unless it already holds exactly these bytes; True when written."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.kept.add(rel)
        path = self.root / rel
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return False
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        self.written.append(rel)
        return True

    def place(self, dest: str) -> Path:
        """Where the tree `dest` lives (SOURCES/<slug>: beside the portal)."""
        head, _, rest = dest.partition("/")
        return self.keep_root / rest if head == SOURCES else self.root / dest

    def staged(self, dest: str) -> Path:
        head, _, rest = dest.partition("/")
        return self.keep_root / STAGING / rest if head == SOURCES else self.root / STAGING / dest

    def _walk(self, rel: str = "") -> Iterator[str]:
        """Files of the tree `rel`, named `rel/<path>` ('': the portal's files)."""
        top = self.place(rel) if rel else self.root
        for folder, _dirs, names in os.walk(top):
            base = Path(folder).relative_to(top).as_posix()
            for name in names:
                path = name if base == "." else f"{base}/{name}"
                yield f"{rel}/{path}" if rel else path

    def keep_tree(self, rel: str, files: Iterable[str], holds: Callable[[str, Path], bool] | None = None) -> bool:
        """Keep the tree at `rel` as it is (an unchanged agency's search bundle) if it holds exactly
        `files` (and each is one `holds` proves); False if not (a folder damaged since, or copied by
        a gkml that copied other files): it is to be copied again, or the portal would serve it so
        for as long as the agency is unchanged."""
        found = list(self._walk(rel))
        names = {name[len(rel) + 1:]: self.place(rel) / name[len(rel) + 1:] for name in found}
        if set(names) != set(files) or (holds is not None and not all(holds(n, p) for n, p in names.items())):
            return False
        self.kept.update(found)
        return True

    def keep_files(self, rel: str, files: Iterable[str]) -> None:
        """Keep these files of the tree at `rel` (proved by the caller); any other is removed."""
        self.kept.update(f"{rel}/{name}" for name in files)

    def unkeep(self, rel: str) -> None:
        """The tree at `rel` no longer kept (an agency's publication dropped after all): prune removes it."""
        self.kept = {name for name in self.kept if not name.startswith(rel + "/")}

    def stage_tree(self, source: Path, files: Iterable[str], dest: str, holds: Callable[[str, Path], bool]) -> str | None:
        """Link (or copy) `files` (relative to `source`) into a staging folder for `dest`; the
        first file that `holds` finds is not the one verified (a site swapped or rebuilt since),
        else None. Nothing the portal serves changes until `commit_staged`.

        Hard links when source and portal share a file system (no bytes copied; agency
        builds replace their site folder as a whole, never a file in place), else copies.
        """
        target = self.staged(dest)
        if target.exists():
            shutil.rmtree(target)
        made: set[Path] = set()
        for rel in files:
            out = target / rel
            if out.parent not in made:
                out.parent.mkdir(parents=True, exist_ok=True)
                made.add(out.parent)
            try:
                try:
                    os.link(source / rel, out)
                except OSError:
                    shutil.copyfile(source / rel, out)
            except OSError:
                return rel
            if not holds(rel, out):
                return rel
        return None

    def commit_staged(self, dest: str) -> None:
        """Replace the tree at `dest` with its staged files."""
        staged, target = self.staged(dest), self.place(dest)
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.rename(target)
        for name in self._walk(dest):
            self.kept.add(name)
            self.written.append(name)

    def discard_staged(self, dest: str = "") -> None:
        if dest:
            shutil.rmtree(self.staged(dest), ignore_errors=True)
        else:
            for root in (self.root, self.keep_root):
                shutil.rmtree(root / STAGING, ignore_errors=True)

    def prune(self) -> list[str]:
        """Remove files no longer produced (a listing page that went away, a dropped agency)."""
        removed = [rel for rel in self._walk() if rel not in self.kept]
        for rel in removed:
            (self.root / rel).unlink()
        gone = [rel for rel in self._walk(SOURCES) if rel not in self.kept]  # an agency dropped: its copy too
        for rel in gone:
            self.place(rel).unlink()
        if self.keep_root.is_dir():  # the next run's lock (take_turns), there from the first run on
            if not (self.keep_root / LOCK).exists():
                (self.keep_root / LOCK).touch()
            self.kept.add(f"{SOURCES}/{LOCK}")
        for root in (self.root, self.keep_root):
            for folder, _dirs, _names in os.walk(root, topdown=False):
                path = Path(folder)
                if path != self.root and not any(path.iterdir()):
                    path.rmdir()
        return removed

    def note_pending(self, pending: dict[str, str]) -> None:
        """Before kept copies are replaced: the digests of the new ones, so a run cut off after (a disk
        full, killed) leaves copies the next run still takes for the agencies' publications."""
        if pending:
            self.save_state(self.recorded, self.checks, self.feed_id, {**self.pending, **pending}, self.aside)

    def save_state(self, agencies: dict[str, str], checks: int = 0, feed_id: str | None = None,
                   pending: dict[str, str] | None = None, aside: dict[str, str] | None = None) -> None:
        """`checks`: the version of the checks each publication passed once, when first published; `feed_id`:
        the id of the portal's own feed, kept for every later run; `pending`: note_pending's; `aside`: the
        copies kept of agencies left out (selection.Selection.aside)."""
        state = {"gkml_portal": 1, "agencies": agencies, **({"checks": checks} if checks else {}),
                 **({"feed_id": feed_id} if feed_id else {}), **({"pending": pending} if pending else {}),
                 **({"aside": aside} if aside else {})}
        self.write(MARKER, json.dumps(state, ensure_ascii=False, indent=1) + "\n")
