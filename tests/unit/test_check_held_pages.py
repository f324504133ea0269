"""`gkml check` reads a body's addresses of a held-back document's page as the build does
(gkml.content.heldpages): relative, from the server's root, or in full on the site's own host in
any spelling a browser reads as it. The build refused them, located; the editor's check passed them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import doc, small_site_yml

HELD = "002986620-202003-00043"
# what a browser reads as the held-back page, on a document's page at doc/<id>/ of https://www.example.gov.cn/gkml/
SPELLINGS = [
    f"../{HELD}/",
    f"/gkml/doc/{HELD}/",
    f"/doc/{HELD.upper()}/index.html",
    f"https://www.example.gov.cn/gkml/doc/{HELD}/",
    f"https:///www.example.gov.cn/gkml/doc/{HELD}/",
    f"https:/www.example.gov.cn/gkml/doc/{HELD}/",
    f"https://www.example\u3002gov.cn/gkml/doc/{HELD}/",
    f"https://\uff37\uff37\uff37.example.gov.cn/gkml/doc/{HELD}/",
    f"https://WWW.example.gov.cn.:443/gkml/doc/{HELD}/附件.pdf",
    f"//www.example.gov.cn/gkml/doc/{HELD};jsessionid=1/",
    "https://www.example.gov.cn/gkml/doc/%30%30%32986620-202003-00043/",
    f"https:../{HELD}/",
]


def _check(root: Path, files: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    (root / "mkdocs.yml").write_text(small_site_yml("测试公开目录", "search: false", *options,
                                                    site_url="https://www.example.gov.cn/gkml/"), encoding="utf-8")
    for rel, text in files.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=root, capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=120)


def _held(*extra: str, **fields: str) -> str:
    return doc(*extra, index_no=HELD.replace("-", "/", 1), title="关于主机拼写暂不发布的通知", **fields)


FORMS = {"raw-html": '<p><a href="{url}">办法</a></p>\n', "markdown": "[办法](<{url}>)\n\n", "autolink": "<{url}>\n\n"}


@pytest.mark.parametrize("form", list(FORMS))
def test_the_check_tells_each_spelling_of_a_held_back_page_where_it_is_written(tmp_path: Path, form: str) -> None:
    # an autolink is an address in full: https://…, never //… or a path
    spelled = [url for url in SPELLINGS if form != "autolink" or url.startswith("https://")]
    lines = [FORMS[form].format(url=url) for url in spelled]
    files = {"catalogue/fgwj/hosts.md": doc(body="".join(lines), title="关于主机拼写的通知"),
             "catalogue/fgwj/hosts-held.md": _held(disclosure="依申请公开")}
    for _ in ("the first check", "the second, every result remembered (bodies not read)"):
        result = _check(tmp_path, files)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        told = [line for line in result.stdout.splitlines() if line.startswith("content/catalogue/fgwj/hosts.md:")
                and "暂不发布的文件 content/catalogue/fgwj/hosts-held.md" in line]
        step = 1 if form == "raw-html" else 2
        assert [int(line.split(":")[1]) for line in told] == [10 + step * n for n in range(len(spelled))], result.stdout


def test_a_guide_page_and_a_draft_are_told_and_a_published_page_or_another_host_is_not(tmp_path: Path) -> None:
    published = "002986620-202003-00044"
    body = (f"[已发布](../{published}/)\n\n[别的网站](https://www.example.com/gkml/doc/{HELD}/)\n\n"
            f"`/gkml/doc/{HELD}/`\n\n    <a href=\"/gkml/doc/{HELD}/\">代码</a>\n")
    files = {"catalogue/fgwj/ok.md": doc(body=body, title="关于可以链接的通知"),
             "catalogue/fgwj/ok-target.md": doc(index_no=published.replace("-", "/", 1), title="关于已发布的通知"),
             "catalogue/fgwj/ok-held.md": _held("draft: true"),
             "pages/gkzn.md": f"# 公开指南\n\n见[办法](../../doc/{HELD}/)。\n"}
    result = _check(tmp_path, files, "guide_pages: {公开指南: pages/gkzn.md}")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    told = [line for line in result.stdout.splitlines() if "ok-held.md" in line]
    assert len(told) == 1 and told[0].startswith("content/pages/gkzn.md:3:"), result.stdout
    # once the draft is published, nothing is told; held back again, it is told again
    result = _check(tmp_path, {"catalogue/fgwj/ok-held.md": _held()})
    assert result.returncode == 0, result.stdout
    result = _check(tmp_path, {"catalogue/fgwj/ok-held.md": _held("draft: true")})
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "ok-held.md" in line] == ["content/pages/gkzn.md"]


def test_a_memo_the_check_cannot_write_leaves_the_check_as_it_is(tmp_path: Path) -> None:
    """The body addresses' memo written where a folder stands (a read-only project, a locked
    file on Windows): a traceback instead of the check's answer."""
    (tmp_path / ".gkml-cache" / "memo-check-link-targets.json").mkdir(parents=True)
    result = _check(tmp_path, {"catalogue/fgwj/memo.md": doc(body=f"[办法](/gkml/doc/{HELD}/)\n", title="关于备忘的通知"),
                               "catalogue/fgwj/memo-held.md": _held("draft: true")})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "content/catalogue/fgwj/memo.md:10:6: 文件: 链接的 /gkml/doc/" in result.stdout, result.stdout
