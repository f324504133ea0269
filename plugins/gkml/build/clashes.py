"""Two files of the site at one address, or at addresses that differ only in case.

A page or download of the docs folder (a guide page Search.md, a page's Catalogue.csv) may take
an address gkml gives its own output (search.html, catalogue.csv): written over without a word,
or, differing in case, both written and one lost wherever case is not told apart: a Windows
computer building the site, an offline copy unzipped there or carried on a FAT/exFAT stick.
content.filenames tells twins within the docs folder; this, the docs' files against the site's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Clash:
    source: str  # the docs-relative file taking the address
    address: str  # its site-relative path
    other: str  # the site-relative path it meets
    other_source: str | None  # the docs-relative file written there, None: one gkml makes itself


def clashes(sources: Iterable[tuple[str, str | None]], made: Iterable[str], folders: Iterable[str]) -> list[Clash]:
    """`sources`: each written file's site-relative path and the docs file it comes from (None: gkml's
    or the theme's); `made`: the files gkml writes beside them after MkDocs, `folders` those it
    writes whole. Each docs file whose address is another's, or one of `folders`' files, regardless of case."""
    taken: dict[str, tuple[str, str | None]] = {name.casefold(): (name, None) for name in made}
    ordered = sorted(sources, key=lambda item: item[1] is not None)  # gkml's own first
    found = []
    for path, source in ordered:
        other = taken.setdefault(path.casefold(), (path, source))
        if other != (path, source) and source is not None:
            found.append(Clash(source, path, *other))
    owned = tuple(folder.casefold() + "/" for folder in folders)
    found += [Clash(source, path, path.split("/", 1)[0], None) for path, source in ordered
              if source is not None and path.casefold().startswith(owned)]
    return found


def message(clash: Clash) -> str:
    """What the editor is told, in Chinese, of the docs file at `clash.source`."""
    other = f"“{clash.other_source}”的网址 {clash.other} " if clash.other_source else f"网站自己生成的 {clash.other} "
    if clash.other.casefold() != clash.address.casefold():  # a folder gkml writes whole
        return (f"网址 {clash.address} 在{other}文件夹中，会与检索索引或订阅文件混在一起、可能被覆盖。"
                "请把这个文件移到别的文件夹或改名。")
    if clash.other == clash.address:
        return f"网址 {clash.address} 与{other}相同，其中一个会被另一个覆盖而不提示。请给这个文件改名。"
    return (f"网址 {clash.address} 与{other}只是大小写不同。Windows 和 U 盘（FAT/exFAT）不区分大小写："
            "在 Windows 上生成网站或解压离线查阅版时两者会变成一个文件，其中一个会丢失。请给这个文件改名。")
