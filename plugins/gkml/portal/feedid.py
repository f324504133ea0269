"""The id of the portal's own feed without a site_url: made once and kept in the portal's state, so
renaming the portal (its title) or adding an agency keeps it; a feed reader takes a new id for a new feed.
Made from what the first run was of, so two portals made alike have the same bytes."""

from __future__ import annotations

import re
import uuid

_ID = re.compile(rb"<feed\b[^>]*>.*?<id>([^<]{1,300})</id>", re.DOTALL)
_URI = re.compile(r"(?:tag|urn|https?):[!-~]+")


def feed_id(kept: str | None, published: bytes | None, first: str) -> str:
    """`kept`: the id the portal's state recorded; else the id of the feed the portal published last
    (an earlier gkml's, made from its title, or a state file cut off); else a new one, from `first`
    (what this first run is of: its title and agencies)."""
    if kept and _URI.fullmatch(kept):
        return kept
    found = _ID.search(published or b"")
    if found:
        text = found.group(1).decode("utf-8", "replace").strip()
        if _URI.fullmatch(text):
            return text
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'gkml-portal:' + first)}"
