"""People: who is on the roster, who is on shift now, their calendars, and the lead's view
of everyone's training.

- people/index.md: everyone, with roles, zone, shifts (in their zone and the team's
  reference zone), contact channels, training stage per role and calendar links;
- people/now.md (and a box on the home page): who is on shift at this moment and who is
  next, worked out in the reader's browser by people.js from the roster, inlined in the
  page as JSON (no fetch: the page works opened from disk);
- people/calendars/*.ics: one iCalendar file per person and per role (render/calendar.py);
- onboarding/team.md: the lead's view, a people x stage matrix per role with due dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ...model import Person, Playbook, ProgressReport, Role
from ...queries import paths
from ...queries.operations import NEXT_ROUND, NOBODY_ON, NONE_LEFT, Round, all_rounds, today_label
from ...queries.shifts import DAYS, minutes, reference_zone, say_hours, spells, week_window
from ...queries.training import Standing, due_date, next_stage, progress_for, records_for, standing
from ..calendar import Calendars
from ..context import Context, Page
from . import progress, render_page
from .progress import attr

SCRIPT = f"{paths.ASSETS}/people.js"
STYLE = f"{paths.ASSETS}/people.css"


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    if not playbook.roster:
        return
    source = ctx.source_of("roster", 0)
    zone = reference_zone(playbook)
    cards = [person_card(playbook, person, zone) for person in playbook.roster]
    yield render_page(ctx, "people.md.j2", paths.PEOPLE, "People", source, cards=cards, zone=zone)
    yield render_page(ctx, "oncall.md.j2", paths.ONCALL, "On shift now", source, zone=zone,
                      data=oncall_data(playbook, inboxes=True), attr=attr, inboxes=bool(all_rounds(playbook)))
    calendars = Calendars(playbook)
    for person in playbook.roster:
        yield Page(paths.person_calendar(person.id), f"{person.name}: calendar", calendars.person(person))
    for role in playbook.roles:
        if role.id in ctx.index.holders:
            yield Page(paths.role_calendar(role.id), f"{role.name}: calendar", calendars.role(role.id))
    yield Page(SCRIPT, "People script", ctx.static("assets/people.js"))
    yield Page(STYLE, "People styles", ctx.static("assets/people.css"))


# --------------------------------------------------------------------------- the People page


@dataclass(frozen=True)
class ShiftLine:
    own: str  # in the person's zone
    reference: str  # in the team's reference zone


@dataclass(frozen=True)
class PersonCard:
    person: Person
    shifts: list[ShiftLine]
    training: list[tuple[str, Standing]]  # (role id, standing) for every role held or recorded


def person_card(playbook: Playbook, person: Person, zone: str) -> PersonCard:
    since, until = week_window(playbook)
    week = [s for s in spells(person, since, until) if since <= s.start < until]
    lines = []
    for number in range(len(person.shifts)):
        intervals = [(s.start, s.end) for s in week if s.shift == number]
        lines.append(ShiftLine(say_hours(intervals, person.timezone), say_hours(intervals, zone)))
    role_ids = list(dict.fromkeys([*person.roles, *(r.role for r in person.training)]))
    return PersonCard(person, lines, [(role_id, standing(person, role_id, playbook.stage_order))
                                      for role_id in role_ids])


# --------------------------------------------------------------------------- on shift now


HOME_BOX_LIMIT = 200  # people; past this the home page links to the on-shift page instead of inlining the roster


def oncall_data(playbook: Playbook, inboxes: bool = False) -> Markup:
    """The roster and its rotations as the browser's on-shift computation needs them (the
    on-shift page, the home page's box and the triage wizard), as a JSON script element.

    JSON inside <script> ends at the first "</script>", whatever the quotes say, so every
    <, > and & is written as a \\u escape: names from the YAML stay data. Links are not in
    it: the page's own Markdown links (which MkDocs resolves for either URL style) are.
    """
    document: dict[str, Any] = {
        "zone": reference_zone(playbook),
        "roles": [{"id": role.id, "name": role.name, "backups": role.backups} for role in playbook.roles],
        "people": [_person_data(playbook, person) for person in playbook.roster],
    }
    rounds = all_rounds(playbook) if inboxes else []
    if rounds:  # only the on-shift page lists inbox rounds
        document["inboxes"] = [_inbox_data(r) for r in rounds]
        document["words"] = {"next": NEXT_ROUND, "none_left": NONE_LEFT, "nobody": NOBODY_ON}
    if playbook.rotations:  # absent otherwise: a roster without rotations renders as it always did
        document["rotations"] = [{"id": r.id, "name": r.name, "members": playbook.rotation_members(r), "page": r.page}
                                 for r in playbook.rotations]
    return json_island(document, "pb-oncall-data")


def _inbox_data(rnd: Round) -> dict[str, Any]:
    """One inbox as the on-shift script needs it: the words for a business day and a weekend
    day decided here, the times as minutes so the script only picks the next one."""
    inbox = rnd.inbox
    return {"account": rnd.account.id, "name": rnd.name[0].upper() + rnd.name[1:], "zone": rnd.zone,
            "roles": list(inbox.checked_by),
            "business": {"label": today_label(inbox, False), "rounds": inbox.rounds_on(False),
                         "times": [[minutes(t), t] for t in sorted(inbox.at, key=minutes)]},
            "weekend": {"label": today_label(inbox, True), "rounds": inbox.rounds_on(True),
                        "times": [[minutes(t), t] for t in sorted(inbox.weekend_at, key=minutes)]}}


def json_island(document: object, class_name: str) -> Markup:
    """A JSON script element that no text inside it can end: every <, > and & (and the two
    line separators old parsers choke on) is written as a \\u escape."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, safe in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                      ("\u2029", "\\u2029")):
        text = text.replace(raw, safe)
    return Markup(f'<script type="application/json" class="{class_name}">{text}</script>')


