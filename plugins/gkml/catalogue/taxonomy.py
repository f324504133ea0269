"""Hugo-style taxonomies: one mechanism turns any field into value pages.

A taxonomy names a field and how its values become terms: `value` (each value,
lists give several), `year` (the year of a date) or `tree` (a category and all
its ancestors, so a parent lists its whole subtree).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gkml.catalogue.document import Document
from gkml.profile.model import CategoryTree

_ASCII_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class TaxonomySpec:
    field: str
    slug: str  # URL folder
    title: str  # Chinese heading, e.g. 发布机构
    by: str = "value"  # value | year | tree


@dataclass(frozen=True)
class Term:
    key: str  # the value as editors wrote it (or the year, or the category slug)
    name: str  # what readers see
    slug: str  # URL-safe and stable: derived from the value only
    depth: int = 0


@dataclass
class Taxonomy:
    spec: TaxonomySpec
    terms: list[Term]  # display order
    documents: dict[str, list[Document]]  # term key -> documents, catalogue order

    def count(self, key: str) -> int:
        return len(self.documents.get(key, ()))


def term_slug(value: str) -> str:
    """ASCII values keep their name; others get a short stable hash (old PCs, zip tools
    and USB sticks do not all agree on non-ASCII file names)."""
    lowered = value.lower()
    if _ASCII_SLUG.match(lowered):
        return lowered
    return "t" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]


def _values(doc: Document, spec: TaxonomySpec) -> list[str]:
    value: Any = doc.meta.get(spec.field)
    if value is None or value == "":
        return []
    if spec.by == "year":
        return [str(value.year)] if isinstance(value, date) else []
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return [str(value)]


def build_taxonomy(spec: TaxonomySpec, published: Sequence[Document], tree: CategoryTree) -> Taxonomy:
    """Group the (already sorted) published documents by term; linear in documents × terms."""
    documents: dict[str, list[Document]] = defaultdict(list)
    for doc in published:
        keys = _values(doc, spec)
        if spec.by == "tree":
            keys = [*(c.slug for c in tree.ancestors(doc.category)), doc.category] if doc.category in tree else []
        for key in keys:
            documents[key].append(doc)
    if spec.by == "tree":
        terms = [Term(c.slug, c.name, c.slug, depth) for c, depth in tree.walk()]
    elif spec.by == "year":
        terms = [Term(k, f"{k}年", k) for k in sorted(documents, reverse=True)]
    else:
        ordered = sorted(documents, key=lambda k: (-len(documents[k]), k))
        terms = [Term(k, k, term_slug(k)) for k in ordered]
    return Taxonomy(spec, terms, dict(documents))
