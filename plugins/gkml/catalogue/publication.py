"""The publication gate: which documents may reach any output, and why the others may not."""

from __future__ import annotations

from datetime import datetime

from gkml.catalogue.document import Document
from gkml.profile.model import Profile

DRAFT = "草稿"
EMBARGOED = "未到发布时间"


def hold_reason(doc: Document, profile: Profile, now: datetime) -> str | None:
    """Why `doc` must not be published at `now` (Asia/Shanghai aware), or None if it may be."""
    if doc.draft:
        return DRAFT
    for key, allowed in profile.publishable.items():
        value = doc.meta.get(key)
        if value not in allowed:
            return str(value or f"未填写{profile.label(key)}")
    if doc.published > now:
        return EMBARGOED
    return None
