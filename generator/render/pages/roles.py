"""Roles: an index, one section per team (with its own org chart), and one page per role.

Every role page has the same layout, so people who step in for each other find things in
the same place. Roles are grouped by team so the navigation stays small at any size.
"""

from __future__ import annotations

from typing import Iterable

from ...model import Role
from .. import paths
from ..charts import MAX_ROLE_NODES, org_chart
from ..relations import PERMISSION_WORDS
from ..site import Context, Page


def pages(ctx: Context) -> Iterable[Page]:
    index = ctx.index
    groups = index.roles_by_team()
    yield Page(paths.ROLES, "Roles", ctx.render("roles_index.md.j2", paths.ROLES, groups=groups),
               ctx.source_of("roles", 0))
    for team_number, (team_id, roles) in enumerate(groups):
        if team_id is not None:
            path = paths.team(team_id)
            team = index.teams[team_id]
            markdown = ctx.render("team_section.md.j2", path, team=team, roles=roles,
                                  chart=org_chart(index, roles) if len(roles) <= MAX_ROLE_NODES else None)
            yield Page(path, team.name, markdown, ctx.source_of("teams", _position(ctx.playbook.teams, team_id)))
        yield from (role_page(ctx, role) for role in roles)


def role_page(ctx: Context, role: Role) -> Page:
    index = ctx.index
    path = index.role_path(role.id)
    number = index.role_number[role.id]
    actions = [a for a in ctx.playbook.escalation.actions if a.requires is None or a.requires in role.permissions]
    markdown = ctx.render("role.md.j2", path, role=role, actions=actions, words=PERMISSION_WORDS,
                          mentions=index.mentions.get(role.id, []), source=ctx.source_of("roles", number))
    return Page(path, role.name, markdown, ctx.source_of("roles", number))


def _position(items: list, item_id: str) -> int:
    return next(n for n, item in enumerate(items) if item.id == item_id)
