"""One week, one reading: the policy checks' quarter-hour slots (hours.py) are cut from the
instants that "who is on now" uses (shifts.py), so a coverage warning and the on-call page
never disagree about who is on shift.

Each test places the same rosters both ways and compares them at every quarter-hour of
weeks that hold a night shift over midnight, shifts ending at 24:00 and 00:00, a 24-hour
shift that starts two local days before the week does in UTC, and the daylight-saving
changes of London, New York, Sydney and the Chatham Islands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.lint.policy.roster import Shifts
from generator.model import Person, PostingHours
from generator.queries.hours import SLOTS, person_slots, posting_slots, say_gaps, slot_start
from generator.queries.shifts import on_shift, oncall, posting_spells
from generator.render.pages import coverage
from test_people import NIGHT_PEOPLE, copy_example, diagnostics, load

ROOT = Path(__file__).resolve().parent.parent
QUARTER = dt.timedelta(minutes=15)
LAST_MINUTE = dt.timedelta(minutes=14)
UTC = dt.UTC

# Mondays of weeks with a clock change in them (or, for the example, without).
WEEKS = {
    "example (2026-11-02)": dt.date(2026, 11, 2),
    "London falls back (2026-10-25)": dt.date(2026, 10, 19),
    "New York falls back (2026-11-01)": dt.date(2026, 10, 26),
    "New York springs forward (2027-03-14)": dt.date(2027, 3, 8),
    "London springs forward (2027-03-28)": dt.date(2027, 3, 22),
    "Sydney and Chatham fall back (2027-04-04)": dt.date(2027, 3, 29),
}


def person(pid: str, zone: str, *shifts: tuple[list[str], str, str]) -> Person:
    return Person(id=pid, name=pid, roles=["night-moderator"], timezone=zone,
                  shifts=[{"days": days, "start": start, "end": end} for days, start, end in shifts])


PEOPLE = [
    person("night-over-midnight", "Europe/London", (["sat", "sun"], "22:00", "06:00")),
    person("ends-at-24", "America/New_York", (["fri", "sun"], "18:00", "24:00")),
    person("ends-at-00-half-hour-zone", "Asia/Kolkata", (["mon", "tue"], "20:00", "00:00")),
    person("whole-day-from-saturday", "America/Los_Angeles", (["sat"], "20:00", "20:00")),
    person("two-shifts", "Australia/Sydney", (["mon", "tue", "wed", "thu", "fri"], "07:30", "15:45"),
           (["sun"], "01:00", "03:00")),
    person("quarter-hour-zone", "Pacific/Chatham", (["sat", "sun"], "23:00", "02:45")),
]


def on_for_the_whole_quarter(who: Person, start: dt.datetime) -> bool:
    return on_shift(who, start) and on_shift(who, start + LAST_MINUTE)


@pytest.mark.parametrize("week", WEEKS.values(), ids=WEEKS.keys())
@pytest.mark.parametrize("who", PEOPLE, ids=[p.id for p in PEOPLE])
def test_a_slot_is_covered_exactly_when_the_person_is_on_shift_for_all_of_it(who, week):
    slots = person_slots(who, week)
    disagree = [slot_start(week, s).isoformat() for s in range(SLOTS)
                if (s in slots) != on_for_the_whole_quarter(who, slot_start(week, s))]
    assert slots and disagree == []


def test_a_night_shift_across_spring_forward_is_seven_hours_of_slots():
    week = WEEKS["London springs forward (2027-03-28)"]
    slots = person_slots(PEOPLE[0], week)
    saturday_night = dt.timedelta(days=5, hours=22) // QUARTER
    run = 0
    while saturday_night + run in slots:
        run += 1
    assert run * QUARTER == dt.timedelta(hours=7)  # 22:00 GMT to 06:00 BST
    # Sunday's shift (22:00 BST) wraps round to the week's Monday morning, the end of the last
    # Sunday's (06:00 GMT), as the checks say a gap that spans the week's end.
    assert say_gaps(slots) == "Sat 22:00 to Sun 05:00 and Sun 21:00 to Mon 06:00 UTC"


def test_a_day_long_shift_begun_on_saturday_in_los_angeles_covers_monday_morning_utc():
    # Sat 20:00 PDT to Sun 20:00 PDT is Mon 03:00 UTC: two local days before the UTC week starts.
    week = WEEKS["example (2026-11-02)"]
    monday_utc = [s for s in person_slots(PEOPLE[3], week) if s < 4 * 24]
    assert (min(monday_utc), max(monday_utc) + 1) == (0, 4 * 4)  # Mon 00:00-04:00 UTC (PST, after fall-back)


@pytest.mark.parametrize("week", WEEKS.values(), ids=WEEKS.keys())
@pytest.mark.parametrize("hours", [
    PostingHours(timezone="Europe/London", start="20:00", end="02:00", days=["sat"]),
    PostingHours(timezone="America/New_York", start="07:00", end="24:00"),
    PostingHours(timezone="Australia/Sydney", start="00:00", end="00:00", days=["sun"]),
], ids=["london-night", "new-york-to-24", "sydney-whole-sunday"])
def test_posting_hours_are_read_as_shifts_are(hours, week):
    since, until = slot_start(week, 0), slot_start(week, SLOTS)
    posting = posting_spells(hours, since, until)
    slots = posting_slots(hours, week)
    disagree = [s for s in range(SLOTS) if (s in slots) != any(
        start <= slot_start(week, s) and slot_start(week, s) + QUARTER <= end for start, end in posting)]
    assert slots and disagree == []


# --------------------------------------------------------------------------- the example playbook

# The on-call tests' night shifts across London's and New York's spring-forward nights, and:
EXTRA_PEOPLE = NIGHT_PEOPLE + """
  - id: eli-e
    name: Eli Evening
    roles: [night-moderator, social-media-manager]
    timezone: America/New_York
    shifts:
      - days: [fri, sat]
        start: "18:00"
        end: "24:00"
  - id: lia-w
    name: Lia Weekend
    roles: [social-media-manager]
    timezone: America/Los_Angeles
    shifts:
      - days: [sat]
        start: "20:00"
        end: "20:00"
