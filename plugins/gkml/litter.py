"""Files and folders Windows and macOS put beside people's files by themselves: never published,
and harmless when found in a reading-room copy. One list for the docs folder and the copies.
The backups and locks text editors keep beside the file they edit: litter in the docs folder only
(check, build and serve all sort it through content.tree); in a copy, such a file is someone's edit."""

from __future__ import annotations

LITTER_FILES = frozenset({"desktop.ini", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", ".ds_store",
                          ".localized", ".apdisk", "icon\r"})
LITTER_DIRS = frozenset({"__macosx", ".spotlight-v100", ".trashes", ".fseventsd", ".temporaryitems",
                         "system volume information", "$recycle.bin", ".documentrevisions-v100"})

# Windows' mark of a download (an NTFS stream) becomes a file of its own named "<file>:Zone.Identifier"
# once copied to a disk without streams from WSL, a Samba share or some copy tools.
_STREAM_LITTER = (":zone.identifier", ":zone.identifier:$data")


# a folder of the system's whose files are each one it writes (macOS' zip: a ._ file for each file):
# a copy's is read file by file, so a page put in it is told as added
_LOOKED_INTO = frozenset({"__macosx"})


def is_litter(path: str, *, directory: bool = False) -> bool:
    """Whether the last part of `path` (a name, or a '/'-separated path) is such a file, or folder
    (a folder whose files are each looked at, __MACOSX, is none: its files are)."""
    name = path.rsplit("/", 1)[-1].casefold()
    if directory:
        return name in LITTER_DIRS and name not in _LOOKED_INTO
    return name in LITTER_FILES or name.startswith("._") or name.endswith(_STREAM_LITTER)


# Vim and Emacs (a.md~, #a.md#, Emacs' lock .#a.md, a link to nothing), Notepad++, UltraEdit and
# EmEditor (a.md.bak), Vim's swap (.a.md.swp, a dot file) and the file it writes to test a folder
# (4913). Each was told as a file no document lists, pausing the preview while the editor typed.
_BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".swx")


def is_editor_backup(name: str) -> bool:
    """Whether the file `name` (no folder) is a text editor's backup, lock or swap file."""
    folded = name.casefold()
    return (folded.endswith(_BACKUP_SUFFIXES) or folded.startswith(".#") or folded == "4913"
            or (len(folded) > 2 and folded.startswith("#") and folded.endswith("#")))


# What Windows and macOS write under those names, told from a file someone put there under one:
# macOS' ._ files begin with the AppleDouble (or AppleSingle) magic, its .DS_Store with its Buddy
# allocator's, Windows' Thumbs.db (and Media Center's ehthumbs) are OLE compound files; a name alone
# let a page or a script pass as harmless. A desktop.ini Windows writes names icons and names on this
# computer, never on another (Explorer connects to a \\server it names as it shows the folder,
# sending the user's Windows login).
SYSTEM_HEAD = 8 * 1024  # a desktop.ini larger than this (Windows writes a few hundred bytes) is no system file
_APPLE_MAGIC = (b"\x00\x05\x16\x07", b"\x00\x05\x16\x00")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "不是 Windows 自动生成的缩略图缓存")
_MAGIC = {".ds_store": (b"\x00\x00\x00\x01Bud1", "不是 macOS 自动生成的文件夹显示设置"),
          "thumbs.db": _OLE, "ehthumbs.db": _OLE, "ehthumbs_vista.db": _OLE}
_NETWORK = ("\\\\", "//")  # a \\server\share, a URL


def head_told(path: str) -> int:
    """How many of the litter file `path`'s first bytes not_the_systems reads (few: a zip of many is read fast)."""
    name = path.rsplit("/", 1)[-1].casefold()
    if name.startswith("._"):
        return len(_APPLE_MAGIC[0])
    return len(_MAGIC[name][0]) if name in _MAGIC else SYSTEM_HEAD if name == "desktop.ini" else 0


def not_the_systems(path: str, head: bytes, size: int) -> str:
    """Why the litter file `path`, whose first bytes are `head` (head_told(path) of them) of `size`,
    is not what Windows or macOS write ("" when it may be)."""
    name = path.rsplit("/", 1)[-1].casefold()
    if name.startswith("._") and size and not head.startswith(_APPLE_MAGIC):
        return "以 ._ 开头，但不是 macOS 自动生成的文件"
    if name in _MAGIC and size and not head.startswith(_MAGIC[name][0]):
        return _MAGIC[name][1]
    if name == "desktop.ini":
        if size > SYSTEM_HEAD:
            return "过大，不是 Windows 自动生成的"
        text = head.decode("utf-16", "replace") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else head.decode("utf-8", "replace")
        if any(mark in text for mark in _NETWORK):
            return "指向网络位置，资源管理器打开文件夹时会连接它，不是 Windows 自动生成的"
    return ""
