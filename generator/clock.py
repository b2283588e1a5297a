"""The one clock: every command and build that asks "what time is it?" asks here.

Validation's expiry and review checks, `check`, `sweep`, `triage`, `oncall`, the cache of
compiled rules and the build's dated pages all judge the policy at a moment; reading the
system clock in each of them made the same run disagree with itself around midnight and
made a test suite rot on a date. The moment is, in order:

1. `PLAYBOOK_NOW` (an ISO date `2027-03-01`, or a moment `2027-03-01 09:30`, `2027-03-01T09:30`,
   with or without a UTC offset, read by dates.py as every `--at` is; a moment without an offset
   is read in the machine's zone):
   what a test suite, a CI job or an editor checking "how will this look on Monday" pins;
2. for a build only (`build_today`), `SOURCE_DATE_EPOCH` (the reproducible-builds convention:
   seconds since 1970, UTC), so a rebuild of the same commit gives the same bytes. Commands
   that judge a post ignore it: some shells export it for good (Nix sets 1980), and a draft
   judged in 1980 would miss every live event;
3. the system clock.

A command's own `--at`/`--today` still wins for that command; it is read by the command.
"""

from __future__ import annotations

import datetime as dt
import os

from . import dates
from .diagnostics import UserError

ENV_NOW = "PLAYBOOK_NOW"
ENV_EPOCH = "SOURCE_DATE_EPOCH"


def now() -> dt.datetime:
    """The current moment, aware, to the minute; see the module docstring for the order."""
    pinned = os.environ.get(ENV_NOW, "").strip()
    if pinned:
        return parse_moment(pinned, ENV_NOW)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0).astimezone()


def today() -> dt.date:
    """The current day where the tool runs (the machine's zone, or the offset `PLAYBOOK_NOW` gives)."""
    return now().date()


def build_today() -> dt.date:
    """The day a build judges reviews and expiries by: `PLAYBOOK_NOW`, else `SOURCE_DATE_EPOCH`, else today."""
    epoch = os.environ.get(ENV_EPOCH, "").strip()
    if epoch and not os.environ.get(ENV_NOW, "").strip():
        return _from_epoch(epoch).date()
    return today()


def parse_moment(text: str, where: str) -> dt.datetime:
    """A date or moment as every command's --at takes it (dates.parse_moment, the one reader;
    without an offset, in the machine's zone, like the clock), or a located error at `where`."""
    try:
        return dates.parse_moment(text)
    except dates.MomentError as error:
        raise UserError.at(where, error.problem, error.hint) from None


def _from_epoch(text: str) -> dt.datetime:
    if not text.isdigit() or len(text) > 12:
        raise UserError.at(ENV_EPOCH, f"'{text}' is not a number of seconds since 1970",
                           "unset it, or set it to e.g. $(git log -1 --format=%ct)")
    return dt.datetime.fromtimestamp(int(text), dt.UTC).replace(second=0)
