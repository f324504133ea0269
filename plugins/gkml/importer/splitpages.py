"""A body split over pages ('共3页 上一页 1 2 3 下一页', TRS's createPageHTML script): the pager, the
other pages it names, and whether this page is a later one (importer.page joins the pages saved beside
the first into one document)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gkml.importer.blocks import Block
from gkml.importer.furniture import is_pager

# TRS WCM writes the pager of a body split over pages by script: createPageHTML(3, 0, "t20230510_1", "html"),
# or with the numbers in variables: var countPage = 3; … createPageHTML(countPage, currentPage, …).
_NUMBER = r"(\d{1,3}|[A-Za-z_$][\w$]{0,40})"
_TRS_PAGER = re.compile(rf"createPageHTML\(\s*{_NUMBER}\s*,\s*{_NUMBER}\s*,\s*[\"']([\w.-]{{1,100}})[\"']\s*,\s*[\"'](\w{{1,10}})[\"']")


def _number(markup: str, given: str) -> int | None:
    """A pager argument: a number, or the number the script sets the variable it names to."""
    if given.isdigit():
        return int(given)
    found = re.search(rf"(?<![\w$.]){re.escape(given)}\s*=\s*(\d{{1,3}})\b", markup)
    return int(found[1]) if found else None


def scripted_pages(markup: str) -> tuple[tuple[str, ...], str | None]:
    """The pages a TRS pager script names, in order (name.ext the first, name_1.ext the second…), and
    the one it is on; ((), None) for none."""
    found = _TRS_PAGER.search(markup)
    count, current = (_number(markup, found[1]), _number(markup, found[2])) if found else (None, None)
    if found is None or count is None or current is None:
        return (), None
    name, ext = found[3], found[4]
    names = tuple(f"{name}_{n}.{ext}" if n else f"{name}.{ext}" for n in range(count))
    return names, names[current] if current < count else None


# How CMSs name a body's next pages: the first page's name and _1, _2… (TRS, JCMS).
_NEXT_PAGE = re.compile(r"^(.+)_[0-9]{1,3}(\.\w+)$")


def file_of(address: str) -> str:
    return address.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]


def other_pages(after: Sequence[Block], scripted: tuple[tuple[str, ...], str | None],
                own: str) -> tuple[str | None, tuple[str, ...], str | None]:
    """The pager below the body of one split over pages, as printed, the other pages it (or the
    script that writes it) links, and the first page when this page (the file `own`) is a later one;
    (None, (), None) for a body on one page."""
    pager = next((block for block in after if is_pager(block.text)), None)
    linked = [href for _, href, _ in pager.links if href.strip() and not href.lower().startswith(("javascript:", "#"))] if pager else []
    names, current = scripted
    pages = tuple(dict.fromkeys((*linked, *names)))
    if pager is None and not pages:
        return None, (), None
    itself = {own, current} if current else {own}
    others = tuple(address for address in pages if file_of(address) not in itself)
    # This page is a later one when TRS's script says so, or when it is named as the first page's next
    # ones are (t20230510_1_1.html after t20230510_1.html); a pager's 首页 may be the site's front page.
    numbered = _NEXT_PAGE.match(own)
    first = next((address for address in pages if numbered and file_of(address) == numbered[1] + numbered[2]), None)
    if first is None and current is not None and current != names[0]:
        first = names[0]
    return (pager.text if pager else None), others, first

