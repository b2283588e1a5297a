"""Roles: an index, one section per team (with its own org chart, and past
permissions.SPLIT_ROLES its rows of the permission and RACI tables), and one page per role.

Every role page has the same layout, so people who step in for each other find things in
the same place. Roles are grouped by team so the navigation stays small at any size.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ...model import Action, Role
from ...model.roles import PERMISSION_WORDS
from ...queries import paths
from ...queries.answers import posting_answers, putting_out
from ..charts import MAX_ROLE_NODES, org_chart
from ..context import Context, Page
from . import render_page
from .permissions import team_tables


def pages(ctx: Context) -> Iterable[Page]:
    index = ctx.index
    groups = index.roles_by_team()
    partners = [role for role in ctx.playbook.roles if role.external]
    yield render_page(ctx, "roles_index.md.j2", paths.ROLES, "Roles", ctx.source_of("roles", 0), groups=groups,
                      partners=partners)
    numbers = {team.id: number for number, team in enumerate(ctx.playbook.teams)}
    for team_id, roles in groups:
        if team_id is not None:
            team = index.teams[team_id]
            chart = org_chart(index, roles) if len(roles) <= MAX_ROLE_NODES else None
            yield render_page(ctx, "team_section.md.j2", paths.team(team_id), team.name,
                              ctx.source_of("teams", numbers[team_id]), team=team, roles=roles, chart=chart,
                              tables=team_tables(ctx, roles))
        yield from (role_page(ctx, role) for role in roles)


def role_page(ctx: Context, role: Role) -> Page:
    index = ctx.index
    path = index.role_path(role.id)
    if ctx.kept(path):  # the preview keeps the page as it was
        return Page(path, role.name, "")
    number = index.role_number[role.id]
    actions = [a for a in ctx.playbook.escalation.actions if allows(role, a)]
    return render_page(ctx, "role.md.j2", path, role.name, ctx.source_of("roles", number), role=role,
                       actions=actions, words=PERMISSION_WORDS, mentions=index.mentions.get(role.id, []),
                       approvals_table=approvals_table(ctx, role, path))


def approvals_table(ctx: Context, role: Role, page_path: str) -> Markup:
    """Where the role may post and reply and what its everyday post needs, account by account
    (answers.posting_answers): every role gets it, so a role that may not publish reads who does."""
    groups = posting_answers(ctx.playbook, role, ctx.remember("putting_out", lambda: putting_out(ctx.playbook)))
    return Markup(ctx.render("role_approvals.md.j2", page_path, groups=groups).strip())


def allows(role: Role, action: Action) -> bool:
    """Whether a role may take an incident action: the ones it lists, else every one its permissions allow."""
    if role.actions is not None:
        return action.id in role.actions
    return action.requires is None or action.requires in role.permissions
