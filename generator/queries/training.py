"""Training records: where each person stands in each role, and what the records must obey.

Records live on roster people (`training:` in roster.yaml): one entry per stage reached,
with the day it started and the person who signed it off (left out while the sign-off is
pending). A role with no record for a person is not tracked, and counts as solo: rosters
written before records existed keep meaning what they meant.

Stages are the playbook's own (`process.stages`, default shadow, supervised, solo), in the
order declared there: records are ordered by it, and the last declared stage means trained
to work alone ("solo", whatever the team calls it). Every function here takes that order
(`Playbook.stage_order`) rather than assuming the built-in stages.

The checks here are their own pass (`check_training`), run after the cross-file check:
signers hold the role the stage names (and held it on that day, when their own record
says so), stages come in order and no sooner than `min_days` allows, and nobody is
rostered alone in a role they may not yet do alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic, suggest
from ..model import Permission, Person, Playbook, ProgressReport, Role, TrainingRecord
from ..read.origins import Origins
from .shifts import merge, say_hours, spells, subtract, week_window


@dataclass(frozen=True)
class Standing:
    """A person's place in one role: the last signed-off stage, and a pending step if any."""

    tracked: bool  # False: no record for this role (counts as solo)
    stage: str | None  # the last signed-off stage id (None: tracked, nothing signed yet)
    since: dt.date | None
    signer: str | None
    pending: TrainingRecord | None  # a recorded step still waiting for its sign-off
    solo: bool  # may work alone: not tracked, or signed off at the last declared stage


def _rank(stages: Sequence[str], stage: str) -> int:
    """A stage's place in the declared order (an undeclared one, reported by the reference
    check, sorts first so that it never counts as further on)."""
    return stages.index(stage) if stage in stages else -1


def progress_for(person: Person, role_id: str) -> ProgressReport | None:
    return next((report for report in person.progress if report.role == role_id), None)


def records_for(person: Person, role_id: str) -> list[TrainingRecord]:
    return [record for record in person.training if record.role == role_id]


def standing(person: Person, role_id: str, stages: Sequence[str]) -> Standing:
    """Where the person stands in the role, `stages` being the declared order."""
    records = records_for(person, role_id)
    if not records:
        return Standing(False, None, None, None, None, True)
    signed = [r for r in records if r.signed_off_by is not None]
    pending = next((r for r in reversed(records) if r.signed_off_by is None), None)
    last = max(signed, key=lambda r: _rank(stages, r.stage), default=None)
    if last is None:
        return Standing(True, None, None, None, pending, False)
    return Standing(True, last.stage, last.since, last.signed_off_by, pending, last.stage == stages[-1])


def may_act_alone(person: Person, role_id: str, stages: Sequence[str]) -> bool:
    """Signed off at the last declared stage in the role, or not tracked in it: the people
    coverage counts."""
    return standing(person, role_id, stages).solo


def due_date(role: Role, state: Standing) -> dt.date | None:
    """When the next stage may be signed off at the earliest (the current stage's `min_days`)."""
    if state.stage is None or state.since is None or state.solo:
        return None
    stage = next((s for s in role.progression if s.stage == state.stage), None)
    if stage is None or stage.min_days is None:
        return None
    return state.since + dt.timedelta(days=stage.min_days)


def next_stage(role: Role, state: Standing, stages: Sequence[str]) -> str | None:
    """The stage the person works towards (None when solo): the role's next progression stage,
    or the next declared one when the role lists none."""
    if state.solo and state.tracked:
        return None
    path = [s.stage for s in role.progression] or list(stages)
    if state.stage is None:
        return path[0]
    later = [s for s in path if _rank(stages, s) > _rank(stages, state.stage)]
    return later[0] if later else None


# --------------------------------------------------------------------------- checks


def check_training(playbook: Playbook, origins: Origins, today: dt.date) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in (_records, _progress, _alone):
        found.extend(check(playbook, origins, today))
    return found


