"""What one imported page becomes: the values to write and the TODOs an editor fills.

Rule one: never invent a value. What the page states is written (normalised to
the content model); what it does not state, or states in a form the model
refuses, is a `# TODO(待补充)` comment, with the page's text or a computed
proposal as a commented-out suggestion, so `gkml check` names a missing
required field until an editor has looked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from gkml.authoring.new import IndexNumbersExhausted, next_index_no, year_in_title
from gkml.importer import values
from gkml.importer.category import page_category
from gkml.importer.dates import beside_date, parse_date
from gkml.importer.page import LegacyPage
from gkml.importer.scriptnotes import computed_note, unread_note, unread_remark
from gkml.importer.statements import names_no_agency, stated, unfielded
from gkml.importer.text import looks_like_markup, neutral, tight
from gkml.importer.titles import TRUNCATED, is_site_name
from gkml.profile.model import Profile
from gkml.profile.types import DOC_NO, INDEX_NO

_SHOWN_SRC = 100  # characters of a picture's address quoted


@dataclass
class Planned:
    fields: dict[str, object]
    todo: list[str] = field(default_factory=list)  # keys written as TODO comments
    suggestions: dict[str, object] = field(default_factory=dict)  # commented-out values for TODO keys
    notes: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # TODOs that fill no field, written as comments
    category: str | None = None
    created: date | None = None
    missing_required: list[str] = field(default_factory=list)  # labels, for the summary

    def remark(self, text: str) -> None:
        """A TODO that fills no field: a note for the summary and a comment in the file."""
        self.notes.append(text)
        self.remarks.append(text)


def _published_day(page: LegacyPage) -> date | None:
    try:
        return date.fromisoformat(page.published[:10]) if page.published else None
    except ValueError:
        return None


def _year_of(month_day: tuple[int, int], published: date | None) -> date | None:
    """The 落款 month and day in the latest year not after the publication: a proposal only."""
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            signed = date(year, *month_day)
        except ValueError:  # 2月29日 outside a leap year
            continue
        if signed <= published:
            return signed
    return None


_FILES_LABEL = re.compile(r"^(?:相关)?附件(?:下载)?[:：]?$")


def _attached(pair: tuple[str, str], page: LegacyPage) -> bool:
    """An attribute table's 附件 row whose every file the page links, imported as its attachments."""
    names = {text for link in page.attachments for text in (link.alias, link.name, link.title) if text}
    return bool(_FILES_LABEL.match(tight(pair[0]))) and all(item in names for item in pair[1].split())


