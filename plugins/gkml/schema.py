"""The disclosure profile: which fields a document has, their labels and rules.

The profile is data (profiles/default.yml or a file named in mkdocs.yml), so an
agency changes its catalogue by editing YAML, not code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PROFILE = Path(__file__).parent / "profiles" / "default.yml"

FIELD_TYPES = frozenset(
    {
        "string", "text", "date", "datetime", "integer", "boolean", "enum", "list",
        "category", "index_no", "doc_no", "index_ref", "attachments", "withdrawal",
    }
)


class ProfileError(ValueError):
    """The profile itself is malformed (a maintainer's mistake, not an editor's)."""


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str
    required: bool = False
    required_when: Mapping[str, Any] = field(default_factory=dict)
    values: tuple[str, ...] = ()
    default: Any = None
    max_length: int | None = None
    max_items: int | None = None
    vocabulary: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    parent: str | None
    children: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class CategoryTree:
    by_slug: Mapping[str, Category]
    roots: tuple[str, ...]

    def __contains__(self, slug: object) -> bool:
        return slug in self.by_slug

    def __getitem__(self, slug: str) -> Category:
        return self.by_slug[slug]

    def ancestors(self, slug: str) -> list[Category]:
        """The category's ancestors, root first, excluding itself."""
        chain: list[Category] = []
        parent = self.by_slug[slug].parent
        while parent is not None:
            chain.append(self.by_slug[parent])
            parent = self.by_slug[parent].parent
        return chain[::-1]

    def walk(self) -> Iterator[tuple[Category, int]]:
        """Every category in tree order with its depth."""

        def visit(slug: str, depth: int) -> Iterator[tuple[Category, int]]:
            category = self.by_slug[slug]
            yield category, depth
            for child in category.children:
                yield from visit(child, depth + 1)

        for root in self.roots:
            yield from visit(root, 0)


@dataclass(frozen=True)
class Profile:
    fields: Mapping[str, FieldSpec]
    categories: CategoryTree
    vocabularies: Mapping[str, tuple[str, ...]]
    publishable: Mapping[str, tuple[str, ...]]
    index_date_field: str

    def label(self, key: str) -> str:
        spec = self.fields.get(key)
        return spec.label if spec else key


def _category_tree(entries: list[Mapping[str, Any]]) -> CategoryTree:
    by_slug: dict[str, Category] = {}

    def add(entry: Mapping[str, Any], parent: str | None) -> str:
        slug = str(entry["slug"])
        if slug in by_slug:
            raise ProfileError(f"category slug {slug!r} appears twice in the profile")
        children = tuple(add(child, slug) for child in entry.get("children") or ())
        by_slug[slug] = Category(slug, str(entry["name"]), parent, children, str(entry.get("description", "")))
        return slug

    roots = tuple(add(entry, None) for entry in entries)
    return CategoryTree(by_slug, roots)


def _field_spec(key: str, raw: Mapping[str, Any]) -> FieldSpec:
    kind = raw.get("type", "string")
    if kind not in FIELD_TYPES:
        raise ProfileError(f"field {key!r}: unknown type {kind!r}")
    return FieldSpec(
        key=key,
        label=str(raw.get("label", key)),
        type=kind,
        required=bool(raw.get("required", False)),
        required_when=dict(raw.get("required_when") or {}),
        values=tuple(str(v) for v in raw.get("values") or ()),
        default=raw.get("default"),
        max_length=raw.get("max_length"),
        max_items=raw.get("max_items"),
        vocabulary=raw.get("vocabulary"),
        description=str(raw.get("description", "")),
    )


def profile_from_mapping(data: Mapping[str, Any]) -> Profile:
    fields = {key: _field_spec(key, raw or {}) for key, raw in data["fields"].items()}
    vocabularies = {name: tuple(map(str, words or ())) for name, words in (data.get("vocabularies") or {}).items()}
    publishable = {key: tuple(map(str, values)) for key, values in (data.get("publishable") or {}).items()}
    return Profile(
        fields=fields,
        categories=_category_tree(data["categories"]),
        vocabularies=vocabularies,
        publishable=publishable,
        index_date_field=str((data.get("index_no") or {}).get("date_field", "created")),
    )


def load_profile(path: str | Path | None = None) -> Profile:
    source = Path(path) if path else DEFAULT_PROFILE
    with source.open(encoding="utf-8") as stream:
        return profile_from_mapping(yaml.safe_load(stream))


def json_schema(profile: Profile) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a document's front matter, for YAML editors."""
    string = {"type": "string"}
    date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    by_type: dict[str, dict[str, Any]] = {
        "string": {**string, "pattern": r"^[^\n]*$"},
        "text": string,
        "date": date,
        "datetime": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"},
        "integer": {"type": "integer"},
        "boolean": {"type": "boolean"},
        "category": {"enum": [c.slug for c, _ in profile.categories.walk()]},
        "index_no": {"type": "string", "pattern": r"^([0-9A-Z]{9}|[0-9A-Z]{18})/\d{4}(\d{2})?-\d{5}$"},
        "index_ref": {"type": "string", "pattern": r"^([0-9A-Z]{9}|[0-9A-Z]{18})/\d{4}(\d{2})?-\d{5}$"},
        "doc_no": {"type": "string", "pattern": r"^.+〔\d{4}〕\d+号$"},
        "list": {"type": "array", "items": string},
        "attachments": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"file": string, "title": string},
                "required": ["file", "title"],
                "additionalProperties": False,
            },
        },
        "withdrawal": {
            "type": "object",
            "properties": {"date": date, "reason": string},
            "required": ["date", "reason"],
            "additionalProperties": False,
        },
    }
    properties: dict[str, Any] = {}
    for spec in profile.fields.values():
        prop = {"enum": list(spec.values)} if spec.type == "enum" else dict(by_type[spec.type])
        if spec.type == "list" and spec.vocabulary and profile.vocabularies.get(spec.vocabulary):
            prop["items"] = {"enum": list(profile.vocabularies[spec.vocabulary])}
        if spec.max_length:
            prop["maxLength"] = spec.max_length
        if spec.max_items:
            prop["maxItems"] = spec.max_items
        if spec.default is not None:
            prop["default"] = spec.default
        prop["title"] = spec.label
        prop["description"] = f"{spec.label}（{spec.key}）" + (f"：{spec.description}" if spec.description else "")
        properties[spec.key] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开目录文件",
        "type": "object",
        "properties": properties,
        "required": [spec.key for spec in profile.fields.values() if spec.required],
        "additionalProperties": False,
    }
