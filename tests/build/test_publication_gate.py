"""The one gate over every file of docs_dir, through the real `mkdocs build`.

A good build publishes pages, their images and published documents' attachments,
and nothing else: every output byte (gzip members opened) is searched for the
sentinels of held-back documents and stray files. A bad input stops the build with
the editor's Chinese message, no traceback and no site at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from support import (
    build_site,
    build_site_and_copy,
    doc,
    every_byte,
    links,
    mkdocs_build,
    small_site_yml,
)

MKDOCS_YML = small_site_yml("测试公开目录", "search: false")
PUBLIC = "PUBLICSENTINELGATE"
HIDDEN = ["HIDDENSENTINELAPPLYDOC", "HIDDENSENTINELAPPLYFILE", "HIDDENSENTINELDOTFILE", "HIDDENSENTINELLITTER"]


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for rel, content in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root / "mkdocs.yml"


def good_project(root: Path) -> Path:
    return write(root, {
        "catalogue/fgwj/public.md": doc("attachments:", "  - {file: files/public.pdf, title: 附件}",
                                        title=f"关于{PUBLIC}的通知"),
        "catalogue/fgwj/files/public.pdf": f"%PDF {PUBLIC}",
        "catalogue/fgwj/apply.md": doc("attachments:", "  - {file: files/apply.pdf, title: 附件}",
                                       title=f"关于{HIDDEN[0]}的通知", index_no="002986620/202003-00013",
                                       disclosure="依申请公开"),
        "catalogue/fgwj/files/apply.pdf": f"%PDF {HIDDEN[1]}",
        "catalogue/fgwj/files/Thumbs.db": HIDDEN[3],
        "pages/gkzn.md": "# 公开指南\n\n![流程](flow.png)\n",
        "pages/flow.png": b"\x89PNG\r\n\x1a\n",
        "pages/.draft.md": f"---\ndisclosure: 不予公开\n---\n{HIDDEN[2]}\n",
        "pages/desktop.ini": HIDDEN[3],
    })


def test_only_pages_their_images_and_published_attachments_are_published(tmp_path: Path) -> None:
    result = mkdocs_build(good_project(tmp_path), site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    contents = every_byte(tmp_path / "site")
    for sentinel in HIDDEN:
        assert [name for name, data in contents.items() if sentinel.encode() in data] == [], sentinel
    assert not [name for name in contents if name.lower().endswith(("thumbs.db", "desktop.ini", ".md"))]
    assert "pages/flow.png" in contents and "doc/002986620-202003-00012/public.pdf" in contents


def _bad(name: str) -> tuple[dict[str, str | bytes], str | tuple[str, ...]]:
    secret = "HIDDENSENTINELBAD"
    exempt = doc("exemption: 《条例》第十四条", title=f"关于{secret}的通知", index_no="002986620/202003-00013",
                 disclosure="不予公开")
    cases: dict[str, tuple[dict[str, str | bytes], str | tuple[str, ...]]] = {
        "exempt-under-pages": ({"catalogue/fgwj/x.md": doc(), "pages/secret.md": exempt},
                               "content/pages/secret.md:1:1: 文件: 这个 Markdown 文件既不在公开目录文件夹 catalogue/ 中"),
        "exempt-as-guide-page": ({"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": exempt},
                                 "content/pages/gkzn.md:3:1: 文件: 这个页面带有公开目录文件的属性"),
        "attaches-held-back-document": (
            {"catalogue/fgwj/x.md": doc("attachments:", "  - {file: exempt.md, title: 附件}"), "catalogue/fgwj/exempt.md": exempt},
            "content/catalogue/fgwj/x.md:10:12: 附件(attachments): 附件“exempt.md”：.md 类型的文件不允许发布"),
        "attaches-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc("attachments:", "  - {file: files/s.pdf, title: 附件}"),
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            ("content/catalogue/fgwj/x.md:9:1: 附件(attachments): 附件 content/catalogue/fgwj/files/s.pdf 也是暂不发布的文件 "
            "content/catalogue/fgwj/exempt.md（不予公开）的附件")),
        "supersedes-into-held-back": (
            {"catalogue/fgwj/x.md": doc("superseded_by: 002986620/202003-00013", "validity: 已修订"),
             "catalogue/fgwj/exempt.md": exempt},
            ("content/catalogue/fgwj/x.md:9:1: 替代文件(superseded_by): 替代文件 002986620/202003-00013 是暂不发布的文件 "
            "content/catalogue/fgwj/exempt.md（不予公开）")),
        # a guide page naming a held-back document's file: not published, but its name would be
        "guide-links-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 公开指南\n\n申请表见[这里](../catalogue/fgwj/files/s.pdf)。\n",
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            ("content/pages/gkzn.md:3:5: 文件: 页面链接的文件 ../catalogue/fgwj/files/s.pdf 不会发布"
             "（content/catalogue/fgwj/files/s.pdf：不予公开）")),
        "guide-links-held-back-document-in-html": (
            {"catalogue/fgwj/x.md": doc(), "catalogue/fgwj/exempt.md": exempt,
             "pages/gkzn.md": '# 公开指南\n\n<p>见<a href="../catalogue/fgwj/exempt.md">办法</a></p>\n'},
            ("content/pages/gkzn.md:3:5: 文件: 页面链接的文件 ../catalogue/fgwj/exempt.md 不会发布"
             "（content/catalogue/fgwj/exempt.md：不予公开）")),
        "guide-links-withdrawn-document": (
            {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 公开指南\n\n[已撤回的文件](../catalogue/fgwj/w.md)\n",
             "catalogue/fgwj/w.md": doc("withdrawn: {date: 2026-10-01, reason: 内容有误}", index_no="002986620/202003-00014",
                                        title=f"关于{secret}的通知")},
            ("content/pages/gkzn.md:3:1: 文件: 页面链接的文件 ../catalogue/fgwj/w.md 不会发布"
             "（content/catalogue/fgwj/w.md：已撤回）")),
        # a document body's raw HTML (pasted from Word or a CMS) is judged as its Markdown links are
        "body-html-links-held-back-document": (
            {"catalogue/fgwj/x.md": doc(body='<p>见<a title="《办法》>" href="exempt.md">办法</a></p>\n'),
             "catalogue/fgwj/exempt.md": exempt},
            "content/catalogue/fgwj/x.md:10:5: 文件: 正文不能链接公开目录中的源文件：exempt.md"),
        "body-html-image-outside-docs": (
            {"catalogue/fgwj/x.md": doc(body='<IMG SRC=../../../mkdocs.yml>\n')},
            "content/catalogue/fgwj/x.md:10:1: 文件: 正文链接的路径“../../../mkdocs.yml”无效：路径跑出了内容目录"),
        # the page of a held-back document: its address shows the index number (a dead link only warns)
        "body-links-a-held-back-documents-page": (
            {"catalogue/fgwj/x.md": doc(body="见[办法](../../doc/002986620-202003-00013/)。\n"),
             "catalogue/fgwj/exempt.md": exempt},
            "content/catalogue/fgwj/x.md:10:7: 文件: 正文链接的 ../../doc/002986620-202003-00013/ 不是网站发布的文件"),
        # the same page's address from the server's root, in Markdown or raw HTML (the site may be
        # served below a folder): not a file, but it shows the index number all the same
        "body-links-a-held-back-documents-page-from-the-root": (
            {"catalogue/fgwj/x.md": doc(body="见[办法](/doc/002986620-202003-00013/)和\n"
                                             '<a href="/gkml/doc/002986620-202003-00013">办法</a>。\n'),
             "catalogue/fgwj/exempt.md": exempt},
            (("content/catalogue/fgwj/x.md:10:7: 文件: 链接的 /doc/002986620-202003-00013/ 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"),
             ("content/catalogue/fgwj/x.md:11:10: 文件: 链接的 /gkml/doc/002986620-202003-00013 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"))),
        # a browser climbs the '..' (or its %2e%2e) and asks for the held-back page all the same
        "body-links-a-held-back-documents-page-through-a-climb": (
            {"catalogue/fgwj/x.md": doc(body="见[办法](/gkml/doc/x/%2e%2e/002986620-202003-00013/)。\n"),
             "catalogue/fgwj/exempt.md": exempt},
            ("content/catalogue/fgwj/x.md:10:7: 文件: 链接的 /gkml/doc/x/%2e%2e/002986620-202003-00013/ 是暂不发布的文件 "
             "content/catalogue/fgwj/exempt.md 的页面")),
        # any spelling a server answers or the offline copy uses shows the index number too
        "body-links-a-held-back-documents-page-in-another-spelling": (
            {"catalogue/fgwj/x.md": doc(body="见[办法](/DOC/002986620-202003-00013/)和\n"
                                             '<a href="/gkml/doc/002986620-202003-00013.html">办法</a>。\n'),
             "catalogue/fgwj/exempt.md": exempt},
            (("content/catalogue/fgwj/x.md:10:7: 文件: 链接的 /DOC/002986620-202003-00013/ 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"),
             ("content/catalogue/fgwj/x.md:11:10: 文件: 链接的 /gkml/doc/002986620-202003-00013.html 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"))),
        # a file in its page's folder (where its attachment would be) shows the index number as well
        "body-links-a-file-beside-a-held-back-documents-page": (
            {"catalogue/fgwj/x.md": doc(body="见[附件](/gkml/doc/002986620-202003-00013/s.pdf)。\n"),
             "catalogue/fgwj/exempt.md": exempt},
            ("content/catalogue/fgwj/x.md:10:7: 文件: 链接的 /gkml/doc/002986620-202003-00013/s.pdf 是暂不发布的文件 "
             "content/catalogue/fgwj/exempt.md 的页面或附件")),
        "guide-links-a-file-beside-a-held-back-documents-page": (
            {"catalogue/fgwj/x.md": doc(), "catalogue/fgwj/exempt.md": exempt,
             "pages/gkzn.md": "# 公开指南\n\n见[附件](../../doc/002986620-202003-00013/s.pdf)。\n"},
            ("content/pages/gkzn.md:3:7: 文件: 页面链接的文件 ../../doc/002986620-202003-00013/s.pdf 不会发布"
             "（暂不发布的文件 content/catalogue/fgwj/exempt.md 的页面或附件）")),
        # a browser reads "\\" as "/" in a web address: the same page, the same index number shown
        "guide-links-a-held-back-documents-page-with-backslashes": (
            {"catalogue/fgwj/x.md": doc(), "catalogue/fgwj/exempt.md": exempt,
             "pages/gkzn.md": '# 公开指南\n\n<p>见<a href="..\\..\\doc\\002986620-202003-00013\\">办法</a></p>\n'},
            # the gate refuses the Windows path first, with the path to write (the build refused the leak)
            ("content/pages/gkzn.md:3:5: 文件: 页面链接的路径“..\\..\\doc\\002986620-202003-00013\\”无效：路径中的“\\”"
             "是 Windows 的写法，网站上要用“/”，请改为：../../doc/002986620-202003-00013/。")),
        "guide-links-a-held-back-documents-page-from-the-root": (
            {"catalogue/fgwj/x.md": doc(), "catalogue/fgwj/exempt.md": exempt,
             "pages/gkzn.md": "# 公开指南\n\n见[办法](/doc/002986620-202003-00013/index.html)。\n"},
            ("content/pages/gkzn.md:3:7: 文件: 链接的 /doc/002986620-202003-00013/index.html 是暂不发布的文件 "
             "content/catalogue/fgwj/exempt.md 的页面")),
        "body-html-script-file": (
            {"catalogue/fgwj/x.md": doc(body='<p><a href="files/a.html">说明</a></p>\n'),
             "catalogue/fgwj/files/a.html": f"<script>{secret}</script>"},
            "content/catalogue/fgwj/x.md:10:4: 文件: 正文链接的文件 files/a.html 没有列入附件"),
        # Python-Markdown's view of code, not a line toggle: an unclosed fence is text, the link after it live
        "body-link-after-unclosed-fence": (
            {"catalogue/fgwj/x.md": doc(body="```\n[办法](exempt.md)\n"), "catalogue/fgwj/exempt.md": exempt},
            "content/catalogue/fgwj/x.md:11:1: 文件: 正文不能链接公开目录中的源文件：exempt.md"),
        # an address from the docs folder's root is made no file's address: the page named the source
        "body-absolute-path-to-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc(body='[申请表](/catalogue/fgwj/files/s.pdf)\n\n<p><a href="/catalogue/fgwj/exempt.md">办法</a></p>\n'),
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            ("content/catalogue/fgwj/x.md:10:1: 文件: 正文中以 / 开头的地址 /catalogue/fgwj/files/s.pdf 指向内容目录中的源文件",
             "content/catalogue/fgwj/x.md:12:4: 文件: 正文不能链接公开目录中的源文件：/catalogue/fgwj/exempt.md")),
        # the same file below the site's own folder (site_url …/gkml/): the check reads / as the docs
        # folder and let it pass; the page showed the held-back file's path and name
        "body-path-below-the-sites-folder-to-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc(body='![申请表](/gkml/catalogue/fgwj/files/s.pdf)\n\n'
                                             '<p><a href="/gkml/catalogue/fgwj/files/s.pdf">申请表</a></p>\n'),
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            # told by the check, as the build refuses it (gkml.content.rootpaths: one rule for both)
            ("content/catalogue/fgwj/x.md:10:1: 文件: 正文中以 / 开头的地址 /gkml/catalogue/fgwj/files/s.pdf 指向内容目录中的源文件",
             "content/catalogue/fgwj/x.md:12:4: 文件: 正文中以 / 开头的地址 /gkml/catalogue/fgwj/files/s.pdf 指向内容目录中的源文件")),
        "guide-path-below-the-sites-folder-to-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 公开指南\n\n![表](/gkml/catalogue/fgwj/files/s.pdf)\n",
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            ("content/pages/gkzn.md:3:1: 文件: 页面链接的文件 /gkml/catalogue/fgwj/files/s.pdf 不会发布"
             "（content/catalogue/fgwj/files/s.pdf：以 / 开头的地址不会换成发布后的网址")),
        # a path parameter (Tomcat, Jetty: ;jsessionid=…) is no part of the file a server reads
        "guide-path-with-a-path-parameter-to-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 公开指南\n\n[表](/gkml/catalogue/fgwj/files/s.pdf;jsessionid=1)\n",
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            ("content/pages/gkzn.md:3:1: 文件: 页面链接的文件 /gkml/catalogue/fgwj/files/s.pdf;jsessionid=1 不会发布"
             "（content/catalogue/fgwj/files/s.pdf：以 / 开头的地址不会换成发布后的网址")),
        # the held-back page in the spellings a server reads as its address: a path parameter (Tomcat's
        # ;jsessionid=), a trailing dot (a Windows server): each shows the index number all the same
        "body-links-a-held-back-documents-page-with-a-path-parameter": (
            {"catalogue/fgwj/x.md": doc(body="见[办法](/gkml/doc/002986620-202003-00013;jsessionid=1A2B/)和\n"
                                             '<a href="../../doc/002986620-202003-00013;x/">办法</a>和\n'
                                             "[办法](/doc/002986620-202003-00013./)。\n"),
             "catalogue/fgwj/exempt.md": exempt},
            (("content/catalogue/fgwj/x.md:10:7: 文件: 链接的 /gkml/doc/002986620-202003-00013;jsessionid=1A2B/ 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"),
             ("content/catalogue/fgwj/x.md:11:10: 文件: 正文链接的 ../../doc/002986620-202003-00013;x/ 不是网站发布的文件"
              "（暂不发布的文件 content/catalogue/fgwj/exempt.md 的页面或附件）"),
             ("content/catalogue/fgwj/x.md:12:6: 文件: 链接的 /doc/002986620-202003-00013./ 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"))),
        # Tomcat and Jetty climb "..;" (a parameter on ".."), which a browser sends as it is: the held-back
        # page's address and its attachment's source path were written on the page
        "body-links-a-held-back-documents-page-through-a-tomcat-climb": (
            {"catalogue/fgwj/x.md": doc(body="见[办法](/gkml/doc/x/..;/002986620-202003-00013/)和\n"
                                             '<a href="../x/..;jsessionid=1/002986620-202003-00013/">办法</a>。\n'),
             "catalogue/fgwj/exempt.md": exempt},
            (("content/catalogue/fgwj/x.md:10:7: 文件: 链接的 /gkml/doc/x/..;/002986620-202003-00013/ 是暂不发布的文件 "
              "content/catalogue/fgwj/exempt.md 的页面"),
             ("content/catalogue/fgwj/x.md:11:10: 文件: 正文链接的 ../x/..;jsessionid=1/002986620-202003-00013/ "
              "不是网站发布的文件（暂不发布的文件 content/catalogue/fgwj/exempt.md 的页面或附件）"))),
        "guide-path-through-a-tomcat-climb-to-held-back-attachment": (
            {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 公开指南\n\n[表](/gkml/catalogue/fgwj/x/..;/files/s.pdf)\n",
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            ("content/pages/gkzn.md:3:1: 文件: 页面链接的文件 /gkml/catalogue/fgwj/x/..;/files/s.pdf 不会发布"
             "（content/catalogue/fgwj/files/s.pdf：以 / 开头的地址不会换成发布后的网址")),
        "guide-absolute-path-to-published-document": (
            {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": '# 公开指南\n\n<p><a href="/catalogue/fgwj/x.md">办法</a></p>\n'},
            ("content/pages/gkzn.md:3:4: 文件: 页面链接的文件 /catalogue/fgwj/x.md 不会发布"
             "（content/catalogue/fgwj/x.md：以 / 开头的地址不会换成发布后的网址")),
        # backticks are text inside an HTML block: the link is live there, and the check reads it so
        # (gkml.content.codespans: no code span in raw HTML), told at its tag as the check tells raw HTML's links
        "body-html-in-backticks-in-html-block": (
            {"catalogue/fgwj/x.md": doc(body='<div>\n`<a href="exempt.md">办法</a>`\n</div>\n'),
             "catalogue/fgwj/exempt.md": exempt},
            "content/catalogue/fgwj/x.md:11:2: 文件: 正文不能链接公开目录中的源文件：exempt.md。"),
        # in other case from the site's folder: a server on Windows serves it, and the build asks as
        # the check does (gkml.content.rootpaths.any_case) on every disk, not by the disk's case rule
        "body-path-in-other-case-to-held-back-attachment-in-html-block": (
            {"catalogue/fgwj/x.md": doc(body='<div>\n`<a href="/gkml/CATALOGUE/fgwj/FILES/s.pdf">申请表</a>`\n</div>\n'),
             "catalogue/fgwj/exempt.md": exempt.replace("exemption:", "attachments: [{file: files/s.pdf, title: 附件}]\nexemption:"),
             "catalogue/fgwj/files/s.pdf": f"%PDF {secret}"},
            "content/catalogue/fgwj/x.md:11:2: 文件: 正文中以 / 开头的地址 /gkml/CATALOGUE/fgwj/FILES/s.pdf 指向内容目录中的源文件"),
        "guide-html-in-backticks-in-html-block": (
            {"catalogue/fgwj/x.md": doc(), "catalogue/fgwj/exempt.md": exempt,
             "pages/gkzn.md": '# 公开指南\n\n<div>\n`<img src="../catalogue/fgwj/exempt.md">`\n</div>\n'},
            ("content/pages/gkzn.md:4:2: 文件: 页面链接的文件 ../catalogue/fgwj/exempt.md 不会发布"
             "（content/catalogue/fgwj/exempt.md")),
        "svg-attachment": (
            {"catalogue/fgwj/x.md": doc("attachments:", "  - {file: a.svg, title: 附件}"),
             "catalogue/fgwj/a.svg": f"<svg onload=alert(1)>{secret}</svg>"},
            "content/catalogue/fgwj/x.md:10:12: 附件(attachments): 附件“a.svg”：.svg 类型的文件不允许发布"),
        "alias-bomb": (
            {"catalogue/fgwj/x.md": "---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
                f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + f"---\n{secret}\n"},
            "content/catalogue/fgwj/x.md:2:4: 文件: 属性区中不允许使用 YAML 锚点（&）和别名（*）。"),
    }
    return cases[name]


@pytest.mark.parametrize("name", ["exempt-under-pages", "exempt-as-guide-page", "attaches-held-back-document",
                                  "attaches-held-back-attachment", "supersedes-into-held-back", "svg-attachment",
                                  "guide-links-held-back-attachment", "guide-links-held-back-document-in-html",
                                  "guide-links-withdrawn-document",
                                  "body-html-links-held-back-document",
                                  "body-html-image-outside-docs", "body-links-a-held-back-documents-page",
                                  "body-links-a-held-back-documents-page-from-the-root",
                                  "body-links-a-held-back-documents-page-in-another-spelling",
                                  "body-links-a-file-beside-a-held-back-documents-page",
                                  "guide-links-a-file-beside-a-held-back-documents-page",
                                  "guide-links-a-held-back-documents-page-from-the-root",
                                  "body-links-a-held-back-documents-page-through-a-climb",
                                  "body-html-script-file",
                                  "body-link-after-unclosed-fence", "body-absolute-path-to-held-back-attachment",
                                  "guide-absolute-path-to-published-document",
                                  "body-path-below-the-sites-folder-to-held-back-attachment",
                                  "guide-path-below-the-sites-folder-to-held-back-attachment",
                                  "guide-path-with-a-path-parameter-to-held-back-attachment",
                                  "guide-links-a-held-back-documents-page-with-backslashes",
                                  "body-links-a-held-back-documents-page-with-a-path-parameter",
                                  "body-links-a-held-back-documents-page-through-a-tomcat-climb",
                                  "guide-path-through-a-tomcat-climb-to-held-back-attachment",
                                  "body-html-in-backticks-in-html-block",
                                  "guide-html-in-backticks-in-html-block",
                                  "body-path-in-other-case-to-held-back-attachment-in-html-block",
                                  "alias-bomb"])
def test_a_leak_or_a_hazard_stops_the_build_with_the_editors_message(tmp_path: Path, name: str) -> None:
    files, message = _bad(name)
    result = mkdocs_build(write(tmp_path, files), site_dir=tmp_path / "site")
    assert result.returncode == 1
    for expected in (message,) if isinstance(message, str) else message:
        assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists() and not (tmp_path / "site.gkml-new").exists()


GUIDE_LINKS = {
    "markdown": "见[办法](../catalogue/fgwj/x.md)和[申请表](../catalogue/fgwj/files/申请表.pdf)。\n\n![流程](flow.png)\n",
    # pasted HTML kept the source's addresses: a 404 naming catalogue/fgwj/x.md, and the page's own
    # image looked for in pages/gkzn/ (a page's address is a folder)
    "raw-html": ('<p>见<a href="../catalogue/fgwj/x.md">办法</a>和<a\nhref="../catalogue/fgwj/files/申请表.pdf">申请表</a>。</p>\n\n'
                 '<p><img alt="流程" src="flow.png"></p>\n'),
}


@pytest.mark.parametrize("form", GUIDE_LINKS)
def test_a_guide_page_links_a_published_document_and_its_attachment(tmp_path: Path, form: str) -> None:
    """A 公开指南 may link a published document's file and its attachment: MkDocs makes them the
    document's address and the attachment's, in Markdown or raw HTML alike."""
    config = write(tmp_path, {
        "catalogue/fgwj/x.md": doc("attachments:", "  - {file: files/申请表.pdf, title: 申请表}"),
        "catalogue/fgwj/files/申请表.pdf": "%PDF-1.4",
        "pages/flow.png": b"\x89PNG\r\n\x1a\n",
        "pages/gkzn.md": "# 公开指南\n\n" + GUIDE_LINKS[form]})
    result = mkdocs_build(config, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    guide = next((tmp_path / "site").glob("pages/gkzn*/index.html")).read_text(encoding="utf-8")
    assert 'href="../../doc/002986620-202003-00012/"' in guide and "catalogue/fgwj" not in guide
    assert f'href="../../doc/002986620-202003-00012/{quote("申请表.pdf")}"' in guide
    assert 'src="../flow.png"' in guide


def test_a_body_including_a_held_back_documents_file_stops_the_build(tmp_path: Path) -> None:
    """With pymdownx.snippets a published body or a guide page can include any file of the docs
    folder as it is rendered: a held-back document's whole file, or its attachment, reached the
    page, the listings' 内容概述 and the feeds."""
    secret = "HIDDENSENTINELSNIPPET"
    (tmp_path / "mkdocs.yml").write_text(small_site_yml("测试公开目录", "search: false", "guide_pages: {公开指南: pages/gkzn.md}")
                                         + "markdown_extensions:\n  - pymdownx.snippets: {base_path: [content, snippets]}\n",
                                         encoding="utf-8")
    write_files = {
        "catalogue/fgwj/x.md": doc(body='正文。\n\n--8<-- "catalogue/fgwj/apply.md"\n\n--8<-- "catalogue/fgwj/files/s.txt"\n'),
        "catalogue/fgwj/apply.md": doc("attachments: [{file: files/s.txt, title: 附件}]", title=f"关于{secret}的通知",
                                       index_no="002986620/202003-00013", disclosure="依申请公开", body=f"{secret}正文\n"),
        "catalogue/fgwj/files/s.txt": f"附件{secret}",
        "pages/gkzn.md": '# 公开指南\n\n--8<-- "catalogue/fgwj/apply.md"\n',
    }
    for rel, content in write_files.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(content, encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert ("content/catalogue/fgwj/x.md:12:1: 文件: 正文引入（--8<--）了不发布的文件 content/catalogue/fgwj/apply.md"
            "（依申请公开），其内容会随本页发布。" in result.stderr)
    assert ("content/catalogue/fgwj/x.md:14:1: 文件: 正文引入（--8<--）了 content/catalogue/fgwj/files/s.txt，"
            "它是不发布的文件 content/catalogue/fgwj/apply.md（依申请公开）的附件，其内容会随本页发布。" in result.stderr)
    assert ("content/pages/gkzn.md:3:1: 文件: 正文引入（--8<--）了不发布的文件 content/catalogue/fgwj/apply.md"
            in result.stderr)
    assert not (tmp_path / "site").exists()
    # a file of no held-back document may be included
    (tmp_path / "content" / "pages" / "gkzn.md").write_text('# 公开指南\n\n--8<-- "note.md"\n', encoding="utf-8")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "note.md").write_text("可以公开的说明。\n", encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj" / "x.md").write_text(doc(body='正文。\n\n--8<-- "note.md"\n'),
                                                                      encoding="utf-8")
    built = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert "可以公开的说明" in (tmp_path / "site" / "doc" / "002986620-202003-00012" / "index.html").read_text(encoding="utf-8")
    assert not any(secret.encode() in data for data in every_byte(tmp_path / "site").values())


