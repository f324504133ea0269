"""Rules across documents that keep a held-back document out of every output.

A document held back (依申请公开, 不予公开, draft, embargoed) reaches no page; these
rules stop a published one from carrying it out: by attaching its file, or by
naming its index number in a reference field, or by including its file as it is rendered
(pymdownx.snippets); and a guide page from linking it or its files. A withdrawn
document's file is kept out of includes and page links as well, and a body includes only
the project's text files (`unincludable`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from gkml.catalogue.document import SHANGHAI, Document, local_text
from gkml.catalogue.publication import hold_reason
from gkml.content.body import CatalogueLink
from gkml.content.crossfacts import CrossFacts, gather, reference_keys
from gkml.content.problems import Problem, field_problem
from gkml.profile.model import Profile


def held_back_problems(documents: Iterable[Document], profile: Profile, now: datetime, display_prefix: str = "",
                       page_links: Sequence[CatalogueLink] = (), facts: CrossFacts | None = None) -> list[Problem]:
    """A published document attaching or naming one held back at `now`, and a page linking one (`page_links`).
    `facts`: the documents as gathered once at `now` for every rule (gkml.content.crossfacts)."""
    if facts is None:
        facts = gather(documents, profile, now)
    return [*_shared_attachments(facts, profile, display_prefix),
            *_held_back_references(facts, profile, display_prefix),
            *_page_links(page_links, facts, display_prefix)]


WITHDRAWN = "已撤回"
ABSOLUTE = "以 / 开头的地址不会换成发布后的网址，请写相对于本页面的路径"


def _page_links(links: Sequence[CatalogueLink], facts: CrossFacts, prefix: str) -> list[Problem]:
    """A page may link a published document (MkDocs makes it the document's address) or its
    attachment; anything else of the catalogue folder is not published, and the link would
    still name it."""
    if not links:
        return []
    held = facts.held
    reasons = {doc.src_path: held.get(doc.src_path) or (WITHDRAWN if doc.withdrawn else None) for doc in facts.documents}
    owners = facts.owners
    folded = {path.casefold(): path for path in (*reasons, *owners)}
    problems = []
    for link in links:
        if link.absolute:
            reason = ABSOLUTE
        elif link.target not in reasons and link.target not in owners and link.target.casefold() in folded:
            reason = f"与 {prefix}{folded[link.target.casefold()]} 只是大小写不同，网站上文件名区分大小写"
        elif link.target in reasons:
            reason = reasons[link.target]
        elif link.target in owners:  # published with any published owner
            kept_back = [reasons[doc.src_path] for doc in owners[link.target]]
            reason = kept_back[0] if all(kept_back) else None
        else:
            reason = "不是公开文件的附件"
        if reason:
            problems.append(Problem(link.path, link.line, link.col, None, "page-links-unpublished",
                                    f"页面链接的文件 {link.url} 不会发布（{prefix}{link.target}：{reason}），"
                                    "它的名称也不能出现在网站上。请删除这个链接；供下载的文件请放在页面自己的文件夹中。"))
    return problems


class Included(NamedTuple):
    """A file a body includes: as shown in messages, and from the project's folder (None: outside it)
    and from the docs folder (None: outside it)."""

    shown: str
    project: str | None
    docs: str | None


class Inclusion(NamedTuple):
    """What a body includes as it is rendered: the body (`text`, whose first line is the
    file's line `first`) and the files its rendering reads."""

    text: str
    first: int
    files: Sequence[Included]


# what a snippet is: text an editor writes for readers; a key (.pem), a configuration (.yml), a
# database or a document's binary attachment is never one
SNIPPET_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm"})


def unincludable(file: Included, cache_dir: str) -> str | None:
    """Why a body may not include `file`, whatever document it belongs to: a page shows only what
    is published, and pymdownx.snippets reads any file under its base_path (by default the folder
    MkDocs runs in: .git/config, the offline copies' signing key, the check cache)."""
    if file.project is None:
        return "它在项目文件夹（mkdocs.yml 所在的文件夹）之外"
    parts = file.project.split("/")
    if any(part.startswith(".") for part in parts):
        return "它是隐藏文件或在隐藏文件夹中（如 .git）"
    cache = cache_dir.strip("/").split("/")
    if parts[:len(cache)] == cache:
        return "它在 gkml 的缓存文件夹中"
    suffix = "." + parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
    if suffix not in SNIPPET_SUFFIXES:
        return f"只能引入文字片段（{'、'.join(sorted(SNIPPET_SUFFIXES))} 文件）"
    return None


def included_problems(documents: Sequence[Document], included: Mapping[str, Inclusion], profile: Profile,
                      now: datetime, prefix: str = "", cache_dir: str = ".gkml-cache") -> list[Problem]:
    """A published document or a page whose body includes (`included`: its src_path -> Inclusion)
    a file that is not text to publish (`unincludable`), a held-back or withdrawn document's file,
    or an attachment only such documents have: the page, its 内容概述 and search record would carry
    their text out."""
    reasons = {doc.src_path: hold_reason(doc, profile, now) or (WITHDRAWN if doc.withdrawn else None)
               for doc in documents}
    owners = _attachment_owners(documents)
    problems = []
    for path, inclusion in included.items():
        if reasons.get(path):
            continue  # reaches no output itself
        for file in inclusion.files:
            what, code = None, "include-held-back"
            if why := unincludable(file, cache_dir):
                what, code = f" {file.shown}，{why}", "include-unpublishable"
            elif file.docs is not None and (held := _held_owner(file.docs, reasons, owners)) is not None:
                what = (f"不发布的文件 {prefix}{held}（{reasons[held]}）" if held == file.docs
                        else f" {file.shown}，它是不发布的文件 {prefix}{held}（{reasons[held]}）的附件")
            if what is None:
                continue
            problems.append(Problem(path, _line_naming(inclusion, file.shown.rsplit("/", 1)[-1]), 1, None, code,
                                    f"正文引入（--8<--）了{what}，其内容会随本页发布。"
                                    "请删除这一行，把可以公开的文字直接写在正文中。"))
    return problems


def _attachment_owners(documents: Sequence[Document]) -> dict[str, list[Document]]:
    """Each attached file and the documents attaching it, in the documents' order."""
    owners: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        for attachment in doc.attachments:
            owners[attachment.file].append(doc)
    return owners


def _held_owner(file: str, reasons: Mapping[str, str | None], owners: Mapping[str, list[Document]]) -> str | None:
    """The document not published that `file` belongs to: itself, or the documents it is
    attached to when none of them is published."""
    if reasons.get(file):
        return file
    docs = owners.get(file, [])
    return docs[0].src_path if docs and all(reasons[owner.src_path] for owner in docs) else None


def _line_naming(inclusion: Inclusion, name: str) -> int:
    """The line that names `name` in a snippet line, else the body's first."""
    for number, line in enumerate(inclusion.text.split("\n")):
        if "8<" in line and name in line:
            return inclusion.first + number
    return inclusion.first


def _shared_attachments(facts: CrossFacts, profile: Profile, prefix: str) -> list[Problem]:
    held = facts.held
    problems = []
    for file, docs in facts.owners.items():
        hidden = next((d for d in docs if d.src_path in held), None)
        if hidden is None:
            continue
        for doc in docs:
            if doc.src_path not in held:
                problems.append(field_problem(
                    doc, "attachments", "attachment-held-back",
                    f"附件 {prefix}{file} 也是暂不发布的文件 {prefix}{hidden.src_path}（{held[hidden.src_path]}）的附件，"
                    "不能随本文件发布。确认这个附件可以公开后，请另存一份放在本文件自己的附件文件夹中。", profile))
    return problems


def _last(facts: CrossFacts, index_no: str) -> Document | None:
    """The document a reference to `index_no` names: the last of a duplicate number (told on its own)."""
    same = facts.by_index.get(index_no)
    return same[-1] if same else None


def _held_back_references(facts: CrossFacts, profile: Profile, prefix: str) -> list[Problem]:
    """A reference naming a document not published whenever the referring one is: held back now,
    or (the referring one embargoed) still held back at its publication."""
    held = facts.held
    keys = reference_keys(profile)
    problems = []
    for doc in facts.referring:
        embargoed = doc.src_path in held
        if embargoed and hold_reason(doc, profile, doc.published):
            continue  # reaches no output as it stands, and neither do its references
        for key in keys:
            target = _last(facts, doc.meta.get(key) or "")
            if target is None:
                continue
            label = profile.label(key)
            reason = hold_reason(target, profile, doc.published) if embargoed else held.get(target.src_path)
            if reason and embargoed:
                problems.append(field_problem(
                    doc, key, "reference-held-back",
                    f"{label} {target.index_no} 是文件 {prefix}{target.src_path}，本文件 {local_text(doc.published)} "
                    f"发布时它仍不发布（{reason}），页面和数据中会出现它的索引号。请删除这一项，或在该文件发布后再填写。", profile))
            elif reason:
                problems.append(field_problem(
                    doc, key, "reference-held-back",
                    f"{label} {target.index_no} 是暂不发布的文件 {prefix}{target.src_path}"
                    f"（{reason}），已发布的文件不能引用它（页面和数据中会出现它的索引号）。"
                    "请删除这一项，或在该文件发布后再填写。", profile))
    return problems


def withdrawn_references(documents: Iterable[Document], profile: Profile, prefix: str = "",
                         facts: CrossFacts | None = None) -> list[Problem]:
    """Notices: a document to be published naming a withdrawn one, whose link leads to its
    withdrawal notice. Its index number was published, so nothing is revealed, and the contract
    asks only that it be in the catalogue: told, not refused. `facts`: the documents as gathered
    once for every rule (gkml.content.crossfacts; what this reads of them does not depend on the moment)."""
    if facts is None:
        facts = gather(documents, profile, datetime.now(SHANGHAI))
    keys = reference_keys(profile)
    notices = []
    for doc in facts.referring:
        if doc.withdrawn or hold_reason(doc, profile, doc.published):
            continue
        for key in keys:
            target = _last(facts, doc.meta.get(key) or "")
            if target is not None and target.withdrawn:
                notices.append(field_problem(
                    doc, key, "reference-withdrawn",
                    f"{profile.label(key)} {target.index_no}（{prefix}{target.src_path}）已于 {target.withdrawn.date:%Y-%m-%d} 撤回，"
                    "不再公开发布，本文件页面上的链接会通向它的撤回说明：请改为现在有效的那份文件的索引号，或删除这一项。",
                    profile))
    return notices
