"""The commands about people: `oncall` (who is on shift), `calendar` (their shifts as
iCalendar files) and `records` (a new hire's exported progress into the training records).

They read the same roster the site does, through queries/shifts.py, so `playbook oncall`
and the site's "On shift now" page give the same answer for the same instant.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from ..diagnostics import UserError, suggest
from ..lint.loader import load_or_raise
from ..mkdocs.project import Project
from ..mkdocs.writer import write_tree
from ..model import Person, Playbook
from ..queries import paths
from ..queries.operations import Due, rounds_due
from ..queries.shifts import RoleOnCall, RotationOnCall, oncall_json, reference_zone, rotations_oncall, say_paged
from ..queries.shifts import oncall as who_is_on
from ..queries.training import standing
from ..render.calendar import Calendars
from ..render.pages.people import stage_words
from .compiled import complete_ids
from .shared import AT_OPTION, TZ_OPTION, echo, moment_option, project_options, zone_option


def _load(project: Project) -> Playbook:
    playbook = load_or_raise(project.playbook_dir).playbook
    assert playbook is not None  # load_or_raise returns only valid playbooks
    return playbook


@click.command(short_help="Who is on shift now (or --at), and who is next.")
@project_options(policy=True)
@AT_OPTION
@TZ_OPTION
@click.option("--role", "role_ids", multiple=True, shell_complete=complete_ids("roles"),
              help="Only this role (a role id; repeat for more).")
@click.option("--rotation", "rotation_ids", multiple=True,
              help="Only this rotation (a rotation id from roster.yaml; repeat for more).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Lines for people, or one JSON document.")
def oncall(project: Project, at_text: str | None, zone_name: str | None, role_ids: tuple[str, ...],
           rotation_ids: tuple[str, ...], output_format: str) -> None:
    """Who is on shift in each role and each rotation at a moment, and whose shift starts next.

    Shifts are read from the roster in each person's own zone, with daylight saving and
    shifts past midnight applied. With --role or --rotation, only those. JSON: {"at": ISO,
    "roles": {role: {"on": [ids], "next": {"person": id, "from": ISO} or null}},
    "rotations": {rotation: {"on": [ids], "next": ..., "paged": [ids], "page": "on-shift" or
    "everyone"}}}; "paged" is whom a ladder step naming the rotation reaches now.
    """
    playbook = _load(project)
    zone = zone_option(zone_name or reference_zone(playbook))
    at = moment_option(at_text, zone)
    _check_known(role_ids, [role.id for role in playbook.roles], "--role", "role", "'playbook list roles' lists them")
    _check_known(rotation_ids, [r.id for r in playbook.rotations], "--rotation", "rotation",
                 "rotations are under 'rotations:' in roster.yaml")
    filtered = bool(role_ids or rotation_ids)
    answer = who_is_on(playbook, at, list(dict.fromkeys(role_ids)) if filtered else None)
    rotations = rotations_oncall(playbook, at, list(dict.fromkeys(rotation_ids)) if filtered else None)
    inboxes = [due for due in rounds_due(playbook, at)
               if not filtered or set(due.round.inbox.checked_by) & set(role_ids)]
    if output_format == "json":
        document = oncall_json(answer, at, zone, rotations)
        if role_ids or not filtered:  # a question about rotations only is not about inboxes
            document["inboxes"] = [_due_json(due) for due in inboxes]
        echo(json.dumps(document, indent=2))
    else:
        echo(describe(playbook, answer, at, zone, rotations) + _inbox_lines(playbook, inboxes))


def _check_known(given: tuple[str, ...], known: list[str], option: str, kind: str, where: str) -> None:
    for value in given:
        if value not in known:
            hint = suggest(value, known) or f"known: {', '.join(known) or 'none'}"
            raise click.UsageError(f"unknown {kind} '{value}' in {option}; {hint} ({where})")


def describe(playbook: Playbook, answer: dict[str, RoleOnCall], at: dt.datetime, zone: ZoneInfo,
             rotations: dict[str, RotationOnCall] | None = None) -> str:
    """The answer as lines for a person at a terminal at 02:00: names, stages, backups when a
    role is empty, and whom each rotation pages now."""
    people = {p.id: p for p in playbook.roster}
    lines = [f"On shift at {at.astimezone(zone):%a %Y-%m-%d %H:%M} ({zone.key}):"]
    for role_id, entry in answer.items():
        role = playbook.role(role_id)
        lines.append(f"{role.name} ({role_id})")
        if entry.on:
            lines.append("  on:   " + ", ".join(_person(playbook, people[pid], role_id) for pid in entry.on))
        else:
            backups = [f"{playbook.role(b).name} ({', '.join(answer_for(playbook, b, at)) or 'nobody on'})"
                       for b in role.backups]
            lines.append("  on:   nobody" + (f"; backups: {'; '.join(backups)}" if backups else ""))
        if entry.next_person is not None and entry.next_from is not None:
            lines.append(f"  next: {_person(playbook, people[entry.next_person], role_id)} "
                         f"from {entry.next_from.astimezone(zone):%a %Y-%m-%d %H:%M}")
        else:
            lines.append("  next: nobody in the roster holds this role")
    lines.extend(_rotation_lines(playbook, rotations or {}, zone))
    return "\n".join(lines)


def _rotation_lines(playbook: Playbook, rotations: dict[str, RotationOnCall], zone: ZoneInfo) -> list[str]:
    names = {p.id: p.name for p in playbook.roster}
    lines = []
    for rotation_id, entry in rotations.items():
        rotation = playbook.id_maps["rotation"][rotation_id]
        lines.append(f"{rotation.name} (rotation {rotation_id})")
        lines.append(f"  on:   {', '.join(names[pid] for pid in entry.on) or 'nobody'}")
        lines.append(f"  page: {say_paged(entry, names)}")
        if entry.next_person is not None and entry.next_from is not None:
            lines.append(f"  next: {names[entry.next_person]} ({entry.next_person}) "
                         f"from {entry.next_from.astimezone(zone):%a %Y-%m-%d %H:%M}")
        else:
            lines.append("  next: nobody in the rotation has a shift")
    return lines


def _inbox_lines(playbook: Playbook, inboxes: list[Due]) -> str:
    """'Inbox rounds:' and one line per inbox, as the on-shift page says it."""
    if not inboxes:
        return ""
    names = {**{r.id: r.name for r in playbook.roles}, **{p.id: p.name for p in playbook.roster}}
    lines = ["Inbox rounds:"]
    for due in inboxes:
        lines.append(f"{due.round.name[0].upper()}{due.round.name[1:]}")
        lines.append(f"  {due.text(names)}")
    return "\n" + "\n".join(lines)


def _due_json(due: Due) -> dict[str, object]:
    return {"account": due.round.account.id, "zone": due.round.zone, "weekend": due.weekend, "rounds": due.count,
            "times": list(due.times), "next": due.next_time, "on": {r: list(p) for r, p in due.on.items()}}


def answer_for(playbook: Playbook, role_id: str, at: dt.datetime) -> list[str]:
    """The names of the people on shift in a role (for a backup's line)."""
    people = {p.id: p for p in playbook.roster}
    return [people[pid].name for pid in who_is_on(playbook, at, [role_id])[role_id].on]


def _person(playbook: Playbook, person: Person, role_id: str) -> str:
    state = standing(person, role_id, playbook.stage_order)
    pending = f"; {stage_words(playbook, state.pending.stage)} pending sign-off" if state.pending else ""
    stage = stage_words(playbook, state.stage) if state.stage else "not signed off"
    note = "" if state.solo else f", {stage}{pending}: not solo"
    return f"{person.name} ({person.id}{note})"


@click.command(short_help="Write the roster's shifts as iCalendar files.")
@project_options(policy=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for person-<id>.ics and role-<id>.ics (replaced whole on every run).")
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
    write_tree(out_dir, files, "calendar", project.inputs())
    echo(f"wrote {len(files)} calendars to {out_dir}/")
