"""The "Going dark" page: crisis mode's plan, shown while it is off ("when switched on") and
while it is on, the same facts either way, so that the team has read it before it is needed."""

from __future__ import annotations

from collections.abc import Iterable

from ...queries import paths
from ...queries.crisis_plan import paused_lines, reassess_text
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    crisis = ctx.playbook.crisis
    yield render_page(ctx, "going_dark.md.j2", paths.GOING_DARK, "Going dark", ctx.source_of("crisis"),
                      crisis=crisis, paused=paused_lines(crisis), reassess=reassess_text(crisis))
