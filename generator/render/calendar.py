"""The roster as iCalendar (RFC 5545): one calendar per person and one per role.

Each shift becomes one weekly recurring event (RRULE FREQ=WEEKLY;BYDAY=...) written in
the person's own zone (DTSTART;TZID=...), with that zone's VTIMEZONE, so a calendar
application places every occurrence by the zone's own rules: across daylight-saving
changes a 09:00 shift stays at 09:00 local time, as the roster means. A shift past
midnight ends on the next day. The `icalendar` library writes the file (escaping, line
folding, VTIMEZONE from the zone database); nothing here formats iCalendar text by hand.

Same policy, same bytes: DTSTAMP is the policy's effective date, UIDs are made from ids.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from ..model import Person, Playbook, Shift
from ..queries.shifts import DAYS, crosses_midnight, minutes

PRODID = "-//social-playbook//roster calendar//EN"
BYDAY = {day: day.value[:2].upper() for day in DAYS}


class Calendars:
    """Makes the calendars of one policy. Each zone's VTIMEZONE is built and serialised once
    and reused by every calendar that needs it: building one from the zone database is
    about 20 ms, and a thousand-person roster writes two thousand calendars."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
        self._zones: dict[str, str] = {}

    def person(self, person: Person) -> str:
        """Every shift of one person, named by the roles they work in."""
        playbook = self.playbook
        roles = ", ".join(playbook.role(r).name for r in dict.fromkeys(person.roles))
        events = [_event(playbook, person, shift, f"{person.id}-{number}", f"On shift: {roles}",
                         _description(person)) for number, shift in enumerate(person.shifts)]
        return self._text(_calendar(playbook, f"{person.name}: shifts"), [person.timezone], events)

    def role(self, role_id: str) -> str:
        """Every shift of everyone who holds the role, one series per person and shift."""
        playbook = self.playbook
        role = playbook.role(role_id)
        holders = [person for person in playbook.roster if role_id in person.roles]
        events = [_event(playbook, person, shift, f"{role_id}-{person.id}-{number}",
                         f"{person.name} on shift ({role.name})", _description(person))
                  for person in holders for number, shift in enumerate(person.shifts)]
        return self._text(_calendar(playbook, f"{role.name}: who is on shift"), [p.timezone for p in holders], events)

    def _text(self, calendar: Calendar, zones: list[str], events: list[Event]) -> str:
        """The calendar as text, its VTIMEZONEs (one per zone used, sorted: the same policy
        gives the same bytes) placed before the events, as RFC 5545 asks."""
        for event in events:
            calendar.add_component(event)
        text = calendar.to_ical().decode("utf-8")
        head, marker, tail = text.partition("BEGIN:VEVENT\r\n")
        return head + "".join(self._zone(zone) for zone in sorted(set(zones))) + marker + tail

    def _zone(self, zone: str) -> str:
        if zone not in self._zones:
            self._zones[zone] = Timezone.from_tzid(zone).to_ical().decode("utf-8")
        return self._zones[zone]


def _calendar(playbook: Playbook, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{playbook.handbook.organisation}: {name}")
    return calendar


def _event(playbook: Playbook, person: Person, shift: Shift, key: str, summary: str, description: str) -> Event:
    zone = ZoneInfo(person.timezone)
    first = first_day(playbook.handbook.week_anchor, shift)
    start = _local(first, minutes(shift.start), zone)
    end_day = first + dt.timedelta(days=1) if crosses_midnight(shift) else first
    end = _local(end_day, minutes(shift.end), zone)
    event = Event()
    event.add("uid", f"{key}@{_slug(playbook.handbook.organisation)}.playbook")
    event.add("dtstamp", dt.datetime.combine(playbook.handbook.week_anchor, dt.time(), tzinfo=dt.UTC))
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", {"freq": "weekly", "byday": [BYDAY[day] for day in DAYS if day in shift.days]})
    return event


def first_day(since: dt.date, shift: Shift) -> dt.date:
    """The first day on or after `since` that the shift is worked: the series' DTSTART, which
    RFC 5545 counts as an occurrence, so it must be one of the rule's days."""
    return next(day for day in (since + dt.timedelta(days=n) for n in range(7)) if DAYS[day.weekday()] in shift.days)


def _local(day: dt.date, clock_minutes: int, zone: ZoneInfo) -> dt.datetime:
    """A wall-clock time in the zone (24:00 is the next day's 00:00); the calendar keeps it local."""
    return (dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=clock_minutes)).replace(tzinfo=zone)


def _description(person: Person) -> str:
    lines = [f"Roles: {', '.join(person.roles)}", f"Time zone: {person.timezone}"]
    lines += [f"{c.channel}: {c.address}" + (f" ({c.when})" if c.when else "") for c in person.contact]
    return "\n".join(lines)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "team"
