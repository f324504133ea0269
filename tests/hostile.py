"""A hostile project for the red-team tests (issue 13, output half): script in every field an
editor supplies, the same as entities, and the body constructs that got past `gkml check`.

Every payload sets `window.__pwned_<where>` when it runs, so a browser test only has to ask
whether any such name exists. RAW holds what a payload looks like when it was *not* kept as
text: none of it may appear in a page, feed, script or JSON export.
"""

from __future__ import annotations

import base64
import gzip
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

MARKER = "__pwned"
# What a payload looks like when it was NOT kept as text. Each carries a tag's "<" or a URL
# only the payloads use, so the site's own markup never matches: none of these may appear in
# a page, feed, script or JSON export.
RAW = (b"<script>window.__pwned", b"<img src=x onerror", b"<svg onload", b"</title><script", b"<style>body",
       b"onclick=\"window.__pwned_body_attr", b"<iframe srcdoc", b"<object data=", b"<embed src=",
       b"<form action=\"https://example.invalid", b"<base href=", b"http-equiv=\"refresh\"", b"ontoggle=",
       b"<math", b"javascript:window.__pwned", b"data-pagefind-meta=\"title\">HOSTILE", b"style=\"position:fixed;top:0",
       b"expression(window.__pwned", b"-moz-binding", "通知.pdf.hta".encode(), b"tracker.example")
# Files whose bytes are data for a program, where supplied text is rightly present as typed:
# the CSV (a cell is text; formula starts are neutralised) and Pagefind's index data, which
# the search page shows through its own escaping (the browser test runs a query).
DATA_FILES = re.compile(r"(^|/)catalogue\.csv$|\.(pf_fragment|pf_filter|pf_index|pf_meta|pagefind)(\.js)?$")

MKDOCS_YML = """\
site_name: 红队测试公开目录
site_url: https://example.gov.cn/gkml/
docs_dir: content
theme: {name: material, language: zh, font: false}
markdown_extensions: [tables, attr_list, {toc: {permalink: false}}]
plugins:
  - gkml:
      agency: 测试厅
      org_code: "002986620"
      build_time: "2026-01-01T08:00"
      guide_pages:
        公开指南: pages/guide.md
"""


def payload(where: str) -> str:
    """Break out of an attribute, then a script element, an event handler and an SVG handler."""
    return (f"x\"'><script>window.{MARKER}_{where}=1</script>"
            f"<img src=x onerror=\"window.{MARKER}_{where}_img=1\"><svg onload=window.{MARKER}_{where}_svg=1>")


def encoded(where: str) -> str:
    """The same as entities: must be shown as typed, never decoded into markup (striptags did)."""
    return f"&lt;/title&gt;&lt;script&gt;window.{MARKER}_{where}_ent=1&lt;/script&gt;"


def formula(where: str) -> str:
    return f"=HYPERLINK(\"http://example.invalid/?{where}\",\"点击\")"


