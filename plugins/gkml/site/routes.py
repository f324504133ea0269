"""Where every page lives. Paths are site-root relative without extension
('doc/002986620-201012-00015'); the build turns them into files for directory
URLs online (`…/index.html`) or `.html` files for the offline copy."""

from __future__ import annotations

from dataclasses import dataclass

from gkml.catalogue.document import Document
from gkml.catalogue.taxonomy import Taxonomy, Term
from gkml.site.pagination import page_path

HOME = ""
CATALOGUE = "catalogue"
SEARCH = "search"
PRINTABLE = "catalogue/print"
SNAPSHOTS = "offline"  # online: the list of offline copies


def document_path(doc: Document) -> str:
    return f"doc/{doc.slug}"


def attachment_path(doc: Document, name: str) -> str:
    return f"doc/{doc.slug}/{name}"


# Characters a file name may hold that an address reads otherwise: unescaped, a link to 附件#1.pdf
# asks for 附件, one to 完成100%.pdf is no address at all; on its document's page the link is the
# bare name, so javascript:alert(1);x.pdf would be a script URL.
_URL_SPECIAL = str.maketrans({"%": "%25", "#": "%23", "?": "%3F", ":": "%3A"})


def attachment_url(doc: Document, name: str) -> str:
    """The address of an attachment written at attachment_path."""
    return attachment_path(doc, name.translate(_URL_SPECIAL))


def catalogue_path(number: int = 1) -> str:
    return page_path(CATALOGUE, number)


def taxonomy_path(taxonomy: Taxonomy) -> str:
    return taxonomy.spec.slug


def term_path(taxonomy: Taxonomy, term: Term, number: int = 1) -> str:
    return page_path(f"{taxonomy.spec.slug}/{term.slug}", number)


def path_of_html(html_url: str) -> str:
    """The page path of a page's address in .html form, as MkDocs gives it without directory URLs
    (doc/x.html → doc/x, index.html → the home page, pages/index.html → pages)."""
    stem = html_url.removesuffix(".html")
    return "" if stem == "index" else stem.removesuffix("/index")


@dataclass(frozen=True)
class Routes:
    use_directory_urls: bool

    def dest_uri(self, path: str) -> str:
        if not path:
            return "index.html"
        return f"{path}/index.html" if self.use_directory_urls else f"{path}.html"

    def url(self, path: str) -> str:
        """Site-root relative URL, as MkDocs' File.url would give (the `url` filter relativises it)."""
        if not path:
            return "./" if self.use_directory_urls else "index.html"
        return f"{path}/" if self.use_directory_urls else f"{path}.html"
