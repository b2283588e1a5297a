"""The commands about people: `oncall` (who is on shift), `calendar` (their shifts as
iCalendar files) and `records` (a new hire's exported progress into the training records).

They read the same roster the site does, through load/shifts.py, so `playbook oncall`
and the site's "On shift now" page give the same answer for the same instant.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from ..diagnostics import UserError, suggest
from ..load.loader import load_or_raise
from ..load.model import Person, Playbook
from ..load.shifts import RoleOnCall, oncall_json, reference_zone
from ..load.shifts import oncall as who_is_on
from ..load.training import standing
from ..mkdocs.project import Project
from ..render import paths
from ..render.calendar import Calendars
from .compiled import complete_ids
from .shared import project_options


def _load(project: Project) -> Playbook:
    playbook = load_or_raise(project.playbook_dir).playbook
    assert playbook is not None  # load_or_raise returns only valid playbooks
    return playbook


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"'{name}' is not a known time zone; use an IANA name such as Europe/London",
                                 param_hint="--tz") from None


@click.command(short_help="Who is on shift now (or --at), and who is next.")
@project_options(policy=True)
@click.option("--at", "at_text", default=None, metavar='"YYYY-MM-DD HH:MM"',
              help="The moment to ask about, read in --tz (default: now).")
@click.option("--tz", "zone_name", default=None, metavar="ZONE",
              help="IANA time zone of --at and of the times shown (default: the team's reference zone).")
@click.option("--role", "role_ids", multiple=True, shell_complete=complete_ids("roles"),
              help="Only this role (a role id; repeat for more).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Lines for people, or one JSON document.")
def oncall(project: Project, at_text: str | None, zone_name: str | None, role_ids: tuple[str, ...],
           output_format: str) -> None:
    """Who is on shift in each role at a moment, and whose shift starts next.

    Shifts are read from the roster in each person's own zone, with daylight saving and
    shifts past midnight applied. JSON: {"at": ISO, "roles": {role: {"on": [ids],
    "next": {"person": id, "from": ISO} or null}}}.
    """
    playbook = _load(project)
    zone = _zone(zone_name or reference_zone(playbook))
    at = _moment(at_text, zone)
    known = [role.id for role in playbook.roles]
    for role_id in role_ids:
        if role_id not in known:
            hint = suggest(role_id, known) or f"known: {', '.join(known)}"
            raise click.UsageError(f"unknown role '{role_id}' in --role; {hint} ('playbook list roles' lists them)")
    answer = who_is_on(playbook, at, list(dict.fromkeys(role_ids)) or None)
    if output_format == "json":
        click.echo(json.dumps(oncall_json(answer, at, zone), indent=2))
    else:
        click.echo(describe(playbook, answer, at, zone))


def _moment(text: str | None, zone: ZoneInfo) -> dt.datetime:
    """--at read as a wall-clock time in the zone (fold=0, as the roster's shifts are), or now."""
    if text is None:
        return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0).astimezone(zone)
    try:
        naive = dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a moment; write it as \"YYYY-MM-DD HH:MM\"",
                                 param_hint="--at") from None
    return naive.replace(tzinfo=zone)


def describe(playbook: Playbook, answer: dict[str, RoleOnCall], at: dt.datetime, zone: ZoneInfo) -> str:
    """The answer as lines for a person at a terminal at 02:00: names, stages, and backups when a role is empty."""
    people = {p.id: p for p in playbook.roster}
    lines = [f"On shift at {at.astimezone(zone):%a %Y-%m-%d %H:%M} ({zone.key}):"]
    for role_id, entry in answer.items():
        role = playbook.role(role_id)
        lines.append(f"{role.name} ({role_id})")
        if entry.on:
            lines.append("  on:   " + ", ".join(_person(people[pid], role_id) for pid in entry.on))
        else:
            backups = [f"{playbook.role(b).name} ({', '.join(answer_for(playbook, b, at)) or 'nobody on'})"
                       for b in role.backups]
            lines.append("  on:   nobody" + (f"; backups: {'; '.join(backups)}" if backups else ""))
        if entry.next_person is not None and entry.next_from is not None:
            lines.append(f"  next: {_person(people[entry.next_person], role_id)} "
                         f"from {entry.next_from.astimezone(zone):%a %Y-%m-%d %H:%M}")
        else:
            lines.append("  next: nobody in the roster holds this role")
    return "\n".join(lines)


def answer_for(playbook: Playbook, role_id: str, at: dt.datetime) -> list[str]:
    """The names of the people on shift in a role (for a backup's line)."""
    people = {p.id: p for p in playbook.roster}
    return [people[pid].name for pid in who_is_on(playbook, at, [role_id])[role_id].on]


def _person(person: Person, role_id: str) -> str:
    state = standing(person, role_id)
    pending = f"; {state.pending.stage.value} pending sign-off" if state.pending else ""
    note = "" if state.solo else f", {state.stage.value if state.stage else 'not signed off'}{pending}: not solo"
    return f"{person.name} ({person.id}{note})"


@click.command(short_help="Write the roster's shifts as iCalendar files.")
@project_options(policy=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for person-<id>.ics and role-<id>.ics (created if missing).")
def calendar(project: Project, out_dir: Path) -> None:
    """Write one iCalendar file (RFC 5545) per person and per role with their weekly shifts,
    in each person's own time zone; the handbook links the same files for subscription."""
    playbook = _load(project)
    if not playbook.roster:
        raise UserError.at(str(project.playbook_dir), "the playbook has no roster: there are no shifts to write",
                           "add people and their shifts to 'roster:' (playbook/roster.yaml)")
    calendars = Calendars(playbook)
    files = {Path(paths.person_calendar(p.id)).name: calendars.person(p) for p in playbook.roster}
    held = {role_id for person in playbook.roster for role_id in person.roles}
    files.update({Path(paths.role_calendar(r.id)).name: calendars.role(r.id) for r in playbook.roles if r.id in held})
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        (out_dir / name).write_bytes(text.encode("utf-8"))
    click.echo(f"wrote {len(files)} calendars to {out_dir}/")