def _q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def _doc(number: int, category: str, fields: dict[str, str], body: str, *extra: str) -> str:
    lines = ["---", f"index_no: 002986620/202403-{number:05d}", f"category: {category}", "created: 2024-03-01",
             "published: 2024-03-05 09:00", "disclosure: 主动公开"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join([*lines, *extra, "---", "", body])


# Body constructs that passed `gkml check` before issue 13, one document each (derived summaries included).
BODY_BYPASSES = {
    # a code span inside an HTML block: Markdown leaves the block alone, the check blanked the span
    "body-div": f"<div>`<script>window.{MARKER}_body_div=1</script>`</div>\n\n正文。\n",
    # a code span opened on the line before: the check paired the backticks on one line only
    "body-line": f"前文 `开始\n`<script>window.{MARKER}_body_line=1</script>` 后文\n",
    # ``` opened by one of its backticks: "``开 " is code, the script after it live (the check paired runs of one length)
    "body-ticks": f"前文 ```开 ` <script>window.{MARKER}_body_ticks=1</script> ` 后文\n",
    # inert as a code span on the page; the old summary regex took the link text out of it
    "body-summary": f"`[<script>window.{MARKER}_body_summary=1</script>](x)` 是第一段。\n",
    # attr_list handlers and styles, <style>, style=
    "body-attr": ("一段正文\n{: onclick=\"window.__pwned_body_attr=1\" style=\"position:fixed;top:0;left:0;"
                  "width:100%;height:100%\" }\n\n<style>body{display:none}</style>\n\n"
                  "<p style=\"position:fixed;top:0\">覆盖</p>\n"),
    # a table reads each row apart, a quote its lazy line with it: the check paired the backticks over the paragraph
    "body-table": f"| 甲 | 乙 |\n|---|---|\n| `a | b |\n| c | <script>window.{MARKER}_body_table=1</script>` |\n",
    "body-quote": f"``\n> 引 `\n`<script>window.{MARKER}_body_quote=1</script>`\n`\n",
}

# The guide page is not a catalogue document: nothing but the sanitiser stands between it and a reader.
GUIDE = f"""# 公开指南 {payload("guide_h1")}

<script>window.{MARKER}_guide_script=1</script>
<img src=x onerror="window.{MARKER}_guide_img=1">
<svg onload="window.{MARKER}_guide_svg=1"></svg>
<iframe srcdoc="&lt;script&gt;parent.{MARKER}_guide_iframe=1&lt;/script&gt;"></iframe>
<object data="data:text/html,x"></object><embed src="data:text/html,x">
<form action="https://example.invalid/"><input name="q" autofocus onfocus="window.{MARKER}_guide_form=1"></form>
<details open ontoggle="window.{MARKER}_guide_toggle=1"><summary>s</summary></details>
<meta http-equiv="refresh" content="0;url=https://example.invalid/">
<base href="https://example.invalid/">
<math><mtext><table><mglyph><style><img src=x onerror="window.{MARKER}_guide_math=1"></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x onerror=window.{MARKER}_guide_noscript=1>"></noscript>
<span data-pagefind-meta="title">HOSTILE</span>
<table><tr><td style="text-align:expression(window.{MARKER}_guide_expression=1)">IE</td>
<td style="text-align:-moz-binding(url(x.xml#{MARKER}))">Gecko</td></tr></table>
<p><a href="https://www.gov.cn/" download="通知.pdf.hta">下载</a></p>
![跟踪](https://tracker.example/a.png) <img alt="跟踪" src="\\\\tracker.example\\b.png" srcset="//tracker.example/c.png 2x">
<picture><source srcset="https://tracker.example/d.webp"></picture> <p style="background:url(//tracker.example/e.png)">背景</p>

<div>`<script>window.{MARKER}_guide_div=1</script>`</div>

[链接一](javascript:window.{MARKER}_guide_js=1) [链接二](JaVaScRiPt&#x3a;window.{MARKER}_guide_js2=1)
[链接三](data:text/html,x) <a href="  javascript:window.{MARKER}_guide_js3=1">链接四</a>

正文段落
{{: onclick="window.{MARKER}_guide_attr=1" style="position:fixed;top:0" #ok .ok }}

| 左 | 中 |
|:--|:-:|
| 1 | 2 |

[电话](tel:0551-12345678) [邮件](mailto:gk@example.gov.cn) [网站](https://www.gov.cn/) [本站](../catalogue/)
"""


def write_project(root: Path) -> Path:
    """Write the hostile project into `root`; returns its mkdocs.yml."""
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "guide.md").write_text(GUIDE, encoding="utf-8")
    fgwj = content / "catalogue" / "fgwj"
    (fgwj / "files").mkdir(parents=True)
    (fgwj / "files" / "fields.pdf").write_bytes(b"%PDF-1.4\n%hostile fixture\n")
    every_field = {
        "title": _q(payload("title")), "publisher": _q(payload("publisher")),
        "doc_no": _q(payload("docno") + "〔2024〕1号"), "summary": _q(payload("summary")),
        "genre": "通知", "source": _q(payload("source")),
        "keywords": f"[{_q(payload('keyword'))}, {_q(encoded('keyword'))}, {_q(formula('keyword'))}]",
        "topics": f"[{_q(payload('topic'))}]",
    }
    entity_body = f"正文 {encoded('body')} &lt;img src=x onerror=\"window.{MARKER}_body_ent_img=1\"&gt;。\n"
    (fgwj / "fields.md").write_text(_doc(1, "fgwj", every_field, entity_body,
                                         "attachments:", "  - file: files/fields.pdf",
                                         f"    title: {_q(payload('attachment'))}"), encoding="utf-8")
    as_entities = {"title": _q(encoded("title")), "publisher": _q(encoded("publisher")),
                   "summary": _q(encoded("summary")), "source": _q(encoded("source"))}
    (fgwj / "encoded.md").write_text(_doc(2, "fgwj", as_entities, "正文。\n"), encoding="utf-8")
    formulas = {"title": _q(formula("title")), "publisher": _q("@SUM(1+1)*cmd|' /C calc'!A0"),
                "summary": _q("-2+3+cmd|' /C calc'!A0"), "source": _q("+1+1")}
    (fgwj / "formula.md").write_text(_doc(3, "fgwj", formulas, "正文。\n"), encoding="utf-8")
    replaced = {"title": _q("被替代的旧文件"), "publisher": "测试厅", "validity": "废止",
                "superseded_by": "002986620/202403-00001"}
    (fgwj / "replaced.md").write_text(_doc(4, "fgwj", replaced, "旧文件正文。\n"), encoding="utf-8")
    withdrawn = {"title": _q(payload("withdrawn_title")), "publisher": "测试厅"}
    (fgwj / "withdrawn.md").write_text(_doc(5, "fgwj", withdrawn, "撤回的正文。\n",
                                            f"withdrawn: {{date: 2024-05-01, reason: {_q(payload('reason'))}}}"),
                                       encoding="utf-8")
    # pasted control characters reach the derived summary, and from it feed.xml
    controls = {"title": _q("正文含控制字符"), "publisher": "测试厅"}
    (fgwj / "controls.md").write_text(_doc(6, "fgwj", controls, "正文\x0b含垂直制表符\x1f和\x08退格。\n"),
                                      encoding="utf-8")
    ghjh = content / "catalogue" / "ghjh"
    ghjh.mkdir()
    for number, (name, body) in enumerate(BODY_BYPASSES.items(), start=20):
        fields = {"title": _q(f"正文绕过 {name}"), "publisher": "测试厅"}
        (ghjh / f"{name}.md").write_text(_doc(number, "ghjh", fields, body), encoding="utf-8")
    return root / "mkdocs.yml"