def plan_document(page: LegacyPage, profile: Profile, *, org_code: str, agency: str,
                  taken: Mapping[str, str], category_map: Mapping[str, str] | None = None) -> Planned:
    """Fields and TODOs for `page`. `taken` maps index numbers already used to who uses them."""
    plan = Planned({})

    def todo(key: str, suggestion: object = None, note: str = "") -> None:
        plan.todo.append(key)
        if suggestion not in (None, "", [], ()):
            plan.suggestions[key] = suggestion
        if note:
            plan.notes.append(note)

    label = profile.label
    markup = "中有 HTML 标签样式的文字（可能是攻击代码），建议值已改用全角尖括号，请核对"
    longest = profile.fields["title"].max_length if "title" in profile.fields else None
    if looks_like_markup(page.title):
        todo("title", neutral(page.title), label("title") + markup)
    elif TRUNCATED.search(page.title):
        todo("title", page.title, f"{label('title')}以省略号结尾，可能被网站截断，请按原文件补全")
    elif is_site_name(page.title) or tight(page.title) == tight(agency):
        todo("title", None, f"{label('title')}“{page.title}”是网站或机关的名称，不是文件名称，请按原文件填写")
    elif longest and len(page.title) > longest:
        todo("title", page.title, f"{label('title')}超过 {longest} 字，请核对是否把正文当成了标题")
    else:
        plan.fields["title"] = page.title

    category, why = page_category(page, profile, category_map)
    plan.category = category
    if category:
        plan.fields["category"] = category
    else:
        todo("category", note=why)

    if page.publisher and looks_like_markup(page.publisher):
        todo("publisher", neutral(page.publisher), label("publisher") + markup)
    elif page.publisher and not names_no_agency(page.publisher):
        plan.fields["publisher"] = page.publisher
    elif page.stamp_agency:  # '2024-03-05　合肥市应急管理局' under the title: which field the page does not say
        todo("publisher", neutral(page.stamp_agency), f"页面未写{label('publisher')}，建议值“{neutral(page.stamp_agency)}”"
             "取自标题下日期旁的机关名称（页面未标明是发布机构还是来源），请核对")
    elif page.site_owner:  # the footer's agency: the site's, perhaps not the document's
        other = f"（本站配置的机关为“{agency}”）" if agency and tight(agency) != page.site_owner else ""
        todo("publisher", neutral(page.site_owner), f"页面未写{label('publisher')}，建议值“{neutral(page.site_owner)}”"
             f"取自页面底部的主办单位或版权所有者{other}，请核对")
    else:
        todo("publisher", agency or None, f"页面未写{label('publisher')}" + (f"，建议值“{agency}”请核对" if agency else ""))
    if page.publisher and names_no_agency(page.publisher):
        plan.notes.append(f"页面的{label('publisher')}“{neutral(page.publisher)}”不是机关的名称，未导入")

    published_day = _published_day(page)
    created = page.created or page.signed_date
    unread = next(((name, value) for name, value in page.attributes  # '成文日期：二〇二四年十三月五日'
                   if values.key_of(name) == "created" and stated(value) and parse_date(value) is None), None)
    if unread and not page.created:  # stated, not a date: never passed over for the 落款 or told unstated
        todo("created", created, f"页面的{unread[0]}“{neutral(unread[1])}”不是有效的日期"
             + ("，建议值为正文落款日期" if created else "") + "，请核对")
        created = None
    elif page.created and page.signed_date and page.created != page.signed_date:
        # The 落款 is the date of writing; a CMS's field may hold the day it was issued or put online.
        written = next((name for name, value in page.attributes
                        if values.key_of(name) == "created" and parse_date(value) == page.created), label("created"))
        todo("created", page.signed_date, f"页面写的{written} {page.created} 与正文落款日期 "
             f"{page.signed_date} 不一致，建议值为落款日期，请核对")
        created = None
    elif created and published_day and created > published_day:
        todo("created", created, f"{label('created')} {created} 晚于{label('published')} {published_day}，请核对")
        created = None
    elif created:
        plan.fields["created"] = created
    elif page.signed_month_day:
        todo("created", _year_of(page.signed_month_day, published_day),
             f"落款日期缺年份，页面未写完整的{label('created')}"
             + ("，建议值按发布日期推算，请核对" if published_day else ""))
    else:
        todo("created", note=f"页面未写完整的{label('created')}（成文日期或落款日期）")
    plan.created = created
    # Two 发布日期 that differ (the head's line and the attribute table): which one is true, the editor knows.
    days = sorted({str(day) for name, value in page.attributes if values.key_of(name) == "published" and (day := parse_date(value))})
    if page.published and len(days) > 1:
        todo("published", page.published, f"页面写了不同的{label('published')}（{'、'.join(days)}），建议值为其中一处，请核对")
    elif page.published:
        plan.fields["published"] = page.published
    elif page.published_text:
        todo("published", note=f"页面的{label('published')}“{neutral(page.published_text)}”不是完整的日期，请核对")
    else:
        todo("published", note=f"页面未写{label('published')}")
    for name, value in page.attributes:  # '2024-03-05　合肥市应急管理局': the date read, the rest never lost unsaid
        if values.key_of(name) in ("created", "published") and parse_date(value) and (rest := beside_date(value)):
            plan.remark(f"页面的{name}“{neutral(value)}”中日期之外的“{neutral(rest)}”没有导入，请核对")

    _index_no(page, plan, todo, org_code=org_code, taken=taken, created=created, label=label("index_no"))
    for key in page.computed:  # not missing from the page: its script computes it as it writes it
        plan.notes = [computed_note(note, label(key)) for note in plan.notes]
    if "title" in page.computed and "title" in plan.todo:  # '<h1><script>document.write(ArticleTitle)'
        plan.notes = [f"{note}（页面标题处的{label('title')}由脚本计算后显示，保存的页面中没有它）"
                      if note.startswith(label("title")) else note for note in plan.notes]
    if page.unread:  # computed where no label stands: perhaps a field the saved page lacks, perhaps text
        unsaid = [label(key) for key in dict.fromkeys(plan.todo)
                  if key not in page.computed and any(unread_note(note, label(key)) != note for note in plan.notes)]
        for key in unsaid:
            plan.notes = [unread_note(note, key) for note in plan.notes]
        for item in page.unread:
            plan.remark(unread_remark(item, unsaid))

    for alt, src in page.unkept:  # a picture of a type no attachment has: dropped, told
        plan.remark(f"正文中的图片“{neutral(alt) or '（没有说明文字）'}”（{neutral(src[:_SHOWN_SRC])}{'…' * (len(src) > _SHOWN_SRC)}）"
                    "导入时没有保留：它的地址不是可以作为附件发布的图片文件（png、jpg 等），请在原网页上把它另存为 png 或 jpg，"
                    "放在本文件旁，再写入正文")

    for alt, src in page.head_pictures:  # an attribute block or a red header drawn as a picture: never dropped unsaid
        plan.remark(f"标题或属性处的图片“{neutral(alt) or '（没有说明文字）'}”（{neutral(src[:_SHOWN_SRC])}）没有导入：若图片中是文件的"
                    "属性（索引号、文号、日期等）或红头，请按图片核对填写")
    if page.doc_no:
        fixed = values.doc_no(page.doc_no)
        if DOC_NO.match(fixed):
            plan.fields["doc_no"] = fixed
        else:
            todo("doc_no", page.doc_no, f"{label('doc_no')}“{page.doc_no}”格式不规范")
    elif titled := values.titled_doc_no(page.title):  # or the forwarded document's: the editor decides
        todo("doc_no", titled, f"页面未写{label('doc_no')}，建议值“{titled}”取自标题末尾的括号，请核对"
                               "（转发文件的标题中也可能是被转发文件的文号）")
    genres = profile.fields["genre"].values if "genre" in profile.fields else ()
    if page.genre:
        if page.genre in genres:
            plan.fields["genre"] = page.genre
        else:
            todo("genre", page.genre, f"{label('genre')}“{page.genre}”不在可选值中")
    if page.summary:
        limit = profile.fields["summary"].max_length if "summary" in profile.fields else None
        if limit is None or len(page.summary) <= limit:
            plan.fields["summary"] = neutral(page.summary)
        else:
            todo("summary", page.summary, f"{label('summary')}超过 {limit} 字")
    if page.topics:
        plan.fields["topics"] = [neutral(t) for t in values.topics(page.topics)]
    if page.keywords:
        words = values.keywords(page.keywords)
        limit = profile.fields["keywords"].max_items if "keywords" in profile.fields else None
        if limit is None or len(words) <= limit:
            plan.fields["keywords"] = [neutral(w) for w in words]
        else:
            todo("keywords", words, f"{label('keywords')}超过 {limit} 个")
    mode = values.disclosure(page.disclosure) if page.disclosure else None
    if mode and mode != "主动公开":  # only 主动公开 is ever published: the editor decides
        todo("disclosure", mode, f"页面的{label('disclosure')}为“{page.disclosure}”，只有主动公开的文件会发布，请核对")
    else:
        plan.fields["disclosure"] = "主动公开"  # it was on the public site
    if page.validity and "validity" in profile.fields:
        validity = values.validity(page.validity, profile.fields["validity"])
        remarked = values.validity_remark(page.validity, profile.fields["validity"])
        if validity:
            plan.fields["validity"] = validity
        elif remarked:  # the state is the page's; its remark (a date of repeal) has no field: told
            plan.fields["validity"] = remarked[0]
            plan.notes.append(f"{label('validity')}“{page.validity}”写为“{remarked[0]}”，括号中的说明没有对应字段，请核对")
        elif values.not_in_force(page.validity):  # never left to the default, 有效
            spec = profile.fields["validity"]
            states = "、".join(v for v in spec.values or () if v != spec.default)
            todo("validity", None, f"页面写明{label('validity')}为“{page.validity}”（已不再有效），请写明是{states}中的哪一种")
        else:
            todo("validity", page.validity, f"{label('validity')}“{page.validity}”不在可选值中")
    if page.source:
        plan.fields["source"] = neutral(page.source)
    if page.stamp_agency and page.publisher and tight(page.stamp_agency) not in (tight(page.publisher), tight(page.source or "")):
        plan.remark(f"标题下日期旁的机关名称“{neutral(page.stamp_agency)}”未标明是什么（发布机构、来源），未导入，请核对")
    if others := [pair for pair in unfielded(list(page.attributes)) if not _attached(pair, page)]:  # '统一登记号：…': no field
        plan.remark(f"页面的属性{'、'.join(f'{neutral(name)}“{neutral(value)}”' for name, value in others)}没有对应的字段，未导入，请核对")
    if page.drawn:  # no reader saw this text laid out: the editor compares it with the old site
        plan.notes.append("页面由网页脚本显示，名称、属性和正文取自脚本中的数据，请对照旧网站核对")
    if page.pager or page.other_pages:  # the rest of the body is on pages not imported: never dropped unsaid
        shown = f"（“{neutral(page.pager)}”）" if page.pager else ""
        listed = f"（{'、'.join(neutral(a) for a in page.other_pages[:5])}{' 等' if len(page.other_pages) > 5 else ''}）" if page.other_pages else ""
        plan.remark(f"正文分多页显示{shown}，只导入了这一页：请打开其余各页{listed}，把正文补在本文件中")
    if page.interpretation:  # a 解读 is a document of its own, linked to its policy (interprets)
        plan.remark(f"正文的落款之后是另一篇文件“{neutral(page.interpretation)}”（解读）：请把它移到一个新文件"
                    f"（{label('genre')} 解读，interprets 填本文件的{label('index_no')}），从本文件正文中删去")
    if page.other_document:  # two notices on one page: the second is a document of its own, never merged unsaid
        heading, name, value = page.other_document
        named = f"“{neutral(heading)}”" if heading else ""
        plan.remark(f"页面中还有另一份文件{named}（{neutral(name)} {neutral(value)}），已一并导入为本文件的正文：若它是另一份"
                    "文件，请把它移到一个新文件（gkml new），从本文件正文中删去；若是本文件转发或印发的，删去本注释即可")
    for text, href in page.interpretations:  # the catalogue lists a policy's 解读 from their interprets
        plan.remark(f"页面的相关解读列出另一篇文件“{neutral(text)}”（{neutral(href[:_SHOWN_SRC])}）：它没有导入，请另行导入它，"
                    f"并在它的{label('interprets')}填本文件的{label('index_no')}")
    for name in page.unlinked:  # named in the text only: the file is to be found, not left out unsaid
        plan.remark(f"正文列出{label('attachments')}“{neutral(name)}”，页面没有它的链接或文件：找到文件后放在本文件旁，写入 attachments")

    if category and category == profile.category_for("annual_report"):
        year = year_in_title(page.title)
        if year:
            plan.fields["report_year"] = year
        else:
            todo("report_year", note=f"标题中没有{label('report_year')}")

    plan.missing_required = [label(k) for k in dict.fromkeys(plan.todo)
                             if k in profile.fields and profile.fields[k].required_for(plan.fields)]
    return plan


