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
# sending the user's Windows login). A desktop.ini and a download's Zone.Identifier are INI text: a
# page under either name (Chromium sniffs a file:// file of no known type as HTML) is none. macOS'
# .localized and Icon\r are empty (Icon\r's picture is in its resource fork, a ._ file in a zip), and
# an AirPort disk's .apdisk is a property list.
SYSTEM_HEAD = 8 * 1024  # a desktop.ini or .apdisk larger than this (the system writes a few hundred bytes) is no system file
_APPLE_MAGIC = (b"\x00\x05\x16\x07", b"\x00\x05\x16\x00")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "不是 Windows 自动生成的缩略图缓存")
_MAGIC = {".ds_store": (b"\x00\x00\x00\x01Bud1", "不是 macOS 自动生成的文件夹显示设置"),
          "thumbs.db": _OLE, "ehthumbs.db": _OLE, "ehthumbs_vista.db": _OLE}
_EMPTY = frozenset({".localized", "icon\r"})
_NETWORK = ("\\\\", "//")  # a \\server\share, a URL
_NOT_IN_A_KEY = frozenset('<>"/|?*')  # characters no INI key Windows writes holds (a file name's cannot)


def head_told(path: str) -> int:
    """How many of the litter file `path`'s first bytes not_the_systems reads (few: a zip of many is read fast)."""
    name = path.rsplit("/", 1)[-1].casefold()
    if name.startswith("._"):
        return len(_APPLE_MAGIC[0])
    if name in _MAGIC:
        return len(_MAGIC[name][0])
    return SYSTEM_HEAD if name in ("desktop.ini", ".apdisk") or name.endswith(_STREAM_LITTER) else 0


def not_the_systems(path: str, head: bytes, size: int) -> str:
    """Why the litter file `path`, whose first bytes are `head` (head_told(path) of them) of `size`,
    is not what Windows or macOS write ("" when it may be)."""
    name = path.rsplit("/", 1)[-1].casefold()
    if name.startswith("._") and size and not head.startswith(_APPLE_MAGIC):
        return "以 ._ 开头，但不是 macOS 自动生成的文件"
    if name in _MAGIC and size and not head.startswith(_MAGIC[name][0]):
        return _MAGIC[name][1]
    if name in _EMPTY and size:
        return "不是空文件，不是 macOS 自动生成的"
    if name == ".apdisk" and size:
        return "" if size <= SYSTEM_HEAD and _is_plist(head) else "不是 macOS 自动生成的磁盘设置（属性列表）"
    ini = name == "desktop.ini" or name.endswith(_STREAM_LITTER)
    if ini and size > SYSTEM_HEAD:
        return "过大，不是 Windows 自动生成的"
    if ini and not _is_ini(_text(head)):
        return "不是 Windows 自动生成的设置文件（INI 格式）"
    if name == "desktop.ini" and any(mark in _text(head) for mark in _NETWORK):
        return "指向网络位置，资源管理器打开文件夹时会连接它，不是 Windows 自动生成的"
    return ""


def _text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if head[1:2] == b"\x00":  # UTF-16 without its BOM, as an INI file Windows rewrote may be
        return head.decode("utf-16-le", "replace")
    return head.decode("utf-8", "replace")  # ANSI (GBK) values read as replacement characters: only the lines' shape counts


def _is_ini(text: str) -> bool:
    """Every line blank, a comment, a [section] or a key=value whose key no file name forbids."""
    for line in text.lstrip("\ufeff").splitlines():
        line = line.strip()
        if not line or line.startswith(";") or (line.startswith("[") and line.endswith("]")):
            continue
        key, equals, _ = line.partition("=")
        if not equals or not key.strip() or _NOT_IN_A_KEY & set(key):
            return False
    return True


def _is_plist(head: bytes) -> bool:
    import plistlib  # here: only a copy holding an .apdisk reads one

    try:
        plistlib.loads(head)
    except Exception:  # noqa: BLE001 - plistlib raises what its parsers do; any is "not a property list"
        return False
    return True
