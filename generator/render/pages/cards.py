"""Pocket cards: one printable page per role with what a person on shift needs at hand.

Everything on a card is gathered from the rest of the policy (ladders, approvals,
vocabulary, roster), so the card can never disagree with the handbook. cards.css makes
each card print on a single A4 or Letter sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ...model import ApprovalRule, Ladder, LadderStep, Permission, Person, Playbook, Role, Severity, Term, TermKind
from .. import paths
from ..site import Context, Page

POSTING = {Permission.draft, Permission.publish, Permission.reply}


@dataclass(frozen=True)
class LadderPlace:
    ladder: Ladder
    steps: list[tuple[int, LadderStep]]  # (step number from 1, step) where the role stands
    severities: list[Severity]


@dataclass(frozen=True)
class Contact:
    label: str
    role: Role
    people: list[Person]


@dataclass(frozen=True)
class Card:
    role: Role
    ladders: list[LadderPlace]
    told_of: list[Severity]
    never_say: list[Term]
    approves: list[ApprovalRule]
    needs: list[ApprovalRule]
    two_person: bool
    verify: bool
    contacts: list[Contact]


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    yield Page(paths.CARDS, "Pocket cards", ctx.render("cards_index.md.j2", paths.CARDS), ctx.source_of("roles"))
    with_path = {path.role for path in playbook.onboarding}
    for index, role in enumerate(playbook.roles):
        page_path = paths.card(role.id)
        source = ctx.source_of("roles", index)
        markdown = ctx.render("cards_role.md.j2", page_path, card=gather_card(playbook, role), source=source,
                              has_path=role.id in with_path)
        yield Page(page_path, role.name, markdown, source)


def gather_card(playbook: Playbook, role: Role) -> Card:
    posts = bool(POSTING & set(role.permissions))
    rules = playbook.approvals.rules
    two_person = playbook.approvals.two_person_rule
    verify = playbook.approvals.verify_before_reacting
    return Card(
        role=role,
        ladders=ladders_with(playbook, role),
        told_of=[s for s in sorted(playbook.escalation.severities, key=lambda s: -s.level) if role.id in s.notify],
        never_say=[t for t in playbook.vocabulary if t.kind in (TermKind.banned, TermKind.profanity)],
        approves=[rule for rule in rules if role.id in rule.approvers],
        needs=[rule for rule in rules if posts and role.id not in rule.approvers],
        two_person=bool(two_person and (posts or role.id in two_person.approvers)),
        verify=bool(verify and (posts or verify.approver == role.id)),
        contacts=contacts_of(playbook, role),
    )


def ladders_with(playbook: Playbook, role: Role) -> list[LadderPlace]:
    """Each ladder the role stands on, with its steps and the severities that start it."""
    places = []
    for ladder in playbook.escalation.ladders:
        steps = [(n, step) for n, step in enumerate(ladder.steps, 1) if step.role == role.id]
        if steps:
            severities = sorted((s for s in playbook.escalation.severities if s.ladder == ladder.id),
                                key=lambda s: -s.level)
            places.append(LadderPlace(ladder, steps, severities))
    return places


def contacts_of(playbook: Playbook, role: Role) -> list[Contact]:
    """Who to call: the line manager, where problems go, the backups; named people if rostered."""
    wanted = [("Reports to", role.reports_to), ("Escalate to", role.escalates_to),
              *(("Backup", backup) for backup in role.backups)]
    return [Contact(label, playbook.role(role_id), [p for p in playbook.roster if role_id in p.roles])
            for label, role_id in wanted if role_id]
