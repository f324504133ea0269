"""Site identification from typed options: values are text wherever they appear, addresses
are http(s) only, the badge is a local web image; a bad option fails the build naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import doc, mkdocs_build

HOSTILE = '<script>alert(1)</script>"'


def project(root: Path, identification: str) -> Path:
    (root / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (root / "content" / "catalogue" / "fgwj" / "a.md").write_text(doc(), encoding="utf-8")
    (root / "badge.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "badge.exe").write_bytes(b"MZ")
    # opened by its own address, an SVG's script runs on the site's origin, under no page's policy
    (root / "badge.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="110" height="55">'
                                    '<rect width="110" height="55" fill="#c00000"/>'
                                    '<script>document.title="pwned"</script></svg>', encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 测试\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins:\n"
        '  - gkml:\n      agency: 安徽省应急管理厅\n      org_code: "002986620"\n      search: false\n'
        f"      identification:\n{identification}", encoding="utf-8")
    return root / "mkdocs.yml"


def test_identification_values_are_text_and_the_badge_is_copied(tmp_path: Path) -> None:
    config = project(tmp_path, f"        sponsor: '{HOSTILE}'\n        icp: '{HOSTILE}'\n"
                               "        police: 皖公网安备 34010402000001号\n        badge: badge.png\n")
    result = mkdocs_build(config)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in html
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=34010402000001"' in html
    assert (site / "assets" / "gkml" / "identification" / "badge.png").read_bytes().startswith(b"\x89PNG")
    assert "data-gkml-placeholder" not in html


@pytest.mark.parametrize(("option", "phrase"), [
    ("        police: 皖公网安备 1号\n        police_url: 'javascript://x/%0aalert(1)'\n", "police_url"),
    ("        badge_url: 'data:text/html,x'\n", "badge_url"),
    ("        badge: badge.exe\n", "identification.badge"),
    ("        badge: missing.png\n", "badge"),
    ("        badge: badge.svg\n", "identification.badge：网站标识图片"),
])
def test_a_bad_identification_option_fails_the_build_naming_it(tmp_path: Path, option: str, phrase: str) -> None:
    result = mkdocs_build(project(tmp_path, option))
    assert result.returncode != 0 and phrase in result.stderr, result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
