"""One agency's failure does not hold back the province: an agency whose site cannot be used this
run keeps the publication the portal last published (pages, bundle, open-data rows, feed entries:
the very files), one never published is left out, and the run says so and exits 3."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import AgencySites, copy_project, mkdocs_build, portal_config

BASES = {"yjt": "https://yjt.ah.gov.cn/gkml/", "hf": "https://hf.example.gov.cn/", "wh": "https://wh.example.gov.cn/gkml/"}
HELD = 3


def portal(out: Path, config: Path, *sources: Path, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config),
           *(["-q"] if quiet else []), *map(str, sources)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("portal-config") / "portal.yml"
    path.write_text(portal_config(BASES), encoding="utf-8")
    return path


def _files(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file: (inode, mtime, SHA-256)."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in root.rglob("*") if p.is_file()}


def _kept(out: Path) -> Path:
    """Where the portal keeps the agencies' last publications: beside it, not served."""
    return out.parent / f"{out.name}.gkml-kept"


def _bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _listed(site: Path) -> set[str]:
    contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
    return {"gkml-site.json", *contract["open_data"], *contract["search"]["files"]}


def _republished(site: Path, tmp: Path, name: str, number: int) -> Path:
    """A copy of an agency's project with one more document, built: its next publication."""
    project = tmp / name
    copy_project(site.parent, project, "site", "site.*")
    folder = project / "docs" / "catalogue" / "yjgl"
    text = (folder / "2026-fangnishui.md").read_text("utf-8")
    (folder / "2026-extra.md").write_text(text.replace("202607-09001", f"202607-0900{number}").replace("防溺水工作", "汛期值班工作"),
                                          "utf-8")
    assert mkdocs_build(project / "mkdocs.yml", site_dir=project / "site").returncode == 0
    return project / "site"


def _hf_part(out: Path) -> dict[str, object]:
    """What the portal publishes of hf: its pages and bundle (the very files), its open-data records and feed entries."""
    catalogue = json.loads((out / "catalogue.json").read_text("utf-8"))
    feed = (out / "feed.xml").read_text("utf-8")
    files = {**_files(out), **{f"kept/{rel}": found for rel, found in _files(_kept(out)).items()}}
    return {"files": {rel: found for rel, found in files.items() if rel.startswith(("agency/hf/", "pagefind/hf/", "kept/hf/"))},
            "records": [d for d in catalogue["documents"] if d["agency"] == "hf"],
            "agency": [a for a in catalogue["agencies"] if a["slug"] == "hf"],
            "csv": [line for line in (out / "catalogue.csv").read_text("utf-8").splitlines() if "113401000" in line],
            "feed": {re.search(r"<id>(.*?)</id>", e)[1]: e  # type: ignore[index]
                     for e in re.findall(r"<entry>.*?</entry>", feed, re.DOTALL) if 'term="hf"' in e}}


def _same_hf(out: Path, before: dict[str, object]) -> None:
    """hf as `before`; of the feed, the entries of both (the newest of all agencies: others' news moves some)."""
    after = _hf_part(out)
    feed, was = after.pop("feed"), before["feed"]
    both = set(feed) & set(was)  # type: ignore[arg-type]
    assert both and {i: feed[i] for i in both} == {i: was[i] for i in both}  # type: ignore[index]
    assert after == {key: value for key, value in before.items() if key != "feed"}


