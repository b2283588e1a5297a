"""When people are on shift: a roster's weekly shifts turned into real instants.

A shift is written in its person's own wall-clock time ("mon-fri 22:00 to 06:00 in
Australia/Sydney"); whether that person is working at a given instant, and when each
shift really starts and ends, depends on their zone's daylight-saving rules on that date.
Every page and command that asks "who is on?" (the coverage heat-map, the on-call page's
data, `playbook oncall`, the calendars, the "alone on shift" check, the overlapping-shifts
check, and the policy checks' quarter-hour slots in hours.py) goes through here, so they
agree to the minute. Accounts' posting hours are read by the same code (`occurrences`).

Wall times are placed with `fold=0`, as Python does: an hour that happens twice (clocks
going back) means the first of the two, and an hour that never happens (clocks going
forward) is read with the offset in force before the change. people.js does the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..model import Person, Playbook, PostingHours, Shift, Weekday

DAYS = list(Weekday)
UTC = dt.UTC


@dataclass(frozen=True, order=True)
class Spell:
    """One occurrence of a shift: [start, end) as UTC instants."""

    start: dt.datetime
    end: dt.datetime
    person: str
    shift: int  # index of the shift in the person's list


def minutes(clock: str) -> int:
    """Minutes after midnight of an HH:MM clock (24:00 is 1440)."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def crosses_midnight(shift: Shift) -> bool:
    """An end at or before the start is on the next day (22:00-06:00; 09:00-09:00 is 24 hours)."""
    return _crosses(shift.start, shift.end)


def _crosses(start: str, end: str) -> bool:
    return minutes(end) <= minutes(start)


def wall(day: dt.date, clock_minutes: int, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a wall-clock time on a day in a zone (fold=0 for repeated or skipped hours)."""
    naive = dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=clock_minutes)
    return naive.replace(tzinfo=zone).astimezone(UTC)


Window = tuple[tuple[Weekday, ...], str, str]  # a shift's or a posting window's days, start and end, as written


def windows(written: Iterable[Shift | PostingHours]) -> tuple[Window, ...]:
    """Shifts or posting hours as plain values: what decides when they happen, and nothing else."""
    return tuple((tuple(w.days), w.start, w.end) for w in written)


def pattern(person: Person) -> tuple[str, tuple[Window, ...]]:
    """What decides when a person works: zone and shifts. A big roster has far fewer patterns
    than people, so the pages and checks that place a whole roster compute each pattern once."""
    return person.timezone, windows(person.shifts)


def occurrences(zone_name: str, weekly: Iterable[Window], since: dt.datetime,
                until: dt.datetime) -> list[tuple[dt.datetime, dt.datetime, int]]:
    """Each weekly window's occurrences that overlap [since, until), as (start, end, window
    index) in UTC, in time order: the one place where days, clocks, zones, daylight saving
    and midnight crossings are read, for shifts and posting hours alike.

    Starts from the local day before `since`, so a night shift that began yesterday counts.
    """
    zone = ZoneInfo(zone_name)
    first = since.astimezone(zone).date() - dt.timedelta(days=1)
    last = until.astimezone(zone).date()
    weekly = list(weekly)
    found = []
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        weekday = DAYS[day.weekday()]
        for number, (days, start_clock, end_clock) in enumerate(weekly):
            if weekday not in days:
                continue
            start = wall(day, minutes(start_clock), zone)
            end_day = day + dt.timedelta(days=1) if _crosses(start_clock, end_clock) else day
            end = wall(end_day, minutes(end_clock), zone)
            if start < end and end > since and start < until:
                found.append((start, end, number))
    return sorted(found)


def spells(person: Person, since: dt.datetime, until: dt.datetime) -> list[Spell]:
    """The person's shifts that overlap [since, until), in time order."""
    zone, weekly = pattern(person)
    return [Spell(start, end, person.id, number) for start, end, number in occurrences(zone, weekly, since, until)]