def _index_no(page: LegacyPage, plan: Planned, todo, *, org_code: str, taken: Mapping[str, str],
              created: date | None, label: str) -> None:
    proposal = None
    if created and org_code:
        try:
            proposal = next_index_no(org_code, created, taken)
        except IndexNumbersExhausted:
            proposal = None
    offer = f"，建议使用下一个空号 {proposal}" if proposal else ""
    stated = page.index_no
    if not stated:
        todo("index_no", proposal, f"页面未写{label}{offer}")
        return
    number = values.index_no(stated)
    if number is None:
        todo("index_no", stated, f"页面的{label}“{stated}”格式不符合 机构代码/年月-五位序号，请核对")
        return
    if number in taken:
        todo("index_no", proposal, f"页面的{label} {number} 已被 {taken[number]} 使用{offer}")
        return
    plan.fields["index_no"] = number
    match = INDEX_NO.match(number)
    assert match is not None
    if org_code and match["org"] != org_code:
        plan.notes.append(f"{label} {number} 的机构代码 {match['org']} 不是本机关的 {org_code}，已按原页面保留")
    if created and (int(match["year"]) != created.year
                    or (match["month"] and int(match["month"]) != created.month)):
        # The published number stays; the date is what the editor must check.
        plan.fields.pop("created", None)
        todo("created", created, f"{label} {number} 的年月与生成日期 {created} 不一致，请核对生成日期")
