"""Which publication of each agency a run shows: the site given, verified whole; else the last one
the portal published, kept in `<portal>.gkml-kept/<slug>/` and proved to be the publication whose digest
the portal recorded; else none. One agency's failed build must not hold back the province: a
refused site is told (`Held`), not raised, and the agency keeps what readers saw."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .catalogue import Agency, Row, agency_of, agency_rows, slug_of
from .claims import alike, claimed
from .config import DEFAULT_GROUP, AgencyEntry, PortalConfig, PortalConfigError
from .kept import NEVER, kept_name, kept_source, set_aside
from .output import SOURCES, Output
from .routing import key_count
from .search import (
    PAGES_CHECK,
    Expected,
    bundle_dir,
    bundle_files,
    check_engine,
    check_pages,
)
from .signature import check_signature, with_signature
from .sitecontract import REFUSED, SourceError, declared
from .source import CONTRACT_FILE, SIGNATURE_FILE, Source, read_source
from .withdrawals import Notice, agency_notices


@dataclass(frozen=True)
class Chosen:
    agency: Agency  # its source: the site given, or the portal's copy of it (staged or kept)
    rows: list[Row]
    notices: list[Notice]  # its withdrawals
    keys: int | None  # routing.key_count
    kept: bool  # the last good publication, not the site given
    staged: list[str]  # trees staged for it this run (its copy, its bundle), to commit


@dataclass(frozen=True)
class Held:
    """A configured agency not published from the site given this run: kept at its last good
    publication (`built`: that publication's build time) or, never published, left out."""

    name: str
    slug: str | None
    built: str | None
    kept: bool
    reasons: tuple[str, ...]

    def line(self) -> str:
        if self.kept:
            state = f"保留其 {_moment(self.built)} 生成的上一次成功发布的版本"
        else:
            state = "未列入门户（没有可以保留的上一次成功发布的版本）"
        return f"{self.name}（{self.slug or '无 slug'}）：{state}。原因：" + "；".join(self.reasons)


@dataclass
class Selection:
    chosen: list[Chosen] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)  # sites of no agency of the portal: not published
    aside: dict[str, str] = field(default_factory=dict)  # slug -> digest: copies of agencies left out (kept.set_aside)


def _moment(built: str | None) -> str:
    return (built or "时间不详")[:16].replace("T", " ")


def select(config: PortalConfig, folders: Sequence[Path], output: Output, previous: dict[str, str],
           expected: Expected, progress: Callable[[str], None]) -> Selection:
    """Each configured agency's publication for this run, its copy and bundle staged (output.begin first)."""
    selection = Selection()
    sources: dict[str, list[Source]] = {}
    failures: dict[str, list[str]] = {}
    names: dict[str, str] = {}  # the name a refused site declares, for the messages
    codes: list[str] = []  # the agencies the sites given are of, in command-line order
    signers = {entry.org_code: entry.public_key for entry in config.agencies if entry.public_key}
    # one folder given twice (sites/site-* and its own name, a link to it) is one site, not two claiming one agency
    for folder in dict.fromkeys(folder.resolve() for folder in folders):
        try:
            source = read_source(folder)
        except SourceError as error:
            claim = declared(folder)
            if claim is None:
                selection.strays.append(f"{error}（无法确定是哪个机关的站点，未列入门户）")
                continue
            code, names[code] = claim
            failures.setdefault(code, []).append(str(error))
        else:
            code = source.org_code
            try:
                key = signers.get(code)
                source = check_signature(source, key) if key is not None else with_signature(source)
            except SourceError as error:  # refused before the claims: a forger's site takes nothing from another
                names[code] = source.agency
                failures.setdefault(code, []).append(str(error))
            else:
                sources.setdefault(code, []).append(source)
        codes.append(code)
    entries = list(config.agencies) if config.listed else [AgencyEntry(c, DEFAULT_GROUP) for c in dict.fromkeys(codes)]
    listed = {e.org_code for e in entries}
    named = _named(entries, sources, failures, names, output, previous, selection)
    by_name = {alike(name): entry.org_code for entry, name, _slug, _reasons in named}
    for code in dict.fromkeys(codes):
        if code not in listed:
            found = sources.get(code, [])
            told = [f"{s.agency}（{s.folder}）" for s in found] or failures[code]
            other = by_name.get(alike(found[0].agency if found else names.get(code, "")))
            fix = (f"门户配置中同名机关的机关代码是 {other}，如是同一机关，请核对该站点的 org_code" if other
                   else "如是新的机关，请在门户配置中加入它")
            selection.strays.append(f"机关代码 {code} 不在门户配置中：{'；'.join(told)}，未列入门户（{fix}）")
    # an agency giving no site this run stands as the portal keeps it: today's sites are compared with it too
    kept: dict[str, Source | SourceError] = {}
    for entry, _name, slug, _reasons in named:
        if len(sources.get(entry.org_code, [])) != 1:
            try:
                kept[entry.org_code] = kept_source(entry, slug, output, previous)
            except SourceError as error:
                kept[entry.org_code] = error
    refused = claimed(entries, sources, {code: s for code, s in kept.items() if isinstance(s, Source)},
                      listed=config.listed, portal_url=config.site_url)
    for entry, name, slug, reasons in named:
        found = sources.get(entry.org_code, [])
        chosen = None
        if len(found) > 1:
            reasons = [*reasons, (f"{len(found)} 个站点的机关代码都是 {entry.org_code}（"
                                 f"{'、'.join(str(s.folder) for s in found)}），无法确定哪一个是该机关的，{REFUSED}")]
        elif found and entry.org_code in refused:
            reasons = [*reasons, refused[entry.org_code]]
        elif found:
            try:
                chosen = _given(entry, found[0], slug, output, previous, expected, progress)
            except (SourceError, PortalConfigError) as error:
                reasons = [*reasons, str(error)]
        elif not reasons:
            reasons = ["没有提供站点目录"]
        if chosen is None:  # the kept publication itself may claim another's
            back = (entry, name, slug, reasons, refused.get(entry.org_code) if len(found) != 1 else None)
            chosen = _fall_back(*back, kept, selection, output, previous, expected, progress)
        if chosen is not None:
            selection.chosen.append(chosen)
    _settle(config, entries, named, sources, kept, selection, output, previous, expected, progress)
    if config.listed:  # (without portal.yml, the sites given are the portal: one not given is no agency of it)
        selection.aside = set_aside(entries, {c.agency.org_code: c.agency.slug for c in selection.chosen}, output, previous)
    return selection


