"""The site identification block of every page's footer, from the `identification` options."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

BADGE_DIR = "assets/gkml/identification"
BADGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
_RECORD_NUMBER = re.compile(r"\d{10,}")


def police_record_url(number: str) -> str | None:
    """The MPS record query for a 公安机关备案号 such as '皖公网安备 34010402000001号'."""
    found = _RECORD_NUMBER.search(number)
    return f"https://beian.mps.gov.cn/#/query/webSearch?code={found.group(0)}" if found else None


def badge_path(source: str) -> str:
    """Where the badge image goes in the site; the image must be a web image format."""
    suffix = Path(source).suffix.lower()
    if suffix not in BADGE_SUFFIXES:
        raise ValueError(f"identification.badge：网站标识图片应为 {'、'.join(BADGE_SUFFIXES)} 格式，而不是“{suffix or '无扩展名'}”。")
    return f"{BADGE_DIR}/badge{suffix}"


# An SVG opened by its own address is a document of the site's origin that no page's CSP
# covers: a badge may draw, never run. Elements in SVG's namespace from this list, others'
# (an editor's metadata) but not XHTML's, no handler, references only inside the file.
_SVG = "{http://www.w3.org/2000/svg}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_DRAWING = frozenset({
    "svg", "g", "defs", "title", "desc", "metadata", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "symbol", "use",
    "style", "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feFlood", "feComposite", "feMerge",
    "feMergeNode",
})
_INTERNAL = re.compile(r"#|data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)


def badge_problem(source: str) -> str | None:
    """Why the badge file `source` may not be published (in Chinese), or None. A raster image is
    a picture wherever it is opened; an SVG must hold nothing that runs or loads."""
    if Path(source).suffix.lower() != ".svg":
        return None
    data = Path(source).read_bytes()
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper() or re.search(rb"<\?(?!xml\s)", data):
        return "含有 DOCTYPE、实体或处理指令"
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return "不是有效的 SVG（XML）文件"
    for element in root.iter():
        tag = str(element.tag)
        if "}" not in tag:
            return "不是有效的 SVG 文件（元素不在 SVG 命名空间中）"
        if tag.startswith(_XHTML) or (tag.startswith(_SVG) and tag[len(_SVG):] not in _DRAWING):
            return f"含有 <{tag.rsplit('}', 1)[-1]}> 元素"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or (local == "href" and not _INTERNAL.match(value.strip())):
                return f"含有 {local}=\"{value[:40]}\" 属性"
    return None


def identification_view(options: Any) -> dict[str, Any]:
    """Plain values for the footer partial; `options` is the IdentificationConfig."""
    police = options.police.strip()
    return {
        "sponsor": options.sponsor.strip(),
        "organizer": options.organizer.strip(),
        "phone": options.phone.strip(),
        "address": options.address.strip(),
        "site_code": options.site_code.strip(),
        "icp": options.icp.strip(),
        "icp_url": options.icp_url,
        "police": police,
        "police_url": options.police_url or (police_record_url(police) if police else None),
        "badge": badge_path(options.badge) if options.badge else None,
        "badge_url": options.badge_url,
        "placeholder": options.placeholder,
    }
