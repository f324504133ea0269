"""A held-back document's index number written as text where it would be published: in a published
document's body or field values (a title, a summary, an attachment's name) or on a page the
configuration names. A document held back (依申请公开, 不予公开, a draft, an embargo) is not public,
and neither is its number: it tells the document exists. Written as its page's address
(002986620-202003-00043), in full-width digits or with spaces around "/", it is the same number.
A number a published document has is public whatever else bears it: never told. A number in a
link's address that names the held-back page (or a file beside it) is the link rules' to tell
(gkml.content.heldpages): one message for one fact, where the build's last look tells it too. So is a
file a held-back document owns (its own file, an attachment it lists), named by a link's address or as
a published attachment's file: the link and attachment rules tell it (gkml.content.heldback, bodyrules).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from urllib.parse import unquote

from gkml.catalogue.document import Document
from gkml.content.body import address_spans, folder_of, join_relative, path_of
from gkml.content.problems import Problem, field_problem
from gkml.content.rootpaths import root_paths
from gkml.profile.model import Profile

# one character for one, so an offset in the text read is one in the text written
_ASCII = str.maketrans({**{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
                        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"), "\u3000": " ", "\u00a0": " "})
# an index number as written: the org code, "/" (or its page's "-"), the year (and month), "-", the number
_NUMBER = re.compile(r"(?<![0-9A-Za-z])([0-9A-Za-z]{18}|[0-9A-Za-z]{9}) *[/\\-] *([0-9]{4}(?:[0-9]{2})?) *- *([0-9]{5})(?![0-9])")
_WRITTEN = re.compile(r"[0-9\uff10-\uff19]{4}")  # no number without four digits in a row: most texts
# a number shows nine digits at least (year and number), each written with one digit or more (a
# character reference names a digit in digits): a text with fewer writes none, read no further (most
# field values: at 10,000 documents this pass was 40 % of a check of one file)
_NINE_DIGITS = re.compile(r"(?:[^0-9\uff10-\uff19]*[0-9\uff10-\uff19]){9}")


# what a reader does not see between two characters: zero-width characters, a soft hyphen
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE_AT = re.compile(f"[{_INVISIBLE}]")
# what a body's page shows of its markup between two characters: a character reference (&#48; is 0), a
# tag or comment (no "<" inside: one pass), Markdown's escape of a punctuation mark (\-), emphasis (**)
_MARKUP = re.compile(rf"&(?:#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});|<[A-Za-z/!][^<>\n]*>"
                     rf"|\\(?=[-\\`*_{{}}\[\]()>#+.!])|\*+|[{_INVISIBLE}]")


def _shown(text: str, pattern: re.Pattern[str]) -> tuple[str, list[int] | None]:
    """`text` as a reader sees it (what `pattern` finds read, dropped or decoded) and the offset in `text`
    of each of its characters; None when it is `text` itself."""
    if not pattern.search(text):
        return text, None
    chars: list[str] = []
    offsets: list[int] = []
    done = 0
    for found in pattern.finditer(text):
        chars.append(text[done:found.start()])
        offsets += range(done, found.start())
        shown = html.unescape(found.group()) if found.group().startswith("&") else ""
        shown = _INVISIBLE_AT.sub("", shown)  # &zwj; is one too
        chars.append(shown)
        offsets += [found.start()] * len(shown)
        done = found.end()
    chars.append(text[done:])
    offsets += range(done, len(text))
    return "".join(chars), offsets


def numbers_written(text: str, *, markup: bool = False) -> Iterator[tuple[int, str]]:
    """(offset, index number as the model writes it) of each index number `text` writes, in any of its
    spellings, split by what a reader does not see (a zero-width space; `markup`: a body's character
    references, tags, escapes and emphasis too)."""
    if not _NINE_DIGITS.match(text):
        return
    shown, offsets = _shown(text, _MARKUP if markup else _INVISIBLE_AT)
    found = [*_numbers(text, None), *(_numbers(shown, offsets) if offsets is not None else ())]
    yield from sorted(set(found)) if offsets is not None else found  # a tag's attribute is read as written


def _numbers(text: str, offsets: Sequence[int] | None) -> Iterator[tuple[int, str]]:
    if not _WRITTEN.search(text):
        return
    for found in _NUMBER.finditer(text.translate(_ASCII)):
        org, year, number = found.groups()
        yield (found.start() if offsets is None else offsets[found.start()]), f"{org.upper()}/{year}-{number}"


def body_numbers(body: str) -> list[str]:
    """The index numbers a body writes, each once."""
    return list(dict.fromkeys(number for _, number in numbers_written(body, markup=True)))


def written_numbers(doc: Document, profile: Profile) -> list[str]:
    """The index numbers a document writes where its page shows them (its field values, its body), each
    once: what its check of held numbers depends on, kept by its bytes (at 10,000 documents reading
    every field value again was a fifth of a check of one file). An attached file's name is read
    whoever owns it: which document is held back is not the document's to say."""
    fields = (number for _, text in _field_texts(doc, profile, ()) for _, number in numbers_written(text))
    return list(dict.fromkeys([*fields, *body_numbers(doc.body)]))


