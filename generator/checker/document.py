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
# 9: packs (lexicon patterns and emoji, tragedies, active packs); movable dates' occurrences.
FORMAT = 9


def utc_text(moment: dt.datetime, zone: str) -> str:
    """A moment as the engines compare them: "YYYY-MM-DDTHH:MM" in UTC (strings sort as times)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


def level_name(label: str | None, number: int, count: int) -> str:
    """How the triage result and the checker name a severity's level after its name: its own
    label (SEV-1), or "level N of M" with N as the policy numbers it, whichever end is worst.

    The one wording in Python (`playbook triage`, `playbook check`); checker-base.js's
    levelName is its twin in the browser, from the rules document's `label`, `number` and
    the length of `severity_order`."""
    return label or f"level {number} of {count}"
