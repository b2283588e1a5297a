"""roles.yaml: who does what, with which permissions, and how a person becomes one."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from .channels import Channel
from .common import (
    ActionRef,
    ConnectingRoleRef,
    EntityReview,
    Id,
    ModuleRef,
    RoleRef,
    ShortText,
    StageRef,
    Strict,
    TeamRef,
    Text,
)


class Permission(str, Enum):
    draft = "draft"
    publish = "publish"
    reply = "reply"
    approve = "approve"
    hide = "hide"
    delete = "delete"
    block = "block"
    pause_schedule = "pause_schedule"
    sign_off = "sign_off"


# How pages say each permission: a role's page ("may publish posts") and the matrix's column.
PERMISSION_WORDS = {
    "draft": "write drafts",
    "publish": "publish posts",
    "reply": "reply to comments and messages",
    "approve": "approve other people's posts",
    "hide": "hide comments",
    "delete": "delete comments and posts",
    "block": "block or ban accounts",
    "pause_schedule": "pause scheduled posts",
    "sign_off": "sign off other people's training stages",
}
PERMISSION_TITLES = {"draft": "Draft", "publish": "Publish", "reply": "Reply", "approve": "Approve", "hide": "Hide",
                     "delete": "Delete", "block": "Block", "pause_schedule": "Pause schedule", "sign_off": "Sign off"}


class Duty(Strict):
    """A task a role does on a rhythm, not in response to something."""

    every: Literal["day", "week", "month", "quarter", "year"] = Field(description="How often.")
    task: Text = Field(description="What to do.")
    when: ShortText | None = Field(default=None, description='When in the period, e.g. "Monday morning".')


class ProgressionStage(Strict):
    stage: StageRef = Field(description="A stage id from process.stages (default: shadow, supervised or solo).")
    description: Text = Field(description="What the person does at this stage.")
    min_days: int | None = Field(description="The least number of days at this stage.", default=None, gt=0)
    signed_off_by: RoleRef | None = Field(
        default=None, description="The role that signs this stage off (a role id); leave out when the person "
                                  "moves on by themself (self-graduation), which the role page then says.")


class ResponsibilityGroup(Strict):
    """Responsibilities under a heading, e.g. "During an incident" and its items."""

    heading: ShortText = Field(description="The group's heading, e.g. Before an incident.")
    items: list[Text] = Field(min_length=1, description="What the role does, one line each.")


class Role(Strict):
    id: Id
    name: ShortText = Field(description="The role's name.")
    team: TeamRef | None = Field(default=None, description="A team id.")
    purpose: Text = Field(description="What the role is, in a sentence.")
    why: Text | None = Field(default=None, description="Why the role exists (pages say 'not set' without it).")
    external: bool = Field(
        default=False, description="True for a role outside the team (legal, executives, support): shown as a "
        "partner, and exempt from the backup, onboarding and connection checks.")
    who: Text | None = Field(
        default=None, description="Who can hold it, e.g. any senior community manager with a year on the team.")
    prerequisites: list[Text] = Field(
        default_factory=list, description="What someone needs before taking the role on, one line each.")
    holders: Literal["one", "many"] | None = Field(
        default=None, description="How many people hold it during one incident or shift: one or many.")
    responsibilities: list[Text | ResponsibilityGroup] = Field(
        min_length=1, description="What the role does, one line each; or groups of lines under a heading "
                                  "({heading: ..., items: [...]}).")
    permissions: list[Permission] = Field(description="What the role may do on the accounts.", default_factory=list)
    reports_to: ConnectingRoleRef | None = Field(default=None, description="A role id.")
    escalates_to: ConnectingRoleRef | None = Field(
        default=None, description="A role id: who this role hands a problem to."
    )
    backups: list[ConnectingRoleRef] = Field(default_factory=list, description="Roles that can step in (role ids).")
    actions: list[ActionRef] | None = Field(
        default=None, description="The incident actions this role may take (action ids; default: every action "
                                  "its permissions allow). Its page lists only these.")
    training: list[ModuleRef] = Field(default_factory=list, description="Training modules to take (module ids).")
    progression: list[ProgressionStage] = Field(
        default_factory=list, description="The stages of process.stages this role goes through, in order.")
    channels: list[Channel] = Field(
        default_factory=list, description="How to reach whoever holds the role now (shown on its page, ladders, "
                                          "pocket cards and the triage result).")
    duties: list[Duty] = Field(
        default_factory=list, description="What the role does every day, week, month, quarter or year.")
    review: EntityReview = None
