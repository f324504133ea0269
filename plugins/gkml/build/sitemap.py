"""The sitemap of every page, rendered now or carried over from the last build (MkDocs' own
sitemap lists only the pages it renders), and carried over itself when nothing it shows changed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_build_date

from gkml.build.carryover import CarryOver
from gkml.fingerprint import digest
from gkml.site.routes import Routes, path_of_html

SITEMAP = "sitemap.xml"  # a static template of MkDocs' theme, which also writes sitemap.xml.gz
_MADE = (SITEMAP, SITEMAP + ".gz")


def sitemap_view(config: MkDocsConfig, urls: list[str]) -> dict[str, Any]:
    """What the theme's sitemap template shows: every page's absolute address and the date (an
    online site's only: an offline copy has none, configuring.configure)."""
    return {"locations": [online_address(config, url, None) for url in urls], "lastmod": get_build_date()}


def online_address(config: MkDocsConfig, url: str, online: Routes | None) -> str:
    """A page's absolute address (MkDocs' page or file url); `online`: an offline copy's, the
    online site's routes, by which it names the page's address online, not its file's in the copy."""
    return _absolute(config, online.url(path_of_html(url)) if online is not None else url)


def carry_sitemap_over(carry: CarryOver | None, config: MkDocsConfig, sitemap: dict[str, Any]) -> str | None:
    """The sitemap (and MkDocs' gzip of it, dated by `lastmod` too) is made from the pages'
    addresses and the date alone: carried over when they are unchanged, not rendered. Returns
    the key to record the sitemap MkDocs writes by (record_sitemap), None when it is carried or not
    written: a site without site_url has none, since a sitemap names pages by absolute addresses
    (sitemaps.org). Taken out of the theme's templates only now that MkDocs has listed the theme's
    files: listed before, the template itself was copied to the site as sitemap.xml."""
    if not config.site_url:
        config.theme.static_templates.discard(SITEMAP)
        return None
    if carry is None or SITEMAP not in config.theme.static_templates:
        return None
    key = digest(carry.fingerprint, "sitemap", sitemap)
    if carry.reuse_group("sitemap", key, Path(config.site_dir)):
        config.theme.static_templates.discard(SITEMAP)
        return None
    return key


def record_sitemap(carry: CarryOver | None, key: str | None, site_dir: Path) -> None:
    """The sitemap MkDocs wrote this build, recorded by `key` (carry_sitemap_over) for the next."""
    if carry is not None and key is not None and all((site_dir / name).is_file() for name in _MADE):
        carry.record_group("sitemap", key, site_dir, _MADE)


def _absolute(config: MkDocsConfig, url: str) -> str:
    if config.site_url:
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        # a page's own address (doc/x/): joined as text, as urljoin would (15,000 of them at 10k)
        return base + url if _PLAIN_PATH.fullmatch(url) else urljoin(base, url)
    return "/" + url  # not published: a site without site_url writes no sitemap (carry_sitemap_over)


_PLAIN_PATH = re.compile(r"(?:[\w~-][\w.~-]*/)*(?:[\w~-][\w.~-]*)?", re.ASCII)  # no scheme, no ./.., no query
