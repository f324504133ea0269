"""Listing rows rendered once per document, and kept across builds.

A document shows in about a dozen listings (its category and the pages of each
attribute); its row is the same in all of them except for its link, which is
relative to the listing page. So each row is rendered by its own template
(``gkml/partials/row.html``, autoescaped like every template) once, with a stand-in
for the link, and the text reused with each page's link put in. Half of a cold
build's page rendering was these rows.

Adding or withdrawing one document moves every later row of its listings to another
page, so a build renders ~2,000 listing pages again, from rows it has already seen:
with a memo (`memo-rows.json`, by the row's digest, in the build's fingerprint) their
texts are kept across builds. The memo is read only once a build has rendered
`MEMO_AFTER` rows: after one edit, reading it would cost more than it saves. A listing
page names its documents (views.DocumentRows), and a row is made only when its text is
not found by the document's row digest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from gkml.catalogue.document import Document
from gkml.memo import Memo
from gkml.site.views import DocumentRows

ROW_TEMPLATE = "gkml/partials/row.html"
# What each row's <tr> carries (the template is given it): the build counts the rows by it
ROW_MARKER = "data-gkml-row"
# The link while a row's text is kept: "<" never comes out of escaped content
LINK = "<gkml-row-link>"
ROW_GAP = "\n    "  # between two rows of a table body
MEMO_AFTER = 500


class RowTexts:
    """The rendered rows of one build; `memo`: kept across builds (opened when first needed),
    `digest_of(row)`: the row's digest there. `row_of(doc)`: a document's row; `key_of(doc)`: its
    row's digest (as `digest_of` gives it) without making the row, where known."""

    def __init__(self, env: Environment, memo: Callable[[], Memo] | None = None,
                 digest_of: Callable[[Any], str] | None = None,
                 row_of: Callable[[Document], Mapping[str, Any]] | None = None,
                 key_of: Callable[[Document], str] | None = None) -> None:
        self._template = env.get_template(ROW_TEMPLATE)
        self._open_memo, self._digest_of = memo, digest_of
        self._row_of, self._key_of = row_of, key_of
        self.memo: Memo | None = None
        self._texts: dict[int, tuple[Any, str]] = {}  # id(row) -> (row, text): rows are shared by listings
        self._of_documents: dict[str, str] = {}  # index number -> text
        self.rendered = 0

    def of_document(self, doc: Document) -> str:
        """The text of `doc`'s row: from the memo by the row's digest, else rendered from its row."""
        found = self._of_documents.get(doc.index_no)
        if found is not None:
            return found
        if self._row_of is None:
            raise TypeError("RowTexts made without row_of cannot show a document")
        self._open_memo_when_due()
        key = self._key_of(doc) if self.memo is not None and self._key_of is not None else None
        text = self.memo.get(key) if self.memo is not None and key else None
        if text is None:
            text = self.text(self._row_of(doc))
        self._of_documents[doc.index_no] = text
        return text

    def _open_memo_when_due(self) -> None:
        if self.memo is None and self._open_memo is not None and self.rendered >= MEMO_AFTER:
            self.memo = self._open_memo()

    def text(self, row: Mapping[str, Any]) -> str:
        found = self._texts.get(id(row))
        if found is not None and found[0] is row:
            return found[1]
        self._open_memo_when_due()
        key = self._digest_of(row) if self.memo is not None and self._digest_of else None
        text = self.memo.get(key) if self.memo is not None and key else None
        if text is None:
            # the template's own output: everything in it was escaped as it was rendered
            text = self._template.render(row=row, href=Markup(LINK), marker=ROW_MARKER)
            self.rendered += 1
            if self.memo is not None and key:
                self.memo.put(key, text)
        self._texts[id(row)] = (row, text)
        return text

    def save(self, rows: Iterable[Any]) -> None:
        """Keep the texts of `rows` (every row of the site, rendered this time or not)."""
        if self.memo is None or self._digest_of is None:
            return
        for row in rows:
            self.memo.get(self._digest_of(row))
        self.memo.save(lazily=True)


def count_rows(html: str) -> int:
    """The listing rows in a written page; with "<tr ": escaped text (a title saying
    data-gkml-row) cannot form it."""
    return html.count(f"<tr {ROW_MARKER}>")


def listing_rows_function(env: Environment, texts: RowTexts,
                          address_of: Callable[[Document], str] | None = None) -> Callable[..., Markup]:
    """The `listing_rows(rows)` global for env: a page's rows, one call a page (a loop over
    the rows in the template: an addition's 1,900 listing pages 1.65 s against 1.55 s). A row's link
    is MkDocs' `url` filter of its address, relative to the page rendered: asked once a page
    (a fifth of a listing page's time went to asking it for each row), since MkDocs puts the
    same ``../`` before every plain address that shares no folder with the page. `address_of(doc)`:
    a document's site-root address, as its row's "url" (for views.DocumentRows)."""
    url = env.filters["url"]  # MkDocs': relative to the page being rendered
    ups: dict[tuple[str, str], str | None] = {}  # (page, first folder) -> the ../ MkDocs puts there, or None

    def link(context: Context, page: str | None, target: str) -> str:
        if page is None or not _PLAIN.fullmatch(target):
            return str(url(context, target))
        key = (page, target.partition("/")[0])
        prefix = ups.get(key, "")
        if prefix:  # "" (a page at the root, or a first row) or None: MkDocs is asked
            return prefix + target
        made = str(url(context, target))
        before = made[: -len(target)] if made.endswith(target) else None
        # only ../ before it: the page shares no folder with the address, nor with any other in this folder
        ups[key] = before if before is not None and _UPS.fullmatch(before) else None
        return made

    @pass_context
    def listing_rows(context: Context, rows: Iterable[Any]) -> Markup:
        page = context.get("page")
        at = None if page is None else str(page.url)
        if type(rows) is DocumentRows:
            if address_of is None:
                raise TypeError("listing_rows was made without address_of and cannot show documents")
            shown = ((texts.of_document(doc), address_of(doc)) for doc in rows)
        else:
            shown = ((texts.text(row), str(row["url"])) for row in rows)
        return Markup(ROW_GAP.join(text.replace(LINK, str(escape(link(context, at, url)))) for text, url in shown))

    return listing_rows


# An address MkDocs leaves as it is (no ./, ../, scheme or query): a folder, then a page
_PLAIN = re.compile(r"[0-9A-Za-z_-]+/[0-9A-Za-z_-]+(?:/|\.html)")
_UPS = re.compile(r"(?:\.\./)*")
