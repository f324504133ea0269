"""The portal's copy of each agency's last good publication (`<portal>.gkml-kept/<slug>/`): found by the org
code it declares under any slug portal.yml gave the agency, and proved to be the publication whose digest the
portal recorded, before a run falls back to it."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from .config import AgencyEntry
from .output import SOURCES, Output
from .signature import check_kept
from .sitecontract import SourceError, declared
from .source import CONTRACT_FILE, Source, read_source

NEVER = "门户中没有该机关成功发布过的版本"


def kept_name(output: Output, entry: AgencyEntry, previous: dict[str, str]) -> str:
    """The name the portal's copy of the agency's last publication declares (for the messages)."""
    found = kept_slug(entry, entry.slug or entry.org_code, output, previous)
    claim = declared(output.place(f"{SOURCES}/{found}")) if found else None
    return claim[1] if claim else entry.org_code


def kept_slug(entry: AgencyEntry, slug: str, output: Output, previous: dict[str, str]) -> str | None:
    """The slug the portal kept the agency's last publication under: its own, else the one it had before
    portal.yml renamed it (the copy declares its org code), so a rename loses no last good publication."""
    known = {*previous, *output.pending}
    for candidate in dict.fromkeys([slug, *previous, *output.pending]):
        if candidate in known and _kept_code(output.place(f"{SOURCES}/{candidate}")) == entry.org_code:
            return candidate
    return None


def _kept_code(folder: Path) -> str | None:
    """The org code a kept copy declares, its contract read once while it is the same file (a portal of
    many agencies, a few without a site this run, looks for each among all of them)."""
    try:
        stat = (folder / CONTRACT_FILE).stat()
    except OSError:
        return None
    return _declared_code(folder, (stat.st_ino, stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=4096)
def _declared_code(folder: Path, _identity: tuple[int, int, int]) -> str | None:
    claim = declared(folder)
    return claim[0] if claim else None


def kept_source(entry: AgencyEntry, slug: str, output: Output, previous: dict[str, str]) -> Source:
    """The publication the portal showed last, read from its copy and verified whole again: it is the
    one whose digest the portal recorded (the copy is of no other publication, nor of another agency), signed
    by the key portal.yml gives the agency now, if any (one added or rotated since)."""
    return check_kept(_recorded(entry, kept_slug(entry, slug, output, previous) or slug, output, previous),
                      entry.public_key)


def _recorded(entry: AgencyEntry, was: str, output: Output, previous: dict[str, str]) -> Source:
    folder = output.place(f"{SOURCES}/{was}")
    # the one recorded, or one a run cut off after copying it put in its place (Output.note_pending)
    recorded = {digest for digest in (previous.get(was), output.pending.get(was)) if digest}
    if not recorded or not (folder / CONTRACT_FILE).is_file():
        raise SourceError(NEVER)
    source = read_source(folder)
    if source.contract_sha256 not in recorded or source.org_code != entry.org_code:
        raise SourceError(f"门户保存的副本（{folder}）不是上一次发布的版本")
    return source


def set_aside(entries: Sequence[AgencyEntry], chosen: dict[str, str], output: Output,
              previous: dict[str, str]) -> dict[str, str]:
    """The copies of the agencies portal.yml lists that this run leaves out (a key their copy is not signed by, an
    address another claims, a search index the portal's Pagefind does not read), each still the publication recorded: kept, not served, with its
    digest (slug -> digest), so a later run falls back to it. `chosen`: org code -> slug of those published."""
    aside: dict[str, str] = {}
    for entry in entries:
        if entry.org_code in chosen:
            continue
        was = kept_slug(entry, entry.slug or entry.org_code, output, previous)
        if was is None or was in chosen.values() or was in aside:
            continue
        try:
            source = check_kept(_recorded(entry, was, output, previous), None)
        except SourceError:  # not the publication recorded: pruned
            continue
        output.keep_files(f"{SOURCES}/{was}", source.files())
        aside[was] = source.contract_sha256
    return aside
