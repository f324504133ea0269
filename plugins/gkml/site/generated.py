"""A page the catalogue generates: its path, title, template and a context factory.

The context is built only when MkDocs renders the page, so nothing is held in memory before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Context = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    title: str
    template: str
    context: Context
