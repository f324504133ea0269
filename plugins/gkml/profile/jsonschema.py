"""The profile as a JSON Schema (draft 2020-12) of a document's front matter, for YAML
editors (`gkml schema`). Every value format comes from gkml.profile.types, the table the
validator reads, so the schema and `gkml check` cannot drift apart."""

from __future__ import annotations

from typing import Any

from gkml.profile.model import FieldSpec, Profile
from gkml.profile.types import json_type


def field_schema(spec: FieldSpec, profile: Profile) -> dict[str, Any]:
    """One field's value as the profile allows it (the open data's schema states its fields by it too)."""
    if spec.type == "enum":
        prop: dict[str, Any] = {"enum": list(spec.values)}
    elif spec.type == "category":
        prop = {"enum": [c.slug for c, _ in profile.categories.walk()]}
    else:
        prop = json_type(spec.type)
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
    return prop


def _required_when(spec: FieldSpec) -> dict[str, Any]:
    """`required_when: {disclosure: 不予公开}` as if/then."""
    return {
        "if": {"properties": {k: {"const": v} for k, v in spec.required_when.items()},
               "required": list(spec.required_when)},
        "then": {"required": [spec.key]},
    }


def json_schema(profile: Profile) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开目录文件",
        "type": "object",
        "properties": {spec.key: field_schema(spec, profile) for spec in profile.fields.values()},
        "required": [spec.key for spec in profile.fields.values() if spec.required],
        "additionalProperties": False,
    }
    conditional = [_required_when(spec) for spec in profile.fields.values() if spec.required_when and not spec.required]
    if conditional:
        schema["allOf"] = conditional
    return schema
