"""The project's one encoding sniffer: bytes of a document or saved page → (text, encoding name).

UTF-8 comes first (a long Chinese text that is valid UTF-8 is UTF-8, even when
a stale `<meta charset=gb2312>` says otherwise); then GBK, or GB18030 when the
text uses characters outside GBK, or Big5 when a page declares it or the bytes read as common
traditional characters where GBK gives rare ones; UTF-32 and UTF-16 by their byte-order marks. Undecodable
bytes are replaced and the name says "(lossy)".
"""

from __future__ import annotations

import re
import unicodedata

LOSSY_SUFFIX = " (lossy)"

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHARSET_NAMES = {
    "utf-8": "UTF-8", "utf8": "UTF-8",
    "gbk": "GBK", "gb2312": "GBK", "x-gbk": "GBK", "cp936": "GBK", "windows-936": "GBK",
    "gb_2312-80": "GBK", "euc-cn": "GBK",
    "gb18030": "GB18030",
    "big5": "Big5", "big5-hkscs": "Big5", "x-x-big5": "Big5", "cp950": "Big5", "csbig5": "Big5",
}


_DECLARED = {"GB18030": ("gb18030",), "Big5": ("cp950", "big5hkscs")}  # read as declared before GBK


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML `<meta charset>` or `http-equiv` tag names, normalised."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    return _CHARSET_NAMES.get(match.group(1).decode("ascii", "replace").lower())


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _damage(text: str) -> int:
    return sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")


def _common_share(text: str, codec: str, lead: tuple[int, int]) -> float:
    """The share of the text's non-ASCII letters and symbols (punctuation aside) that are among the
    most common Chinese characters of `codec`: its first level, by the lead byte (GB2312 B0–D7,
    Big5's 常用字 A4–C6). Bytes read in the wrong one give rare characters, kana, private-use ones."""
    letters = [ch for ch in text if ord(ch) > 0x7F and unicodedata.category(ch)[0] not in "PZN"]
    if not letters:
        return 0.0
    common = 0
    for ch in letters:
        try:
            common += "\u4e00" <= ch <= "\u9fff" and lead[0] <= ch.encode(codec)[0] <= lead[1]
        except UnicodeEncodeError:
            pass
    return common / len(letters)


# Big5 bytes mostly decode as GBK too, into rarer characters: read as Big5 when that gives
# the common characters of Chinese text and GBK does not (a few characters say too little).
_BIG5_MIN_HANZI = 20
_BIG5_MARGIN = 0.3


def _big5_rather_than_gbk(data: bytes, gbk_text: str) -> str | None:
    """The Big5 reading of bytes that also decode as GBK, when it is clearly the text meant."""
    big5 = _try(data, "cp950")
    if big5 is None or sum("\u4e00" <= ch <= "\u9fff" for ch in big5) < _BIG5_MIN_HANZI:
        return None
    if _common_share(big5, "cp950", (0xA4, 0xC6)) > _common_share(gbk_text, "gbk", (0xB0, 0xD7)) + _BIG5_MARGIN:
        return big5
    return None


def _few_strokes(text: str) -> bool:
    """Whether the text has a character of Big5's first lead bytes (A4-AF: 一, 的, 公, 於, those of few
    strokes, Big5 ordering its common characters by strokes): most Chinese lines do; GBK's characters
    (leads B0-F7) read as Big5 never do."""
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            try:
                if 0xA4 <= ch.encode("cp950")[0] <= 0xAF:
                    return True
            except UnicodeEncodeError:
                pass
    return False


_GBK_MIN_HANZI = 4


