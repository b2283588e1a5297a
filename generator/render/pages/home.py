"""The home page: "new here? start here", version, effective date and what changed."""

from __future__ import annotations

from collections.abc import Iterable

from .. import paths
from ..context import Context, Page
from . import render_page
from .people import HOME_BOX_LIMIT, oncall_data


def pages(ctx: Context) -> Iterable[Page]:
    roster = ctx.playbook.roster
    oncall = oncall_data(ctx.playbook) if roster and len(roster) <= HOME_BOX_LIMIT else None
    yield render_page(ctx, "home.md.j2", paths.HOME, "Home", ctx.source_of("handbook"), oncall=oncall)
