"""What one agency's site claims that is another agency's: its name, or an index number.

Each site is verified alone (source); these rules read the sites given in one run together. A
site refused here holds back only its own agency, as any refusal does (selection): it keeps its
last good publication, or is left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from gkml.profile.types import INDEX_NO

from .config import AgencyEntry
from .source import REFUSED, Source


def claimed(entries: Sequence[AgencyEntry], sources: Mapping[str, Sequence[Source]]) -> dict[str, str]:
    """org code -> why its site (the one given for it) is refused: it calls itself by the name of
    another agency of the portal, or lists an index number another agency's site lists too and that
    names the other agency (its organisation part) or, naming neither, was listed by an agency
    earlier in the portal's order. A reader would take its documents for the other agency's."""
    given = {e.org_code: found[0] for e in entries if len(found := sources.get(e.org_code, [])) == 1}
    configured = {entry.name.strip(): entry.org_code for entry in entries if entry.name and entry.name.strip()}
    declared: dict[str, list[str]] = defaultdict(list)  # a name the sites give themselves -> their org codes
    for code, source in given.items():
        declared[source.agency.strip()].append(code)
    refused: dict[str, str] = {}
    for code, source in given.items():
        name = source.agency.strip()
        # portal.yml says whose a name is; else a name two sites give themselves is neither's for sure
        others = [configured[name]] if name in configured else declared[name]
        other = next((c for c in others if c != code), None)
        if other is not None:
            settle = "" if name in configured else "（门户配置没有写明这个名称是哪个机关的，请在该机关的配置中写 name）"
            refused[code] = (f"{source.agency}（{source.folder}）：站点自称“{source.agency}”，这也是门户中另一个机关"
                             f"（机关代码 {other}）的名称{settle}，{REFUSED}。")
    listers: dict[str, list[str]] = defaultdict(list)  # index number -> org codes, in the portal's order
    for entry in entries:
        if entry.org_code in given:
            for doc in given[entry.org_code].catalogue.get("documents", []):
                listers[str(doc.get("index_no"))].append(entry.org_code)
    for number, codes in listers.items():
        if len(codes) < 2:
            continue
        match = INDEX_NO.match(number)
        owner = match["org"] if match and match["org"] in codes else codes[0]
        for code in codes:
            if code != owner and code not in refused:
                source = given[code]
                refused[code] = (f"{source.agency}（{source.folder}）：索引号 {number} 也由机关代码 {owner} 的站点发布"
                                 f"{'（索引号中的机关代码是它的）' if match and match['org'] == owner else '（它在门户配置中列在前面）'}，"
                                 f"一个索引号只能是一个机关的文件，{REFUSED}。")
    return refused
