"""Nothing published that must not be; nothing lost that was.

A catalogue salted with non-public, embargoed, draft and withdrawn documents
whose titles, bodies and attachment names carry unique sentinels is built; then
the entire output (Pagefind's gzip files decompressed) and the offline copy (its index
scripts decoded) are searched for them, as text and as the words search reads.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from gkml.search.text import normalise, tokens
from support import every_byte, gkml, mkdocs_build, small_site_yml

PUBLIC = ["PUBLICSENTINELALPHA", "PUBLICSENTINELBRAVO"]
HIDDEN = {
    "apply": ("依申请公开", "HIDDENSENTINELAPPLY"),
    "exempt": ("不予公开", "HIDDENSENTINELEXEMPT"),
    "embargo": ("主动公开", "HIDDENSENTINELEMBARGO"),
    "draft": ("主动公开", "HIDDENSENTINELDRAFT"),
}

MKDOCS_YML = small_site_yml("测试公开目录")


def document(number: int, sentinel: str, *, disclosure: str = "主动公开", published: str = "2024-03-05 09:00",
             extra: str = "", attachment: str | None = None) -> str:
    lines = [
        "---",
        f"title: 关于{sentinel}的通知",
        f"index_no: 002986620/202403-{number:05d}",
        "category: fgwj",
        "publisher: 测试厅",
        "created: 2024-03-01",
        f"published: {published}",
        f"disclosure: {disclosure}",
    ]
    if disclosure == "不予公开":
        lines.append("exemption: 《中华人民共和国政府信息公开条例》第十四条")
    if attachment:
        lines += ["attachments:", f"  - file: files/{attachment}", f"    title: 附件{sentinel}"]
    if extra:
        lines.append(extra)
    lines += ["---", "", f"正文第一段提到{sentinel}，用于检验。", ""]
    return "\n".join(lines)


def make_project(root: Path) -> Path:
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    folder = root / "content" / "catalogue" / "fgwj"
    (folder / "files").mkdir(parents=True)
    number = 1
    for sentinel in PUBLIC:
        (folder / f"{sentinel.lower()}.md").write_text(document(number, sentinel), encoding="utf-8")
        number += 1
    for name, (disclosure, sentinel) in HIDDEN.items():
        attachment = f"{sentinel.lower()}.txt"
        (folder / "files" / attachment).write_text(f"附件内容{sentinel}", encoding="utf-8")
        extra = "draft: true" if name == "draft" else ""
        published = "2099-01-01 08:00" if name == "embargo" else "2024-03-05 09:00"
        (folder / f"{name}.md").write_text(
            document(number, sentinel, disclosure=disclosure, published=published, extra=extra, attachment=attachment),
            encoding="utf-8")
        number += 1
    return root / "mkdocs.yml"


def test_non_public_embargoed_and_draft_documents_reach_no_output(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    result = mkdocs_build(config, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "暂不发布" in result.stderr and "依申请公开 1 件" in result.stderr and "草稿 1 件" in result.stderr
    contents = every_byte(tmp_path / "site")
    assert any(name.startswith("pagefind/") for name in contents), "the search index must be part of the output"
    for _, sentinel in HIDDEN.values():
        forms = (sentinel.encode(), sentinel.lower().encode(), indexed(sentinel))  # indexed: as search words
        leaks = [name for name, data in contents.items() if any(form in data for form in forms)]
        assert leaks == [], f"{sentinel} leaked into {leaks}"
    for sentinel in PUBLIC:
        assert any(sentinel.encode() in data for name, data in contents.items() if name.startswith("doc/"))
        assert any(sentinel.encode() in data for name, data in contents.items() if name.startswith("pagefind/"))
        assert any(indexed(sentinel) in data for name, data in contents.items() if name.startswith("pagefind/"))
        assert any(sentinel.encode() in data for name, data in contents.items() if name.startswith("catalogue/"))


# The offline copy's index files are classic scripts: __gkmlPagefindData("key","<base64 of the gzip file>").
_OFFLINE_DATA = re.compile(rb'^__gkmlPagefindData\("[^"]*","([A-Za-z0-9+/=]*)"\);$', re.MULTILINE)


def copy_bytes(folder: Path) -> dict[str, bytes]:
    """every_byte, and each offline index script's data decoded and decompressed."""
    contents = every_byte(folder)
    for name, data in list(contents.items()):
        for encoded in _OFFLINE_DATA.findall(data):
            decoded = base64.b64decode(encoded)
            contents[name] += gzip.decompress(decoded) if decoded[:2] == b"\x1f\x8b" else decoded
    return contents


