"""Hours of the week, for comparing who is on shift with when the accounts post (the policy
checks): the instants of shifts.py, cut into the quarter-hour slots of one week.

People and accounts keep their own time zones; shifts.py places their shifts and posting
hours on real instants (zones, daylight saving, midnight crossings), and this module only
counts which quarter-hours of one real week in UTC they fill (the week after the policy takes
effect, so daylight saving is applied as it was that week). A person covers a slot only when
on shift for all of it, so the checks and "who is on now" agree on every quarter-hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from ..model import Person, PostingHours, Weekday
from .shifts import Window, occurrences, pattern, windows
from .shifts import week_after as reference_week

DAYS = list(Weekday)
SLOT_MINUTES = 15
SLOT = dt.timedelta(minutes=SLOT_MINUTES)
SLOTS = 7 * 24 * 60 // SLOT_MINUTES
UTC = dt.UTC
__all__ = ["DAYS", "person_slots", "posting_slots", "reference_week", "say_gaps", "slot_start"]


def person_slots(person: Person, week: dt.date) -> frozenset[int]:
    return _slots(*pattern(person), week)


def posting_slots(hours: PostingHours, week: dt.date) -> frozenset[int]:
    return _slots(hours.timezone, windows([hours]), week)


def slot_start(week: dt.date, slot: int) -> dt.datetime:
    """The UTC instant a slot of `week` begins."""
    return dt.datetime(week.year, week.month, week.day, tzinfo=UTC) + slot * SLOT


@lru_cache(maxsize=4096)
def _slots(zone: str, weekly: tuple[Window, ...], week: dt.date) -> frozenset[int]:
    """The UTC quarter-hours of `week` that the windows' occurrences wholly cover. Many
    people share a pattern, so each is computed once."""
    since = slot_start(week, 0)
    found: set[int] = set()
    for start, end, _ in occurrences(zone, weekly, since, slot_start(week, SLOTS)):
        first = -(-(start - since) // SLOT)  # the first slot starting at or after `start`
        last = (end - since) // SLOT  # the slots ending at or before `end`
        found.update(range(max(first, 0), min(last, SLOTS)))
    return frozenset(found)


def say_gaps(slots: Iterable[int], limit: int = 4) -> str:
    """Slots as a reader says them, daily repeats folded: "Mon-Fri 18:00-21:00 and Sat 07:00-14:00 UTC"."""
    runs = _runs(sorted(set(slots)))
    groups: list[list[tuple[int, int]]] = []
    per_day = 24 * 60 // SLOT_MINUTES
    for start, end in runs:
        last = groups[-1][-1] if groups else None
        if last and start - last[0] == per_day and end - start == last[1] - last[0]:
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    said = [_say(group) for group in groups]
    if len(said) > limit:
        said = [*said[:limit], f"{len(said) - limit} more"]
    text = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return f"{text} UTC"


def _runs(slots: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for slot in slots:
        if runs and runs[-1][1] == slot:
            runs[-1][1] = slot + 1
        else:
            runs.append([slot, slot + 1])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == SLOTS:  # the week wraps round
        first = runs.pop(0)
        runs[-1][1] = SLOTS + first[1]
    return [(a, b) for a, b in runs]


def _clock(slot: int) -> str:
    minute = (slot * SLOT_MINUTES) % (24 * 60)
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _day(slot: int) -> str:
    return DAYS[(slot * SLOT_MINUTES // (24 * 60)) % 7].value.capitalize()


def _say(group: list[tuple[int, int]]) -> str:
    start, end = group[0]
    if end - start >= SLOTS:
        return "all week"
    days = _day(start) if len(group) == 1 else f"{_day(start)}-{_day(group[-1][0])}"
    per_day = 24 * 60 // SLOT_MINUTES
    same_day = end // per_day == start // per_day or (end % per_day == 0 and end - start <= per_day)
    close = "24:00" if end % per_day == 0 else _clock(end)
    if same_day:
        return f"{days} {_clock(start)}-{close}"
    if end - start < per_day and len(group) > 1:
        return f"{days} {_clock(start)}-{_clock(end)} next day"
    return f"{days} {_clock(start)} to {_day(end)} {_clock(end)}"
