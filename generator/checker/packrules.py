"""The knowledge packs' part of the rules document (see rules.py and generator/packs).

A pack's days and its tragedies and phrases reach the engines as the team's own calendar
entries and triggers (packs/select.py makes them); what has no twin in the team's policy is
compiled here: the concrete dates of movable days, the lexicons' regular expressions and
emoji, which triggers name a past tragedy (a promotion that names one is stopped), and a
summary of the active packs for the pages. Both engines read only this data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..model import Playbook, SensitiveDate, Trigger
from ..model.movable import occurrences, years_around
from ..packs.model import Lexicon
from ..packs.select import Active
from .text import phrase_form, phrase_key

VARIATION = "\ufe0f"  # emoji presentation selector: "🔫" and "🔫\ufe0f" are the same emoji
# What an emoji may carry that does not change it: the selector and the five skin tones.
MODIFIERS = "[\ufe0f\U0001f3fb-\U0001f3ff]"
_SPECIAL = set("\\^$.|?*+()[]{}/-")


def with_packs(playbook: Playbook, active: Active) -> Playbook:
    """The playbook as the checker sees it: its own calendar and triggers, then the packs'.

    Made from the fields one by one, not by `model_copy`: the preview (render/tracking.py)
    counts a model_copy as a read of the whole policy, which made the checker's pages due after
    every save; read field by field, they are due when a field they use changes."""
    if not active.entries:
        return playbook
    fields = {name: getattr(playbook, name) for name in type(playbook).model_fields}
    fields["calendar"] = [*fields["calendar"], *active.days]
    fields["triggers"] = [*fields["triggers"], *active.triggers]
    return type(playbook).model_construct(set(playbook.__pydantic_fields_set__) | {"calendar", "triggers"}, **fields)


def occurrence_texts(day: SensitiveDate, today: dt.date) -> list[str] | None:
    """The dates (YYYY-MM-DD) a movable day falls on in the years the document covers; None for
    a day with a fixed date (the engines compute those for any year)."""
    if day.date is not None:
        return None
    return [d.isoformat() for d in occurrences(day, years_around(today))]


def emoji_pattern(sequence: str) -> str:
    """A regex (Python `regex` and JavaScript `u`) for an emoji or sequence, with or without
    the presentation selector or a skin tone after each character."""
    return "".join(("\\" + c if c in _SPECIAL else c) + MODIFIERS + "*" for c in _plain(sequence))


def _plain(sequence: str) -> str:
    return "".join(c for c in sequence if c != VARIATION and not "\U0001f3fb" <= c <= "\U0001f3ff")


def document(active: Active, table: Mapping[str, str]) -> dict[str, Any]:
    """What the engines need of the packs beyond calendar entries and triggers, and the packs
    the team turned on (for the checker page). Context words are in the form the engines
    compare draft words in (text.phrase_form)."""
    patterns: list[dict[str, Any]] = []
    emoji: list[dict[str, Any]] = []
    for entry in active.lexicons:
        lexicon = entry.data
        assert isinstance(lexicon, Lexicon)
        near = sorted({f for f in (phrase_form(w, table) for w in lexicon.with_) if f})
        context: dict[str, Any] = {"with": near, "within": lexicon.within} if near else {}
        # A promotional entry's pattern is a promotion as its phrases are (rules.py): held on a
        # sensitive day, in the news, in crisis mode and next to a tragedy's name. Its
        # `packs: override: unless:` excuses a pattern's or an emoji's match as it excuses a phrase's.
        team = entry.team if isinstance(entry.team, Trigger) else None
        promotes = {"promotion": True} if team and team.promotes() else {}
        keys = sorted({k for k in (phrase_key(u, table) for u in (team.unless if team else [])) if k})
        excused = {"unless": keys} if keys else {}
        for pattern in lexicon.patterns:
            patterns.append({"ref": lexicon.id, "pattern": pattern, **context, **promotes, **excused})
        for sequence in lexicon.emoji:
            plain = _plain(sequence)
            emoji.append({"ref": lexicon.id, "pattern": emoji_pattern(plain), "emoji": plain, **context, **excused})
    # Longer sequences first: "🔫😡" is found before "🔫" at the same place.
    emoji.sort(key=lambda e: (-len(e["emoji"]), e["emoji"], e["ref"]))
    return {
        "patterns": sorted(patterns, key=lambda p: (p["ref"], p["pattern"])),
        "emoji": emoji,
        "emoji_any": "|".join(e["pattern"] for e in emoji),
        "modifiers": MODIFIERS,
        "tragedies": sorted(e.data.id for e in active.tragedies),
        "active": [{"id": p.id, "name": p.data.pack.name, "version": p.data.pack.version} for p in active.packs],
    }
