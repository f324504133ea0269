"""A build that failed (`on_build_error`): what it started stopped, its new site abandoned, and
a write the system refused (disk full, no permission) told to the editor, ending the build."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from gkml.build.atomic import AtomicOutput, failed_writing
from gkml.build.carryover import CarryOver
from gkml.build.linker import LinkingAhead
from gkml.build.search_run import SearchRun
from gkml.build.serving import Serving
from gkml.build.spare import Mirroring

log = logging.getLogger("mkdocs.plugins.gkml")


def clean_up(error: BaseException, *, carry: CarryOver | None, ahead: LinkingAhead | None, mirroring: Mirroring | None,
             search: SearchRun | None, serving: Serving, output: AtomicOutput | None, site_dir: Path | None) -> None:
    """`output`: `mkdocs build`'s, None under serve; `site_dir`: the site folder, told of a
    failed write when the build failed before its output was set up."""
    if carry and output is None:
        carry.forget()  # serve: the folder the manifest describes is gone
    if ahead is not None:
        ahead.abandon()
    if mirroring is not None:
        mirroring.abandon()
    if search is not None:
        search.abort()
    serving.stop_search()
    if output is not None:
        output.abandon()
    final = output.final if output is not None else site_dir
    if final is not None and (told := failed_writing(error, final)):
        log.error(f"gkml: {told}")
        raise Abort("Aborted with a BuildError!") from None