def drop_what_check_refuses(root: Path) -> list[str]:
    """Run `gkml check`; remove the body-bypass documents it refuses, and the guide page's lines
    it refuses, and return the documents' names.

    The check is feedback and may learn to see some bypasses; a refusal with a located message
    is a fine outcome for those, and the rest of the corpus must still build, so what the check
    lets through still meets the sanitiser alone. A problem in any other file is a broken fixture."""
    result = _check(root)
    guide = root / "content" / "pages" / "guide.md"
    refused_lines = {int(n) for n in re.findall(r"^content/pages/guide\.md:(\d+):\d+:", result.stdout, re.MULTILINE)}
    if refused_lines:
        lines = guide.read_text(encoding="utf-8").splitlines()
        guide.write_text("\n".join(line for i, line in enumerate(lines, start=1) if i not in refused_lines) + "\n",
                         encoding="utf-8")
        result = _check(root)
    refused = sorted({m.group(1) for m in re.finditer(r"catalogue/ghjh/([\w-]+)\.md:\d+:\d+:", result.stdout)})
    problems = [line for line in result.stdout.splitlines() if re.match(r"\S+\.md:\d+:\d+:", line)]
    stray = [line for line in problems if not any(f"ghjh/{name}.md:" in line for name in refused)]
    assert not stray and (result.returncode == 0 or refused), result.stdout + result.stderr
    for name in refused:
        (root / "content" / "catalogue" / "ghjh" / f"{name}.md").unlink()
    return refused


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=root, capture_output=True, text=True,
                          check=False, encoding="utf-8", timeout=300)


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its content decoded as a reader's program would see it:
    gzip opened, zip members listed as `<zip>!/<member>`, offline search data scripts' base64 decoded."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        found.update(_decoded(rel, data))
    return found


_BASE64_CALL = re.compile(rb'^\w+\("[^"]*","([A-Za-z0-9+/=]*)"\);\s*$')


def _decoded(rel: str, data: bytes) -> dict[str, bytes]:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[:4] == b"PK\x03\x04":
        members: dict[str, bytes] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                members.update(_decoded(f"{rel}!/{name}", archive.read(name)))
        return members
    if (call := _BASE64_CALL.match(data)) is not None:
        return _decoded(rel, base64.b64decode(call.group(1)))
    return {rel: data}
