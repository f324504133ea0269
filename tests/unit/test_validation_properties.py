"""Property tests: check_file never raises, always locates its problems, and passes valid documents."""

from __future__ import annotations

import posixpath
import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import jsonschema
import yaml
from contract_corpus import LABELS, corpus, encoded
from gkml.catalogue.document import SHANGHAI
from gkml.catalogue.publication import hold_reason
from gkml.catalogue.taxonomy import TaxonomySpec
from gkml.config import DEFAULT_TAXONOMIES
from gkml.content.corrections import INVISIBLE, ODD_SPACES
from gkml.content.loader import check_tree
from gkml.content.validation import FileResult, check_file
from gkml.profile.jsonschema import json_schema
from gkml.profile.model import load_profile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROFILE = load_profile()
SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(json_schema(PROFILE))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def check(data: bytes) -> FileResult:
    return check_file("catalogue/fgwj/x.md", data, PROFILE, lambda rel: rel.endswith(".pdf"))


def assert_well_formed(result: FileResult) -> None:
    assert isinstance(result, FileResult)
    assert (result.document is None) == bool(result.problems)
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.message and CHINESE.search(problem.message), problem
        assert problem.path == "catalogue/fgwj/x.md"
        problem.format()


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    assert_well_formed(check(data))


@SETTINGS
@given(st.text(max_size=1000))
def test_arbitrary_text_as_front_matter(text: str) -> None:
    assert_well_formed(check(f"---\n{text}\n---\n".encode("utf-8", "surrogatepass")))


@SETTINGS
@given(st.text(max_size=1000), st.text(max_size=1000))
def test_arbitrary_body(front: str, body: str) -> None:
    assert_well_formed(check(f"---\ntitle: x\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")))


# --- YAML-ish front matter from building blocks ------------------------------------

KNOWN_KEYS = list(PROFILE.fields)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.sampled_from(["pubisher", "发布机构", "x", "on", "yes", "1", "<<"]),
                 st.text(alphabet="abcdefghijklmnopqrstuvwxyz_名称", min_size=1, max_size=8))
plain_scalars = st.sampled_from([
    "yes", "no", "on", "off", "true", "False", "~", "null", "", "0", "-1", "0x1f", "1e3", ".inf", ".nan", "0o17",
    "2010-12-03", "2010-02-30", "2010-12-07 08:54", "2010-12-07T08:54:00Z", "２０１０－１２－０３", "2010/12/03",
    "2010年12月3日", "002986620/201012-00015", "皖应急[2020]12号", "皖应急〔2020〕12号", "fgwj", "nb", "法规文件",
    "主动公开", "不予公开", "报告", "有效", "'quoted'", '"double"', "'unterminated", "a: b", "- x", "[1, 2", "{a: 1}",
    "&anchor v", "*anchor", "*nowhere", "!!str 12", "!!python/object:os.system x", "|", ">", "? x", "%TAG", "@x", "`x",
    "files/a.pdf", "../../../etc/passwd", "\t", "\u3000", "\ufeff",
])
free_scalars = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30).map(lambda s: s.replace("\n", " "))
scalars = st.one_of(plain_scalars, free_scalars, st.integers().map(str), st.floats().map(str),
                    st.dates().map(str), st.booleans().map(str))


@st.composite
def yaml_values(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A value as lines, the first continuing the key's line."""
    kind = draw(st.sampled_from(["scalar", "scalar", "flow-list", "block-list", "map", "block-scalar"] if depth < 3
                                else ["scalar"]))
    indent = " " * draw(st.integers(1, 4))
    if kind == "scalar":
        return [draw(scalars)]
    if kind == "flow-list":
        return ["[" + ", ".join(draw(st.lists(scalars, max_size=7))) + "]"]
    if kind == "block-scalar":
        return [draw(st.sampled_from(["|", ">", "|-", ">+"])), *(indent + line for line in draw(st.lists(free_scalars, max_size=3)))]
    lines = [""]
    for _ in range(draw(st.integers(0, 4))):
        inner = draw(yaml_values(depth + 1))
        prefix = "- " if kind == "block-list" else f"{draw(keys)}: "
        lines.append(indent + prefix + inner[0])
        lines.extend(indent + "  " + line for line in inner[1:])
    return lines


@st.composite
def yaml_front_matter(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        key = draw(keys)
        value = draw(yaml_values())
        anchor = draw(st.sampled_from(["", "", "", "&a ", "*a", "!!str ", "!!int "]))
        lines.append(f"{key}: {anchor}{value[0]}" if anchor != "*a" else f"{key}: *a")
        lines.extend(value[1:])
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["# comment", "\t", "  ", "---", "...", "<<: *a", "? complex", "- stray"])))
    if draw(st.booleans()):
        position = draw(st.integers(0, len(lines)))
        lines.insert(position, draw(st.sampled_from(["\tindented: 1", "key:\tvalue", "  nested: 2"])))
    return "\n".join(lines)


