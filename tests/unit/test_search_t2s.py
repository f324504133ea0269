"""The search page's traditional → simplified table (gkml-t2s.js, written by tools/make-t2s): what the
empty answer's 改为检索 offer is made from."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gkml.site.scripts import served

TABLE = Path(__file__).resolve().parents[2] / "plugins/gkml/site/assets/search/gkml-t2s.js"


def _table(text: str) -> dict[str, str]:
    value = json.loads(re.split(r"window\.GKML_T2S\s*=\s*", text, maxsplit=1)[1].strip().rstrip(";"))
    assert len(value["from"]) == len(value["to"]) == len(set(value["from"]))
    return dict(zip(value["from"], value["to"], strict=True))


def test_the_table_maps_the_characters_readers_type_in_traditional_form() -> None:
    table = _table(TABLE.read_text("utf-8"))
    assert "".join(table.get(c, c) for c in "應急預案演練獎勵規劃關於後發展") == "应急预案演练奖励规划关于后发展"
    assert 2000 < len(table) < 5000  # a few thousand characters, not a dictionary of phrases
    assert not set("应急预案奖励规划") & set(table)  # a simplified query is left as it is


def test_the_site_serves_the_table_minified_and_whole() -> None:
    assert _table(served(TABLE).decode("utf-8")) == _table(TABLE.read_text("utf-8"))