def test_a_failed_agency_keeps_its_last_good_publication(tmp_path: Path, agency_sites: AgencySites, config: Path) -> None:
    """hf's next build is broken (a fragment damaged) while wh publishes a new document: the run
    publishes wh's and keeps hf exactly as the last run published it, and says so (exit 3, also -q)."""
    out = tmp_path / "portal"
    hf = tmp_path / "hf-site"
    shutil.copytree(agency_sites.hf, hf)
    assert portal(out, config, agency_sites.yjt, hf, agency_sites.wh).returncode == 0
    before = _hf_part(out)
    assert before["records"] and before["feed"] and before["csv"]

    broken = _republished(agency_sites.hf, tmp_path, "hf-next", 2)
    fragment = max((broken / "pagefind").rglob("*.pf_fragment"))
    fragment.write_bytes(fragment.read_bytes()[:-1])
    wh = _republished(agency_sites.wh, tmp_path, "wh-next", 2)
    result = portal(out, config, agency_sites.yjt, broken, wh, quiet=True)
    assert result.returncode == HELD, result.stderr
    built = json.loads((agency_sites.hf / "gkml-site.json").read_text("utf-8"))["built"][:16].replace("T", " ")
    assert f"合肥市应急管理局（hf）：保留其 {built} 生成的上一次成功发布的版本" in result.stderr, result.stderr
    assert fragment.name in result.stderr and "退出码 3" in result.stderr and not result.stdout
    _same_hf(out, before)  # the same files (inode, time, bytes), records, rows and entries
    assert "202607-09002" in (out / "agency" / "wh" / "index.html").read_text("utf-8")  # wh's news published

    # Exactly the portal of hf's last good site and wh's new one: nothing of hf's broken build, no mix.
    fresh = tmp_path / "fresh"
    assert portal(fresh, config, agency_sites.yjt, hf, wh).returncode == 0
    assert _bytes(out) == _bytes(fresh) and _bytes(_kept(out)) == _bytes(_kept(fresh))
    assert not [rel for rel in _bytes(out) if rel.startswith(".gkml-") and rel != ".gkml-portal.json"]

    # hf's site missing altogether (its job failed before uploading it): kept all the same.
    result = portal(out, config, agency_sites.yjt, wh)
    assert result.returncode == HELD and "合肥市应急管理局（hf）：保留其" in result.stderr and "没有提供站点目录" in result.stderr
    _same_hf(out, before)
    # Its next good build is published again: exit 0.
    fixed = _republished(agency_sites.hf, tmp_path, "hf-fixed", 3)
    result = portal(out, config, agency_sites.yjt, fixed, wh)
    assert result.returncode == 0, result.stderr
    assert "202607-09003" in (out / "agency" / "hf" / "index.html").read_text("utf-8")


