"""The approvals matrix: for each topic and reach tier, who must sign a post off.

It answers "who approves this post?" in one look: one matrix for everyday topics, one for
posts during an incident (rules that start at a severity). The rules behind each cell
follow, each with its own description, so the matrix never has to be trusted blindly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...load.model import ApprovalRule, Playbook, ReachTier, Severity, TriggerCategory
from .. import paths
from ..context import Context, Page
from ..relations import Index
from . import render_page


@dataclass(frozen=True)
class Cell:
    rules: tuple[ApprovalRule, ...]
    second_person: bool = False
    verify_first: bool = False


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    tiers = sorted(playbook.reach_tiers, key=lambda t: (t.min_followers, t.id))
    topics: list[TriggerCategory | None] = [None, *playbook.process.categories]
    matrix = [(topic, [topic_cell(playbook, tier, topic) for tier in tiers]) for topic in topics]
    incidents = [(severity, [severity_cell(playbook, ctx.index, tier, severity) for tier in tiers])
                 for severity in ctx.index.severities_by_level()]
    incidents = [(severity, cells) for severity, cells in incidents if any(c.rules for c in cells)]
    yield render_page(ctx, "approvals.md.j2", paths.APPROVALS, "Approvals", ctx.source_of("approvals"),
                      tiers=tiers, matrix=matrix, incidents=incidents)


def _in_tier(rule: ApprovalRule, tier: ReachTier) -> bool:
    return not rule.tiers or tier.id in rule.tiers


def topic_cell(playbook: Playbook, tier: ReachTier, topic: TriggerCategory | None) -> Cell:
    """Everyday rules for a post in `tier` about `topic` (None: no sensitive topic at all)."""
    def applies(rule: ApprovalRule) -> bool:
        if rule.min_severity is not None or not _in_tier(rule, tier):
            return False
        return not rule.categories if topic is None else (not rule.categories or topic.id in rule.categories)

    two = playbook.approvals.two_person_rule
    verify = playbook.approvals.verify_before_reacting
    return Cell(tuple(r for r in playbook.approvals.rules if applies(r)), bool(two and tier.id in two.tiers),
                bool(verify and topic is not None and topic.id in verify.categories))


def severity_cell(playbook: Playbook, index: Index, tier: ReachTier, severity: Severity) -> Cell:
    """Rules that start at a severity and so apply to every post once an incident reaches it."""
    def applies(rule: ApprovalRule) -> bool:
        return (rule.min_severity is not None and _in_tier(rule, tier)
                and playbook.escalation.rank(index.severities[rule.min_severity])
                <= playbook.escalation.rank(severity))

    return Cell(tuple(r for r in playbook.approvals.rules if applies(r)))
