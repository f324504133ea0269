"""`gkml new --category SLUG --title TITLE`: a new document with every required field it can fill.
`gkml new --interprets INDEX_NO --title TITLE`: a 解读 of a published policy (its category by default)."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from datetime import date, datetime
from pathlib import Path

from gkml.authoring.ledger import LedgerUnreadable, read_ledger
from gkml.authoring.new import (
    NEW_BODY,
    READ_IT,
    SCHEMA_PATH,
    IndexNumbersExhausted,
    NumbersUnread,
    choosing_numbers,
    file_name,
    front_matter,
    new_fields,
    next_index_no,
    schema_comment,
    used_index_numbers,
    write_new_file,
)
from gkml.catalogue.document import INTERPRETATION, SHANGHAI, Document
from gkml.catalogue.publication import hold_reason
from gkml.commands.parser import day, fail
from gkml.config import Project, load_project
from gkml.content.corrections import normalize_width, smart_unquoted, title_unwrapped
from gkml.content.docno import fix_doc_no
from gkml.content.indexno import fix_index_no
from gkml.content.listing import folder_category
from gkml.content.loader import check_tree
from gkml.content.problems import Problem, shown_path
from gkml.content.validation import check_file
from gkml.profile.model import Profile
from gkml.profile.types import DOC_NO, visible
from gkml.syserrors import CLEAR_SPACE, no_room, why_refused

HELP = "新建一个公开文件（自动填写索引号、发布机构、日期等必填属性）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", metavar="分类代码", help="信息分类代码或名称，例如 fgwj 或 法规文件（新建解读时默认与原文相同）")
    parser.add_argument("--title", required=True, metavar="名称", help="文件名称")
    parser.add_argument("--date", type=day, metavar="YYYY-MM-DD", help="生成日期（成文日期），默认今天")
    parser.add_argument("--publisher", metavar="发布机构", help="发布机构，默认为 mkdocs.yml 中的 agency")
    parser.add_argument("--doc-no", metavar="文号", help="文号，例如 皖应急〔2025〕12号")
    parser.add_argument("--genre", metavar="体裁", help="体裁，例如 通知、报告")
    parser.add_argument("--interprets", metavar="索引号",
                        help="新建政策解读：所解读的政策文件的索引号，或它页面的地址（体裁自动设为“解读”）")
    parser.add_argument("--config-dir", type=Path, default=Path("."), metavar="目录", help="mkdocs.yml 所在目录（默认当前目录）")


def category_list(profile: Profile) -> str:
    return "\n".join(f"{'  ' * depth}{cat.slug:<10} {cat.name}" for cat, depth in profile.categories.walk())


def _unquoted(value: str | None) -> str | None:
    """A value as typed in a console with a Chinese input method's punctuation on (“通知”): the
    shell keeps such quotes, which are no quotes to it; the value is what they wrap."""
    return smart_unquoted(value.strip()) or value.strip() if value is not None else None


def run(args: argparse.Namespace) -> int:
    args.category, args.genre, args.doc_no, args.interprets, args.publisher = map(
        _unquoted, (args.category, args.genre, args.doc_no, args.interprets, args.publisher))
    try:
        project = load_project(args.config_dir)
    except (FileNotFoundError, ValueError) as error:
        return fail("new", str(error))
    profile = project.profile
    interprets = None
    if args.interprets:
        policy = _policy(project, normalize_width(args.interprets.strip()))
        if isinstance(policy, str):
            return fail("new", policy)
        if args.genre and args.genre != INTERPRETATION:
            return fail("new", f"新建解读时体裁只能是“{INTERPRETATION}”，不能是“{args.genre}”。")
        interprets, args.genre = policy.index_no, INTERPRETATION
        args.category = args.category or policy.category
    here = None
    if not args.category and (here := _category_folder_here(project)) is not None:
        args.category = here[0]
        print(f"按所在的文件夹，信息分类为 {here[0]}（{profile.categories[here[0]].name}）；"
              "如需其他分类，请用 --category 指定。", file=sys.stderr)
    if not args.category:
        return fail("new", f"请用 --category 指定信息分类代码，或在分类的文件夹（例如 {_example_folder(project)}）中运行。"
                           f"可用的分类代码：\n{category_list(profile)}")
    if args.category not in profile.categories:  # `法规文件`, as the list below names it, means fgwj
        args.category = profile.categories.named(args.category) or args.category
    if args.category not in profile.categories:
        return fail("new", f"信息分类“{visible(args.category)}”不存在。请写分类代码或分类名称：\n{category_list(profile)}")
    title = title_unwrapped(args.title.strip()) or args.title.strip()  # `--title “关于…的通知”`, `《…条例》`
    if not title or "\n" in title:
        return fail("new", "文件名称不能为空，且只能写一行。")
    created: date = args.date or datetime.now(SHANGHAI).date()
    publisher = args.publisher or project.options.agency.strip()  # `--publisher "  "`: not given
    if not publisher:
        return fail("new", "不知道发布机构：请用 --publisher 指定，或在 mkdocs.yml 的 gkml 插件选项中填写 agency。")
    if not project.options.org_code:
        return fail("new", "mkdocs.yml 的 gkml 插件选项中没有填写 org_code（组织机构代码），无法生成索引号。")
    doc_no = fix_doc_no(args.doc_no.strip()) if args.doc_no else None
    if doc_no and not DOC_NO.match(doc_no):
        return fail("new", f"文号“{args.doc_no}”格式不对，应为 机关代字〔年份〕序号号，例如 皖应急〔2025〕12号；规章等令写作 机关名称令第序号号，例如 安徽省人民政府令第289号。")
    genre_values = profile.fields["genre"].values if "genre" in profile.fields else ()
    if args.genre and genre_values and args.genre not in genre_values:
        return fail("new", f"体裁“{args.genre}”不是允许的值。可选：{' / '.join(genre_values)}")
    folder = here[1] if here else project.docs_dir / project.options.catalogue_dir / args.category
    try:
        path = create(project, args.category, title, created, publisher, doc_no, args.genre, interprets, folder)
    except (IndexNumbersExhausted, SkeletonRefused) as error:
        return fail("new", str(error))
    except (LedgerUnreadable, NumbersUnread) as error:  # a number chosen now might be the one it holds
        return fail("new", f"{error}，不知道其中已用了哪些索引号，未新建文件。{READ_IT}")
    except OSError as error:  # the disk full, a read-only folder
        what = CLEAR_SPACE if no_room(error) else "请确认有权在这个文件夹中新建文件（文件夹不是只读的）"
        return fail("new", f"无法在 {shown_path(folder)} 中新建文件（{why_refused(error)}），未新建文件。{what}，再运行一次。")
    print(path)
    print("已新建文件，索引号已自动分配。请填写正文、核对发布日期，完成后删除 draft: true 一行，再运行 gkml check。",
          file=sys.stderr)
    if not (project.root / SCHEMA_PATH).is_file():
        print(f"提示：编辑器自动补全需要 {SCHEMA_PATH}，可运行 gkml schema --out {SCHEMA_PATH} 生成。", file=sys.stderr)
    return 0


def _policy(project: Project, index_no: str) -> Document | str:
    """The published policy a new 解读 explains, or why it cannot be one (a message). `index_no`
    may be its page's address as the browser shows it (…/doc/002986620-202003-00012/), copied
    from the preview or the site: it was told 不在公开目录中."""
    documents = check_tree(project.docs_dir, project.options.catalogue_dir, project.profile).documents
    policy = next((d for d in documents if d.index_no in (index_no, fix_index_no(index_no))), None)
    if policy is None:
        return f"索引号 {index_no} 不在公开目录中（或该文件有错误，请先运行 gkml check）。"
    index_no = policy.index_no
    reason = hold_reason(policy, project.profile, policy.published)
    if reason:
        return f"{index_no}（{policy.title}）不公开发布（{reason}），不能为它发布解读。"
    if policy.is_interpretation:
        return f"{index_no}（{policy.title}）本身是一篇解读，请填写它所解读的政策文件的索引号。"
    return policy


def _category_folder_here(project: Project) -> tuple[str, Path] | None:
    """The category of the catalogue folder `gkml new` is run in (`cd content/catalogue/fgwj`), and
    that folder, where the editor will look for the new file; None outside any category's folder."""
    catalogue = (project.docs_dir / project.options.catalogue_dir).resolve()
    here = Path.cwd().resolve()
    if here != catalogue and catalogue not in here.parents:
        return None
    category = folder_category(here.relative_to(catalogue).as_posix(), project.profile)
    return (category, here) if category else None