"""

CHECKED_WEEKS = ["example (2026-11-02)", "New York springs forward (2027-03-14)", "London springs forward (2027-03-28)"]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = copy_example(tmp_path_factory.mktemp("one-week"), extra=EXTRA_PEOPLE)
    return load(folder).playbook


def in_week(playbook, monday: dt.date):
    handbook = playbook.handbook.model_copy(update={"effective_date": monday})
    return playbook.model_copy(update={"handbook": handbook})


@pytest.mark.parametrize("name", CHECKED_WEEKS)
def test_coverage_checks_and_oncall_agree_on_every_quarter_hour(example, name):
    playbook = in_week(example, WEEKS[name])
    shifts = Shifts(playbook)
    roles = sorted(shifts.holders)
    covered = {role: shifts.covered([role]) for role in roles}
    disagree = []
    for slot in range(SLOTS):
        start = slot_start(shifts.week, slot)
        first, last = oncall(playbook, start, roles), oncall(playbook, start + LAST_MINUTE, roles)
        for role in roles:
            whole = set(first[role].on) & set(last[role].on)
            if (slot in covered[role]) != bool(whole):
                disagree.append((start.isoformat(), role))
    assert disagree == []


@pytest.mark.parametrize("name", CHECKED_WEEKS)
def test_the_heat_map_counts_whom_the_checks_count(example, name):
    """Each hour of the coverage page (in the reference zone) counts the people whose slots
    cover its four quarters, wherever the hour falls inside the checks' UTC week."""
    playbook = in_week(example, WEEKS[name])
    shifts = Shifts(playbook)
    zone, week = coverage.reference_zone(playbook), coverage.reference_week(playbook)
    _, anyone = coverage.role_grids(playbook.roster, zone, week, playbook.stage_order)
    origin, compared = slot_start(shifts.week, 0), 0
    for day in range(7):
        for hour in range(24):
            local = dt.datetime.combine(week + dt.timedelta(days=day), dt.time(hour), coverage.ZoneInfo(zone))
            quarters = [(local.astimezone(UTC) + k * QUARTER - origin) // QUARTER for k in range(4)]
            if not all(0 <= q < SLOTS for q in quarters):
                continue
            counted = sum(all(q in shifts.slots[p.id] for q in quarters) for p in playbook.roster)
            assert anyone.counts[day][hour] == counted, (day, hour)
            compared += 1
    assert compared >= 7 * 24 - 2


# --------------------------------------------------------------------------- overlapping shifts

@pytest.mark.parametrize(("second", "expected"), [
    ('      - days: [tue]\n        start: "05:00"\n        end: "09:00"\n',
     ["warning: person 'zoe-o', shift 2 overlaps shift 1 on Tue"]),
    ('      - days: [tue]\n        start: "06:00"\n        end: "14:00"\n', []),
    ('      - days: [mon]\n        start: "23:00"\n        end: "01:00"\n',
     ["warning: person 'zoe-o', shift 2 overlaps shift 1 on Mon"]),
], ids=["night-shift-runs-into-the-next-morning", "back-to-back", "inside-the-night"])
def test_overlapping_shifts_are_read_on_the_same_instants(tmp_path, second, expected):
    zoe = ("  - id: zoe-o\n    name: Zoe Overlap\n    roles: [night-moderator]\n    timezone: Europe/London\n"
           '    shifts:\n      - days: [mon]\n        start: "22:00"\n        end: "06:00"\n' + second)
    found = [line.split(": ", 1)[1] for line in diagnostics(copy_example(tmp_path, extra=zoe)) if "zoe-o" in line]
    assert found == expected
