"""The rules across documents, each told in one `gkml check`: every message, in its order.

One throw-away catalogue trips every rule that reads more than one document (a number used
twice, references that resolve to nothing or to a refused file, a loop of 替代文件, each kind of
解读 slip, two spellings of a term, dates after the check's moment, a held-back document's
attachment, reference or page link, a withdrawn one's reference); the check's whole output is
held line for line, so reading the documents once for all the rules changes nothing an editor sees.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gkml.build.gate import as_of
from gkml.config import load_project
from gkml.content.crosscheck import cross_check, far_published, future_created
from gkml.content.crossfacts import gather
from gkml.content.heldback import held_back_problems, withdrawn_references
from gkml.content.loader import check_tree
from support import doc, write_project

MKDOCS_YML = """\
site_name: 测试
docs_dir: content
plugins:
  - gkml:
      agency: 安徽省应急管理厅
      org_code: "002986620"
      build_time: "2024-06-01 12:00"
      guide_pages:
        公开指南: pages/gkzn.md
"""

N = "002986620/202003-077"  # this test's own numbers (created in 2020-03)


def _doc(number: str, title: str, *extra: str, **fields: str) -> str:
    created = fields.get("created", "2020-03-02")
    index_no = f"002986620/{created[:4]}{created[5:7]}-077{number}"
    if any(line.startswith("superseded_by") for line in extra):
        extra = (*extra, "validity: 失效")
    return doc(*extra, title=f"跨文件规则次序{title}", index_no=index_no, **fields)


FILES: dict[str, str | bytes] = {
    # one number, two files (the later one held back: a reference to the number reads that one)
    "catalogue/fgwj/dup-a.md": _doc("01", "甲"),
    "catalogue/fgwj/dup-b.md": _doc("01", "乙", disclosure="依申请公开"),
    # references to nothing, and to a file refused for its own problems
    "catalogue/fgwj/unknown.md": _doc("02", "丙", f"superseded_by: {N}99", f"interprets: {N}98", genre="解读"),
    "catalogue/fgwj/broken.md": _doc("50", "丁", drop=("publisher",)),
    "catalogue/fgwj/to-broken.md": _doc("51", "戊", f"superseded_by: {N}50"),
    # a loop of 替代文件
    "catalogue/fgwj/loop-a.md": _doc("03", "己", f"superseded_by: {N}04"),
    "catalogue/fgwj/loop-b.md": _doc("04", "庚", f"superseded_by: {N}03"),
    # 解读 of a held-back policy, of a withdrawn one, of a 解读, of one published later
    "catalogue/fgwj/of-held.md": _doc("05", "辛", f"interprets: {N}06", genre="解读", category="fgwj"),
    "catalogue/fgwj/held.md": _doc("06", "壬", disclosure="依申请公开"),
    "catalogue/fgwj/of-withdrawn.md": _doc("07", "癸", f"interprets: {N}08", genre="解读", category="fgwj"),
    "catalogue/fgwj/withdrawn.md": _doc("08", "子", "withdrawn: {date: 2021-01-04, reason: 已废止}"),
    "catalogue/fgwj/of-jd.md": _doc("09", "丑", f"interprets: {N}05", genre="解读", category="fgwj"),
    "catalogue/fgwj/early.md": _doc("10", "寅", f"interprets: {N}11", genre="解读", category="fgwj"),
    "catalogue/fgwj/later.md": _doc("11", "卯", published="2024-07-01 09:00"),
    # two spellings of one term, in two fields
    "catalogue/fgwj/term-a.md": _doc("12", "辰", "keywords: [ABC, GB]", publisher="AHYJT"),
    "catalogue/fgwj/term-b.md": _doc("13", "巳", "keywords: [abc, Gb]", publisher="ahyjt"),
    # dated after the check's moment
    "catalogue/fgwj/withdraws-later.md": _doc("14", "午", "withdrawn: {date: 2024-12-01, reason: 已废止}"),
    "catalogue/fgwj/made-later.md": _doc("15", "未", created="2024-08-01", published="2024-09-01 09:00"),
    # published more than a year after it (told), a year and a day (not), held back at its own moment (not)
    "catalogue/fgwj/far.md": _doc("23", "丁卯", published="2099-03-05 09:30"),
    "catalogue/fgwj/far-day.md": _doc("24", "戊辰", published="2025-06-03"),
    "catalogue/fgwj/year-ahead.md": _doc("25", "己巳", published="2025-06-02 09:00"),
    "catalogue/fgwj/far-held.md": _doc("26", "庚午", published="2099-03-05 09:30", disclosure="依申请公开"),
    # a held-back document's attachment, and references to held-back and withdrawn documents
    "catalogue/fgwj/held-attach.md": _doc("16", "申", "attachments:\n  - {file: files/shared.pdf, title: 共用附件}",
                                          disclosure="依申请公开"),
    "catalogue/fgwj/open-attach.md": _doc("17", "酉", "attachments:\n  - {file: files/shared.pdf, title: 共用附件}"),
    "catalogue/fgwj/files/shared.pdf": b"%PDF-1.4\n",
    "catalogue/fgwj/to-held.md": _doc("18", "戌", f"superseded_by: {N}06"),
    "catalogue/fgwj/to-dup.md": _doc("19", "亥", f"superseded_by: {N}01"),
    "catalogue/fgwj/embargoed.md": _doc("20", "甲子", f"superseded_by: {N}21", published="2024-08-01 09:00"),
    "catalogue/fgwj/embargoed-later.md": _doc("21", "乙丑", published="2024-10-01 09:00"),
    "catalogue/fgwj/to-withdrawn.md": _doc("22", "丙寅", f"superseded_by: {N}08"),
    # a guide page linking a held-back document
    "pages/gkzn.md": "# 公开指南\n\n见[文件](../catalogue/fgwj/held.md)。\n",
}

F = "content/catalogue/fgwj/"
# (file, line, col, code, level, message), in the order `gkml check --json` gives them (errors, then notices)
EXPECTED: list[tuple[str, int, int, str, str, str]] = [
    (F + 'broken.md', 1, 1, 'required', 'error',
     '缺少必填字段 publisher（发布机构）。'),
    (F + 'dup-a.md', 3, 1, 'duplicate-index-no', 'error',
     f'索引号 002986620/202003-07701 重复，另见：{F}dup-b.md。请把尚未发布的那一件改用下一个空闲的索引号 002986620/202003-07752。'),
    (F + 'dup-b.md', 3, 1, 'duplicate-index-no', 'error',
     f'索引号 002986620/202003-07701 重复，另见：{F}dup-a.md。请把尚未发布的那一件改用下一个空闲的索引号 002986620/202003-07752。'),
    (F + 'early.md', 10, 1, 'interprets-before-policy', 'error',
     '解读的发布日期 2020-03-05 09:30 早于原文（002986620/202003-07711）的发布日期 2024-07-01 09:00：原文发布前不能发布解读。'),
    (F + 'embargoed.md', 9, 1, 'reference-held-back', 'error',
     f'替代文件 002986620/202003-07721 是文件 {F}embargoed-later.md，本文件 2024-08-01 09:00 发布时它仍不发布（未到发布时间），页面和数据中会出现它的索引号。请删除这一项，或在该文件发布后再填写。'),
    (F + 'loop-a.md', 9, 1, 'superseded-by-cycle', 'error',
     f'替代文件绕回了本文件：{F}loop-a.md（002986620/202003-07703） → {F}loop-b.md（002986620/202003-07704） → {F}loop-a.md（002986620/202003-07703），这样没有哪一件是现行有效的版本。替代文件只写在被替代的旧文件中，指向替代它的新文件：请删除新文件中指向旧文件的那一项。'),
    (F + 'loop-b.md', 9, 1, 'superseded-by-cycle', 'error',
     f'替代文件绕回了本文件：{F}loop-a.md（002986620/202003-07703） → {F}loop-b.md（002986620/202003-07704） → {F}loop-a.md（002986620/202003-07703），这样没有哪一件是现行有效的版本。替代文件只写在被替代的旧文件中，指向替代它的新文件：请删除新文件中指向旧文件的那一项。'),
    (F + 'of-held.md', 10, 1, 'interprets-unpublished', 'error',
     '解读对象 002986620/202003-07706 不公开发布（依申请公开），解读不能链接到它。'),
    (F + 'of-jd.md', 10, 1, 'interprets-interpretation', 'error',
     '解读对象 002986620/202003-07705 本身是一篇解读，请填写它所解读的政策文件的索引号。'),
    (F + 'of-withdrawn.md', 10, 1, 'interprets-withdrawn', 'error',
     '解读对象 002986620/202003-07708 已于 2021-01-04 撤回，不再公开发布，解读不能再链接到它：请同时撤回本解读（withdrawn），或改为它现在解读的政策文件的索引号。'),
    (F + 'open-attach.md', 9, 1, 'attachment-held-back', 'error',
     f'附件 {F}files/shared.pdf 也是暂不发布的文件 {F}held-attach.md（依申请公开）的附件，不能随本文件发布。确认这个附件可以公开后，请另存一份放在本文件自己的附件文件夹中。'),
    (F + 'term-b.md', 5, 1, 'term-slug-clash', 'error',
     f'“ahyjt”与{F}term-a.md中的“AHYJT”只有大小写不同，会用同一个网址 publisher/ahyjt/，其中一个分类页会覆盖另一个。请统一写法。'),
    (F + 'term-b.md', 9, 1, 'term-slug-clash', 'error',
     f'“abc”与{F}term-a.md中的“ABC”只有大小写不同，会用同一个网址 keyword/abc/，其中一个分类页会覆盖另一个。请统一写法。'),
    (F + 'term-b.md', 9, 1, 'term-slug-clash', 'error',
     f'“Gb”与{F}term-a.md中的“GB”只有大小写不同，会用同一个网址 keyword/gb/，其中一个分类页会覆盖另一个。请统一写法。'),
    (F + 'to-broken.md', 9, 1, 'superseded-by-unknown', 'error',
     f'替代文件 002986620/202003-07750 是文件 {F}broken.md 的索引号，该文件有错误，未能列入目录：请先按该文件的提示修正。'),
    (F + 'to-dup.md', 9, 1, 'reference-held-back', 'error',
     f'替代文件 002986620/202003-07701 是暂不发布的文件 {F}dup-b.md（依申请公开），已发布的文件不能引用它（页面和数据中会出现它的索引号）。请删除这一项，或在该文件发布后再填写。'),
    (F + 'to-held.md', 9, 1, 'reference-held-back', 'error',
     f'替代文件 002986620/202003-07706 是暂不发布的文件 {F}held.md（依申请公开），已发布的文件不能引用它（页面和数据中会出现它的索引号）。请删除这一项，或在该文件发布后再填写。'),
    (F + 'unknown.md', 10, 1, 'superseded-by-unknown', 'error',
     '替代文件 002986620/202003-07799 不在目录中（没有文件使用这个索引号）。'),
    (F + 'unknown.md', 11, 1, 'interprets-unknown', 'error',
     '解读对象 002986620/202003-07798 不在目录中（没有文件使用这个索引号）。'),
    (F + 'withdraws-later.md', 9, 1, 'withdrawn-in-future', 'error',
     '撤回日期 2024-12-01 还没有到（今天是 2024-06-01）：撤回写入后即生效，页面会说本文件已于该日撤回。请写实际撤回的日期（今天或更早）。'),
    ('content/pages/gkzn.md', 3, 2, 'page-links-unpublished', 'error',
     f'页面链接的文件 ../catalogue/fgwj/held.md 不会发布（{F}held.md：依申请公开），它的名称也不能出现在网站上。请删除这个链接；供下载的文件请放在页面自己的文件夹中。'),
    (F + 'far-day.md', 7, 1, 'published-far-ahead', 'notice',
     '发布日期 2025-06-03 距今天（2024-06-01）还有 367 天（约 1 年）：本文件要到那时才会出现在目录、检索和公开数据中。如果年份写错了，请改正发布日期；如果确实要到那天才发布，可以不改。'),
    (F + 'far.md', 7, 1, 'published-far-ahead', 'notice',
     '发布日期 2099-03-05 09:30 距今天（2024-06-01）还有 27305 天（约 75 年）：本文件要到那时才会出现在目录、检索和公开数据中。如果年份写错了，请改正发布日期；如果确实要到那天才发布，可以不改。'),
    (F + 'made-later.md', 6, 1, 'created-in-future', 'notice',
     '生成日期 2024-08-01 还没有到（今天是 2024-06-01）：生成日期是文件形成的日期，通常不晚于今天。本文件要到发布日期 2024-09-01 09:00 才会发布。请核对生成日期和发布日期；两者都没有写错的话，可以不改。'),
    (F + 'to-withdrawn.md', 9, 1, 'reference-withdrawn', 'notice',
     f'替代文件 002986620/202003-07708（{F}withdrawn.md）已于 2021-01-04 撤回，不再公开发布，本文件页面上的链接会通向它的撤回说明：请改为现在有效的那份文件的索引号，或删除这一项。'),
]


def _check(project: Path) -> tuple[int, list[dict[str, object]]]:
    ran = subprocess.run([sys.executable, "-m", "gkml.cli", "check", "--json"], cwd=project, capture_output=True,
                         text=True, encoding="utf-8", timeout=120, check=False)
    return ran.returncode, json.loads(ran.stdout)


def test_every_rule_across_documents_tells_its_messages_in_order(tmp_path: Path) -> None:
    code, rows = _check(write_project(tmp_path, MKDOCS_YML, FILES))
    assert code == 1
    assert [(row["file"], row["line"], row["col"], row["code"], row["level"], row["message"]) for row in rows] == EXPECTED


def test_the_rules_read_the_documents_only_through_one_gathering(tmp_path: Path) -> None:
    """Each rule across documents reads what one pass over the documents gathered, never the
    documents again (at 100,000 documents each pass was a walk over dicts out of the CPU's caches):
    given the gathering of a one-shot stream and no documents, every rule tells what it tells
    reading the documents itself."""
    project = load_project(write_project(tmp_path, MKDOCS_YML, FILES))
    now = as_of(project.options)
    checked = check_tree(project.docs_dir, project.options.catalogue_dir, project.profile,
                         taxonomies=project.taxonomies, now=now)
    docs, profile, taxonomies = checked.documents, project.profile, project.taxonomies
    assert len(docs) == 28
    facts = gather((doc for doc in docs), profile, now, taxonomies)
    assert facts.documents == docs
    alone = [cross_check(docs, profile, now, "", {}, taxonomies), held_back_problems(docs, profile, now),
             withdrawn_references(docs, profile), future_created(docs, profile, now), far_published(docs, profile, now)]
    gathered = [cross_check((), profile, now, "", {}, taxonomies, facts), held_back_problems((), profile, now, facts=facts),
                withdrawn_references((), profile, facts=facts), future_created((), profile, now, facts=facts),
                far_published((), profile, now, facts=facts)]
    assert gathered == alone
    assert [len(found) for found in alone] == [15, 4, 1, 1, 2]
