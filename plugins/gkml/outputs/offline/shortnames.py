"""DOS 8.3 short names (SHA256~1, MANIFE~1.JSO, INDEX~1.HTM): what is left of a copy's long names
after a copy that kept only them (`xcopy /n`, a FAT stick mounted without long names, an old
copier). The content is the copy's; the names are not, so no page finds its links' files."""

from __future__ import annotations

import re

# Windows' generated alias: at most 8 characters before the dot with a "~N" tail, at most 3 after
# (characters of the OEM code page: on Chinese Windows GBK ones too), no lowercase
_ALIAS = re.compile(r"(?P<stem>[^~.\s/]{1,7})~(?P<n>[1-9][0-9]{0,6})(?:\.(?P<ext>[^.\s/]{1,3}))?")
_NOT_IN_ALIAS = re.compile(r"[\s.+,;=\[\]]")  # what Windows drops or replaces in an alias


def is_alias(name: str) -> bool:
    """`name` is a generated 8.3 alias, not a name anyone gives a file."""
    found = _ALIAS.fullmatch(name)
    return (found is not None and len(found["stem"]) + 1 + len(found["n"]) <= 8
            and not any("a" <= ch <= "z" for ch in name))


def _alias_ext(name: str) -> str:
    """The extension an alias of the long `name` gets: its first three characters, in capitals."""
    stem, dot, ext = name.rpartition(".")
    return _NOT_IN_ALIAS.sub("", ext).upper()[:3] if dot and stem else ""


def could_be(short: str, long: str) -> bool:
    """`short` (a path) could be `long` after the copy kept only 8.3 names: each part the same name
    in any case, or an alias with the extension the long part's alias would have."""
    shorts, longs = short.split("/"), long.split("/")
    if len(shorts) != len(longs) or short == long:
        return False
    for s, lo in zip(shorts, longs, strict=True):
        if s.casefold() == lo.casefold():
            continue
        found = _ALIAS.fullmatch(s)
        if found is None or not is_alias(s) or (found["ext"] or "") != _alias_ext(lo):
            return False
    return True


def has_alias(path: str) -> bool:
    return any(is_alias(part) for part in path.split("/"))
