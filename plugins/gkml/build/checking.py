"""One build's check of the docs folder at the gate (gkml.build.gate), with the check cache:
the documents, the digests their pages' keys are made from, and their problems told."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError

from gkml.build.gate import check_site
from gkml.build.progress import build_status_line
from gkml.config import Project
from gkml.content.body import LinkTargets
from gkml.content.checkcache import (
    SourceChanged,
    SourceDigests,
    cores,
    open_check_cache,
)
from gkml.content.heldnumbers import written_numbers
from gkml.content.loader import CheckResult
from gkml.memo import Memo
from gkml.site.includes import Includes

log = logging.getLogger("mkdocs.plugins.gkml")


class BodyChanged(SourceChanged, BuildError):
    """A page's body whose file changed since its check: MkDocs stops the build and tells it in one line."""


@dataclass
class Checked:
    result: CheckResult
    source_digests: dict[str, str]  # a document's bytes and the files its body includes, for its page's key
    meta_digests: dict[str, str | None]  # its values, for the keys of the pages that show it


def check_documents(project: Project, now: datetime, config: MkDocsConfig, settle: Callable[[], None]) -> Checked:
    """Every file of the docs folder checked before MkDocs walks it: MkDocs follows symlinks
    (out of the project, or round in a loop) and copies whatever it finds. `settle`: what is
    made so far kept out of the collector's walks (gkml.build.memory.settle), or nothing."""
    collecting = gc.isenabled()
    gc.disable()  # the first collection after the cache's load walked all it remembers (10,000 files: 0.02 s)
    try:
        cache = open_check_cache(project.root / project.options.cache_dir, project.profile, with_bodies=True,
                                 workers=cores(), source_changed=BodyChanged)
        settle()
    finally:
        if collecting:
            gc.enable()
    includes = Includes(config.markdown_extensions, config.mdx_configs)
    # the index numbers each document writes, kept by its bytes: a build with nothing changed reads no body for them
    numbers = LinkTargets(Memo(project.root / project.options.cache_dir / "memo-held-numbers.json", cache.head.hex()),
                          SourceDigests(cache), lambda doc: written_numbers(doc, project.profile))
    checked = check_site(project, now, base=project.root, publishing=True, checker=cache.check,
                         progress=build_status_line(log).counter("检查文件"), includes=includes, held_numbers=numbers)
    cache.save()
    with contextlib.suppress(OSError):  # a read-only project still builds, only slower next time
        numbers.save(prune=True)
    source_digests = cache.source_digests()  # a document's bytes, for its page's key
    if includes:  # and the files its body includes (pymdownx.snippets)
        source_digests = includes.sources(source_digests, {doc.src_path: doc.body for doc in checked.documents})
    return Checked(checked, source_digests, cache.meta_digests())


def refused(checked: CheckResult, *, serve: bool) -> tuple[list[str], str] | None:
    """The problems told; a build with any is refused. `serve`: the preview shows them in the
    browser instead (returned: the problems and their summary) until they are fixed; links and
    special files too (the plugin then gives MkDocs an empty folder to walk: it would follow
    them; refused, the preview stalled). None: no problem."""
    if checked.problems:
        for problem in checked.problems:
            log.error(problem.format())
        message = f"公开目录中有 {len(checked.problems)} 个问题，未生成网站。请先修正（可运行 gkml check 查看）。"
        if serve:
            return [problem.format() for problem in checked.problems], message
        raise PluginError(message)
    for notice in checked.notices:  # TODOs left open, blank optional fields: told, summed up at the end, not failing (--strict)
        log.info(notice.format())
    return None
