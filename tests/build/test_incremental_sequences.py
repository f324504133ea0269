"""Incremental builds under sequences of changes: a seeded random walk of edits, each followed by
an incremental build, is byte-identical to a clean build of the same tree every few steps.

GKML_SEQUENCE_SEEDS (how many seeds, default 1), GKML_SEQUENCE_FIRST_SEED and GKML_SEQUENCE_STEPS
(default 6) lengthen the run locally; the suite runs one short seed."""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import ROOT, edit, mkdocs_build, sample_project

SEEDS = int(os.environ.get("GKML_SEQUENCE_SEEDS", "1"))
FIRST_SEED = int(os.environ.get("GKML_SEQUENCE_FIRST_SEED", "1"))
STEPS = int(os.environ.get("GKML_SEQUENCE_STEPS", "6"))
COMPARE_EVERY = 3
CATALOGUE = "content/catalogue"
PLAIN = ("fgwj", "ghjh", "yjgl", "aqjc", "xzcf", "xzxk")  # categories that ask for no field of their own
BUILD_TIME = "2026-11-01 12:00"


def project(tmp: Path) -> Path:
    """The sample project, search on with small shards (several of them), as of a fixed time."""
    root = sample_project(tmp, "search_shard_size: 8", f"build_time: '{BUILD_TIME}'", "preview: true")
    edit(root / "mkdocs.yml", "  - attr_list\n", "  - attr_list\n  - pymdownx.snippets:\n      base_path: [snippets]\n")
    (root / "snippets").mkdir()
    (root / "snippets/contact.md").write_text("咨询电话：0551-11111111。\n", encoding="utf-8")
    return root


def tree(site: Path) -> dict[str, bytes]:
    """Every file's bytes and every folder, nothing ignored."""
    return {p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else b"<folder>" for p in sorted(site.rglob("*"))}


def sources(root: Path) -> dict[str, bytes]:
    """The project's files but its outputs (the cache is emptied by a child of the last build)."""
    tops = [p for p in root.iterdir() if p.name not in ("site", ".gkml-cache")]
    paths = [p for top in tops for p in ([top] if top.is_file() else top.rglob("*")) if p.is_file()]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(paths)}


def restore(root: Path, saved: dict[str, bytes]) -> None:
    for path in sources(root):
        if path not in saved:
            (root / path).unlink()
    for path, data in saved.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)


# ---- the tree as text -------------------------------------------------------------------------

def documents(root: Path) -> list[Path]:
    return sorted((root / CATALOGUE).glob("*/*.md"))


def split(path: Path) -> tuple[list[str], str]:
    text = path.read_text(encoding="utf-8")
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    return head.split("\n"), body


def join(path: Path, head: list[str], body: str) -> None:
    path.write_text("---\n" + "\n".join(head) + "\n---\n" + body, encoding="utf-8")


def field(path: Path, key: str) -> str | None:
    for line in split(path)[0]:
        if line.startswith(f"{key}:"):
            return line.split(":", 1)[1].strip()
    return None


def set_field(path: Path, key: str, value: str | None) -> None:
    """The one-line field `key` set (added at the end of the front matter) or removed (None)."""
    head, body = split(path)
    kept = [line for line in head if not line.startswith(f"{key}:")]
    index = next((i for i, line in enumerate(head) if line.startswith(f"{key}:")), len(kept))
    if value is not None:
        kept.insert(min(index, len(kept)), f"{key}: {value}")
    join(path, kept, body)


def index_numbers(root: Path) -> list[str]:
    return [n for p in documents(root) if (n := field(p, "index_no"))]


def published_plain(root: Path) -> list[Path]:
    """Documents that are published, no 解读, not withdrawn, in a plain category."""
    return [p for p in documents(root) if field(p, "category") in PLAIN and field(p, "withdrawn") is None
            and field(p, "genre") != "解读" and field(p, "disclosure") == "主动公开"
            and (field(p, "published") or "") < BUILD_TIME]


def unnamed(root: Path, rng: random.Random) -> list[Path]:
    """Mostly the documents no other one names (superseded_by, interprets): holding one back
    or deleting it is then not refused; now and then any, for a refusal mid-sequence."""
    plain = published_plain(root)
    if rng.random() < 0.2:
        return plain
    named = {field(p, key) for p in documents(root) for key in ("superseded_by", "interprets")}
    return [p for p in plain if field(p, "index_no") not in named]


