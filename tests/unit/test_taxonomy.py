"""Taxonomies: grouping (value, year, tree) and term order are configured separately per field."""

from __future__ import annotations

from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.document import Document
from gkml.catalogue.taxonomy import (
    GROUPINGS,
    ORDERS,
    TaxonomySpec,
    build_taxonomy,
    every_slug_clash,
)
from gkml.config_items import TaxonomyOptions
from gkml.profile.model import load_profile

PROFILE = load_profile()


def spec_of(**entry: str) -> TaxonomySpec:
    """A `taxonomies` entry of mkdocs.yml made a spec as the options make it."""
    options = TaxonomyOptions()
    options.load_dict(entry)
    assert options.validate() == ([], [])
    return options.spec()


def terms(sample_catalogue: Catalogue, **spec: str) -> list[str]:
    return [t.key for t in build_taxonomy(spec_of(title="t", **spec), sample_catalogue.published, PROFILE.categories).terms]


def test_each_grouping_has_its_natural_order(sample_catalogue: Catalogue) -> None:
    years = terms(sample_catalogue, field="published", by="year")
    assert years == sorted(years, reverse=True) and len(years) > 3
    categories = terms(sample_catalogue, field="category", by="tree")
    assert categories == [c.slug for c, _ in PROFILE.categories.walk()]
    publishers = build_taxonomy(spec_of(field="publisher", title="t"), sample_catalogue.published, PROFILE.categories)
    counts = [publishers.count(t.key) for t in publishers.terms]
    assert counts == sorted(counts, reverse=True)


def test_order_is_a_separate_choice(sample_catalogue: Catalogue) -> None:
    by_name = terms(sample_catalogue, field="publisher", order="name")
    assert by_name == sorted(by_name)
    oldest_first = terms(sample_catalogue, field="published", by="year", order="name")
    assert oldest_first == sorted(oldest_first)


def test_the_options_offer_every_grouping_and_order_and_no_other() -> None:
    """mkdocs.yml refuses any other by or order (tests/build/test_plugin_options.py): the choices are these."""
    schema = dict(TaxonomyOptions._schema)
    assert set(schema["by"].choices) == set(GROUPINGS)
    assert set(schema["order"].choices) == {"", *ORDERS}


def _doc(path: str, **meta: object) -> Document:
    return Document(path, meta, "", 1)


def slug_clashes(spec: TaxonomySpec, documents: list[Document]) -> list[tuple[Document, str, Document, str]]:
    return [clash[1:] for clash in every_slug_clash([spec], documents)]


def test_slug_clashes_are_found_among_many_equal_values() -> None:
    """The check looks among distinct values first; every clash must still be found: a single
    value after many equal ones, two spellings in one document, and none where spellings agree."""
    publisher = TaxonomySpec("publisher", "publisher", "发布机构")
    keywords = TaxonomySpec("keywords", "keyword", "主题词")
    many = [_doc(f"{n}.md", publisher="ABC", keywords=("安全", "ABC")) for n in range(50)]
    late = _doc("late.md", publisher="abc", keywords=("安全",))
    twice = _doc("twice.md", publisher="ABC", keywords=("XYZ", "xyz"))
    assert [(d.src_path, v, e.src_path, o) for d, v, e, o in slug_clashes(publisher, [*many, late])] == [
        ("late.md", "abc", "0.md", "ABC")]
    assert [(d.src_path, v, o) for d, v, _, o in slug_clashes(keywords, [*many, twice])] == [("twice.md", "xyz", "XYZ")]
    assert slug_clashes(publisher, [*many, twice]) == []


def test_every_field_s_clashes_are_found_in_one_reading() -> None:
    """The check reads the documents once for every taxonomy: each field's clashes are still its
    own, in the taxonomies' order, an unhashable value (a list a hook left) walks only its field."""
    publisher = TaxonomySpec("publisher", "publisher", "发布机构")
    keywords = TaxonomySpec("keywords", "keyword", "主题词")
    year = TaxonomySpec("published", "year", "年份", by="year")
    docs = [_doc("a.md", publisher="ABC", keywords=["XYZ"]), _doc("b.md", publisher="abc", keywords=["xyz", "安全"]),
            _doc("c.md", publisher="DEF", keywords=["安全"])]
    found = [(s.field, d.src_path, v, e.src_path, o) for s, d, v, e, o in every_slug_clash([year, publisher, keywords], docs)]
    assert found == [("publisher", "b.md", "abc", "a.md", "ABC"), ("keywords", "b.md", "xyz", "a.md", "XYZ")]
    assert every_slug_clash([publisher, keywords], docs[2:]) == []
