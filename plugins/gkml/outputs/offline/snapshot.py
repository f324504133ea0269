"""Which copy a page comes from: agency, snapshot date and document count, shown on
every page of a copy, on screen and on every printed sheet."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

# Explorer opens a file double-clicked inside a zip alone, from a temporary folder: without site/ beside it
UNZIP_FIRST = ("收到的是压缩包（.zip）时，请先在压缩包上点右键，选“全部解压缩”，再打开解压出的文件夹；"
               "在压缩包里直接双击打开，页面和链接都无法使用。")


@dataclass(frozen=True)
class Snapshot:
    agency: str
    date: date
    documents: int
    site_url: str = ""  # the online site, which lists every copy

    @property
    def zh_date(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def line(self) -> str:
        return f"离线查阅版　快照日期：{self.zh_date}　收录主动公开政府信息 {self.documents} 件　{self.agency}"

    @property
    def search_note(self) -> str:
        """What the copy's search says under an empty answer: a later document is in no copy of this date."""
        return f"本副本截至 {self.zh_date}，之后公开的文件不在其中。"

    @property
    def alone(self) -> str:
        """What a page of the copy opened without the copy's other files says (the site's stylesheet hides it)."""
        return f"本页旁边没有离线查阅版的其他文件，页面样式、链接和检索都无法使用。{UNZIP_FIRST}"

    @property
    def list_url(self) -> str:
        return self.site_url.rstrip("/") + "/offline/" if self.site_url else ""


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes and backslashes escaped, control characters dropped."""
    clean = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_css(snapshot: Snapshot) -> str:
    """The snapshot line and the sheet number in the bottom margin of every printed sheet
    (CSS page-margin boxes; browsers without them still print the line after the text)."""
    return (
        '@charset "utf-8";\n'
        "/* written by gkml offline: which copy every printed sheet comes from */\n"
        "@page {\n"
        "  margin-bottom: 18mm;  /* room for the line below, whatever else the page sets */\n"
        f"  @bottom-left {{ content: {css_string(snapshot.line)}; font-size: 8pt; color: #000; }}\n"
        '  @bottom-right { content: "第 " counter(page) " 页"; font-size: 8pt; color: #000; }\n'
        "}\n"
    )
