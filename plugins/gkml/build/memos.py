"""The build's memos (gkml.memo): what is expensive per document, kept across builds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gkml.fingerprint import Unfingerprintable, digest, file_sha256, versions
from gkml.memo import Memo
from gkml.site import sanitize, summary


def summaries(cache_dir: Path, extensions: Sequence[Any], configs: Mapping[str, Any]) -> Memo | None:
    """内容概述 by body: made by the summary and sanitiser code with the site's Markdown extensions."""
    try:
        namespace = digest(versions(), [file_sha256(Path(m.__file__)) for m in (summary, sanitize) if m.__file__],
                           list(extensions), dict(configs), summary.LIMIT)
    except (Unfingerprintable, OSError):
        return None
    return Memo(cache_dir / "memo-summaries.json", namespace)
