"""Answers that combine several sections of the policy, computed once for every reader.

A reader asks "how many hashtags may I use on Instagram?" or "who approves a post on the
flagship during a moderate incident?". The policy answers each from two or three places
(a platform limit and a house style rule; a reach rule, a topic rule, the two-person rule
and verify-before-reacting). Combining them in each template let pages disagree, so each
answer is computed here, in one function, and every page, the pocket cards, the checker's
rules and `playbook triage` read it from here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .limits import HOUSE_STYLE, PLATFORM_LIMITS, SINGULAR, STYLE_LIMITS
from .model import (
    Account,
    Action,
    ApprovalRule,
    Category,
    HoldingStatement,
    Ladder,
    Platform,
    Playbook,
    ReachTier,
    Severity,
    SpreadLevel,
    Trigger,
)

# --------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class EffectiveLimit:
    """The limit a post must keep, the stricter of the platform's (or the account's own) and the
    house style's, with where each comes from, so a page can say why it is this number."""

    key: str  # the Limits / StyleRules field, e.g. max_hashtags
    what: str  # what is counted, e.g. hashtags
    limit: int
    source: str  # "platform", "account" or HOUSE_STYLE: which rule sets the limit
    platform: str  # the platform's name
    platform_limit: int | None
    account_limit: int | None
    house_limit: int | None

    @property
    def amount(self) -> str:
        """The limit as a phrase: "2 hashtags", "no links", "2,200 characters"."""
        if self.limit == 0:
            return f"no {self.what}"
        return f"1 {SINGULAR.get(self.what, self.what)}" if self.limit == 1 else f"{self.limit:,} {self.what}"

    @property
    def origin(self) -> str:
        """Where the limit comes from, and what the looser rule would have allowed."""
        others = []
        if self.source != "account" and self.account_limit is not None:
            others.append(f"this account's own limit is {self.account_limit:,}")
        if self.source != "platform" and self.platform_limit is not None:
            others.append(f"{self.platform} allows {self.platform_limit:,}")
        if self.source != HOUSE_STYLE and self.house_limit is not None:
            others.append(f"our house style allows {self.house_limit:,}")
        own = {"platform": f"{self.platform}'s limit", "account": "this account's own limit",
               HOUSE_STYLE: "our house style"}[self.source]
        return "; ".join([own, *others])

    @property
    def text(self) -> str:
        """The one sentence every page, card and checker message uses for this limit."""
        return f"{self.amount} ({self.origin})"


def effective_limits(playbook: Playbook, platform: Platform, account: Account | None = None) -> list[EffectiveLimit]:
    """Every limit a post on `platform` (on `account`, when given) must keep, the stricter rule winning.

    On a tie the platform (or the account) is named as the source: the house rule adds nothing there.
    """
    style = playbook.voice.style
    found: dict[str, EffectiveLimit] = {}
    for key, what in PLATFORM_LIMITS:
        from_platform = getattr(platform.limits, key)
        from_account = getattr(account.limits, key) if account else None
        limit, source = (from_account, "account") if from_account is not None else (from_platform, "platform")
        if limit is not None:
            found[key] = EffectiveLimit(key, what, limit, source, platform.name, from_platform, from_account, None)
    for key, what in STYLE_LIMITS:
        house = style.limit(key)
        current = found.get(key)
        if house is None:
            continue
        if current is None:
            found[key] = EffectiveLimit(key, what, house, HOUSE_STYLE, platform.name, None, None, house)
        elif house < current.limit:
            found[key] = EffectiveLimit(key, what, house, HOUSE_STYLE, platform.name, current.platform_limit,
                                        current.account_limit, house)
        else:
            found[key] = EffectiveLimit(key, what, current.limit, current.source, platform.name,
                                        current.platform_limit, current.account_limit, house)
    return list(found.values())


def account_limits(playbook: Playbook, account: Account) -> list[EffectiveLimit]:
    """The effective limits of one account (its platform's, its own overrides, the house style)."""
    return effective_limits(playbook, playbook.platform(account.platform), account)


# --------------------------------------------------------------------------- approvals

TWO_PERSON_NAME = "Two-person rule"  # how every page and the checker name the two built-in rules
VERIFY_NAME = "Verify before reacting"
TWO_PERSON = "two-person"
RULE = "rule"
VERIFY = "verify"


@dataclass(frozen=True)
class Requirement:
    """One thing that must happen before a post goes out: a named rule and who satisfies it."""

    kind: str  # TWO_PERSON, RULE or VERIFY
    name: str  # what every page calls it
    anchor: str  # its section on the approvals page
    approvers: tuple[str, ...]  # role ids
    needed: int  # how many different approvers must sign
    description: str
    rule: ApprovalRule | None = None


