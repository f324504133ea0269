"""File names every copy of the site can hold: reading rooms unpack the offline copy on
Windows PCs, and many agencies serve their site from Windows (IIS). Windows refuses
\\ / : * ? " < > |, control characters, a name ending in a dot or a space, and the
device names (CON, NUL, COM1 …, with any extension)."""

from __future__ import annotations

import re

_FORBIDDEN = '\\/:*?"<>|'
# each forbidden character becomes its full-width form, as a name written in Chinese would have it anyway
_SAFE = str.maketrans({ch: chr(ord(ch) + 0xFEE0) for ch in _FORBIDDEN} | {chr(c): None for c in range(32)})
_DEVICE = re.compile(r"(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(?:\..*)?", re.IGNORECASE)


def windows_problem(name: str) -> str | None:
    """Why Windows cannot hold a file named `name` (in Chinese), or None."""
    bad = sorted({ch for ch in name if ch in _FORBIDDEN or ord(ch) < 32})
    if bad:
        shown = " ".join(ch if ord(ch) >= 32 else f"U+{ord(ch):04X}" for ch in bad)
        return f"含有 Windows 文件名不能有的字符 {shown}"
    if name.endswith((".", " ")):
        return "以点或空格结尾，Windows 会去掉它"
    if _DEVICE.fullmatch(name.strip()):
        return f"是 Windows 的设备名 {name.split('.', 1)[0]}"
    return None


def windows_safe(name: str) -> str:
    """`name` as Windows can hold it: forbidden characters in their full-width forms, no dot or
    space at its end, a device name with "_" after it."""
    safe = name.translate(_SAFE).rstrip(" .")
    if _DEVICE.fullmatch(safe):
        stem, dot, rest = safe.partition(".")
        safe = f"{stem}_{dot}{rest}"
    return safe or "_"
