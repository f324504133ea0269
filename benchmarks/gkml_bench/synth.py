"""Synthetic disclosure catalogues for benchmarks and scale tests.

`generate_catalogue` writes N documents that follow the content model
(shared/spec/content-model.md) under `out/catalogue/<category>/`, plus the two
guide pages under `out/pages/`. The text is composed from phrase banks of
ordinary provincial emergency-management Chinese (gkml_bench.wording) so that word frequencies,
lengths and Markdown structures vary the way a real catalogue's do.

Everything is driven by one `random.Random(seed)`, so a seed always yields
byte-identical output. Front matter is formatted by hand (not `yaml.dump`)
because 100,000 dumps would dominate the run time; every string value is
double-quoted so no YAML 1.1 surprise can creep in.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from gkml_bench import wording

# The default category tree (slug -> name); `fdzdgknr` is the parent of the
# eleven statutory sub-categories and holds a few documents of its own.
CATEGORIES: dict[str, str] = {
    "gkzn": "政府信息公开指南",
    "gkzd": "政府信息公开制度",
    "fdzdgknr": "法定主动公开内容",
    "jgzn": "机构职能",
    "fgwj": "法规文件",
    "ghjh": "规划计划与总结",
    "tjxx": "统计信息",
    "xzxk": "行政许可与政务服务",
    "xzcf": "行政处罚与行政强制",
    "czzj": "财政资金",
    "yjgl": "应急管理",
    "aqjc": "安全生产监督检查",
    "rsxx": "人事信息",
    "jyta": "建议提案办理",
    "nb": "政府信息公开年报",
}

# Relative volume of each category in a real department's catalogue.
CATEGORY_WEIGHTS: dict[str, int] = {
    "gkzn": 1, "gkzd": 1, "fdzdgknr": 1, "jgzn": 2, "fgwj": 22, "ghjh": 6,
    "tjxx": 7, "xzxk": 12, "xzcf": 14, "czzj": 6, "yjgl": 12, "aqjc": 10,
    "rsxx": 4, "jyta": 3, "nb": 1,
}

FIRST_YEAR = 2008
# Fixed (not "today") so that a seed gives the same catalogue on any day;
# clamped to yesterday only on a machine whose clock is earlier than this.
DEFAULT_UNTIL = date(2026, 10, 31)

TOPICS: dict[str, tuple[str, ...]] = {
    "gkzn": ("综合政务",), "gkzd": ("综合政务",), "fdzdgknr": ("综合政务",),
    "jgzn": ("综合政务", "机构设置"),
    "fgwj": ("安全生产监管", "应急管理", "防灾减灾", "综合政务"),
    "ghjh": ("国民经济管理", "应急管理", "安全生产监管"),
    "tjxx": ("统计", "安全生产监管"),
    "xzxk": ("安全生产监管", "政务服务"),
    "xzcf": ("安全生产监管", "行政执法"),
    "czzj": ("财政", "政府采购", "审计"),
    "yjgl": ("应急管理", "防灾减灾", "气象、水文、测绘、地震"),
    "aqjc": ("安全生产监管", "行政执法"),
    "rsxx": ("人事", "公务员管理"),
    "jyta": ("综合政务", "建议提案"),
    "nb": ("综合政务", "政务公开"),
}


@dataclass(frozen=True)
class SynthSummary:
    """What `generate_catalogue` wrote."""

    out: Path
    seed: int
    total: int
    by_category: dict[str, int]
    by_disclosure: dict[str, int]
    by_validity: dict[str, int] = field(default_factory=dict)
    attachments: int = 0
    with_doc_no: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["out"] = str(self.out)
        return data


@dataclass
class _Doc:
    """One document's metadata before its text is composed."""

    category: str
    created: date
    index_no: str = ""
    stem: str = ""
    disclosure: str = "主动公开"
    validity: str = ""
    superseded_by: str = ""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (our text never holds control characters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _minimal_pdf(label: str) -> bytes:
    """A valid one-page PDF (hand-built xref) small enough to sit beside a document."""
    text = label.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _write_new(path: Path, data: bytes) -> None:
    """Create a file that must not exist yet; raw os calls, as file creation is the hot path."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _created_date(rng: random.Random, category: str, until: date) -> date:
    """Volume grows over the years, as real catalogues' do (weight ~ year index)."""
    years = list(range(FIRST_YEAR if category != "nb" else FIRST_YEAR + 1, until.year + 1))
    year = rng.choices(years, weights=range(4, 4 + len(years)))[0]
    if category == "nb":
        day = date(year, 1, 10) + timedelta(days=rng.randint(0, 75))
    else:
        day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    if day > until:
        day = until - timedelta(days=rng.randint(0, 200))
    return day


def _plan(rng: random.Random, n: int, org_code: str, until: date) -> list[_Doc]:
    """All metadata that links documents to each other, before any text."""
    slugs = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    cats = rng.choices(slugs, weights=weights, k=n)
    # Every category appears once n allows it.
    if n >= len(slugs):
        cats[: len(slugs)] = slugs
    docs = [_Doc(category=c, created=_created_date(rng, c, until)) for c in cats]
    docs.sort(key=lambda d: d.created)  # stable: ties keep their draw order
    serial: Counter[str] = Counter()
    for doc in docs:
        month = f"{doc.created.year:04d}{doc.created.month:02d}"
        serial[month] += 1
        if serial[month] > 99999:
            raise ValueError(f"more than 99999 documents in {month}: index_no would overflow")
        doc.index_no = f"{org_code}/{month}-{serial[month]:05d}"
        doc.stem = f"{month}-{serial[month]:05d}"
        roll = rng.random()
        doc.disclosure = "不予公开" if roll < 0.01 else "依申请公开" if roll < 0.03 else "主动公开"
    # ~5% are replaced by a newer published document of the same category.
    by_cat: dict[str, list[_Doc]] = {}
    for doc in docs:
        by_cat.setdefault(doc.category, []).append(doc)
    for members in by_cat.values():
        for j, doc in enumerate(members[:-1]):
            if doc.disclosure != "主动公开" or rng.random() >= 0.05:
                continue
            later = [d for d in members[j + 1 : j + 40] if d.disclosure == "主动公开" and d.created > doc.created]
            if later:
                doc.superseded_by = rng.choice(later).index_no
                doc.validity = rng.choice(("废止", "失效", "已修订"))
    return docs


def _front_matter(rng: random.Random, doc: _Doc, title: str, body: str, until: date) -> tuple[str, int]:
    """The front matter text and the report year (0 when none)."""
    y = doc.created.year
    if rng.random() < 0.65:
        published_day = min(doc.created + timedelta(days=int(rng.expovariate(1 / 3))), until)
        published = f"{published_day.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    else:
        published = min(doc.created + timedelta(days=rng.randint(0, 10)), until).isoformat()
    lines = [
        "---",
        f"title: {_q(title)}",
        f"index_no: {_q(doc.index_no)}",
        f"category: {doc.category}",
        f"publisher: {_q(wording.publisher(y))}",
        f"created: {doc.created.isoformat()}",
        f"published: {published}",
    ]
    if doc.category != "xzcf" and rng.random() < 0.6 or doc.category == "xzcf" and rng.random() < 0.9:
        lines.append(f"doc_no: {_q(wording.doc_no(rng, doc.category, y))}")
    if rng.random() < 0.6:
        first = body.split("\n\n", 1)[0]  # always a plain paragraph
        lines.append(f"summary: {_q(first[:rng.randint(40, 300)])}")
    lines.append(f"genre: {wording.genre(rng, doc.category, title)}")
    topics = rng.sample(TOPICS[doc.category], min(len(TOPICS[doc.category]), rng.randint(1, 2)))
    lines.append("topics: [" + ", ".join(_q(t) for t in topics) + "]")
    keywords = rng.sample(wording.KEYWORDS, rng.randint(1, 5))
    lines.append("keywords: [" + ", ".join(_q(k) for k in keywords) + "]")
    lines.append(f"disclosure: {doc.disclosure}")
    if doc.disclosure == "不予公开":
        lines.append(f"exemption: {_q(rng.choice(wording.EXEMPTIONS))}")
    if doc.validity:
        lines.append(f"validity: {doc.validity}")
        lines.append(f"superseded_by: {_q(doc.superseded_by)}")
    elif rng.random() < 0.3:
        lines.append("validity: 有效")
    if rng.random() < 0.5:
        lines.append(f"source: {_q(rng.choice((wording.publisher(y), wording.publisher(y) + rng.choice(wording.UNITS))))}")
    report_year = y - 1 if doc.category == "nb" else 0
    if report_year:
        lines.append(f"report_year: {report_year}")
    return "\n".join(lines), report_year


GUIDE_PAGES = {
    "gkzn": ("政府信息公开指南", "本指南说明本机关政府信息公开的范围、方式、程序和监督救济途径。"),
    "gkzd": ("政府信息公开制度", "本页汇总本机关政府信息公开工作的各项制度。"),
    # the repository's mkdocs.yml (the benchmark's template) names it; a named page must exist
    "ysqgk": ("依申请公开", "本页说明申请政府信息公开的渠道、地址和办理时限。"),
}


def _local_sentence(rng: random.Random, word: str) -> str:
    return rng.choice(("本文件适用于{w}。", "{w}相关单位参照执行。", "请{w}于月底前报送落实情况。")).format(w=word)


def generate_catalogue(
    out: Path, n: int, *, seed: int = 1, org_code: str = "002986620", until: date | None = None,
    local_words: Sequence[str] = (),
) -> SynthSummary:
    """Write `n` documents under `out/catalogue/` and the guide pages under `out/pages/`.

    `local_words`: words only this agency uses (its places), so that agencies differ in
    vocabulary: the first in exactly one document, each other one in about one document in
    ten. They draw on their own random stream: without them the catalogue is unchanged.
    Refuses to write into a non-empty `out/catalogue` so stale files never mix in.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    started = time.perf_counter()
    out = Path(out)
    catalogue = out / "catalogue"
    if catalogue.exists() and any(catalogue.iterdir()):
        raise FileExistsError(f"{catalogue} is not empty")
    cutoff = min(until or DEFAULT_UNTIL, date.today() - timedelta(days=1))
    rng = random.Random(seed)
    docs = _plan(rng, n, org_code, cutoff)

    for slug in CATEGORIES:
        (catalogue / slug).mkdir(parents=True, exist_ok=True)
    pages = out / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for slug, (title, text) in GUIDE_PAGES.items():
        (pages / f"{slug}.md").write_text(f"---\ntitle: {_q(title)}\n---\n\n# {title}\n\n{text}\n", encoding="utf-8")

    by_validity: Counter[str] = Counter()
    attachments = with_doc_no = 0
    made_files_dirs: set[str] = set()
    for doc in docs:
        title = wording.title(rng, doc.category, doc.created)
        # Mostly short, a long tail up to 20 paragraphs.
        n_paragraphs = min(20, 1 + int(rng.expovariate(1 / 3.5)))
        if doc.category == "nb":
            n_paragraphs = max(n_paragraphs, len(wording.NB_HEADINGS) + 1)
        body = wording.body(rng, doc.category, doc.created.year, n_paragraphs)
        if local_words:
            local = random.Random(f"{seed}-{doc.stem}")
            words = [w for w in local_words[1:] if local.random() < 0.1]
            words += local_words[:1] if doc is docs[len(docs) // 2] else []
            body += "".join(f"\n{_local_sentence(local, w)}\n" for w in words)
        front, _ = _front_matter(rng, doc, title, body, cutoff)
        with_doc_no += "\ndoc_no:" in front
        by_validity[doc.validity or "有效"] += 1
        folder = catalogue / doc.category
        if rng.random() < 0.03:
            name = f"{doc.stem}-fj1.pdf"
            if doc.category not in made_files_dirs:
                (folder / "files").mkdir(exist_ok=True)
                made_files_dirs.add(doc.category)
            _write_new(folder / "files" / name, _minimal_pdf(f"gkml attachment {doc.index_no}"))
            label = rng.choice(("附件", "附件1", "附表", "相关材料"))
            front += f"\nattachments:\n  - file: files/{name}\n    title: {_q(f'{label}：{title[:40]}')}"
            body += f"\n附件：[{label}](files/{name})\n"
            attachments += 1
        text = f"{front}\n---\n\n{body}"
        _write_new(folder / f"{doc.stem}.md", text.encode("utf-8"))

    return SynthSummary(
        out=out,
        seed=seed,
        total=len(docs),
        by_category={slug: count for slug in CATEGORIES if (count := sum(1 for d in docs if d.category == slug))},
        by_disclosure=dict(Counter(d.disclosure for d in docs)),
        by_validity=dict(by_validity),
        attachments=attachments,
        with_doc_no=with_doc_no,
        seconds=round(time.perf_counter() - started, 3),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gkml_bench.synth", description="Write a synthetic catalogue.")
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    summary = generate_catalogue(args.out, args.docs, seed=args.seed)
    print(f"{summary.total} documents in {summary.seconds:.2f} s -> {summary.out}")
    print("  " + "  ".join(f"{k}={v}" for k, v in summary.by_category.items()))
    print("  " + "  ".join(f"{k}={v}" for k, v in summary.by_disclosure.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
