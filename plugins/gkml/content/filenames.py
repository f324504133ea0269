"""File and folder names Windows cannot hold, and names that differ only in case.

Editors share the project through git, mostly on Windows, and reading rooms open the
offline copy there. A name Windows refuses (CON, aux.pdf, a trailing dot or space,
`附件:1.pdf`) cannot be checked out on a colleague's computer; two names that differ
only in case (A.md, a.md) become one file there, and a document is silently lost. A path
past Windows' 260 characters (MAX_PATH) is not checked out there either, and a name past 255
bytes, which Windows holds (255 characters), is refused by the Linux server that builds the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gkml.content.problems import Problem

_DEVICES = "CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]"  # Windows' reserved names, with any extension
_CHARACTERS = '<>:"|?*\\'  # and the control characters
_RESERVED = re.compile(f"^(?:{_DEVICES})$", re.IGNORECASE)
_REFUSED_CLASS = f"[{re.escape(_CHARACTERS)}\\x00-\\x1f]"
_REFUSED = re.compile(_REFUSED_CLASS)
# A name's bytes on the Linux server (ext4, git: 255, about 85 Chinese characters); a path's
# characters below the docs folder, leaving the repository's own folder (D:\\gkml\\content\\…) the
# rest of Windows' 260
NAME_BYTES = 255
PATH_CHARACTERS = 200
# a refused character's full-width form, as a name written in Chinese would have it anyway ("/" too:
# windows_safe is given whole names); a control character dropped
_SAFE = str.maketrans({ch: chr(ord(ch) + 0xFEE0) for ch in _CHARACTERS + "/"} | {chr(c): None for c in range(32)})


def name_slip(name: str) -> str | None:
    """Why Windows cannot hold a file or folder called `name`, and what to call it (None: it can)."""
    stem, dot, ext = name.partition(".")
    if _RESERVED.match(stem.rstrip(" ")):
        return (f"“{name}”在 Windows 上不能用作文件名（{stem} 是 Windows 的保留名），Windows 电脑上取不到它，"
                f"离线查阅副本在 Windows 上也打不开。请改名，例如 {stem}-1{dot}{ext}。")
    if name.endswith((".", " ")):
        what = "点" if name.endswith(".") else "空格"
        return f"“{name}”以{what}结尾，Windows 会去掉结尾的{what}，在 Windows 电脑上取不到这个文件。请删去结尾的{what}。"
    if (size := len(name.encode("utf-8", "surrogatepass"))) > NAME_BYTES:
        return (f"“{name}”太长：文件名有 {size} 个字节（UTF-8），服务器（Linux）和 git 上一个文件名最多 {NAME_BYTES} 个字节"
                f"（约 85 个汉字），服务器上取不到这个文件，网站无法生成。请把它改短。")
    if _UNDECODED.search(name):
        return _not_utf8(name)
    if match := _REFUSED.search(name):
        char = match.group()
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        return f"“{name}”中有 Windows 文件名不能使用的字符“{shown}”，Windows 电脑上取不到这个文件。请改名（删去或换成全角字符）。"
    return None


# a name's bytes that are no UTF-8, as Python gives them (surrogateescape): a zip made on Windows,
# unpacked where its names' GBK is kept as bytes
_UNDECODED = re.compile("[\udc80-\udcff]")


def _not_utf8(name: str) -> str:
    raw = name.encode("utf-8", "surrogateescape")
    try:
        meant = f"“{raw.decode('gb18030')}”"
    except UnicodeDecodeError:
        meant = "原来的名字"
    return (f"文件名{meant}不是按 UTF-8 存的（多半是 Windows 上打包的 zip 在这里解压时，文件名按 GBK 保存了），"
            f"git、网站和 Windows 电脑都读不对这个名字。请把它改名为{meant}（在这台电脑上重新输入这个名字）。")


# Anything name_slip could refuse, anywhere in the names framed by "/" (/a/b.md/c/d.pdf/): a refused
# character, a dot or space ending a name, a name whose stem is reserved (checked one by one only when
# one matches). Three quick scans: one pattern of the three tries each at every character, 4x slower.
_SUSPECT = (_REFUSED, _UNDECODED, re.compile(r"[. ]/"), re.compile(f"/(?:{_DEVICES}) *[./]", re.IGNORECASE))


def name_problems(paths: Iterable[str]) -> list[Problem]:
    """Each docs-relative file, and each folder above one, whose name Windows cannot hold or
    that differs from another of its folder only in case."""
    paths = list(paths)
    if _all_clear(paths):
        return []  # the common case, kept cheap: gkml check runs on every commit
    return _name_by_name(paths)


def _name_by_name(paths: list[str]) -> list[Problem]:
    problems = [Problem(path, 1, 1, None, "path-too-long",
                        f"路径太长：从内容文件夹算起有 {len(path)} 个字符。Windows 上文件的完整路径（连同 D:\\gkml\\content\\ "
                        "这样的仓库文件夹）最多 260 个字符，超过时 Windows 电脑上 git 取不到这个文件，Word、资源管理器也打不开。"
                        f"请把文件名或文件夹名改短，使这里的路径不超过 {PATH_CHARACTERS} 个字符。")
                for path in sorted(paths) if len(path) > PATH_CHARACTERS]
    seen: set[str] = set()
    by_case: dict[tuple[str, str], str] = {}  # (folder, case-folded name) -> name
    for path in sorted(paths):
        parts = path.split("/")
        for depth in range(len(parts)):
            rel = "/".join(parts[:depth + 1])
            if rel in seen:
                continue
            seen.add(rel)
            folder, name = "/".join(parts[:depth]), parts[depth]
            if slip := name_slip(name):
                problems.append(Problem(rel, 1, 1, None, "windows-name", slip))
            other = by_case.setdefault((folder, name.casefold()), name)
            if other != name:
                problems.append(Problem(rel, 1, 1, None, "case-twin",
                                        f"“{name}”与同一文件夹中的“{other}”只是大小写不同。Windows 不区分大小写，"
                                        "在 Windows 电脑上两者会变成一个文件，其中一个会丢失。请给其中一个改名。"))
    return problems


def _all_clear(paths: list[str]) -> bool:
    """No name of `paths` (nor of a folder above one) could be a problem: checked in one pass."""
    # joined by "/", which ends a name as a folder does: joined by newlines, control characters the
    # scan looks for in a name, no tree of two files was ever cleared
    names = f"/{'/'.join(paths)}/"
    if any(pattern.search(names) for pattern in _SUSPECT) or any(_long(path) for path in paths):
        return False
    folders = _folders(paths)  # a folder and a file beside it may differ only in case too (A/ and a)
    return len({name.casefold() for name in (*paths, *folders)}) == len(paths) + len(folders)


def _long(path: str) -> bool:
    """Too long a path, or one that may hold too long a name (no name is longer than its path)."""
    return len(path) > PATH_CHARACTERS or (len(path) * 4 > NAME_BYTES and len(path.encode("utf-8", "surrogatepass")) > NAME_BYTES)


def _folders(paths: list[str]) -> set[str]:
    """Every folder above a path: from each path's own folder (a few for thousands of files) upwards."""
    folders: set[str] = set()
    for folder in {path.rpartition("/")[0] for path in paths}:
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def windows_safe(name: str) -> str:
    """`name` as Windows can hold it (what gkml writes itself: an imported attachment, the offline
    copy's folder): refused characters in their full-width forms, no dot or space at its end, a
    reserved name with "_" after it."""
    safe = name.translate(_SAFE).rstrip(" .")
    stem, dot, rest = safe.partition(".")
    if _RESERVED.match(stem.rstrip(" ")):
        safe = f"{stem}_{dot}{rest}"
    return safe or "_"