# ---- the changes ------------------------------------------------------------------------------

Change = Callable[[Path, random.Random], str]


def body_edit(root: Path, rng: random.Random) -> str:
    path = rng.choice(documents(root))
    head, body = split(path)
    join(path, head, body + f"\n补充说明第{rng.randrange(1000)}条。\n")
    return f"body {path.name}"


def title_edit(root: Path, rng: random.Random) -> str:
    path = rng.choice(documents(root))
    set_field(path, "title", (field(path, "title") or "") + rng.choice(["（修订）", "（更正）", "补充"]))
    return f"title {path.name}"


def add_document(root: Path, rng: random.Random) -> str:
    used = set(index_numbers(root))
    year, month = rng.choice([(2013, 3), (2019, 6), (2024, 9), (2026, 2)])
    number = next(f"002986620/{year}{month:02d}-{n:05d}" for n in range(100 + rng.randrange(50), 999)
                  if f"002986620/{year}{month:02d}-{n:05d}" not in used)
    category = rng.choice(PLAIN)
    name = f"{year}-new-{number[-5:]}.md"
    (root / CATALOGUE / category / name).write_text(
        f"---\ntitle: 关于新增测试文件{number[-5:]}的通知\nindex_no: {number}\ncategory: {category}\n"
        f"publisher: 安徽省应急管理厅\ncreated: {year}-{month:02d}-01\npublished: {year}-{month:02d}-02 09:00\n"
        f"genre: 通知\ndisclosure: 主动公开\n---\n新增文件{number[-5:]}的正文，关于防汛抗旱。\n", encoding="utf-8")
    return f"add {category}/{name}"


def withdraw(root: Path, rng: random.Random) -> str:
    path = rng.choice(unnamed(root, rng))
    set_field(path, "withdrawn", "{date: 2026-10-01, reason: 内容有误}")
    return f"withdraw {path.name}"


def unwithdraw(root: Path, rng: random.Random) -> str:
    withdrawn = [p for p in documents(root) if field(p, "withdrawn") is not None]
    if not withdrawn:
        return withdraw(root, rng)
    path = rng.choice(withdrawn)
    set_field(path, "withdrawn", None)
    return f"unwithdraw {path.name}"


def delete_file(root: Path, rng: random.Random) -> str:
    path = rng.choice(unnamed(root, rng))
    path.unlink()
    return f"delete {path.name}"


def move(root: Path, rng: random.Random) -> str:
    path = rng.choice(published_plain(root))
    category = rng.choice([c for c in PLAIN if c != field(path, "category")])
    target = root / CATALOGUE / category / path.name
    if target.exists():
        return body_edit(root, rng)
    set_field(path, "category", category)
    path.rename(target)
    return f"move {path.name} → {category}"


def change_category(root: Path, rng: random.Random) -> str:
    path = rng.choice(published_plain(root))
    category = rng.choice([c for c in PLAIN if c != field(path, "category")])
    set_field(path, "category", category)
    return f"category {path.name} → {category}"


def change_publisher(root: Path, rng: random.Random) -> str:
    path = rng.choice(documents(root))
    set_field(path, "publisher", rng.choice(["安徽省应急管理厅", "安徽省安全生产监督管理局", "安徽省应急管理厅办公室"]))
    return f"publisher {path.name}"


def change_date(root: Path, rng: random.Random) -> str:
    path = rng.choice(published_plain(root))
    old = field(path, "published") or ""
    day = f"{int(old[8:10]) % 27 + 1:02d}" if len(old) >= 10 else "15"
    set_field(path, "published", f"{old[:8]}{day}{old[10:]}")
    return f"date {path.name} {old} → {old[:8]}{day}"


def change_validity(root: Path, rng: random.Random) -> str:
    path = rng.choice([p for p in published_plain(root) if field(p, "superseded_by") is None])
    set_field(path, "validity", rng.choice(["有效", "失效", "废止", None]))
    return f"validity {path.name}"