def test_check_and_build_refuse_an_included_file_that_is_not_text_to_publish(tmp_path: Path) -> None:
    """pymdownx.snippets reads any file under its base_path (by default the folder MkDocs runs in):
    a body could publish .git/config, the offline copies' signing key or the check cache. `gkml check`
    read no Markdown extension, so the pre-commit check passed what the build refused (a held-back
    document's file); both now refuse the same files with the same located lines."""
    secret = "HIDDENSENTINELSNIPPETFILE"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shared.md").write_text(secret, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text(
        small_site_yml("测试公开目录", "search: false")
        + f"markdown_extensions:\n  - pymdownx.snippets: {{base_path: ['.', snippets, '{outside}']}}\n", encoding="utf-8")
    included = {".git/config": "[remote]", "offline-signing-key.pem": "-----BEGIN PRIVATE KEY-----",
                ".gkml-cache/memo.txt": "", "mkdocs.yml": None, "shared.md": None,
                "content/catalogue/fgwj/apply.md": None}
    for rel, text in included.items():
        if text is not None:
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_text(text + secret, encoding="utf-8")
    body = "正文。\n\n" + "".join(f'--8<-- "{rel}"\n\n' for rel in included)
    for rel, text in {"catalogue/fgwj/x.md": doc(body=body),
                      "catalogue/fgwj/apply.md": doc(index_no="002986620/202003-00013", disclosure="依申请公开",
                                                     body=f"{secret}正文\n")}.items():
        (project / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / rel).write_text(text, encoding="utf-8")
    expected = [
        "content/catalogue/fgwj/x.md:12:1: 文件: 正文引入（--8<--）了 .git/config，它是隐藏文件或在隐藏文件夹中（如 .git）",
        "content/catalogue/fgwj/x.md:14:1: 文件: 正文引入（--8<--）了 offline-signing-key.pem，只能引入文字片段",
        "content/catalogue/fgwj/x.md:16:1: 文件: 正文引入（--8<--）了 .gkml-cache/memo.txt，它是隐藏文件",
        "content/catalogue/fgwj/x.md:18:1: 文件: 正文引入（--8<--）了 mkdocs.yml，只能引入文字片段",
        "content/catalogue/fgwj/x.md:20:1: 文件: 正文引入（--8<--）了 ../outside/shared.md，它在项目文件夹（mkdocs.yml 所在的文件夹）之外",
        "content/catalogue/fgwj/x.md:22:1: 文件: 正文引入（--8<--）了不发布的文件 content/catalogue/fgwj/apply.md（依申请公开）",
    ]
    check = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], check=False, cwd=project, capture_output=True, text=True)
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    assert [line[:len(want)] for line, want in zip(check.stdout.splitlines(), expected, strict=True)] == expected
    built = mkdocs_build(project / "mkdocs.yml", site_dir=project / "site")
    assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
    assert all(want in built.stderr for want in expected), built.stderr
    assert not (project / "site").exists()
    # a snippet of the project's own, text for readers, is published as before
    (project / "snippets").mkdir()
    (project / "snippets" / "note.md").write_text("可以公开的说明。\n", encoding="utf-8")
    (project / "content/catalogue/fgwj/x.md").write_text(doc(body='正文。\n\n--8<-- "note.md"\n'), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], check=False, cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert mkdocs_build(project / "mkdocs.yml", site_dir=project / "site").returncode == 0
    assert "可以公开的说明" in (project / "site/doc/002986620-202003-00012/index.html").read_text(encoding="utf-8")
    assert not any(secret.encode() in data for data in every_byte(project / "site").values())


