"""PyYAML's English syntax errors as what an editor did and how to write it instead.

libyaml (CSafeLoader) and pure-Python PyYAML word their errors differently; both are
matched by the start of the message. An error not named here still gets a Chinese
message: no English reaches an editor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

_QUOTE_ALL = "请给整个值加引号"
# (start of PyYAML's message, what the editor reads)
_REASONS: tuple[tuple[str, str], ...] = (
    ("found character '\\t' that cannot start any token", "出现了制表符（Tab），请改用空格"),
    ("found character", f"值不能以 @、` 或 % 等符号开头，{_QUOTE_ALL}，例如 title: \"@…\""),
    ("mapping values are not allowed", "这里不能出现冒号“: ”；值中含有冒号时请给整个值加引号"),
    ("could not find expected ':'", "缺少冒号“:”，每行应为“键: 值”"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("expected <block end>, but found '<block mapping start>'", "缩进不一致"),
    ("did not find expected key", "缩进不一致或缺少键"),
    ("expected <block end>", "缩进不一致或缺少键"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("did not find expected ',' or ']'", "列表的方括号 [ ] 没有闭合或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合或缺少逗号"),
    ("exceeded maximum nesting depth", "嵌套过深，属性值只能是文字或简单列表"),
    ("found unknown escape character", "双引号中的反斜杠“\\”被当作转义符。请改用单引号把整个值括起来，或把 \\ 写成 \\\\"),
    # \ud800-\udfff: half of a UTF-16 pair (JSON's way to write 😀), no character of its own
    ("found invalid Unicode character escape code", ("双引号中的 \\u 转义不是一个字符（\\ud800–\\udfff 是 UTF-16 代理项）。"
                                                     "请直接写出这个字符，或写成 \\U 加 8 位十六进制，例如 \\U0001F600")),
    ("block sequence entries are not allowed", f"这里不能出现列表项“- ”；值以“- ”开头时{_QUOTE_ALL}"),
    ("did not find expected comment or line break", f"值以 > 或 | 开头时后面不能再写文字；{_QUOTE_ALL}"),
    ("did not find expected alphabetic or numeric character", f"值以 * 或 & 开头会被当作 YAML 别名或锚点；{_QUOTE_ALL}"),
    ("expected alphabetic or numeric character", f"值以 * 或 & 开头会被当作 YAML 别名或锚点；{_QUOTE_ALL}"),
    ("did not find expected whitespace or line break", f"值以 ! 开头会被当作 YAML 标记；{_QUOTE_ALL}"),
    ("mapping keys are not allowed", f"值以“? ”开头会被当作 YAML 的复杂键；{_QUOTE_ALL}"),
    ("found unexpected non-alphabetical character", "行首的 % 是 YAML 指令，属性区中不能使用"),
    ("did not find expected <document start>", "行首的 % 是 YAML 指令，属性区中不能使用"),
    ("expected '<document start>'", "行首的 % 是 YAML 指令，属性区中不能使用"),
    ("found unexpected document indicator", "引号中的值不能跨到以 --- 或 ... 开头的行"),
)
FALLBACK = "无法解析。请检查这一行的引号和括号是否成对、缩进是否一致；值以特殊符号开头时" + _QUOTE_ALL
# `title: "十四五"规划`, `title: [2020]1号`: a quoted, bracketed or braced start that ends before the value does
_CLOSED_EARLY = re.compile(r"""^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(?:"[^"]*"|'[^']*'|\[[^\]]*\]|\{[^}]*\})\s*[^\s#]""")


# PyYAML finds these only lines later (the next line, the end of the front matter): the line
# to show is where the key or quote it was scanning starts
_SCANNING = ("while scanning a simple key", "while scanning a quoted scalar")
# a value opened with one kind of quote and ended with a Chinese one (Word's smart quotes)
_SMART_END = re.compile(r"""^[^:#]*:\s+(?P<open>['"]).*[‘’“”]\s*$""")


# `title: 关于印发: 办法的通知`: a plain value on a top-level key's line with a colon and a space in
# it, which YAML reads as another key. Quoted whole, the line says what the editor meant. Not when
# the value holds a # (a comment's or its own: not certain) or starts with what YAML reads otherwise.
_COLON_IN_VALUE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*):[ ]+"
                             r"(?P<value>[^\s'\"\[\]{}&*!|>%@`#?,-][^#\t]*?:(?:[ ][^#\t]*)?)[ ]*$")