def toggle_superseded(root: Path, rng: random.Random) -> str:
    with_link = [p for p in documents(root) if field(p, "superseded_by")]
    if with_link and rng.random() < 0.5:
        path = rng.choice(with_link)
        set_field(path, "superseded_by", None)
        set_field(path, "validity", "有效")
        return f"unsupersede {path.name}"
    candidates = sorted(published_plain(root), key=lambda p: field(p, "published") or "")
    old, new = sorted(rng.sample(candidates, 2), key=lambda p: field(p, "published") or "")
    if field(old, "superseded_by"):
        return body_edit(root, rng)
    set_field(old, "validity", "废止")
    set_field(old, "superseded_by", field(new, "index_no"))
    return f"supersede {old.name} by {new.name}"


def toggle_interprets(root: Path, rng: random.Random) -> str:
    explained = [p for p in documents(root) if field(p, "interprets")]
    if explained and rng.random() < 0.5:
        path = rng.choice(explained)
        set_field(path, "interprets", None)
        set_field(path, "genre", "通知")
        return f"uninterpret {path.name}"
    path, policy = rng.sample(published_plain(root), 2)
    set_field(path, "genre", "解读")
    set_field(path, "interprets", field(policy, "index_no"))
    return f"interpret {path.name} → {policy.name}"


def toggle_attachment(root: Path, rng: random.Random) -> str:
    path = rng.choice(published_plain(root))
    head, body = split(path)
    folder = path.parent / "files"
    if any(line.startswith("attachments:") for line in head):
        start = head.index("attachments:")
        end = start + 1
        while end < len(head) and head[end].startswith(" "):
            end += 1
        files = [line.split(":", 1)[1].strip() for line in head[start:end] if line.strip().startswith("- file:")]
        join(path, head[:start] + head[end:], body)
        for name in files:  # a file no document lists would stop the build: removed with its listing
            if not any(name in other.read_text(encoding="utf-8") for other in path.parent.glob("*.md")):
                (path.parent / name).unlink(missing_ok=True)
        return f"detach {path.name}"
    folder.mkdir(exist_ok=True)
    name = f"files/{path.stem}-fj{rng.randrange(100)}.csv"
    (path.parent / name).write_text(f"项目,数量\n检查,{rng.randrange(100)}\n", encoding="utf-8")
    join(path, [*head, "attachments:", f"  - file: {name}", "    title: 附件统计表"], body)
    return f"attach {path.name} {name}"


def snippet(root: Path, rng: random.Random) -> str:
    included = [p for p in documents(root) if '--8<-- "contact.md"' in p.read_text(encoding="utf-8")]
    if not included or rng.random() < 0.4:
        path = rng.choice(documents(root))
        head, body = split(path)
        join(path, head, body + '\n--8<-- "contact.md"\n')
        return f"include snippet in {path.name}"
    (root / "snippets/contact.md").write_text(f"咨询电话：0551-{rng.randrange(10**8):08d}。\n", encoding="utf-8")
    return "edit snippet"


def embargo(root: Path, rng: random.Random) -> str:
    path = rng.choice(unnamed(root, rng))
    set_field(path, "published", f"2026-12-{rng.randrange(1, 28):02d} 09:00")
    return f"embargo {path.name}"


def guide_page(root: Path, rng: random.Random) -> str:
    """A guide page's title (the menu of every page shows it) or body edited."""
    path = rng.choice(sorted((root / "content/pages").glob("*.md")))
    head, body = split(path)
    if rng.random() < 0.5:
        set_field(path, "title", (field(path, "title") or "") + "（更新）")
        return f"guide title {path.name}"
    join(path, head, body + f"\n本页于第{rng.randrange(100)}次更新。\n")
    return f"guide body {path.name}"


