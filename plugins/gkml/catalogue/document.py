"""A validated disclosure document."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Generic, TypeVar

# China's time, +08:00, as the contract prints it whatever the year: Asia/Shanghai of the tz database gives a
# date before 1901 the city's local mean time (+08:05:43) and the summers of 1986-1991 (and 1940-1949) +09:00
SHANGHAI = timezone(timedelta(hours=8), "+08:00")
INTERPRETATION = "解读"  # the genre of a 政策解读; `interprets` names the policy it explains


class DayStart(datetime):
    """A date-time field written as a day alone (`published: 2024-03-02`): published from the day's
    first minute in Asia/Shanghai, as the contract's embargo reads it, and shown as the day written,
    never as a 00:00 the editor did not write."""


def as_written(value: date | datetime) -> date | datetime:
    """The value as its editor wrote it: a DayStart is its day."""
    return value.date() if isinstance(value, DayStart) else value


def timespec(value: datetime) -> str:
    """How much of a time every output shows: the seconds when the editor wrote some (08:54:30; the
    contract's form is HH:MM, the check reads HH:MM:SS too), else the minute as written."""
    return "seconds" if value.second or value.microsecond else "minutes"


def local_text(value: datetime) -> str:
    """The moment as the contract writes it, Beijing time without its offset: 2010-12-07 08:54[:30]."""
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec=timespec(value))


@dataclass(frozen=True)
class Attachment:
    file: str  # path relative to the docs dir
    title: str
    name: str = ""  # the name it is published under beside its page: the file's own, unless another took it

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", posixpath.basename(self.file))


_T = TypeVar("_T")


class _kept(Generic[_T]):
    """functools.cached_property without Python 3.11's lock, which each first read took: a check
    reads the index number of each of 10,000 documents once. Kept in the instance's __dict__,
    which is then read before this descriptor (it defines no __set__)."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func, self.name = func, func.__name__

    def __get__(self, instance: object, owner: type | None = None) -> _T:
        if instance is None:  # read from the class: the descriptor, as a property gives itself
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass(frozen=True)
class Withdrawal:
    date: date
    reason: str


@dataclass(frozen=True)
class Document:
    """Front matter values normalised to Python types, plus the body.

    `meta` holds every field of the profile that the document sets (dates as
    date/datetime, lists as tuples); the properties name the fields the product
    itself relies on.
    """

    src_path: str  # relative to the docs dir, '/'-separated
    meta: Mapping[str, Any]
    # the Markdown body, or what reads it when first asked for: a build with nothing changed
    # but one document needs one body (gkml.content.checkcache)
    text: str | Callable[[], str] = field(compare=False, repr=False)
    body_line: int
    lines: Mapping[str, int] = field(default_factory=dict)  # front-matter key -> line, for messages

    @property
    def body(self) -> str:
        text = self.text
        if not isinstance(text, str):
            text = text()
            object.__setattr__(self, "text", text)  # read once
        return text

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @_kept
    def index_no(self) -> str:
        """Kept once read: every listing, key and rule looks documents up by it (350,000 times in one build at 10k)."""
        return str(self.meta["index_no"])

    @property
    def slug(self) -> str:
        """The URL name: the index number with '/' made safe. Never the file path."""
        return self.index_no.replace("/", "-")

    @property
    def category(self) -> str:
        return str(self.meta["category"])

    @property
    def created(self) -> date:
        return self.meta["created"]

    @property
    def published(self) -> datetime:
        return self.meta["published"]

    @property
    def year(self) -> int:
        return self.published.year

    @property
    def validity(self) -> str:
        return str(self.meta.get("validity") or "有效")

    @property
    def superseded_by(self) -> str | None:
        return self.meta.get("superseded_by")

    @property
    def interprets(self) -> str | None:
        return self.meta.get("interprets")

    @property
    def is_interpretation(self) -> bool:
        return self.meta.get("genre") == INTERPRETATION or bool(self.interprets)

    @property
    def attachments(self) -> tuple[Attachment, ...]:
        return self.meta.get("attachments", ())

    @property
    def withdrawn(self) -> Withdrawal | None:
        return self.meta.get("withdrawn")

    @property
    def draft(self) -> bool:
        return bool(self.meta.get("draft", False))


def without_text(doc: Document) -> str:
    """内容概述 of a document whose body gives no text (a notice published as its attachments, an
    empty body): its attachments' names, else its name. The catalogue gives every item one (条例
    art. 12: 索引、名称、内容概述、生成日期), never an empty cell; the check tells the editor which."""
    if doc.attachments:
        return "附件：" + "；".join(a.title for a in doc.attachments)
    return doc.title
