"""A document file's bytes read as UTF-8, as the check reads them, or one located problem
saying what they are instead: UTF-16 (Notepad's "Unicode"), GBK, a file cut short, a few
bytes pasted from another encoding, Word's quotes saved as Windows-1252.

Apart from content.encoding, the one sniffer that reads any bytes as best it can (the
importer, gkml fix), because a document must be UTF-8: this is where the check refuses the
others, in Chinese, at the line and column of the first byte that is not.
"""

from __future__ import annotations

from gkml.content.encoding import (
    cut_short,
    likely_chinese_encoding,
    mostly_utf8,
    wide_encoding,
    windows_1252_stray,
)
from gkml.content.problems import Problem


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 with or without BOM; anything else is a problem naming the likely encoding."""
    if cut := cut_short(data):
        wide, line, col = cut
        return None, [Problem(path, line, col, None, "encoding", cut_short_message(wide))]
    if wide := wide_encoding(data):
        notepad = "（记事本称为“Unicode”）" if wide == "UTF-16" else ""
        return None, [Problem(path, 1, 1, None, "encoding", (f"文件是 {wide} 编码{notepad}。运行 gkml fix 可自动转换为 UTF-8，"
                                                             f"或在编辑器中另存为 UTF-8 编码（不要选 {wide}/Unicode）。"))]
    while data.startswith(b"\xef\xbb\xbf"):  # a tool that adds its mark to a file that had one
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = len(data[data.rfind(b"\n", 0, error.start) + 1:error.start].decode("utf-8")) + 1  # characters, as editors count
        return None, [Problem(path, line, col, None, "encoding", _not_utf8(data, error))]


def cut_short_message(wide: str) -> str:
    """What a UTF-16 or UTF-32 file that ends half way through a character is, and what to do: fix
    converts no such file (its last character would be lost without a word)."""
    notepad = "（记事本称为“Unicode”）" if wide == "UTF-16" else ""
    return (f"文件是 {wide} 编码{notepad}，在这里中断，最后一个字只有一半：文件没有保存完整（或复制时被截断）。"
            "gkml fix 不会转换它。请在编辑器中打开，核对并补全结尾后另存为 UTF-8 编码。")


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """What the bytes that are not UTF-8 look like: another encoding, a file cut short (an editor's
    save caught half way, a copy stopped), or a few bytes pasted into a UTF-8 file from another."""
    if stray := windows_1252_stray(data, error.start):  # Word's quotes saved by old software
        char, name, count = stray
        others = f"文件中共有 {count} 个这样的字符，请逐个改正。" if count > 1 else ""
        return (f"这里的字节 0x{data[error.start]:02X} 不是 UTF-8，是 Windows-1252 编码的{name}（{char}）"
                f"（常见于从 Word 或 Outlook 复制、经旧软件保存的文字）；文件的其余部分是 UTF-8。"
                f"请在编辑器中删去这个字符，重新输入{name}。{others}")
    if likely := likely_chinese_encoding(data):
        return f"文件不是 UTF-8 编码，看起来是 {likely} 编码。运行 gkml fix 可自动转换为 UTF-8，或在编辑器中另存为 UTF-8。"
    if error.reason == "unexpected end of data":  # only at the very end
        return ("文件在这里中断，最后一个字只有一半：文件没有保存完整（或复制时被截断）。"
                "请在编辑器中打开，核对并补全结尾后重新保存。")
    if mostly_utf8(data):
        return ("文件是 UTF-8 编码，但这里有几个字节不是 UTF-8（可能是从 GBK 等其他编码的文件中粘贴来的），"
                "编辑器中显示为乱码或问号。请删去这里的乱码，重新输入这几个字后保存。")
    return "文件不是 UTF-8 编码，无法识别其编码。请在编辑器中另存为 UTF-8。"
