"""roster.yaml: people, their shifts, training records and progress, and on-call rotations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .channels import Channel
from .common import (
    Clock,
    ConnectingRoleRef,
    Id,
    ModuleRef,
    PathMilestoneRef,
    PersonRef,
    RoleRef,
    ShortText,
    StageRef,
    Strict,
    Text,
    TimeZone,
    Weekday,
)


class Shift(Strict):
    days: list[Weekday] = Field(description="The days of this shift (the day it starts).", min_length=1)
    start: Clock = Field(description="When it starts, HH:MM in the person's own time zone.")
    end: Clock = Field(description="When it ends, HH:MM; an end at or before the start is on the next day "
                                   "(22:00 to 06:00 is a night shift), 24:00 is midnight.")


class Contact(Strict):
    channel: ShortText = Field(description="How to reach them: phone, email, Slack, Signal...")
    address: ShortText = Field(description="The number, address or handle on that channel.")
    when: ShortText | None = Field(default=None, description="When to use it, e.g. 'urgent only, any hour'.")


class TrainingRecord(Strict):
    role: RoleRef = Field(description="The role trained for (a role id).")
    stage: StageRef = Field(description="The stage reached: a stage id from process.stages (default: shadow, "
                                        "supervised or solo); the last declared stage means trained to work alone.")
    since: dt.date = Field(description="The day the person started this stage (YYYY-MM-DD).")
    signed_off_by: PersonRef | None = Field(
        default=None, description="The person who signed it off (a person id); leave it out while the sign-off "
                                  "is pending. They must hold the role the stage's progression names.")
    note: Text | None = Field(default=None, description="Anything the lead should know about this step.")


class ProgressReport(Strict):
    role: RoleRef = Field(description="The role whose onboarding path the report is about (a role id).")
    reported: dt.date = Field(description="The day the new hire exported it from the handbook (YYYY-MM-DD).")
    milestones_done: list[PathMilestoneRef] = Field(
        default_factory=list, description="Milestones of the role's onboarding path with every task ticked (ids).")
    modules_passed: list[ModuleRef] = Field(
        default_factory=list, description="Training modules whose quiz was answered fully right (module ids).")


class Person(Strict):
    id: Id
    name: ShortText = Field(description="The person's name.")
    roles: list[RoleRef] = Field(description="The roles this person holds (role ids).", min_length=1)
    timezone: TimeZone
    shifts: list[Shift] = Field(description="When they work, in their own time zone.", min_length=1)
    channels: list[Channel] = Field(default_factory=list, description="How to reach this person.")
    contact: list[Contact] = Field(default_factory=list, description="How to reach them, most urgent first.")
    training: list[TrainingRecord] = Field(
        default_factory=list,
        description="Their training record: each stage reached per role, oldest first. A role with no record "
                    "counts as trained to work alone (solo).")
    progress: list[ProgressReport] = Field(
        default_factory=list, description="The latest onboarding progress they sent their lead, one per role "
                                          "(written by 'playbook records import').")
    forge_handle: Annotated[str, StringConstraints(pattern=r"^@[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")] | None = Field(
        default=None, description="Their user (or team) on GitHub or GitLab, e.g. @priya-s: `playbook codeowners` "
        "asks them to review changes to the files their role owns.")


class Rotation(Strict):
    """An on-call rotation or a group of people from the roster, that a ladder step can page."""

    id: Id
    name: ShortText = Field(description="How the team calls it, e.g. Night cover.")
    description: Text | None = Field(default=None, description="What it covers.")
    members: list[PersonRef] = Field(
        default_factory=list, description="The people in it (person ids from the roster); leave it out to mean "
                                          "everyone on the roster who holds its `role` (the role's schedule).")
    role: ConnectingRoleRef | None = Field(
        default=None, description="The role whoever is paged acts in (a role id): its page and pocket card then "
                                  "show the ladder steps that page this rotation.")
    page: Literal["on-shift", "everyone"] = Field(
        default="on-shift", description="Whom a step that names it pages: on-shift (a rotation: whoever of its "
                                        "members is on shift) or everyone (a group).")
    channels: list[Channel] = Field(default_factory=list, description="How to reach it, e.g. its pager.")
