"""Reading a document file: its text (content.textfile), front matter, and YAML values with positions.

MkDocs (and python-frontmatter) discard YAML errors and positions, so gkml parses
front matter itself: every value keeps the line and column it came from, and
YAML's silent traps (duplicate keys, tabs) become problems instead of data. A line's
slips (a BOM, odd indents, tabs, a full-width colon) are told and read as meant before
YAML reads the lines (content.frontslips).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from gkml.content.corrections import (
    conflict_lines,
    is_fence_like,
    odd_indents_fixed,
    opening_fence,
    tabs_fixed,
)
from gkml.content.frontslips import (
    BOM,
    bom_problems,
    cr_problem,
    fence_slip,
    fullwidth_colons,
    indent_problems,
    no_front_matter,
    tab_problems,
    unclosed_front_matter,
)
from gkml.content.problems import Problem
from gkml.content.textfile import decode
from gkml.content.yamlerrors import (
    FALLBACK,
    error_mark,
    explicit_tags,
    swallowed_text,
    yaml_reason,
)
from gkml.profile.model import SAFE_LOADER

# The front-matter fences, as every reader and writer of documents finds them.
FENCE = re.compile(r"^---[ \t]*$")
FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_MAX_DEPTH = 8  # front matter is a mapping of values, short lists and small mappings


@dataclass(frozen=True)
class Value:
    """A YAML value and where it stands in the file (1-based line and column)."""

    data: Any  # str | int | float | bool | None | list[Value] | dict[str, Entry]
    tag: str  # str, int, float, bool, null, timestamp, seq, map
    raw: str | None  # the scalar's source text
    line: int
    col: int
    quoted: bool = False
    folded: bool = False  # a scalar written over several lines (YAML joins them, with a space)


@dataclass(frozen=True)
class Entry:
    key: str
    key_line: int
    key_col: int
    value: Value


@dataclass
class Source:
    """A parsed document file. `entries` is None when the front matter is unusable."""

    path: str
    text: str
    entries: dict[str, Entry] | None
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)


def _problem(path: str, line: int, col: int, code: str, message: str) -> Problem:
    return Problem(path, line, col, None, code, message)


def read_source(path: str, data: bytes) -> Source:
    text, problems = decode(path, data)
    if text is None:
        return Source(path, "", None, "", 1, problems)
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return Source(path, text, None, "", 1, [_problem(path, 1, 1, "empty-file", "文件是空的。每个文件必须以 --- 开头的属性区（front matter）开始。")])
    if "\n" not in text and "\r" in text.strip():  # classic Mac OS line breaks: one line to every reader here
        return Source(path, text, None, "", 1, [_problem(path, 1, 1, "line-breaks",
                                                         "文件的换行符是旧式 Mac 的回车符（CR），只能用 LF 或 CRLF。"
                                                         "运行 gkml fix 可自动改为 LF，或在编辑器中把换行符改为 LF（Unix）或 CRLF（Windows）后保存。")])
    lines = text.split("\n")
    markers = conflict_lines(lines)
    if markers:  # a half-merged file: its YAML and ledger errors would only confuse
        return Source(path, text, None, "", 1, [_problem(
            path, number + 1, 1, "merge-conflict",
            "合并冲突标记，请先解决冲突：保留正确的内容，删除 <<<<<<<、=======、>>>>>>> 这几行。") for number in markers])
    slips: list[Problem] = []
    if not FENCE.match(lines[0]):
        opening = opening_fence(lines)
        if opening is None:
            return Source(path, text, None, text, 1, [no_front_matter(path, lines)])
        if opening > 0:  # the lines would shift every position below: told, and fixed by gkml fix
            return Source(path, text, None, "", 1, [_problem(
                path, 1, 1, "before-front-matter",
                f"属性区的 --- 前面有 {opening} 行空行（或看不见的字符）。第一行必须是 ---，请删除它前面的行"
                "（gkml fix 可自动删除）。")])
        slips.append(fence_slip(path, 0, lines[0]))
        lines[0] = "---"
    end = next((i for i in range(1, len(lines)) if FENCE_END.match(lines[i])), None)
    if end is None and (end := next((i for i in range(1, len(lines)) if is_fence_like(lines[i])), None)):
        slips.append(fence_slip(path, end, lines[end]))
    if end is None:
        return Source(path, text, None, "", 1, [*slips, unclosed_front_matter(path, lines)])
    slips.extend(bom_problems(path, lines[1:end]))
    lines[1:end] = [line.lstrip(BOM) for line in lines[1:end]]
    slips.extend(indent_problems(path, lines[1:end]))
    lines[1:end] = odd_indents_fixed(lines[1:end])
    yaml_text = "\n".join(lines[1:end]) + "\n"
    body = "\n".join(lines[end + 1:]).replace("\r", "\n")
    source = Source(path, text, None, body, end + 2, slips)
    invisible = _invisible_problems(path, lines[1:end])
    if invisible:  # YAML would read them as line breaks or stop with an English message
        source.problems.extend(invisible)
        return source
    tabs = tab_problems(path, lines[1:end])
    source.problems.extend(tabs)
    if tabs:  # keep checking the fields once tabs are reported: each line as gkml fix writes it
        yaml_text = "\n".join(tabs_fixed(lines[1:end])).replace("\t", "  ") + "\n"
    yaml_text = fullwidth_colons(path, yaml_text, source.problems)
    source.entries = _parse_mapping(path, yaml_text, source.problems)
    if tabs and source.entries is None:
        # the tabs are the cause; a second, vaguer YAML message would only confuse
        source.problems[:] = [p for p in source.problems if p.code in ("tab", "fence-lookalike")]
    return source


# Line and paragraph separators other than "\n", control characters other than Tab (reported
# on its own) and the non-characters YAML refuses: invisible in an editor, line breaks to
# YAML, feeds and ledgers.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# What no one-line value may hold besides "\n" (checked on its own): Tab included.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def invisible_name(char: str) -> str:
    names = {"\t": "制表符 Tab", "\r": "回车符 \\r", "\x0b": "垂直制表符 \\x0b", "\x0c": "换页符 \\x0c", "\x85": "换行符 U+0085",
             "\u2028": "行分隔符 U+2028", "\u2029": "段分隔符 U+2029"}
    return names.get(char, f"控制字符 U+{ord(char):04X}")


def _invisible_problems(path: str, front_lines: list[str]) -> list[Problem]:
    problems = []
    for number, line in enumerate(front_lines):
        if (match := INVISIBLE.search(line)) and match.group() == "\r" and (told := cr_problem(path, number, line)):
            problems.append(told)
        elif match:
            problems.append(_problem(path, number + 2, match.start() + 1, "control-character",
                                     f"属性区中有看不见的{invisible_name(match.group())}（常见于从 Word 或网页复制的文字）。"
                                     "请删除它，每个属性只写在一行内。"))
    return problems


def _structure_problem(path: str, yaml_text: str) -> Problem | None:
    """Anchors, aliases and nesting, read from the event stream before any node is built:
    an alias "bomb" of a few hundred bytes expands to gigabytes, and front matter needs
    neither (it is a flat mapping of values and short lists)."""
    depth = 0
    for event in yaml.parse(yaml_text, Loader=SAFE_LOADER):
        mark = event.start_mark
        line, col = mark.line + 2, mark.column + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return _problem(path, line, col, "yaml-anchor",
                            "属性区中不允许使用 YAML 锚点（&）和别名（*）。请把值直接写出来；"
                            "值以 & 或 * 开头时请给整个值加引号。")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > _MAX_DEPTH:
                return _problem(path, line, col, "too-deep", f"属性区嵌套过深（超过 {_MAX_DEPTH} 层）。属性值只能是文字或简单列表。")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _parse_mapping(path: str, yaml_text: str, problems: list[Problem]) -> dict[str, Entry] | None:
    try:
        if structure := _structure_problem(path, yaml_text):
            problems.append(structure)
            return None
        root = yaml.compose(yaml_text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error_mark(error)
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        problems.append(_problem(path, line, col, "yaml-syntax", f"属性区 YAML 格式错误：{yaml_reason(error, yaml_text)}"))
        return None
    except yaml.YAMLError:  # e.g. the reader's, without marks
        problems.append(_problem(path, 2, 1, "yaml-syntax", f"属性区 YAML 格式错误：{FALLBACK}"))
        return None
    if root is None:
        problems.append(_problem(path, 1, 1, "empty-front-matter", "属性区是空的，请填写文件的各项属性。"))
        return None
    if not isinstance(root, yaml.MappingNode):
        problems.append(_problem(path, root.start_mark.line + 2, root.start_mark.column + 1, "not-mapping",
                                 "属性区必须是“键: 值”的形式（YAML 映射），每行一个属性，例如 title: 文件名称。"))
        return None
    lines = yaml_text.split("\n")
    for line, col, tag in explicit_tags(root, lines):
        problems.append(_problem(path, line + 2, col + 1, "yaml-tag",
                                 f"“{tag}”是 YAML 的类型标记，YAML 会把它从值中去掉。如果它是值的一部分，"
                                 f"请给整个值加引号，例如 \"{tag} …\"；否则请删除它。"))
    for line, col, value, text in swallowed_text(root, lines):
        problems.append(_problem(path, line + 2, col + 1, "yaml-comment",
                                 f"“{text}”前面有空格，YAML 把它当作注释丢掉了，值只剩“{value}”。如果它是值的一部分，"
                                 f"请给整个值加引号：\"{value} {text}\"；如果是注释，请在 # 后加一个空格。"))
    return _convert_mapping(path, root, problems)


def _short_tag(node: yaml.Node) -> str:
    return node.tag.rsplit(":", 1)[-1]




def _convert(path: str, node: yaml.Node, problems: list[Problem], depth: int = 0, field: str | None = None) -> Value:
    line, col = node.start_mark.line + 2, node.start_mark.column + 1
    if depth > _MAX_DEPTH:
        problems.append(_problem(path, line, col, "too-deep", "属性区嵌套过深（或锚点引用了自身）。"))
        return Value(None, "null", None, line, col)
    if isinstance(node, yaml.ScalarNode):
        tag = _short_tag(node)
        quoted = node.style in ("'", '"')
        try:
            return Value(_scalar(node.value, tag), tag, node.value, line, col, quoted,
                         node.end_mark.line > node.start_mark.line)
        except (ValueError, KeyError, IndexError):  # an explicit tag the text does not fit: `!!int yes`
            if _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag:  # a tag was written
                message = f"“{node.value}”不是 !!{tag} 类型的值。请删除 !!{tag} 标记。"
            else:  # no tag written: a number past what Python reads (more than 4,300 digits)
                message = f"这个值是一个 {len(node.value)} 位的数字，太长了，无法读取。请检查并改正它。"
            problems.append(_problem(path, line, col, "yaml-tag", message))
            return Value(node.value, "str", node.value, line, col, quoted)  # reported once, above
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(path, item, problems, depth + 1, field) for item in node.value], "seq", None, line, col)
    return Value(_convert_mapping(path, node, problems, depth + 1, field), "map", None, line, col)


_RESOLVER = yaml.resolver.Resolver()  # the tag a value has when none is written
_constructor = yaml.constructor.SafeConstructor()
_CONSTRUCT = {
    "int": _constructor.construct_yaml_int,
    "float": _constructor.construct_yaml_float,
    "bool": _constructor.construct_yaml_bool,
    "null": _constructor.construct_yaml_null,
}


def _scalar(raw: str, tag: str) -> Any:
    """Scalars as YAML resolves them, except dates, which validators read from the text."""
    construct = _CONSTRUCT.get(tag)
    if construct is None:
        return raw
    return construct(yaml.ScalarNode(f"tag:yaml.org,2002:{tag}", raw))


def _convert_mapping(path: str, node: yaml.MappingNode, problems: list[Problem], depth: int = 0,
                     field: str | None = None) -> dict[str, Entry]:
    """`field`: the front-matter field a nested mapping belongs to (an attachment's `file`
    written twice is a slip in 附件, not an unknown field `file`)."""
    entries: dict[str, Entry] = {}
    for key_node, value_node in node.value:
        key_line, key_col = key_node.start_mark.line + 2, key_node.start_mark.column + 1
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        value = _convert(path, value_node, problems, depth, field or key)
        if key in entries:
            first = entries[key]
            problems.append(Problem(path, key_line, key_col, field or key, "duplicate-key",
                                    f"键重复：第 {first.key_line} 行已经有 {key}。YAML 会静默丢弃前一个值，请删除多余的一行。"))
            continue
        entries[key] = Entry(key, key_line, key_col, value)
    return entries


def body_text(data: bytes, body_line: int) -> str:
    """The body of a file whose front matter was already read: its lines from `body_line` on,
    decoded as read_source decodes them (no YAML parsing)."""
    text, _ = decode("", data)
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(lines[body_line - 1:])
