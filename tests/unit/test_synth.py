"""The synthetic catalogue follows the content model and is reproducible."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from gkml_bench.synth import CATEGORIES, generate_catalogue

GENRES = {
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
    "请示", "批复", "议案", "函", "纪要", "规划", "解读", "总结", "其他",
}
REQUIRED = ("title", "index_no", "category", "publisher", "created", "published", "disclosure")


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    assert body.strip(), path
    data = yaml.safe_load(head)
    assert isinstance(data, dict), path
    return data


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[Path, dict[str, Any]]]]:
    out = tmp_path_factory.mktemp("synth")
    summary = generate_catalogue(out, 200, seed=7)
    assert summary.total == 200
    docs = [(p, _front_matter(p)) for p in sorted((out / "catalogue").rglob("*.md"))]
    return out, docs


def test_deterministic(tmp_path: Path) -> None:
    a = generate_catalogue(tmp_path / "a", 120, seed=3)
    b = generate_catalogue(tmp_path / "b", 120, seed=3)
    generate_catalogue(tmp_path / "c", 120, seed=4)
    assert a.by_category == b.by_category and a.by_disclosure == b.by_disclosure
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")
    assert _tree_digest(tmp_path / "a") != _tree_digest(tmp_path / "c")


def test_refuses_non_empty_catalogue(tmp_path: Path) -> None:
    generate_catalogue(tmp_path, 5)
    with pytest.raises(FileExistsError):
        generate_catalogue(tmp_path, 5)


def test_documents_follow_the_content_model(catalogue: tuple[Path, list[tuple[Path, dict[str, Any]]]]) -> None:
    _, docs = catalogue
    assert len(docs) == 200
    today = dt.date.today()
    for path, fm in docs:
        for key in REQUIRED:
            assert fm.get(key), (path, key)
        assert fm["category"] in CATEGORIES
        assert path.parent.name == fm["category"]
        assert 1 <= len(fm["title"]) <= 200 and "\n" not in fm["title"]
        created = fm["created"]
        assert isinstance(created, dt.date)
        published = fm["published"]
        published_day = published if isinstance(published, dt.date) else dt.date.fromisoformat(published[:10])
        assert created <= published_day < today
        org, _, rest = fm["index_no"].partition("/")
        assert org == "002986620"
        assert rest[:6] == f"{created.year:04d}{created.month:02d}" and rest[6] == "-" and len(rest) == 12
        assert fm["disclosure"] in ("主动公开", "依申请公开", "不予公开")
        if fm["disclosure"] == "不予公开":
            assert fm["exemption"]
        if "genre" in fm:
            assert fm["genre"] in GENRES
        assert len(fm.get("keywords", [])) <= 5
        assert len(fm.get("summary", "")) <= 300
        if fm["category"] == "nb":
            assert isinstance(fm["report_year"], int)
        if "doc_no" in fm:
            assert f"〔{created.year}〕" in fm["doc_no"] and fm["doc_no"].endswith("号")


def test_index_numbers_unique_and_every_category_present(
    catalogue: tuple[Path, list[tuple[Path, dict[str, Any]]]],
) -> None:
    _, docs = catalogue
    numbers = [fm["index_no"] for _, fm in docs]
    assert len(set(numbers)) == len(numbers)
    assert {fm["category"] for _, fm in docs} == set(CATEGORIES)


def test_superseded_targets_exist_and_are_newer(catalogue: tuple[Path, list[tuple[Path, dict[str, Any]]]]) -> None:
    _, docs = catalogue
    by_no = {fm["index_no"]: fm for _, fm in docs}
    superseded = [fm for _, fm in docs if "superseded_by" in fm]
    for fm in superseded:
        target = by_no[fm["superseded_by"]]
        assert fm["validity"] in ("废止", "失效", "已修订")
        assert target["created"] > fm["created"]


def test_attachments_exist(catalogue: tuple[Path, list[tuple[Path, dict[str, Any]]]]) -> None:
    _, docs = catalogue
    for path, fm in docs:
        for item in fm.get("attachments", []):
            file = path.parent / item["file"]
            assert file.is_file() and file.read_bytes().startswith(b"%PDF-")
            assert item["title"]


def test_guide_pages(catalogue: tuple[Path, list[tuple[Path, dict[str, Any]]]]) -> None:
    out, _ = catalogue
    for slug in ("gkzn", "gkzd"):
        assert set(_front_matter(out / "pages" / f"{slug}.md")) == {"title"}


def test_proportions_at_scale(tmp_path: Path) -> None:
    summary = generate_catalogue(tmp_path, 3000, seed=1)
    assert summary.total == 3000 == sum(summary.by_category.values())
    assert set(summary.by_category) == set(CATEGORIES)
    assert 0.01 <= summary.by_disclosure["依申请公开"] / 3000 <= 0.04
    assert 0.003 <= summary.by_disclosure["不予公开"] / 3000 <= 0.02
    assert 0.015 <= summary.attachments / 3000 <= 0.05
    changed = sum(v for k, v in summary.by_validity.items() if k != "有效")
    assert 0.02 <= changed / 3000 <= 0.08
    assert 0.5 <= summary.with_doc_no / 3000 <= 0.75


def test_keywords_do_not_repeat(catalogue: tuple[Path, list[tuple[Path, dict[str, Any]]]]) -> None:
    _, docs = catalogue
    for _, fm in docs:
        assert len(set(fm["keywords"])) == len(fm["keywords"])
