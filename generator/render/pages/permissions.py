"""Permissions and RACI: every role against every permission, and who does what in key activities.

The RACI is derived, not typed: who is Responsible, Accountable, Consulted or Informed
follows from permissions, account owners, approval rules and escalation ladders, so it
can never disagree with the role pages.

Past SPLIT_ROLES roles the rows move to the team pages (roles.py asks `team_tables`), and
this page keeps a count per team, the team-less roles' rows and how each column is decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...model import Permission, Playbook, Role, TwoPersonRule
from ...model.roles import PERMISSION_TITLES
from ...queries import paths
from ..context import Context, Page
from ..relations import Index
from . import render_page

LETTERS = "RACI"
SPLIT_ROLES = 60
"""Past this many roles, each team's page carries its own rows and team/permissions.md only counts them.

One row per role made the matrix the biggest page of a 1,000-role handbook (about 1 MB of
HTML), far past what anyone scrolls; a reader wants their own team's rows, next to its org
chart. At or below it, one table is still a screenful or two and comparing across teams is
the point, so the page stays whole (the example playbook has 9 roles).
"""


@dataclass
class Activity:
    name: str
    explanation: str
    letters: dict[str, set[str]] = field(default_factory=dict)  # role id -> {"R", "A", ...}

    def give(self, letter: str, role_ids: Iterable[str]) -> None:
        for role_id in role_ids:
            self.letters.setdefault(role_id, set()).add(letter)

    def cell(self, role_id: str) -> str:
        return ", ".join(x for x in LETTERS if x in self.letters.get(role_id, set()))


@dataclass(frozen=True)
class Tables:
    """The rows one page shows of the two tables (_permissions.md.j2); the columns are always all of them."""

    roles: list[Role]
    involved: list[Role]  # the RACI rows: roles with a letter in some activity
    activities: list[Activity]
    permissions: tuple[Permission, ...] = tuple(Permission)
    titles: dict[str, str] = field(default_factory=lambda: PERMISSION_TITLES)


@dataclass(frozen=True)
class TeamCount:
    """One row of the split page's summary: a team, its roles, and how many of them hold each permission."""

    team: str
    roles: int
    holders: list[int]


def pages(ctx: Context) -> Iterable[Page]:
    split = is_split(ctx.playbook)
    groups = ctx.index.roles_by_team()
    teamless = [role for team, roles in groups if team is None for role in roles]
    tables = tables_for(ctx, teamless if split else ctx.playbook.roles)
    # permissions/titles/activities/involved are the names a template copied before the split used.
    yield render_page(ctx, "permissions.md.j2", paths.PERMISSIONS, "Permissions and RACI", ctx.source_of("roles", 0),
                      tables=tables, split=split, counts=_count_by_team(groups) if split else [],
                      permissions=list(tables.permissions), titles=tables.titles, activities=tables.activities,
                      involved=tables.involved)


def _count_by_team(groups: list[tuple[str | None, list[Role]]]) -> list[TeamCount]:
    """Teams with roles, in the Index's order (the policy's); the team-less keep their full rows."""
    return [TeamCount(team, len(roles), [sum(p in r.permissions for r in roles) for p in Permission])
            for team, roles in groups if team is not None and roles]


def is_split(playbook: Playbook) -> bool:
    return len(playbook.roles) > SPLIT_ROLES


def tables_for(ctx: Context, roles: list[Role]) -> Tables:
    """The rows for `roles`, in the order given, with the letters derived once per render."""
    activities = _activities(ctx)
    return Tables(roles, [r for r in roles if any(a.cell(r.id) for a in activities)], activities)


def team_tables(ctx: Context, roles: list[Role]) -> Tables | None:
    """A team page's own tables when the matrix is split, else None (the team page then has none)."""
    return tables_for(ctx, roles) if is_split(ctx.playbook) and roles else None


def _activities(ctx: Context) -> list[Activity]:
    """raci() once per render: the matrix and every team page read the same letters."""
    return ctx.remember("raci", lambda: raci(ctx.playbook, ctx.index))


def _holding(playbook: Playbook, permission: Permission) -> list[str]:
    return [r.id for r in playbook.roles if permission in r.permissions]


def raci(playbook: Playbook, index: Index) -> list[Activity]:
    """Key activities, each with R/A/C/I per role, in a fixed order."""
    owner = [playbook.handbook.policy_owner]
    account_owners = sorted({a.owner for a in playbook.accounts if a.owner}, key=index.role_number.__getitem__)
    approvals = playbook.approvals
    rule_approvers = [rid for rule in approvals.rules for rid in rule.approvers]
    second = approvals.two_person_rule.approvers if approvals.two_person_rule else []
    publishers = _holding(playbook, Permission.publish)
    activities = [
        Activity("Draft posts", "R: may draft. A: account owners."),
        Activity("Publish posts", f"R: may publish. A: account owners. C: the {TwoPersonRule.APPROVER} under the "
                                  f"{TwoPersonRule.LABEL.lower()}."),
        Activity("Reply", "R: may reply. A: account owners."),
        Activity("Approve sensitive posts", "R: approvers in the approval rules. A: the policy owner."),
        Activity("Moderate", "Hide, delete or block. R: may moderate. A: the policy owner."),
        Activity("Pause the schedule", "R: may pause scheduled posts. A: the policy owner. I: everyone who publishes."),
        Activity("Sign off training", "R: roles that sign off a progression stage. A: the policy owner."),
    ]
    draft, publish, reply, approve, moderate, pause, sign = activities
    draft.give("R", _holding(playbook, Permission.draft))
    publish.give("R", publishers)
    publish.give("C", second)
    reply.give("R", _holding(playbook, Permission.reply))
    for activity in (draft, publish, reply):
        activity.give("A", account_owners)
    approve.give("R", rule_approvers or _holding(playbook, Permission.approve))
    moderate.give("R", [r.id for r in playbook.roles
                        if {Permission.hide, Permission.delete, Permission.block} & set(r.permissions)])
    pause.give("R", _holding(playbook, Permission.pause_schedule))
    pause.give("I", publishers)
    sign.give("R", list(index.signs_off))
    for activity in (approve, moderate, pause, sign):
        activity.give("A", owner)
    for severity in index.severities_by_level():
        activities.append(_incident(index, severity.id))
    return activities


def _incident(index: Index, severity_id: str) -> Activity:
    """First ladder step does it, the last is accountable, the steps between are consulted."""
    severity = index.severities[severity_id]
    ladder = index.ladders.get(severity.ladder) if severity.ladder else None
    steps = [index.playbook.step_roles(step) for step in (ladder.steps if ladder else [])]
    activity = Activity(f"Handle: {severity.name}",
                        "R: first step of the ladder. A: last step. C: steps between. I: roles told at once.")
    activity.give("R", [r for roles in steps[:1] for r in roles])
    activity.give("A", [r for roles in steps[-1:] for r in roles] if len(steps) > 1 else [])
    activity.give("C", [r for roles in steps[1:-1] for r in roles])
    activity.give("I", severity.notify)
    return activity
