"""Raw HTML that must never reach a disclosure page: scripts, handlers, embeds, forms."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|frame|frameset|applet|base|meta|link)\b", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I)
_JS_URL = re.compile(r"(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*(?:javascript|vbscript|data:text/html)", re.I)
_MD_JS_URL = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript):", re.I)

_TAG_NAMES = {
    "script": "<script> 脚本", "iframe": "<iframe> 内嵌框架", "object": "<object> 嵌入对象", "embed": "<embed> 嵌入对象",
    "form": "<form> 表单", "frame": "<frame> 框架", "frameset": "<frameset> 框架", "applet": "<applet> 小程序",
    "base": "<base> 标签", "meta": "<meta> 标签", "link": "<link> 标签",
}


def unsafe_html(body: str) -> list[tuple[int, int, str]]:
    """(line, col, message) for each forbidden construct in a Markdown body; lines are 1-based
    within the body. Code blocks and inline code are shown as text, so they are allowed."""
    found: list[tuple[int, int, str]] = []
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        text = _INLINE_CODE.sub(lambda m: " " * len(m.group()), line)
        for match in _TAG.finditer(text):
            found.append((number, match.start() + 1, f"正文中不允许使用 {_TAG_NAMES[match.group(1).lower()]}（出于安全原因会被拒绝）。请删除。"))
        for match in _HANDLER.finditer(text):
            found.append((number, match.start(1) + 1, f"正文中不允许使用事件属性 {match.group(1)}=（会执行脚本）。请删除。"))
        for pattern in (_JS_URL, _MD_JS_URL):
            for match in pattern.finditer(text):
                found.append((number, match.start() + 1, "正文中不允许使用 javascript: 等脚本链接。请改为普通网址。"))
    return found