def _field_texts(doc: Document, profile: Profile, owned: Collection[str]) -> Iterator[tuple[str, str]]:
    """(key, text) of each value a published page or its data shows; the fields naming a document
    by its number are the reference rules' (gkml.content.heldback), its own number is public, and
    an attached file a held-back document owns (`owned`) the attachment rules'."""
    for key, value in doc.meta.items():
        spec = profile.fields.get(key)
        if spec is None or spec.type in ("index_no", "index_ref"):
            continue
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, str):
                yield key, item
            elif key == "attachments":
                yield key, f"{'' if item.file in owned else item.file} {item.title or ''}"


def _message(where: str, number: str, held: Document, reason: str, prefix: str) -> str:
    return (f"{where}写有暂不发布的文件 {prefix}{held.src_path}（{reason}）的索引号 {number}。"
            "它还没有公开，它的索引号也不能出现在网站和公开数据中。请删除或改写这处文字；该文件发布后再写。")


def held_number_problems(documents: Sequence[Document], held: Mapping[str, str], profile: Profile, prefix: str = "",
                         written: Callable[[Document], Sequence[str]] | None = None,
                         pages: Mapping[str, str] | None = None,
                         linked: Callable[[str, str], bool] | None = None) -> list[Problem]:
    """Each place a document to be shown, or a configured page (`pages`: its path -> its text), writes
    the index number of one held back (`held`: src_path -> why). `written`: the numbers a document
    writes (written_numbers, kept by its bytes); it is read only when one is held back, to say where.
    `linked`: whether the link rules tell an address (a document's src_path or a page's path, the address as
    a browser reads it): a number in it is left to them."""
    public = {doc.index_no for doc in documents if doc.src_path not in held}
    hidden = {doc.index_no: doc for doc in documents if doc.src_path in held and doc.index_no not in public}
    if not hidden:
        return []
    numbers = written or (lambda doc: written_numbers(doc, profile))
    owned = {path for doc in documents if doc.src_path in held
             for path in (doc.src_path, *(attachment.file for attachment in doc.attachments))}

    def told(path: str, url: str) -> bool:
        return _names_owned(path, url, owned) or (linked is not None and linked(path, url))

    problems = []
    for doc in documents:
        if doc.src_path in held or not any(number in hidden for number in numbers(doc)):
            continue  # reaches no output, or writes no held number
        for key, text in _field_texts(doc, profile, owned):
            for _, number in numbers_written(text):
                if (target := hidden.get(number)) is not None:
                    problems.append(replace(field_problem(doc, key, "number-held-back", _message(
                        f"{profile.label(key)}中", number, target, held[target.src_path], prefix), profile),
                        path=prefix + doc.src_path))
        if any(number in hidden for number in body_numbers(doc.body)):
            problems += _body_problems(prefix + doc.src_path, doc.body, doc.body_line, hidden, held, prefix,
                                       _linked_spans(doc.body, doc.src_path, told))
    for path, text in (pages or {}).items():
        problems += _body_problems(prefix + path, text, 1, hidden, held, prefix, _linked_spans(text, path, told))
    return problems


def _names_owned(path: str, url: str, owned: Collection[str]) -> bool:
    """Whether `url` on `path`'s page names, as a file link, a file of `owned`: a body's link to a source
    file, to a file it does not attach or to one a held-back document attaches is the link and
    attachment rules' (gkml.content.bodyrules, heldback), a page's link to such a file too."""
    if url.startswith("/") and not url.startswith("//"):
        return any(found in owned for found in root_paths(path_of(url)))
    target = unquote(path_of(url))
    return bool(target) and ":" not in target and join_relative(folder_of(path), target) in owned


def _linked_spans(body: str, path: str, linked: Callable[[str, str], bool]) -> list[tuple[int, int]]:
    """(start, end) of each address of `body` the link rules tell, in order."""
    return [(start, end) for start, end, url in address_spans(body) if linked(path, url)]


def _body_problems(path: str, body: str, first: int, hidden: Mapping[str, Document], held: Mapping[str, str],
                   prefix: str, linked: Sequence[tuple[int, int]] = ()) -> list[Problem]:
    problems = []
    ends = [end for _, end in linked]
    line, counted, line_start = 0, 0, 0  # the text before `counted` read once: linear in a long line too
    for offset, number in numbers_written(body, markup=True):
        at = bisect.bisect_right(ends, offset)
        if at < len(linked) and linked[at][0] <= offset:
            continue  # in an address the link rules tell
        if (target := hidden.get(number)) is not None:
            if (newline := body.rfind("\n", counted, offset)) >= 0:
                line, line_start = line + body.count("\n", counted, offset), newline + 1
            counted = offset
            col = offset - line_start + 1
            problems.append(Problem(path, first + line, col, None, "number-held-back",
                                    _message("正文中", number, target, held[target.src_path], prefix)))
    return problems
