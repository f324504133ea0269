"""Text clean-up shared by every importer stage: spaces, padding, full-width punctuation."""

from __future__ import annotations

import html
import re

# Ideographs, CJK punctuation, full-width forms and the curly quotes Chinese text uses.
CJK = (
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff01-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014"
    "\U00020000-\U0003ffff"
)
IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
SPACES = "\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\t "

_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_PAREN_PAIR = re.compile(r"\(([^()\n]*)\)")
_QUOTE_PAIR = re.compile(r'"([^"\n]*)"')
_LONE_MARK = re.compile(rf"(?<=[{CJK}])[,:;?!()]|[,:;()](?=[{CJK}])")
_SPACE_RUN = re.compile(rf"[{SPACES}\r\n\u2028\u2029]+")
_SPACE_BETWEEN_IDEOGRAPHS = re.compile(rf"(?<=[{IDEO}])[{SPACES}]+(?=[{IDEO}])")
# Invisible: controls, direction marks, and zero-width spaces (Word and WeChat pastes hold them), which no
# reader sees as a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_WIDE_GAP = re.compile(r"\t|[ \u00a0]{2,}|\u3000+")


def has_cjk(text: str) -> bool:
    return re.search(f"[{CJK}]", text) is not None


def normalise_punctuation(text: str) -> str:
    """ASCII , : ; ( ) ? ! and paired quotes → full-width, only inside Chinese text.

    Numbers and times keep theirs: 1,000 · 5.0 · 08:54 · (a) stay as they are.
    """

    def paren(match: re.Match[str]) -> str:
        start, end = match.span()
        inner = match.group(1)
        if has_cjk(inner) or has_cjk(text[start - 1 : start]) or has_cjk(text[end : end + 1]):
            return f"（{inner}）"
        return match.group(0)

    text = _PAREN_PAIR.sub(paren, text)
    if text.count('"') % 2 == 0:
        text = _QUOTE_PAIR.sub(lambda m: f"“{m.group(1)}”" if has_cjk(m.group(1)) else m.group(0), text)
    return _LONE_MARK.sub(lambda m: _FULLWIDTH[m.group(0)], text)


# Full-width punctuation folded to ASCII, one character for one: a link's text read alone and the
# line it is in read whole normalise a mark beside it differently ('(1))' + '和' → '(1)）和').
_FOLD = str.maketrans("，：；？！（）“”", ',:;?!()""')


def folded(text: str) -> str:
    """`text` with its punctuation in one form, the same length: to find one text inside another."""
    return text.translate(_FOLD)


def shown_line(text: str) -> str:
    """One paragraph as a reader sees it: control characters dropped, spaces collapsed and trimmed,
    the punctuation as the page wrote it (what the imported document says)."""
    return _SPACE_RUN.sub(" ", _CONTROL.sub("", text)).strip()


def clean_line(text: str) -> str:
    """One paragraph as the importer's rules read it: `shown_line`, its punctuation normalised
    (a label's ':' is '：', a sentence's ',' is '，').

    Text pages may carry entities the old CMS left undecoded; HTML text comes decoded already.
    """
    return normalise_punctuation(shown_line(text))


def unescape_text_page(text: str) -> str:
    """A text save sometimes keeps `&nbsp;`/`&amp;` of the page it came from."""
    return html.unescape(text) if "&" in text else text


# A number Chinese text stands on either side of ('做好 2024 年度', '第 3 季度', '2024 年度工作要点'):
# the spaces are the typesetting's, as Chinese prints none there. A number after a Latin word keeps
# its space: 'Windows 10 系统', 'GB 6722 规程'.
_NUMBER_IN_CHINESE = re.compile(
    rf"(?:(?<=[{CJK}])|^)[{SPACES}]*([0-9]+(?:[.．\-－~～][0-9]+)*)[{SPACES}]*(?=[{CJK}]|$)")