def _gbk_rather_than_big5(data: bytes, big5_text: str) -> str | None:
    """The GBK reading of bytes a page declares Big5, when it is clearly the text meant (a mainland
    page in a Big5 template, short, so that its bytes read as Big5 too): each character of it in
    GB2312 (about two in five of a Big5 text's characters end in a byte 40-7E, which GB2312 has not),
    none of Big5's few-stroke characters in the Big5 reading, and more of its characters among
    GB2312's common ones than the Big5 reading has among Big5's, or as many in a text of a few
    characters at least (two, 公告 or 關鍵, read well both ways: the page's word stands)."""
    gbk = _try(data, "gbk")
    if gbk is None or _try(data, "gb2312") is None or _few_strokes(big5_text):
        return None
    gbk_share, big5_share = _common_share(gbk, "gbk", (0xB0, 0xD7)), _common_share(big5_text, "cp950", (0xA4, 0xC6))
    hanzi = sum("\u4e00" <= ch <= "\u9fff" for ch in gbk)
    return gbk if gbk_share > big5_share or (gbk_share == big5_share and hanzi >= _GBK_MIN_HANZI) else None


# What UTF-8 writes in two bytes that words of today are made of: the letters of Latin (accented; pinyin's
# tones, ǎ), Greek, Cyrillic (Kazakh's and Mongolian's too, not its historic letters), Armenian, Hebrew and
# Arabic (Uyghur's too, its digits), the marks written over them, Latin-1's signs (©, §, °, «»). GBK's
# characters read as UTF-8 (C2-DF then A1-BF) give IPA, modifier letters, Coptic, Syriac, N'Ko, cantillation.
_LETTERS = ("\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u01cd-\u01dc\u0218-\u021b\u0386-\u03ce\u0400-\u045f"
            "\u0490-\u0493\u049a\u049b\u04a2\u04a3\u04ae-\u04b1\u04ba\u04bb\u04d8\u04d9\u04e8\u04e9"
            "\u0531-\u0556\u0561-\u0587\u05d0-\u05ea\u0620-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06f0-\u06ff")
_LETTER = re.compile(f"[{_LETTERS}]")
_MARK = re.compile("[\u0300-\u0362\u05b0-\u05c7\u064b-\u065f\u0670]")
_SIGN = re.compile("[\u00a0-\u00bf\u00d7\u00f7]")


def _script(ch: str) -> str:
    return "ARABIC" if "\u0600" <= ch <= "\u06ff" else unicodedata.name(ch, "?").split(" ")[0]


def _sensible_run(text: str, start: int, end: int) -> bool:
    """Whether the non-ASCII characters text[start:end], written together, read as a word: letters of
    one alphabet of today (two or more Latin ones beside an ASCII letter: café, not ĹŬ), a mark only
    after a letter, signs."""
    scripts: set[str] = set()
    for at in range(start, end):
        ch = text[at]
        if _MARK.match(ch):
            if not (at and text[at - 1].isalpha()):
                return False
        elif _LETTER.match(ch):
            scripts.add(_script(ch))
        elif not _SIGN.match(ch):
            return False
    if scripts == {"LATIN"} and end - start > 1:
        return text[start - 1:start].isalpha() or text[end:end + 1].isalpha()
    return len(scripts) <= 1


def _sensible_utf8(text: str) -> bool:
    """Whether a UTF-8 reading reads as text: a character of the Basic Multilingual Plane past U+07FF (Chinese,
    a dash, a quote), or words of one alphabet each (Ελληνικά, Привет, café). GBK's characters read as UTF-8
    give two-byte ones of scripts mixed at random (通知 is a combining mark and a Hebrew accent), or
    rare ideographs and unassigned ones past the plane."""
    if any("\u07ff" < ch < "\ue000" or "\uf8ff" < ch <= "\uffff" for ch in text):
        return True
    return all(_sensible_run(text, match.start(), match.end()) for match in re.finditer(r"[^\x00-\x7f]+", text))


