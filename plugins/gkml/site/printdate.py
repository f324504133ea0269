"""The date a page printed with scripts off shows: reader.js writes the print date, which no build
can know, so paper without scripts says what the site's pages are as of, the build's moment.

The moment is in one stylesheet written every build (loaded only without scripts), not in the
pages: a page stays the same bytes from build to build, as incremental builds need."""

from __future__ import annotations

from datetime import datetime

PATH = "assets/gkml/css/built-print.css"


def zh_moment(moment: datetime) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def built_print_css(moment: datetime) -> str:
    """After the print footer (the page's address, or where to find the page): the build's moment."""
    return ('@charset "utf-8";\n'
            "/* written by each gkml build: the moment its pages are as of, printed without scripts */\n"
            f'.gkml-print-footer::after {{ content: "　网站内容截至：{zh_moment(moment)}"; }}\n')
