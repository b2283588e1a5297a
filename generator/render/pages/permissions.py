"""Permissions and RACI: every role against every permission, and who does what in key activities.

The RACI is derived, not typed: who is Responsible, Accountable, Consulted or Informed
follows from permissions, account owners, approval rules and escalation ladders, so it
can never disagree with the role pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ...model import Permission, Playbook
from .. import paths
from ..relations import PERMISSION_TITLES, Index
from ..site import Context, Page
from . import render_page

LETTERS = "RACI"


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


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    activities = raci(playbook, ctx.index)
    involved = [r for r in playbook.roles if any(a.cell(r.id) for a in activities)]
    yield render_page(ctx, "permissions.md.j2", paths.PERMISSIONS, "Permissions and RACI", ctx.source_of("roles", 0),
                      permissions=list(Permission), titles=PERMISSION_TITLES, activities=activities,
                      involved=involved)


def _holding(playbook: Playbook, permission: Permission) -> list[str]:
    return [r.id for r in playbook.roles if permission in r.permissions]


def raci(playbook: Playbook, index: Index) -> list[Activity]:
    """Key activities, each with R/A/C/I per role, in a fixed order."""
    owner = [playbook.handbook.policy_owner]
    account_owners = sorted({a.owner for a in playbook.accounts}, key=index.role_number.__getitem__)
    approvals = playbook.approvals
    rule_approvers = [rid for rule in approvals.rules for rid in rule.approvers]
    second = approvals.two_person_rule.approvers if approvals.two_person_rule else []
    publishers = _holding(playbook, Permission.publish)
    activities = [
        Activity("Draft posts", "R: may draft. A: account owners."),
        Activity("Publish posts", "R: may publish. A: account owners. C: second persons under the two-person rule."),
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
    steps = [step.role for step in index.ladders[severity.ladder].steps]
    activity = Activity(f"Handle: {severity.name}",
                        "R: first step of the ladder. A: last step. C: steps between. I: roles told at once.")
    activity.give("R", steps[:1])
    activity.give("A", steps[-1:])
    activity.give("C", steps[1:-1])
    activity.give("I", severity.notify)
    return activity