def test_a_kept_copy_is_proved_the_last_publication(tmp_path: Path, agency_sites: AgencySites, config: Path) -> None:
    """What the portal keeps of hf must be the very publication it recorded: a bundle file of the
    portal damaged meanwhile is restored from its copy; a copy changed to verify as another
    publication (its contract made to agree) is not used: hf is left out, not published so."""
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    before = _hf_part(out)
    damaged = max((out / "pagefind" / "hf").rglob("*.pf_fragment"))
    damaged.unlink()
    damaged.write_bytes(b"x")  # the same name, other bytes
    result = portal(out, config, agency_sites.yjt, agency_sites.wh)
    assert result.returncode == HELD and "合肥市应急管理局（hf）：保留其" in result.stderr
    copy = _kept(out) / "hf"
    assert damaged.read_bytes() == (copy / "pagefind" / damaged.relative_to(out / "pagefind" / "hf")).read_bytes()
    assert {rel: found[2] for rel, found in _hf_part(out)["files"].items()} == {  # type: ignore[union-attr]
        rel: found[2] for rel, found in before["files"].items()}  # type: ignore[union-attr]

    data = json.loads((copy / "catalogue.json").read_text("utf-8"))
    data["documents"][0]["title"] = "门户副本中被改动的标题"
    contract = json.loads((copy / "gkml-site.json").read_text("utf-8"))
    for name in ("catalogue.json", "gkml-site.json"):  # new files: the copy's are links to the agency's own
        (copy / name).unlink()
    (copy / "catalogue.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    contract["open_data"]["catalogue.json"] = hashlib.sha256((copy / "catalogue.json").read_bytes()).hexdigest()
    (copy / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    result = portal(out, config, agency_sites.yjt, agency_sites.wh)
    assert result.returncode == HELD and "合肥市应急管理局（hf）：未列入门户" in result.stderr, result.stderr
    assert "不是上一次发布的版本" in result.stderr
    assert not (out / "agency" / "hf").exists() and not (out / "pagefind" / "hf").exists() and not copy.exists()
    assert not any("门户副本中被改动的标题".encode() in data for data in _bytes(out).values())
    assert set(_bytes(_kept(out))) == {".gkml-lock", *(f"{slug}/{rel}" for slug, site in (("yjt", agency_sites.yjt),
                                       ("wh", agency_sites.wh)) for rel in _bytes(site) if rel in _listed(site))}


def test_sites_of_no_agency_or_of_one_twice_hold_back_only_that_agency(tmp_path: Path, agency_sites: AgencySites,
                                                                     config: Path) -> None:
    """A site the portal cannot tie to an agency (no contract: a half-uploaded artifact; an agency
    portal.yml does not list) is not published, and two sites claiming one agency keep that agency:
    the others are published."""
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    before = _hf_part(out)
    half = tmp_path / "half"
    shutil.copytree(agency_sites.wh, half)
    (half / "gkml-site.json").unlink()
    two = tmp_path / "two.yml"
    two.write_text(re.sub(r'      - \{org_code: "113402000".*\n', "", config.read_text("utf-8")), "utf-8")
    other = tmp_path / "hf-other"  # another folder (the same folder given twice is one site)
    shutil.copytree(agency_sites.hf, other)
    result = portal(out, two, agency_sites.yjt, agency_sites.hf, other, agency_sites.wh, half)
    assert result.returncode == HELD, result.stderr
    assert "机关代码 113402000 不在门户配置中" in result.stderr and "无法确定是哪个机关的站点" in result.stderr
    assert "合肥市应急管理局（hf）：保留其" in result.stderr and "2 个站点的机关代码都是 113401000" in result.stderr
    _same_hf(out, before)
    assert not (out / "agency" / "wh").exists() and not (_kept(out) / "wh").exists()


def test_nothing_to_publish_changes_nothing(tmp_path: Path, agency_sites: AgencySites, config: Path) -> None:
    """No agency usable on a first run: exit 1 and no folder, as before (a portal of no agency is none)."""
    broken = tmp_path / "hf"
    shutil.copytree(agency_sites.hf, broken)
    (broken / "catalogue.json").write_bytes(b"{}")
    only = tmp_path / "only.yml"
    only.write_text(re.sub(r'      - \{org_code: "(?!113401000).*\n', "", config.read_text("utf-8")), "utf-8")
    result = portal(tmp_path / "out", only, broken)
    assert result.returncode == 1 and "没有可以发布的机关" in result.stderr and "合肥市应急管理局（hf）：未列入门户" in result.stderr
    assert not (tmp_path / "out").exists() and not _kept(tmp_path / "out").exists()


def test_an_agency_renamed_in_portal_yml_keeps_its_last_good_publication(tmp_path: Path, agency_sites: AgencySites) -> None:
    """portal.yml gave hf a new slug on a run its site was missing: the portal looked for its last
    publication under the new slug only, left the agency out ("never published") and pruned the copy it
    kept under the old one. Now the copy is found by its org code, moved to the new slug, and kept again."""
    config = tmp_path / "portal.yml"
    config.write_text(portal_config(BASES), encoding="utf-8")
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    records = [d["index_no"] for d in json.loads((out / "catalogue.json").read_text("utf-8"))["documents"] if d["agency"] == "hf"]
    config.write_text(portal_config(BASES).replace("slug: hf", "slug: hefei"), encoding="utf-8")
    for _run in range(2):  # the second run finds the copy under its new slug
        result = portal(out, config, agency_sites.yjt, agency_sites.wh)
        assert result.returncode == HELD and "合肥市应急管理局（hefei）：保留其" in result.stderr, result.stderr
        catalogue = json.loads((out / "catalogue.json").read_text("utf-8"))
        assert records and [d["index_no"] for d in catalogue["documents"] if d["agency"] == "hefei"] == records
        assert sorted(p.name for p in _kept(out).iterdir() if p.is_dir()) == ["hefei", "wh", "yjt"]
        assert (out / "pagefind" / "hefei").is_dir() and not (out / "pagefind" / "hf").exists()
    # two agencies' slugs swapped, neither site given: each keeps its own publication
    config.write_text(portal_config(BASES).replace("slug: hf", "slug: tmp").replace("slug: wh", "slug: hefei")
                      .replace("slug: tmp", "slug: wh"), encoding="utf-8")
    result = portal(out, config, agency_sites.yjt)
    assert result.returncode == HELD and "合肥市应急管理局（wh）：保留其" in result.stderr, result.stderr
    assert "芜湖市应急管理局（hefei）：保留其" in result.stderr, result.stderr
    agencies = {a["slug"]: a["name"] for a in json.loads((out / "agencies.json").read_text("utf-8"))["agencies"]}
    assert agencies == {"yjt": "安徽省应急管理厅", "wh": "合肥市应急管理局", "hefei": "芜湖市应急管理局"}, agencies
    assert [d["index_no"] for d in json.loads((out / "catalogue.json").read_text("utf-8"))["documents"] if d["agency"] == "wh"] \
        == records


def test_a_run_cut_off_after_copying_leaves_a_copy_the_next_run_keeps(tmp_path: Path, agency_sites: AgencySites,
                                                                       config: Path) -> None:
    """A run that failed after copying hf's new publication (here its home page blocked by a folder, as a disk
    full would) ended in a traceback, and the next run, hf giving no site, refused the copy as "not the last
    publication" and left hf out. Now the failure is told, and the copy, noted before it was made, is kept."""
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    newer = _republished(agency_sites.hf, tmp_path, "hf-next", 4)
    (out / "index.html").unlink()
    (out / "index.html").mkdir()
    result = portal(out, config, agency_sites.yjt, newer, agency_sites.wh)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"gkml portal: 无法读写 {out / 'index.html'}：" in result.stderr and "重新运行" in result.stderr, result.stderr
    (out / "index.html").rmdir()
    result = portal(out, config, agency_sites.yjt, agency_sites.wh)
    assert result.returncode == HELD and "合肥市应急管理局（hf）：保留其" in result.stderr, result.stderr
    assert "202607-09004" in (out / "agency" / "hf" / "index.html").read_text("utf-8")
    assert "pending" not in json.loads((out / ".gkml-portal.json").read_text("utf-8"))


def test_two_runs_with_other_temporary_folders_take_turns(tmp_path: Path, agency_sites: AgencySites, config: Path) -> None:
    """The lock of a run was a file of the temporary folder only: a run of another user (another %TEMP%) or
    a cron job with its own TMPDIR took another, and both ran on one portal at once. A portal that has run
    has a lock in its own folder beside it, which every run takes too."""
    import os

    from gkml.portal.build import build_portal
    from gkml.portal.config import load_portal_config

    out, sources = tmp_path / "portal", (agency_sites.yjt, agency_sites.hf, agency_sites.wh)
    assert portal(out, config, *sources).returncode == 0
    assert (_kept(out) / ".gkml-lock").is_file()
    other = tmp_path / "other-tmp"
    other.mkdir()
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config), *map(str, sources)]
    second: list[subprocess.Popen[str]] = []
    told: list[str] = []

    def start_a_second_run(message: str) -> None:
        if "合肥市应急管理局" in message and not second:
            second.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                           env={**os.environ, "TMPDIR": str(other), "TEMP": str(other), "TMP": str(other)}))
            for line in second[0].stderr:  # type: ignore[union-attr]  # to its end, or until it waits
                told.append(line)
                if "等待" in line:
                    break

    newer = _republished(agency_sites.hf, tmp_path, "hf-next", 5)  # a run with work to do: it tells of hf
    build_portal(load_portal_config(config), (agency_sites.yjt, newer, agency_sites.wh), out, start_a_second_run)
    assert second[0].wait(timeout=600) == 0 and any("等待" in line for line in told), told


