"""Writing new documents: index numbers, file names and the skeleton `gkml new` writes.

Sequence-number policy
----------------------
An index number is `<org>/<YYYYMM>-<NNNNN>`. The five-digit number is unique
across the whole organisation, not per month: the next number is the highest
one ever used by that organisation plus one. "Used" means any number found in
the raw text of any catalogue file (valid or not, published or not, even a
commented-out line, so a file with an error still reserves its number) or in
the ledger of published numbers. This never reuses a number, even one whose
document was deleted before it reached the ledger, and two numbers never
differ only by their month, which keeps them easy to tell apart when spoken.

Everything here is pure except `used_index_numbers` and `write_new_file`,
which read the catalogue folder and create one file.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from gkml.authoring.frontmatter import FIELD_ORDER, yaml_entry
from gkml.catalogue.document import INTERPRETATION
from gkml.content.corrections import PLACEHOLDER, normalize_width
from gkml.content.encoding import decode
from gkml.content.loader import markdown_files
from gkml.content.problems import shown_path
from gkml.locks import exclusive_in_cache
from gkml.syserrors import why_refused

# Anywhere in a file: a number in front matter, a commented TODO suggestion, a superseded_by.
_ANY_INDEX_NO = re.compile(r"(?<![0-9A-Z])([0-9A-Z]{9}|[0-9A-Z]{18})/([0-9]{4})([0-9]{2})?-([0-9]{5})(?![0-9])")
_TITLE_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
SCHEMA_PATH = "schema/gkml-document.schema.json"  # relative to the folder of mkdocs.yml
MAX_SEQUENCE = 99999


@contextmanager
def choosing_numbers(cache_dir: Path) -> Iterator[None]:
    """Held while index numbers are chosen and their files written. `gkml new` and `gkml import`
    each read the catalogue before they write: two at once (two windows, a script) would both
    take the next free number. The lock is the cache's, so it orders them on one clone only."""
    def waiting() -> None:
        print("另一个 gkml new 或 gkml import 正在分配索引号，等它完成后继续……", file=sys.stderr, flush=True)

    lock = exclusive_in_cache(cache_dir / "new.lock", waiting)
    try:
        yield
    finally:
        if lock is not None:
            lock.close()


class IndexNumbersExhausted(ValueError):
    """All five-digit numbers of the organisation are used."""


def index_numbers_in(text: str) -> set[str]:
    """Every index number written anywhere in `text` (full-width digits count too)."""
    return {m.group(0) for m in _ANY_INDEX_NO.finditer(normalize_width(text))}


READ_IT = "请确认有权读取它（右键→属性→安全），或关闭独占它的程序，再运行一次。"


class NumbersUnread(ValueError):
    """A catalogue file the system refused to read: the numbers it holds are unknown."""

    def __init__(self, shown: str, error: OSError) -> None:
        super().__init__(f"无法读取 {shown}（{why_refused(error)}）")


def used_index_numbers(docs_dir: Path, catalogue_dir: str, ledger: Iterable[str] = (),
                       skip: Collection[str] = (), strict: bool = True) -> set[str]:
    """Index numbers any catalogue file (but those in `skip`) mentions, read as raw text, plus the ledger's.
    A file the system refuses to read: NumbersUnread if `strict` (a number chosen now might be its), else
    passed over (the check tells it on its own)."""
    used = set(ledger)
    for rel in markdown_files(docs_dir, catalogue_dir):
        if rel not in skip:
            try:
                data = (docs_dir / rel).read_bytes()
            except OSError as error:
                if strict:
                    raise NumbersUnread(shown_path(docs_dir / rel), error) from None
                continue
            # A file saved as GBK is an error for the checker, but its number is still taken.
            used |= index_numbers_in(decode(data)[0])
    return used


def next_index_no(org_code: str, created: date, used: Iterable[str]) -> str:
    """The next free number of `org_code`: one more than the highest it has used, any month."""
    highest = 0
    for number in used:
        match = _ANY_INDEX_NO.fullmatch(number)
        if match and match.group(1) == org_code:
            highest = max(highest, int(match.group(4)))
    if highest >= MAX_SEQUENCE:
        raise IndexNumbersExhausted(f"机构代码 {org_code} 的五位顺序号已经用完（最大 {MAX_SEQUENCE}）。")
    return f"{org_code}/{created.year:04d}{created.month:02d}-{highest + 1:05d}"


def year_in_title(title: str) -> int | None:
    """The report year a title states ('2010年度…' -> 2010), else None."""
    match = _TITLE_YEAR.search(normalize_width(title))
    return int(match.group(1)) if match else None


def schema_comment(document: Path, root: Path) -> str:
    """The yaml-language-server modeline naming the profile's JSON Schema, relative to `document`."""
    relative = os.path.relpath(root / SCHEMA_PATH, document.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}"


def front_matter(fields: Mapping[str, object], comment_lines: Iterable[str] = ()) -> str:
    """`---`, the comment lines, the fields in content-model order, `---`."""
    keys = [k for k in FIELD_ORDER if k in fields] + [k for k in fields if k not in FIELD_ORDER]
    lines = ["---", *comment_lines, *(yaml_entry(k, fields[k]) for k in keys if fields[k] is not None), "---"]
    return "\n".join(lines) + "\n"


def new_fields(*, title: str, category: str, created: date, index_no: str, publisher: str,
               doc_no: str | None = None, genre: str | None = None,
               annual_report: str | None = None, interprets: str | None = None) -> dict[str, object]:
    """The front matter of a new document; `report_year` is set in the annual-report category;
    a 解读 (`interprets`: the policy's index number) gets the genre 解读."""
    fields: dict[str, object] = {
        "title": title,
        "index_no": index_no,
        "category": category,
        "publisher": publisher,
        "created": created,
        "published": created,  # the editor sets the real publication date
        "doc_no": doc_no,
        "genre": INTERPRETATION if interprets else genre,
        "interprets": interprets,
        "disclosure": "主动公开",
        # A new skeleton has no body yet: it must not go live until an editor removes this line.
        "draft": True,
    }
    if annual_report and category == annual_report:
        # An annual report covers the year before the one it is written in (条例 art. 50).
        fields["report_year"] = year_in_title(title) or created.year - 1
    return fields


NEW_BODY = f"{PLACEHOLDER}。完成后删除属性区中的 draft: true 一行，文件才会发布。\n"


def file_name(day: date | None, slug: str) -> str:
    return f"{day.isoformat() if day else 'undated'}-{slug}.md"


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Create `folder/name` (or name-2, name-3, …): never overwrites an existing file. OSError when
    the system refuses (the disk full, a read-only folder): then no file is left, a half-written one
    (its front matter cut off, `gkml check` refused it and its number was taken) removed."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = name.removesuffix(".md")
    for attempt in range(1, 1000):
        path = folder / (name if attempt == 1 else f"{stem}-{attempt}.md")
        try:
            stream = path.open("x", encoding="utf-8", newline="\n")
        except FileExistsError:
            continue
        try:
            with stream:
                stream.write(text)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise FileExistsError(f"{folder} 中同名文件过多：{name}")
