"""Chinese names a zip's unpacking misread: Windows' own zip (发送到 → 压缩文件夹) writes names in
the OEM code page (GBK on Chinese Windows) without the UTF-8 flag, and unzip on Linux (统信 UOS,
麒麟) keeps those bytes as they are, Python and some tools read them as code page 437; Windows 7's
own unzipper reads gkml's flagged UTF-8 names as GBK. The content is the copy's, the names are not,
so no page finds its links' files: told as that, not as one file missing and one extra."""

from __future__ import annotations

from collections.abc import Callable, Iterator

# (how the unzipper read the bytes, how the zipper wrote them): the bytes are got back by the first
# and read by the second; "surrogateescape" is bytes a Linux file name holds that are no UTF-8
_READINGS = (("utf-8", "gbk"), ("cp437", "gbk"), ("latin-1", "gbk"), ("gbk", "utf-8"))


def readings(path: str) -> Iterator[str]:
    """The names `path` (a '/'-separated path of the copy) was written as, were it misread so."""
    if path.isascii():
        return
    for read, written in _READINGS:
        try:
            raw = path.encode(read, "surrogateescape" if read == "utf-8" else "strict")
            name = raw.decode(written)
        except (UnicodeError, LookupError):
            continue
        if name != path:
            yield name


def pair(extra: dict[str, int], missing: dict[str, int], content: dict[str, str],
         digest: Callable[[str, int], str | None]) -> dict[str, str]:
    """Each extra file (path → size) that is a missing one (path → size; `content`: its digest) under
    a misread name → that missing file. A name read back exactly is the missing file when its content
    is; one Windows 7 could not read back (its GBK reading of UTF-8 drops bytes) is when it alone, at
    that depth, has its size and content: both names Chinese, the content the copy's."""
    paired: dict[str, str] = {}
    left = dict(missing)
    for path, size in sorted(extra.items()):
        if path.isascii():
            continue
        named = [own for own in readings(path) if left.get(own) == size]
        alike = named or [own for own, own_size in left.items()
                          if own_size == size and not own.isascii() and own.count("/") == path.count("/")]
        found = digest(path, size) if alike else None
        matches = [own for own in alike if content[own] == found]
        if len(matches) == 1 or (named and matches):
            paired[path] = matches[0]
            del left[matches[0]]
    return paired
