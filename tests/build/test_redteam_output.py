"""Red team, output half (issue 13): the hostile corpus of tests/hostile.py built into a real site
and a real offline copy, then every output byte read back.

Supplied text must stay text everywhere (escaped in HTML, XML, JSON; neutralised in CSV), the
rendered body must be reduced to the allowlist, and every page must carry one policy that comes
from gkml's templates, not from the page."""

from __future__ import annotations

import base64
import csv
import hashlib
import html as html_module
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import hostile
import pytest
from support import doc, mkdocs_build, small_site_yml

SITE_NAME = "红队测试公开目录"
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
CSP_META = re.compile(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]+)">')
ENTRY_CSP = re.compile(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    hostile.write_project(root)
    hostile.drop_what_check_refuses(root)
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    result = mkdocs_build(project / "mkdocs.yml", site_dir=project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def offline(project: Path) -> Path:
    out = project / "offline"
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(project), "--out", str(out),
                             "--snapshot", "2026-01-01"], capture_output=True, text=True, encoding="utf-8", timeout=900,
                            check=False)
    assert result.returncode == 0, result.stderr
    return out  # the folder and its zip


@pytest.fixture(scope="module")
def portal(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`gkml portal` over the hostile site, whose contract and catalogue.json (rewritten, its digest
    with it) also name the agency in markup. (A control character in a record refuses the site:
    tests/unit/test_portal_parts.py.)"""
    source = tmp_path_factory.mktemp("portal") / "agency"
    shutil.copytree(site, source)
    data = json.loads((source / "catalogue.json").read_text(encoding="utf-8"))
    data["agency"] = hostile.payload("agency")
    (source / "catalogue.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    contract = json.loads((source / "gkml-site.json").read_text(encoding="utf-8"))
    contract["agency"] = hostile.payload("agency")
    contract["open_data"]["catalogue.json"] = hashlib.sha256((source / "catalogue.json").read_bytes()).hexdigest()
    (source / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    out = source.parent / "out"
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), str(source)],
                            capture_output=True, text=True, encoding="utf-8", timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    return out


def test_no_supplied_markup_in_any_output_byte(site: Path, offline: Path, portal: Path) -> None:
    checked = 0
    for folder in (site, offline, portal):
        files = hostile.output_files(folder)
        assert any(".zip!/" in name for name in files) or folder != offline
        for name, data in files.items():
            if hostile.DATA_FILES.search(name):
                continue
            found = [needle.decode() for needle in hostile.RAW if needle in data]
            assert found == [], f"{name}: {found}"
            checked += 1
    assert checked > 100
    # the payloads did reach the output, as text: the test is looking at the right files
    page = (site / "doc" / "002986620-202403-00001" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned_title=1&lt;/script&gt;" in page


class _Audit(HTMLParser):
    """What a page can run or show beyond text: handlers, foreign URLs, embeds, styles, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "srcdoc", "data", "xlink:href"):
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", value).lower())
                if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and not (tag in ("td", "th") and re.fullmatch(r"text-align:\s*(left|right|center|justify);?", value)) \
                    and not (tag == "svg" and "gkml-chart" in values.get("class", "")):
                self.problems.append(f"<{tag} style={value[:40]}>")
        if tag in ("iframe", "object", "embed", "base", "style", "frame", "frameset", "applet", "math", "template"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.problems.append(f"<meta http-equiv={values['http-equiv']}>")
        if tag == "form" and values.get("role") != "search":
            self.problems.append(f"<form action={values.get('action', '')[:40]}>")
        if tag == "script":
            src = values.get("src")
            if src is None:
                self._script = []
            elif not re.search(r"(^|/)(assets/gkml/|pagefind/)", src):
                self.problems.append(f"<script src={src}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None


def _digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _pages(*folders: Path) -> list[Path]:
    return [page for folder in folders for page in sorted(folder.rglob("*.html"))]


def test_every_page_is_text_and_allowlisted_markup_under_one_policy(site: Path, offline: Path, sample_site: Path) -> None:
    pages = _pages(site, *offline.glob("*/site"))
    assert any(p.name == "404.html" for p in pages) and any(p.name == "print.html" for p in pages)
    # the copy's entry page is gkml's own, a stricter policy of its own: nothing but the site's reader
    # settings runs (its reader-init, hashed, and the copy's own reader.js)
    entries = list(offline.glob("*/打开公开目录.html"))
    assert entries
    for entry in entries:
        html = entry.read_text(encoding="utf-8")
        found = ENTRY_CSP.search(html)
        policy = html_module.unescape(found.group(1)) if found else ""
        assert policy.startswith("default-src 'none';") and "unsafe" not in policy, entry
        audit = _Audit()
        audit.feed(html)
        assert audit.problems == [] and len(audit.inline_scripts) == 1, entry
        assert policy.split("script-src ")[1].split(";")[0] == f"'self' {_digest(audit.inline_scripts[0])}", entry
        assert re.findall(r"<script src=\"([^\"]+)\"", html) == ["site/assets/gkml/js/reader.js"], entry
    policies: set[str] = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = CSP_META.search(html)
        assert head is not None and html.index("<meta charset") == head.start(), f"{page}: no policy first in <head>"
        policies.add(head.group(1))
        audit = _Audit()
        audit.feed(html)
        assert audit.problems == [], f"{page}: {audit.problems}"
        hashes = set(re.findall(r"'sha256-[^']+'", head.group(1)))
        assert {_digest(s) for s in audit.inline_scripts} <= hashes, f"{page}: an inline script the policy does not name"
    assert len(policies) == 1, "one policy for every page: it comes from the templates, not from what a page holds"
    sample = CSP_META.search((sample_site / "index.html").read_text(encoding="utf-8"))
    assert sample is not None and {sample.group(1)} == policies  # a harmless site gets the very same policy
    script_src = policies.pop().split("script-src")[1].split(";")[0]
    assert "unsafe-inline" not in script_src and "'sha256-" in script_src


def test_control_characters_a_body_holds_reach_no_page(site: Path, offline: Path) -> None:
    """A body pasted with control characters (controls.md: a vertical tab, a unit separator,
    a backspace) builds, and no page holds them: the sanitised body drops them."""
    controls = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    found = [page for page in _pages(site, *offline.glob("*/site")) if controls.search(page.read_text(encoding="utf-8"))]
    assert found == []


def test_titles_stay_text_in_title_meta_and_attributes(site: Path) -> None:
    fields = (site / "doc" / "002986620-202403-00001" / "index.html").read_text(encoding="utf-8")
    escaped = "x&#34;&#39;&gt;&lt;script&gt;window.__pwned_title=1&lt;/script&gt;"
    assert f"<title>{escaped}" in fields
    assert f'readonly rows="4">《{escaped}' in fields  # the citation box: a <textarea>'s text, no tag closes it
    encoded = (site / "doc" / "002986620-202403-00002" / "index.html").read_text(encoding="utf-8")
    # typed as entities, shown as entities: nothing decodes them into a closing </title>
    assert "<title>&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;window.__pwned_title_ent=1" in encoded
    withdrawn = (site / "doc" / "002986620-202403-00005" / "index.html").read_text(encoding="utf-8")
    assert "撤回理由：x&#34;&#39;&gt;&lt;script&gt;window.__pwned_reason=1" in withdrawn


def test_summaries_come_from_the_text_of_the_sanitised_body(site: Path) -> None:
    listing = (site / "category" / "ghjh" / "index.html").read_text(encoding="utf-8")
    cells = dict(re.findall(r'<a href="[^"]*">正文绕过 ([\w-]+)</a>.*?class="gkml-table__summary">([^<]*)</td>',
                            listing, re.DOTALL))
    # a code span's text, shown as typed
    assert cells["body-summary"] == "[&lt;script&gt;window.__pwned_body_summary=1&lt;/script&gt;](x) 是第一段。"
    if "body-attr" in cells:
        assert cells["body-attr"] == "一段正文覆盖"  # no CSS text from the <style> element


@pytest.mark.parametrize("where", ["site", "portal"])
def test_csv_cells_never_start_a_formula(where: str, request: pytest.FixtureRequest) -> None:
    text = (request.getfixturevalue(where) / "catalogue.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    starts = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")]
    assert starts == []
    cells = {cell for row in rows for cell in row}
    assert "'=HYPERLINK(\"http://example.invalid/?title\",\"点击\")" in cells  # kept, as text
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    if where == "site":  # the portal's CSV has no summary or source column
        assert "'-2+3+cmd|' /C calc'!A0" in cells and "'+1+1" in cells


def test_feeds_are_well_formed_whatever_the_body_holds(site: Path, portal: Path) -> None:
    feeds = [site / "feed.xml", *sorted((site / "feeds").glob("*.xml")), portal / "feed.xml"]
    for feed in feeds:
        ET.parse(feed)  # raises on a control character or broken markup
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {e.findtext(f"{atom}title"): e for e in ET.parse(site / "feed.xml").getroot().iter(f"{atom}entry")}
    assert entries["正文含控制字符"].findtext(f"{atom}summary") == "正文含垂直制表符和退格。"
    assert entries[hostile.payload("title")].findtext(f"{atom}summary") == hostile.payload("summary")


def test_json_exports_hold_the_text_exactly_and_no_markup(site: Path) -> None:
    raw = (site / "catalogue.json").read_bytes()
    assert b"<" not in raw and b">" not in raw and b"&" not in raw
    documents = {d["index_no"]: d for d in json.loads(raw)["documents"]}
    fields = documents["002986620/202403-00001"]
    assert fields["title"] == hostile.payload("title") and fields["keywords"][1] == hostile.encoded("keyword")
    assert fields["attachments"][0]["title"] == hostile.payload("attachment")


def test_the_portals_json_holds_the_text_exactly_and_no_markup(portal: Path) -> None:
    for name in ("catalogue.json", "agencies.json", "pagefind/shards.json"):
        raw = (portal / name).read_bytes()
        assert b"<" not in raw and b">" not in raw and b"&" not in raw, name
    documents = {d["index_no"]: d for d in json.loads((portal / "catalogue.json").read_bytes())["documents"]}
    assert documents["002986620/202403-00001"]["title"] == hostile.payload("title")
    assert json.loads((portal / "agencies.json").read_bytes())["agencies"][0]["name"] == hostile.payload("agency")


def test_a_template_inline_script_that_cannot_be_hashed_in_advance_stops_the_build(project: Path, tmp_path: Path) -> None:
    shutil.copytree(project / "content", tmp_path / "content")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}<script>var title = "{{ page.title }}";</script>', encoding="utf-8")
    config = config.replace("theme: {name: material,", "theme: {name: material, custom_dir: overrides,")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode != 0
    assert "模板 main.html 的内联脚本含有模板代码，无法预先计算内容安全策略的散列。" in result.stderr


