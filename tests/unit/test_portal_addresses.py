"""The portal's address checks (portal.claims): one place however its address is spelt, and the
publications the portal keeps compared as the sites given are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gkml.portal.catalogue import agency_of, slug_of
from gkml.portal.claims import claimed
from gkml.portal.config import AgencyEntry, PortalConfigError, parse_portal_config
from gkml.portal.sitecontract import SourceError
from gkml.portal.source import Source
from gkml.webaddress import served_at


def _at(code: str, site_url: str) -> Source:
    return Source(Path(f"/sites/p9-{code}"), {"agency": f"地址机关{code}", "org_code": code, "site_url": site_url},
                  "0" * 64, {"documents": []})


ENTRIES = [AgencyEntry("901", "市县"), AgencyEntry("902", "市县"), AgencyEntry("903", "市县")]


@pytest.mark.parametrize(("one", "other"), [
    ("https://x.gov.cn:443/gkml/", "https://x.gov.cn/gkml/"),
    ("http://x.gov.cn:80/gkml/", "https://x.gov.cn/gkml/"),
    ("https://x.gov.cn:0443/%67kml/", "https://X.gov.cn/gkml/"),
    ("https://x.gov.cn/a/./b/../gkml//", "https://x.gov.cn/a/gkml/"),
    ("https://ｘ.gov.cn./gkml/", "https://x.gov.cn/gkml/"),
])
def test_one_place_spelt_two_ways_is_one_site(one: str, other: str) -> None:
    """https://x.gov.cn:443/gkml/ is where a browser finds https://x.gov.cn/gkml/: the second agency at it
    is refused, and a site inside it too."""
    assert served_at(one).casefold() == served_at(other).casefold()
    refused = claimed(ENTRIES[:2], {"901": [_at("901", one)], "902": [_at("902", other)]})
    assert set(refused) == {"902"} and "也是机关代码 901 的站点的网址" in refused["902"], refused
    inside = claimed(ENTRIES[:2], {"901": [_at("901", one)], "902": [_at("902", other + "sub/")]})
    assert set(inside) == {"902"} and "之内" in inside["902"], inside
    portal = claimed(ENTRIES[:1], {"901": [_at("901", one)]}, portal_url=other)
    assert set(portal) == {"901"} and "就是门户自己的网址" in portal["901"], portal


@pytest.mark.parametrize("other", ["https://x.gov.cn:8443/gkml/", "https://x.gov.cn/gkml2/", "https://y.gov.cn/gkml/"])
def test_other_places_stand(other: str) -> None:
    assert claimed(ENTRIES[:2], {"901": [_at("901", "https://x.gov.cn:443/gkml/")], "902": [_at("902", other)]}) == {}


def test_a_kept_publication_at_the_portals_address_is_refused() -> None:
    """portal.yml's site_url moved onto the address of an agency giving no site this run: its kept
    publication's pages would be deployed over the portal's, as a site given would."""
    kept = {"901": _at("901", "https://x.gov.cn/"), "902": _at("902", "https://y.gov.cn/gkml/")}
    refused = claimed(ENTRIES[:2], {}, kept, portal_url="https://x.gov.cn/portal/")
    assert set(refused) == {"901"} and "包含门户自己的网址 https://x.gov.cn/portal/" in refused["901"], refused


def test_two_kept_publications_at_one_address_leave_the_later_out() -> None:
    """portal.yml's base_url moved a kept agency into another kept agency's site: the portal linked its
    documents into the other's pages. The first in portal.yml's order keeps the address; a site given
    inside either is refused as before."""
    entries = [ENTRIES[0], AgencyEntry("902", "市县", base_url="https://x.gov.cn/gkml/sub/"), ENTRIES[2]]
    kept = {"901": _at("901", "https://x.gov.cn/gkml/"), "902": _at("902", "https://y.gov.cn/gkml/")}
    refused = claimed(entries, {"903": [_at("903", "https://z.gov.cn/")]}, kept)
    assert set(refused) == {"902"}, refused
    assert "https://x.gov.cn/gkml/sub/ 在机关代码 901 的站点 https://x.gov.cn/gkml/ 之内（它在门户配置中列在前面）" in refused["902"]
    given = claimed(entries, {"903": [_at("903", "https://x.gov.cn/gkml/sub/a/")]}, kept)
    assert set(given) == {"902", "903"}, given


@pytest.mark.parametrize(("url", "told"), [
    ("https://wh.example.gov.cn@evil.example/gkml/", "不能含有用户名"),
    ("https://user:pass@hf.example.gov.cn/", "不能含有用户名"),
    ("https://hf.example.gov.cn:99999/", "端口号不对"),
    ("https://hf.example.gov.cn:0/", "端口号不对"),
])
def test_a_site_address_a_reader_misreads_is_refused(url: str, told: str) -> None:
    """https://wh.example.gov.cn@evil.example/gkml/ reads as wh's site and opens evil.example: refused in portal.yml's
    base_url and in the site_url a contract declares, named."""
    data = {"groups": [{"name": "市县", "agencies": [{"org_code": "113402000", "base_url": url}]}]}
    with pytest.raises(PortalConfigError, match=re.escape(f"groups[0].agencies[0].base_url：{told}")):
        parse_portal_config(data)
    with pytest.raises(SourceError, match=re.escape(f"发布清单中的 site_url {told}")):
        agency_of(AgencyEntry("113402000", "市县"), _at("113402000", url), "wh")


@pytest.mark.parametrize("slug", ["CON", "nul", "Com1", "LPT9"])
def test_an_agency_folder_windows_cannot_hold_is_refused(slug: str) -> None:
    """agency/CON/ and pagefind/CON/: a portal deployed on a Windows server (IIS) had no such folder. portal.yml's
    slug is refused at load, an org code used as the slug holds back its agency, each naming the reserved name."""
    data = {"groups": [{"name": "市县", "agencies": [{"org_code": "113402000", "slug": slug}]}]}
    with pytest.raises(PortalConfigError, match=re.escape(f"groups[0].agencies[0].slug：“{slug}”在 Windows 上不能用作文件名")):
        parse_portal_config(data)
    with pytest.raises(PortalConfigError, match=re.escape(f"机关代码 {slug!r} 不能用作网址中的名称")):
        slug_of(AgencyEntry(slug, "市县"), "地址机关")
