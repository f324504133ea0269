"""The document a page's scripts would draw, read from the data they hold: a Vue or React page saved
before its scripts ran is an empty <div id="app">, its document in a script's JSON
(`window.__INITIAL_STATE__ = {…}`, `<script type="application/json">`, server-rendered data).

Only JSON is read, never run; the document is the first object holding a title and a body of text,
its keys named as profile.synonyms.DATA_KEYS names them. The page it gives is plain HTML, each value
escaped, the body the data's own HTML, read as any saved page is."""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from html import escape
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from gkml.catalogue.document import SHANGHAI
from gkml.importer.text import clean_line, has_cjk
from gkml.profile.synonyms import DATA_KEYS, FIELD_NAMES
from gkml.profile.types import DATETIME_FORMAT

_LARGEST = 4_000_000  # characters of one script read as data
_TRIES = 40  # assignments tried in one script
_NODES = 20_000  # values visited in one script's data
_ASSIGNED = re.compile(r"=\s*(?=[{\[])")
# One label for each field, as pages print it: the first name FIELD_NAMES gives the key.
_LABEL = {key: name for name, key in reversed(FIELD_NAMES.items())}


def _data(code: str) -> Iterator[Any]:
    """The JSON values a script holds: all of it, or each value assigned (`x = {…}`)."""
    code = code.strip().rstrip(";")
    if not code or len(code) > _LARGEST:
        return
    if code[0] in "{[":
        try:
            yield json.loads(code)
            return
        except ValueError:
            pass
    decoder = json.JSONDecoder()
    for n, match in enumerate(_ASSIGNED.finditer(code)):
        if n == _TRIES:
            return
        try:
            yield decoder.raw_decode(code, match.end())[0]
        except ValueError:
            continue


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """The objects in `value`, outermost first, at most _NODES values looked at."""
    queue, seen = deque([value]), 0
    while queue and seen < _NODES:
        item = queue.popleft()
        seen += 1
        if isinstance(item, dict):
            yield item
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)


def _text(value: Any) -> str:
    """A value as the page would print it: a timestamp in milliseconds or seconds a time in China."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int) and 10**9 <= value < 10**13 * 2:
        seconds = value / 1000 if value >= 10**11 else value
        return datetime.fromtimestamp(seconds, UTC).astimezone(SHANGHAI).strftime(DATETIME_FORMAT)
    if isinstance(value, list):
        return "、".join(filter(None, map(_text, value)))
    return str(value).strip() if isinstance(value, (str, int, float)) else ""


def _plain(text: str) -> str:
    """A value's text without the markup a CMS keeps in it ('关于<b>加强</b>…', '<br>')."""
    if "<" not in text:
        return text
    tree = LexborHTMLParser(f"<body>{text}</body>")
    return (tree.body.text(deep=True) if tree.body is not None else "").strip()


def _document(found: dict[str, Any]) -> dict[str, str] | None:
    """The fields of an object holding a document (a title and a body with text), else None."""
    fields: dict[str, str] = {}
    for name, value in found.items():
        key = DATA_KEYS.get(name.lower())
        if key and key not in fields and (text := _text(value)):
            fields[key] = text if key == "body" else _plain(text)
    body = fields.get("body", "")
    if not has_cjk(fields.get("title", "")) or not has_cjk(re.sub(r"<[^>]*>", "", body)):
        return None
    return fields


def drawn_page(scripts: Sequence[str]) -> tuple[str, str] | None:
    """(title, the page as HTML) of the document a script's data holds, else None."""
    for code in scripts:
        for value in _data(code):
            for found in _objects(value):
                if (fields := _document(found)) is None:
                    continue
                rows = "".join(f"<tr><td>{escape(_LABEL[key])}：</td><td>{escape(text)}</td></tr>"
                               for key, text in fields.items() if key in _LABEL and key != "title")
                title = escape(fields["title"])
                return fields["title"], (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
                                         f"</head><body><h1>{title}</h1><table>{rows}</table><div>{fields['body']}</div>"
                                         "</body></html>")
    return None


# A title in a script's data ({"title":"关于…的通知"}; \u escapes as JSON writes them).
_TITLE_KEYS = "|".join(name for name, key in DATA_KEYS.items() if key == "title")
_DATA_TITLE = re.compile(rf"(?<![\w$])[\"']?(?:{_TITLE_KEYS})[\"']?\s*:\s*\"((?:[^\"\\\n]|\\.){{4,600}})\"", re.IGNORECASE)


def script_title(scripts: Sequence[str]) -> str:
    """The title a script's data gives the document the scripts would show (a Vue or React page's
    body is empty until they run), '' when none does."""
    for code in scripts:
        for found in _DATA_TITLE.finditer(code):
            try:
                title = clean_line(_plain(json.loads(f'"{found[1]}"')))
            except ValueError:
                continue
            if has_cjk(title) and len(title) <= 200:
                return title
    return ""
