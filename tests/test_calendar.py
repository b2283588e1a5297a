"""`playbook calendar`: iCalendar files parsed back by a standard library and compared with roster.yaml.

Each VEVENT must say, in the person's own zone, what the roster says (start clock, end
clock, next day for night shifts, weekdays); expanding its RRULE across a daylight-saving
change must keep the wall-clock time and move the UTC time, as the roster means.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from click.testing import CliRunner
from dateutil.rrule import rrulestr
from ruamel.yaml import YAML

from generator.cli import main
from generator.mkdocs.outputs import MARKER
from test_people import NIGHT_PEOPLE, copy_example

BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


def write_calendars(tmp_path: Path) -> tuple[Path, list[dict]]:
    folder = copy_example(tmp_path, extra=NIGHT_PEOPLE)
    out = tmp_path / "calendars"
    result = CliRunner().invoke(main, ["calendar", "--playbook", str(folder), "-C", str(tmp_path), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    roster = YAML(typ="safe").load((folder / "roster.yaml").read_text())["roster"]
    return out, roster


def events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    found = list(calendar.walk("VEVENT"))
    assert {e["DTSTART"].params["TZID"] for e in found} <= zones  # every TZID has its VTIMEZONE
    return found


def clock(text: str) -> dt.time:
    return dt.time(0, 0) if text == "24:00" else dt.time.fromisoformat(text)


def test_every_person_and_every_held_role_has_a_calendar_matching_the_roster(tmp_path):
    out, roster = write_calendars(tmp_path)
    assert sorted(p.name for p in out.iterdir() if p.name != MARKER) == sorted(
        [f"person-{p['id']}.ics" for p in roster] + [f"role-{r}.ics" for r in {r for p in roster for r in p["roles"]}])
    for person in roster:
        found = events(out / f"person-{person['id']}.ics")
        assert len(found) == len(person["shifts"])
        for event, shift in zip(found, person["shifts"], strict=True):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert str(event["DTSTART"].params["TZID"]) == person["timezone"]
            assert start.time() == clock(shift["start"]) and end.time() == clock(shift["end"])
            night = clock(shift["end"]) <= clock(shift["start"]) or shift["end"] == "24:00"
            assert (end.date() - start.date()).days == (1 if night else 0)
            assert event["RRULE"]["FREQ"] == ["WEEKLY"]
            assert event["RRULE"]["BYDAY"] == [BYDAY[d] for d in BYDAY if d in shift["days"]]
            assert start.strftime("%a").lower()[:3] in shift["days"]  # DTSTART is itself an occurrence


def test_role_calendars_hold_every_holders_shifts(tmp_path):
    out, roster = write_calendars(tmp_path)
    found = events(out / "role-night-moderator.ics")
    holders = [p for p in roster if "night-moderator" in p["roles"]]
    assert len(found) == sum(len(p["shifts"]) for p in holders)
    assert {str(e["SUMMARY"]) for e in found} >= {"Nina Night on shift (Night & Weekend Moderator)"}


def test_occurrences_keep_their_wall_clock_across_a_dst_change(tmp_path):
    out, _ = write_calendars(tmp_path)
    (event,) = events(out / "person-nina-n.ics")  # Sat and Sun 22:00-06:00, Europe/London
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    london = ZoneInfo("Europe/London")
    week = list(rule.between(dt.datetime(2027, 3, 26, tzinfo=london), dt.datetime(2027, 4, 2, tzinfo=london)))
    assert [(o.strftime("%a %H:%M"), o.astimezone(dt.UTC).strftime("%H:%M")) for o in week] == [
        ("Sat 22:00", "22:00"), ("Sun 22:00", "21:00")]  # GMT, then BST after the night of the change
    duration = event.decoded("DTEND") - start
    assert duration == dt.timedelta(hours=8)


def test_calendar_without_a_roster_is_a_located_error(tmp_path):
    folder = copy_example(tmp_path)
    (folder / "roster.yaml").unlink()
    # The example's crisis ladder pages a rotation, which lives beside the roster: page its role instead.
    escalation = folder / "escalation.yaml"
    assert "rotation: night-cover" in escalation.read_text()
    escalation.write_text(escalation.read_text().replace("rotation: night-cover", "role: night-moderator"))
    result = CliRunner().invoke(main, ["calendar", "--playbook", str(folder), "-C", str(tmp_path),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "error: the playbook has no roster: there are no shifts to write" in result.output
    assert not (tmp_path / "out").exists()


def test_two_runs_write_the_same_bytes(tmp_path):
    first, _ = write_calendars(tmp_path / "one")
    second, _ = write_calendars(tmp_path / "two")
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}
