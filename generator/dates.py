"""The years a date or moment written by a person may fall in.

Python's dates end at year 9999 and start at year 1, and turning a moment at either edge
into UTC or another zone overflows: `--at "9999-12-31 23:59"` crashed `oncall`. No policy,
shift or scheduled post is that far away, so every date typed on the command line or read
from an export is held to FIRST_YEAR..LAST_YEAR when it is parsed, with a message that says
so, and nothing later has to guard against overflow.

It is also the one parser of a moment or a time zone a person types: on the command line
(`check`, `triage`, `oncall`: `--at`, `--tz`; `sweep --tz`), in the environment
(`PLAYBOOK_NOW`, read by clock.py) or in the policy (`timezone:`), so the same text is read
the same way, and refused in the same words, everywhere. A scheduler's export has its own
reader for what only exports write (checker/schedule.py: slashed dates, 12-hour clocks,
trailing zone names); its ISO 8601 times and its zones are read here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FIRST_YEAR, LAST_YEAR = 1900, 2200  # a policy's dates: anything outside is a typo, not a plan

Moment = TypeVar("Moment", dt.date, dt.datetime)


def within_years(moment: Moment, written: str) -> Moment:
    """`moment` itself, or MomentError naming what was written and the years accepted."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise MomentError(f"'{written.strip()}' is outside the years {FIRST_YEAR} to {LAST_YEAR} the playbook reads",
                          "check the year")
    return moment


# A moment as a person types it: a date (its midnight), or a date and a time with a space or a T
# between them, seconds optional, and optionally a UTC offset or Z (ISO 8601). Without an offset
# the time is a wall-clock time in the zone the caller names (--tz, the account's, the roster's).
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
                        re.IGNORECASE)
MOMENT_HINT = ('write it as "YYYY-MM-DD HH:MM", a date (YYYY-MM-DD) or ISO 8601 with an offset '
               '(2026-12-07T10:00+01:00)')


class MomentError(ValueError):
    """A moment or zone that cannot be read: `problem` says what was written, `hint` how to
    write it; str() is both, for a usage error, and clock.py makes a located error of them."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(f"{problem}; {hint}")
        self.problem, self.hint = problem, hint


def iso_moment(text: str) -> dt.datetime | None:
    """A moment in ISO_MOMENT's forms as written (naive, or aware when it carries an offset),
    held to the years; None when the text is no such moment (a scheduler's export then tries
    its own forms)."""
    written = text.strip()
    if not ISO_MOMENT.fullmatch(written):
        return None
    try:
        moment = dt.datetime.fromisoformat(written.upper().replace(" ", "T", 1))
    except ValueError:  # the right shape, not a real day or time: 2026-02-30
        return None
    return within_years(moment, written)


def read_iso(text: str) -> dt.datetime:
    """iso_moment, or MomentError saying what was written and how to write it."""
    moment = iso_moment(text)
    if moment is None:
        raise MomentError(f"'{text.strip()}' is not a date and time", MOMENT_HINT)
    return moment


def parse_moment(text: str, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The one reader of a moment a person types: aware and to the minute. A wall-clock time is
    read in `zone` (fold=0, as the roster's shifts are; None: the machine's zone, as the clock
    is); a moment with an offset is the instant it names, shown in `zone`. MomentError says
    what was written and how to write it."""
    moment = read_iso(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()
    elif zone is not None:
        moment = moment.astimezone(zone)
    return moment.replace(second=0, microsecond=0)


def zone_of(name: str) -> ZoneInfo:
    """An IANA time zone by name; ValueError says what a zone looks like."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise MomentError(f"'{name}' is not a known time zone", "use an IANA name such as Europe/London") from None
