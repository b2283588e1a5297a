"""When a step of a crisis plan happens: "now", a duration ("2h") or a range ("24-48h").

A crisis plan is a timeline, not a pager ladder: "pause now, review on day one, a statement
within 24-48 h, reassess after 36-48 h". Its times are ranges and "now" is not a number, so
they are read here into minutes from the moment the plan starts (a range keeps both ends),
once, for the validator, the pages and the triage result alike. This module knows nothing
of the model; the model validates a `when` with `parse_when`, and the checks over a whole
timeline (order, "now" twice) are in policy/timelines.py.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A number and a unit; a range shares the unit of its upper end unless the lower end has its own.
_WHEN = re.compile(r"^(?:(\d{1,4})\s*(m|min|h|d|w)?\s*-\s*)?(\d{1,4})\s*(m|min|h|d|w)$")
_UNIT_MINUTES = {"m": 1, "min": 1, "h": 60, "d": 60 * 24, "w": 60 * 24 * 7}
_UNIT_WORDS = {"m": "minute", "min": "minute", "h": "hour", "d": "day", "w": "week"}
NOW = "now"
WHEN_HELP = 'write "now", a duration such as 30m, 2h or 1d, or a range such as 24-48h'


class When(NamedTuple):
    """Minutes from the start of the plan: `low` == `high` for "now" (0) or a single duration."""

    low: int
    high: int
    text: str  # as people read it: "now", "within 2 hours", "24-48 hours"

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def parse_when(value: str) -> When:
    """Read a step's `when`; ValueError (with what to write instead) for anything else.
    A range whose ends are the wrong way round is read as written: the cross-file check
    reports it, located, rather than the shape check rejecting a value it cannot explain."""
    written = value.strip().lower()
    if written in (NOW, "immediately", "at once"):
        return When(0, 0, "now")
    match = _WHEN.fullmatch(written)
    if not match:
        raise ValueError(f"'{value}' is not a time in a plan; {WHEN_HELP}")
    first, first_unit, last, unit = match.groups()
    high = int(last) * _UNIT_MINUTES[unit]
    if first is None:
        return When(high, high, f"{last} {_plural(unit, int(last))}")
    low = int(first) * _UNIT_MINUTES[first_unit or unit]
    shown = f"{first} {_plural(first_unit, int(first))}-{last}" if first_unit and first_unit != unit else \
        f"{first}-{last}"
    return When(low, high, f"{shown} {_plural(unit, int(last))}")


def check_when(value: str) -> str:
    """The model's validator: the value stays as written (pages show the parsed text)."""
    parse_when(value)
    return value


def _plural(unit: str, count: int) -> str:
    word = _UNIT_WORDS[unit]
    return word if count == 1 else word + "s"
