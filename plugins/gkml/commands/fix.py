"""`gkml fix [PATH...] [--check]`: apply the safe corrections `gkml check` suggests."""

from __future__ import annotations

import argparse
import difflib
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from gkml.authoring.fix import fix_bytes
from gkml.authoring.rewrite import replace_if_unchanged
from gkml.commands.parser import fail
from gkml.config import load_project
from gkml.content import encoding
from gkml.content.bounds import too_large
from gkml.content.problems import shown_path
from gkml.content.rootpaths import answering
from gkml.content.textfile import cut_short_message
from gkml.content.tree import OFFICE_TEMPORARY, extension, scan_docs
from gkml.content.validation import check_file
from gkml.profile.model import Profile, load_profile
from gkml.profile.types import visible
from gkml.syserrors import CLEAR_SPACE, no_room, why_refused

HELP = "自动修正 gkml check 能确定如何修正的问题（日期格式、字段名拼写、全角冒号、特殊空格、行首 Tab、GBK 编码、文号括号等）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="路径",
                        help="要修正的文件或目录（默认：整个公开目录）")
    parser.add_argument("--check", action="store_true", help="只报告需要修正的地方，不修改文件（有需要修正的则退出码为 1）")




def _targets(paths: list[Path], default: Path | None) -> tuple[list[Path], list[Path], list[Path]]:
    """The Markdown files to fix, those refused and Office's temporary files named: only regular
    files are read or written. A link would have fix rewrite whatever it points to, a FIFO would
    block it for ever, and a folder named like a document is a folder (gkml check reports links
    and special files). `~$通知.md` is Word's note of who has 通知.md open, no document: read as
    text it was "converted" (and again each run) and told as a file to correct by hand."""
    found: list[Path] = []
    refused: list[Path] = []
    temporary: list[Path] = []
    for path in paths or ([default] if default else []):
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, names in os.walk(path):  # never enters a linked folder
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if extension(name) == "md" and not name.startswith(".") and not OFFICE_TEMPORARY.match(name):
                        (found if _is_plain_file(Path(folder, name)) else refused).append(Path(folder, name))
        elif OFFICE_TEMPORARY.match(path.name):
            temporary.append(path)
        elif path.exists() or path.is_symlink():
            (found if _is_plain_file(path) else refused).append(path)
    return found, refused, temporary


def _in_docs(files: list[Path], docs_dir: Path) -> tuple[list[Path], list[Path]]:
    """The files inside the docs folder, and those outside it: no check or build reads those,
    and fix "corrected" them by the document's rules (a README's list given a blank line, a notes
    file's encoding changed) and told each as a file to correct by hand."""
    root = os.path.normcase(os.path.realpath(docs_dir))
    inside: list[Path] = []
    outside: list[Path] = []
    for path in files:
        folder = os.path.normcase(os.path.realpath(path.parent))
        (inside if folder == root or folder.startswith(root.rstrip(os.sep) + os.sep) else outside).append(path)
    return inside, outside


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _diff(path: Path, before: bytes, after: bytes) -> str:
    old = encoding.decode(before)[0].splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    shown = _shown(path)
    lines = difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _shown(path: Path) -> str:
    """A file as fix's lines name it: escaped for the terminal (a line break or a bidi control in a name)."""
    return visible(shown_path(path))


def _write(path: Path, before: bytes, data: bytes) -> str | None:
    """Write the fixed file while it holds what was read; why not, when it changed or the system refuses (None: written)."""
    try:
        if replace_if_unchanged(path, before, data):
            return None
    except OSError as error:
        return _unwritable(path, "写入", error)
    return (f"{_shown(path)}: gkml fix 读取后这个文件又被保存过（例如在 Word、记事本中），为免丢失这次修改，未修正。"
            "请保存并关闭它后再运行一次 gkml fix。")


def _unwritable(path: Path, what: str, error: OSError) -> str:
    if no_room(error):  # no attribute to change, no program to close
        return f"{_shown(path)}: 无法{what}（{why_refused(error)}），未修正，文件保持原样。{CLEAR_SPACE}后再运行 gkml fix。"
    return (f"{_shown(path)}: 无法{what}（{why_refused(error)}），未修正。文件可能是只读的（在资源管理器中右键→属性，"
            "取消“只读”），或正被 Word、WPS 等程序打开：关闭后再运行 gkml fix。")


def _left_by_hand(path: Path, data: bytes, profile: Profile, docs_dir: Path | None,
                  exists: Callable[[str], bool] | None) -> int:
    """How many problems the check still finds in the file as fix leaves it: its own rules only
    (gkml check also judges the documents against each other), its files asked of as it asks."""
    if too_large(len(data)):
        return 1
    base = docs_dir or path.parent
    rel = Path(os.path.relpath(path, base)).as_posix()
    return len(check_file(rel, data, profile, exists or (lambda query: (base / query).is_file())).problems)


