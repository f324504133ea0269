"""The templates' environment: gkml's templates before the theme's, everything printed escaped,
gkml's filters, the listing rows each rendered once, and the Content-Security-Policy hashed from
the templates' own scripts and put in every page written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from gkml.build.carryover import CarryOver
from gkml.build.memos import RowKeys
from gkml.fingerprint import SharedDigests, digest, versions
from gkml.memo import Memo
from gkml.outputs.contract import CSV_FILE, FEED_FILE, JSON_FILE
from gkml.site import csp, livereload, routes
from gkml.site.compiled import keep_compiled
from gkml.site.listing_rows import RowTexts, listing_rows_function
from gkml.site.tokens import date_parts, nobr_parts
from gkml.site.views import Site, iso, zh_date

TEMPLATES = Path(__file__).parents[1] / "site" / "templates"


def add_templates(config: MkDocsConfig) -> None:
    """gkml's templates, found before the theme's and after the site's own (custom_dir)."""
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))


ESCAPED = ("html", "htm", "xml")


def prepare(env: Any, config: MkDocsConfig, cache_dir: Path) -> csp.Policy:
    """The environment made gkml's; returns the policy of the pages it renders."""
    # Everything a template prints is text unless it is Markup: the sanitised body, gkml's charts.
    env.autoescape = select_autoescape(ESCAPED)
    # compiled code depends on the versions, the extensions and which templates escape
    keep_compiled(env, cache_dir / "templates", digest(versions(), sorted(env.extensions), ESCAPED))
    # no template changes during a build (serve makes a new environment for each rebuild):
    # not a stat of every template a page includes, ten per page
    env.auto_reload = False
    own = [TEMPLATES, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
    try:
        policy = csp.Policy.from_templates(env, own)
    except csp.PolicyError as error:
        raise PluginError(str(error)) from error
    env.filters["zh_date"] = zh_date
    env.filters["iso"] = iso
    env.filters["nobr_parts"] = nobr_parts
    env.filters["date_parts"] = date_parts
    env.globals["gkml_open_data"] = {"json": JSON_FILE, "csv": CSV_FILE, "feed": FEED_FILE}  # the pages link them
    return policy


def listing_rows(env: Any, cache_dir: Path, carry: CarryOver | None, row_keys: RowKeys | None,
                 shared: SharedDigests, site: Site) -> RowTexts:
    """The templates' `listing_rows`: each row rendered once a build, kept across builds in a memo."""
    # a row is known by its digest in the listings' keys (made then, from the memo of row keys)
    row_texts = RowTexts(env, (lambda: Memo(cache_dir / "memo-rows.json", carry.fingerprint)) if carry else None,
                         row_keys.of_row if row_keys else lambda row: shared.of(row)["~shared"],
                         row_of=site.row, key_of=row_keys)
    env.globals["listing_rows"] = listing_rows_function(env, row_texts,
                                                        lambda doc: str(site.url(routes.document_path(doc))))
    return row_texts


def template_with_policy(policy: csp.Policy, output: str, template_name: str, *, serve: bool) -> str:
    """A static template's output (404.html) given the policy; a sitemap is no page."""
    if not template_name.endswith(".html"):
        return output
    return with_policy(policy, output, template_name, serve=serve)


def with_policy(policy: csp.Policy, html: str, page: str, *, serve: bool) -> str:
    try:
        html = policy.apply(html, page)
    except csp.PolicyError as error:
        raise PluginError(str(error)) from error
    # mkdocs serve's live-reload script is inline and differs per request: the preview allows it
    return livereload.allow_live_reload(html) if serve else html