def _person_data(playbook: Playbook, person: Person) -> dict[str, Any]:
    learners = {}
    for role_id in dict.fromkeys(person.roles):
        state = standing(person, role_id, playbook.stage_order)
        if not state.solo:
            learners[role_id] = stage_words(playbook, state.stage) if state.stage else "not signed off"
    return {
        "id": person.id, "name": person.name, "tz": person.timezone,
        "roles": list(dict.fromkeys(person.roles)), "learning": learners,
        "shifts": [{"days": [DAYS.index(day) for day in shift.days], "start": minutes(shift.start),
                    "end": minutes(shift.end)} for shift in person.shifts],
    }


# --------------------------------------------------------------------------- the lead's view


@dataclass(frozen=True)
class Row:
    person: Person
    state: Standing
    stages: dict[str, Any]  # stage value -> its record (or None)
    next_stage: str | None  # a stage id
    signer_roles: list[str]  # who signs the next stage off
    due: dt.date | None
    progress: ProgressReport | None  # the latest report the person sent (playbook records import)


def stage_words(playbook: Playbook, stage_id: str) -> str:
    """A stage's declared name as running text says it ("reverse shadow since ..."), as the
    glossary does: the built-in Shadow reads "shadow", as pages always wrote it."""
    return playbook.stage_name(stage_id).lower()


def training_rows(playbook: Playbook, role: Role, people: list[Person]) -> list[Row]:
    """One row per person who holds the role or has a record for it, roster order."""
    rows = []
    for person in people:
        records = records_for(person, role.id)
        state = standing(person, role.id, playbook.stage_order)
        stage = next_stage(role, state, playbook.stage_order) if state.tracked else None
        signer = [s.signed_off_by for s in role.progression if s.stage == stage and s.signed_off_by]
        rows.append(Row(person, state, {r.stage: r for r in records}, stage, signer,
                        due_date(role, state), progress_for(person, role.id)))
    return rows


def involved(playbook: Playbook) -> dict[str, list[Person]]:
    """Role id -> the people who hold it or have a record for it, in roster order (one pass:
    asking every role about every person was a second of a thousand-role build)."""
    found: dict[str, list[Person]] = {}
    for person in playbook.roster:
        for role_id in dict.fromkeys([*person.roles, *(r.role for r in person.training)]):
            found.setdefault(role_id, []).append(person)
    return found


def training_page(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    if not playbook.roster:
        return
    people = involved(playbook)
    groups = [(role, training_rows(playbook, role, people[role.id])) for role in playbook.roles if role.id in people]
    milestones = {path.role: len(path.milestones) for path in playbook.onboarding}
    yield render_page(ctx, "training_records.md.j2", paths.TRAINING_RECORDS, "Team training records",
                      ctx.source_of("roster", 0), groups=groups, stages=playbook.stage_order, milestones=milestones,
                      export=export_data(playbook), attr=attr)


def export_data(playbook: Playbook) -> Markup:
    """What the "send your progress" box needs to turn this browser's ticks into a report:
    each path's milestones with their tasks' keys and fingerprints, each quiz's fingerprint."""
    document = {
        "format": "playbook-progress/1",
        "store": progress.store_id(playbook),
        "people": [{"id": p.id, "name": p.name, "roles": list(dict.fromkeys(p.roles))} for p in playbook.roster],
        "paths": {path.role: [{"id": m.id, "tasks": [[progress.task_key(path.role, m.id, i), progress.fingerprint(t)]
                                                     for i, t in enumerate(m.tasks)]} for m in path.milestones]
                  for path in playbook.onboarding},
        "quizzes": {module.id: progress.quiz_fingerprint(module) for module in playbook.modules if module.quiz},
    }
    return json_island(document, "pb-records-data")
