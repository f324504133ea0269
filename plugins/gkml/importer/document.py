"""The imported document's text: front matter with TODO comments, then the body.

Every TODO key is written as a YAML *comment*, never as a value:

    # TODO(待补充): 索引号（建议值，核对后删去行首的 “# ”）
    # index_no: 002986620/202005-00042

A commented-out key is absent for the YAML parser, so a required key makes
`gkml check` fail with the ordinary "missing required field" error until an
editor writes it, and nothing parses to a placeholder that could be published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gkml.authoring.frontmatter import FIELD_ORDER, yaml_entry
from gkml.importer.plan import Planned

IMPORT_MARK = "# gkml-import:"


def import_comment(digest: str, source_name: str) -> str:
    """Records which saved page a document came from, for `--replace` and duplicate detection."""
    name = " ".join(source_name.split())
    return f"{IMPORT_MARK} sha256={digest} source={name}"


def render_document(plan: Planned, body: str, labels: Mapping[str, str], *,
                    comments: Sequence[str] = (), attachments: Sequence[Mapping[str, str]] = (),
                    missing_attachments: Iterable[tuple[str, str]] = ()) -> str:
    fields = dict(plan.fields)
    if attachments:
        fields["attachments"] = [dict(item) for item in attachments]
    todo = list(dict.fromkeys(plan.todo))
    keys = [k for k in FIELD_ORDER if k in fields or k in todo]
    keys += [k for k in (*fields, *todo) if k not in keys]
    lines = ["---", *comments]
    for key in dict.fromkeys(keys):
        label = labels.get(key, key)
        if key in todo:
            suggestion = plan.suggestions.get(key)
            if suggestion is not None:
                lines.append(f"# TODO(待补充): {label}（建议值，核对后删去行首的 “# ”）")
                lines += ["# " + line for line in yaml_entry(key, suggestion).split("\n")]
            else:
                lines.append(f"# TODO(待补充): {label}")
                lines.append(f"# {key}:")
        elif fields.get(key) is not None:
            lines.append(yaml_entry(key, fields[key]))
    lines += _missing(missing_attachments, labels.get("attachments", "附件"))
    lines.append("---")
    return "\n".join(lines) + "\n" + ("\n" + body if body else "")


def _missing(items: Iterable[tuple[str, str]], label: str) -> list[str]:
    return [f"# TODO(待补充): {label}“{title}”没有随页面保存（原链接 {href}），"
            "找到文件后放在本文件旁，并在 attachments 中列出" for title, href in items]