def _catalogue_files(docs_dir: Path, catalogue_dir: str, profile: Profile) -> Callable[[str], bool]:
    """The catalogue folder's files as `gkml check` asks of them (content.loader): in any case too."""
    return answering(scan_docs(docs_dir, catalogue_dir, pages=None, allowed_types=profile.attachment_types).catalogue_files)


def _tell_left(left: list[tuple[Path, int]]) -> None:
    """The files fix could not make right: an editor who ran fix must not take them for done."""
    if not left:
        return
    print(f"{len(left)} 个文件还有 gkml fix 无法确定改法的问题，需要手动修改"
          "（运行 gkml check 查看每个问题的位置和改法）：", file=sys.stderr)
    for path, count in left:
        print(f"  {_shown(path)}：{count} 个问题", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    start = args.paths[0] if args.paths else Path(".")
    default: Path | None = None
    docs_dir: Path | None = None
    exists: Callable[[str], bool] | None = None  # outside any site: the disk's files, as written
    try:
        project = load_project(start)
        profile: Profile = project.profile
        docs_dir = project.docs_dir
        default = docs_dir / project.options.catalogue_dir
        exists = _catalogue_files(docs_dir, project.options.catalogue_dir, profile)
    except FileNotFoundError:  # a file outside any site: fix it against the default profile
        profile = load_profile()
    except ValueError as error:  # the options, or mkdocs.yml itself
        return fail("fix", str(error))
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return fail("fix", "找不到：" + "、".join(map(str, missing)))
    changed: list[Path] = []
    skipped: list[Path] = []
    files, refused, temporary = _targets(args.paths, default)
    outside: list[Path] = []
    if docs_dir is not None:  # pre-commit passes every staged .md: README.md, notes, no document
        files, outside = _in_docs(files, docs_dir)
    failed: list[str] = []  # a file open in another program, or read-only: told, the others still fixed
    left: list[tuple[Path, int]] = []  # files with problems fix cannot correct, and how many
    for path in files:
        try:
            before = path.read_bytes()
        except OSError as error:
            failed.append(_unwritable(path, "读取", error))
            continue
        if cut := encoding.cut_short(before):  # converted, its last half character would be lost unsaid
            wide, line, col = cut
            failed.append(f"{_shown(path)}:{line}:{col}: {cut_short_message(wide)}未修正，文件保持原样。")
            continue
        fixed = fix_bytes(before, profile)
        if fixed is None:
            skipped.append(path)
            continue
        if count := _left_by_hand(path, fixed.data, profile, docs_dir, exists):
            left.append((path, count))
        if fixed.data == before:
            continue
        if not args.check and (refusal := _write(path, before, fixed.data)):
            failed.append(refusal)
            continue
        changed.append(path)
        if fixed.encoding != "UTF-8":
            print(f"{_shown(path)}: 按 {fixed.encoding} 编码读取，已转换为 UTF-8")
        if fixed.had_bom:
            print(f"{_shown(path)}: 删除文件开头的 BOM（字节顺序标记）")
        print(_diff(path, before, fixed.data), end="")
    for path in skipped:
        print(f"{_shown(path)}: 无法识别文件的编码，未修正；请在编辑器中另存为 UTF-8。", file=sys.stderr)
    for path in refused:
        print(f"{_shown(path)}: 不是普通文件（是符号链接、管道或设备），未打开、未修正；gkml check 会说明如何处理。",
              file=sys.stderr)
    for path in temporary:
        print(f"{_shown(path)}: 这是 Word、WPS 打开文件时生成的临时文件，不是公开文件，未修正"
              "（保存并关闭打开的文件后它会消失；程序已关闭时可以删除它）。", file=sys.stderr)
    for path in (path for path in outside if path in args.paths):  # those a folder named holds: not told one by one
        print(f"{_shown(path)}: 不在网站的内容目录（mkdocs.yml 的 docs_dir）中，不是公开文件，gkml 不读取它，未修正。",
              file=sys.stderr)
    for message in failed:
        print(message, file=sys.stderr)
    if not changed:
        if not failed:
            print(f"已检查 {len(files)} 个文件，没有需要自动修正的地方。", file=sys.stderr)
        _tell_left(left)
        return 1 if failed else 0
    if args.check:
        print(f"{len(changed)} 个文件需要修正（见上面的差异）。运行 gkml fix 即可自动修正。", file=sys.stderr)
        _tell_left(left)
        return 1
    print(f"已修正 {len(changed)} 个文件。请查看上面的差异，再运行 gkml check。"
          "如果是提交时（pre-commit）修正的：gkml fix 已修改文件，请 git add 后再次提交。", file=sys.stderr)
    _tell_left(left)
    return 1 if failed else 0
