"""`gkml import` on pages laid out as real government CMSs emit them (#16).

Each folder of tests/fixtures/import holds one saved page (with whatever the
browser or the editor saved beside it) and `expected.yml`: the document the
import must write, field by field, the body phrase by phrase in order, what
must not leak into the body, and the values an editor fills in for the TODOs,
after which `gkml check` must pass.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from gkml.cli import main
from support import COMMANDS_YML

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
LAYOUTS = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.yml").is_file())

LABELS = {"title": "名称", "index_no": "索引号", "category": "信息分类", "publisher": "发布机构",
          "created": "生成日期", "published": "发布日期", "doc_no": "文号", "attachments": "附件"}


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    (tmp_path / "site" / "content" / "catalogue").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path / "site"


def expected(layout: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / layout / "expected.yml").read_text(encoding="utf-8"))


def split(document: str) -> tuple[dict[str, Any], str, str]:
    """(front matter values, front matter text, body)."""
    _, front, body = document.split("---\n", 2)
    return yaml.safe_load(front) or {}, front, body


def plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def run_import(project: Path, layout: str, capsys: pytest.CaptureFixture[str],
               *extra: str) -> tuple[Path, str, dict[str, Any]]:
    spec = expected(layout)
    pages = project.parent / "pages" / layout
    shutil.copytree(FIXTURES / layout, pages)
    args = ["import", *extra]
    if spec.get("category_map"):
        mapping = project.parent / "map.yml"
        mapping.write_text(yaml.safe_dump(spec["category_map"], allow_unicode=True), encoding="utf-8")
        args += ["--category-map", str(mapping)]
    capsys.readouterr()
    code = main([*args, str(pages / spec["page"])])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    [document] = sorted((project / "content" / "catalogue").rglob("*.md"))
    return document, out.out, spec


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_document_field_by_field(layout: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document, output, spec = run_import(project, layout, capsys)
    data, front, _ = split(document.read_text(encoding="utf-8"))
    want = {key: plain(value) for key, value in spec["fields"].items()}
    for key, value in want.items():
        assert plain(data.get(key)) == value, (key, data.get(key))
    assert set(data) == set(want), sorted(set(data) ^ set(want))
    for key in spec.get("todo", []):
        assert key not in data
        assert f"# TODO(待补充): {LABELS.get(key, '')}" in front or "# TODO(待补充): " in front
        assert re.search(rf"^# {key}:", front, re.MULTILINE), key
    for key, value in spec.get("suggest", {}).items():
        assert f"# {key}: {value}\n" in front
    for title in spec.get("todo_attachments", []):
        assert f"附件“{title}”没有随页面保存" in front, title
        assert f"附件“{title}”没有随页面保存" in output
    for note in spec.get("notes", []):
        assert note in output, (note, output)
    assert "sha256=" in front and f"source={spec['page']}" in front


@pytest.mark.parametrize("layout", LAYOUTS)
def test_attachments_are_copied_next_to_the_document(
        layout: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document, _, spec = run_import(project, layout, capsys)
    for item in spec["fields"].get("attachments", []):
        copied = document.parent / item["file"]
        originals = list((FIXTURES / layout).rglob(item["file"]))
        assert copied.is_file() and originals and copied.read_bytes() == originals[0].read_bytes()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_body_phrase_by_phrase(layout: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document, _, spec = run_import(project, layout, capsys)
    _, _, body = split(document.read_text(encoding="utf-8"))
    position = 0
    for phrase in spec["body_has"]:
        found = body.find(phrase, position)
        assert found >= 0, (phrase, body[position:position + 300])
        position = found + len(phrase)
    for phrase in spec.get("body_lacks", []):
        assert phrase not in body, phrase


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_document_passes_check_once_its_todos_are_filled(
        layout: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document, _, spec = run_import(project, layout, capsys)
    text = document.read_text(encoding="utf-8")
    fill = spec.get("fill", {})
    for key in spec.get("todo", []):
        if key in fill:
            text = re.sub(rf"^# {key}:.*$", f"{key}: {fill[key]}", text, count=1, flags=re.MULTILINE)
        else:  # the editor confirms the suggestion
            text = re.sub(rf"^# ({key}:.*)$", r"\1", text, count=1, flags=re.MULTILINE)
    document.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["check"])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    if spec.get("todo"):  # and it did not before
        document.write_text(document.read_text(encoding="utf-8").replace(
            f"{spec['todo'][0]}: ", f"# {spec['todo'][0]}: ", 1), encoding="utf-8")
        assert main(["check"]) == 1


TEXT_SAVES = FIXTURES.parent / "import-text-saves"


@pytest.mark.parametrize("layout", sorted(p.stem for p in TEXT_SAVES.glob("*.txt")))
def test_the_same_page_saved_as_text_gives_the_same_document(layout: str) -> None:
    from gkml.importer.page import parse_page
    from gkml.importer.plan import plan_document
    from gkml.profile.model import load_profile

    spec = expected(layout)
    page = parse_page((TEXT_SAVES / f"{layout}.txt").read_bytes(), f"{layout}.txt")
    plan = plan_document(page, load_profile(), org_code="002986620", agency="安徽省应急管理厅", taken={},
                         category_map=spec.get("category_map"))
    for key, value in spec["fields"].items():
        if key != "attachments":
            assert plain(plan.fields.get(key)) == plain(value), (key, plan.fields.get(key))
    position = 0
    for phrase in spec["body_has"]:
        if phrase.startswith("|"):  # a text save keeps a table's cells, not its grid
            continue
        phrase = re.sub(r"\[([^\]]+)\]\(<[^>]+>\)", r"\1", phrase)  # nor its links: their text
        found = page.body_markdown.find(phrase, position)
        assert found >= 0, (phrase, page.body_markdown[position:position + 300])
        position = found + len(phrase)
    for phrase in spec.get("body_lacks", []):
        assert phrase not in page.body_markdown, phrase