def indexed(word: str) -> bytes:
    """The word as the search index holds it: its run of position tokens (search.text)."""
    return " ".join(tokens(normalise(word))).encode()


def test_the_offline_copy_holds_nothing_of_a_held_back_document(tmp_path: Path) -> None:
    make_project(tmp_path)
    out = tmp_path / "offline"
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(tmp_path), "--out", str(out),
                             "--no-zip"], capture_output=True, text=True, timeout=900,
                            check=False)
    assert result.returncode == 0, result.stderr
    contents = copy_bytes(out)
    # The decoding reaches the copy's index: a published sentinel is there as the words search reads.
    for sentinel in PUBLIC:
        assert any(indexed(sentinel) in data for name, data in contents.items() if "/pagefind/" in name), sentinel
    for _, sentinel in HIDDEN.values():
        forms = (sentinel.encode(), sentinel.lower().encode(), indexed(sentinel))
        leaks = [name for name, data in contents.items() if any(form in data for form in forms)]
        assert leaks == [], f"{sentinel} leaked into {leaks}"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_failing_midway_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    site = tmp_path / "site"
    assert mkdocs_build(config, site_dir=site).returncode == 0
    before = tree_digest(site)
    # A hook that fails after every page has been written and indexed: the worst moment.
    (tmp_path / "fail_hook.py").write_text(
        "def on_post_build(config):\n    raise RuntimeError('模拟构建中途失败')\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - fail_hook.py\n", encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj" / "publicsentinelalpha.md").write_text(
        document(1, "CHANGEDSENTINEL"), encoding="utf-8")
    result = mkdocs_build(config, site_dir=site)
    assert result.returncode != 0
    assert tree_digest(site) == before
    assert not (tmp_path / "site.gkml-new").exists()


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return gkml(project, "check", *args)


def test_removing_a_published_document_is_caught_by_check(tmp_path: Path) -> None:
    make_project(tmp_path)
    first = run_check(tmp_path, "--update-ledger")
    assert first.returncode == 0, first.stdout + first.stderr
    ledger = (tmp_path / "published.ledger").read_text(encoding="utf-8")
    assert "002986620/202403-00001" in ledger and "002986620/202403-00002" in ledger
    assert "HIDDENSENTINEL" not in ledger  # only what was published is recorded
    (tmp_path / "content" / "catalogue" / "fgwj" / "publicsentinelalpha.md").unlink()
    removed = run_check(tmp_path)
    assert removed.returncode == 1
    assert "published.ledger:2:1: 索引号(index_no): 已发布的索引号 002986620/202403-00001" in removed.stdout


def test_a_withdrawn_document_keeps_a_notice_at_its_address(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    assert run_check(tmp_path, "--update-ledger").returncode == 0
    path = tmp_path / "content" / "catalogue" / "fgwj" / "publicsentinelalpha.md"
    path.write_text(document(1, PUBLIC[0], extra="withdrawn: {date: 2024-05-01, reason: 内容已过时}"), encoding="utf-8")
    assert run_check(tmp_path).returncode == 0
    result = mkdocs_build(config, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    notice = (tmp_path / "site" / "doc" / "002986620-202403-00001" / "index.html").read_text(encoding="utf-8")
    assert "本文件已撤回" in notice and "内容已过时" in notice and "2024年5月1日" in notice
    assert "data-gkml-text" not in notice  # nothing of a withdrawn document is search text
    catalogue = (tmp_path / "site" / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "002986620/202403-00001" not in catalogue


@pytest.mark.parametrize("page", ["index.html", "catalogue/index.html", "search/index.html"])
def test_pages_carry_a_content_security_policy(sample_site: Path, page: str) -> None:
    html = (sample_site / page).read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert '<meta http-equiv="Content-Security-Policy"' in head
    policy = head.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert "script-src 'self' 'sha256-" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert head.index("Content-Security-Policy") < head.index("<script")


def test_no_leftover_temporary_folders(sample_site: Path) -> None:
    assert sample_site.is_dir()
    assert not list(sample_site.parent.glob("*.gkml-*"))