def approvals_for(playbook: Playbook, tier: ReachTier | str | None, categories: Collection[Category | str] = (),
                  severity: Severity | None = None, verify_first: bool = False) -> list[Requirement]:
    """Everything that applies to a post on an account of `tier` (None: a tier no rule names)
    about `categories` at `severity` (None: no incident): the two-person rule, every approval
    rule whose reach, topic and severity match, and verify-before-reacting. In that order.

    The approvals matrix, role pages, pocket cards and the triage result all call this, so a
    cell never shows one rule and forgets another that applies to the same post.
    """
    approvals = playbook.approvals
    tier_id = tier.id if isinstance(tier, ReachTier) else tier
    topics = {c.value if isinstance(c, Category) else c for c in categories}
    found: list[Requirement] = []
    two = approvals.two_person_rule
    if two and tier_id in two.tiers:
        found.append(Requirement(TWO_PERSON, TWO_PERSON_NAME, "two-person-rule", tuple(two.approvers), 1,
                                 two.description))
    for rule in approvals.rules:
        if _rule_applies(playbook, rule, tier_id, topics, severity):
            found.append(Requirement(RULE, rule.name, f"rule-{rule.id}", tuple(rule.approvers),
                                     rule.approvals_needed, rule.description, rule))
    verify = approvals.verify_before_reacting
    if verify and (verify_first or topics.intersection(verify.categories)):
        found.append(Requirement(VERIFY, VERIFY_NAME, "verify-before-reacting", (verify.approver,), 1,
                                 verify.description))
    return found


def _rule_applies(playbook: Playbook, rule: ApprovalRule, tier_id: str | None, topics: set[str],
                  severity: Severity | None) -> bool:
    if rule.tiers and tier_id not in rule.tiers:
        return False
    if rule.categories and not topics.intersection(rule.categories):
        return False
    if rule.min_severity is None:
        return True
    esc = playbook.escalation
    return severity is not None and esc.rank(playbook.severity(rule.min_severity)) <= esc.rank(severity)


def tiers_in_order(playbook: Playbook) -> list[ReachTier]:
    """Reach tiers from the smallest audience up, as every table lists them; tiers the policy
    assigns by name (no threshold) come first, in the order declared."""
    order = {t.id: n for n, t in enumerate(playbook.reach_tiers)}
    return sorted(playbook.reach_tiers, key=lambda t: (t.min_followers is not None, t.min_followers or 0,
                                                        order[t.id] if t.min_followers is None else 0, t.id))


TierRequirements = list[tuple[ReachTier, list[Requirement]]]


def approvals_by_tier(playbook: Playbook, categories: Collection[Category | str] = (),
                      severity: Severity | None = None,
                      verify_first: bool = False) -> tuple[list[Requirement], TierRequirements]:
    """(what applies on every tier, [(tier, what it adds)]) for one situation: the triage
    result and the severity pages say the common part once and each tier's extras after it."""
    per_tier = [(tier, approvals_for(playbook, tier, categories, severity, verify_first))
                for tier in tiers_in_order(playbook)]
    common = [r for r in per_tier[0][1] if all(r in found for _, found in per_tier)] if per_tier else []
    return common, [(tier, [r for r in found if r not in common]) for tier, found in per_tier]



# --------------------------------------------------------------------------- triage


@dataclass(frozen=True)
class Triage:
    """The whole answer for someone on shift: what the wizard shows and `playbook triage` prints."""

    severity: Severity
    triggers: tuple[Trigger, ...]  # what matched, worst first
    raised_by: int  # levels added for how far it has spread
    spread: SpreadLevel | None
    verify_first: bool
    common: tuple[Requirement, ...]  # what every account needs
    per_tier: tuple[tuple[ReachTier, tuple[Requirement, ...]], ...]  # what each tier adds
    allowed: tuple[Action, ...]
    suggested: frozenset[str]  # allowed action ids the matched triggers name
    forbidden: tuple[Action, ...]
    holding: tuple[HoldingStatement, ...]
    ladder: Ladder | None  # None below the major incident threshold: a ticket, nobody paged


def triage(playbook: Playbook, trigger_ids: Collection[str] = (), signals: Collection[str] = (),
           spread_id: str | None = None) -> Triage:
    """The severity for the answers (the worst trigger picked, directly or by one of its signals,
    raised by spread) and everything that follows from it. engine.js's twin is templates/assets/triage.js."""
    order = sorted(playbook.escalation.severities, key=lambda s: (playbook.escalation.rank(s), s.id))
    chosen = sorted((t for t in playbook.triggers
                     if t.id in trigger_ids or any(s.value in signals for s in t.signals)), key=lambda t: t.id)
    chosen.sort(key=lambda t: -order.index(playbook.severity(t.severity)))  # stable: worst first, then by id
    base = order.index(playbook.severity(chosen[0].severity)) if chosen else 0
    spread = next((s for s in playbook.escalation.spread if s.id == spread_id), None)
    severity = order[min(len(order) - 1, base + (spread.raise_by if spread else 0))]
    raised = order.index(severity) - base
    verify = playbook.approvals.verify_before_reacting
    verify_first = verify is not None and any(t.verify_first or t.category in verify.categories for t in chosen)
    common, per_tier = approvals_by_tier(playbook, [t.category for t in chosen], severity, verify_first)
    actions = {a.id: a for a in playbook.escalation.actions}
    allowed = tuple(actions[a] for a in severity.actions)
    named = {a for t in chosen for a in t.actions}
    holding_ids = list(dict.fromkeys(t.holding_statement for t in chosen if t.holding_statement))
    return Triage(
        severity=severity, triggers=tuple(chosen), raised_by=raised, spread=spread if raised else None,
        verify_first=verify_first, common=tuple(common), per_tier=tuple((t, tuple(r)) for t, r in per_tier if r),
        allowed=allowed, suggested=frozenset(named & set(severity.actions)),
        forbidden=tuple(a for a in playbook.escalation.actions if a.id not in severity.actions),
        holding=tuple(h for i in holding_ids for h in playbook.holding_statements if h.id == i),
        ladder=playbook.ladder(severity.ladder) if severity.ladder else None)
