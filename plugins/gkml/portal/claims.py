"""What one agency's publication claims that is another agency's: its name, or an index number (of a
document it lists or withdrew).

Each site is verified alone (source); these rules read together the publications a run would show:
the sites given, and the publications the portal keeps for the agencies that give none (published
on an earlier run, they stand as they are). A site refused here holds back only its own agency, as
any refusal does (selection): it keeps its last good publication, or is left out.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence

from gkml.profile.types import INDEX_NO
from gkml.webaddress import served_at

from .config import AgencyEntry
from .sitecontract import REFUSED
from .source import Source

# CJK Radicals Supplement → the ideograph each looks like (Unicode's EquivalentUnifiedIdeograph.txt, and ⻔,
# C-SIMPLIFIED GATE, 门): NFKC folds the Kangxi Radicals (⽂ is 文) but not these (⻓ stays, read as 长 on a page)
_RADICALS = str.maketrans(
    "⺀⺁⺂⺃⺄⺅⺆⺉⺊⺋⺎⺏⺐⺒⺓⺔⺕⺖⺗⺘⺙⺛⺝⺞⺟⺠⺡⺢⺣⺥⺦⺨⺫⺬⺭⺯⺰⺱⺳⺴⺹⺺⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻍⻏⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "冫厂乛乚乙亻冂刂卜㔾兀尣尢巳幺彑彐忄㣺扌攵旡月歺母民氵氺灬爫丬犭罒示礻糹纟罓㓁㓁耂肀月臼艹艹艹虎衤覀西见角讠贝车辶阝钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟")


def alike(name: str) -> str:
    """A name as readers tell it apart: the compatibility ideograph U+F9E4 is 理 (U+7406), （一） is (一), the radicals
    ⽂ and ⻓ are 文 and 长, a space inside is none."""
    return "".join(unicodedata.normalize("NFKC", name).translate(_RADICALS).split())


def first_in_order(listed: bool) -> str:
    """Why the agency first in the portal's order keeps what two claim: portal.yml's order, or without one
    the order the sites were given in on the command line."""
    if listed:
        return "它在门户配置中列在前面"
    return "没有门户配置（--config portal.yml）时按命令行中站点目录的顺序，它的站点在前面；请用门户配置写明各机关"


def claimed(entries: Sequence[AgencyEntry], sources: Mapping[str, Sequence[Source]],
            kept: Mapping[str, Source] | None = None, *, listed: bool = True, portal_url: str = "") -> dict[str, str]:
    """org code -> why its publication is refused: the site given for it (or, giving none, the one the
    portal keeps: `kept`) calls itself by the name of another agency of the portal, or lists an index
    number another agency's publication lists too and that names the other agency (its organisation
    part) or, naming neither, the portal already shows as the other's (kept) or was listed by an agency
    earlier in the portal's order (`listed`: portal.yml's; else the command line's). A reader would take
    its documents for the other agency's. A site at the portal's own address (`portal_url`) or holding it is
    refused too: one's pages would be deployed over the other's."""
    given = {e.org_code: found[0] for e in entries if len(found := sources.get(e.org_code, [])) == 1}
    standing = {**{code: source for code, source in (kept or {}).items() if code not in given}, **given}
    configured = {alike(entry.name): entry.org_code for entry in entries if entry.name and alike(entry.name)}
    declared: dict[str, list[str]] = defaultdict(list)  # a name the publications give themselves -> their org codes
    for code, source in standing.items():
        declared[alike(source.agency)].append(code)
    refused: dict[str, str] = {}
    for code, source in standing.items():
        name = alike(source.agency)
        # portal.yml says whose a name is; else a name the portal shows already stays its agency's; else a
        # name two sites give themselves is neither's for sure
        others = [configured[name]] if name in configured else declared[name]
        shown = [c for c in others if c not in given]
        if name not in configured and shown and code not in given:
            continue
        other = next((c for c in [*shown, *others] if c != code), None)
        if other is not None:
            settle = "" if name in configured or shown else "（门户配置没有写明这个名称是哪个机关的，请在该机关的配置中写 name）"
            refused[code] = (f"{source.agency}（{source.folder}）：站点自称“{source.agency}”，这也是门户中另一个机关"
                             f"（机关代码 {other}）的名称{'（门户已发布该机关的站点）' if other in shown and name not in configured else ''}"
                             f"{settle}，{REFUSED}。")
    refused.update(holding := _holding_the_portal(entries, standing, refused, portal_url))
    refused.update(_sharing_a_site(entries, standing, given, refused, first_in_order(listed), set(holding)))
    listers: dict[str, list[str]] = defaultdict(list)  # index number -> org codes, in the portal's order
    for entry in entries:
        if entry.org_code in standing:
            catalogue = standing[entry.org_code].catalogue
            # a withdrawal too: a notice under another's number tells re-users the other's document was withdrawn
            for doc in [*catalogue.get("documents", []), *catalogue.get("withdrawals", [])]:
                listers[str(doc.get("index_no"))].append(entry.org_code)
    for number, codes in listers.items():
        if len(codes) < 2:
            continue
        match = INDEX_NO.match(number)
        shown = [c for c in codes if c not in given]
        named = bool(match and match["org"] in codes)
        if named:
            owner, why = match["org"], "索引号中的机关代码是它的"
        elif shown:
            owner, why = shown[0], "门户已发布它的这份文件"
        else:
            owner, why = codes[0], first_in_order(listed)
        for code in codes:
            # two kept publications both showing a number that names neither (before this check): both stand
            if code != owner and code not in refused and (named or code in given):
                source = standing[code]
                refused[code] = (f"{source.agency}（{source.folder}）：索引号 {number} 也由机关代码 {owner} 的站点发布"
                                 f"（{why}），一个索引号只能是一个机关的文件，{REFUSED}。")
    return refused


def _site(entry: AgencyEntry, source: Source) -> str:
    site = (entry.base_url or str(source.contract.get("site_url") or "")).strip()
    return site if site.endswith("/") else site + "/"


def _within(inner: str, outer: str) -> bool:
    """`inner`'s pages are pages of `outer`'s site too (the same address, or a folder under it), as a server
    blind to case finds them: https://x/ and https://x:443/ are one place (webaddress.served_at)."""
    return served_at(inner).casefold().startswith(served_at(outer).casefold())


