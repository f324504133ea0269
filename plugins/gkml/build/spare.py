"""The spare: a folder of the last site's pages the next `mkdocs build` starts from (its
thousands of folders stand; gkml.build.linker refreshes it). It is the site a build replaces
when the two share most files; a build made whole shares none, so its own pages are linked
into a new one while it waits for its search index (Mirroring, by gkml.build.mirror's child)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from gkml.build.atomic import AtomicOutput, discard
from gkml.build.carryover import CarryOver
from gkml.config import GkmlConfig

# seconds a finished build waits for Mirroring: a small site's is done in a fraction of that, a big one's
# while its index is made; 0.5 was exceeded by a small site on a machine under load (no spare: the next
# build started from nothing, and the test of spares failed)
MIRROR_WAIT = 2.0
log = logging.getLogger("mkdocs.plugins.gkml")


def site_output(config: MkDocsConfig, cache_dir: Path, options: GkmlConfig) -> AtomicOutput:
    """`mkdocs build`'s site, swapped in at the end; the site it replaces kept as the spare where
    spares are; a second build of the same site waits for the first, told so."""
    return AtomicOutput(config, cache_dir / "trash", spares_folder(cache_dir, options), cache_dir,
                        lambda: log.info(f"gkml: 另一个 mkdocs build 正在生成 {config.site_dir}，等它完成后再开始。"))


def keeps_spares(options: GkmlConfig) -> bool:
    """Whether builds keep spares: POSIX, incremental builds of an online site only."""
    return os.name == "posix" and options.incremental and not options.offline


def spares_folder(cache_dir: Path, options: GkmlConfig) -> Path | None:
    """Where `mkdocs build` keeps its spares (keeps_spares)."""
    # the replaced site is kept for the next build to start from where it can take it (gkml.build.linker)
    return cache_dir / "spare" if keeps_spares(options) else None


def serve_spare(site_dir: Path, options: GkmlConfig) -> Path | None:
    """`mkdocs serve`'s spare: the output its last rebuild set aside, beside the served folder (the
    system's temporary folder: a rename into the cache could cross file systems), where spares are kept."""
    return site_dir.with_name(site_dir.name + ".gkml-spare") if keeps_spares(options) else None


def keep_set_aside(aside: Path | None, spare: Path | None, carry: CarryOver | None) -> bool:
    """serve: the output a rebuild set aside kept as the next rebuild's spare where the two share most
    files (keeps_replaced_site), else removed (False). A spare not taken by then is removed."""
    if spare is not None and aside is not None and keeps_replaced_site(carry):
        discard(spare)
        try:
            aside.rename(spare)
            return True
        except OSError:
            pass
    if aside is not None:
        discard(aside)
    return False


def start_serve_mirroring(site_dir: Path, spare: Path) -> Mirroring | None:
    """serve: a rebuild that kept no spare (the first, or one made whole) has its pages linked into one
    while the browser reloads, for the next rebuild to take if done by then (take_mirrored)."""
    try:
        return Mirroring(site_dir, spare.with_name(spare.name + ".partial"))
    except OSError:
        return None


def take_mirrored(mirroring: Mirroring, spare: Path) -> None:
    """The folder `mirroring` made, as the spare, if it is done (a rebuild does not wait for it)."""
    made = mirroring.finish(wait=0)
    if made is None:
        return
    discard(spare)
    try:
        made.rename(spare)
    except OSError:
        discard(made)


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


def swap_in(output: AtomicOutput, carry: CarryOver | None, mirroring: Mirroring | None) -> None:
    """`mkdocs build`'s new site swapped in; the spare the site it replaced, where they share
    most files (keeps_replaced_site), else the folder `mirroring` made, if it is done in time."""
    output.commit(keep=keeps_replaced_site(carry), spare=mirroring.finish() if mirroring else None)


class Mirroring:
    """A build made whole replaces a site it shares no file with, which is no spare worth
    keeping: instead a child links the new site's pages into one while the build waits for
    its search index (the other core is idle then), so the next build finds its folders made.
    `mkdocs build` on POSIX only, like the spare itself."""

    def __init__(self, site_dir: Path, partial: Path) -> None:
        self.partial = partial
        shutil.rmtree(partial, ignore_errors=True)
        partial.parent.mkdir(parents=True, exist_ok=True)
        self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-P", "-m", "gkml.build.mirror", str(site_dir.resolve()), str(partial.resolve())],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def finish(self, wait: float = MIRROR_WAIT) -> Path | None:
        """The folder made, if the child is done within `wait` seconds (else it is stopped: no spare)."""
        if self._proc is not None:
            try:
                if self._proc.wait(timeout=wait) == 0:
                    self._proc = None
                    return self.partial
            except subprocess.TimeoutExpired:
                pass
        self.abandon()
        return None

    def abandon(self) -> None:
        """Stopped, and its folder removed."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        discard(self.partial)