def _signer_roles(playbook: Playbook, role: Role, stage: str) -> set[str]:
    """The roles allowed to sign this stage off: the one its progression names, or (with no
    progression for that stage) any role with the sign_off permission."""
    named = {s.signed_off_by for s in role.progression if s.stage == stage and s.signed_off_by}
    return named or {r.id for r in playbook.roles if Permission.sign_off in r.permissions}


def _records(playbook: Playbook, origins: Origins, today: dt.date) -> Iterator[Diagnostic]:
    people = {p.id: p for p in playbook.roster}
    roles = playbook.id_maps["role"]
    for i, person in enumerate(playbook.roster):
        previous: dict[str, tuple[int, TrainingRecord]] = {}
        for j, record in enumerate(person.training):
            at = ("training", j)
            role = roles.get(record.role)
            if role is None:
                continue  # an unknown role is reported by the reference check
            if record.role not in person.roles:
                yield origins.at("roster", i, *at, "role", level="warning",
                                 message=f"'{person.id}' has a training record for role '{record.role}' "
                                         "but does not hold it",
                                 hint=f"add '{record.role}' to their 'roles:' or remove the record")
            yield from _order(playbook.stage_order, role, person, i, j, record, previous.get(record.role), origins)
            previous[record.role] = (j, record)
            if record.since > today:
                yield origins.at("roster", i, *at, "since", level="warning",
                                 message=f"'{person.id}' starts the {record.stage} stage of "
                                         f"'{record.role}' on {record.since}, after today ({today})",
                                 hint="record a stage once it has begun")
            if record.signed_off_by is not None and record.signed_off_by in people:
                yield from _signer(playbook, people[record.signed_off_by], role, person, i, j, record, origins)


def _progress(playbook: Playbook, origins: Origins, today: dt.date) -> Iterator[Diagnostic]:
    """A progress report names milestones of the role's own onboarding path, once per role."""
    paths = {path.role: [m.id for m in path.milestones] for path in playbook.onboarding}
    for i, person in enumerate(playbook.roster):
        seen: set[str] = set()
        for j, report in enumerate(person.progress):
            if report.role in seen:
                yield origins.at("roster", i, "progress", j, "role",
                                 message=f"'{person.id}' has two progress reports for '{report.role}'",
                                 hint="keep the latest one: 'playbook records import' replaces it for you")
            seen.add(report.role)
            known = paths.get(report.role, [])
            for k, milestone in enumerate(report.milestones_done):
                if milestone not in known:
                    yield origins.at("roster", i, "progress", j, "milestones_done", k,
                                     message=f"'{milestone}' is not a milestone of the onboarding path "
                                             f"for '{report.role}'",
                                     hint=suggest(milestone, known) or
                                     (f"its milestones: {', '.join(known)}" if known else "the role has no path"))


def _order(order: list[str], role: Role, person: Person, i: int, j: int, record: TrainingRecord,
           previous: tuple[int, TrainingRecord] | None, origins: Origins) -> Iterator[Diagnostic]:
    at = ("training", j)
    stages = [s.stage for s in role.progression]
    if record.stage not in order:
        return  # an undeclared stage is reported by the reference check, with a "did you mean"
    if stages and record.stage not in stages:
        yield origins.at("roster", i, *at, "stage", message=f"role '{role.id}' has no {record.stage} stage",
                         hint=f"its stages are: {', '.join(stages)}")
        return
    if previous is None:
        return
    k, before = previous
    if _rank(order, record.stage) <= _rank(order, before.stage):
        yield origins.at("roster", i, *at, "stage",
                         message=f"'{person.id}' reaches the {record.stage} stage of '{role.id}' after "
                                 f"the {before.stage} stage",
                         hint=f"list a role's stages in order, {' then '.join(stages or order)}, oldest first")
        return
    if before.signed_off_by is None:
        yield origins.at("roster", i, "training", k, message=f"the {before.stage} stage of '{role.id}' for "
                         f"'{person.id}' is still pending, but a later stage is recorded",
                         hint="add 'signed_off_by:' to the earlier stage")
    if record.since < before.since:
        yield origins.at("roster", i, *at, "since",
                         message=f"'{person.id}' starts the {record.stage} stage of '{role.id}' on "
                                 f"{record.since}, before the {before.stage} stage ({before.since})",
                         hint="a later stage cannot start before an earlier one")
        return
    least = next((s.min_days for s in role.progression if s.stage == before.stage), None)
    if least is not None and (record.since - before.since).days < least:
        earliest = before.since + dt.timedelta(days=least)
        yield origins.at("roster", i, *at, "since",
                         message=f"'{person.id}' spent {(record.since - before.since).days} days at the "
                                 f"{before.stage} stage of '{role.id}'; the role asks for at least {least}",
                         hint=f"the {record.stage} stage can start on {earliest} at the earliest")


