"""What the audit reads from one built page: its title, headings, links and identifiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# (tag, attribute) pairs whose value is a URL a reader's browser follows or loads
_URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action"), ("area", "href")}


@dataclass(frozen=True)
class Link:
    url: str
    line: int
    tag: str


@dataclass
class PageFacts:
    title: str = ""
    title_line: int = 0
    h1: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)  # data-gkml-ident name -> text
    placeholder: bool = False  # the site identification is marked as sample values
    index_no: str | None = None  # a document page's 索引号 (search metadata)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._capture: list[tuple[str, str | None]] = []  # (what, key) being collected
        self._text: list[list[str]] = []
        self._depth: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if (tag, name) in _URL_ATTRIBUTES and value is not None:
                self.facts.links.append(Link(value.strip(), self.getpos()[0], tag))
        if "data-gkml-placeholder" in values:
            self.facts.placeholder = True
        what: tuple[str, str | None] | None = None
        if tag == "title":
            what = ("title", None)
            self.facts.title_line = self.getpos()[0]
        elif tag == "h1":
            what = ("h1", None)
        elif "data-gkml-ident" in values:
            what = ("ident", values["data-gkml-ident"])
        elif values.get("data-gkml-meta") == "索引号":  # the search record's 索引号 (document.html)
            what = ("index_no", None)
        if what and tag not in ("img", "br", "input", "meta", "link"):
            self._capture.append(what)
            self._text.append([])
            self._depth.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._depth and self._depth[-1] == tag:
            self._depth.pop()
            (what, key), text = self._capture.pop(), "".join(self._text.pop()).strip()
            if what == "title":
                self.facts.title = text
            elif what == "h1":
                self.facts.h1.append(text)
            elif what == "ident" and key:
                self.facts.identifiers[key] = text
            elif what == "index_no":
                self.facts.index_no = text
            if self._text:
                self._text[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self._text:
            self._text[-1].append(data)


def read_page(html: str) -> PageFacts:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.facts
