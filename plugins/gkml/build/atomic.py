"""Atomic output: build into a sibling folder, swap it in only when everything succeeded."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


class AtomicOutput:
    def __init__(self, config: MkDocsConfig) -> None:
        self.final = Path(config.site_dir)
        self.temp = self.final.with_name(self.final.name + ".gkml-new")
        shutil.rmtree(self.temp, ignore_errors=True)
        config.site_dir = str(self.temp)

    def commit(self) -> None:
        old = self.final.with_name(self.final.name + ".gkml-old")
        shutil.rmtree(old, ignore_errors=True)
        if self.final.exists():
            self.final.rename(old)
        self.temp.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)
