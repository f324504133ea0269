"""Files a body's Markdown reads as it is rendered: pymdownx.snippets' `--8<-- "file"` lines
and its `auto_append`. A page, a 内容概述 or a search record made from such a body is made
from those files too, so whatever is kept by a document's bytes (its page's key, its listing
row, its open data, its summary) is kept by theirs as well: an edited snippet left every
page that includes it as the last build had made it.

The files are the ones the extension itself looks for: its own preprocessor is run over the
body with its path lookup recorded, nested snippets and sections included.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gkml.fingerprint import file_sha256

_MARK = "8<"  # every snippet line holds it (-8<-, --8<--, …)


class Includes:
    """What the site's Markdown extensions would include into a body (none without pymdownx.snippets)."""

    def __init__(self, extensions: Sequence[Any], configs: Mapping[str, Any]) -> None:
        import markdown  # here: `gkml check` of a site without snippets never loads Markdown

        md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs))
        # a Markdown Registry, which has no .get
        self._snippets = md.preprocessors["snippet"] if "snippet" in md.preprocessors else None  # noqa: SIM401

    def __bool__(self) -> bool:
        return self._snippets is not None

    def digest(self, body: str) -> str:
        """A digest of every file `body` includes (and of every name looked for and not found);
        "" when it includes none. A body that may download a snippet gets a digest of its own each
        time: what a URL serves cannot be known without fetching it, so its page is always made."""
        snippets = self._snippets
        if snippets is None or (_MARK not in body and not snippets.auto_append):
            return ""
        if snippets.url_download and "://" in body:
            return os.urandom(16).hex()
        looked_up = self._looked_up(body)
        if not looked_up:
            return ""
        sha = hashlib.sha256()
        for name, found in looked_up:
            sha.update(f"{name}\0{found}\0{_file_digest(found)}\n".encode())
        return sha.hexdigest()

    def files(self, body: str) -> list[str]:
        """The files `body` includes (nested snippets too), as the extension found them."""
        snippets = self._snippets
        if snippets is None:
            return []
        downloads, snippets.url_download = snippets.url_download, False  # no fetching: a URL is no file of the site
        try:
            looked_up = self._looked_up(body)
        finally:
            snippets.url_download = downloads
        return list(dict.fromkeys(found for name, found in looked_up if name != "!" and found))

    def _looked_up(self, body: str) -> list[tuple[str, str | None]]:
        """(name, path found or None) of every snippet the extension looks for in `body`;
        ("!", error) when it stopped."""
        snippets = self._snippets
        if snippets is None or (_MARK not in body and not snippets.auto_append):
            return []
        looked_up: list[tuple[str, str | None]] = []
        lookup = snippets.get_snippet_path

        def recorded(path: str) -> str | None:
            found = lookup(path)
            looked_up.append((path, found))
            return found

        snippets.get_snippet_path = recorded
        try:
            snippets.run(body.split("\n"))
        except Exception as error:  # noqa: BLE001 - the page's own rendering reports it; here it is one more input
            looked_up.append(("!", repr(error)))
        finally:
            del snippets.get_snippet_path  # the class's own again
        return looked_up

    def sources(self, sources: Mapping[str, str], bodies: Mapping[str, str]) -> dict[str, str]:
        """`sources` (docs-relative path -> the sha256 of the document's file) with the files each
        body of `bodies` (docs-relative path -> body) includes folded in."""
        out = dict(sources)
        for rel, body in bodies.items():
            included = self.digest(body)
            if included and rel in out:
                out[rel] = hashlib.sha256(f"{out[rel]}\0{included}".encode()).hexdigest()
        return out


def _file_digest(path: str | None) -> str:
    if path is None:
        return ""
    try:
        return file_sha256(Path(path))
    except OSError as error:  # a folder, or gone: the rendering fails the same way
        return repr(error)
