"""`gkml check` reads a body's addresses of a held-back document's page as the build does
(gkml.content.heldpages): relative, from the server's root, or in full on the site's own host in
any spelling a browser reads as it. The build refused them, located; the editor's check passed them."""

from __future__ import annotations

import os
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
    told = [line for line in result.stdout.splitlines() if "ok-held.md 的页面或附件" in line]
    assert len(told) == 1 and told[0].startswith("content/pages/gkzn.md:3:"), result.stdout
    # another host's address and code are no link of the site's: but they show the draft's number (gkml.content.heldnumbers)
    numbers = [line.split(": ")[0] for line in result.stdout.splitlines() if "ok-held.md（草稿）的索引号" in line]
    assert numbers == ["content/catalogue/fgwj/ok.md:12:41", "content/catalogue/fgwj/ok.md:14:12",
                       "content/catalogue/fgwj/ok.md:16:24"], result.stdout
    # once the draft is published, nothing is told; held back again, it is told again
    result = _check(tmp_path, {"catalogue/fgwj/ok-held.md": _held()})
    assert result.returncode == 0, result.stdout
    result = _check(tmp_path, {"catalogue/fgwj/ok-held.md": _held("draft: true")})
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "ok-held.md 的页面" in line] == ["content/pages/gkzn.md"]


def test_a_memo_the_check_cannot_write_leaves_the_check_as_it_is(tmp_path: Path) -> None:
    """The body addresses' memo written where a folder stands (a read-only project, a locked
    file on Windows): a traceback instead of the check's answer."""
    (tmp_path / ".gkml-cache" / "memo-check-link-targets.json").mkdir(parents=True)
    result = _check(tmp_path, {"catalogue/fgwj/memo.md": doc(body=f"[办法](/gkml/doc/{HELD}/)\n", title="关于备忘的通知"),
                               "catalogue/fgwj/memo-held.md": _held("draft: true")})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "content/catalogue/fgwj/memo.md:10:6: 文件: 链接的 /gkml/doc/" in result.stdout, result.stdout


@pytest.mark.parametrize("env", [{}, {"GKML_SITE_URL": "https://www.example.gov.cn/gkml/"}])
def test_a_site_url_written_with_env_is_the_host_the_check_reads(tmp_path: Path, env: dict[str, str]) -> None:
    """site_url: !ENV [VAR, default], as MkDocs reads it (the variable, else the default): the check read
    it as no site_url, so a full address of a held-back page on the site's own host passed the check."""
    (tmp_path / "mkdocs.yml").write_text(small_site_yml(
        "测试公开目录", "search: false",
        site_url="!ENV [GKML_SITE_URL, 'https://www.example.gov.cn/gkml/']".replace("www.example", "x" if env else "www.example")),
        encoding="utf-8")
    files = {"catalogue/fgwj/env.md": doc(body=f"[办法](https://www.example.gov.cn/gkml/doc/{HELD}/)\n", title="关于环境变量网址的通知"),
             "catalogue/fgwj/env-held.md": _held(disclosure="依申请公开")}
    for rel, text in files.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8", check=False, timeout=120, env={**os.environ, **env})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "content/catalogue/fgwj/env.md:10:6: 文件: 链接的 https://www.example.gov.cn/gkml/doc/" in result.stdout, result.stdout


def test_a_link_in_backticks_inside_raw_html_is_told_as_the_build_tells_it(tmp_path: Path) -> None:
    """Python-Markdown reads nothing inside a raw HTML block: the backticks stay characters of the
    page and the link is live (the build refused it); the check read them as a code span and passed it."""
    body = (f"<div>`<a href=\"/gkml/doc/{HELD}/\">办法</a>`</div>\n\n"
            f"<table><tr><td>``<a href=\"../{HELD}/\">表</a>``</td></tr></table>\n\n"
            # Python-Markdown opens a code span with one of ```'s backticks: "``见 " is code, the link live
            f"```见 ` <a href=\"/gkml/doc/{HELD}/\">附件</a> `\n")
    files = {"catalogue/fgwj/raw.md": doc(body=body, title="关于原样网页代码中反引号的通知"),
             "catalogue/fgwj/raw-held.md": _held("draft: true")}
    result = _check(tmp_path, files)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    told = [line.split(": ")[0] for line in result.stdout.splitlines() if "raw-held.md" in line]
    assert told == ["content/catalogue/fgwj/raw.md:10:16", "content/catalogue/fgwj/raw.md:12:27",
                    "content/catalogue/fgwj/raw.md:14:17"], result.stdout
