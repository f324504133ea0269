"""Attribute labels of old disclosure pages and the content-model key each one states.

Labels are matched after removing padding ('索 引 号', '标　　题', '发&nbsp;布&nbsp;机&nbsp;构'),
so one synonym list covers every spacing a CMS template uses, and in a line's simplified shadow
(索引號, 發布機構: a Hong Kong, Macao or Taiwan office's page); a value is the text as written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from gkml.importer.text import SPACES, unpad
from gkml.profile.synonyms import ENGLISH_NAMES, FIELD_NAMES, simplified

# Label (unpadded) → key. "" = a label the page shows that carries nothing to import
# (its value must still end where it ends, and never become a title).
LABELS: Mapping[str, str] = {
    **FIELD_NAMES,
    **dict.fromkeys(("栏目", "所属栏目", "所在栏目"), "column"),  # a category candidate, not a field
    "公开范围": "disclosure",  # 主动公开 / 依申请公开 as often as 面向社会
    **dict.fromkeys(("公开形式", "公开时限",
                     "载体类型", "浏览次数", "阅读次数", "访问次数", "访问量", "点击数", "点击率",
                     "阅读", "浏览", "点击", "作者", "编辑", "责任编辑", "审核", "字体", "字号",
                     "生效日期", "失效日期", "废止日期", "发布人", "信息提供", "供稿", "文章作者",
                     "分享到", "扫一扫"), ""),
    **dict.fromkeys(("日期", "时间"), "published"),
}
# Facts of the document the content model has no field for: each told in a TODO, never dropped unsaid.
UNFIELDED = frozenset({"生效日期", "失效日期", "废止日期"})
# Never read as an attribute run's label when alone at the start of a body line.
WEAK = frozenset({"日期", "时间", "主题", "分类", "阅读", "浏览", "点击", "编辑", "审核", "摘要", "date", "time"})

_PAD = f"[{SPACES}]*"


def is_weak(label: str) -> bool:
    """A label too common a word to open an attribute run by itself (日期, 主题, 時間)."""
    return simplified(unpad(label)).rstrip(":：").lower() in WEAK  # 'Date' as 日期


def _padded(label: str) -> str:
    return _PAD.join(map(re.escape, label))


def _english(name: str) -> str:
    """'index no' → a pattern of it as pages print it: any case, 'Index No.', 'INDEX NO', 'Index&nbsp;No.'."""
    return r"[ \u00a0]*".join(re.escape(word) + r"\.?" for word in name.split())


# An English name beside a Chinese label, after it or before it ('索引号 Index No.', '索引号/Index No',
# '发布机构（Issued by）', 'Index No. 索引号'), or alone ('Issued by').
_ENGLISH = ("(?<![A-Za-z])(?i:" + "|".join(_english(name) for name in sorted(ENGLISH_NAMES, key=len, reverse=True))
            + ")(?![A-Za-z])")
_BESIDE = f"[{SPACES}/／|｜(（]*"
_CLOSE = "[)）]?"


def _bilingual(chinese: str) -> str:
    return (f"(?:{chinese})(?:{_BESIDE}{_ENGLISH}{_CLOSE})?|{_ENGLISH}(?:{_BESIDE}(?:{chinese}){_CLOSE})?")


_ALT = _bilingual("|".join(_padded(label) for label in sorted(LABELS, key=len, reverse=True)))
_COLON = r"[:：]"
# A label, then a colon; not the tail of a longer word ('发文字号' is not '文号').
# Labels of three or more characters also right after text ('…管理局浏览次数：'), as
# adjacent <span>s save them.
_LONG_ALT = _bilingual("|".join(_padded(label) for label in sorted(LABELS, key=len, reverse=True)
                               if len(label) >= 3))
# '【发布机构】某某局': a label in 【】 needs no colon.
_LABEL = re.compile(rf"【{_PAD}(?:{_ALT}){_PAD}】{_PAD}{_COLON}?|(?:(?<![\u4e00-\u9fff])(?:{_ALT})|(?:{_LONG_ALT})){_PAD}{_COLON}")
# Where a value ends inside its line: a wide gap, or the page's font/print buttons.
_VALUE_END = re.compile(r"\t|[ \u00a0]{2,}|\u3000{2,}|[【\[](?:字体|字号|打印|关闭)")
_AT_START = re.compile(rf"^{_PAD}(?:(?:【)?({_ALT}){_PAD}(?:】{_PAD})?(?:{_COLON}|$)|【({_ALT}){_PAD}】)")


# '索引号11340000…/202405-00031': a label with its value glued on, as a text save keeps
# <span>索引号</span><span>…</span> (no colon, no gap).
_GLUED = re.compile(rf"^({'|'.join(map(re.escape, sorted(LABELS, key=len, reverse=True)))})(?![{SPACES}:：])(\S.*)$")


def glued_pair(line: str) -> tuple[str, str] | None:
    """(label, value) of a short line that opens with a label of a field glued to its value, else None."""
    text = line.strip(SPACES)
    match = _GLUED.match(simplified(text)) if len(text) <= 80 else None
    return (match[1], text[match.start(2):]) if match and LABELS[match[1]] else None


_LONGEST = 2 * max(map(len, LABELS)) + 40  # a label beside its English name, brackets and colon


def key_of(label_text: str) -> str | None:
    """The key a label cell states ('索 引 号：' → 'index_no'; '' for known chrome labels), else None."""
    if len(label_text) > _LONGEST and len(unpad(label_text)) > _LONGEST:  # a page's text, not a label
        return None
    bare = simplified(unpad(label_text)).rstrip(":：").strip("【】[]")
    return LABELS.get(bare) if bare in LABELS else _english_key(bare)


_LATIN = re.compile(r"[A-Za-z]+(?:\.?[A-Za-z]+)*\.?")
_ENGLISH_KEYS = {name.replace(" ", ""): key for name, key in ENGLISH_NAMES.items()}


def _english_key(bare: str) -> str | None:
    """The key of an English label, alone or beside a Chinese one ('索引号IndexNo.', 'Issuedby'):
    the Chinese label's when it has one; None for an English name the list does not know."""
    words = _LATIN.findall(bare)
    chinese = re.sub(r"[/／|｜()（）]", "", _LATIN.sub("", bare))
    english = _ENGLISH_KEYS.get("".join(words).replace(".", "").lower()) if words else None
    if english is None or (chinese and chinese not in LABELS):
        return None
    return LABELS[chinese] if chinese else english