def _few_letters(text: str) -> bool:
    """Whether a UTF-8 reading's non-ASCII characters are letters one or two at a time, none beside an ASCII
    letter (С, һЩ; not café): what one or two GBK characters read as UTF-8 give, too few to tell a word by."""
    runs = list(re.finditer(r"[^\x00-\x7f]+", text))
    return bool(runs) and all(
        len(run[0]) <= 2 and all(_LETTER.match(ch) for ch in run[0])
        and not text[run.start() - 1:run.start()].isalpha() and not text[run.end():run.end() + 1].isalpha()
        for run in runs)


def _common_gb(ch: str) -> bool:
    """Whether a character is among GB2312's most common (its first level, leads B0-D7)."""
    try:
        return len(code := ch.encode("gb2312")) == 2 and 0xB0 <= code[0] <= 0xD7
    except UnicodeEncodeError:
        return False


def _declared_rather_than_utf8(data: bytes, utf8: str, declared: str | None) -> tuple[str, str] | None:
    """(text, name) in a page's declared Chinese charset (GBK when none is declared) when its bytes are valid
    UTF-8 too (a very short page, 通知) but read so as nonsense, and as Chinese in the declared one; under a
    GBK declaration also when UTF-8 gives a letter or two (小 is С, 一些 is һЩ) and GBK common characters."""
    codec = {"GBK": "gbk", "GB18030": "gb18030", "Big5": "cp950"}.get(declared or "GBK")
    if codec is None or (text := _try(data, codec)) is None:
        return None
    chinese = all(ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
                  or "\u2010" <= ch <= "\u2027" for ch in text)
    if not chinese:
        return None
    if not _sensible_utf8(utf8):
        return text, declared or "GBK"
    few = declared in ("GBK", "GB18030") and _few_letters(utf8)
    return (text, declared or codec) if few and all(ch.isascii() or _common_gb(ch) for ch in text) else None


# Damaged UTF-8 keeps this many of its non-ASCII characters whole for each one damaged, at least;
# GBK read as UTF-8 keeps a few in ten (a lead byte C2-DF before a trail byte 80-BF)
_WHOLE_PER_DAMAGED = 4


def mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with a few bytes that are not: its last character cut short (an editor's save read
    half way, a copy stopped), or a few bytes pasted from a GBK file. GBK and GB18030 decode many
    such files cleanly, into a wrong character for every right one: they are not read so."""
    text = data.decode("utf-8", "replace")
    damaged = text.count("\ufffd")
    return 0 < damaged and sum(ch > "\x7f" for ch in text) - damaged >= _WHOLE_PER_DAMAGED * damaged


def likely_chinese_encoding(data: bytes) -> str | None:
    """'GBK', 'GB18030' or 'Big5' when the bytes decode cleanly as such (and are not UTF-8), else None."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    if mostly_utf8(data):
        return None
    for name, codec in (("GBK", "gbk"), ("GB18030", "gb18030")):
        if (text := _try(data, codec)) is not None:
            return "Big5" if _big5_rather_than_gbk(data, text) is not None else name
    return None


_WORD_PUNCTUATION = {"‘": "左单引号", "’": "右单引号", "‚": "下单引号", "“": "左双引号", "”": "右双引号", "„": "下双引号",
                     "–": "短破折号", "—": "破折号", "…": "省略号", "•": "圆点"}


def windows_1252_stray(data: bytes, start: int) -> tuple[str, str, int] | None:
    """(character, its Chinese name, how many such bytes) of the byte UTF-8 cannot read at `start`,
    read in Windows-1252, when the file is UTF-8
    but for such bytes, each a smart quote, dash or ellipsis: pasted from Word or Outlook by a tool
    that wrote them in the old Western code page (0x93 for “). None otherwise."""
    strays = {ord(ch) - 0xDC00 for ch in data.decode("utf-8", "surrogateescape") if "\udc80" <= ch <= "\udcff"}
    if not all(bytes([byte]).decode("cp1252", "replace") in _WORD_PUNCTUATION for byte in strays):
        return None
    char = data[start:start + 1].decode("cp1252")
    return char, _WORD_PUNCTUATION[char], sum(1 for ch in data.decode("utf-8", "surrogateescape") if "\udc80" <= ch <= "\udcff")


