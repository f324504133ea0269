"""The disclosure profile: which fields a document has, their labels and rules.

The profile is data (profiles/default.yml or a file named in mkdocs.yml), so an
agency changes its catalogue by editing YAML, not code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gkml.profile.types import unseen_in_line

# PyYAML's safe loader, libyaml's when it is there (every wheel has it): the same values, read
# ~10x faster (the default profile: 0.03 s of each `gkml check` of one file, in pure Python)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_PROFILE = Path(__file__).parent / "default.yml"

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
    # a value as old pages and other catalogues write it, and the value it is (有效性 现行有效 → 有效)
    spelled: Mapping[str, str] = field(default_factory=dict)
    # a value editors write that is none of `values` and no one of them for certain (部分失效): what to write
    advice: Mapping[str, str] = field(default_factory=dict)

    def required_for(self, values: Mapping[str, Any]) -> bool:
        """Required outright, or by `required_when` given the document's other values."""
        return self.required or (bool(self.required_when)
                                 and all(values.get(k) == v for k, v in self.required_when.items()))


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

    def named(self, text: str) -> str | None:
        """The slug `text` means when it is not one: `spelled`, or the end of one name only, as
        people shorten 政府信息公开年报 (`年报`, `指南`)."""
        if slug := self.spelled(text):
            return slug
        bare = "".join(text.split())
        ending = [category.slug for category in self.by_slug.values() if len(bare) >= 2 and category.name.endswith(bare)]
        return ending[0] if len(ending) == 1 else None

    def spelled(self, text: str) -> str | None:
        """The slug `text` certainly is, written otherwise: a category's name as the tree shows it
        (`法规文件`, `法规文件（规章、规范性文件、政策解读）`) or its slug in capitals or typed with a
        Chinese input method's full-width letters (`FGWJ`, `ｆｇｗｊ`)."""
        bare = "".join(text.split()).replace("(", "（").replace(")", "）")
        letters = unicodedata.normalize("NFKC", bare).casefold()
        for category in self.by_slug.values():
            names = {category.name, f"{category.name}（{category.description}）"}
            if bare in names or letters == category.slug.casefold():
                return category.slug
        return None

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
    roles: Mapping[str, str] = field(default_factory=dict)  # role -> category slug, e.g. annual_report: nb
    attachment_types: tuple[str, ...] = ()  # lower-case extensions; the only files published besides pages

    def category_for(self, role: str) -> str | None:
        """The category that plays `role` (annual_report …), None when the profile names none."""
        return self.roles.get(role)

    def label(self, key: str) -> str:
        spec = self.fields.get(key)
        return spec.label if spec else key


def _shown(text: str, what: str) -> str:
    """A name or label every page, feed and open-data file shows: refused when it holds what
    does not show (a line break, a control or a bidirectional control), which breaks the line
    or turns the text after it around for every reader."""
    if (found := unseen_in_line(text)) is None:
        return text
    raise ProfileError(f"{what} 中有看不见的字符 U+{ord(found):04X}（换行符、控制字符或双向文字控制符，常见于从 Word 或网页复制的文字），"
                       "网页、订阅和开放数据中显示的文字会被断开或倒转。请删除。")


_FOLDED = re.compile(r"[ \t]*[\t\n\r\u2028\u2029][\t\n\r\u2028\u2029 ]*")


def _prose(text: str, what: str) -> str:
    """A description (a field's, a category's): prose a maintainer may write over lines (a YAML block, `|`),
    shown as one line (the open data's schema, a category's page), so its line breaks and tabs are folded into
    one space; what else does not show is refused as in a name."""
    return _shown(_FOLDED.sub(" ", text).strip(), what)


def _category_tree(entries: list[Mapping[str, Any]]) -> CategoryTree:
    by_slug: dict[str, Category] = {}

    def add(entry: Mapping[str, Any], parent: str | None) -> str:
        slug = _shown(str(entry["slug"]), f"信息分类代码 {entry['slug']}")
        if slug in by_slug:
            raise ProfileError(f"信息分类代码 {slug} 在内容模型中出现了两次。")
        children = tuple(add(child, slug) for child in entry.get("children") or ())
        by_slug[slug] = Category(slug, _shown(str(entry["name"]), f"信息分类 {slug} 的名称 name"), parent, children,
                                 _prose(str(entry.get("description", "")), f"信息分类 {slug} 的说明 description"))
        return slug

    roots = tuple(add(entry, None) for entry in entries)
    return CategoryTree(by_slug, roots)


