"""What the check tells of how a valid document will be listed, where that may not be what its
editor meant: a 内容概述 made from its name (no text, none written), a category other than its
folder's. Located notices: the document publishes as the contract reads it."""

from __future__ import annotations

import posixpath

from gkml.catalogue.document import Document, without_text
from gkml.catalogue.publication import hold_reason
from gkml.content.problems import Problem
from gkml.profile.model import Profile

SUMMARY = "summary"  # 内容概述: what the catalogue lists of each item (条例 art. 12)
CATEGORY = "category"
DERIVED_SUMMARY_CODE = "summary-from-name"
FOLDER_CODE = "category-folder"


def listing_notices(document: Document, profile: Profile) -> list[Problem]:
    """The notices of a document that passed the check; none for one never listed (依申请公开, a
    draft, withdrawn), whatever its date (an embargoed one will be)."""
    if document.withdrawn or hold_reason(document, profile, document.published) is not None:
        return []
    notices = [_derived_summary(document, profile)] if _derives_summary(document, profile) else []
    if folder := other_category_folder(document, profile):
        notices.append(_folder_notice(document, profile, folder))
    return notices


def _derives_summary(document: Document, profile: Profile) -> bool:
    return SUMMARY in profile.fields and not document.meta.get(SUMMARY) and not document.body.strip()


def _derived_summary(document: Document, profile: Profile) -> Problem:
    label = profile.label(SUMMARY)
    return Problem(document.src_path, max(document.body_line - 1, 1), 1, SUMMARY, DERIVED_SUMMARY_CODE,
                   f"正文是空的，也没有填写{label}（{SUMMARY}）：目录、检索结果和订阅中的{label}将是"
                   f"“{without_text(document)}”。需要时请在属性区加一行 {SUMMARY}: {label}"
                   f"（不超过 {profile.fields[SUMMARY].max_length or 300} 字），或写上正文。", label)


def other_category_folder(document: Document, profile: Profile) -> str | None:
    """The category the document's folder is named for (the nearest folder named by a slug), when
    the document is neither in it nor in one of its subcategories: filed by the folder, listed by
    the field (docs/editing.md: each document is a file under catalogue/分类代码/)."""
    tree = profile.categories
    folder = folder_category(posixpath.dirname(document.src_path), profile)
    if folder is None or folder == document.category or document.category not in tree:
        return None
    return None if folder in {c.slug for c in tree.ancestors(document.category)} else folder


def folder_category(folder: str, profile: Profile) -> str | None:
    """The category a folder (a path below the docs folder, "/"-separated) files its documents in:
    the nearest folder named by a category's code, None when none is."""
    tree = profile.categories
    return next((name for name in reversed(folder.split("/")) if name in tree), None)


def _folder_notice(document: Document, profile: Profile, folder: str) -> Problem:
    tree, label = profile.categories, profile.label(CATEGORY)
    written = document.category
    return Problem(document.src_path, document.lines.get(CATEGORY, 1), 1, CATEGORY, FOLDER_CODE,
                   f"本文件在 {folder}（{tree[folder].name}）文件夹中，{label}却是 {written}（{tree[written].name}）："
                   f"网站按{label}把它列在“{tree[written].name}”中。如果{label}写错了，请改为 {CATEGORY}: {folder}；"
                   f"如果是文件放错了文件夹，请把它（连同它的附件）移到 {written} 文件夹。", label)