# `source: 来源:`: a page's label pasted with no value after it, its colon read as another key's
_NAME_AND_COLON = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*):[ ]+(?P<value>[^\s:'\"\[\]{}&*!|>%@`#?,-][^\s:#]{0,11}):[ ]*$")


def colon_quoted(line: str) -> str | None:
    """The front-matter `line` with its value quoted whole, when a colon in it is what YAML trips on."""
    if match := _COLON_IN_VALUE.match(line):
        value = match["value"].replace("'", "''")  # a quote inside single quotes is written twice
        return f"{match['key']}: '{value}'"
    return None


# YAML reads a key written on one line only up to 1,024 characters (a "simple key"): past that it says the
# colon is missing, though the line has one. The colon's place in the line, counted from the key's start.
_SIMPLE_KEY_LIMIT = 1024
_KEY_COLON = re.compile(r"[:：](?:[ \t]|$)")


def _overlong_key(line: str, column: int) -> int | None:
    """How many characters stand before the key's colon in `line`, when more than YAML reads as a key."""
    colon = _KEY_COLON.search(line, column)
    return colon.start() - column if colon and colon.start() - column > _SIMPLE_KEY_LIMIT else None


def error_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where the editor should look: the start of what PyYAML was scanning, or where it stopped."""
    if error.context_mark and str(error.context or "").startswith(_SCANNING):
        return error.context_mark
    return error.problem_mark or error.context_mark


def yaml_reason(error: yaml.MarkedYAMLError, yaml_text: str) -> str:
    """The Chinese reason for a YAML syntax error in `yaml_text` (the front matter)."""
    mark = error_mark(error)
    line = yaml_text.split("\n")[mark.line] if mark and mark.line < yaml_text.count("\n") + 1 else ""
    if _CLOSED_EARLY.match(line):
        return ("值以引号或括号开头时，整个值都必须在里面。值中本身有引号或括号时，请用另一种引号把整个值括起来，"
                "例如 title: '\"十四五\"规划'")
    if str(error.problem or "").startswith("found unexpected end of stream") and (match := _SMART_END.match(line)):
        return (f"值以英文引号 {match['open']} 开头，却以中文引号结尾（Word、WPS 会自动换成中文引号），引号没有闭合。"
                f"请把结尾的中文引号改成 {match['open']}，或删去开头的 {match['open']}")
    reason = str(error.problem or error.context or "")
    if reason.startswith("mapping values are not allowed") and (named := _NAME_AND_COLON.match(line)):
        return (f"值“{named['value']}:”以冒号结尾，YAML 把它读成另一个键。如果它是从网页或文件复制时带上的字段名，"
                f"请删去它（没有值时写作 {named['key']}:，gkml fix 可自动删去）；如果冒号确实是值的一部分，"
                f"请给整个值加引号：{colon_quoted(line)}")
    if reason.startswith("mapping values are not allowed") and (quoted := colon_quoted(line)):
        return f"值中有冒号加空格“: ”，YAML 会把后面的部分当作另一个键；请给整个值加引号，应写作：{quoted}"
    if reason.startswith("could not find expected ':'") and mark and (length := _overlong_key(line, mark.column)):
        return (f"冒号前有 {length} 个字符，YAML 的字段名最多 {_SIMPLE_KEY_LIMIT} 个字符，读不出这一行。字段名应是英文键"
                "（如 title、source），值写在“: ”后面；如果这是一段文字（如从文件复制的正文），请把它移到属性区下面的正文中")
    for english, chinese in _REASONS:
        if reason.startswith(english):
            return chinese
    return FALLBACK


# ` #` ends a plain value and starts a comment: `title: 关于 #3号文件的通知` is the title 关于.
# A comment is written `# 说明`; a `#` with text right after it was meant as part of the value.
_SWALLOWED = re.compile(r"[ ]+(#\S.*)$")


def swallowed_text(root: yaml.Node, lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(0-based line, 0-based column, value, text) of each plain value whose line goes on with a
    comment that looks like more of the value."""
    found: list[tuple[int, int, str, str]] = []
    for node in _nodes(root, keys=False):
        if isinstance(node, yaml.ScalarNode) and not node.style and node.value \
                and node.start_mark.line == node.end_mark.line:
            end = node.end_mark
            # matched from the value's end in place: a slice copied the rest of the line for each
            # value, quadratic in a line of many (keywords: [w1, w2, … w80000], 2.4 s)
            if match := _SWALLOWED.match(lines[end.line], end.column):
                found.append((end.line, match.start(1), node.value, match.group(1)))
    return sorted(found)


# A tag YAML reads and drops: `title: ! 重要通知` is the title 重要通知, `!!python/object:x ls` the
# text ls. The core tags name a type the text must fit (checked where values are converted).
_TAG = re.compile(r"(?:&\S+\s+)?(![^\s,\[\]{}]*)")
_CORE_TAGS = frozenset(f"!!{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


def explicit_tags(root: yaml.Node, lines: list[str]) -> list[tuple[int, int, str]]:
    """(0-based line, 0-based column, tag) of each node written with a tag other than a core one."""
    found: list[tuple[int, int, str]] = []
    for node in _nodes(root, keys=True):
        start = node.start_mark
        match = _TAG.match(lines[start.line], start.column) if start.line < len(lines) else None
        if match and match.group(1) not in _CORE_TAGS:
            found.append((start.line, match.start(1), match.group(1)))
    return sorted(found)


def _nodes(root: yaml.Node, *, keys: bool) -> Iterator[yaml.Node]:
    """Every node below `root`, `root` too; the mapping keys as well when `keys`."""
    pending = [root]
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, yaml.MappingNode):
            pending.extend(item for key, value in node.value for item in ((key, value) if keys else (value,)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
