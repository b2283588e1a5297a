"""The approvals matrix: for each situation and reach tier, everything a post needs before it goes out.

It answers "who approves this post?" in one look, so a reader never has to combine two
tables: each cell lists every requirement that applies (the two-person rule, reach and
topic rules, rules that start at a severity, verify-before-reacting), computed by
answers.approvals_for, the same function the role pages, pocket cards and triage use.
Three views: everyday posts by topic, each trigger's situation, and any post during an
incident of each severity. The named rules behind the cells follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...model import Account, Playbook, ReachTier, Severity, Trigger, TriggerCategory
from ...queries import paths
from ...queries.answers import Requirement, crisis_covers, publishers, repliers, tiers_in_order
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    tiers = tiers_in_order(playbook)
    topics: list[TriggerCategory | None] = [None, *playbook.process.categories]
    matrix = [(topic, [ctx.approvals(tier, [topic.id] if topic else []) for tier in tiers]) for topic in topics]
    situations = [(triggers, [trigger_cell(ctx, tier, triggers[0]) for tier in tiers])
                  for triggers in situation_groups(playbook)]
    incidents = [(severity, [ctx.approvals(tier, (), severity) for tier in tiers], verify_topics(playbook, severity))
                 for severity in ctx.index.severities_by_level()]
    yield render_page(ctx, "approvals.md.j2", paths.APPROVALS, "Approvals", ctx.source_of("approvals"),
                      tiers=tiers, matrix=matrix, situations=situations, incidents=incidents,
                      putting_out=putting_out(playbook))


@dataclass(frozen=True)
class PuttingOut:
    """One account's row of "Who puts posts out": answers.publishers and answers.repliers."""

    account: Account
    tier: ReachTier | None
    publishers: list[str]
    repliers: list[str]
    crisis: bool  # crisis mode covers it: only crisis.may_post publish


def putting_out(playbook: Playbook) -> list[PuttingOut]:
    """Every account the team runs, largest audience first, with who may publish and reply on it."""
    return [PuttingOut(a, playbook.tier_of(a), publishers(playbook, a), repliers(playbook, a),
                       crisis_covers(playbook, a))
            for a in sorted(playbook.own_accounts, key=lambda a: (-(a.audience or 0), a.id))]


def situation_groups(playbook: Playbook) -> list[list[Trigger]]:
    """Triggers that need the same sign-offs (same topic, severity and verify-first) share a row:
    a policy with hundreds of triggers keeps a table of a few dozen rows, each naming its triggers."""
    groups: dict[tuple[str, str, bool], list[Trigger]] = {}
    esc = playbook.escalation
    ordered = sorted(playbook.triggers,
                     key=lambda t: (-esc.rank(playbook.severity(t.severity)), t.name.casefold(), t.id))
    for trigger in ordered:
        groups.setdefault((trigger.category, trigger.severity, trigger.verify_first), []).append(trigger)
    return list(groups.values())


def trigger_cell(ctx: Context, tier: ReachTier, trigger: Trigger) -> list[Requirement]:
    """Everything a public word about this trigger's situation needs on an account of `tier`."""
    return ctx.approvals(tier, [trigger.category], ctx.playbook.severity(trigger.severity), trigger.verify_first)


def verify_topics(playbook: Playbook, severity: Severity) -> list[str]:
    """The topics for which verify-before-reacting adds itself to an incident cell: the rule's
    categories, when some trigger of this severity is in one of them or asks to verify first."""
    verify = playbook.approvals.verify_before_reacting
    if verify is None:
        return []
    here = [t for t in playbook.triggers if t.severity == severity.id]
    if not any(t.verify_first or t.category in verify.categories for t in here):
        return []
    return [playbook.category_name(c) for c in verify.categories]
