"""Escalation ladders: each climbs to someone new, gives each step more time than the one
before it, reaches people who are on the roster, and is used by a severity."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import LadderStep, Playbook
from ...read.origins import Origins
from ..checks import Check, Context


def _who(step: LadderStep) -> str:
    """Whom a step pages, as one name: a role, several at once, a rotation or a team."""
    return step.role or "+".join(step.role_ids) or (f"rotation {step.rotation}" if step.rotation else
                                                     f"team {step.team}")


def _order(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for n, ladder in enumerate(playbook.escalation.ladders):
        seen: dict[str, int] = {}
        for s, step in enumerate(ladder.steps):
            where = ("escalation", None, "ladders", n, "steps", s)
            who = _who(step)
            first = seen.setdefault(who, s)
            if first == s - 1:
                yield origins.at(*where, "role", message=f"ladder '{ladder.id}', step {s + 1}: role '{who}' "
                                 f"again, straight after step {first + 1}",
                                 hint="each step hands over to someone new: merge the two steps, or name the role "
                                      "this one should escalate to")
            elif first != s:
                yield origins.at(*where, "role", message=f"ladder '{ladder.id}', step {s + 1}: goes back to role "
                                 f"'{who}' (step {first + 1}), so the ladder loops",
                                 hint="a ladder climbs: name a role not asked before, or remove this step")
            paged_at_once = step.with_previous  # its deadline runs from the same start as the step before
            if s and not paged_at_once and \
                    step.acknowledge_within_minutes < ladder.steps[s - 1].acknowledge_within_minutes:
                # Equal deadlines are the common on-call rule (every level times out after 5 minutes).
                before = ladder.steps[s - 1].acknowledge_within_minutes
                yield origins.at(*where, "acknowledge_within_minutes", level="warning",
                                 message=f"ladder '{ladder.id}', step {s + 1}: acknowledge_within_minutes is "
                                         f"{step.acknowledge_within_minutes}, less than step {s}'s {before}",
                                 hint=f"someone further up is harder to reach: give each step at least as much "
                                      f"time as the one before it ({before} minutes or more)")


def _staffed(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    if not playbook.roster:
        return
    held = {role for person in playbook.roster for role in person.roles}
    for n, ladder in enumerate(playbook.escalation.ladders):
        for s, step in enumerate(ladder.steps):
            for role in playbook.step_roles(step):
                if role in held or role not in playbook.id_maps["role"]:
                    continue
                yield origins.at("escalation", None, "ladders", n, "steps", s, "role", level="warning",
                                 message=f"ladder '{ladder.id}', step {s + 1}: nobody on the roster holds role "
                                         f"'{role}'",
                                 hint="add the role to someone's roles in roster.yaml, or give this step to a role "
                                      "that somebody holds")


def _used(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    used = {severity.ladder for severity in playbook.escalation.severities}
    for n, ladder in enumerate(playbook.escalation.ladders):
        if ladder.id not in used:
            yield origins.at("escalation", None, "ladders", n, "id", level="warning",
                             message=f"no severity uses ladder '{ladder.id}'",
                             hint=f"set 'ladder: {ladder.id}' on the severity it is for, or remove the ladder")


CHECKS = (
    Check("ladder order", ("escalation",), _order),
    Check("ladder staffing", ("escalation", "roster", "roles"), _staffed, follows=("role",)),
    Check("ladders no severity uses", ("escalation",), _used),
)
