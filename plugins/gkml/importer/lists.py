"""What a list item prints before its text: an <ol>'s number in its type (1, a, A, i, I), from its
start or an item's value, or a bullet by depth. Markdown numbers every list from 1 and joins
adjacent lists, so the importer needs the number the page showed."""

from __future__ import annotations

from dataclasses import dataclass


def number_attribute(value: str | None, default: int = 1) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 6 else default


_BULLETS = ("•", "◦", "▪")
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _numeral(n: int, style: str) -> str:
    """An <ol type> number as the browser prints it: 1, a/A (…z, aa), i/I."""
    if style in ("a", "A") and n > 0:
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "A" else letters
    if style in ("i", "I") and 0 < n < 4000:
        roman = ""
        for letters, value in _ROMAN:
            count, n = divmod(n, value)
            roman += letters * count
        return roman.upper() if style == "I" else roman
    return str(n)


@dataclass
class ListState:
    """An <ol> or <ul> being read: what its next item prints before its text."""

    ordered: bool
    style: str  # <ol type>
    next: int  # the next item's number

    @classmethod
    def opened(cls, tag: str, attributes: dict[str, str | None]) -> ListState:
        """The state of an <ol>/<ul> as its start tag opens it."""
        return cls(tag == "ol", attributes.get("type") or "1", number_attribute(attributes.get("start")))

    def next_marker(self, value: str | None, depth: int) -> str:
        if not self.ordered:
            return _BULLETS[min(max(depth - 1, 0), len(_BULLETS) - 1)]
        number = number_attribute(value, self.next)
        self.next = number + 1
        return _numeral(number, self.style) + "."
