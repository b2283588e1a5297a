"""The home page: "new here? start here", version, effective date and what changed."""

from __future__ import annotations

from collections.abc import Iterable

from ...queries import paths
from ..context import Context, Page
from . import render_page
from .people import HOME_BOX_LIMIT, oncall_data

STYLE = f"{paths.ASSETS}/reading.css"
SCRIPT = f"{paths.ASSETS}/reading.js"


def pages(ctx: Context) -> Iterable[Page]:
    roster = ctx.playbook.roster
    oncall = oncall_data(ctx.playbook) if roster and len(roster) <= HOME_BOX_LIMIT else None
    yield render_page(ctx, "home.md.j2", paths.HOME, "Home", ctx.source_of("handbook"), oncall=oncall)
    # Underlined links, dark-mode buttons, phone-width form controls: every page uses them.
    yield Page(STYLE, "Reading style", ctx.static("assets/reading.css"))
    yield Page(SCRIPT, "Reading aids", ctx.static("assets/reading.js"))  # scrolling tables take focus