# UTF-32's marks begin with UTF-16's (FF FE): read as UTF-16, each character would gain a NUL.
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def wide_encoding(data: bytes) -> str | None:
    """'UTF-32' or 'UTF-16' when the bytes are in one (by its mark, or UTF-16's NULs without one), else None."""
    if data.startswith(_UTF32_BOMS):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and data.count(b"\x00") > len(data) // 4):
        return "UTF-16"
    return None


def _wide_codec(data: bytes, wide: str) -> str:
    """The codec of a UTF-16 or UTF-32 file: by its mark, else UTF-16's byte order by where its NULs are."""
    if wide == "UTF-32":
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-16-le" if data[1::2].count(0) >= data[0::2].count(0) else "utf-16-be"


_CUT = ("truncated data", "unexpected end of data")


def cut_short(data: bytes) -> tuple[str, int, int] | None:
    """(encoding, line, column) where a UTF-16 or UTF-32 file ends half way through its last character
    (a save or a copy stopped), the column as editors count characters; None for any other file.
    Read whole, its last half character would be dropped without a word."""
    wide = wide_encoding(data)
    if wide is None:
        return None
    codec = _wide_codec(data, wide)
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        if error.end != len(data) or error.reason not in _CUT:
            return None
        try:
            text = data[:error.start].decode(codec).lstrip("\ufeff")
        except UnicodeDecodeError:
            return None
        return wide, text.count("\n") + 1, len(text) - text.rfind("\n")
    return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name), never raising; a leading BOM is removed."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _try(data[3:], "utf-8")
        if text is not None:
            return text.lstrip("\ufeff"), "UTF-8"  # a mark added twice
        data = data[3:]  # a UTF-8 mark before GBK bytes (a converter that stopped half way): read the rest
    if data.startswith(_UTF32_BOMS):
        text = _try(data, "utf-32")
        if text is not None:
            return text.lstrip("\ufeff"), "UTF-32"
    if (cut := cut_short(data)) is not None:  # its half character kept as one replaced, never dropped unsaid
        return data.decode(_wide_codec(data, cut[0]), "replace").lstrip("\ufeff"), cut[0] + LOSSY_SUFFIX
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
        if text is not None:
            return text.lstrip("\ufeff"), "UTF-16"
    if len(data) > 1 and data.count(b"\x00") > len(data) // 4:  # UTF-16 without its byte-order mark
        text = _try(data, _wide_codec(data, "UTF-16"))
        if text is not None:
            return text, "UTF-16"
    declared = declared_charset(data)
    text = _try(data, "utf-8")
    if text is not None and (not text.isascii() or declared in (None, "UTF-8")):
        return _declared_rather_than_utf8(data, text, declared) or (text, "UTF-8")
    # Big5 bytes often decode as GBK too, into other characters: only a page's own word tells.
    for codec in _DECLARED.get(declared or "", ()):
        text = _try(data, codec)
        if text is not None:
            if declared == "Big5" and (gbk := _gbk_rather_than_big5(data, text)) is not None:
                return gbk, "GBK"
            return text, declared or codec
    if mostly_utf8(data):
        return data.decode("utf-8", "replace"), "UTF-8" + LOSSY_SUFFIX
    for codec, name in (("gbk", "GBK"), ("gb18030", "GB18030")):
        text = _try(data, codec)
        if text is not None:
            # also under a stale gb2312 or utf-8 declaration (a Big5 page in a mainland template)
            big5 = _big5_rather_than_gbk(data, text)
            return (big5, "Big5") if big5 is not None else (text, name)
    utf8 = data.decode("utf-8", "replace")
    gb = data.decode("gb18030", "replace")
    if _damage(utf8) <= _damage(gb):
        return utf8, "UTF-8" + LOSSY_SUFFIX
    return gb, "GB18030" + LOSSY_SUFFIX