def test_symlinks_stop_the_build_before_mkdocs_follows_them(tmp_path: Path) -> None:
    """A loop would make MkDocs walk for ever; a dangling linked folder crashed it; a link
    out of the tree copied /etc/passwd into the site."""
    config = write(tmp_path, {"catalogue/fgwj/x.md": doc(), "pages/gkzn.md": "# 指南\n"})
    os.symlink("/etc/passwd", tmp_path / "content/pages/passwd.txt")
    os.symlink("..", tmp_path / "content/pages/loop")
    os.symlink(tmp_path / "gone", tmp_path / "content/catalogue/dangling")
    result = mkdocs_build(config, site_dir=tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for rel in ("content/pages/passwd.txt", "content/pages/loop", "content/catalogue/dangling"):
        assert f"{rel}:1:1: 文件: 这是一个符号链接" in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_attachment_whose_name_holds_url_characters_is_reached_by_its_links(tmp_path: Path) -> None:
    """附件#1.pdf was linked as 附件 (the rest a fragment), 完成100%.pdf as no address at all. (A name
    with ? or : , as javascript:alert(1);x.pdf, is refused by the check: Windows cannot hold it.)"""
    names = ["附件#1.pdf", "完成100%.pdf", "a;b,c&d+e=f.pdf", "附件 (一) [2].pdf", "data,x.pdf"]
    config = write(tmp_path, {
        "catalogue/fgwj/x.md": doc("attachments:", *(f"  - {{file: 'files/{name}', title: 附件{i}}}" for i, name in enumerate(names))),
        **{f"catalogue/fgwj/files/{name}": f"%PDF {name}" for name in names},
    })
    result = mkdocs_build(config, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "site" / "doc" / "002986620-202003-00012"
    hrefs = [url for tag, url, _ in links((folder / "index.html").read_text(encoding="utf-8")) if url.endswith(".pdf")]
    data = json.loads((tmp_path / "site" / "catalogue.json").read_text(encoding="utf-8"))
    urls = [a["url"] for a in data["documents"][0]["attachments"]]
    assert len(hrefs) == len(urls) == len(names)
    for href, url, name in zip(hrefs, urls, names):
        assert urlsplit(href).scheme == "", href  # an address on this site, never a scheme's
        # what a browser asks for: the path, its %-escapes decoded, without query or fragment
        assert (folder / unquote(urlsplit(href).path)).read_text(encoding="utf-8") == f"%PDF {name}"
        assert (tmp_path / "site" / unquote(urlsplit(url).path)).read_text(encoding="utf-8") == f"%PDF {name}"


def test_raw_html_addresses_reach_the_published_files_online_and_offline(tmp_path: Path) -> None:
    """<img src> and <a href> pasted into a body name the file beside the source, as Markdown
    does: MkDocs rewrote only the Markdown, so on the site an attachment in a subfolder (published
    flat beside the page) was missing, and in the offline copy (doc/<id>.html) every one was."""
    folder = tmp_path / "content" / "catalogue" / "fgwj"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "图 1.png").write_bytes(b"\x89PNG\r\n\x1a\nFIGURE")
    (folder / "附件#1.pdf").write_bytes(b"%PDF-1.4 ANNEX")
    body = ('<p><img alt="图>1" src="img/%E5%9B%BE%201.png" width="2000"></p>\n\n'
            '见<a title="附件"\nhref="附件%231.pdf#page=2">附件一</a>。\n')
    yml = small_site_yml("测试公开目录", "search: false", site_url="https://www.example.gov.cn/gkml/")
    site, copy = build_site_and_copy(tmp_path, yml, {"fgwj/x.md": doc(
        "attachments:", "  - {file: img/图 1.png, title: 图一}", "  - {file: '附件#1.pdf', title: 附件一}", body=body)})
    for page in (site / "doc" / "002986620-202003-00012" / "index.html", copy / "doc" / "002986620-202003-00012.html"):
        found = links(page.read_text(encoding="utf-8"))
        (image,) = [url for tag, url, _ in found if tag == "img" and url.endswith(".png")]
        (annex,) = [url for tag, url, _ in found if url.endswith("#page=2")]  # the body's link, not the list's
        assert (page.parent / unquote(urlsplit(image).path)).read_bytes() == b"\x89PNG\r\n\x1a\nFIGURE", page
        assert (page.parent / unquote(urlsplit(annex).path)).read_bytes() == b"%PDF-1.4 ANNEX", page


def test_an_image_tag_is_read_as_the_img_every_parser_makes_of_it(tmp_path: Path) -> None:
    """<image src> (HTML renames it <img>) showed the picture beside the source: neither the check
    nor the address rewriting read it, and the build refused the page as naming an unpublished file."""
    folder = tmp_path / "content" / "catalogue" / "fgwj"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "图 1.png").write_bytes(b"\x89PNG\r\n\x1a\nFIGURE")
    site = build_site(tmp_path, small_site_yml("测试公开目录", "search: false"), {"fgwj/x.md": doc(
        "attachments:", "  - {file: img/图 1.png, title: 图一}", body='<p><image alt="图" src="img/图 1.png"></p>\n')})
    page = site / "doc" / "002986620-202003-00012" / "index.html"
    (image,) = [url for tag, url, _ in links(page.read_text(encoding="utf-8")) if tag == "img" and url.endswith(".png")]
    assert (page.parent / unquote(urlsplit(image).path)).read_bytes() == b"\x89PNG\r\n\x1a\nFIGURE"