def _fall_back(entry: AgencyEntry, name: str, slug: str, reasons: Sequence[str], refusal: str | None,
               kept: dict[str, Source | SourceError], selection: Selection, output: Output, previous: dict[str, str],
               expected: Expected, progress: Callable[[str], None]) -> Chosen | None:
    """The agency's kept publication, told as held (`reasons`); else none, told. `refusal`: the claims' for it."""
    try:
        if entry.org_code not in kept:  # its site was refused: what the portal keeps, if any
            kept[entry.org_code] = kept_source(entry, slug, output, previous)
        if refusal is not None:
            raise SourceError(refusal)
        chosen = _kept(entry, slug, _raise(kept[entry.org_code]), output, previous, expected, progress)
    except (SourceError, PortalConfigError) as error:
        told = [] if str(error) == NEVER else [f"上一次的版本也无法使用：{error}"]
        selection.held.append(Held(name, slug, None, False, (*reasons, *told)))
        return None
    selection.held.append(Held(chosen.agency.name, slug, chosen.agency.source.contract.get("built"), True, tuple(reasons)))
    return chosen


def _settle(config: PortalConfig, entries: Sequence[AgencyEntry], named: list[tuple[AgencyEntry, str, str, list[str]]],
            sources: dict[str, list[Source]], kept: dict[str, Source | SourceError], selection: Selection,
            output: Output, previous: dict[str, str], expected: Expected, progress: Callable[[str], None]) -> None:
    """The claims (names, numbers, addresses, the portal's own) read again over what the run publishes: a site
    given and then refused was compared as given, so the kept publication its agency fell back to was not.
    One refused now falls back in turn (a site given to its kept publication, a kept one to none) till none is."""
    by_code = {entry.org_code: (entry, name, slug) for entry, name, slug, _reasons in named}
    while True:
        chosen = {c.agency.org_code: c for c in selection.chosen}
        refused = claimed(entries, {code: sources[code] for code, c in chosen.items() if not c.kept},
                          {code: _raise(kept[code]) for code, c in chosen.items() if c.kept},
                          listed=config.listed, portal_url=config.site_url)
        if not refused:
            return
        for code, why in refused.items():
            was = chosen[code]
            selection.chosen.remove(was)
            for tree in (f"{SOURCES}/{was.agency.slug}", bundle_dir(was.agency)):
                output.discard_staged(tree)
                output.unkeep(tree)
            entry, name, slug = by_code[code]
            if not was.kept:
                back = _fall_back(entry, name, slug, [why], None, kept, selection, output, previous, expected, progress)
            else:  # its line as held, kept, becomes one left out
                held = next(h for h in selection.held if h.slug == slug and h.kept)
                selection.held.remove(held)
                back = _fall_back(entry, name, slug, held.reasons, why, kept, selection, output, previous, expected,
                                  progress)
            if back is not None:
                selection.chosen.append(back)
        order = {entry.org_code: i for i, entry in enumerate(entries)}
        selection.chosen.sort(key=lambda c: order[c.agency.org_code])


