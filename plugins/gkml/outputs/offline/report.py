"""The verify report, for a librarian: what is fine, what is extra but harmless,
what is missing or changed, and what to do. Plain text any console can print."""

from __future__ import annotations

import unicodedata

from gkml.outputs.offline.check import CopyCheck, Finding
from gkml.outputs.offline.recasing import renamed_folders, renamed_itself

SHOWN = 30


def shown(path: str) -> str:
    """A file name as text that cannot fake a line of the report (control characters,
    undecodable bytes and bidi overrides made visible)."""
    out = []
    for ch in path:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


# a path longer than any a copy holds (Windows' 260 characters) is someone's: its ends shown, one line each
LONGEST = 300


def _path(path: str) -> str:
    text = shown(path)
    return text if len(text) <= LONGEST else f"{text[:200]}……{text[-80:]}（共 {len(text)} 个字符）"


def _list(label: str, findings: list[Finding], everything: bool) -> list[str]:
    limit = len(findings) if everything else SHOWN
    lines = [f"    {label}：{_path(f.path)}" + (f"（{f.note}）" if f.note else "") for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"    ……另有 {len(findings) - limit} 个（加 --all 列出全部）")
    return lines


RECASED = "大小写不同"


def _folders(findings: list[Finding]) -> list[tuple[str, str, int]]:
    return renamed_folders((f.path, f.listed) for f in findings if f.listed)


def _recased(findings: list[Finding], everything: bool) -> list[str]:
    """The folders in other case (SITE for site), each once, then the files whose own name is."""
    folders = _folders(findings)
    limit = len(folders) if everything else SHOWN
    lines = [f"    文件夹{RECASED}：{_path(held)}（清单中为 {_path(listed)}，其中 {n} 个文件）" for held, listed, n in folders[:limit]]
    if len(folders) > limit:
        lines.append(f"    ……另有 {len(folders) - limit} 个文件夹（加 --all 列出全部）")
    return lines + _list(RECASED, [f for f in findings if not f.listed or renamed_itself(f.path, f.listed)], everything)


def render(check: CopyCheck, *, everything: bool = False) -> str:
    m = check.manifest
    # where to fetch a fresh copy: only from a manifest whose signature was checked (a forged one could name any site)
    online_list = m.site_url.rstrip("/") + "/offline/" if m is not None and check.trusted and m.site_url else ""
    lines = ["离线查阅版校验报告", f"校验对象：{shown(check.label)}"]
    if check.manifest_sha256:
        lines += [f"清单 manifest.json 的 SHA-256：{check.manifest_sha256}",
                  "    （可与网站“离线查阅版”页面公布的同一快照的值逐位核对）"]
    lines.append(_signature_line(check))
    if m is not None:
        where = "来自已核对签名的清单" if check.trusted else "清单自述，未经签名证实"
        lines.append(f"快照：{shown(m.agency)}，{m.snapshot.year}年{m.snapshot.month}月{m.snapshot.day}日，"
                     f"收录主动公开政府信息 {m.documents} 件（{where}）")
    lines.append("")
    if check.manifest_error:
        lines.append(f"[问题] 清单无法使用：{shown(check.manifest_error)}")
    if m is not None:
        lines.append(f"[完好] {check.intact} 个文件与清单一致。")
    for findings, heading, label in _groups(check):
        if findings:
            lines.append(heading.format(n=len(findings)))
            lines += _recased(findings, everything) if label == RECASED else _list(label, findings, everything)
    for problem in check.sums:
        lines.append(f"[问题] {shown(problem)}")
    lines += ["", "结论：" + _verdict(check), "怎么办：", *(f"    {line}" for line in _advice(check, online_list))]
    return "\n".join(lines) + "\n"


