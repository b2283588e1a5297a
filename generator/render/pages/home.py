"""The home page: "new here? start here", version, effective date and what changed."""

from __future__ import annotations

from collections.abc import Iterable

from .. import paths
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    yield render_page(ctx, "home.md.j2", paths.HOME, "Home", ctx.source_of("handbook"))