def _example_folder(project: Project) -> str:
    first = next(cat.slug for cat, _depth in project.profile.categories.walk())
    return Path(os.path.relpath(project.docs_dir / project.options.catalogue_dir / first, project.root)).as_posix()


def create(project: Project, category: str, title: str, created: date, publisher: str,
           doc_no: str | None, genre: str | None, interprets: str | None = None, folder: Path | None = None) -> Path:
    """The new document, written in `folder` (by default the category's folder)."""
    with choosing_numbers(project.root / project.options.cache_dir):
        return _create(project, category, title, created, publisher, doc_no, genre, interprets, folder)


def _create(project: Project, category: str, title: str, created: date, publisher: str,
            doc_no: str | None, genre: str | None, interprets: str | None, folder: Path | None) -> Path:
    catalogue = project.docs_dir / project.options.catalogue_dir
    ledger = [entry.index_no for entry in read_ledger(project.ledger_path)]
    used = used_index_numbers(project.docs_dir, project.options.catalogue_dir, ledger)
    index_no = next_index_no(project.options.org_code, created, used)
    fields = new_fields(title=title, category=category, created=created, index_no=index_no,
                        publisher=publisher, doc_no=doc_no, genre=genre,
                        annual_report=project.profile.category_for("annual_report"), interprets=interprets)
    folder = folder or catalogue / category
    # a random part: two editors' clones never write the same file name (no git add/add conflict)
    name = file_name(created, f"{category}-{index_no.rsplit('-', 1)[1]}-{secrets.token_hex(3)}")
    text = front_matter(fields, [schema_comment(folder / name, project.root)]) + "\n" + NEW_BODY
    # what an editor typed (a tab or line separator pasted into --title, a title too long) is
    # refused here with the check's own words, never written into a file `gkml check` then refuses
    problems = check_file(name, text.encode("utf-8"), project.profile, lambda _rel: True).problems
    if problems:
        raise SkeletonRefused(problems)
    return write_new_file(folder, name, text)


class SkeletonRefused(ValueError):
    """The values given would make a document `gkml check` refuses; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        lines = [f"{p.label or p.key}({p.key})：{p.message}" if p.key else p.message for p in problems]
        super().__init__("未新建文件，请修改参数后重试：\n" + "\n".join(lines))
