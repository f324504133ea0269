"""The one encoding sniffer of the project: which encoding a Chinese text file is in.

Files from the old CMS and from Windows editors arrive as UTF-8 (with or without
BOM), UTF-16 (Notepad's "Unicode") or GBK/GB18030 (Notepad's "ANSI" on Chinese
Windows). UTF-8 is tried first: a GBK file almost never decodes as UTF-8, while
UTF-8 text often decodes as GBK mojibake.
"""

from __future__ import annotations

_BOMS = ((b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"))


class UnknownEncoding(ValueError):
    """None of the encodings a Chinese office uses decodes the file."""


def decode(data: bytes) -> tuple[str, str]:
    """The text (without a byte-order mark) and the encoding's name as editors know it:
    UTF-8, UTF-16, GBK or GB18030. Raises UnknownEncoding."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as error:
                raise UnknownEncoding(f"文件开头标明是 {name} 编码，但内容不是。") from error
    if len(data) > 1 and data.count(b"\x00") > len(data) // 4:  # UTF-16 without a byte-order mark
        try:
            return data.decode("utf-16-le"), "UTF-16"
        except UnicodeDecodeError:
            pass
    for codec, name in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise UnknownEncoding("无法识别文件的编码（不是 UTF-8、UTF-16、GBK 或 GB18030）。")