@SETTINGS
@given(yaml_front_matter(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_yaml_building_blocks(front: str, newline: str, bom: bool) -> None:
    text = ("\ufeff" if bom else "") + f"---\n{front}\n---\n正文\n".replace("\n", newline)
    assert_well_formed(check(text.encode("utf-8")))


# --- valid documents always validate -------------------------------------------------

CATEGORIES = [slug for slug in PROFILE.categories.by_slug]
GENRES = list(PROFILE.fields["genre"].values)
VALIDITY = list(PROFILE.fields["validity"].values)
# Titles as editors write them: any letters, digits, punctuation and plain spaces, one line, no control
# characters (look-alike spaces are a problem gkml fix corrects).
title_text = st.text(alphabet=st.characters(whitelist_categories=["L", "N", "P", "S", "Zs"],
                                            blacklist_characters="\u2028\u2029\x85" + ODD_SPACES + INVISIBLE),
                     min_size=1, max_size=200).filter(lambda s: s.strip() == s and s)
word = st.text(alphabet=st.characters(whitelist_categories=["Lo", "Ll", "Lu", "Nd"]), min_size=1, max_size=8)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: always a string, whatever it contains."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def valid_documents(draw: st.DrawFn) -> str:
    created = draw(st.dates(date(1990, 1, 1), date(2035, 12, 31)))
    published = datetime.combine(created, datetime.min.time()) + timedelta(
        days=draw(st.integers(0, 400)), minutes=draw(st.integers(0, 24 * 60 - 1)))
    org = draw(st.sampled_from(["002986620", "11340000MB1A23456X"]))
    period = f"{created.year:04d}{created.month:02d}" if draw(st.booleans()) else f"{created.year:04d}"
    index_no = f"{org}/{period}-{draw(st.integers(0, 99999)):05d}"
    category = draw(st.sampled_from(CATEGORIES))
    disclosure = draw(st.sampled_from(PROFILE.fields["disclosure"].values))
    time_form = draw(st.sampled_from(["date", "minutes", "seconds"]))
    published_text = {"date": published.strftime("%Y-%m-%d"), "minutes": published.strftime("%Y-%m-%d %H:%M"),
                      "seconds": published.strftime("%Y-%m-%d %H:%M:%S")}[time_form]
    lines = [
        f"title: {quoted(draw(title_text))}",
        f"index_no: {index_no}",
        f"category: {category}",
        f"publisher: {quoted(draw(title_text))}",
        f"created: {draw(st.sampled_from([str(created), quoted(str(created))]))}",
        f"published: {draw(st.sampled_from([published_text, quoted(published_text)]))}",
        f"disclosure: {disclosure}",
    ]
    if disclosure == "不予公开":
        lines.append(f"exemption: {quoted(draw(title_text))}")
    if category == "nb":
        lines.append(f"report_year: {draw(st.integers(1990, published.year))}")  # a report on a year begun
    optional = {
        "doc_no": st.builds(lambda a, y, n: f"{a}〔{y}〕{n}号", word, st.integers(1990, created.year), st.integers(1, 999)),
        "summary": st.text(alphabet=st.characters(whitelist_categories=["L", "N", "P", "Zs"],
                                                  blacklist_characters="\u2028\u2029\x85"),
                           min_size=1, max_size=300).filter(lambda s: s.strip()).map(quoted),
        "genre": st.sampled_from(GENRES),
        "validity": st.sampled_from(VALIDITY),
        "keywords": st.lists(word, max_size=5, unique=True).map(lambda ws: "[" + ", ".join(map(quoted, ws)) + "]"),
        "topics": st.lists(word, max_size=8, unique=True).map(lambda ws: "[" + ", ".join(map(quoted, ws)) + "]"),
        "source": title_text.map(quoted),
        "draft": st.sampled_from(["true", "false"]),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        value = draw(optional[key])
        if key == "doc_no":
            value = quoted(value)
        lines.append(f"{key}: {value}")
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), "# 注释")
    body = draw(st.text(alphabet=st.characters(whitelist_categories=["L", "N", "Zs"]), max_size=200))
    return "---\n" + "\n".join(draw(st.permutations(lines))) + "\n---\n" + body + "\n"


@SETTINGS
@given(valid_documents(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_valid_documents_validate(text: str, newline: str, bom: bool) -> None:
    data = (("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8")
    result = check(data)
    assert not result.problems, (text, [p.format() for p in result.problems])
    assert result.document is not None


@SETTINGS
@given(valid_documents())
def test_valid_documents_match_the_json_schema(text: str) -> None:
    """What `gkml check` accepts, the JSON Schema handed to editors' YAML tools accepts too."""
    front = text.split("---\n")[1]
    instance = {key: _as_yaml_text(value) for key, value in yaml.safe_load(front).items()}
    errors = sorted(SCHEMA_VALIDATOR.iter_errors(instance), key=str)
    assert not errors, (front, [e.message for e in errors])


def _as_yaml_text(value: object) -> object:
    """Dates as the text an editor typed: YAML editors validate the scalar, not a parsed date."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- contract-valid catalogues (tests/contract_corpus.py, made from the contract alone) -------------

AS_OF = datetime(2026, 1, 1, tzinfo=SHANGHAI)
TAXONOMIES = [TaxonomySpec(t["field"], t["slug"], t["title"], t.get("by", "value"), "") for t in DEFAULT_TAXONOMIES]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.integers(1, 40))
def test_contract_valid_catalogues_pass_whole(seed: int, count: int) -> None:
    """A catalogue of contract-valid documents (relations across them, attachments, every
    category, field and form) passes the check and the gate whole, each document as written."""
    files, expected = corpus(seed, count, today=AS_OF.date())
    with tempfile.TemporaryDirectory(prefix="rt-contract-") as folder:
        docs_dir = Path(folder)
        by_path = {doc.path: doc for doc in expected}
        for rel, data in files.items():
            path = docs_dir / "catalogue" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else encoded(by_path[rel], data))
        result = check_tree(docs_dir, "catalogue", PROFILE, taxonomies=TAXONOMIES, now=AS_OF)
    assert not result.problems, [p.format() for p in result.problems]
    # a 生成日期 after today is allowed (the document embargoed till its 发布日期): a notice each
    assert {notice.path for notice in result.notices if notice.code == "created-in-future"} == \
        {f"catalogue/{doc.path}" for doc in expected if doc.created > AS_OF.date()}
    documents = {doc.index_no: doc for doc in result.documents}
    assert sorted(documents) == sorted(doc.index_no for doc in expected)
    for want in expected:
        got = documents[want.index_no]
        assert (hold_reason(got, PROFILE, AS_OF) is None) == want.public, want.path
        assert (got.title, got.category, got.meta["created"]) == (want.title, want.category, want.created)
        assert got.published.replace(tzinfo=None) == want.published_at
        assert (got.meta.get("superseded_by") or "", got.meta.get("interprets") or "") == \
            (want.superseded_by, want.interprets)
        assert [(a.file, a.title) for a in got.attachments] == [
            (posixpath.normpath(posixpath.join("catalogue", posixpath.dirname(want.path), name)), title)
            for name, title in want.attachments]
        for key, label in LABELS.items():
            if label in want.shown and key in ("doc_no", "genre", "validity", "source", "summary", "publisher"):
                assert got.meta.get(key, "有效" if key == "validity" else None) == want.shown[label][0], (want.path, key)
            elif label in want.shown and key in ("topics", "keywords"):
                assert list(got.meta[key]) == want.shown[label], (want.path, key)