def posting_spells(hours: PostingHours, since: dt.datetime,
                   until: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """When an account posts within [since, until), in time order, read as shifts are."""
    return [(start, end) for start, end, _ in occurrences(hours.timezone, windows([hours]), since, until)]


def overlaps(person: Person, week: dt.date) -> list[tuple[int, int, dt.datetime]]:
    """Pairs of the person's shifts worked at the same time in the week from Monday `week` in
    their own zone (a night shift included): (first shift, second shift, when they first
    overlap, on the person's clock), each pair once, in shift order."""
    zone = ZoneInfo(person.timezone)
    since, until = wall(week, 0, zone), wall(week + dt.timedelta(days=7), 0, zone)
    found = spells(person, since, until)
    first: dict[tuple[int, int], dt.datetime] = {}
    for i, earlier in enumerate(found):
        for later in found[i + 1:]:
            if later.start >= earlier.end:
                break
            if later.shift != earlier.shift:
                pair = (min(earlier.shift, later.shift), max(earlier.shift, later.shift))
                moment = max(later.start, since)
                first[pair] = min(first.get(pair, moment), moment)
    return [(a, b, first[(a, b)].astimezone(zone)) for a, b in sorted(first)]


def on_shift(person: Person, moment: dt.datetime) -> bool:
    """Is the person working at `moment` (an aware datetime, any zone)?"""
    return any(s.start <= moment < s.end for s in spells(person, moment, moment + dt.timedelta(minutes=1)))


def reference_zone(playbook: Playbook) -> str:
    """The team's reference zone: that of the first person holding the policy owner's role,
    where the rota is read (UTC when nobody does)."""
    owner = playbook.handbook.policy_owner
    return next((p.timezone for p in playbook.roster if owner in p.roles), "UTC")


def week_after(effective: dt.date) -> dt.date:
    """The Monday on or after a date: a real week, so DST is applied as it was that week."""
    return effective + dt.timedelta(days=(7 - effective.weekday()) % 7)


def reference_week(playbook: Playbook) -> dt.date:
    """The Monday on or after the policy's effective date."""
    return week_after(playbook.handbook.week_anchor)


def week_window(playbook: Playbook) -> tuple[dt.datetime, dt.datetime]:
    """The reference week as [Monday 00:00, next Monday 00:00) in the reference zone, in UTC."""
    zone = ZoneInfo(reference_zone(playbook))
    monday = reference_week(playbook)
    return wall(monday, 0, zone), wall(monday + dt.timedelta(days=7), 0, zone)


def merge(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    """Overlapping or touching intervals joined, in order."""
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: list[tuple[dt.datetime, dt.datetime]],
             covered: list[tuple[dt.datetime, dt.datetime]]) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The parts of `intervals` that no interval of `covered` (merged, in order) overlaps."""
    for start, end in merge(intervals):
        cursor = start
        for c_start, c_end in covered:
            if c_end <= cursor or c_start >= end:
                continue
            if c_start > cursor:
                yield cursor, c_start
            cursor = max(cursor, c_end)
        if cursor < end:
            yield cursor, end


# --------------------------------------------------------------------------- as people say it


def say_hours(intervals: list[tuple[dt.datetime, dt.datetime]], zone_name: str) -> str:
    """Intervals as a reader says them in a zone, days with the same hours folded: "Mon–Fri 07:00–08:00"."""
    zone = ZoneInfo(zone_name)
    by_clock: dict[tuple[str, str], list[int]] = {}
    for start, end in intervals:
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        clock = (local_start.strftime("%H:%M"), local_end.strftime("%H:%M"))
        by_clock.setdefault(clock, []).append(local_start.weekday())
    parts = [f"{_day_ranges(days)} {start}–{end}" for (start, end), days in
             sorted(by_clock.items(), key=lambda item: (min(item[1]), item[0]))]
    return ", ".join(parts)


def _day_ranges(days: list[int]) -> str:
    """Weekday numbers as "Mon–Wed, Fri"."""
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    name = [d.value.capitalize() for d in DAYS]
    return ", ".join(name[r[0]] if len(r) == 1 else f"{name[r[0]]}–{name[r[-1]]}" for r in runs)


def say_paged(entry: RotationOnCall, names: dict[str, str]) -> str:
    """Whom a step naming a rotation pages now, in words (triage.js's sayPaged says the same):
    the members on shift, or everyone in it, and why."""
    listed = ", ".join(names[pid] for pid in entry.paged)
    if entry.everyone:
        return f"a group: page everyone in it ({listed})"
    if entry.fallback:
        return f"nobody in the rotation is on shift: page everyone in it ({listed})"
    return f"on shift now: {listed}"


# --------------------------------------------------------------------------- who is on


@dataclass(frozen=True)
class RoleOnCall:
    """Who holds a role on shift at an instant, and whose shift in that role starts next."""

    on: tuple[str, ...]  # person ids, sorted
    next_person: str | None
    next_from: dt.datetime | None  # UTC


HORIZON = dt.timedelta(days=8)  # a weekly rota repeats within a week; a day more covers DST and midnight


def oncall(playbook: Playbook, at: dt.datetime, role_ids: Iterable[str] | None = None) -> dict[str, RoleOnCall]:
    """For each role (all, in policy order, or those given): who is on at `at` and who is next.

    "Next" is the earliest shift of anyone in the role that starts after `at` (ties by
    person id), whoever is on now.
    """
    at = at.astimezone(UTC)
    by_person = {p.id: spells(p, at, at + HORIZON) for p in playbook.roster}
    wanted = list(role_ids) if role_ids is not None else [r.id for r in playbook.roles]
    return {role_id: _who_of([p.id for p in playbook.roster if role_id in p.roles], by_person, at)
            for role_id in wanted}


def _who_of(candidates: list[str], by_person: dict[str, list[Spell]], at: dt.datetime) -> RoleOnCall:
    """Who of `candidates` is on shift at `at`, and whose shift starts next (ties by person id)."""
    on = sorted(pid for pid in candidates if any(s.start <= at < s.end for s in by_person[pid]))
    upcoming = [(s.start, pid) for pid in candidates for s in by_person[pid] if s.start > at]
    first = min(upcoming, default=None)
    return RoleOnCall(tuple(on), first[1] if first else None, first[0] if first else None)


@dataclass(frozen=True)
class RotationOnCall:
    """Whom a step naming a rotation pages at an instant.

    `paged` is who the step reaches: the members on shift (`page: on-shift`), or every member
    when the rotation pages everyone or when nobody in it is on shift (`fallback`), so a page
    is never sent to nobody."""

    on: tuple[str, ...]  # members on shift, sorted
    next_person: str | None
    next_from: dt.datetime | None  # UTC
    everyone: bool  # the rotation is a group: `page: everyone`
    members: tuple[str, ...]  # in the rotation's order

    @property
    def fallback(self) -> bool:
        """A rotation paged on shift with nobody on shift: the step pages every member."""
        return not self.everyone and not self.on

    @property
    def paged(self) -> tuple[str, ...]:
        return self.members if self.everyone or not self.on else self.on


def rotations_oncall(playbook: Playbook, at: dt.datetime,
                     rotation_ids: Iterable[str] | None = None) -> dict[str, RotationOnCall]:
    """For each rotation (all, in policy order, or those given): who of its members is on
    shift at `at`, whose shift starts next, and so whom a ladder step naming it pages now."""
    at = at.astimezone(UTC)
    rotations = playbook.id_maps["rotation"]
    wanted = list(rotation_ids) if rotation_ids is not None else [r.id for r in playbook.rotations]
    people = {p.id: p for p in playbook.roster}
    listed = {rid: playbook.rotation_members(rotations[rid]) for rid in wanted}
    members = {m for rid in wanted for m in listed[rid]}
    by_person = {pid: spells(people[pid], at, at + HORIZON) for pid in sorted(members)}
    result = {}
    for rotation_id in wanted:
        rotation = rotations[rotation_id]
        who = _who_of(listed[rotation_id], by_person, at)
        result[rotation_id] = RotationOnCall(who.on, who.next_person, who.next_from, rotation.page == "everyone",
                                             tuple(listed[rotation_id]))
    return result


def oncall_json(answer: dict[str, RoleOnCall], at: dt.datetime, zone: ZoneInfo,
                rotations: dict[str, RotationOnCall] | None = None) -> dict[str, object]:
    """The answer as `playbook oncall --format json` prints it (and the browser test compares):
    instants in ISO 8601 with the offset of `zone`. Rotations, when given, under "rotations"
    with whom a step naming them pages now."""
    document: dict[str, object] = {
        "at": at.astimezone(zone).isoformat(),
        "roles": {role_id: {"on": list(entry.on), "next": _next_json(entry, zone)}
                  for role_id, entry in answer.items()},
    }
    if rotations is not None:
        document["rotations"] = {
            rotation_id: {"on": list(entry.on), "next": _next_json(entry, zone), "paged": list(entry.paged),
                          "page": "everyone" if entry.everyone else "on-shift"}
            for rotation_id, entry in rotations.items()}
    return document


def _next_json(entry: RoleOnCall | RotationOnCall, zone: ZoneInfo) -> dict[str, str] | None:
    if entry.next_person is None or entry.next_from is None:
        return None
    return {"person": entry.next_person, "from": entry.next_from.astimezone(zone).isoformat()}