def _named(entries: Sequence[AgencyEntry], sources: dict[str, list[Source]], failures: dict[str, list[str]],
           names: dict[str, str], output: Output, previous: dict[str, str], selection: Selection) -> list[tuple[AgencyEntry, str, str, list[str]]]:
    """Each agency's name and slug (and the reasons its site was refused so far); one whose slug is
    unusable is held (told) here."""
    named: list[tuple[AgencyEntry, str, str, list[str]]] = []
    taken: set[str] = set()
    for entry in entries:
        found = sources.get(entry.org_code, [])
        name = entry.name or (found[0].agency if found else names.get(entry.org_code) or kept_name(output, entry, previous))
        reasons = failures.get(entry.org_code, [])
        try:
            slug = slug_of(entry, name)
            if slug.lower() in taken:  # a host that ignores case (Windows, macOS) makes them one folder
                raise PortalConfigError(f"{name}：slug {slug} 重复（不区分大小写）")
        except PortalConfigError as error:
            selection.held.append(Held(name, None, None, False, (*reasons, str(error))))
            continue
        taken.add(slug.lower())
        named.append((entry, name, slug, reasons))
    return named


def _given(entry: AgencyEntry, source: Source, slug: str, output: Output, previous: dict[str, str],
           expected: Expected, progress: Callable[[str], None]) -> Chosen:
    """The site given, copied beside the portal (`<portal>.gkml-kept/<slug>/`) unless the portal holds this
    publication already: from then on read from the copy, which no later build of the site changes."""
    agency = agency_of(entry, source, slug)
    check_engine(agency, expected)
    store = f"{SOURCES}/{slug}"
    unchanged = (previous.get(slug) == source.contract_sha256 and output.keep_tree(store, source.files())
                 and all(source.holds(rel, output.place(store) / rel) for rel in (CONTRACT_FILE, SIGNATURE_FILE)
                         if rel in source.files()))
    staged = []
    try:
        if not unchanged:
            progress(f"复制发布文件 {agency.name}")
            _stage(output, source, source.folder, source.files(), store)
            staged.append(store)
            agency = replace(agency, source=source.moved(output.staged(store)))
        return _whole(agency, output, previous, kept=False, staged=staged, progress=progress)
    except (SourceError, PortalConfigError):
        for tree in staged:
            output.discard_staged(tree)
        raise


def _raise(found: Source | SourceError) -> Source:
    if isinstance(found, SourceError):
        raise found
    return found


def _kept(entry: AgencyEntry, slug: str, source: Source, output: Output, previous: dict[str, str],
          expected: Expected, progress: Callable[[str], None]) -> Chosen:
    """The kept publication (kept_source), its bundle kept too."""
    agency = agency_of(entry, source, slug)
    check_engine(agency, expected)
    store = f"{SOURCES}/{slug}"
    if source.folder == output.place(store):
        output.keep_files(store, source.files())
        return _whole(agency, output, previous, kept=True, staged=[], progress=progress)
    # kept under the slug portal.yml gave it before: copied to its new one, the old copy pruned
    _stage(output, source, source.folder, source.files(), store)
    agency = replace(agency, source=source.moved(output.staged(store)))
    try:
        return _whole(agency, output, previous, kept=True, staged=[store], progress=progress)
    except (SourceError, PortalConfigError):
        output.discard_staged(store)
        raise


def _whole(agency: Agency, output: Output, previous: dict[str, str], *, kept: bool, staged: list[str],
           progress: Callable[[str], None]) -> Chosen:
    """The agency's rows, routing keys and bundle, each from its one publication (its source)."""
    source = agency.source
    rows = agency_rows(agency, source.catalogue["documents"])
    notices = agency_notices(agency, source.catalogue.get("withdrawals", []))
    # a publication the portal has not shown yet, or shown before this check was (a kept one too)
    if previous.get(agency.slug) != source.contract_sha256 or output.checks != PAGES_CHECK:
        check_pages(agency, rows, [notice.url for notice in notices])
    keys = key_count(agency)
    root = str((source.search or {})["root"])
    files = bundle_files(agency)
    # a kept bundle is proved file by file to be the copy's (the very files: the same file, or the digest)
    if previous.get(agency.slug) != source.contract_sha256 or not output.keep_tree(
            bundle_dir(agency), files, (lambda rel, path: source.holds(root + rel, path)) if kept else None):
        progress(f"复制检索索引 {agency.name}")
        _stage(output, source, source.folder / root, files, bundle_dir(agency), prefix=root)
        staged.append(bundle_dir(agency))
    return Chosen(agency, rows, notices, keys, kept, staged)


def _stage(output: Output, source: Source, folder: Path, files: list[str], dest: str, prefix: str = "") -> None:
    wrong = output.stage_tree(folder, files, dest, lambda rel, path: source.holds(prefix + rel, path))
    if wrong is not None:
        output.discard_staged(dest)
        raise source.changed(prefix + wrong)
