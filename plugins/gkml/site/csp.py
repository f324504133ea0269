"""Content-Security-Policy as a <meta> tag, so it holds on any host and offline.

Inline scripts are approved by the SHA-256 of gkml's own inline scripts, read from the
templates when the build starts, never from a finished page: hashing a finished page
approves whatever a document managed to inject into it. An inline script in a template
is a <script> whose whole content is `{% include "….js" %}` of a file without template
code, or plain text; anything else stops the build, since it cannot be hashed in advance
(put data in data-* attributes or <script type="application/json"> instead).
Every page written is then checked: it carries the policy, and each inline script in
it is one of the approved ones.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_INCLUDE = re.compile(r"""\{%-?\s*include\s+(["'])([^"']+)\1\s*-?%\}""")
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCRIPT_TYPES = ("text/javascript", "application/javascript", "module")
_TEMPLATE_CODE = ("{{", "{%", "{#")
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.IGNORECASE)

POLICY = (
    "default-src 'self'; script-src 'self' {hashes} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-src 'none'"
)


class PolicyError(Exception):
    """A template or page the policy cannot cover; the message is for the editor (Chinese)."""


def digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _runs(attributes: str) -> bool:
    """An inline <script> the browser executes: no src, and no type or a JavaScript one."""
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return kind is None or kind.group(1).lower() in _SCRIPT_TYPES


def template_scripts(env: jinja2.Environment, names: Iterable[str]) -> list[str]:
    """The text of every inline script the named templates write, as the browser will see it."""
    assert env.loader is not None
    scripts: list[str] = []
    for name in names:
        source = env.loader.get_source(env, name)[0]
        for match in _SCRIPT.finditer(source):
            if not _runs(match.group(1)):
                continue
            body = match.group(2)
            include = _INCLUDE.fullmatch(body.strip())
            if include and body == body.strip():
                included = env.loader.get_source(env, include.group(2))[0]
                if any(code in included for code in _TEMPLATE_CODE):
                    raise PolicyError(f"模板 {include.group(2)} 作为内联脚本含有模板代码，无法预先计算内容安全策略的散列。")
                scripts.append(env.get_template(include.group(2)).render())
            elif any(code in body for code in _TEMPLATE_CODE):
                raise PolicyError(f"模板 {name} 的内联脚本含有模板代码，无法预先计算内容安全策略的散列。")
            else:
                scripts.append(body)
    return scripts


def template_names(folders: Iterable[Path]) -> list[str]:
    """Names of the HTML templates in `folders` (gkml's own and the project's custom_dir)."""
    return sorted({path.relative_to(folder).as_posix() for folder in folders for path in folder.rglob("*.html")})


@dataclass(frozen=True)
class Policy:
    hashes: tuple[str, ...]

    @classmethod
    def from_templates(cls, env: jinja2.Environment, folders: Iterable[Path]) -> Policy:
        return cls(tuple(dict.fromkeys(digest(s) for s in template_scripts(env, template_names(folders)))))

    @property
    def text(self) -> str:
        return POLICY.format(hashes=" ".join(self.hashes)).replace("  ", " ")

    @property
    def tag(self) -> str:
        return f'<meta http-equiv="Content-Security-Policy" content="{self.text}">'

    def apply(self, html: str, page: str) -> str:
        """`html` with the policy first in its head; PolicyError if it cannot hold there or
        the page runs an inline script gkml did not write."""
        head = _CHARSET.search(html)
        if head is None:
            raise PolicyError(f"页面 {page} 没有 <meta charset=\"utf-8\">，无法加入内容安全策略。")
        unapproved = [digest(m.group(2)) for m in _SCRIPT.finditer(html)
                      if _runs(m.group(1)) and digest(m.group(2)) not in self.hashes]
        if unapproved:
            raise PolicyError(f"页面 {page} 含有不是 gkml 模板写入的内联脚本（{'，'.join(unapproved)}）。")
        return html[: head.end()] + self.tag + html[head.end():]
