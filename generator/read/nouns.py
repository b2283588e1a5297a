"""Every entity's noun, in one table: how a message, a check and a reference call one item of
a list in the policy. Before issue 24 three tables said it (the model's reference kinds, the
names in messages, the cross-check's duplicate ids) and disagreed; now each reads this one.

A leaf module: the reader names places with it before any model exists, and the model's
reference kinds (`KINDS` in model/common.py) are built from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    """One kind of item: where its list sits and what one is called."""

    where: tuple[str, ...]  # the list's keys from the policy's root, list positions left out
    noun: str  # one item, as messages and pages say it: "reach tier"
    kind: str | None = None  # the reference kind that names one by id (TierRef names a "tier"), if any
    vocabulary: bool = False  # the team's own words: an unknown one may be meant as a new declaration


# Reference kinds first, in the order the model has always listed them (checks walk them in it).
NOUNS: tuple[Noun, ...] = (
    Noun(("roles",), "role", "role"),
    Noun(("teams",), "team", "team"),
    Noun(("platforms",), "platform", "platform"),
    Noun(("accounts",), "account", "account"),
    Noun(("reach_tiers",), "reach tier", "tier"),
    Noun(("escalation", "severities"), "severity", "severity"),
    Noun(("escalation", "ladders"), "ladder", "ladder"),
    Noun(("escalation", "actions"), "action", "action"),
    Noun(("holding_statements",), "holding statement", "holding"),
    Noun(("modules",), "training module", "module"),
    Noun(("roster",), "person", "person"),
    Noun(("rotations",), "rotation", "rotation"),
    Noun(("process", "categories"), "trigger category", "category", vocabulary=True),
    Noun(("process", "stages"), "progression stage", "stage", vocabulary=True),
    Noun(("process", "milestones"), "onboarding milestone", "milestone", vocabulary=True),
    Noun(("pillars",), "content pillar", "pillar"),
    Noun(("venues",), "venue"),
    Noun(("pillars",), "content pillar", "pillar"),
    Noun(("venues",), "venue"),
    Noun(("triggers",), "trigger"),
    Noun(("calendar",), "sensitive date"),
    Noun(("watchlist",), "watchlist event"),
    Noun(("vocabulary",), "term"),
    Noun(("onboarding",), "onboarding path"),
    Noun(("onboarding", "milestones"), "milestone"),
    Noun(("escalation", "spread"), "spread level"),
    Noun(("escalation", "ladders", "steps"), "step"),
    Noun(("approvals", "rules"), "approval rule"),
    Noun(("voice", "traits"), "trait"),
    Noun(("voice", "tones"), "tone"),
    Noun(("voice", "examples"), "voice example"),
    Noun(("voice", "disclosures"), "disclosure"),
    Noun(("voice", "hashtags"), "hashtag"),
    Noun(("modules", "quiz"), "question"),
    Noun(("modules", "quiz", "choices"), "choice"),
    Noun(("modules", "exercises"), "exercise"),
    Noun(("roster", "shifts"), "shift"),
    Noun(("roles", "progression"), "stage"),
    Noun(("handbook", "changelog"), "changelog entry"),
    Noun(("roles", "duties"), "duty"),
    Noun(("roster", "contact"), "contact"),
    Noun(("roster", "training"), "training"),  # a record, named by its role: "training 'writer'"
    Noun(("roster", "progress"), "progress"),
    Noun(("triggers", "context"), "keyword context"),
    Noun(("days",), "day"),  # the knowledge pack files (generator/packs/data)
    Noun(("tragedies",), "tragedy"),
    Noun(("lexicons",), "lexicon"),
    Noun(("crisis", "timeline"), "plan step"),
    Noun(("escalation", "severities", "timeline"), "plan step"),
    Noun(("platforms", "content_mix"), "content mix share"),
    Noun(("channels",), "channel"),  # a role's, a person's or a rotation's: found by its key alone
)


def noun_of(keys: Sequence[str]) -> str | None:
    """What one item of the list at `keys` is called: the entry for that exact path, else the
    first whose list has the same key (a path read from a file that splits a section), else None."""
    path = tuple(keys)
    exact = next((n.noun for n in NOUNS if n.where == path), None)
    return exact or next((n.noun for n in NOUNS if path and n.where[-1] == path[-1]), None)


def noun(*keys: str) -> str:
    """`noun_of` for a list the table names: a missing entry is our bug, not the editor's."""
    found = noun_of(keys)
    if found is None:
        raise KeyError(f"read/nouns.py has no noun for {'.'.join(keys)}")
    return found
