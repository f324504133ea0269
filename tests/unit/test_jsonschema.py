"""The exported JSON Schemas agree with `gkml check` and describe what the site publishes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml
from gkml.content.validation import check_file
from gkml.profile.jsonschema import json_schema
from gkml.profile.model import load_profile
from support import ROOT, doc

PROFILE = load_profile()
VALIDATOR = jsonschema.Draft202012Validator(json_schema(PROFILE))


def front_matter(text: str) -> dict[str, object]:
    data = yaml.safe_load(text.lstrip("\ufeff").split("---\n")[1]) or {}
    return {key: value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else value
            for key, value in data.items()}


def schema_errors(instance: dict[str, object]) -> list[str]:
    return sorted(e.message for e in VALIDATOR.iter_errors(instance))


def test_committed_schema_is_the_exported_one() -> None:
    out = subprocess.run([sys.executable, "-m", "gkml.cli", "schema"], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    committed = (ROOT / "schema" / "gkml-document.schema.json").read_text(encoding="utf-8")
    assert json.loads(out) == json.loads(committed), "run: gkml schema --out schema/gkml-document.schema.json"


@pytest.mark.parametrize("path", sorted((ROOT / "content" / "catalogue").rglob("*.md")), ids=lambda p: p.name)
def test_sample_documents_match_the_schema(path: Path) -> None:
    assert schema_errors(front_matter(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(("text", "valid"), [
    (doc(published="2024-03-05T09:00"), True),  # accepted by gkml check, so by the schema
    (doc(published="2024-03-05 09:00"), True),
    (doc(published="2024/03/05"), False),
    (doc(index_no="002986620/202003-０００１２"), False),  # full-width digits are not digits here
    (doc(disclosure="不予公开"), False),  # 不予公开 needs exemption
    (doc("exemption: 国家秘密", disclosure="不予公开"), True),
    (doc(category="nb"), False),  # an annual report needs report_year
    (doc("report_year: 2019", category="nb"), True),
    (doc("doc_no: 皖应急〔2020〕0号"), False),  # numbers start at 1
    (doc("doc_no: 皖应急〔2020〕05号"), True),  # as the document prints it
])
def test_schema_and_check_agree(text: str, valid: bool) -> None:
    checked = check_file("catalogue/fgwj/x.md", text.encode(), PROFILE, lambda rel: True)
    assert (not checked.problems) == valid, [p.format() for p in checked.problems]
    assert (schema_errors(front_matter(text)) == []) == valid
