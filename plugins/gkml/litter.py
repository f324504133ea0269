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


def is_litter(path: str, *, directory: bool = False) -> bool:
    """Whether the last part of `path` (a name, or a '/'-separated path) is such a file, or folder."""
    name = path.rsplit("/", 1)[-1].casefold()
    if directory:
        return name in LITTER_DIRS
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
