"""portal.yml: which agencies, in which groups and order, and where their sites live.

    title: 安徽省政府信息公开平台
    site_url: https://gkml.ah.gov.cn/      # optional: absolute links in the portal's feed
    page_size: 50                          # rows per listing page
    groups:
      - name: 省直部门
        agencies:
          - org_code: "002986620"           # matches the org_code in the agency's gkml-site.json
            slug: yjt                       # optional, [0-9A-Za-z_-]; default the org code
            base_url: https://yjt.ah.gov.cn/gkml/   # optional: default the site_url the agency declares
            name: 安徽省应急管理厅          # optional: default the agency the site declares
            public_key: keys/yjt.pub.pem   # optional: its site must be signed by this key (gkml sign)
      - name: 市县
        agencies: [...]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gkml.content.filenames import name_slip
from gkml.outputs.offline import signing
from gkml.syserrors import why_refused

SLUG = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
# pagefind/<slug>/ holds an agency's search bundle, beside the routing index (routing.py):
# an agency of that slug kept every routing index the portal ever wrote, as its own files
ROUTING_DIR = "routing"
_NOT_IN_A_FOLDER_URL = re.compile(r"[?#\s\"'<>\\`{}|^]")
DEFAULT_TITLE = "政府信息公开平台"
DEFAULT_GROUP = "机关"


class PortalConfigError(ValueError):
    """A portal.yml problem, the message naming the key."""


@dataclass(frozen=True)
class AgencyEntry:
    org_code: str
    group: str
    slug: str | None = None
    base_url: str | None = None
    name: str | None = None
    public_key: Ed25519PublicKey | None = field(default=None, compare=False)  # its site's signer


@dataclass(frozen=True)
class PortalConfig:
    title: str = DEFAULT_TITLE
    site_url: str = ""
    page_size: int = 50
    feed_size: int = 50
    groups: tuple[str, ...] = ()
    agencies: tuple[AgencyEntry, ...] = ()
    listed: bool = False  # agencies come from the file (False: from the sources, in command-line order)


def _text(value: Any, key: str, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise PortalConfigError(f"{key}：必须填写")
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise PortalConfigError(f"{key}：应为文字，实际为 {type(value).__name__}")
    return str(value).strip()


def _url(value: Any, key: str) -> str | None:
    url = _text(value, key)
    if url is None:
        return None
    if problem := folder_url_problem(url):
        raise PortalConfigError(f"{key}：{problem}")
    return url if url.endswith("/") else url + "/"


def _key(value: Any, key: str, folder: Path) -> Ed25519PublicKey | None:
    path = _text(value, key)
    if path is None:
        return None
    try:
        return signing.load_public_key(folder / path)
    except signing.KeyFileError as error:
        raise PortalConfigError(f"{key}：{error}") from None


def folder_url_problem(url: str) -> str | None:
    """Why `url` cannot be a site's folder, the address every document's path is put after (portal.yml's
    base_url, or the site_url an agency's contract declares); None when it can."""
    if not re.match(r"https?://[^/\s]+", url):
        return f"应为以 http:// 或 https:// 开头的网址，实际为 {url!r}"
    if _NOT_IN_A_FOLDER_URL.search(url):  # every document's address is this + its own path: ?a=1/doc/x/ is none
        return f"应为网站目录的网址，不能含有 ?、#、空格、引号或尖括号，实际为 {url!r}"
    authority = url.split("//", 1)[1].split("/", 1)[0]
    if "@" in authority:  # https://a.gov.cn@evil.example/: a reader reads a.gov.cn, the browser goes to evil.example
        return f"不能含有用户名（网址中 @ 前的部分：浏览器会打开 @ 后面的网站），实际为 {url!r}"
    try:
        port = urlsplit(url).port
    except ValueError:
        port = 0
    return f"端口号不对（应为 1–65535），实际为 {url!r}" if port == 0 else None


def parse_portal_config(data: Any, folder: Path = Path()) -> PortalConfig:
    """`folder`: where portal.yml is, which a public_key's path is relative to."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PortalConfigError("门户配置应为键值映射（YAML mapping）")
    unknown = set(data) - {"title", "site_url", "page_size", "feed_size", "groups"}
    if unknown:
        raise PortalConfigError(f"{min(unknown)}：未知的配置项")
    sizes = {}
    for key, default in (("page_size", 50), ("feed_size", 50)):
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1000:
            raise PortalConfigError(f"{key}：应为 1–1000 的整数，实际为 {value!r}")
        sizes[key] = value
    groups_raw = data.get("groups") or []
    if not isinstance(groups_raw, list):
        raise PortalConfigError("groups：应为分组列表")
    groups: list[str] = []
    agencies: list[AgencyEntry] = []
    seen_codes: set[str] = set()
    seen_slugs: set[str] = set()
    for g, group in enumerate(groups_raw):
        where = f"groups[{g}]"
        if not isinstance(group, dict):
            raise PortalConfigError(f"{where}：应为含 name 和 agencies 的映射")
        name = _text(group.get("name"), f"{where}.name", required=True)
        assert name is not None
        groups.append(name)
        entries = group.get("agencies") or []
        if not isinstance(entries, list):
            raise PortalConfigError(f"{where}.agencies：应为机关列表")
        for a, entry in enumerate(entries):
            key = f"{where}.agencies[{a}]"
            if not isinstance(entry, dict):
                raise PortalConfigError(f"{key}：应为含 org_code 的映射")
            extra = set(entry) - {"org_code", "slug", "base_url", "name", "public_key"}
            if extra:
                raise PortalConfigError(f"{key}.{min(extra)}：未知的配置项")
            code = _text(entry.get("org_code"), f"{key}.org_code", required=True)
            assert code is not None
            if code in seen_codes:
                raise PortalConfigError(f"{key}.org_code：机关代码 {code} 重复")
            seen_codes.add(code)
            slug = _text(entry.get("slug"), f"{key}.slug")
            if slug is not None:
                if not SLUG.fullmatch(slug):
                    raise PortalConfigError(f"{key}.slug：只能使用字母、数字、- 和 _，实际为 {slug!r}")
                if slug == ROUTING_DIR:
                    raise PortalConfigError(f"{key}.slug：{slug} 是门户自用的名称（pagefind/{slug}/ 存放全省检索的路由索引），请另选")
                if slip := name_slip(slug):  # agency/<slug>/: a Windows server (IIS) cannot hold agency/CON/
                    raise PortalConfigError(f"{key}.slug：{slip}")
                if slug.lower() in seen_slugs:  # a host that ignores case (Windows, macOS) makes them one folder
                    raise PortalConfigError(f"{key}.slug：{slug} 重复（不区分大小写）")
                seen_slugs.add(slug.lower())
            agencies.append(AgencyEntry(org_code=code, group=name, slug=slug,
                                        base_url=_url(entry.get("base_url"), f"{key}.base_url"),
                                        name=_text(entry.get("name"), f"{key}.name"),
                                        public_key=_key(entry.get("public_key"), f"{key}.public_key", folder)))
    return PortalConfig(title=_text(data.get("title"), "title") or DEFAULT_TITLE,
                        site_url=_url(data.get("site_url"), "site_url") or "",
                        page_size=sizes["page_size"], feed_size=sizes["feed_size"],
                        groups=tuple(groups), agencies=tuple(agencies), listed=bool(groups_raw))


def load_portal_config(path: Path | None) -> PortalConfig:
    if path is None:
        return PortalConfig()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise PortalConfigError(f"无法读取门户配置 {path}：{why_refused(error)}") from error
    except yaml.YAMLError as error:
        raise PortalConfigError(f"门户配置 {path} 不是有效的 YAML：{error}") from error
    return parse_portal_config(data, path.parent)