def _groups(check: CopyCheck) -> list[tuple[list[Finding], str, str]]:
    """Each kind of finding: its heading ({n}: how many) and the label of each of its lines."""
    return [
        (check.harmless, ("[无害] {n} 个文件是 Windows 或 macOS 自动生成的（如 desktop.ini、Thumbs.db、._ 开头的文件），"
                         "与公开目录无关，不影响使用，可以删除，也可以不管："), "系统文件"),
        (check.recased, ("[无害] {n} 个文件名的大小写与清单不同（FAT32、exFAT 格式的 U 盘或拷贝软件把短文件名改成了大写），"
                        "内容与清单一致；Windows 和 macOS 不区分大小写，不影响使用："), RECASED),
        (check.unopened, ("[问题] {n} 个文件名的大小写与清单不同（FAT32、exFAT 格式的 U 盘或拷贝软件把短文件名改成了大写），"
                         "内容与清单一致，但副本所在的磁盘区分大小写（Linux 的 ext4 等，统信 UOS、麒麟），"
                         "页面按清单中的名称链接，在这里打不开："), RECASED),
        (check.empty, "[无害] 多出 {n} 个空文件夹：其中没有任何文件，不改变副本的内容，不影响使用，可以删除：", "空文件夹"),
        (check.garbled, ("[问题] 压缩包中 {n} 个中文文件名按 UTF-8 编码，却没有标明（压缩包被重新打包过，不是 gkml 生成的原压缩包）："
                        "中文 Windows 自带的“全部解压缩”会把这些名称解成乱码，解压后页面和附件打不开："), "名称会成乱码"),
        (check.backslashed, ("[问题] 压缩包中 {n} 个名称用反斜杠（\\）分隔文件夹（压缩包被重新打包过，不是 gkml 生成的原压缩包）："
                            "Windows 能正常解压，但在 Linux（统信 UOS、麒麟等）和 macOS 上解压，这些文件会变成名称带反斜杠的"
                            "单个文件，页面和附件打不开："), "名称带反斜杠"),
        (check.shortened, ("[问题] {n} 个文件只剩 8.3 短文件名（如 SHA256~1、INDEX~1.HTM）：复制时丢失了长文件名"
                          "（xcopy /n 等只用短文件名的复制方式，或不支持长文件名的设备），内容与清单一致，"
                          "但页面和附件按原名互相链接，这些文件打不开："), "短文件名"),
        (check.misread, ("[问题] {n} 个中文文件名在解压时成了乱码（压缩包中的名称编码未标明或未被识别：Windows 自带的压缩、"
                        "Linux 上的 unzip、Windows 7 自带的解压都会这样），内容与清单一致，"
                        "但页面和附件按原名互相链接，这些文件打不开："), "乱码文件名"),
        (check.decomposed, ("[问题] {n} 个文件名的 Unicode 写法与清单不同（经过 macOS 格式的磁盘或 macOS 重新打包的压缩包，"
                           "日文假名、朝鲜文、带声调的字母等被拆成了几个字符），内容与清单一致，但页面和附件按清单中的名称链接，"
                           "在 macOS 上能打开，在 Windows 和 Linux 上打不开："), "名称写法不同"),
        (check.twins, ("[问题] 清单中 {n} 个文件名与另一个只是大小写不同（副本生成时的缺陷）：Windows 和 FAT32、exFAT、NTFS "
                      "格式的 U 盘不区分大小写，两个文件只能保存一个，另一个会丢失或被覆盖："), "大小写重名"),
        (check.misnamed, _misnamed_heading(check), "名称"),
        (check.missing, "[问题] 缺少 {n} 个文件：", "缺少文件"),
        (check.altered, "[问题] {n} 个文件被修改或替换：", "文件被修改"),
        (check.extra, "[问题] 多出 {n} 个不属于本副本的文件：", "多出文件"),
    ]


def _day(check: CopyCheck) -> str:
    day = check.manifest.snapshot if check.manifest is not None else None
    return f"{day.year}年{day.month}月{day.day}日" if day is not None else ""


def _misnamed_heading(check: CopyCheck) -> str:
    return ("[问题] 副本的名称与它的快照日期不符（{n} 处）：副本是 " + _day(check) + " 的快照，只收录截至那天公开的文件，"
            "名称却写着另一个日期（改过名的旧副本，或别的副本的名称）：")


