"""The annual statistics' default rows (条例 art. 50's 年报: 规章, 行政规范性文件): which documents
each counts, in the default profile's categories and genres. mkdocs.yml's `stats` replaces them."""

from __future__ import annotations

from typing import Any

DEFAULT_STATS_RULES: dict[str, Any] = {
    "规章": [
        {"categories": ["fgwj"], "genres": ["命令"]},
        {"categories": ["fgwj"], "doc_no_contains": ["令"]},
    ],
    "行政规范性文件": {"categories": ["fgwj"], "genres": ["决定", "通知", "意见", "通告", "公告"]},
}
