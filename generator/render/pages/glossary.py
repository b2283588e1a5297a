"""The glossary: the handbook's own words, and every severity, reach tier and action by name.

Each entry links to the page that explains it in full, so the glossary is a way in, not a
second copy of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...model import Playbook, ReachTier, TwoPersonRule
from ...queries import paths
from ...queries.answers import crisis_posting_text
from ..context import Context, Page
from . import render_page


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str
    path: str


TERMS = (
    ("Severity", "How serious an incident is. It sets the response deadline, who is told and which ladder takes over.",
     paths.ESCALATION),
    ("Ladder", "The ordered people who take over an incident, each with a time to acknowledge before the next step.",
     paths.ESCALATION),
    ("Trigger", "A kind of situation (a topic, words, a signal such as a legal threat) that leads to a severity.",
     paths.TRIAGE_TREE),
    ("Reach tier", "A band of account sizes by followers; the approvals page says what each tier needs.",
     paths.ACCOUNTS),
    ("Approval rule", "Who must sign off a post, by reach tier, topic and severity.", paths.APPROVALS),
    ("Holding statement", ("Pre-approved words to post while the facts come in, with an owner and, where set, an "
                           "expiry date."),
     paths.ESCALATION),
    ("Action", "What may be done about an incident; each severity page lists the ones allowed at its level.",
     paths.ESCALATION),
    ("Spread", "How far an incident has travelled; the severity levels page says how much each step raises it.",
     paths.ESCALATION),
    ("Permission", ("What a role may do on an account: draft, publish, reply, approve, hide, delete, block, "
     "pause the schedule, sign off."), paths.PERMISSIONS),
    ("RACI", "Responsible, Accountable, Consulted, Informed: who does what in key activities.", paths.PERMISSIONS),
    ("Backup", "A role that can step in when another is away.", paths.ROLES),
    ("Voice", "How the brand sounds, whoever is typing: traits, tone by situation, style rules.", paths.VOICE),
    ("Banned word", "A word the brand never uses, with the reason and what to say instead.", paths.VOCABULARY),
    ("Profanity", "Swearing, in any form or disguise (f***). Never on a brand account.", paths.VOCABULARY),
    ("Disclosure", ("A tag such as #ad that a paid or gifted post, or one linking to a partner, must carry, "
     "where the policy puts it."), paths.VOICE),
    ("Going dark", ("Crisis mode's plan: who switches it on, what pauses, when it is reassessed and who decides; "
     "its page shows it whether crisis mode is on or off."), paths.GOING_DARK),
    ("Timeline", ("A crisis plan in time (now, 2 hours, 24-48 hours): who does what, and who decides; shown "
     "beside or instead of a ladder."), paths.ESCALATION),
    ("Media specs", ("What a platform takes in images and video (sizes, ratios, length, captions); the checker "
     "checks a picked file against them."), paths.PLATFORMS),
    ("Triage wizard", "Questions, one at a time, that tell you the severity and what to do.", paths.TRIAGE),
    ("Draft checker", "Paste a draft and see what the policy says about it before you post.", paths.CHECKER),
    ("Pocket card", "A one-page summary of a role to print and keep on shift.", paths.CARDS),
    ("Training module", "A lesson with objectives, exercises and a self-check quiz.", paths.TRAINING),
    ("Effective limit", ("The limit a post must keep: the stricter of the platform's own and our house style, "
     "each page saying which applies."), paths.PLATFORMS),
    ("After the last step", ("What happens when nobody acknowledges a ladder's last step in time; each severity "
     "page says it under its ladder."), paths.ESCALATION),
)


def pages(ctx: Context) -> Iterable[Page]:
    yield render_page(ctx, "glossary.md.j2", paths.GLOSSARY, "Glossary", ctx.source_of("escalation"),
                      entries=entries(ctx.playbook))


def entries(playbook: Playbook) -> list[Entry]:
    found = [Entry(*term) for term in TERMS] + process_entries(playbook) + rule_entries(playbook)
    if playbook.roster:
        found.append(Entry("Coverage", "How many people are on shift in each hour of the week.", paths.COVERAGE))
    found += [Entry(s.name, f"Severity {s.label or f'level {s.level}'}: {s.description}", paths.severity(s.id))
              for s in playbook.escalation.severities]
    found += [Entry(t.name, f"Reach tier, {_threshold(t)}. {t.description or ''}".strip(),
                    f"{paths.ACCOUNTS}#tier-{t.id}") for t in playbook.reach_tiers]
    found += [Entry(a.name, f"Action: {a.description}", f"{paths.ESCALATION}#action-{a.id}")
              for a in playbook.escalation.actions]
    return sorted(found, key=lambda e: (e.term.casefold(), e.path))


def rule_entries(playbook: Playbook) -> list[Entry]:
    """The entries that describe one of the policy's own rules, phrased from its fields (a rule the
    policy does not set is said to be not set, never described as if it held)."""
    approvals, crisis = playbook.approvals, playbook.crisis
    two, verify = approvals.two_person_rule, approvals.verify_before_reacting
    tiers = {t.id: t.name for t in playbook.reach_tiers}
    two_text = (f"Every post on an account in the {_and([tiers[t] for t in two.tiers])} tier is approved by a "
                f"{TwoPersonRule.APPROVER} before it goes out." if two
                else "Not set in this policy (approvals.two_person_rule).")
    verify_text = (f"For {_and([playbook.category_name(c) for c in verify.categories])}: "
                   f"{verify.sources_required} independent sources and at least {verify.wait_minutes} minutes "
                   "before reacting." if verify else "Not set in this policy (approvals.verify_before_reacting).")
    paused = {"pause": "scheduled posts paused", "review": "scheduled posts reviewed again",
              "continue": "scheduled posts continue"}[crisis.scheduled_posts]
    crisis_text = ("A state switched on in the policy's crisis section (active: true) while something bad is "
                   f"happening: a banner on every page, {paused}"
                   f"{', promotions blocked' if crisis.block_promotions else ''}, "
                   f"and {crisis_posting_text(playbook)}.")
    return [Entry(TwoPersonRule.LABEL, two_text, f"{paths.APPROVALS}#{paths.TWO_PERSON_RULE}"),
            Entry("Verify before reacting", verify_text, paths.APPROVALS + "#verify-before-reacting"),
            Entry("Crisis mode", crisis_text, paths.HOME)]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else "no"


def process_entries(playbook: Playbook) -> list[Entry]:
    """The entries that name the team's own stages and milestones, read from its declarations."""
    stages = ", then ".join(s.name.lower() for s in playbook.process.stages)
    milestones = [m.name for m in playbook.process.milestones]
    listed = milestones[0] if len(milestones) == 1 else f"{', '.join(milestones[:-1])} and {milestones[-1]}"
    unsigned = any(stage.signed_off_by is None for role in playbook.roles for stage in role.progression)
    signed = ("each stage signed off unless the role's page says the person moves on by themself" if unsigned
              else "each stage signed off")
    return [
        Entry("Progression", f"How someone grows into a role: {stages}, {signed}.", paths.ROLES),
        Entry("Onboarding path", f"{listed[:1].upper()}{listed[1:]} for a new person in a role.", paths.ONBOARDING),
    ]


def _threshold(tier: ReachTier) -> str:
    """How an account joins the tier: by followers, or by the policy naming the tier."""
    if tier.min_followers is None:
        return "for the accounts the policy places in it"
    return f"from {tier.min_followers:,} followers"
