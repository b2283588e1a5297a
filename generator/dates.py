"""The years a date or moment written by a person may fall in.

Python's dates end at year 9999 and start at year 1, and turning a moment at either edge
into UTC or another zone overflows: `--at "9999-12-31 23:59"` crashed `oncall`. No policy,
shift or scheduled post is that far away, so every date typed on the command line or read
from an export is held to FIRST_YEAR..LAST_YEAR when it is parsed, with a message that says
so, and nothing later has to guard against overflow.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from .clock import FIRST_YEAR, LAST_YEAR  # the years PLAYBOOK_NOW may name too: one range

Moment = TypeVar("Moment", dt.date, dt.datetime)


def within_years(moment: Moment, written: str) -> Moment:
    """`moment` itself, or ValueError naming what was written and the years accepted."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"'{written.strip()}' is outside the years {FIRST_YEAR} to {LAST_YEAR} the playbook reads")
    return moment
