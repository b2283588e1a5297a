"""The years a date or moment written by a person may fall in.

Python's dates end at year 9999 and start at year 1, and turning a moment at either edge
into UTC or another zone overflows: `--at "9999-12-31 23:59"` crashed `oncall`. No policy,
shift or scheduled post is that far away, so every date typed on the command line or read
from an export is held to FIRST_YEAR..LAST_YEAR when it is parsed, with a message that says
so, and nothing later has to guard against overflow.

It is also the one parser of a moment or a time zone a person types on the command line
(`check`, `sweep`, `triage`, `oncall`: `--at`, `--tz`) or in the policy (`timezone:`), so the
same text is read the same way by every command. A scheduler's export has its own reader
(checker/schedule.py: slashed dates, 12-hour clocks), which uses the zone reader here.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .clock import FIRST_YEAR, LAST_YEAR  # the years PLAYBOOK_NOW may name too: one range

Moment = TypeVar("Moment", dt.date, dt.datetime)


def within_years(moment: Moment, written: str) -> Moment:
    """`moment` itself, or ValueError naming what was written and the years accepted."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"'{written.strip()}' is outside the years {FIRST_YEAR} to {LAST_YEAR} the playbook reads")
    return moment


# A moment as a person types it: a space or a T between date and time, seconds optional, a bare
# date meaning its midnight. No offset: the zone is given apart (--tz, the account's, the roster's).
LOCAL_FORMS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
LOCAL_HINT = 'write it as "YYYY-MM-DD HH:MM"'


def parse_local(text: str) -> dt.datetime:
    """A wall-clock moment (naive) from one of LOCAL_FORMS, held to the years; ValueError says
    what was written and how to write it."""
    for form in LOCAL_FORMS:
        try:
            moment = dt.datetime.strptime(text.strip(), form)
        except ValueError:
            continue
        return within_years(moment, text)
    raise ValueError(f"'{text.strip()}' is not a date and time; {LOCAL_HINT}")


def zone_of(name: str) -> ZoneInfo:
    """An IANA time zone by name; ValueError says what a zone looks like."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not a known time zone; use an IANA name such as Europe/London") from None
