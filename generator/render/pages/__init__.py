"""One module per page kind; each has `pages(ctx) -> Iterable[Page]`."""

from __future__ import annotations

from typing import Any

from ..context import Context, Page


def render_page(ctx: Context, template: str, path: str, title: str, source: str | None, **values: Any) -> Page:
    """A page whose footer and "edit this page" link name the same YAML file: `source` is given once."""
    return Page(path, title, ctx.render(template, path, source=source, **values), source)
