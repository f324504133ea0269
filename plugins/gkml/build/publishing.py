"""The written site verified, then what describes it written once its pages and search index
are: the publication contract a portal reads (gkml portal, docs/portal.md), the offline search
files and the carry-over manifest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path

from gkml.build.carryover import CarryOver
from gkml.build.hashing import Hashing
from gkml.build.preview import PreviewSearch
from gkml.build.verify import verify_outputs
from gkml.config import GkmlConfig
from gkml.outputs import contract
from gkml.search.offline import make_offline
from gkml.site import printdate
from gkml.site.views import Site


def verify_and_publish(site_dir: Path, options: GkmlConfig, site_url: str, site: Site, carry: CarryOver | None,
                       now: datetime, records: Callable[[], int | None], preview_search: PreviewSearch | None) -> None:
    """`records`: the search index's, waited for; `preview_search`: serve's, still being made."""
    printdate.stamp(site_dir)  # before its time is recorded in the manifest
    # the pages are written: hashed for the manifest while the search index is finished
    hashing = carry.hash_ahead(site_dir) if carry is not None and preview_search is None else None
    try:
        verify_outputs(site_dir, site, options.page_size, records)
    except BaseException:
        if hashing is not None:
            hashing.stop()
        raise
    if preview_search is not None:  # serve: written again once the new search bundle is in place
        preview_search.show(publisher(site_dir, options, site_url, site, carry, now))
    else:
        publisher(site_dir, options, site_url, site, carry, now, hashing)()


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
                known=carry.digests() if carry else None, preview=options.preview is True))
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