_RANK = {label: n for n, label in enumerate(LABELS)}


def rank(label_text: str) -> int:
    """How closely a label names its field: the content model's own name (成文日期, 发布机构) before a
    near one (发文日期, 发文机关), as FIELD_NAMES lists them."""
    return _RANK.get(simplified(unpad(label_text)).rstrip(":：").strip("【】[]"), len(_RANK))


def pairs_in_line(line: str) -> list[tuple[str, str]]:
    """Every `label：value` of one line: a value runs to the next label or a wide gap.

    ('发布时间：2020-03-05 10:12:31    来源：县应急管理局' → two pairs; the single
    space inside '防汛 安全生产' stays in the value.)
    """
    matches = list(_LABEL.finditer(simplified(line)))
    pairs: list[tuple[str, str]] = []
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(line)
        value = line[match.end() : end]
        gap = _VALUE_END.search(value.lstrip(SPACES))
        value = value.lstrip(SPACES)
        if gap:
            value = value[: gap.start()]
        label = unpad(match.group(0)).rstrip(":：")
        pairs.append((label, _unbracketed(value.strip(SPACES).rstrip("【[（(|｜").strip(SPACES))))
    return pairs


_CLOSING = {"】": "【", "]": "[", "）": "（", ")": "("}


def _unbracketed(value: str) -> str:
    """A value without the bracket that closes its pair ('【来源：办公室】', '（来源：办公室）'): a closing
    bracket at its end that the value opens nowhere."""
    opening = _CLOSING.get(value[-1:])
    return value[:-1].rstrip(SPACES) if opening and opening not in value else value


def starts_with_label(line: str) -> bool:
    """A line that opens with a label and a colon (or is only a label): an attribute line."""
    match = _AT_START.match(simplified(line))
    if match is None:
        return False
    return unpad(match.group(1) or match.group(2)).lower() not in WEAK or len(line.strip(SPACES)) < 60


def is_label_only(line: str) -> bool:
    """'索 引 号：' alone (a table cell or grid label saved on its own line)."""
    return key_of(line.strip(SPACES)) is not None


# A cell that is a label the list does not know ('报送单位：'): a pair all the same, so that one
# such row does not make an attribute table read as page layout.
_OTHER_LABEL = re.compile(rf"^[\u4e00-\u9fff{SPACES}]{{2,10}}[:：]$")


def _other_label(cell: str) -> bool:
    return _OTHER_LABEL.match(cell.strip(SPACES)) is not None and len(unpad(cell)) <= 7


_LEADING_COLON = re.compile(rf"^[{SPACES}]*[:：][{SPACES}]*")


def _after_colon(value: str) -> str:
    """A value cell that opens with its label's colon ('索引号' | '：002986620/…'): the value after it."""
    return _LEADING_COLON.sub("", value, count=1)


def pair_cells(cells: list[str]) -> list[tuple[str, str]] | None:
    """(label, value) of one row of cells: 标签 | 值 | 标签 | 值, or 标签：值 cells.

    None for a row of three or more labels side by side: a data table's header
    (序号 | 名称 | 文号 | 发布日期), not attributes.
    """
    # '<span>索 引 号</span><span>：</span><span>…</span>': the colon in a cell of its own belongs to the label.
    cells = [text for text in cells if text.strip(SPACES) not in (":", "：")]
    known = [key_of(text) is not None for text in cells]
    if sum(known) >= 3 and any(a and b for a, b in itertools.pairwise(known)):
        return None
    labels = [is_known or _other_label(text) for is_known, text in zip(known, cells, strict=True)]
    pairs: list[tuple[str, str]] = []
    n = 0
    while n < len(cells):
        if labels[n]:
            # An empty 文号： cell beside '发布日期：2010-12-02' is empty: the next cell is its own pair.
            has_value = n + 1 < len(cells) and not labels[n + 1] and not starts_with_label(cells[n + 1])
            pairs.append((cells[n], _after_colon(cells[n + 1]) if has_value else ""))
            n += 2 if has_value else 1
            continue
        if starts_with_label(cells[n]):
            pairs.extend(pairs_in_line(cells[n]))
        n += 1
    return pairs


