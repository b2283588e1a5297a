"""Answers that combine several sections of the policy, computed once for every reader.

A reader asks "how many hashtags may I use on Instagram?" or "who approves a post on the
flagship during a moderate incident?". The policy answers each from two or three places
(a platform limit and a house style rule; a reach rule, a topic rule, the two-person rule
and verify-before-reacting). Combining them in each template let pages disagree, so each
answer is computed here, in one function, and every page, the pocket cards, the checker's
rules and `playbook triage` read it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from ..model import (
    Account,
    Action,
    ApprovalRule,
    Cadence,
    Category,
    HoldingStatement,
    Ladder,
    LadderStep,
    Permission,
    Platform,
    Playbook,
    ReachTier,
    Role,
    Severity,
    SpreadLevel,
    Trigger,
    TwoPersonRule,
    VerifyRule,
)
from . import paths
from .limits import HOUSE_STYLE, PLATFORM_LIMITS, SINGULAR, STYLE_LIMITS

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
            others.append(f"the limit for {self.platform} is {self.platform_limit:,}")
        if self.source != HOUSE_STYLE and self.house_limit is not None:
            others.append(f"our house style allows {self.house_limit:,}")
        # "the limit for X", never "X's limit": the policy's platform entry may hold a house
        # limit stricter than the platform's own, and says nothing about whose it is.
        own = {"platform": f"the limit for {self.platform}", "account": "this account's own limit",
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

VERIFY_NAME = "Verify before reacting"  # how every page and the checker name it (the two-person rule: its LABEL)
TWO_PERSON = "two_person_rule"  # a Requirement's kind: the rule's name in code
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
        found.append(Requirement(TWO_PERSON, TwoPersonRule.LABEL, paths.TWO_PERSON_RULE, tuple(two.approvers), 1,
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


# --------------------------------------------------------------------------- who may post where


def publishers(playbook: Playbook, account: Account) -> list[str]:
    """The roles that may publish a post on `account`: its own `publishers`, else every role
    with the publish permission (the field's documented default)."""
    if account.publishers:
        return list(account.publishers)
    return [r.id for r in playbook.roles if Permission.publish in r.permissions]


def repliers(playbook: Playbook, account: Account) -> list[str]:
    """The roles that may send a reply on `account` themselves: every role with the reply
    permission, kept to the account's `publishers` when it lists them (a reply goes out on
    the account like any post, and `publishers` names who may put anything out there)."""
    found = [r.id for r in playbook.roles if Permission.reply in r.permissions]
    return [r for r in found if r in account.publishers] if account.publishers else found


def crisis_covers(playbook: Playbook, account: Account) -> bool:
    """Whether crisis mode is on for `account` (its scope is every account or names this one)."""
    crisis = playbook.crisis
    return crisis.active and (crisis.scope == "all" or account.id in crisis.scope)


def crisis_posting_text(playbook: Playbook, say: Callable[[str], str] | None = None) -> str:
    """Who may still publish in crisis mode, as every page, card, command and the checker say
    it; `say` names a role (a page links it), by default by its name."""
    said = [(say or (lambda r: playbook.role(r).name))(r) for r in playbook.crisis.may_post]
    if not said:
        return "nobody may publish"
    return "only " + (said[0] if len(said) == 1 else ", ".join(said[:-1]) + " or " + said[-1]) + " may publish"


def without_author(playbook: Playbook, role: Role, approvers: Collection[str]) -> tuple[str, ...]:
    """Approvers other than the author's own role (nobody approves their own post); when none
    is left, the role it escalates to (else reports to). engine.py and engine.js do the same
    on a draft whose author is only known when it is checked."""
    kept = tuple(dict.fromkeys(r for r in approvers if r != role.id))
    if kept:
        return kept
    fallback = role.escalates_to or role.reports_to
    return (fallback,) if fallback and fallback != role.id else ()


@dataclass(frozen=True)
class PostingAnswer:
    """What `role` may do on `account` and what an everyday post or reply of theirs needs there
    before it goes out: the one answer the role page, the pocket card, the approvals page and
    `playbook check --author-role` (through the rules document) all give."""

    role: Role
    account: Account
    publishes: bool  # may publish a post there itself
    replies: bool  # may send a reply there itself
    publishers: tuple[str, ...]  # who must publish a post of this role's when it may not
    repliers: tuple[str, ...]  # who must send a reply of this role's when it may not
    requirements: tuple[tuple[Requirement, tuple[str, ...]], ...]  # (rule, its approvers without the author)
    crisis: bool  # crisis mode covers the account and this role is not among those who may still post

    @property
    def post_needs_nothing(self) -> bool:
        """A post of this role's may go out with nobody else's hand on it."""
        return self.publishes and not self.requirements and not self.crisis

    @property
    def reply_needs_nothing(self) -> bool:
        return self.replies and not self.requirements and not self.crisis

    def key(self) -> tuple[object, ...]:
        """What two accounts must share for one row of a table to speak for both."""
        return (self.publishes, self.replies, self.publishers, self.repliers,
                tuple((r.anchor, who) for r, who in self.requirements), self.crisis)


Putting = Mapping[str, tuple[list[str], list[str]]]  # account id -> (publishers, repliers)


def putting_out(playbook: Playbook) -> dict[str, tuple[list[str], list[str]]]:
    """Who may publish and who may reply on each account, for posting_answers to share: asked
    per role and account, it scanned every role each time (quadratic at 1,000 roles)."""
    return {account.id: (publishers(playbook, account), repliers(playbook, account)) for account in playbook.accounts}


def posting_answer(playbook: Playbook, role: Role, account: Account, who: Putting | None = None) -> PostingAnswer:
    """May `role` post and reply on `account` itself, and whose sign-off does an everyday post
    (no trigger, no incident) need: the two-person rule and every rule of the account's tier.
    `who` is putting_out(playbook), when the caller asks for many roles."""
    crisis = crisis_covers(playbook, account) and role.id not in playbook.crisis.may_post
    found = approvals_for(playbook, playbook.tier_of(account))
    posters, responders = who[account.id] if who is not None else (publishers(playbook, account),
                                                                     repliers(playbook, account))
    return PostingAnswer(
        role=role, account=account,
        publishes=role.id in posters and not crisis,
        replies=role.id in responders and not crisis,
        publishers=tuple(posters), repliers=tuple(responders),
        requirements=tuple((r, without_author(playbook, role, r.approvers)) for r in found), crisis=crisis)


def posting_answers(playbook: Playbook, role: Role, who: Putting | None = None) -> list[list[PostingAnswer]]:
    """The role's answer on every account, accounts with the same answer together (largest
    audience first): a role page or card lists a handful of rows, not one per account."""
    groups: dict[tuple[object, ...], list[PostingAnswer]] = {}
    for account in sorted(playbook.own_accounts, key=lambda a: (-(a.audience or 0), a.id)):
        answer = posting_answer(playbook, role, account, who)
        groups.setdefault(answer.key(), []).append(answer)
    return list(groups.values())


def deadline_text(severity: Severity) -> str:
    """A severity's response deadline in the words every page, card and triage result use.

    The field is "how fast the first response must come"; "Respond" is also the name of an
    action a severity may forbid, so the deadline never reads as that action."""
    phrase = deadline_phrase(severity)
    return phrase[:1].upper() + phrase[1:] + "."


def deadline_phrase(severity: Severity) -> str:
    """The deadline inside a sentence: "first response within 30 min", "no response deadline"."""
    minutes = severity.respond_within_minutes
    return f"first response within {duration_text(minutes)}" if minutes else "no response deadline"


# The fixed sentences of a triage result, said by `playbook triage` and, through the rules
# document's `triage_words`, by the wizard (triage.js): one copy, not one per language.
TRIAGE_WORDS = {
    "major": "This is a major incident.",
    "no_trigger": "Nothing you chose matches a trigger: treat it as routine, and escalate if it changes.",
    "pause_now": "Pause every scheduled post now.",
    "no_signoff": "No sign-off is needed on any account; nobody approves their own post.",
    "no_actions": "No actions are listed for this severity: follow the ladder.",
    "no_holding": "No holding statement applies: post nothing about it until the approvers above agree.",
    "no_ladder": "Nobody is paged at this level: follow what the severity says.",
    "no_ladder_plan": "Nobody is paged at this level: follow the plan in time below.",
    "plan_heading": "Plan in time (from when the incident is declared)",
}


def requirement_text(requirement: Requirement, names: Mapping[str, str], verify: VerifyRule | None) -> str:
    """One requirement in plain words, as the triage result says it (terminal and wizard): its
    name, then who satisfies it. `names`: role id -> name; `verify`: the policy's rule."""
    who = [names[r] for r in requirement.approvers]
    if requirement.kind == VERIFY and verify is not None:
        return (f"{requirement.name}: {verify.sources_required} independent sources and at least "
                f"{verify.wait_minutes} minutes, then {who[0]} decides")
    if requirement.kind == TWO_PERSON:
        return f"{requirement.name}: a {TwoPersonRule.APPROVER}, {' or '.join(who)}"
    if requirement.needed > 1:
        return f"{requirement.name}: {requirement.needed} of {', '.join(who)}"
    return f"{requirement.name}: {' or '.join(who)}"


def verify_text(verify: VerifyRule, approver: str) -> str:
    """What verifying first asks of whoever is on shift (`approver`: the deciding role's name)."""
    return (f"Confirm the whole story from {verify.sources_required} independent sources and wait at least "
            f"{verify.wait_minutes} minutes before reacting; {approver} decides when we know enough.")


def validity_text(statement: HoldingStatement) -> str:
    """A canned reply may have no expiry: the policy then says nothing about when it lapses."""
    return f"valid until {statement.expires.isoformat()}" if statement.expires else "no expiry date"


def acknowledge_phrase(step: LadderStep) -> str:
    """A ladder step's deadline in the words every card, triage result and checker route use:
    "acknowledge within 10 min" (the page's ladder table has it as a column)."""
    return f"acknowledge within {duration_text(step.acknowledge_within_minutes)}"


def unanswered_text(ladder: Ladder) -> str:
    """When the ladder has run out: counted by `Ladder.elapsed` (steps paged together share
    their start), never by adding up every step."""
    return (f"If nobody has acknowledged the last step of {ladder.name} "
            f"({duration_text(ladder.total_minutes())} after it started)")


# What the handbook says after a ladder's last step when the policy says nothing: one sentence
# for triage, the wizard and the pages (which fill in links: render/environment.py).
AFTER_LAST_STEP_UNSET = "the policy names nobody further: keep calling {who} and tell {owner}."


def after_last_step_text(ladder: Ladder, last_who: str, owner: str) -> str:
    """What happens then: the policy's own words, or what the handbook says when it has none
    (`last_who`: whom the last step pages; `owner`: the policy owner's role name)."""
    return ladder.after_last_step or AFTER_LAST_STEP_UNSET.format(who=last_who, owner=owner)


def cadence_text(cadence: Cadence) -> str:
    """An update rhythm as the severity page says it (its `cadence` macro), for the triage
    result in a terminal and in the wizard: "While it lasts: update the team every 30 min and
    the public every 20 min; after 4 h it is a long incident: Hand over."."""
    rhythm = []
    if cadence.internal_minutes:
        rhythm.append(f"update the team every {duration_text(cadence.internal_minutes)}")
    if cadence.public_minutes:
        rhythm.append(f"{'' if rhythm else 'update '}the public every {duration_text(cadence.public_minutes)}")
    parts = [" and ".join(rhythm)] if rhythm else []
    if cadence.long_incident_minutes:
        note = f": {cadence.long_incident.rstrip('.')}" if cadence.long_incident else ""
        parts.append(f"after {duration_text(cadence.long_incident_minutes)} it is a long incident{note}")
    return "While it lasts: " + "; ".join(parts) + "."


def duration_text(n: int) -> str:
    """A duration as people say it: 2 days, 4 h, 1 h 30 min, 45 min (pages and commands alike)."""
    if n % 1440 == 0:
        days = n // 1440
        return f"{days} day{'s' if days != 1 else ''}"
    if n % 60 == 0:
        return f"{n // 60} h"
    return f"{n // 60} h {n % 60} min" if n > 60 else f"{n} min"


# How people say each signal when they search the handbook ("sue" for a legal threat): the
# severity pages carry these with their triggers' own keywords (render/search.py). Fixed text,
# like the triage wizard's questions about signals (SIGNAL_LABELS beside the Signal enum, model/triggers.py).
SIGNAL_WORDS: dict[str, tuple[str, ...]] = {
    "legal_threat": ("sue", "lawyer", "legal", "court", "threatens"),
    "safety_risk": ("hurt", "injured", "sick", "ill", "unsafe", "danger"),
    "media_enquiry": ("journalist", "reporter", "press", "comment"),
    "breaking_news": ("news", "breaking"),
    "high_reach_complaint": ("influencer", "big account", "complaint"),
    "data_request": ("personal data", "card number", "address", "privacy"),
    "security_incident": ("hacked", "breach", "password", "scam"),
    "executive_news": ("ceo", "executive", "boss"),
    "political": ("politics", "election", "vote"),
    "tragedy": ("died", "killed", "tragedy", "disaster"),
    "hostile": ("abuse", "troll", "harassment", "threat"),
    "promotion": ("sale", "discount", "offer"),
}