# The held-back page in the spellings a browser reads as the site's own address (gkml.webaddress.on_the_web):
# a backslash or one or three slashes after the scheme, the host's 。 or full-width letters (IDNA), its
# percent-escapes, and a scheme with no slashes (relative on a page of its scheme)
SPELLED_HOSTS = [
    "https:\\\\www.example.gov.cn\\gkml\\doc\\002986620-202003-00033\\",
    "https:///www.example.gov.cn/gkml/doc/002986620-202003-00033/",
    "https:/www.example.gov.cn/gkml/doc/002986620-202003-00033/",
    "https://www.example\u3002gov.cn/gkml/doc/002986620-202003-00033/",
    "https://\uff37\uff37\uff37.example.gov.cn/gkml/doc/002986620-202003-00033/",
    "https://www.example%2Egov.cn/gkml/doc/002986620-202003-00033/",
    "https://www.example.gov.cn\\gkml/doc/002986620-202003-00033/",
    "https:../002986620-202003-00033/",
]


@pytest.mark.parametrize("form", ["raw-html", "markdown"])
def test_a_held_back_page_on_the_sites_own_host_in_any_spelling_stops_the_build(tmp_path: Path, form: str) -> None:
    """Only https://www.example.gov.cn/… was read as the site's own host: a browser reaches the same
    held-back page (its address showing the index number) from each spelling here, and the page was written."""
    # Markdown reads a backslash as an escape: those spellings are raw HTML's
    spelled = SPELLED_HOSTS if form == "raw-html" else [url for url in SPELLED_HOSTS if "\\" not in url]
    lines = [f'<p><a href="{url}">办法{n}</a></p>\n' if form == "raw-html" else f"[办法{n}](<{url}>)\n\n"
             for n, url in enumerate(spelled)]
    yml = small_site_yml("测试公开目录", "search: false", site_url="https://www.example.gov.cn/gkml/")
    (tmp_path / "mkdocs.yml").write_text(yml, encoding="utf-8")
    write_files = {"catalogue/fgwj/spelled.md": doc(body="".join(lines), title="关于拼写主机的通知"),
                   "catalogue/fgwj/spelled-held.md": doc(index_no="002986620/202003-00033", disclosure="依申请公开",
                                                         title="关于拼写主机暂不发布的通知")}
    for rel, content in write_files.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(content, encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    told = [line for line in result.stderr.splitlines() if "content/catalogue/fgwj/spelled.md:" in line
            and "content/catalogue/fgwj/spelled-held.md" in line]
    start = 10  # the body's first line
    step = 1 if form == "raw-html" else 2
    assert sorted({int(line.split(":")[1]) for line in told}) == [start + step * n for n in range(len(spelled))], \
        result.stderr
    assert not (tmp_path / "site").exists()
