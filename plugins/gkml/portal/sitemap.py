"""The portal's sitemap.xml: its own pages only (the documents' pages are the agencies', in their
sitemaps), so nothing of an agency left out is listed. Absolute addresses need the portal's
site_url: without it there is none. No lastmod: the file changes only when the pages do."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

SITEMAP_FILE = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(site_url: str, paths: Iterable[str]) -> str:
    """`paths`: the pages' paths below the portal ('' the home page, no trailing slash)."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in paths:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = site_url + (f"{path}/" if path else "")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"