def test_a_body_nested_past_the_limit_fails_the_build_naming_its_file(project: Path, tmp_path: Path) -> None:
    shutil.copytree(project / "content", tmp_path / "content")
    shutil.copy(project / "mkdocs.yml", tmp_path / "mkdocs.yml")
    deep = (tmp_path / "content" / "catalogue" / "ghjh" / "body-summary.md").read_text(encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "ghjh" / "deep.md").write_text(
        deep.replace("00022", "00030") + "\n" + "<div>" * 20_000 + "\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")  # quadratic without the bound
    assert result.returncode != 0
    assert "content/catalogue/ghjh/deep.md" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_long_ascii_term_is_a_page_at_a_short_address(tmp_path: Path) -> None:
    """A 300-letter publisher or keyword passed the check and made a folder name no file
    system takes: the build ended in a traceback (Errno 36)."""
    long_name = "Anhui-Provincial-Emergency-Management-Department-" * 6
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试公开目录"), encoding="utf-8")
    folder = tmp_path / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    (folder / "x.md").write_text(doc(f"keywords: [{long_name}, short-name]", publisher=long_name), encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    for taxonomy in ("publisher", "keyword"):
        index = (tmp_path / "site" / taxonomy / "index.html").read_text(encoding="utf-8")
        (term,) = re.findall(rf'<a href="(t[0-9a-f]{{10}})/">{long_name}</a>', index)
        assert (tmp_path / "site" / taxonomy / term / "index.html").is_file()
    assert (tmp_path / "site" / "keyword" / "short-name" / "index.html").is_file()  # a short name keeps its address


def test_the_offline_copy_is_one_folder_and_its_zip_whatever_the_agency_is_called(tmp_path: Path) -> None:
    """The agency's name is the copy's folder name: a "/" in it made a folder in a folder (a "../"
    one outside --out), and the zip was named from what came before its ".": 安委办（v1.zip."""
    agency = "安徽省应急管理厅/安委办（v1.0）"
    yml = small_site_yml("测试公开目录", 'build_time: "2026-01-01 10:00"').replace("agency: 测试厅", f"agency: {agency}")
    (tmp_path / "mkdocs.yml").write_text(yml, encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (tmp_path / "content" / "catalogue" / "fgwj" / "x.md").write_text(doc(), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(tmp_path), "--out", str(out),
                             "--snapshot", "2026-01-01"], capture_output=True, text=True, encoding="utf-8", timeout=900,
                            check=False)
    assert result.returncode == 0, result.stderr
    name = "安徽省应急管理厅／安委办（v1.0）政府信息公开目录-2026-01-01"
    assert sorted(p.name for p in out.iterdir()) == [name, f"{name}.zip"]
    assert (out / name / "manifest.json").is_file()
    with zipfile.ZipFile(out / f"{name}.zip") as archive:
        assert {member.split("/")[0] for member in archive.namelist()} == {name}
