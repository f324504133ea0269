"""The 索引号 (机构代码/年月-五位序号): its field's check, each slip said, and the spelling fix and
`gkml new` write, an index number copied from its page's address too."""

from __future__ import annotations

import re
from typing import Any

from gkml.content.corrections import SENTENCE_STOPS, normalize_width
from gkml.content.fieldcheck import MISSING, FieldChecker, Missing, scalar_text
from gkml.content.source import Value
from gkml.profile.model import FieldSpec
from gkml.profile.types import INDEX_NO, index_no_slip


def fix_index_no(text: str) -> str:
    """The index number with full-width characters made ASCII, spaces and a stop typed after it
    dropped, its org code's letters upper case (00298662x: codes have no lower-case letter), and
    as its page's address spells it (…/doc/002986620-202003-00012/, copied from the browser) made
    the number it spells: an org code has no "-"."""
    text = unaddressed(_dashes_plain(normalize_width(text)).replace(" ", "").rstrip(SENTENCE_STOPS))
    org, slash, rest = text.partition("/")
    # 00298662-0: the 组织机构代码 as its certificate prints it; the index number writes its 9 characters
    return (org[:8] + org[9:] if re.fullmatch("[0-9A-Za-z]{8}-[0-9A-Za-z]", org) else org).upper() + slash + rest


# Dashes a PDF, Word or an old page prints for the hyphen before the serial (002986620/202003–00012)
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹣", "-"))


def _dashes_plain(text: str) -> str:
    return text.translate(_DASHES)


_ADDRESSED = re.compile(r"([0-9A-Za-z]{9}|[0-9A-Za-z]{18})-([0-9]{4}(?:[0-9]{2})?-[0-9]{5})")


def unaddressed(text: str) -> str:
    """The index number a document page's address, or its last part, spells; `text` if none."""
    if "doc/" in text:
        text = text.removesuffix("/").removesuffix("/index.html").removesuffix(".html").rpartition("doc/")[2]
    match = _ADDRESSED.fullmatch(text)
    return f"{match[1]}/{match[2]}" if match else text


# a 文号 written where an index number belongs: its year in brackets, any look-alike, and 号 at its end
_WRITTEN_DOC_NO = re.compile(r"[〔\[（(【［﹝〈][0-9０-９]{4}[〕\]）)】］﹞〉]\s*[0-9０-９]+\s*[号號]$|令第\s*[0-9０-９]+\s*[号號]$")


def check_index_no(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    text = scalar_text(c, spec, value)
    if isinstance(text, Missing):
        return text
    if INDEX_NO.match(text):
        return text
    ascii_text, fixed = normalize_width(text).replace(" ", ""), fix_index_no(text)
    dashless = _dashes_plain(ascii_text)
    unstopped = dashless.rstrip(SENTENCE_STOPS)
    spelt = unaddressed(unstopped)
    org = spelt.partition("/")[0]
    if INDEX_NO.match(fixed):
        slips = [why for why, changed in (("索引号中有全角字符或空格", ascii_text != text),
                                          ("序号前的短横线要写英文的“-”", dashless != ascii_text),
                                          (f"索引号末尾多了标点“{dashless[len(unstopped):]}”", unstopped != dashless),
                                          ("这是页面地址中的写法，索引号的机构代码后面是“/”", spelt != unstopped),
                                          ("机构代码中间不写短横线（代码证上的 XXXXXXXX-X 写作 9 位）", "-" in org),
                                          ("机构代码中的字母要大写（组织机构代码和统一社会信用代码只用大写字母）", org != org.upper())) if changed]
        code = ("fullwidth-digits" if ascii_text != text else "index-no-dash" if dashless != ascii_text
                else "index-no-address" if spelt != unstopped else "index-no-case")
        c.report(value, spec.key, code, f"{'；'.join(slips)}，应写作：{fixed}")
    elif _WRITTEN_DOC_NO.search(text):  # 皖应急〔2020〕12号: the other number a document page shows
        where = ("请写那个文件的索引号，它写在那个文件属性区的 index_no 中" if spec.type == "index_ref"
                 else "文号请写在 doc_no 中，这里写本文件的索引号")
        c.report(value, spec.key, "index-no-format",
                 f"“{text}”是文号，不是索引号（机构代码/年月-五位序号，例如 002986620/201012-00015）：{where}。")
    else:
        slip = index_no_slip(ascii_text)
        c.report(value, spec.key, "index-no-format",
                 f"索引号格式应为 机构代码/年月-五位序号，例如 002986620/201012-00015，现在是“{text}”。"
                 + (f"{slip}。" if slip else ""))
    return MISSING
