"""A page the catalogue generates: its path, title, template and a context factory.

The context is built only when MkDocs renders the page, so nothing is held in memory before.
A page of a listing also names what its context is made from (`inputs`: the listing, made
once for all its pages, and the page's number), so its key is found without making it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gkml.site.views import Listing

Context = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    title: str
    template: str
    context: Context
    inputs: Callable[[], tuple[Listing, int]] | None = None  # what `context` is made from (besides the settings)
    # not None: `context` is made from the documents' front-matter values only (no body) and
    # this plain data (a year …), so the page's key is made from them without making it
    of_values: Any = None
