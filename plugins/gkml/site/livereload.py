"""`mkdocs serve` only: live reload under the CSP, validation errors in the browser, and the
TODOs an import left open shown on their document's page.

MkDocs' preview server injects an inline script carrying a fresh number on every
request, so no hash can approve it: the preview's policy allows inline scripts.
A built site never passes through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

_POLICY = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"script-src([^;]*)")
TEMPLATES = Path(__file__).parent / "templates" / "gkml"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
_DOCUMENT = '<article class="gkml-doc"'  # document.html: the box goes right above the document


def allow_live_reload(html: str) -> str:
    """The page with its CSP's script-src allowing MkDocs' inline live-reload script."""

    def relax(match: re.Match[str]) -> str:
        sources = [s for s in match.group(1).split() if not s.startswith(("'sha256-", "'nonce-"))]
        return "script-src " + " ".join([*sources, "'unsafe-inline'"])

    return _POLICY.sub(lambda m: m.group(1) + _SCRIPT_SRC.sub(relax, m.group(2), count=1) + m.group(3), html, count=1)


def write_error_page(site_dir: Path, problems: Sequence[str], summary: str,
                     deleted: Sequence[tuple[str, str]] = ()) -> None:
    """The preview's every address shows the problems until they are fixed (index.html,
    and 404.html, which MkDocs serves for any other address); `deleted`: the documents
    (title, docs-relative file) the preview showed whose files are gone."""
    html = _ENV.get_template("serve-error.html").render(problems=problems, summary=summary, deleted=deleted)
    site_dir.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(html, encoding="utf-8")


def todos_by_page(notices: Iterable[tuple[str, str]], shown_docs: str) -> dict[str, list[str]]:
    """Each document's notices (path, the line the terminal shows) by its docs-relative path
    (`shown_docs`: the docs folder as the notices' paths begin, "." for none)."""
    prefix = "" if shown_docs == "." else shown_docs + "/"
    pages: dict[str, list[str]] = {}
    for path, line in notices:
        pages.setdefault(path.removeprefix(prefix), []).append(line)
    return pages


def with_open_todos(html: str, todos: Sequence[str]) -> str:
    """A document page with the TODOs its import left open listed above it: the editor previewing
    it sees what the terminal told (a built site never passes through here)."""
    box = _ENV.get_template("serve-todos.html").render(todos=todos)
    return html.replace(_DOCUMENT, box + _DOCUMENT, 1)


def write_moved_page(page: Path, title: str, text: str, link: str | None, home: str) -> None:
    """The preview's page at an address a document left, saying where it went (build.whereabouts);
    `link` and `home` relative to it."""
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(_ENV.get_template("serve-moved.html").render(title=title, text=text, link=link, home=home),
                    encoding="utf-8")