def test_an_agency_left_out_of_one_run_keeps_its_copy(tmp_path: Path, agency_sites: AgencySites, config: Path) -> None:
    """A run left wh out (portal.yml put the portal at wh's address, wh's site missing): its copy was pruned
    with it, so the next run, portal.yml mended and wh's site still missing, had nothing to keep ("never
    published"). Now the copy, still the publication recorded, is kept aside (not served) and published again."""
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    records = [d["index_no"] for d in json.loads((out / "catalogue.json").read_text("utf-8"))["documents"] if d["agency"] == "wh"]
    clash = tmp_path / "clash.yml"
    clash.write_text(config.read_text("utf-8").replace("https://gkml.ah.gov.cn/", BASES["wh"]), "utf-8")
    result = portal(out, clash, agency_sites.yjt, agency_sites.hf)
    assert result.returncode == HELD and "芜湖市应急管理局（wh）：未列入门户" in result.stderr, result.stderr
    assert not (out / "agency" / "wh").exists() and not (out / "pagefind" / "wh").exists()
    result = portal(out, config, agency_sites.yjt, agency_sites.hf)
    assert result.returncode == HELD and "芜湖市应急管理局（wh）：保留其" in result.stderr, result.stderr
    assert records and [d["index_no"] for d in json.loads((out / "catalogue.json").read_text("utf-8"))["documents"]
                        if d["agency"] == "wh"] == records
    fresh = tmp_path / "fresh"
    assert portal(fresh, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    assert _bytes(out) == _bytes(fresh)
