"""The attachments field checked: each item a file of the catalogue folder with a title, and the
name each is published under beside its document's page."""

from __future__ import annotations

from typing import Any

from gkml.catalogue.document import Attachment
from gkml.content.body import folder_of, join_relative, path_advice, path_of
from gkml.content.corrections import smart_unquoted
from gkml.content.fieldcheck import MISSING, FieldChecker, Missing, scalar_text
from gkml.content.source import Value
from gkml.content.tree import extension, file_type_message
from gkml.profile.model import FieldSpec


def check_attachments(c: FieldChecker, spec: FieldSpec, value: Value) -> Any:
    folder = folder_of(c.source.path)
    if value.tag != "seq":
        _asked(c, folder, value)
        c.report(value, spec.key, "type", "附件应是列表，每项写 file（文件路径）和 title（附件名称）。")
        return MISSING
    told = len(c.problems)
    attachments: list[Attachment] = []
    names: dict[str, Value] = {}  # file -> where it was first attached
    for item in value.data:
        if item.tag != "map":
            _asked(c, folder, item)
            c.report(item, spec.key, "type", "每个附件应写成 {file: 文件路径, title: 附件名称}。")
            continue
        fields = item.data
        for extra in set(fields) - {"file", "title"}:
            c.report(fields[extra], spec.key, "unknown-key", f"附件中不认识的键“{extra}”，只能写 file 和 title。")
        file_entry, title_entry = fields.get("file"), fields.get("title")
        if file_entry is not None and isinstance(file_entry.value.data, str) and (named := join_relative(folder, file_entry.value.data)):
            c.exists(named)  # asked whatever else the item lacks: a file it names is no stray file
        if file_entry is None or title_entry is None:
            c.report(item, spec.key, "attachment-incomplete", "附件必须同时写 file（文件路径）和 title（附件名称）。")
            continue
        empty = [entry for entry in (file_entry, title_entry) if entry.value.tag == "null"]
        for entry in empty:  # which of the two, not "附件不能为空"
            c.report(entry.value, spec.key, "empty", f"附件的 {entry.key}（{_ATTACHMENT_PARTS[entry.key]}）不能为空。")
        if empty:
            continue
        written, title = (scalar_text(c, spec, entry.value, part=f"附件的 {entry.key}（{_ATTACHMENT_PARTS[entry.key]}）")
                          for entry in (file_entry, title_entry))
        if isinstance(written, Missing) or isinstance(title, Missing):
            continue
        if (unquoted := smart_unquoted(written)) is not None:  # “files/a.pdf”: Word's quotes, no part of the name
            if named := join_relative(folder, unquoted):
                c.exists(named)  # the file it names is no stray file
            c.report(file_entry.value, spec.key, "attachment-quoted",
                     f"附件路径两边有中文引号（Word、WPS 会把英文引号换成中文引号），它们会被当作文件名的一部分；"
                     f"这里不需要引号，应写作：file: {unquoted}")
            continue
        path = join_relative(folder, written)
        if path is None or not written:
            c.report(file_entry.value, spec.key, "attachment-path", f"附件路径“{written}”无效：{path_advice(written)}。")
            continue
        if (cut := _without_address_part(c, folder, written, path)) is not None:
            c.report(file_entry.value, spec.key, "attachment-address-part",
                     f"附件路径“{written}”中的“{written[len(cut):]}”是网址的一部分，不是文件名：附件写文件本身的路径，"
                     f"请改为：{cut}。")
            continue
        if extension(path) not in c.profile.attachment_types:
            c.report(file_entry.value, spec.key, "attachment-type", f"附件“{written}”：{file_type_message(path, c.profile.attachment_types)}")
            continue
        if any(part.startswith(".") for part in path.split("/")):  # MkDocs publishes no such file, nor the check sees it
            c.report(file_entry.value, spec.key, "attachment-hidden",
                     f"附件“{written}”的文件名或所在文件夹以“.”开头：这样的文件是隐藏文件，网站不会发布它。"
                     "请把文件和这里的路径都改为不以“.”开头的名字。")
            continue
        if not c.exists(path):
            c.report(file_entry.value, spec.key, "attachment-missing",
                     f"附件文件不存在：{written}（附件必须放在公开目录文件夹之内，可以在子文件夹中；网站上文件名区分大小写）",
                     subject=path)
            continue
        if path in names:
            c.report(file_entry.value, spec.key, "attachment-repeated",
                     f"附件“{written}”已在第 {names[path].line} 行列出，请删除重复的一项。")
            continue
        names[path] = file_entry.value
        attachments.append(Attachment(path, title or posix_name(path)))
    # all or nothing, as every field: a list with a problem is not the list (the body's links are judged against it)
    return published_names(attachments) if len(c.problems) == told else MISSING


def published_names(attachments: list[Attachment]) -> tuple[Attachment, ...]:
    """Each attachment named for its place beside the document's page: its own name, or, when an
    earlier one of the list has it (files/附件.pdf and 2024/附件.pdf; USB sticks and Windows do
    not tell REPORT.pdf from report.pdf), that name numbered (附件-2.pdf), never another's."""
    taken = {posix_name(a.file).casefold() for a in attachments}
    used: set[str] = set()
    named = []
    for attachment in attachments:
        name = posix_name(attachment.file)
        if name.casefold() in used:
            stem, _, ext = name.rpartition(".")  # an attachment's type is its extension: there is one
            number = 2
            while f"{stem}-{number}.{ext}".casefold() in used | taken:
                number += 1
            name = f"{stem}-{number}.{ext}"
        used.add(name.casefold())
        named.append(Attachment(attachment.file, attachment.title, name))
    return tuple(named)


_ATTACHMENT_PARTS = {"file": "文件路径", "title": "附件名称"}


def _asked(c: FieldChecker, folder: str, value: Value) -> None:
    """A path written where an attachment item should be (`attachments: [files/a.pdf]`) is asked
    for: the file it names is told with this slip, not as a stray file no document lists."""
    if value.tag == "str" and isinstance(value.data, str) and (named := join_relative(folder, value.data.strip())):
        c.exists(named)


def _without_address_part(c: FieldChecker, folder: str, written: str, path: str) -> str | None:
    """`written` up to a "#" or "?" when that is a file of the folder and `written` is not
    (x.pdf#page=2, x.pdf?v=1: a link's address, copied into a file's place)."""
    cut = path_of(written).rstrip()
    if cut == written or not cut or c.exists(path):
        return None
    named = join_relative(folder, cut)
    return cut if named is not None and c.exists(named) else None


def posix_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]
