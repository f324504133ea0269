"""The verify report, for a librarian: what is fine, what is extra but harmless,
what is missing or changed, and what to do. Plain text any console can print."""

from __future__ import annotations

import unicodedata

from gkml.outputs.offline.check import CopyCheck, Finding

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


def _list(label: str, findings: list[Finding], everything: bool) -> list[str]:
    limit = len(findings) if everything else SHOWN
    lines = [f"    {label}：{shown(f.path)}" + (f"（{f.note}）" if f.note else "") for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"    ……另有 {len(findings) - limit} 个（加 --all 列出全部）")
    return lines


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
    if check.harmless:
        lines.append(f"[无害] {len(check.harmless)} 个文件是 Windows 或 macOS 自动生成的（如 desktop.ini、Thumbs.db、"
                     "._ 开头的文件），与公开目录无关，不影响使用，可以删除，也可以不管：")
        lines += _list("系统文件", check.harmless, everything)
    if check.missing:
        lines.append(f"[问题] 缺少 {len(check.missing)} 个文件：")
        lines += _list("缺少文件", check.missing, everything)
    if check.altered:
        lines.append(f"[问题] {len(check.altered)} 个文件被修改或替换：")
        lines += _list("文件被修改", check.altered, everything)
    if check.extra:
        lines.append(f"[问题] 多出 {len(check.extra)} 个不属于本副本的文件：")
        lines += _list("多出文件", check.extra, everything)
    for problem in check.sums:
        lines.append(f"[问题] {shown(problem)}")
    lines += ["", "结论：" + _verdict(check), "怎么办：", *(f"    {line}" for line in _advice(check, online_list))]
    return "\n".join(lines) + "\n"


def _signature_line(check: CopyCheck) -> str:
    return {
        "verified": f"签名：有效。用公钥（指纹 {check.key_fingerprint}）核对，清单确由该公钥的持有者签署。",
        "bad": f"签名：无效！清单不是用公钥（指纹 {check.key_fingerprint}）签署的，或签署后被改动过。",
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
    return "校验未通过。"


def _advice(check: CopyCheck, online_list: str) -> list[str]:
    site = f"（{online_list}）" if online_list else ""
    fresh = f"从本机关网站的“离线查阅版”页面{site}重新下载最新的压缩包，解压后整个替换原文件夹，再校验一次；不要只替换个别文件。"
    if check.signature in ("bad", "missing"):
        return ["停止使用本副本，不要向读者提供。", "这份副本不能证明是本机关发布的。" + fresh,
                "若重新下载的副本仍无法通过签名核对，请与本机关的政府信息公开工作机构联系。"]
    if check.manifest is None:
        return ["清单 manifest.json 已损坏或被改写，无法判断副本是否完整。", fresh]
    advice: list[str] = []
    if check.missing or check.altered or check.sums:
        advice.append("副本不完整或被改动过（可能是 U 盘损坏、拷贝中断，或有人改动）。" + fresh)
    if check.extra:
        advice.append("多出的文件不是本机关发布的内容：可能是误拷入，也可能是有人放入的。请删除它们后再校验，或整个替换文件夹。")
    if check.ok:
        advice.append("副本可以正常使用。")
        if check.harmless:
            advice.append("系统文件不需要处理。")
        if not check.trusted:
            advice.append(f"要确认副本确为本机关发布：把上面的清单校验值与网站“离线查阅版”页面{site}公布的值核对，"
                          "或下载网站公布的公钥后运行 gkml verify --key 公钥.pem 副本。")
    return advice
