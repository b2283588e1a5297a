"""Movable days: an RFC 5545 RRULE (python-dateutil's rrule) or a number of days from Western
or Orthodox Easter (dateutil.easter), turned into the concrete dates of a few years.

Both engines compare concrete dates only: the rules document carries the dates of the years
around the day it is compiled (`years_around`), so engine.js needs no RRULE reader. The
team's own `calendar:` and the packs' days go through the same functions.
"""

from __future__ import annotations

import datetime as dt

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.rrule import rrulestr

# RRULE parts that make no sense for a day of the year (a day has no time, and the window
# comes from days_before/days_after): refused so that a rule reads the same everywhere.
_REFUSED = ("DTSTART", "BYHOUR", "BYMINUTE", "BYSECOND", "COUNT", "UNTIL")
_FREQUENCIES = ("FREQ=YEARLY", "FREQ=MONTHLY", "FREQ=WEEKLY")


def check_rule(rule: str) -> str:
    """A rule dateutil reads, yearly (or monthly/weekly), with no time, count or end."""
    parts = rule.upper().split(";")
    if not any(p in _FREQUENCIES for p in parts):
        raise ValueError(f"'{rule}' needs FREQ=YEARLY (or MONTHLY, WEEKLY)")
    refused = [p.split("=")[0] for p in parts if p.split("=")[0] in _REFUSED]
    if refused:
        raise ValueError(f"'{rule}' has {refused[0]}: a sensitive day's rule names the day only")
    try:
        dates = rule_dates(rule, [2001])
    except (ValueError, TypeError) as exc:
        raise ValueError(f"'{rule}' is not an RRULE dateutil can read ({exc})") from None
    if not dates and not rule_dates(rule, list(range(2002, 2030))):
        raise ValueError(f"'{rule}' never falls on a day")
    return rule


def rule_dates(rule: str, years: list[int]) -> list[dt.date]:
    """Every date `rule` gives in `years`."""
    start = dt.datetime(min(years), 1, 1)
    end = dt.datetime(max(years), 12, 31)
    return [d.date() for d in rrulestr(rule, dtstart=start).between(start, end, inc=True)]


def easter_date(year: int, offset: int, orthodox: bool = False) -> dt.date:
    """Easter Sunday of `year` (Gregorian date, Western or Orthodox) plus `offset` days."""
    return easter(year, EASTER_ORTHODOX if orthodox else EASTER_WESTERN) + dt.timedelta(days=offset)


def occurrences(day: object, years: list[int]) -> list[dt.date]:
    """The dates of a movable day (anything with `rule`, `easter` or `orthodox_easter`) in
    `years`, in order; [] for a day with a fixed date."""
    rule = getattr(day, "rule", None)
    if rule:
        return rule_dates(rule, years)
    listed = getattr(day, "dates", None)
    if listed:
        return sorted(d for d in listed if d.year in years)
    for name, orthodox in (("easter", False), ("orthodox_easter", True)):
        offset = getattr(day, name, None)
        if offset is not None:
            return [easter_date(y, offset, orthodox) for y in years]
    return []


def years_around(today: dt.date) -> list[int]:
    """The years whose dates the rules document carries: last year to the year after next,
    so that a post scheduled months ahead, or a site left unbuilt for a year, still sees them."""
    return [today.year - 1, today.year, today.year + 1, today.year + 2]


def movable_text(day: object) -> str | None:
    """How a page says when a movable day falls: "rule FREQ=...", "Easter Sunday - 2 days"."""
    rule = getattr(day, "rule", None)
    if rule:
        return f"rule {rule}"
    listed = getattr(day, "dates", None)
    if listed:
        return "on " + ", ".join(d.isoformat() for d in sorted(listed))
    for name, label in (("easter", "Easter Sunday"), ("orthodox_easter", "Orthodox Easter Sunday")):
        offset = getattr(day, name, None)
        if offset is not None:
            if offset == 0:
                return label
            return f"{label} {'+' if offset > 0 else '-'} {abs(offset)} day{'' if abs(offset) == 1 else 's'}"
    return None
