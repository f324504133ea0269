"""使用说明: how a reading room opens, searches, prints and checks its copy on Windows.

One source for both forms: 使用说明.txt (UTF-8 with BOM and CRLF, so the Notepad of
any Windows shows it) and the entry page 打开公开目录.html.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gkml.outputs.offline.snapshot import UNZIP_FIRST, Snapshot

ENTRY = "打开公开目录.html"
README = "使用说明.txt"
SITE_DIR = "site"  # ASCII: links keep working even where an unzipper garbles Chinese folder names

# One line, so it pastes into PowerShell as one command; compares every line of SHA256SUMS.
# No run of spaces (' {2}': -split takes a regex): the entry page shows it as wrapping text, which
# would copy two spaces as one.
POWERSHELL_CHECK = (
    "$bad = 0; Get-Content -Encoding UTF8 SHA256SUMS | ForEach-Object { $h, $f = $_ -split ' {2}', 2; "
    "if (-not (Test-Path -LiteralPath $f) -or (Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -ne $h) "
    "{ \"有问题：$f\"; $bad++ } }; \"核对完毕，有问题的文件：$bad 个\""
)
OPENSSL_CHECK = "openssl pkeyutl -verify -pubin -inkey 公钥.pem -rawin -in manifest.json -sigfile manifest.sig"


@dataclass(frozen=True)
class Block:
    text: str
    command: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


def _p(text: str) -> Block:
    return Block(text)


def _cmd(text: str) -> Block:
    return Block(text, command=True)


def sections(snapshot: Snapshot, *, signed: bool) -> list[Section]:
    online = f"（{snapshot.list_url}）" if snapshot.list_url else ""
    check = [
        _p("本文件夹中的 manifest.json（清单）记录了每个文件的 SHA-256 校验值，SHA256SUMS 内容相同、便于命令行核对"
           + ("，manifest.sig 是本机关对清单的数字签名。" if signed else "。")),
        _p("第 1 步　核对清单本身，证明清单是本机关发布的。在本文件夹的空白处按住 Shift 键点鼠标右键，选“在此处打开 PowerShell 窗口”"
           "（Windows 11：点右键，选“在终端中打开”），输入下面一行后按回车："),
        _cmd("Get-FileHash manifest.json"),
        _p("也可以在“命令提示符”中输入："),
        _cmd("certutil -hashfile manifest.json SHA256"),
        _p(f"把显示的 64 位校验值，与本机关网站“离线查阅版”页面{online}上快照日期为 {snapshot.zh_date} 的“清单校验值”逐位核对"
           "（不分大小写；旧版 Windows 的 certutil 在字符间加空格，忽略空格即可）。"),
        _p("第 2 步　核对每个文件，证明文件与清单一致。在同一个 PowerShell 窗口中输入下面一行（可整行复制粘贴）后按回车："),
        _cmd(POWERSHELL_CHECK),
        _p("最后显示“有问题的文件：0 个”，即全部文件与清单一致。此命令需要 Windows 8.1、10 或 11 自带的 PowerShell。"),
    ]
    if signed:
        check += [
            _p("第 3 步（可选）　核对数字签名。需要从本机关网站下载的公钥文件“公钥.pem”（不要使用 U 盘上来历不明的公钥），"
               "以及 openssl 工具（安装 Git for Windows 后即有）。在第 1 步打开的窗口中输入："),
            _cmd(OPENSSL_CHECK),
            _p("显示“Signature Verified Successfully”即签名有效。"),
        ]
    check += [
        _p("装有 gkml 工具的电脑可以一步完成全部核对，也可以直接核对压缩包，并会报告缺少、被修改和多出的文件："),
        _cmd("gkml verify --key 公钥.pem 本文件夹或压缩包" if signed else "gkml verify 本文件夹或压缩包"),
        _p("Linux 或 macOS 电脑：在本文件夹中运行 sha256sum -c SHA256SUMS。"),
    ]
    return [
        Section("打开", (
            _p(UNZIP_FIRST),
            _p(f"双击本文件夹中的“{ENTRY}”，电脑会用浏览器（Edge、360、QQ 浏览器等）打开，再点“进入公开目录”。"
               "不用联网，也不用安装任何软件；目录、分类、文件全文、附件和检索都可以使用。"),
            _p("如果双击后没有用浏览器打开：在该文件上点右键，选“打开方式”，再选一个浏览器。"),
            _p(f"请把整个文件夹放在一起，不要移动、改名或删除 {SITE_DIR} 文件夹中的文件，否则页面或检索可能无法使用。"),
        )),
        Section("检索", (
            _p("在任一页面上方的检索框中输入标题或正文中的词语、文号或索引号，按回车。第一次检索需要几秒钟载入索引。"
               "检索结果可以按信息分类和年份筛选。"),
        )),
        Section("打印", (
            _p("打印一个文件：打开这个文件的页面，按 Ctrl+P。"),
            _p("打印整个公开目录：在入口页点“打印版目录”，再点“打印本目录”（或按 Ctrl+P）。"),
            _p("每一页打印件上都印有快照日期和收录件数，可以据此判断打印的是哪一版。"),
        )),
        Section("是不是最新版", (
            _p(f"每个页面底部都写有快照日期：{snapshot.zh_date}，收录 {snapshot.documents} 件。"
               + (f"本机关网站的“离线查阅版”页面{online}列出每一版的日期、件数和校验值；网站上有更新的版本时，请下载新版替换本文件夹。"
                  if online else "请向本机关了解是否有更新的版本。")),
        )),
        Section("核对副本是否完整、是否为本机关发布", tuple(check)),
        Section("核对不通过怎么办", (
            _p("只多出 desktop.ini、Thumbs.db、.DS_Store、以“._”开头或以“:Zone.Identifier”结尾的文件：这些是 Windows 或 macOS "
               "自动生成的，删除不影响副本。不要打开它们：有人可能用这样的名称放入网页，gkml verify 能分辨哪些确是系统生成的。"
               "多出的空文件夹也不影响副本。"),
            _p("清单校验值与网站公布的不一致，或签名无效：这不是本机关发布的原版，或被整体改写过。请停止使用，不要向读者提供，"
               "从本机关网站重新下载；仍不一致时请与本机关联系。"),
            _p("个别文件缺少或“有问题”：可能是 U 盘损坏、拷贝中断或有人改动。请从网站重新下载压缩包，解压后整个替换本文件夹，再核对一次，"
               "不要只替换个别文件。"),
            _p("多出其他文件：不是本机关发布的内容，请删除后再核对。"),
        )),
    ]


_TOKEN = re.compile(r"[\x21-\x7e]+|\s|.", re.DOTALL)  # an ASCII word (a path, a command) never splits
_NO_LINE_START = set("，。、；：？！）》」』”’…·")
_NO_LINE_END = set("（《「『“‘")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int = 76) -> list[str]:
    """Lines of at most `width` columns (a Chinese character is two), for a Notepad that does
    not wrap: never inside an ASCII word, no line starting with closing or ending with opening punctuation."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        if line and _width(line + token) > width and token not in _NO_LINE_START and not token.isspace():
            carried = line[-1] if line[-1] in _NO_LINE_END else ""
            lines.append(line[: len(line) - len(carried)].rstrip())
            line = carried
        line += "" if (not line and token.isspace()) else token
    if line:
        lines.append(line.rstrip())
    return lines


def readme_text(snapshot: Snapshot, *, signed: bool) -> bytes:
    """使用说明.txt: UTF-8 with a BOM and CRLF line ends, wrapped for a Notepad that does not
    wrap; commands stay whole on their own indented line, ready to copy."""
    lines = [f"{snapshot.agency}政府信息公开目录 离线查阅版 使用说明", "",
             f"快照日期：{snapshot.zh_date}　收录主动公开政府信息：{snapshot.documents} 件", ""]
    numbers = "一二三四五六七八九十"
    for number, section in zip(numbers, sections(snapshot, signed=signed)):
        lines += [f"{number}、{section.title}", ""]
        for block in section.blocks:
            lines += ([f"    {block.text}"] if block.command else wrap(block.text)) + [""]
    return "\ufeff".encode() + "\r\n".join(lines).encode("utf-8")
