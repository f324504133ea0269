"""What describes a finished site, written once its pages and search index are: the
publication contract a portal reads (gkml portal, docs/portal.md), the offline search
files and the carry-over manifest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path

from gkml.build.carryover import CarryOver, Hashing
from gkml.config import GkmlConfig
from gkml.outputs import contract
from gkml.search.offline import make_offline
from gkml.site.views import Site


def publisher(site_dir: Path, options: GkmlConfig, site_url: str, site: Site, carry: CarryOver | None,
              now: datetime, hashing: Hashing | None = None) -> Callable[[], None]:
    """The writing of what describes the site (`hashing`: the manifest's files' digests taken
    so far); `mkdocs serve` runs it again once its search index is in place."""

    def publish() -> None:
        if not options.offline:
            contract.write_contract(site_dir, contract.site_contract(
                site_dir, agency=options.agency, org_code=options.org_code, site_url=site_url,
                gkml_version=_gkml_version(), built=now.isoformat(timespec="seconds"),
                counts={"documents": len(site.catalogue.published), "withdrawn": len(site.catalogue.withdrawn)},
                known=carry.digests() if carry else None))
        if options.offline and options.search:
            make_offline(site_dir)
        if carry:
            carry.save(site_dir, hashing)

    return publish


def _gkml_version() -> str:
    try:
        return metadata.version("gkml")
    except metadata.PackageNotFoundError:
        return "unknown"
