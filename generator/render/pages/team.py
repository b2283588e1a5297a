"""The team overview: the org chart and the teams, each linking to its section of roles."""

from __future__ import annotations

from collections.abc import Iterable

from ...queries import paths
from ..charts import MAX_ROLE_NODES, overview_chart
from ..context import Context, Page
from . import render_page

STYLE = f"{paths.ASSETS}/diagram.css"


def pages(ctx: Context) -> Iterable[Page]:
    index = ctx.index
    # Every chart (here, team sections, severities, the triage tree) is drawn with this style.
    yield Page(STYLE, "Diagram style", ctx.static("assets/diagram.css"))
    yield render_page(ctx, "team.md.j2", paths.TEAM, "Team", ctx.source_of("teams", 0) or ctx.source_of("roles", 0),
                      chart=overview_chart(index, ctx.playbook), groups=index.roles_by_team(),
                      by_role=len(ctx.playbook.roles) <= MAX_ROLE_NODES)