def _signature_line(check: CopyCheck) -> str:
    return {
        "verified": f"签名：有效。用公钥（指纹 {check.key_fingerprint}）核对，清单确由该公钥的持有者签署。",
        "bad": ("签名：无效！签名文件 manifest.sig 与清单 manifest.json 对不上："
                + (f"清单不是用公钥（指纹 {check.key_fingerprint}）签署的" if check.keys_tried < 2 else
                   f"清单不是用所给的 {check.keys_tried} 个公钥（指纹 {check.key_fingerprint}）中的任何一个签署的")
                + "，或签署后清单或签名文件被改动、替换过。"),
        "missing": "签名：副本中没有签名文件 manifest.sig，无法证明来源。",
        "unchecked": "签名：副本带有签名，但未核对（运行时加 --key 公钥.pem 即可核对）。",
        "absent": "签名：副本没有签名，来源只能通过网站公布的清单校验值核对。",
        "unverifiable": "签名：清单 manifest.json 无法读取，签名无法核对。",
    }[check.signature]


def _verdict(check: CopyCheck) -> str:
    if check.ok and check.trusted:
        return "校验通过：副本完整、未被修改，且确为签名者发布。"
    if check.ok:
        return "校验通过：副本完整、与清单一致（来源未经签名核对）。"
    if check.signature == "bad":
        return "校验未通过：签名无效，副本可能是伪造或被整体改写的。"
    if check.twins:
        return "校验未通过：副本中有只是大小写不同的文件名，在 Windows 和 U 盘上无法完整保存。"
    if check.misnamed and check.complete and check.signature != "missing":
        return f"校验未通过：文件内容与清单一致，但这是 {_day(check)} 的快照，名称上的日期不是它的。"
    if check.garbled and not (check.missing or check.altered or check.extra or check.sums):
        return "校验未通过：文件内容与清单一致，但压缩包中的中文文件名在中文 Windows 上解压会变成乱码。"
    if check.backslashed and not (check.missing or check.altered or check.extra or check.sums or check.garbled):
        return "校验未通过：文件内容与清单一致，但压缩包中的名称用反斜杠分隔文件夹，在 Linux 和 macOS 上解压后页面打不开。"
    if check.unopened and not (check.missing or check.altered or check.extra or check.sums or check.shortened):
        return "校验未通过：文件内容与清单一致，但部分文件名的大小写与清单不同，在本机区分大小写的磁盘上页面和附件打不开。"
    if check.shortened and not (check.missing or check.altered or check.extra or check.sums or check.garbled
                                or check.backslashed):
        return "校验未通过：文件内容与清单一致，但部分文件名只剩 8.3 短文件名，页面和附件打不开。"
    if check.decomposed and not (check.missing or check.altered or check.extra or check.sums or check.misread):
        return "校验未通过：文件内容与清单一致，但部分文件名的 Unicode 写法与清单不同，在 Windows 和 Linux 上页面和附件打不开。"
    if check.misread and not (check.missing or check.altered or check.extra or check.sums or check.shortened):
        return "校验未通过：文件内容与清单一致，但部分中文文件名在解压时成了乱码，页面和附件打不开。"
    return "校验未通过。"


