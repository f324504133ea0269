"""The imported document's text: front matter with TODO comments, then the body.

Every TODO key is written as a YAML *comment*, never as a value:

    # TODO(待补充): 索引号（建议值，核对后删去行首的 “# ”）
    # index_no: 002986620/202005-00042

A commented-out key is absent for the YAML parser, so a required key makes
`gkml check` fail with the ordinary "missing required field" error until an
editor writes it, and nothing parses to a placeholder that could be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from gkml.authoring.frontmatter import FIELD_ORDER, yaml_entry
from gkml.content.todos import TODO_MARK
from gkml.importer.plan import Planned

IMPORT_MARK = "# gkml-import:"


def import_comment(digest: str, source_name: str, address: str = "") -> str:
    """Records which saved page a document came from, for `--replace` and duplicate detection,
    and where it was on the old site (what other pages' links to it say: gkml.importer.bodylinks)."""
    name = " ".join(source_name.split())
    url = f" url={address}" if address and not any(ch.isspace() for ch in address) else ""
    return f"{IMPORT_MARK} sha256={digest}{url} source={name}"


def render_document(plan: Planned, body: str, labels: Mapping[str, str], *,
                    comments: Sequence[str] = (), attachments: Sequence[Mapping[str, str]] = (),
                    missing_attachments: Iterable[tuple[str, str, str]] = (), link_notes: Sequence[str] = ()) -> str:
    """`missing_attachments` are (title, href, file name) of links whose files were not saved: each a TODO
    with a commented-out list item the editor uncomments once the file is beside the document.
    `link_notes`: what an editor must settle about the body's links (gkml.importer.bodylinks), a TODO each, last."""
    fields = dict(plan.fields)
    if attachments:
        fields["attachments"] = [dict(item) for item in attachments]
    missing = list(missing_attachments)
    todo = list(dict.fromkeys(plan.todo))
    keys = [k for k in FIELD_ORDER if k in fields or k in todo or (k == "attachments" and missing)]
    keys += [k for k in (*fields, *todo) if k not in keys]
    lines = ["---", *comments]
    for key in dict.fromkeys(keys):
        label = labels.get(key, key)
        if key in todo:
            suggestion = plan.suggestions.get(key)
            if suggestion is not None:
                lines.append(f"{TODO_MARK} {label}（建议值，核对后删去行首的 “# ”）")
                lines += ["# " + line for line in yaml_entry(key, suggestion).split("\n")]
            else:
                lines.append(f"{TODO_MARK} {label}")
                lines.append(f"# {key}:")
        elif fields.get(key) is not None:
            lines.append(yaml_entry(key, fields[key]))
        if key == "attachments" and missing:
            lines += _missing(missing, label, listed="attachments" in fields)
    lines += [todo_line(note) for note in (*plan.remarks, *link_notes)]
    lines.append("---")
    return "\n".join(lines) + "\n" + ("\n" + body if body else "")


_SHOWN_HREF = 300  # characters of a file's address quoted in a TODO
# What YAML reads as a line break: page text written into a comment must not end the comment.
_YAML_BREAK = re.compile("[\r\n\x85\u2028\u2029]")


def todo_line(note: str) -> str:
    """A TODO comment that stays one comment line, whatever the page's text holds."""
    return f"{TODO_MARK} {_YAML_BREAK.sub(' ', note)}"


def _missing(items: list[tuple[str, str, str]], label: str, *, listed: bool) -> list[str]:
    lines: list[str] = []
    if not listed and len(items) > 1:
        # The key is every item's: under the first item's TODO, the second found alone was uncommented
        # with no key above it (a YAML error), or the key taken out of the comment hid the first TODO.
        lines += [f"{TODO_MARK} {label}：下面 {len(items)} 个文件找到任何一个后，先删去下一行行首的 “# ”",
                  "# attachments:"]
    for n, item in enumerate(items):
        title, href, name = (_YAML_BREAK.sub(" ", text) for text in item)
        href = href if len(href) <= _SHOWN_HREF else href[:_SHOWN_HREF] + "…"  # a picture's data: address
        lines.append(f"{TODO_MARK} {label}“{title}”没有随页面保存（原链接 {href}），"
                     "找到文件后放在本文件旁，核对文件名，再删去其下各行行首的 “# ”")
        if not listed and n == 0 and len(items) == 1:
            lines.append("# attachments:")
        lines += ["# " + line for line in yaml_entry("x", [{"file": name, "title": title}]).split("\n")[1:]]
    return lines
