"""The team overview: the org chart and the teams, each linking to its section of roles."""

from __future__ import annotations

from typing import Iterable

from .. import paths
from ..charts import MAX_ROLE_NODES, overview_chart
from ..site import Context, Page


def pages(ctx: Context) -> Iterable[Page]:
    index = ctx.index
    markdown = ctx.render("team.md.j2", paths.TEAM, chart=overview_chart(index, ctx.playbook),
                          groups=index.roles_by_team(),
                          by_role=len(ctx.playbook.roles) <= MAX_ROLE_NODES)
    yield Page(paths.TEAM, "Team", markdown, ctx.source_of("teams") or ctx.source_of("roles", 0))
