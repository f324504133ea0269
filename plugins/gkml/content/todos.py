"""What an import left for an editor: `# TODO(待补充)` comments in the front matter.

The importer writes them (gkml.importer.document), each followed by the commented-out
key it proposes (`# doc_no: 皖应急[2020]15号`) or attachment items (`#   - file: …`).
A required key still missing is an error of its own; an optional one is not, so the
check names every TODO still open as a notice: the page may publish without it, but
no editor should forget it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from gkml.content.problems import Problem
from gkml.profile.model import Profile

TODO_MARK = "# TODO(待补充):"
TODO_NAME = TODO_MARK.removesuffix(":")  # as messages name the comment
TODO_CODE = "todo-left"
_COMMENTED_KEY = re.compile(r"^#[ ]?([A-Za-z_][A-Za-z0-9_]*)[ ]*:(.*)$")
_COMMENTED_ITEM = re.compile(r"^#[ ]+-[ ]")


def todo_notices(path: str, front_lines: Sequence[str], first_line: int, keys: Collection[str],
                 profile: Profile, reported: Collection[str | None] = ()) -> list[Problem]:
    """A notice for each TODO comment whose proposal is still commented out and whose field
    the front matter (`keys`) does not hold. `front_lines` start at file line `first_line`;
    `reported`: keys an error already names (a required field missing)."""
    labels = {key: spec.label for key, spec in profile.fields.items()}
    notices = []
    for number, line in enumerate(front_lines):
        if not line.lstrip().startswith(TODO_MARK):
            continue
        text = line.lstrip()[len(TODO_MARK):].strip()
        block = _proposal(front_lines, number + 1)
        key, suggestion = _proposed_key(block, text, labels)
        items = any(_COMMENTED_ITEM.match(item) for item in block)
        if key in reported or (not items and key in keys):
            continue
        default = profile.fields[key].default if key in profile.fields else None
        notices.append(Problem(path, first_line + number, 1, key, TODO_CODE,
                               _message(key, text, labels, suggestion, items, default, len(block)),
                               labels.get(key, "未知字段") if key else None))
    return notices


def _proposal(lines: Sequence[str], start: int) -> list[str]:
    """The commented lines right below a TODO, up to the next TODO or a line that is not a comment."""
    block = []
    for line in lines[start:]:
        if not line.startswith("#") or line.startswith(TODO_MARK):
            break
        block.append(line)
    return block


def _proposed_key(block: Sequence[str], text: str, labels: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The key the TODO is about: its commented-out line, or (once that line is taken out of
    the comment) the label the TODO names; and the suggested value, if one is written."""
    if block and (match := _COMMENTED_KEY.match(block[0])):
        return match.group(1), match.group(2).strip() or None
    named = [key for key, label in labels.items() if text.startswith(label)]
    return (max(named, key=lambda key: len(labels[key])) if named else None), None


def _message(key: str | None, text: str, labels: Mapping[str, str], suggestion: str | None, items: bool,
             default: object, below: int) -> str:
    """`below`: how many commented lines the TODO's proposal has. The lines under a TODO with
    none are the next TODO's (a body link's notes stand one after another): never 'delete them too'."""
    head = f"导入时留下的待补充项（{TODO_NAME}）还没有处理"
    if items or key is None:
        if not below:
            return f"{head}：{text}。处理后（或确实不需要时）只删去这一行注释，其下的行不属于这一项。"
        return f"{head}：{text}。处理后删去这行注释；确实不需要时，连同其下的 {below} 行注释一起删去。"
    label = labels.get(key, key)
    offer = (f"下一行注释是建议值（{suggestion}），核对（必要时改正）后删去其行首的“# ”；" if suggestion
             else f"请在下一行“# {key}:”处填写并删去行首的“# ”；" if below
             else f"请在这一行下面写“{key}: ”，冒号后填{label}，再删去这一行注释；")  # its "# key:" line deleted by hand
    shown = f"发布后页面上的{label}将是默认的“{default}”" if default is not None else f"发布后页面上将没有{label}"
    return f"{head}：{label}（{key}）还没有填写，{shown}。{offer}如果本文件确实没有{label}，删去这{_lines(below + 1)}注释即可。"


def _lines(count: int) -> str:
    return "两行" if count == 2 else f" {count} 行"


def todo_summary(notices: Sequence[Problem]) -> str:
    """The last word of a run that leaves TODOs open: how many, and that they do not stop it;
    "" when none is (the other notices, blank optional fields, say all in their own line)."""
    todos = [notice for notice in notices if notice.code == TODO_CODE]
    if not todos:
        return ""
    files = len({notice.path for notice in todos})
    return (f"提示：{files} 个文件中还有 {len(todos)} 处导入时留下的待补充项（{TODO_NAME}），"
            "不影响检查和发布，但都要处理：没有填写的内容不会出现在页面上，指向旧网站的链接在旧网站关闭后将打不开。请按上面各行逐一处理。")