def _signer(playbook: Playbook, signer: Person, role: Role, person: Person, i: int, j: int,
            record: TrainingRecord, origins: Origins) -> Iterator[Diagnostic]:
    at = ("training", j, "signed_off_by")
    if signer.id == person.id:
        yield origins.at("roster", i, *at, message=f"'{person.id}' signs off their own {record.stage} stage",
                         hint="someone else who holds the signing role must sign it off")
        return
    allowed = _signer_roles(playbook, role, record.stage)
    held = sorted(allowed & set(signer.roles))
    if not held:
        yield origins.at("roster", i, *at,
                         message=f"'{signer.id}' may not sign off the {record.stage} stage of '{role.id}': "
                                 f"they hold {', '.join(signer.roles)}",
                         hint=f"the sign-off needs someone holding: {', '.join(sorted(allowed))}")
        return
    if all(not _held_on(signer, role_id, record.since, playbook.stage_order) for role_id in held):
        own = standing(signer, held[0], playbook.stage_order)
        yield origins.at("roster", i, *at,
                         message=f"'{signer.id}' signed off '{person.id}' on {record.since} but was not yet solo "
                                 f"as '{held[0]}' then (since {own.since})",
                         hint="the signer must be signed off solo in the signing role on the day they sign")


def _held_on(person: Person, role_id: str, day: dt.date, stages: Sequence[str]) -> bool:
    """Could the person act in the role on that day (at the last stage by then, or not tracked in it)?"""
    records = records_for(person, role_id)
    if not records:
        return True
    return any(r.stage == stages[-1] and r.signed_off_by is not None and r.since <= day for r in records)


# --------------------------------------------------------------------------- alone on shift


def _alone(playbook: Playbook, origins: Origins, today: dt.date) -> Iterator[Diagnostic]:
    """A person on shift in a role they may not do alone, with nobody who may beside them."""
    since, until = week_window(playbook)
    week = {p.id: spells(p, since, until) for p in playbook.roster}
    for role in playbook.roles:
        holders = [p for p in playbook.roster if role.id in p.roles]
        stages = playbook.stage_order
        learners = [p for p in holders if not may_act_alone(p, role.id, stages)]
        if not learners:
            continue
        covered = merge((s.start, s.end) for p in holders if may_act_alone(p, role.id, stages) for s in week[p.id])
        for person in learners:
            own = [(max(s.start, since), min(s.end, until)) for s in week[person.id]]
            alone = list(subtract(own, covered))
            if alone:
                i = playbook.roster.index(person)
                state = standing(person, role.id, stages)
                stage = state.stage or "not yet signed off for any stage"
                yield origins.at("roster", i, "shifts", level="warning",
                                 message=f"'{person.id}' is rostered alone as '{role.id}' ({stage}, not solo): "
                                         f"{say_hours(alone, person.timezone)} ({person.timezone})",
                                 hint=f"sign off their solo stage in 'training:', put someone solo in "
                                      f"'{role.id}' on shift with them, or change the shift")
