"""The site identification block of every page's footer, from the `identification` options."""

from __future__ import annotations

import re
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
