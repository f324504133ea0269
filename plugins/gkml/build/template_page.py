"""The MkDocs page of a page gkml generates (listing, home, search …)."""

from __future__ import annotations

from collections.abc import Container, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class TemplatePage(Page):
    """Its template makes all of it: there is no Markdown to convert. MkDocs would make a
    converter with every extension of the site for each (0.2 ms a page; an added document
    renders 1,900 listing pages again at 10,000 documents)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def template_pages(pages: Iterable[File], generated: Container[str], config: MkDocsConfig) -> None:
    """Each of `pages` that gkml generates made a TemplatePage (MkDocs renders it as the page of its file)."""
    for file in pages:
        if file.src_uri in generated:
            TemplatePage(None, file, config)
