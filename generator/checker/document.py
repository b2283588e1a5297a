"""The rules document's version and the words and times both runtimes read from it.

Apart from rules.py, which compiles the document from the validated model: the commands
that only read a compiled (cached) document (`playbook check`, `sweep`, `list`) need these
and must not import the models to get them (they cost most of `check`'s start-up).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

# 2: the engines' patterns and constants (leet, no_stem among them) moved in.
# 3: look-alike letters, exceptions (unless, case), publishers, calendar and watchlist.
# 4: spaced words. 5: effective limits with their sources, rule names, after_last_step.
# 6: crisis since_utc / until_utc (the engines apply crisis mode inside its window only).
# 7: approval_rules (reasons first), reply permissions, context (with), endings, names, hashtag words.
# 8: pages.severities / pages.platforms (paths.py's addresses, no prefix + id), accounts' repliers,
#    crisis.who_may_post, severities' deadline (answers.py's wording).
# 9: ladders' unanswered / after, steps' deadline, severities' cadence_text,
#    approvals' text / instruction, holding statements' validity, triage_words (answers.py's wording),
#    verdict_words and severities' level_name (this module's).
# 10: accounts' media specs (queries/media.py), disclosures' domains, position and how to find the tag;
#    trigger owners and scopes (routing); hashtag inner words, name_next (precision).
# 11: knowledge packs (lexicon patterns and emoji, tragedies, active packs); movable dates' occurrences.
# 12: hashtag_campaigns (an approved hashtag's campaign and last day: hashtag.ended after it).
#     and a severity's place in the order is `rank` (it was `level`, the word the policy uses for its own
#     number, shipped as `number`).
FORMAT = 12


# What each verdict means, in the words `playbook check`, `sweep` and the checker page all use
# (the page through the rules document's `verdict_words`).
VERDICT_WORDS = {
    "publish": "nothing in the handbook stops this post",
    "revise": "fix the findings first",
    "approval": "the roles below must sign off before it goes out",
    "escalate": "hand over to the ladder below; do not post",
}


def utc_text(moment: dt.datetime, zone: str) -> str:
    """A moment as the engines compare them: "YYYY-MM-DDTHH:MM" in UTC (strings sort as times)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


def level_name(label: str | None, number: int, count: int) -> str:
    """How the triage result and the checker name a severity's level after its name: its own
    label (SEV-1), or "level N of M" with N as the policy numbers it, whichever end is worst.

    The one wording: `playbook triage` and `playbook check` call it, and the rules document
    ships its answer per severity (`level_name`) for checker-base.js's levelName to read."""
    return label or f"level {number} of {count}"
