"""The team overview: the org chart and the teams, each linking to its section of roles."""

from __future__ import annotations

from collections.abc import Iterable

from .. import paths
from ..charts import MAX_ROLE_NODES, overview_chart
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    index = ctx.index
    yield render_page(ctx, "team.md.j2", paths.TEAM, "Team", ctx.source_of("teams", 0) or ctx.source_of("roles", 0),
                      chart=overview_chart(index, ctx.playbook), groups=index.roles_by_team(),
                      by_role=len(ctx.playbook.roles) <= MAX_ROLE_NODES)
