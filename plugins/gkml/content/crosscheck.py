"""The rules across documents: unique index numbers, references that resolve, 解读 and their
policies, term spellings with one address; and withdrawals and 生成日期 dated after the build's moment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from gkml.catalogue.document import (
    Document,
    as_written,
    local_text,
)
from gkml.catalogue.publication import hold_reason
from gkml.catalogue.taxonomy import TaxonomySpec, every_slug_clash, term_slug
from gkml.content.crossfacts import CrossFacts, gather
from gkml.content.problems import Problem, field_problem
from gkml.profile.model import Profile
from gkml.profile.types import INDEX_NO


def next_free_index_no(index_no: str, used: Iterable[str]) -> str:
    """`index_no` with the sequence number after the highest its organisation uses (same year and month)."""
    match = INDEX_NO.match(index_no)
    assert match
    highest = max((int(m["seq"]) for other in used if (m := INDEX_NO.match(other)) and m["org"] == match["org"]),
                  default=0)
    return f"{match['org']}/{match['year']}{match['month'] or ''}-{highest + 1:05d}"


def cross_check(documents: Iterable[Document], profile: Profile, now: datetime, display_prefix: str = "",
                failed: Mapping[str, str] | None = None, taxonomies: Sequence[TaxonomySpec] = (),
                facts: CrossFacts | None = None) -> list[Problem]:
    """Duplicate index numbers (every file named, as `display_prefix + src_path`),
    superseded_by naming no document, 解读 naming no policy they may link at `now` or after,
    terms of `taxonomies` whose spellings share an address, withdrawals after `now`.
    `failed`: the index numbers of files refused for problems of their own, and those files.
    `facts`: the documents as gathered once at `now` for every rule (gkml.content.crossfacts)."""
    if facts is None:
        facts = gather(documents, profile, now, taxonomies)
    unknown = _Unknown(failed or {}, display_prefix)
    problems: list[Problem] = []
    by_index = facts.by_index
    for index_no, same in by_index.items():
        if len(same) < 2:
            continue
        # a file refused for problems of its own still holds its number: never offered as free
        free = next_free_index_no(index_no, [*by_index, *(failed or {})])
        for doc in same:
            others = "、".join(display_prefix + o.src_path for o in same if o is not doc)
            problems.append(field_problem(doc, "index_no", "duplicate-index-no",
                                          f"索引号 {index_no} 重复，另见：{others}。请把尚未发布的那一件改用下一个空闲的索引号 {free}。",
                                          profile))
    for doc in facts.naming:
        target = doc.superseded_by
        if target and target not in by_index:
            problems.append(field_problem(doc, "superseded_by", "superseded-by-unknown", unknown("替代文件", target),
                                          profile))
        problems.extend(_interpretation_problems(doc, by_index, profile, now, unknown))
    return [*problems, *_replacement_cycles(facts, profile, display_prefix),
            *_term_clashes(facts, taxonomies, profile, display_prefix), *_future_withdrawals(facts, profile, now)]


def _replacement_cycles(facts: CrossFacts, profile: Profile, prefix: str) -> list[Problem]:
    """Documents whose 替代文件 lead round back to themselves (A→B→A): no version is in force, and a
    reader following the chain never reaches one. Each file of the loop is told, the loop named.
    A document naming itself is told by its own check (superseded-by-self). Linear: each document
    is walked once, and a walk starts only at a document naming another (a loop holds only such)."""
    by_index = facts.by_index  # the first of a duplicate number is walked: the duplicate is told on its own
    state: dict[str, int] = {}  # index_no -> walk number that reached it
    problems: list[Problem] = []
    starts = [doc.index_no for doc in facts.naming if doc.superseded_by and by_index[doc.index_no][0] is doc]
    for walk, start in enumerate(starts, start=1):
        path: list[Document] = []
        index_no: str | None = start
        while index_no and index_no in by_index and index_no not in state:
            state[index_no] = walk
            path.append(by_index[index_no][0])
            index_no = path[-1].superseded_by
        if not index_no or state.get(index_no) != walk or path[-1].index_no == index_no:
            continue  # the chain ends, joins an earlier walk, or a document names itself
        loop = path[[d.index_no for d in path].index(index_no):]
        shown = " → ".join(f"{prefix}{d.src_path}（{d.index_no}）" for d in [*loop, loop[0]])
        for doc in loop:
            problems.append(field_problem(
                doc, "superseded_by", "superseded-by-cycle",
                f"替代文件绕回了本文件：{shown}，这样没有哪一件是现行有效的版本。"
                "替代文件只写在被替代的旧文件中，指向替代它的新文件：请删除新文件中指向旧文件的那一项。", profile))
    return problems


class _Unknown:
    """Why a reference names no document of the catalogue: no file gives that number, or the
    file that does was refused for problems of its own (told there)."""

    def __init__(self, failed: Mapping[str, str], prefix: str) -> None:
        self.failed, self.prefix = failed, prefix

    def __call__(self, label: str, target: str) -> str:
        if target in self.failed:
            return (f"{label} {target} 是文件 {self.prefix}{self.failed[target]} 的索引号，该文件有错误，未能列入目录："
                    "请先按该文件的提示修正。")
        return f"{label} {target} 不在目录中（没有文件使用这个索引号）。"


def _interpretation_problems(doc: Document, by_index: Mapping[str, list[Document]], profile: Profile,
                             now: datetime, unknown: _Unknown) -> list[Problem]:
    """A 解读 must name a policy that is published whenever the 解读 is, from `now` on: the link
    to its 原文 may never lead to, or reveal, a document that is held back. A 解读 published
    before its policy in the past (a date without a time on the policy's day) links a published one."""
    target = doc.interprets
    if not target:
        return []

    def problem(code: str, message: str) -> Problem:
        return field_problem(doc, "interprets", code, message, profile)

    found = by_index.get(target)
    if not found:
        return [problem("interprets-unknown", unknown("解读对象", target))]
    policy = found[0]
    if hold_reason(doc, profile, doc.published):
        return []  # a draft 解读 may name a draft policy; both are checked again when published
    # the policy's own time is "now" here: the question is whether it is ever published, not yet
    reason = hold_reason(policy, profile, policy.published)
    if reason:
        return [problem("interprets-unpublished", f"解读对象 {target} 不公开发布（{reason}），解读不能链接到它。")]
    if policy.withdrawn and not doc.withdrawn:  # its 原文 link would lead to a withdrawal notice
        return [problem("interprets-withdrawn",
                        f"解读对象 {target} 已于 {policy.withdrawn.date:%Y-%m-%d} 撤回，不再公开发布，解读不能再链接到它："
                        "请同时撤回本解读（withdrawn），或改为它现在解读的政策文件的索引号。")]
    if policy.is_interpretation:
        return [problem("interprets-interpretation", f"解读对象 {target} 本身是一篇解读，请填写它所解读的政策文件的索引号。")]
    if doc.published < policy.published and policy.published > now:
        return [problem("interprets-before-policy",
                        f"解读的发布日期 {local_text(doc.published)} 早于原文（{target}）的发布日期 "
                        f"{local_text(policy.published)}：原文发布前不能发布解读。")]
    return []


def _term_clashes(facts: CrossFacts, taxonomies: Sequence[TaxonomySpec], profile: Profile,
                  prefix: str) -> list[Problem]:
    """Two spellings of a term with one address: one term page would silently replace the other."""
    problems = []
    for spec, doc, value, earlier, other in every_slug_clash(taxonomies, facts.documents, facts.terms):
        where = "本文件" if earlier is doc else f"{prefix}{earlier.src_path}"
        problems.append(field_problem(
            doc, spec.field, "term-slug-clash",
            f"“{value}”与{where}中的“{other}”只有大小写不同，会用同一个网址 {spec.slug}/{term_slug(value)}/，"
            "其中一个分类页会覆盖另一个。请统一写法。", profile))
    return problems


def _future_withdrawals(facts: CrossFacts, profile: Profile, now: datetime) -> list[Problem]:
    """A withdrawal takes effect when it is written: its page would say 已于 a day still to come."""
    return [field_problem(doc, "withdrawn", "withdrawn-in-future",
                          f"撤回日期 {doc.withdrawn.date.isoformat()} 还没有到（今天是 {now.date().isoformat()}）：撤回写入后即生效，"
                          "页面会说本文件已于该日撤回。请写实际撤回的日期（今天或更早）。", profile)
            for doc in facts.withdrawn_later]


def future_created(documents: Iterable[Document], profile: Profile, now: datetime,
                   facts: CrossFacts | None = None) -> list[Problem]:
    """Notices: a 生成日期 after `now` (the check's or the build's day). The document is made by
    then, so the date is most likely a slip (2052 for 2025); but the contract allows it beside a
    发布日期 no earlier, the document embargoed till then: told, not refused."""
    if "created" not in profile.fields:
        return []
    if facts is None:
        facts = gather(documents, profile, now)
    label, published = profile.label("created"), profile.label("published")
    return [field_problem(doc, "created", "created-in-future",
                          f"{label} {created.isoformat()} 还没有到（今天是 {now.date().isoformat()}）：{label}是文件形成的日期，"
                          f"通常不晚于今天。本文件要到{published} {_written(doc.published)} 才会发布。"
                          f"请核对{label}和{published}；两者都没有写错的话，可以不改。", profile)
            for doc in facts.created_later if isinstance(created := doc.meta.get("created"), date)]


def far_published(documents: Iterable[Document], profile: Profile, now: datetime,
                  facts: CrossFacts | None = None) -> list[Problem]:
    """Notices: a document that would be published (主动公开, no draft) more than a year after
    `now` (crossfacts.FAR_AHEAD_DAYS). An embargo is allowed: told, not refused, with the day it would appear."""
    if facts is None:
        facts = gather(documents, profile, now)
    label = profile.label("published")
    notices = []
    for doc in facts.published_far:
        if hold_reason(doc, profile, doc.published) is not None:
            continue
        days = (doc.published.date() - now.date()).days
        notices.append(field_problem(
            doc, "published", "published-far-ahead",
            f"{label} {_written(doc.published)} 距今天（{now.date().isoformat()}）还有 {days} 天（约 {round(days / 365.25)} 年）："
            f"本文件要到那时才会出现在目录、检索和公开数据中。如果年份写错了，请改正{label}；"
            "如果确实要到那天才发布，可以不改。", profile))
    return notices


def _written(moment: datetime) -> str:
    """A date-time field's value as its editor wrote it: a day alone, or its time too."""
    value = as_written(moment)
    return local_text(value) if isinstance(value, datetime) else value.isoformat()
