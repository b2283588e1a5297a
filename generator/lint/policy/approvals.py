"""The editorial filter: every approver can approve, an n-person rule has n people to ask,
and a bigger account never needs fewer eyes than a smaller one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...diagnostics import Diagnostic
from ...model import Account, ApprovalRule, Permission, Playbook, TwoPersonRule
from ...read.origins import Origins
from ..checks import Check, Context


def approver_fields(playbook: Playbook) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path in the approvals section, role id) of every field that names an approver."""
    approvals = playbook.approvals
    if approvals.two_person_rule:
        for j, role in enumerate(approvals.two_person_rule.approvers):
            yield ("two_person_rule", "approvers", j), role
    if approvals.verify_before_reacting:
        yield ("verify_before_reacting", "approver"), approvals.verify_before_reacting.approver
    for i, rule in enumerate(approvals.rules):
        for j, role in enumerate(rule.approvers):
            yield ("rules", i, "approvers", j), role


def _can_approve(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    roles = playbook.id_maps["role"]
    for path, role_id in approver_fields(playbook):
        role = roles.get(role_id)
        if role is not None and Permission.approve not in role.permissions:
            yield origins.at("approvals", None, *path,
                             message=f"{origins.name('approvals', None, *path)}: role '{role_id}' cannot approve: "
                                     "it does not have the 'approve' permission",
                             hint=f"add 'approve' to the permissions of '{role_id}' in roles.yaml, or name a role "
                                  "that has it")


def _enough_people(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    if not playbook.roster:
        return
    two = playbook.approvals.two_person_rule
    if two is not None:
        yield from _people_for(playbook, origins, ("two_person_rule",), f"the {TwoPersonRule.LABEL.lower()}",
                               two.approvers, 2)
    for i, rule in enumerate(playbook.approvals.rules):
        if rule.approvals_needed > 1:
            yield from _people_for(playbook, origins, ("rules", i, "approvals_needed"), f"approval rule '{rule.id}'",
                                   rule.approvers, rule.approvals_needed)


def _people_for(playbook: Playbook, origins: Origins, path: tuple[Any, ...], what: str, approvers: list[str],
                needed: int) -> Iterator[Diagnostic]:
    people = sorted(p.id for p in playbook.roster if set(p.roles) & set(approvers))
    if len(people) >= needed:
        return
    who = f"only {len(people)} ({', '.join(people)})" if people else "nobody"
    yield origins.at("approvals", None, *path,
                     message=f"{what} needs {needed} different people, but {who} on the roster "
                             f"hold{'s' if len(people) == 1 else ''} one of its roles ({', '.join(approvers)})",
                     hint="give one of these roles to more people in roster.yaml, or add an approver role that "
                          "others hold: nobody may approve their own post")


def _bigger_accounts_covered(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """A rule that names tiers asks for eyes on accounts of that size; every account that
    is bigger must be covered as well (by the same rule, another as strict, or the
    two-person rule), or the bigger the account, the fewer people look at it."""
    floor = {t.id: t.min_followers for t in playbook.reach_tiers if t.min_followers is not None}
    size = {a.id: floor.get(playbook.tier_id(a) or "") for a in playbook.accounts}  # tiers without a size: unranked
    for i, rule in enumerate(playbook.approvals.rules):
        if not rule.tiers or not all(t in floor for t in rule.tiers):
            continue
        smallest = min(floor[t] for t in rule.tiers)
        missed = [a for a in sorted(playbook.accounts, key=lambda a: (-(a.audience or 0), a.id))
                  if (size[a.id] or 0) > smallest and not _covered(playbook, a, rule)]
        tiers = sorted({playbook.tier_id(a) or "" for a in missed}, key=lambda t: floor[t])
        for tier in tiers:
            accounts = [a for a in missed if playbook.tier_id(a) == tier]
            names = ", ".join(f"{a.handle} ({a.id})" for a in accounts[:4]) + (
                f" and {len(accounts) - 4} more" if len(accounts) > 4 else "")
            yield origins.at("approvals", None, "rules", i, "tiers", level="warning",
                             message=f"approval rule '{rule.id}' asks for sign-off on {', '.join(rule.tiers)} "
                                     f"accounts, but no rule asks the same for the bigger {tier} account"
                                     f"{'s' if len(accounts) > 1 else ''} {names}",
                             hint=f"add '{tier}' to this rule's tiers, or add a rule for the {tier} tier: a bigger "
                                  "account needs at least as many eyes")


def _covered(playbook: Playbook, account: Account, rule: ApprovalRule) -> bool:
    tier = playbook.tier_id(account)
    two = playbook.approvals.two_person_rule
    if two is not None and tier in two.tiers:
        return True
    levels = {s.id: s.level for s in playbook.escalation.severities}
    need = levels.get(rule.min_severity or "", 0)
    for other in playbook.approvals.rules:
        if other.tiers and tier not in other.tiers:
            continue
        topics = not other.categories or (rule.categories and set(rule.categories) <= set(other.categories))
        severity = levels.get(other.min_severity or "", 0) <= need
        if topics and severity:
            return True
    return False


CHECKS = (
    Check("approvers' permissions", ("roles", "approvals"), _can_approve),
    Check("people for n-person rules", ("roster", "approvals"), _enough_people, follows=("role",)),
    Check("approval of bigger accounts", ("approvals", "accounts", "reach_tiers", "escalation"),
          _bigger_accounts_covered),
)
