"""Pocket cards: one printable page per role with what a person on shift needs at hand.

Everything on a card is gathered from the rest of the policy (ladders, approvals,
vocabulary, roster), so the card can never disagree with the handbook. cards.css makes
each card print on a single A4 or Letter sheet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ...model import Ladder, LadderStep, Permission, Person, Playbook, Role, Severity, Term, TermKind
from ...queries import paths
from ...queries.answers import PostingAnswer, Putting, posting_answers, putting_out
from ...queries.training import may_act_alone
from ..context import Context, Page

POSTING = {Permission.draft, Permission.publish, Permission.reply}
NEVER_SAY_SHOWN = 60  # a card lists this many banned words; the vocabulary page has them all
RULES_SHOWN = 8  # a card lists this many approval rules of each kind; the approvals page has them all


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
    approves: list[int]  # indexes into approvals.rules, at most RULES_SHOWN
    needs: list[int]
    more_rules: int  # rules that apply but did not fit on the card
    two_person_rule: bool
    verify: bool
    contacts: list[Contact]
    posting: list[list[PostingAnswer]]  # answers.posting_answers: the role page's table too


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    yield Page(paths.CARDS, "Pocket cards", ctx.render("cards_index.md.j2", paths.CARDS), ctx.source_of("roles"))
    cards = CardMaker(playbook, ctx.remember("putting_out", lambda: putting_out(playbook)))
    # The same on every card, and all cards sit in one folder, so links made once work on each.
    never_say = ctx.render("cards_never_say.md.j2", paths.CARDS, terms=cards.never_say[:NEVER_SAY_SHOWN],
                           more=max(0, len(cards.never_say) - NEVER_SAY_SHOWN))
    lines = approval_lines(ctx)
    for index, role in enumerate(playbook.roles):
        if role.external:  # a partner is not on shift with us: no card to print
            continue
        page_path = paths.card(role.id)
        if ctx.kept(page_path):  # the preview keeps the card as it was
            yield Page(page_path, role.name, "")
            continue
        source = ctx.source_of("roles", index)
        markdown = ctx.render("cards_role.md.j2", page_path, card=cards.make(role), source=source,
                              has_path=role.id in ctx.index.onboarded, never_say=Markup(never_say.strip()), lines=lines)
        yield Page(page_path, role.name, markdown, source, group=ctx.index.team_name(role))


def approval_lines(ctx: Context) -> dict[str, Any]:
    """Each approval line as it reads on a card, rendered once for all the cards that show it."""
    def line(kind: str, rule: object) -> Markup:
        return Markup(ctx.render("cards_approval.md.j2", paths.CARDS, kind=kind, rule=rule).strip())

    approvals = ctx.playbook.approvals
    return {
        "two_person_rule": line("two_person_rule", approvals.two_person_rule) if approvals.two_person_rule else None,
        "verify": line("verify", approvals.verify_before_reacting) if approvals.verify_before_reacting else None,
        "needs": [line("needs", rule) for rule in approvals.rules],
        "approves": [line("approves", rule) for rule in approvals.rules],
    }


class CardMaker:
    """What every card shares, gathered once, so that a thousand cards cost little more than one."""

    def __init__(self, playbook: Playbook, who: Putting | None = None) -> None:
        self.playbook = playbook
        self.who = who  # answers.putting_out, shared with the role pages
        self.never_say: list[Term] = [t for t in playbook.vocabulary if t.kind in (TermKind.banned, TermKind.profanity)]
        self.people: dict[str, list[Person]] = defaultdict(list)
        for person in playbook.roster:  # whom to call: people who may act alone in the role, not trainees
            for role_id in person.roles:
                if may_act_alone(person, role_id, playbook.stage_order):
                    self.people[role_id].append(person)
        self.by_severity = sorted(playbook.escalation.severities, key=lambda s: -playbook.escalation.rank(s))
        self.team_members: dict[str, set[str]] = defaultdict(set)
        for role in playbook.roles:
            if role.team:
                self.team_members[role.team].add(role.id)

    def make(self, role: Role) -> Card:
        approvals = self.playbook.approvals
        two, verify = approvals.two_person_rule, approvals.verify_before_reacting
        posts = bool(POSTING & set(role.permissions))
        approves = [i for i, rule in enumerate(approvals.rules) if role.id in rule.approvers]
        # The model does not say which accounts a role posts to, so every rule binds anyone who posts.
        needs = [i for i, rule in enumerate(approvals.rules) if posts and role.id not in rule.approvers]
        nearest = self.nearest_first(role)
        return Card(
            role=role,
            ladders=ladders_with(self.playbook, role, self.by_severity),
            told_of=[s for s in self.by_severity if role.id in s.notify],
            approves=approves[:RULES_SHOWN],
            needs=sorted(needs, key=nearest)[:RULES_SHOWN],
            more_rules=max(0, len(approves) - RULES_SHOWN) + max(0, len(needs) - RULES_SHOWN),
            two_person_rule=bool(two and (posts or role.id in two.approvers)),
            verify=bool(verify and (posts or verify.approver == role.id)),
            contacts=[Contact(label, self.playbook.role(role_id), self.people.get(role_id, []))
                      for label, role_id in contacts_of(role)],
            posting=posting_answers(self.playbook, role, self.who),
        )

    def nearest_first(self, role: Role) -> Callable[[int], tuple[bool, int]]:
        """Sort key for rules: those approved in the role's own team or by its line manager or
        escalation contact come first, so a card that cannot list every rule lists the ones
        its holder meets most; then the policy's order."""
        near = {role.reports_to, role.escalates_to} | (self.team_members[role.team] if role.team else set())
        rules = self.playbook.approvals.rules
        return lambda index: (not near.intersection(rules[index].approvers), index)


def ladders_with(playbook: Playbook, role: Role, by_severity: list[Severity]) -> list[LadderPlace]:
    """Each ladder the role stands on, with its steps and the severities that start it (worst first)."""
    places = []
    for ladder in playbook.escalation.ladders:
        steps = [(n, step) for n, step in enumerate(ladder.steps, 1) if role.id in playbook.step_roles(step)]
        if steps:
            places.append(LadderPlace(ladder, steps, [s for s in by_severity if s.ladder == ladder.id]))
    return places


def contacts_of(role: Role) -> list[tuple[str, str]]:
    """Who to call: the line manager, where problems go, then the backups."""
    wanted = [("Reports to", role.reports_to), ("Escalate to", role.escalates_to),
              *(("Backup", backup) for backup in role.backups)]
    return [(label, role_id) for label, role_id in wanted if role_id]