def _field_spec(key: str, raw: Mapping[str, Any]) -> FieldSpec:
    _shown(key, f"字段名 {key}")
    kind = raw.get("type", "string")
    if kind not in FIELD_TYPES:
        raise ProfileError(f"字段 {key} 的类型 {kind} 不存在，可用的类型：{'、'.join(sorted(FIELD_TYPES))}。")
    return FieldSpec(
        key=key,
        label=_shown(str(raw.get("label", key)), f"字段 {key} 的名称 label"),
        type=kind,
        required=bool(raw.get("required", False)),
        required_when=dict(raw.get("required_when") or {}),
        values=tuple(_shown(str(v), f"字段 {key} 的可选值 values") for v in raw.get("values") or ()),
        default=raw.get("default"),
        max_length=raw.get("max_length"),
        max_items=raw.get("max_items"),
        vocabulary=raw.get("vocabulary"),
        description=_prose(str(raw.get("description", "")), f"字段 {key} 的说明 description"),
        spelled=_spelled(key, raw),
        advice={str(said): _prose(str(told), f"字段 {key} 的提示 advice") for said, told in (raw.get("advice") or {}).items()},
    )


def _spelled(key: str, raw: Mapping[str, Any]) -> dict[str, str]:
    values = [str(v) for v in raw.get("values") or ()]
    spelled = {str(k): str(v) for k, v in (raw.get("spelled") or {}).items()}
    if wrong := [v for v in spelled.values() if v not in values]:
        raise ProfileError(f"字段 {key} 的写法 spelled 指向了不是可选值的“{wrong[0]}”，可选值：{'、'.join(values)}。")
    return spelled


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
        roles={str(role): str(slug) for role, slug in (data.get("roles") or {}).items()},
        attachment_types=_attachment_types(data.get("attachment_types")),
    )


# Types a browser would run on the site's origin (or that are documents themselves): never attachments. Any XML
# type a browser opens as a document (xht, rss, atom, xslt …) runs the XHTML script it holds; mht is a saved web
# page IE-engine browsers (360, QQ) open, htc a script IE runs; the rest a server may run as a program.
_ACTIVE_TYPES = frozenset({"md", "html", "htm", "xhtml", "xht", "shtml", "shtm", "stm", "mht", "mhtml", "htc", "hta",
                           "svg", "svgz", "js", "mjs", "css", "xml", "xsl", "xslt", "xsd", "rdf", "rss", "atom",
                           "mathml", "mml", "swf", "php", "php3", "php4", "php5", "phtml", "asp", "aspx", "asa", "ashx",
                           "asmx", "cer", "jsp", "jspx", "cgi", "pl"})


def _attachment_types(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise ProfileError("内容模型中缺少 attachment_types（附件可以使用的文件扩展名列表）。")
    types = tuple(str(t).lower().lstrip(".") for t in raw)
    if active := sorted(_ACTIVE_TYPES.intersection(types)):
        raise ProfileError(f"attachment_types 中不能有 {'、'.join(active)}：浏览器会把这类文件当作网站的一部分运行。")
    return types


def load_profile(path: str | Path | None = None) -> Profile:
    """The profile of the file `path` (default: default.yml); ProfileError when it is no profile,
    OSError when it cannot be read."""
    source = Path(path) if path else DEFAULT_PROFILE
    try:
        with source.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=SAFE_LOADER)
    except UnicodeDecodeError:
        raise ProfileError("不是 UTF-8 编码的文字文件。") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ProfileError(f"第 {mark.line + 1 if mark else 1} 行 YAML 格式有误，无法读取。") from None
    except yaml.YAMLError:
        raise ProfileError("YAML 格式有误，无法读取。") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("fields"), Mapping) \
            or not isinstance(data.get("categories"), list):
        raise ProfileError("内容模型应是一个映射，含有 fields（字段的映射）和 categories（信息分类的列表）。")
    try:
        return profile_from_mapping(data)
    except ProfileError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        missing = f"（缺少 {error.args[0]}）" if isinstance(error, KeyError) else ""
        raise ProfileError(f"结构有误{missing}：每个字段应是一个映射，每个信息分类应是含有 slug 和 name 的映射。") from None
