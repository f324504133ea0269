"""The search alphabet: how text and queries become Pagefind words.

A reader expects 包含: a document matches when its text contains the typed
characters.  Word segmenters cannot give that (非煤矿山 does not contain the
*word* 矿山 for them), so gkml indexes every position of the normalised text:

* ``normalise``: NFKC (full/half width), lower case (σ for the final ς, which
  lower case writes by context: ΔΟΣ typed alone is δος, inside ΟΔΟΣΑ it is δοσ),
  〔〕 for the look-alike brackets of 文号, and no whitespace, invisible format
  characters or variation selectors (a glyph's look, not its character: 葛 with
  U+E0100 is 葛, and the emoji keyboard's ❤ + U+FE0F is ❤).
  Not folded: traditional to simplified characters (應急預案 does not find 应急预案).
  The documents are written in simplified characters; the mapping is not one to one
  (发 is 發 and 髮, 干 is 乾, 幹 and 干) and would need a dictionary in Python and its
  copy in gkml-search.js, and results a reader cannot tell from the substring they typed.
* Each character becomes a *unit*: ASCII digits and letters and the CJK
  ideographs of ``PLAIN`` stand for themselves, anything else (punctuation,
  symbols, other scripts) becomes ``ｘ`` + six hex digits, so that Pagefind,
  which drops punctuation, keeps it.  ``ｘ`` (full width) never survives NFKC,
  so no query can produce it by accident.  The rule is a fixed list, not the
  Unicode database: the build's Python (3.11: Unicode 14), the reader's browser
  (newer) and Pagefind's Rust each know a different set of letters, and a
  character one of them calls a letter and another does not was found by no
  query (an ideograph of CJK Extension H, Unicode 15).
* Position i of a segment holds the *token* unit(i) + unit(i+1) (the last
  position holds its unit alone).  A query of n ≥ 2 characters is the phrase of
  its n-1 bigram tokens; Pagefind's quoted search demands them at consecutive
  positions, which happens exactly where the text contains the query.
* One character is one word: after everything else the index holds ``ｕ`` + the
  unit of every distinct character of the document (``ｔ`` + unit: of its title,
  which ranks title hits first; ``char_words``).  A prefix search over the tokens
  gives the same answer, but Pagefind scores every location of every token it
  extends to: a comma's took a second per search at 600 documents, and a pasted
  passage of sixty one-character terms 19 s.  gkml posts them itself, after the
  stream's last position (search.charwords).

* A query's terms are split at whitespace, and at a ``/``, ``-``, dash or ``～`` between words
  (``query_terms``): 政府信息/公开 finds the documents holding both words, as
  政府信息 公开 does, those holding it as typed among them; the index is not changed.
  A ``-`` leading a word (应急预案 -演练: "without 演练" elsewhere) is searched as typed: gkml has no
  exclusion, and the page says so. Quotes around the query or a word ("应急预案", “应急预案”: a phrase
  in other engines) are dropped: the search is exact already, and the page says they are not needed.

gkml-search.js mirrors ``normalise``, ``query_tokens`` and ``query_terms``; tests hold the two
to the same answers.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import pairwise

# Version of this alphabet (the token stream the index holds and gkml-search.js reads):
# bump on any change, so a portal refuses to run its script on bundles written in another.
# The original characters excerpts show (search.excerpts) are an optional extra of a record,
# read only if present: adding them changed no token, so no bump.
ALPHABET = 4  # 2: units from PLAIN, not from the Unicode database's letters and digits; 3: character words;
# 4: final sigma folded, variation selectors dropped

# 文号 look-alikes after NFKC (［］ → [], （） → (), ﹝﹞ → 〔〕 already), and the final sigma.
_FOLDS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "〖": "〔", "〗": "〕", "(": "〔", ")": "〕",
                        "ς": "σ"})
ESCAPE = "ｘ"  # starts an encoded non-word character
NUMBER = "ｗ"  # starts the whole-value token of a 文号 or 索引号
FIELD = "ｆ"  # starts a token of the 文号 field alone (advanced search: 文号 contains …)
CHAR = "ｕ"  # starts the word of a character the document holds (a one-character query)
TITLE_CHAR = "ｔ"  # starts the word of a character its title holds
SEPARATOR = "|"  # a position Pagefind does not index: segments never run together
TITLE_POSITIONS = 256  # the title fills positions [0, 256); titles are at most 200 characters


# _scanned() for Unicode 14.0 (Python 3.11): scanning every code point costs each indexing
# process 0.5 s. Another Unicode version is scanned at first use.
_DROPPED_14 = ((0, 32), (127, 160), (173, 173), (1536, 1541), (1564, 1564), (1757, 1757), (1807, 1807),
               (2192, 2193), (2274, 2274), (5760, 5760), (6158, 6158), (8192, 8207), (8232, 8239), (8287, 8292),
               (8294, 8303), (12288, 12288), (65279, 65279), (65529, 65531), (69821, 69821), (69837, 69837),
               (78896, 78904), (113824, 113827), (119155, 119162), (917505, 917505), (917536, 917631))
# Variation selectors (Mongolian's, standard, ideographic): Mn, so not in the scan, but invisible too.
_VARIATION = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def _scanned() -> tuple[tuple[int, int], ...]:
    """Whitespace and invisible characters (control and format), as code point ranges."""
    ranges: list[list[int]] = []
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if c.isspace() or unicodedata.category(c) in ("Cc", "Cf"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return tuple((first, last) for first, last in ranges)


@cache
def _dropped() -> re.Pattern[str]:
    """Whitespace, invisible characters (control and format) and variation selectors, as one character class."""
    ranges = (_DROPPED_14 if unicodedata.unidata_version == "14.0.0" else _scanned()) + _VARIATION
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]+")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower().translate(_FOLDS)
    return _dropped().sub("", folded)


# Code point ranges indexed as themselves: each is letters or digits in every Unicode
# version since 14.0, so Python, Chromium and Pagefind (which drops what it takes for
# punctuation) agree on them whatever their versions.  gkml-search.js has the same list.
PLAIN = ((0x30, 0x39), (0x61, 0x7A),  # 0-9 a-z (normalise has folded width and case)
         (0x3400, 0x4DBF), (0x4E00, 0x9FFF),  # CJK Extension A, CJK Unified Ideographs
         (0x20000, 0x2A6DF), (0x2A700, 0x2B738), (0x2B740, 0x2B81D),  # Extensions B, C (to 14.0), D
         (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0), (0x30000, 0x3134A))  # Extensions E, F, G

_UNITS: dict[str, str] = {}


def unit(c: str) -> str:
    found = _UNITS.get(c)
    if found is None:
        cp = ord(c)
        plain = any(a <= cp <= b for a, b in PLAIN)
        found = _UNITS[c] = c if plain else f"{ESCAPE}{cp:06x}"
    return found


def tokens(normalised: str) -> list[str]:
    """One token per character position of an already normalised segment."""
    units = [_UNITS.get(c) or unit(c) for c in normalised]
    return [a + b for a, b in pairwise(units)] + units[-1:]


def number_token(value: str) -> str:
    """The one word standing for a whole 文号 or 索引号 (ranks a number typed whole first)."""
    return NUMBER + "".join(unit(c) for c in normalise(value))


def query_tokens(term: str) -> list[str]:
    """Tokens a query term must match at consecutive positions ([] for an empty term);
    one character: its unit, which every token of an occurrence starts with."""
    text = normalise(term)
    if len(text) == 1:
        return [unit(text)]
    return tokens(text)[:-1]


# A / or - between words joins them as a space would (政府信息/公开, 应急-预案: both words), and so
# do the dashes and waves Chinese text joins words with (应急—预案, 应急——预案, 应急～预案; after NFKC
# ～ is ~): en dash, em dash, horizontal bar, wave dash. One touching an ASCII letter or digit is
# part of a code (GB/T, COVID-19, 2024-03, an index number).
_WORD_JOINS = re.compile("(?<=[^0-9A-Za-z/~\u2013-\u2015\u301c-])[/~\u2013-\u2015\u301c-]+"
                         "(?=[^0-9A-Za-z/~\u2013-\u2015\u301c-])")


# A - leading a word (应急预案 -演练, －演练) excludes it in other search engines; gkml excludes nothing and
# searches it as typed, the page saying so (gkml-search.js: noExclusion), not as the word it would exclude.
_LEADING_MINUS = re.compile("(?<!\\S)-(?=[^\\s0-9A-Za-z/~\u2013-\u2015\u301c-])")
_KEPT = "\x00"  # stands for a leading - while the joins are split (a query holds no NUL: normalise drops it)


# Quotes around the whole query or a word ("应急预案", “应急预案”) mark a phrase in other search engines;
# gkml's search is exact already, so they are dropped (gkml-search.js: the page says they are not needed).
# Inside a word (“十四五”规划) they are text. _SPACES: where str.split splits (gkml-search.js's SPACES).
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f"
_SPACES = "\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_QUOTED_QUERY = re.compile(f"\\A[{_SPACES}]*[{_QUOTES}]+[{_SPACES}]*([\\s\\S]*[^{_QUOTES}{_SPACES}])"
                           f"[{_SPACES}]*[{_QUOTES}]+[{_SPACES}]*\\Z")
_QUOTED_WORD = re.compile(f"(?<![^{_SPACES}])[{_QUOTES}]+([^{_SPACES}{_QUOTES}](?:[^{_SPACES}]*[^{_SPACES}{_QUOTES}])?)"
                          f"[{_QUOTES}]+(?![^{_SPACES}])")


# A 、 lists words (矿山、整治, 应急预案、演练): a reader typing it wants every word, as a space; a document writing
# the words so holds them all. No text holds a 、 in a word (一、总则 numbers a heading: its words are found too).
_LIST_COMMA = "\u3001"
_LIST_ONLY = re.compile(f"[{_SPACES}{_LIST_COMMA}]*")  # a query of 、 alone: searched for itself


def _unseen_dropped(text: str) -> str:
    """What normalise drops but whitespace (a zero-width space, a BOM, a NUL), dropped before the quote and
    minus rules read the query: \u200b"应急预案", pasted from a web page, is quoted as typed."""
    return _dropped().sub(lambda run: "".join(c for c in run.group() if c.isspace()), text)


def query_terms(query: str) -> list[str]:
    """The reader's query -> its distinct normalised terms, every one of which a result contains:
    split at whitespace, at a 、 and at a / or - between words, a word's leading - kept, quotes around the
    query or a word dropped (gkml-search.js's queryTerms)."""
    typed = _unseen_dropped(unicodedata.normalize("NFKC", query))
    if not _LIST_ONLY.fullmatch(typed):
        typed = typed.replace(_LIST_COMMA, " ")  # before the quotes are read: “预案”、“演练”
    typed = _QUOTED_WORD.sub(r"\1", typed)
    whole = _QUOTED_QUERY.sub(r"\1", typed)
    spaced = _WORD_JOINS.sub(" ", _LEADING_MINUS.sub(_KEPT, whole)).replace(_KEPT, "-")
    words = _QUOTED_WORD.sub(r"\1", spaced)  # a word the joins split off: 《条例》/“规划”
    return list(dict.fromkeys(t for t in (normalise(part) for part in words.split()) if t))


def char_words(title: str, texts: Iterable[str]) -> list[str]:
    """The words of the characters a document holds and of those its title holds (normalised text)."""
    held = set(title).union(*texts)
    return sorted(CHAR + unit(c) for c in held) + sorted(TITLE_CHAR + unit(c) for c in set(title))


def contains(haystack: str, term: str) -> bool:
    """Substring truth after normalisation (the benchmark's and the tests' definition)."""
    needle = normalise(term)
    return bool(needle) and needle in normalise(haystack)


def field_tokens(value: str) -> list[str]:
    """The 文号 again, each token marked as this field's, so a search can be limited to it."""
    return [FIELD + t for t in tokens(normalise(value))]


Laid = tuple[int, str, str]  # a segment laid out in the stream: where it starts, the segment, its normalised text


def layout(segments: Iterable[str], start: int = TITLE_POSITIONS) -> Iterator[Laid]:
    """(stream position of its first character, segment, its normalised text) of every non-empty segment;
    `start`: where the first is laid (after the segments laid before)."""
    for segment in segments:
        text = normalise(segment)
        if text:
            yield start, segment, text
            start += len(text) + 1  # its tokens and a SEPARATOR


def stream(title: str, segments: Iterable[str], numbers: Iterable[str] = (), doc_no: str = "", *,
           laid: Iterable[Laid] | None = None) -> str:
    """Pagefind content: the title padded to TITLE_POSITIONS, each segment, number tokens, the 文号 field,
    and the separator the character words follow (search.charwords posts them, not Pagefind).

    A match whose first position is below TITLE_POSITIONS is a title hit; the
    browser reads that from the locations Pagefind returns.  A title is at most
    200 characters, but NFKC can make it longer than the positions it has; it is
    then also written whole after the segments (layout's positions, which the
    excerpts' original characters follow, stay as they are). `laid`: layout(segments),
    when the caller has it (normalising is most of a record's time).
    """
    title_text = normalise(title)
    head = tokens(title_text)[:TITLE_POSITIONS]
    words = head + [SEPARATOR] * (TITLE_POSITIONS - len(head))
    texts = []
    for _start, _segment, text in layout(segments) if laid is None else laid:
        words += tokens(text) + [SEPARATOR]
        texts.append(text)
    if len(title_text) > TITLE_POSITIONS:  # NFKC lengthened it (㈱ is (株)): whole once more, after the body
        words += tokens(title_text) + [SEPARATOR]
    words += [number_token(n) for n in numbers if normalise(n)]
    if normalise(doc_no):
        words += [SEPARATOR] + field_tokens(doc_no)
    if title_text or texts:
        words.append(SEPARATOR)  # the character words' first position is the next
    # Pagefind ends a block whose text ends in a letter with "." (fossick/parser.rs), and the
    # word then splits into compound parts: `ｗ…ｘ00002f…00054.` gave the words ｗ, ｘ, 00002 …,
    # and a one-character query none of whose tokens exist (€) fell back to the word ｘ, a
    # prefix of its unit, matching every document. A final separator takes the ".".
    if words[-1] != SEPARATOR:
        words.append(SEPARATOR)
    return " ".join(words)
