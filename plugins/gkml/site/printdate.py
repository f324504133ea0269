"""The date a page printed with scripts off shows: reader.js writes the print date, which no build
can know, so paper without scripts says what the site's pages are as of, the build's moment.

The moment is in one stylesheet written every build (loaded only without scripts), not in the
pages: a page stays the same bytes from build to build, as incremental builds need. Its address
stays too, so its file's time is set ahead (`stamp`): else a browser's cache would keep it."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

PATH = "assets/gkml/css/built-print.css"
# how far ahead of the build the stylesheet's time is: past it (a site unbuilt for a year) a browser
# keeps the file a tenth of the time since, as it did before
AHEAD_NS = 366 * 86_400 * 10**9


def zh_moment(moment: datetime) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def built_print_css(moment: datetime) -> str:
    """After the print footer (the page's address, or where to find the page): the build's moment."""
    return ('@charset "utf-8";\n'
            "/* written by each gkml build: the moment its pages are as of, printed without scripts */\n"
            f'.gkml-print-footer::after {{ content: "　网站内容截至：{zh_moment(moment)}"; }}\n')


def stamp(site_dir: Path) -> None:
    """Set the written stylesheet's time a year ahead. Servers send a file's time as Last-Modified,
    and a browser keeps a file whose Last-Modified is earlier than the answer's date without asking
    again for a tenth of its age (RFC 9111 4.2.2: built a day ago, 2.4 hours), so paper printed after
    the next build said the last one's moment. A time ahead of the answer's date: kept for no time,
    asked again each time, and each build's time later than the last's, so the server tells it changed."""
    path = site_dir / PATH
    if path.is_file():
        ahead = time.time_ns() + AHEAD_NS
        os.utime(path, ns=(ahead, ahead))