def _advice(check: CopyCheck, online_list: str) -> list[str]:
    site = f"（{online_list}）" if online_list else ""
    fresh = f"从本机关网站的“离线查阅版”页面{site}重新下载最新的压缩包，解压后整个替换原文件夹，再校验一次；不要只替换个别文件。"
    if check.signature == "bad":
        # a genuine copy signed before the agency replaced its key fails with today's key alone
        return ["停止使用本副本，不要向读者提供，直到核对通过。",
                (f"本机关更换过签名密钥时，网站“离线查阅版”页面{site}还公布以前用过的公钥：请下载全部公钥，"
                 "一起核对（gkml verify --key 公钥.pem --key 旧公钥.pem 副本）。仍然无效，说明副本不是本机关发布的原版。"),
                fresh, "若重新下载的副本仍无法通过签名核对，请与本机关的政府信息公开工作机构联系。"]
    if check.signature == "missing":
        return ["停止使用本副本，不要向读者提供。", "这份副本不能证明是本机关发布的。" + fresh,
                "若重新下载的副本仍无法通过签名核对，请与本机关的政府信息公开工作机构联系。"]
    if check.manifest is None:
        return ["清单 manifest.json 已损坏或被改写，无法判断副本是否完整。", fresh]
    advice: list[str] = []
    if check.twins:
        advice.append("大小写重名是副本本身的问题，重新下载或重新复制都不能解决：请与本机关的政府信息公开工作机构联系，"
                      "请其给这些文件改名后重新生成离线查阅版；在此之前，缺少或被修改的文件可能正是因此。")
    if check.missing or check.altered or check.sums:
        advice.append("副本不完整或被改动过（可能是 U 盘损坏、拷贝中断，或有人改动）。" + fresh)
    if check.misnamed:
        advice.append(f"不要按名称上的日期向读者提供本副本：它只收录截至 {_day(check)} 公开的文件。"
                      f"请从本机关网站的“离线查阅版”页面{site}下载最新的副本；仍要使用本副本时，请把名称中的日期改回 "
                      f"{check.manifest.snapshot.isoformat() if check.manifest else ''}，再校验一次。")
    if check.shortened:
        advice.append("文件名只剩短文件名：请用资源管理器（复制、粘贴）或 7-Zip 把原文件夹或原压缩包重新复制、解压到 U 盘，"
                      "不要用 xcopy /n 等只保留短文件名的方式；复制后再校验一次。")
    if check.misread:
        advice.append(f"中文文件名解压成了乱码：请删除解压出的文件夹，从本机关网站的“离线查阅版”页面{site}重新下载原压缩包，"
                      "在 Windows 10 及以上用资源管理器或 7-Zip 解压（统信 UOS、麒麟上用系统自带的归档管理器，"
                      "或 unzip -O GBK 解压在 Windows 上重新打包过的压缩包）；解压后再校验一次。")
    if check.decomposed:
        advice.append(f"文件名的写法被 macOS 改过：请从本机关网站的“离线查阅版”页面{site}重新下载原压缩包，"
                      "在要使用的电脑上直接解压（不要经过 macOS 格式的磁盘，也不要用 macOS 重新打包）；解压后再校验一次。")
    for held, listed, _n in _folders(check.unopened):  # outermost first: its folders above are renamed back by then
        parent, _slash, name = listed.rpartition("/")
        advice.append(f"请把文件夹 {_path(parent + '/' if parent else '')}{_path(held.rpartition('/')[2])} 改名为 {_path(name)}"
                      "（只改大小写；改名后其中的文件就能打开）。")
    if check.unopened:
        advice.append("文件名的大小写被改过：请把原压缩包直接解压到本机的磁盘（不要从 FAT32、exFAT 格式的 U 盘复制），"
                      "或把上面列出的名称改回清单中的名称；改好后再校验一次。")
    if check.garbled:
        advice.append(f"不要用 Windows 自带的“全部解压缩”解压这个压缩包。请从本机关网站的“离线查阅版”页面{site}重新下载原压缩包；"
                      "或用 7-Zip 等能识别 UTF-8 文件名的软件解压，再校验解压出的文件夹。")
    if check.backslashed:
        advice.append(f"请从本机关网站的“离线查阅版”页面{site}重新下载原压缩包；或在 Windows 上用资源管理器或 7-Zip 解压，"
                      "再校验解压出的文件夹，把文件夹（而不是这个压缩包）拷给使用 Linux 或 macOS 的电脑。")
    if check.extra:
        advice.append("多出的文件不是本机关发布的内容：可能是误拷入，也可能是有人放入的。请删除它们后再校验，或整个替换文件夹。")
    if check.ok:
        advice.append("副本可以正常使用。")
        if check.harmless:
            advice.append("系统文件不需要处理。")
        if check.empty:
            advice.append("空文件夹不是本机关发布的，但其中没有内容，删除或保留都不影响副本。")
        if not check.trusted:
            advice.append(f"要确认副本确为本机关发布：把上面的清单校验值与网站“离线查阅版”页面{site}公布的值核对，"
                          "或下载网站公布的公钥后运行 gkml verify --key 公钥.pem 副本。")
    return advice