def unstacked(cells: list[list[str]]) -> list[list[str]] | None:
    """A row whose label cells stack two or more labels ('索引号：<br>发布机构：' beside
    '002986620/…<br>安徽省应急管理厅'), its cells given as lines: each such cell and the cell after it
    a row per line, the other cells a row of their own; None for a row with no such cell."""
    rows: list[list[str]] = []
    rest: list[str] = []
    n = 0
    while n < len(cells):
        lines = list(cells[n])
        while lines and not lines[-1]:  # '文号<br>成文日期<br>'
            lines.pop()
        stacked = len(lines) >= 2 and all(map(is_label_only, lines))
        beside = list(cells[n + 1]) if n + 1 < len(cells) else []
        while len(beside) > len(lines) and not beside[-1]:  # a <br> closing the cell
            beside.pop()
        if stacked and len(beside) == len(lines):  # an empty value is an empty line ('002986620/…<br>')
            rows += [[label, value] for label, value in zip(lines, beside, strict=True)]
            n += 2
            continue
        rest.append(" ".join(lines))
        n += 1
    return None if not rows else ([rest] if any(rest) else []) + rows


def column_pairs(labels: list[str], values: list[str], *, anchored: bool = True) -> list[tuple[str, str]] | None:
    """索引号 | 发布机构 | 生成日期 over one row of values: a document's attributes by columns.

    Every cell of the first row a label, among them 索引号 or 发布机构 (unless `anchored` is False:
    a further labels row of the same grid), and no label below (a data table's header has 序号 or
    other non-labels)."""
    keys = [key_of(text) for text in labels]
    if (len(labels) != len(values) or not all(keys) or (anchored and not {"index_no", "publisher"} & set(keys))
            or any(key_of(text) for text in values if text)):
        return None
    return list(zip(labels, values, strict=True))


def grid_pairs(rows: list[list[str]]) -> list[tuple[str, str]] | None:
    """Labels rows each over its values row (索引号 | 发布机构 … / values / 信息分类 | 发布日期 … / values)."""
    if len(rows) < 2 or len(rows) % 2:
        return None
    pairs: list[tuple[str, str]] = []
    for n in range(0, len(rows), 2):
        found = column_pairs(rows[n], rows[n + 1], anchored=n == 0)
        if found is None:
            return None
        pairs += found
    return pairs


def tabbed_pairs(line: str) -> list[tuple[str, str]]:
    """A table row saved as text ('索引号\t002986620/…\t主题分类\t…'): its pairs, else []."""
    if "\t" not in line:
        return []
    cells = [cell.strip(SPACES) for cell in line.strip(SPACES).split("\t")]
    if not cells or key_of(cells[0]) is None:
        return []
    return pair_cells(cells) or []


def tabbed_columns(line: str, below: str, *, anchored: bool = True) -> list[tuple[str, str]]:
    """A labels row over a values row saved as text ('索引号\t发布机构…' then '002986620/…\t…'), else []
    (`anchored`: as column_pairs)."""
    if "\t" not in line or "\t" not in below or len(line) > 300:
        return []
    labels = [cell.strip(SPACES) for cell in line.strip("\r\n").split("\t")]
    values = [cell.strip(SPACES) for cell in below.strip("\r\n").split("\t")]
    return column_pairs(labels, values, anchored=anchored) or []


def restacked(lines: list[str], at: int) -> tuple[list[str], int] | None:
    """A row of stacked labels as a browser's text save leaves it: each cell's <br>s a line break,
    its cells joined by tabs ('索引号：', '文号：\t002986620/…', '皖应急〔2023〕45号'), so that label and
    value lines interleave. Its pairs as tabbed lines ('索引号：\t002986620/…') and the number of
    lines they came from; None for lines not in that shape."""
    labels = 0
    while at + labels < len(lines) and "\t" not in lines[at + labels] and is_label_only(lines[at + labels]):
        labels += 1
    if labels < 1 or at + labels == len(lines) or labels > 12:
        return None
    cells = [part.split("\n") for part in "\n".join(lines[at:at + 4 * (labels + 1)]).split("\t")]
    pairs: list[str] = []
    used = 0  # line breaks read
    for n in range(0, len(cells) - 1, 2):
        names, values = cells[n], cells[n + 1]
        if len(names) < 2 or not all(map(is_label_only, names)) or len(values) < len(names):
            break
        pairs += [f"{name}\t{value}" for name, value in zip(names, values, strict=False)]
        used += len(names) - 1 + len(names) - 1
        if len(values) > len(names):  # the last cell of the row: the lines after it are the page's
            break
    return (pairs, used + 1) if pairs else None