def _holding_the_portal(entries: Sequence[AgencyEntry], standing: Mapping[str, Source], refused: Mapping[str, str],
                        portal_url: str) -> dict[str, str]:
    """org code -> why: its site's address is the portal's own, or a folder holding it (the portal's index.html
    and folders are the site's, deployed over each other). A kept publication too: portal.yml's site_url or
    base_url may have moved since it was shown."""
    found: dict[str, str] = {}
    for entry in entries:
        source = standing.get(entry.org_code)
        if not portal_url or source is None or entry.org_code in refused:
            continue
        site = _site(entry, source)
        if site != "/" and _within(portal_url, site):
            found[entry.org_code] = (
                f"{source.agency}（{source.folder}）：站点的网址 {site} {'就是' if _within(site, portal_url) else '包含'}门户自己的网址 "
                f"{portal_url}（门户配置的 site_url），两者的网页会部署在同一处、相互覆盖，请核对该站点的 site_url"
                f"（或门户配置中该机关的 base_url）或门户配置的 site_url，{REFUSED}。")
    return found


def _sharing_a_site(entries: Sequence[AgencyEntry], standing: Mapping[str, Source], given: Mapping[str, Source],
                    refused: Mapping[str, str], first: str, gone: set[str]) -> dict[str, str]:
    """org code -> why: its site's address is another agency's, or one inside the other's or holding it
    (/gkml/ and /gkml/sub/: the outer site's pages and its deployment are the inner one's, so the portal
    linked its documents (another's pages, or none) under its name). The agency the portal shows already
    keeps its address, else the first in its order (`first`: why); none refused for its address (`gone`)."""
    sites = {entry.org_code: _site(entry, standing[entry.org_code]) for entry in entries if entry.org_code in standing}
    codes = [code for code, site in sites.items() if site != "/"]  # in the portal's order
    pairs = [((two, one) if one in given and two not in given else (one, two))
             for i, one in enumerate(codes) for two in codes[i + 1:]
             if _within(sites[one], sites[two]) or _within(sites[two], sites[one])]
    pairs.sort(key=lambda pair: pair[0] in given)  # what the portal shows is settled first
    found: dict[str, str] = dict.fromkeys(gone, "")  # refused already, dropped below
    for owner, code in pairs:
        # a site refused itself keeps no address from another (/x/ refused for /x/a/: /x/b/ stands); of two
        # kept ones (portal.yml's base_url moved one since), the first in its order keeps the address
        if code in refused or code in found or owner in found:
            continue
        source, why = standing[code], "门户已发布该机关的站点" if owner not in given and code in given else first
        if _within(sites[code], sites[owner]) and _within(sites[owner], sites[code]):
            where = f"站点的网址 {sites[code]} 也是机关代码 {owner} 的站点的网址（{why}），一个网站只能是一个机关的"
        else:
            inside = _within(sites[code], sites[owner])
            where = (f"站点的网址 {sites[code]} {'在' if inside else '包含'}机关代码 {owner} 的站点 {sites[owner]}"
                     f"{' 之内' if inside else ''}（{why}），一个机关的网站不能在另一个机关的网站之内（两站的网页地址重叠，"
                     "部署一个会覆盖另一个）")
        found[code] = (f"{source.agency}（{source.folder}）：{where}，请核对该站点的 site_url（或门户配置中该机关的 base_url），"
                       f"{REFUSED}。")
    return {code: why for code, why in found.items() if code not in gone}
