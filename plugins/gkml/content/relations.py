"""The rules between one document's own fields: dates in order, the index number's year and
month those of its date, a reference never to the document itself, a 解读's genre."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from gkml.catalogue.document import INTERPRETATION, Withdrawal
from gkml.content.fieldcheck import FieldChecker
from gkml.content.source import Entry
from gkml.profile.types import DOC_NO, INDEX_NO

# Four digits: 0, -5 and 20245 are slips. The contract says only "integer": no other bound but the
# year it is published in (a report published before its year ends is the publisher's to judge).
MIN_REPORT_YEAR, MAX_REPORT_YEAR = 1000, 9999


def check_relations(c: FieldChecker, entries: Mapping[str, Entry], meta: Mapping[str, Any]) -> None:
    created, published = meta.get("created"), meta.get("published")
    if isinstance(created, date) and isinstance(published, datetime) and created > published.date():
        c.report(entries["created"].value, "created", "created-after-published",
                 f"生成日期 {created.isoformat()} 晚于发布日期 {published.date().isoformat()}。")
    withdrawn = meta.get("withdrawn")
    if isinstance(withdrawn, Withdrawal) and isinstance(published, datetime) and withdrawn.date < published.date():
        c.report(entries["withdrawn"].value, "withdrawn", "withdrawn-before-published",
                 f"撤回日期 {withdrawn.date.isoformat()} 早于发布日期 {published.date().isoformat()}：只能撤回已发布的文件。"
                 "请核对撤回日期。")
    report_year = meta.get("report_year")
    if isinstance(report_year, int) and not MIN_REPORT_YEAR <= report_year <= MAX_REPORT_YEAR:
        c.report(entries["report_year"].value, "report_year", "report-year-range",
                 f"年报年度 {report_year} 不对：应是四位数的年份，例如 2023。")
    elif isinstance(report_year, int) and isinstance(published, datetime) and report_year > published.year:
        c.report(entries["report_year"].value, "report_year", "report-year-after-published",
                 f"年报年度 {report_year} 晚于发布日期 {published.date().isoformat()} 的年份：年报报告的是已经开始的年度"
                 f"（{published.year} 年发布的通常是 {published.year - 1} 年度的年报）。请核对年报年度和发布日期。")
    index_no = meta.get("index_no")
    dated = meta.get(c.profile.index_date_field)
    if index_no and isinstance(dated, date):
        match = INDEX_NO.match(index_no)
        assert match
        year, month = int(match["year"]), match["month"]
        if year != dated.year or (month and int(month) != dated.month):
            expected = f"{dated.year:04d}{dated.month:02d}" if month else f"{dated.year:04d}"
            c.report(entries["index_no"].value, "index_no", "index-no-date",
                     f"索引号中的年月“{match['year']}{month or ''}”与{c.profile.label(c.profile.index_date_field)} "
                     f"{dated.isoformat()} 不一致，应为 {expected}。")
    if index_no and meta.get("superseded_by") == index_no:
        c.report(entries["superseded_by"].value, "superseded_by", "superseded-by-self", "替代文件不能是本文件自己。")
    _replaced_in_force(c, entries, meta)
    _doc_no_year(c, entries, meta)
    if "interprets" in meta:
        genre = meta.get("genre")
        if genre != INTERPRETATION:
            c.report(entries["interprets"].value, "interprets", "interprets-not-interpretation",
                     f"只有体裁为“{INTERPRETATION}”的文件才能填写解读对象；本文件的体裁是“{genre or '未填写'}”，"
                     f"请加上 genre: {INTERPRETATION}。")
        if meta["interprets"] == index_no:
            c.report(entries["interprets"].value, "interprets", "interprets-self", "解读对象不能是本文件自己。")


def _replaced_in_force(c: FieldChecker, entries: Mapping[str, Entry], meta: Mapping[str, Any]) -> None:
    """A document another replaces is no longer the version in force: written 有效 beside its
    替代文件, or left out (or blank) and so 有效 by default, its page, listings and the annual
    statistics would count it as in force. Which of 失效, 废止 or 已修订 it is, only its editor
    knows; and the contract allows both fields together (有效 is the default beside any 替代文件):
    a notice, not a refusal."""
    spec = c.profile.fields.get("validity")
    replacement = meta.get("superseded_by")
    if spec is None or not replacement or replacement == meta.get("index_no"):  # itself: told as such
        return
    entry = entries.get("validity")
    unwritten = entry is None or entry.value.tag == "null" or (entry.value.tag == "str" and not str(entry.value.raw).strip())
    if not unwritten and meta.get("validity") != spec.default:
        return
    others = [f"“{value}”" for value in spec.values if value != spec.default]
    others_text = "、".join(others[:-1]) + "或" + others[-1] if len(others) > 1 else "".join(others)
    replaced = f"{c.profile.label('superseded_by')}写明本文件已被 {replacement} 替代：被替代的文件不再是现行有效的版本。"
    if unwritten:
        c.notice(entries["superseded_by"].value, "superseded_by", "validity-replaced-in-force",
                 f"没有填写{spec.label}（{spec.key}），页面和统计会按默认的“{spec.default}”显示，但{replaced}"
                 f"请加上一行 {spec.key}: 写明{others_text}；如果本文件仍然有效，请删除{c.profile.label('superseded_by')}。")
        return
    c.notice(entry.value if entry else None, "validity", "validity-replaced-in-force",
             f"{spec.label}写的是“{spec.default}”，但{replaced}请把{spec.label}改为{others_text}；如果本文件仍然有效，"
             f"请删除{c.profile.label('superseded_by')}。")


def _doc_no_year(c: FieldChecker, entries: Mapping[str, Entry], meta: Mapping[str, Any]) -> None:
    """A 文号's year is the year the document was issued: one after its 生成日期 is most likely a
    slip, but a document dated late in a year may be numbered in the next, and the contract
    sets no rule between the two: a notice, not a refusal."""
    match = DOC_NO.match(meta.get("doc_no") or "")
    created = meta.get("created")
    if match and match["year"] and isinstance(created, date) and int(match["year"]) > created.year:
        c.notice(entries["doc_no"].value, "doc_no", "doc-no-year-after-created",
                 f"文号中的年份 {match['year']} 晚于{c.profile.label('created')} {created.isoformat()} 的年份："
                 "文号的年份通常是发文的年份，不晚于生成日期。请核对文号和生成日期；两者都没有写错的话，可以不改。")
