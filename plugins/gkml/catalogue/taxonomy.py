"""Hugo-style taxonomies: one mechanism turns any field into value pages.

A taxonomy names a field and how its values become terms: `value` (each value,
lists give several), `year` (the year of a date) or `tree` (a category and all
its ancestors, so a parent lists its whole subtree).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gkml.catalogue.document import Document
from gkml.profile.model import CategoryTree

# A term page's folder: a long name would pass no file system's 255-byte limit (nor the
# 260-character paths of the offline copy on Windows), so it is hashed like a non-ASCII one.
_ASCII_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class TaxonomySpec:
    field: str
    slug: str  # URL folder
    title: str  # Chinese heading, e.g. 发布机构
    by: str = "value"  # grouping: value | year | tree
    order: str = ""  # term order: count | name | newest | tree; "" = the grouping's natural order


@dataclass(frozen=True)
class Term:
    key: str  # the value as editors wrote it (or the year, or the category slug)
    name: str  # what readers see
    slug: str  # URL-safe and stable: derived from the value only
    depth: int = 0
    children: tuple[str, ...] = ()  # keys of the terms below this one (tree grouping)


@dataclass
class Taxonomy:
    spec: TaxonomySpec
    terms: list[Term]  # display order
    documents: dict[str, list[Document]]  # term key -> documents, catalogue order

    @property
    def hierarchical(self) -> bool:
        """Terms nest (a parent lists its whole subtree), so pages show children and a trail."""
        return self.spec.by == "tree"

    def count(self, key: str) -> int:
        return len(self.documents.get(key, ()))


def term_slug(value: str) -> str:
    """Short ASCII values keep their name; others get a short stable hash (old PCs, zip tools
    and USB sticks do not all agree on non-ASCII file names)."""
    lowered = value.lower()
    if _ASCII_SLUG.fullmatch(lowered):
        return lowered
    return "t" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]


# --- grouping: which term keys a document files under ----------------------------

def _field_values(doc: Document, field: str) -> list[str]:
    value: Any = doc.meta.get(field)
    if value is None or value == "":
        return []
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return [str(value)]


def _by_value(doc: Document, spec: TaxonomySpec, tree: CategoryTree) -> list[str]:
    return _field_values(doc, spec.field)


def _by_year(doc: Document, spec: TaxonomySpec, tree: CategoryTree) -> list[str]:
    value: Any = doc.meta.get(spec.field)
    return [str(value.year)] if isinstance(value, date) else []


def _by_tree(doc: Document, spec: TaxonomySpec, tree: CategoryTree) -> list[str]:
    key = str(doc.meta.get(spec.field) or "")
    return [*(c.slug for c in tree.ancestors(key)), key] if key in tree else []


GROUPINGS: dict[str, Callable[[Document, TaxonomySpec, CategoryTree], list[str]]] = {
    "value": _by_value, "year": _by_year, "tree": _by_tree,
}


# --- terms and their order, a separate view of the grouping -----------------------

def _terms(spec: TaxonomySpec, keys: Sequence[str], tree: CategoryTree) -> list[Term]:
    if spec.by == "tree":
        return [Term(c.slug, c.name, c.slug, depth, tuple(c.children)) for c, depth in tree.walk()]
    if spec.by == "year":
        return [Term(k, f"{k}年", k) for k in keys]
    return [Term(k, k, term_slug(k)) for k in keys]


ORDERS: dict[str, Callable[[list[Term], Mapping[str, list[Document]]], list[Term]]] = {
    "tree": lambda terms, docs: terms,  # the category tree's own order (depth first)
    "count": lambda terms, docs: sorted(terms, key=lambda t: (-len(docs.get(t.key, ())), t.key)),
    "name": lambda terms, docs: sorted(terms, key=lambda t: t.key),
    "newest": lambda terms, docs: sorted(terms, key=lambda t: t.key, reverse=True),
}
NATURAL_ORDER = {"value": "count", "year": "newest", "tree": "tree"}


def build_taxonomy(spec: TaxonomySpec, published: Sequence[Document], tree: CategoryTree) -> Taxonomy:
    """Group the (already sorted) published documents by term, then order the terms; linear in documents × terms."""
    documents: dict[str, list[Document]] = defaultdict(list)
    group = GROUPINGS[spec.by]
    for doc in published:
        for key in group(doc, spec, tree):
            documents[key].append(doc)
    terms = _terms(spec, sorted(documents), tree)
    ordered = ORDERS[spec.order or NATURAL_ORDER[spec.by]](terms, documents)
    return Taxonomy(spec, ordered, dict(documents))


def every_slug_clash(specs: Sequence[TaxonomySpec], documents: Sequence[Document],
                     values: TermValues | None = None) -> list[tuple[TaxonomySpec, Document, str, Document, str]]:
    """(taxonomy, document, its value, earlier document, its value) for each value whose term slug an
    earlier, different value of its field already has (`ABC` and `abc`): one term page would replace
    the other. The documents are read once for every taxonomy; `values`: their values already
    gathered (the check's one pass over the documents, gkml.content.crossfacts)."""
    if values is None:
        values = TermValues(specs)
        for doc in documents:
            values.add(doc.meta)
    may_clash = values.may_clash()
    return [(spec, *clash) for spec in specs if spec.by == "value" and spec.field in may_clash
            for clash in _clashes(spec.field, documents)]


def _clashes(field: str, documents: Sequence[Document]) -> list[tuple[Document, str, Document, str]]:
    first: dict[str, tuple[Document, str]] = {}
    # a catalogue has few distinct values and many documents: each value's answer is worked out once
    clashing: dict[str, tuple[Document, str] | None] = {}  # value -> the earlier (document, value) it clashes with
    clashes = []
    for doc in documents:
        for key in _field_values(doc, field):
            if key in clashing:
                earlier = clashing[key]
            else:
                earlier = first.setdefault(term_slug(key), (doc, key))
                earlier = clashing[key] = None if earlier[1] == key else earlier
            if earlier is not None:
                clashes.append((doc, key, *earlier))
    return clashes


class TermValues:
    """The distinct values of each `value` taxonomy's field, gathered document by document: the
    fields two of whose values share a slug are looked for among them first (the check runs this
    over every document on every run, and clashes are rare), each document's values read once
    for every field (a pass per field cost the one-file check at 10,000 documents twice the time)."""

    def __init__(self, specs: Sequence[TaxonomySpec]) -> None:
        self.distinct: dict[str, set[Any]] = {spec.field: set() for spec in specs if spec.by == "value"}
        self.unhashable: set[str] = set()  # a value that cannot be a set member: its field's documents walked
        self.pairs = list(self.distinct.items())  # (field, its values)

    def add(self, meta: Mapping[str, Any]) -> None:
        get = meta.get
        for field, seen in self.pairs:
            try:
                seen.add(get(field))
            except TypeError:
                self.unhashable.add(field)

    def may_clash(self) -> set[str]:
        return self.unhashable | {field for field, values in self.distinct.items()
                                  if field not in self.unhashable and _share_a_slug(values)}


def _share_a_slug(values: set[Any]) -> bool:
    keys: set[str] = set()
    for value in values:
        if isinstance(value, (tuple, list)):
            keys.update(map(str, value))
        elif value is not None and value != "":
            keys.add(str(value))
    return len({term_slug(key) for key in keys}) < len(keys)
