"""Listing rows rendered once per document and link address.

A document shows in about a dozen listings (its category and the pages of each
attribute); its row is the same in all of them except for its link, which is
relative to the listing page. So each row is rendered by its own template
(``gkml/partials/row.html``, autoescaped like every template) once per distinct
link, and the rendered text reused. Half of a cold build's page rendering was
these rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

ROW_TEMPLATE = "gkml/partials/row.html"


def listing_row_function(env: Environment) -> Callable[..., Markup]:
    """The `listing_row(row)` global for env; its cache lives as long as this build's env."""
    template = env.get_template(ROW_TEMPLATE)
    url = env.filters["url"]  # MkDocs': relative to the page being rendered
    rendered: dict[tuple[str, str], Markup] = {}

    @pass_context
    def listing_row(context: Context, row: Mapping[str, Any]) -> Markup:
        href = str(url(context, row["url"]))
        key = (str(row["index_no"]), href)
        found = rendered.get(key)
        if found is None:
            # the template's own output: everything in it was escaped as it was rendered
            found = rendered[key] = Markup(template.render(row=row, href=href))
        return found

    return listing_row
