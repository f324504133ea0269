"""What the rules across documents read of every document, gathered in one pass.

Each rule (gkml.content.crosscheck, gkml.content.heldback) used to walk every document for
itself: at 100,000 documents each walk is a pass over 100,000 dicts that no longer fit the
CPU's caches. One pass here collects what each needs: the documents by index number, those
held back now, each attachment's documents, and the few documents a rule looks at more closely
(those naming another document, those dated after the check's moment or published far ahead of it); the rules then read
only those.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gkml.catalogue.document import Document
from gkml.catalogue.publication import hold_reason
from gkml.catalogue.taxonomy import TaxonomySpec, TermValues
from gkml.profile.model import Profile

# An embargo is a matter of days or months: a 发布日期 further ahead is most likely a mistyped year
# (2092 for 2029), and the document would stay unseen until then, with nothing said
FAR_AHEAD_DAYS = 366


def reference_keys(profile: Profile) -> list[str]:
    """The fields naming another document by its index number; a 解读's `interprets` has rules of
    its own (crosscheck._interpretation_problems)."""
    return [spec.key for spec in profile.fields.values() if spec.type == "index_ref" and spec.key != "interprets"]


@dataclass
class CrossFacts:
    """What the rules across documents read, in the documents' order."""

    documents: list[Document]
    by_index: dict[str, list[Document]]  # index number -> its documents (the rules read the first or the last)
    held: dict[str, str]  # src_path -> why it is held back at the check's moment
    owners: dict[str, list[Document]]  # each attached file -> the documents attaching it
    naming: list[Document]  # those with a 替代文件 or a 解读对象
    referring: list[Document]  # those with a value in a reference field (reference_keys)
    withdrawn_later: list[Document]  # withdrawn on a day after the check's
    created_later: list[Document]  # a 生成日期 after the check's day
    published_far: list[Document]  # a 发布日期 more than FAR_AHEAD_DAYS after the check's day
    terms: TermValues = field(default_factory=lambda: TermValues(()))


def gather(documents: Iterable[Document], profile: Profile, now: datetime,
           taxonomies: Sequence[TaxonomySpec] = ()) -> CrossFacts:
    """Every document read once, at `now` (the check's or the build's moment)."""
    keys = reference_keys(profile)
    today = now.date()
    created_field = "created" in profile.fields  # else a 生成日期 is none of the check's business
    far_day = today + timedelta(days=FAR_AHEAD_DAYS)
    facts = CrossFacts([], {}, {}, {}, [], [], [], [], [], TermValues(taxonomies))
    docs, by_index, held, owners = facts.documents, facts.by_index, facts.held, facts.owners
    term_fields, unhashable = facts.terms.pairs, facts.terms.unhashable  # TermValues.add, inlined: a call a document
    for doc in documents:
        docs.append(doc)
        meta = doc.meta
        get = meta.get
        same = by_index.get(doc.index_no)
        if same is None:
            by_index[doc.index_no] = [doc]
        else:
            same.append(doc)
        if reason := hold_reason(doc, profile, now):
            held[doc.src_path] = reason
        for attachment in get("attachments", ()):
            owners.setdefault(attachment.file, []).append(doc)
        if get("superseded_by") or get("interprets"):
            facts.naming.append(doc)
        for key in keys:
            if get(key):
                facts.referring.append(doc)
                break
        if (withdrawn := get("withdrawn")) is not None and withdrawn.date > today:
            facts.withdrawn_later.append(doc)
        if created_field and isinstance(created := get("created"), date) and created > today:
            facts.created_later.append(doc)
        if meta["published"].date() > far_day:
            facts.published_far.append(doc)
        for name, seen in term_fields:
            try:
                seen.add(get(name))
            except TypeError:
                unhashable.add(name)
    return facts
