"""The published catalogue: what passed the gate, in reading order, with its relations."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from gkml.catalogue.document import Document
from gkml.catalogue.publication import hold_reason
from gkml.profile.model import Profile


@dataclass
class Catalogue:
    published: list[Document]  # newest first; ties broken by index number
    withdrawn: list[Document]  # once published, now withdrawn: a notice page each
    held_back: Counter[str]  # reason -> count (never the documents themselves)
    by_index: dict[str, Document] = field(default_factory=dict)  # published and withdrawn
    replaces: dict[str, list[Document]] = field(default_factory=dict)  # index_no -> documents it replaced
    interpretations: dict[str, list[Document]] = field(default_factory=dict)  # policy index_no -> its published 解读
    neighbours: dict[str, tuple[Document | None, Document | None]] = field(default_factory=dict)


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """Newest published first; the index number breaks ties so the order is stable."""
    docs = sorted(documents, key=lambda d: d.index_no)
    docs.sort(key=lambda d: d.published, reverse=True)
    return docs


def build_catalogue(documents: Sequence[Document], profile: Profile, now: datetime) -> Catalogue:
    held: Counter[str] = Counter()
    live: list[Document] = []
    withdrawn: list[Document] = []
    for doc in documents:
        reason = hold_reason(doc, profile, now)
        if reason:
            held[reason] += 1
        elif doc.withdrawn:
            withdrawn.append(doc)
        else:
            live.append(doc)
    published = newest_first(live)
    catalogue = Catalogue(published, newest_first(withdrawn), held)
    catalogue.by_index = {doc.index_no: doc for doc in [*published, *withdrawn]}
    catalogue.replaces = _naming(published, catalogue.by_index, lambda doc: doc.superseded_by)
    catalogue.interpretations = _naming(published, catalogue.by_index, lambda doc: doc.interprets)
    catalogue.neighbours = _neighbours_in_category(published)
    return catalogue


def _naming(published: list[Document], by_index: dict[str, Document],
            named: Callable[[Document], str | None]) -> dict[str, list[Document]]:
    """Each document of the catalogue's index number -> the published documents whose `named`
    field (替代文件, 解读对象) is it, in reading order."""
    found: dict[str, list[Document]] = defaultdict(list)
    for doc in published:
        if (index_no := named(doc)) and index_no in by_index:
            found[index_no].append(doc)
    return dict(found)


def replacements(catalogue: Catalogue, doc: Document) -> list[Document]:
    """The documents that replaced `doc`, each the next one's 替代文件 (A→B→C: [B, C]); the last one
    is the version a reader of A is after. Stops where a 替代文件 is not in the catalogue or the
    chain comes back round (linear: each document once)."""
    chain: list[Document] = []
    seen = {doc.index_no}
    target = doc.superseded_by
    while target and target not in seen and (found := catalogue.by_index.get(target)) is not None:
        chain.append(found)
        seen.add(target)
        target = found.superseded_by
    return chain


def _neighbours_in_category(published: list[Document]) -> dict[str, tuple[Document | None, Document | None]]:
    """(newer, older) within the same category, in one pass over the sorted list."""
    by_category: dict[str, list[Document]] = defaultdict(list)
    for doc in published:
        by_category[doc.category].append(doc)
    neighbours: dict[str, tuple[Document | None, Document | None]] = {}
    for docs in by_category.values():
        for i, doc in enumerate(docs):
            neighbours[doc.index_no] = (docs[i - 1] if i else None, docs[i + 1] if i + 1 < len(docs) else None)
    return neighbours
