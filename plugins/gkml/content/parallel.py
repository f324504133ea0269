"""Checking many document files on every core: the first check of a large catalogue.

Each file's check is pure (bytes and profile in, result out), so files are checked in
worker processes and the results come back in order, exactly as one process makes them.
Processes start however the platform starts them (spawn on Windows and macOS, fork on
Linux); where they cannot start, or one dies, the files are checked here instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import NamedTuple

from gkml.catalogue.document import Document
from gkml.content.loader import FileJob, read_bytes, unreadable
from gkml.content.rootpaths import answering
from gkml.content.validation import FileResult, check_file
from gkml.fingerprint import Unfingerprintable, digest
from gkml.profile.model import Profile

# Below this many files a second process costs more than it saves (starting a Python
# that imports gkml is ~0.3 s on Windows; checking one file ~0.4 ms).
PARALLEL_FROM = 2000
_CHUNK = 250


class Checked(NamedTuple):
    result: FileResult
    queries: tuple[tuple[str, bool], ...]  # what "does this file exist" was asked, and the answers
    sha256: bytes  # of the bytes checked
    meta_digest: str | None  # of the document's front-matter values (None: no document, or no digest)


def meta_digest(document: Document | None) -> str | None:
    """What the rest of the catalogue sees of a document (its values, not its body), as a digest."""
    if document is None:
        return None
    try:
        return digest("meta", document.meta)
    except Unfingerprintable:
        return None


def check_one(job: FileJob, profile: Profile, exists: Callable[[str], bool]) -> Checked:
    """`exists`: rootpaths.answering of the catalogue's files, made once for every file (its
    any-case set is made on the first such query, and would be again for each file)."""
    try:
        data = read_bytes(job.path)
    except OSError as error:  # deleted or locked since the scan: told, never remembered (gkml.content.checkcache)
        return Checked(FileResult(None, [unreadable(job.rel, error)]), (), b"", None)
    result = check_file(job.rel, data, profile, exists)
    return Checked(result, result.queries, hashlib.sha256(data).digest(), meta_digest(result.document))


_worker: tuple[Profile, Callable[[str], bool], bool] | None = None  # what every chunk of a worker shares


def _start_worker(profile: Profile, catalogue_files: frozenset[str], with_bodies: bool) -> None:
    global _worker
    _worker = (profile, answering(catalogue_files), with_bodies)


def _check_chunk(jobs: Sequence[FileJob]) -> list[Checked]:
    assert _worker is not None
    profile, exists, with_bodies = _worker
    checked = [check_one(job, profile, exists) for job in jobs]
    if with_bodies:
        return checked
    # bodies are most of a document's bytes, and the caller does not want them
    return [c._replace(result=dataclasses.replace(c.result, document=dataclasses.replace(c.result.document, text="")))
            if c.result.document else c for c in checked]


def check_jobs(jobs: Sequence[FileJob], profile: Profile, catalogue_files: Collection[str], *,
               with_bodies: bool, workers: int) -> Iterator[Checked]:
    """Every job checked, in order: here, or by up to `workers` processes when there are many."""
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        results = _in_processes(jobs, profile, frozenset(catalogue_files), with_bodies, workers)
        if results is not None:
            yield from results
            return
    exists = answering(catalogue_files)
    for job in jobs:
        yield check_one(job, profile, exists)


def _in_processes(jobs: Sequence[FileJob], profile: Profile, catalogue_files: frozenset[str], with_bodies: bool,
                  workers: int) -> list[Checked] | None:
    # imported here: most checks never start a process
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [jobs[start:start + _CHUNK] for start in range(0, len(jobs), _CHUNK)]
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), initializer=_start_worker,
                                 initargs=(profile, catalogue_files, with_bodies)) as pool:
            return [checked for part in pool.map(_check_chunk, chunks) for checked in part]
    except (OSError, ImportError, NotImplementedError, BrokenProcessPool):
        return None  # no processes here (a locked-down Windows, a sandbox): check in this one
