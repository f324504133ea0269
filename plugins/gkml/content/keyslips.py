"""A front-matter key as editors type it: which field it certainly means (Chinese names, capitals,
Word's quotes, full-width letters, invisible characters, a typo), and what the message says was
typed around or inside it. Check and fix read the same answers."""

from __future__ import annotations

import re
from collections.abc import Collection

from gkml.content.corrections import INVISIBLE, code_points
from gkml.profile.model import Profile
from gkml.profile.synonyms import field_named, unspaced

# Quotes Word and WPS put around a word typed in quotes: YAML keeps them in the key (`“title”`).
_QUOTED_KEY = re.compile("^[“‘「『](?P<key>.+)[”’」』]$")


# The full-width forms of ASCII (ｇｅｎｒｅ), as a Chinese input method's full-width mode types them.
_FULLWIDTH_ASCII = re.compile("[\uff01-\uff5e]")


def bare_key(key: str) -> str:
    """`key` without spaces of any width, invisible characters, or the smart quotes around it,
    its full-width letters written as ASCII."""
    bare = unspaced(re.sub(f"[{INVISIBLE}]", "", key))
    bare = _FULLWIDTH_ASCII.sub(lambda m: chr(ord(m.group()) - 0xFEE0), bare)
    quoted = _QUOTED_KEY.match(bare)
    return quoted["key"] if quoted else bare


def misnamed_key(key: str, profile: Profile) -> str | None:
    """The field a key certainly means though it is not spelled so: with the full-width spaces of
    a Chinese input method, invisible characters or smart quotes around it (`　title`, `“title”`),
    in capitals (`DOC_NO`, `Title`: keys are lower case), or by its Chinese name (`标题`, `發文字號`)."""
    bare = bare_key(key)
    for meant in (bare, bare.lower()):
        if meant != key and meant in profile.fields:
            return meant
    return field_named(bare, profile)


def quoted_key(key: str) -> str:
    """`key` in Chinese quotes for a message, unless Word's quotes already wrap it (not ““title””)."""
    return key if _QUOTED_KEY.match(key) else f"“{key}”"


def key_wrapping(key: str, meant: str) -> str:
    """What was typed around or inside `key`, the field `meant` written so that YAML keeps it in the name."""
    if _QUOTED_KEY.match(unspaced(key)):
        return f"字段名 {meant} 两边有引号（Word、WPS 会把引号换成中文引号），字段名不加引号"
    if _FULLWIDTH_ASCII.search(key):
        return f"字段名 {meant} 是用全角字母写的（输入法的全角模式），要用半角英文字母"
    extra = [ch for ch in key if ch not in bare_key(key)]
    if set(extra) <= {"\u3000"}:
        return f"字段名 {meant} 前后有全角空格（中文输入法的空格），YAML 把它当作字段名的一部分"
    return f"字段名 {meant} 中有看不见的字符或特殊空格（{code_points(extra)}），YAML 把它当作字段名的一部分"


def renamed_key(line: str, key: str, meant: str) -> str | None:
    """The front-matter `line` that starts with `key`, with `meant` in its place."""
    return meant + line[len(key):] if line.startswith(key) else None


def key_correction(key: str, known: Collection[str]) -> str | None:
    """The field `key` is a typo of: the one field nearest within a typo's reach (a letter missing,
    extra, wrong or two swapped; two such slips in a key of 8 letters or more). Only a slip is
    certain: a different word that merely looks alike (`date`, `description`) is another key."""
    reach = 2 if len(key) >= 8 else 1
    distances = {field: _typo_distance(key, field, reach) for field in known}
    nearest = min(distances.values(), default=reach + 1)
    close = [field for field, distance in distances.items() if distance == nearest]
    return close[0] if nearest <= reach and len(close) == 1 else None


def _typo_distance(a: str, b: str, cap: int) -> int:
    """Edits between `a` and `b` (insert, delete, replace, swap two neighbours), or more than `cap`."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[-1]


# A field's own name pasted before its value, as a page prints them (publisher: 发布机构：安徽省应急管理厅);
# a value YAML would read otherwise without the name (one starting with [ or a quote) is left as it is
_NAMED_VALUE = re.compile("^(?P<name>[^:：\\s]{1,12}?)[ \t\u3000]*[:：][ \t\u3000]*(?P<value>[^\\s\\[\\]{}&*!|>'\"%@`#,?:-].*)$")


def name_pasted(key: str, text: str, profile: Profile) -> tuple[str, str] | None:
    """The name and colon as typed, and the value after them, when `text` starts with the name of the
    field `key` itself (its label or a name pages give it) and a colon."""
    match = _NAMED_VALUE.match(text.strip())
    if match is None or field_named(match["name"], profile) != key:
        return None
    return text.strip()[:match.start("value")].rstrip(), match["value"].rstrip()


# A field's own name pasted with nothing after it (source: 来源：): the label a page prints, no value
_NAME_ONLY = re.compile("^(?P<name>[^:：\\s]{1,12}?)[ \t\u3000]*[:：]$")


def name_only(key: str, text: str, profile: Profile) -> str | None:
    """The name and colon as typed when `text` is the name of the field `key` itself and nothing else."""
    match = _NAME_ONLY.match(text.strip())
    return text.strip() if match and field_named(match["name"], profile) == key else None
