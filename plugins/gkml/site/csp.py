"""Content-Security-Policy as a <meta> tag, so it holds on any host and offline.

Inline scripts are allowed only by their SHA-256 hash, computed from the page
the build itself wrote; anything else inline, and anything remote, is refused.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<meta charset=\"utf-8\">", re.I)

POLICY = (
    "default-src 'self'; script-src 'self' {hashes} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-src 'none'"
)


def script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode()}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def with_policy(html: str) -> str:
    policy = POLICY.format(hashes=" ".join(script_hashes(html))).replace("  ", " ")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = _HEAD.search(html)
    if head is None:
        return html
    return html[: head.end()] + tag + html[head.end():]
