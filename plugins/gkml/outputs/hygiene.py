"""Supplied text made safe for the data files it is written into (issue 13).

Each function keeps the text's meaning and removes only what the format would read as
something other than text: a spreadsheet formula, a character XML forbids, markup a
browser could sniff in JSON.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

# A cell starting with one of these is a formula to Excel, WPS and LibreOffice (OWASP "CSV
# injection"); full-width forms too, since WPS and Excel in Chinese read ＝ as =.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# XML 1.0 allows \t \n \r and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_RISKY = re.compile("[<>&\u2028\u2029]")


def csv_text(cell: str) -> str:
    """A CSV cell a spreadsheet shows as typed: a leading formula character gets a ' before it
    (the apostrophe spreadsheets themselves use to mean "text")."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (a \\x0b makes the whole feed unreadable)."""
    return _XML_ILLEGAL.sub("", text)


def xml_element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child of `parent` whose text and attributes hold only what XML can (xml_text)."""
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def json_text(data: Any, *, indent: int | None = 1, compact: bool = False) -> str:
    """JSON with < > & and U+2028/2029 as \\u escapes: the same data, and nothing in it a
    browser could read as markup or a script could trip on, whatever serves the file.
    `compact`: on one line, without spaces (`indent` is then ignored)."""
    text = json.dumps(data, ensure_ascii=False, indent=None if compact else indent,
                      separators=(",", ":") if compact else None)
    return _JSON_RISKY.sub(lambda m: _JSON_ESCAPES[m.group()], text)