def _option(root: Path, pattern: str, value: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(re.sub(pattern, value, config.read_text(encoding="utf-8")), encoding="utf-8")


def build_time(root: Path, rng: random.Random) -> str:
    value = rng.choice(["2026-11-01 12:00", "2026-12-15 12:00", "2027-01-05 08:00"])
    _option(root, r"build_time: '[^']*'", f"build_time: '{value}'")
    return f"build_time {value}"


def page_size(root: Path, rng: random.Random) -> str:
    value = rng.choice([3, 7, 20])
    _option(root, r"page_size: \d+", f"page_size: {value}")
    return f"page_size {value}"


def edit_attachment(root: Path, rng: random.Random) -> str:
    """An attachment's bytes changed, its size kept (one digit for another), right after a build."""
    path = rng.choice(sorted((root / CATALOGUE).glob("*/files/*.csv")))
    data = bytearray(path.read_bytes())
    digits = [i for i, b in enumerate(data) if chr(b).isdigit()]
    i = rng.choice(digits)
    data[i] = ord(str((int(chr(data[i])) + 1) % 10))
    path.write_bytes(bytes(data))
    return f"attachment bytes {path.name}"


def template(root: Path, rng: random.Random) -> str:
    override = root / "overrides/gkml/partials/pager.html"
    config = root / "mkdocs.yml"
    if "custom_dir" not in config.read_text(encoding="utf-8"):
        text = config.read_text(encoding="utf-8").replace("  font: false", "  custom_dir: overrides\n  font: false")
        config.write_text(text, encoding="utf-8")
    override.parent.mkdir(parents=True, exist_ok=True)
    original = (ROOT / "plugins/gkml/site/templates/gkml/partials/pager.html").read_text(encoding="utf-8")
    override.write_text(f"<!-- 本站定制 {rng.randrange(1000)} -->\n" + original, encoding="utf-8")
    return "template override"


def profile(root: Path, rng: random.Random) -> str:
    config = root / "mkdocs.yml"
    label = rng.choice(["发布机构", "发文机关", "发布单位"])
    text = (ROOT / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    (root / "profile.yml").write_text(text.replace("label: 发布机构", f"label: {label}"), encoding="utf-8")
    if "profile: profile.yml" not in config.read_text(encoding="utf-8"):
        config.write_text(config.read_text(encoding="utf-8").replace("      org_code:", "      profile: profile.yml\n      org_code:"),
                          encoding="utf-8")
    return f"profile {label}"


CHANGES: list[Change] = [body_edit, title_edit, add_document, withdraw, unwithdraw, delete_file, move, change_category,
                         change_publisher, change_date, change_validity, toggle_superseded, toggle_interprets,
                         toggle_attachment, edit_attachment, snippet, guide_page, embargo, build_time, page_size, template, profile]


# ---- the walk ---------------------------------------------------------------------------------

def build_at(root: Path, site: Path | None = None) -> tuple[int, str]:
    result = mkdocs_build(root / "mkdocs.yml", site_dir=site)
    return result.returncode, result.stderr


def clean_copy(root: Path, target: Path) -> dict[str, bytes]:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("site", ".gkml-cache"))
    code, stderr = build_at(target)
    assert code == 0, stderr
    return tree(target / "site")


def differences(incremental: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    return sorted(p for p in incremental.keys() | clean.keys() if incremental.get(p) != clean.get(p))


def walk(tmp: Path, seed: int, steps: int) -> list[str]:
    """The seed's walk; returns what it did. Fails at the first divergence, naming the steps."""
    rng = random.Random(seed)
    root = project(tmp)
    code, stderr = build_at(root)
    assert code == 0, stderr
    done: list[str] = []
    for step in range(1, steps + 1):
        saved = sources(root)
        try:  # now and then two changes in one build
            what = " + ".join(rng.choice(CHANGES)(root, rng) for _ in range(2 if rng.random() < 0.25 else 1))
        except (ValueError, IndexError):  # nothing to change this way now
            restore(root, saved)
            continue
        code, stderr = build_at(root)
        if code != 0:  # a change the check refuses: a clean build refuses it too; then undone
            shutil.rmtree(tmp / "refused", ignore_errors=True)
            shutil.copytree(root, tmp / "refused", ignore=shutil.ignore_patterns("site", ".gkml-cache"))
            assert build_at(tmp / "refused")[0] != 0, (seed, done, what)
            done.append(f"{what} (refused: {stderr.strip().splitlines()[-1] if stderr.strip() else ''})")
            restore(root, saved)
            code, stderr = build_at(root)
            assert code == 0, stderr
            continue
        done.append(what)
        if step % COMPARE_EVERY == 0 or step == steps:
            incremental = tree(root / "site")
            clean = clean_copy(root, tmp / "clean")
            diverged = differences(incremental, clean)
            assert not diverged, f"seed {seed}, after {done}: {diverged[:20]}"
    return done


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + SEEDS))
def test_a_sequence_of_changes_builds_incrementally_as_a_clean_build(tmp_path: Path, seed: int) -> None:
    done = walk(tmp_path, seed, STEPS)
    assert done
    print(seed, done)