# A joint document's issuers stand side by side, a space between them ('安徽省应急管理厅 安徽省财政厅关于…',
# '中共安徽省委办公厅 安徽省人民政府办公厅印发…'): that space is the title's, kept. An agency's name ends
# in its kind of body; the next one ends where the title's verb or the next issuer begins.
AGENCY_END = "(?:厅|局|委员会|委|办公室|办|政府|部|院|署|中心|总队|支队|集团|公司)"
AGENCY_LAST = "".join(sorted({kind[-1] for kind in AGENCY_END[3:-1].split("|")}))  # where a name can end
_ISSUER_BEFORE = re.compile(rf"[{IDEO}]{{2,}}{AGENCY_END}$")
_ISSUER_AFTER = re.compile(rf"(?!关于|转发|印发|联合)[{IDEO}]{{2,24}}?{AGENCY_END}(?=关于|联合|印发|转发|发布|公布|[{SPACES}]|$)")


# The name before needs only its last characters: two ideographs and its kind. Searched from the
# text's start, each of a long cell's line breaks rescanned all before it (a 170 KB cell took 44 s).
_ISSUER_BEFORE_REACH = 8


def issuers_meet(text: str, start: int, end: int) -> bool:
    """Whether an agency's name ends at `start` of `text` and another's begins at `end`."""
    return bool(_ISSUER_BEFORE.search(text, max(0, start - _ISSUER_BEFORE_REACH), start) and _ISSUER_AFTER.match(text, end))


def _layout_space(match: re.Match[str]) -> str:
    """'' for the spaces layout set between ideographs, one space between two issuers' names."""
    return " " if issuers_meet(match.string, match.start(), match.end()) else ""


def tight(text: str) -> str:
    """A short label-like text (title, crumb item, label): no layout spaces between ideographs, nor
    around a number set in Chinese text; the space between two issuers of a joint title stays."""
    return _NUMBER_IN_CHINESE.sub(r"\1", _SPACE_BETWEEN_IDEOGRAPHS.sub(_layout_space, shown_line(text)))


def unpad(text: str) -> str:
    """'索 引 号' / '标　　题' / '索&nbsp;&nbsp;引' → '索引号' / '标题' (all padding removed)."""
    return re.sub(f"[{SPACES}]+", "", text)


# Ideographs each set apart by spaces, as a template letter-spaces a label ('主 办 单 位', '版　权　所　有').
_LETTER_SPACED = re.compile(rf"(?<![{IDEO}])[{IDEO}](?:[{SPACES}]+[{IDEO}](?![{IDEO}]))+")


def unspaced(text: str) -> str:
    """`text` with its letter-spaced words closed up ('主 办 单 位：某某局' → '主办单位：某某局'), to read a
    footer's words: a space between two words ('合肥市应急管理局 合肥市财政局') stays."""
    return _LETTER_SPACED.sub(lambda match: unpad(match[0]), text)


def split_gaps(text: str) -> list[str]:
    """The pieces of a line separated by wide gaps (tabs, 2+ spaces, ideographic spaces)."""
    return [part for part in _WIDE_GAP.split(text) if part.strip(SPACES)]


# The characters a <sup>/<sub> prints as: 'm<sup>2</sup>' is m², not m2 (nor 10<sup>6</sup> 106).
_RAISED = {"sup": str.maketrans("0123456789+-−=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿ"),
           "sub": str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")}


def raised(text: str, tag: str) -> str | None:
    """The text of a <sup> or <sub> in the characters that show it raised or lowered, when each of
    them has such a form (a footnote mark '[1]' has none: None, it stays as written)."""
    table = _RAISED.get(tag)
    core = text.strip(SPACES + "\n\r")
    if table is None or not core or any(ord(ch) not in table for ch in core):
        return None
    return text.translate(table)


_MARKUP = re.compile(r"<\s*[A-Za-z!/?]")


def looks_like_markup(text: str) -> bool:
    return _MARKUP.search(text) is not None


def neutral(text: str) -> str:
    """Text that looks like an HTML tag, with full-width angle brackets: it can never become markup."""
    return text.replace("<", "＜").replace(">", "＞") if looks_like_markup(text) else text
