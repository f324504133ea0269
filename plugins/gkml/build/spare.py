"""The spare: a folder of the last site's pages the next `mkdocs build` starts from (its
thousands of folders stand; gkml.build.linker refreshes it). It is the site a build replaces
when the two share most files; a build made whole shares none, so its own pages are linked
into a new one while it waits for its search index (gkml.build.linker.Mirroring)."""

from __future__ import annotations

import os
from pathlib import Path

from gkml.build.atomic import AtomicOutput
from gkml.build.carryover import CarryOver
from gkml.build.linker import Mirroring
from gkml.config import GkmlConfig


def spares_folder(cache_dir: Path, options: GkmlConfig) -> Path | None:
    """Where spares are kept: POSIX, incremental builds of an online site only."""
    # the replaced site is kept for the next build to start from where it can take it (gkml.build.linker)
    return cache_dir / "spare" if os.name == "posix" and options.incremental and not options.offline else None


def keeps_replaced_site(carry: CarryOver | None) -> bool:
    """The site this build replaces is kept for the next one to start from when they share
    most files; one made whole shares none: refreshing it would cost more than making its
    folders anew (10k: 7.3 s against 2.7 s), so this site's pages are linked into one
    instead (start_mirroring)."""
    return carry is not None and len(carry.carried) * 2 > len(carry.keys)


def start_mirroring(output: AtomicOutput | None, site_dir: Path, carry: CarryOver | None) -> Mirroring | None:
    """This site's pages linked into the next build's spare, unless the replaced site is kept."""
    if output is None or output.spare is None or keeps_replaced_site(carry):
        return None
    try:
        return Mirroring(site_dir, output.spare.with_name(output.spare.name + ".partial"))
    except OSError:
        return None
