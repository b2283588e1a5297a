"""The coverage heat-map: for each role, how many people are on shift in each hour of the week.

People work in their own time zones; every shift is converted to one reference zone (the
policy owner's, or UTC when nobody in the roster holds that role) on one real week, so
daylight-saving changes are applied as they were that week. A person counts for an hour only
when on shift for all of it (checked every 15 minutes), so a half-covered hour shows as a gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable
from zoneinfo import ZoneInfo

from ...model import Person, Playbook, Weekday
from .. import paths
from ..site import Context, Page

DAYS = list(Weekday)
HOURS = range(24)
SAMPLES = (0, 15, 30, 45)
STYLE = f"{paths.ASSETS}/coverage.css"


@dataclass(frozen=True)
class Grid:
    """counts[day][hour]: people on shift for the whole hour, days Monday first."""

    counts: tuple[tuple[int, ...], ...]

    def gaps(self) -> list[tuple[Weekday, int, int]]:
        """Runs of uncovered hours as (day, first hour, hour after the last)."""
        runs = []
        for day, row in zip(DAYS, self.counts):
            start = None
            for hour in [*HOURS, 24]:
                empty = hour < 24 and row[hour] == 0
                if empty and start is None:
                    start = hour
                elif not empty and start is not None:
                    runs.append((day, start, hour))
                    start = None
        return runs


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    if not playbook.roster:
        return
    zone = reference_zone(playbook)
    week = reference_week(playbook)
    shifts = {person.id: person_grid(person, zone, week) for person in playbook.roster}
    staffed = [role for role in playbook.roles if any(role.id in p.roles for p in playbook.roster)]
    grids = [(role, role_grid(playbook.roster, shifts, role.id)) for role in staffed]
    anyone = role_grid(playbook.roster, shifts, None)
    unstaffed = [role for role in playbook.roles if role not in staffed]
    markdown = ctx.render("coverage.md.j2", paths.COVERAGE, zone=zone, week=week, grids=grids, anyone=anyone,
                          unstaffed=unstaffed, days=DAYS, hours=HOURS)
    yield Page(paths.COVERAGE, "Coverage", markdown, ctx.source_of("roster", 0))
    yield Page(STYLE, "Coverage style", ctx.static("assets/coverage.css"))


def reference_zone(playbook: Playbook) -> str:
    """The zone of the first person holding the policy owner's role: where the rota is read."""
    owner = playbook.handbook.policy_owner
    return next((p.timezone for p in playbook.roster if owner in p.roles), "UTC")


def reference_week(playbook: Playbook) -> dt.date:
    """The Monday on or after the policy's effective date: a real week, so DST is applied."""
    start = playbook.handbook.effective_date
    return start + dt.timedelta(days=(7 - start.weekday()) % 7)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def on_shift(person: Person, moment: dt.datetime) -> bool:
    """Is the person working at `moment` (any zone), by their own local clock and weekday?"""
    local = moment.astimezone(ZoneInfo(person.timezone))
    now = local.hour * 60 + local.minute
    today, yesterday = DAYS[local.weekday()], DAYS[(local.weekday() - 1) % 7]
    for shift in person.shifts:
        start, end = _minutes(shift.start), _minutes(shift.end)
        if start < end and today in shift.days and start <= now < end:
            return True
        if start >= end and ((today in shift.days and now >= start) or (yesterday in shift.days and now < end)):
            return True
    return False


def person_grid(person: Person, zone: str, week: dt.date) -> list[list[bool]]:
    """[day][hour] in the reference zone: on shift for the whole hour."""
    tz = ZoneInfo(zone)
    grid = []
    for offset in range(7):
        day = week + dt.timedelta(days=offset)
        grid.append([all(on_shift(person, dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz))
                         for minute in SAMPLES) for hour in HOURS])
    return grid


def role_grid(roster: list[Person], shifts: dict[str, list[list[bool]]], role_id: str | None) -> Grid:
    """People holding `role_id` (anyone, when None) on shift in each hour."""
    people = [p for p in roster if role_id is None or role_id in p.roles]
    return Grid(tuple(tuple(sum(shifts[p.id][d][h] for p in people) for h in HOURS) for d in range(7)))
