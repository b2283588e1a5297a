"""crisis.yaml: crisis mode, switched on while something bad is happening."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import Field

from .common import AccountRef, RoleRef, ShortText, Strict, Text
from .escalation import PlanTime, Timeline


class CrisisMode(Strict):
    active: bool = Field(default=False, description="Set to true to switch crisis mode on; false to switch it off.")
    incident: ShortText | None = Field(default=None, description="What is happening, in a short line.")
    since: dt.datetime | None = Field(
        default=None, description="When crisis mode started (YYYY-MM-DD HH:MM, UTC unless an offset follows)."
    )
    until: dt.datetime | None = Field(
        default=None, description="When it is planned to end, to be reviewed (YYYY-MM-DD HH:MM, UTC unless an offset "
        "follows); posts after it are judged as in calm times."
    )
    scope: Literal["all"] | list[AccountRef] = Field(default="all", description='"all", or a list of account ids.')
    keywords: list[ShortText] = Field(default_factory=list, description="The incident's words.")
    endings: list[ShortText] = Field(
        default_factory=list, description="Keywords whose word endings count too (shooter: shooters); any other "
                                          "keyword matches only as written.")
    hashtags: list[ShortText] = Field(description="The incident's hashtags.", default_factory=list)
    may_post: list[RoleRef] = Field(default_factory=list, description="Roles that may still publish.")
    scheduled_posts: Literal["pause", "review", "continue"] = Field(
        default="pause", description="What happens to scheduled posts: pause, review or continue."
    )
    block_promotions: bool = Field(default=True, description="Hold every promotional post while crisis mode is on.")
    message: Text | None = Field(default=None, description="Shown in the banner.")
    switched_on_by: list[RoleRef] = Field(
        default_factory=list, description="The roles that may switch crisis mode on (and off) (role ids).")
    pauses: list[ShortText] = Field(
        default_factory=list, description="What else stops while it is on, one line each, e.g. paid ads.")
    reassess_after: PlanTime | None = Field(
        default=None, description='When to decide whether it stays on, from when it was switched on, e.g. 36-48h.')
    decided_by: RoleRef | None = Field(
        default=None, description="The role that decides whether crisis mode stays on or ends (a role id).")
    timeline: Timeline = Field(default_factory=list)


class Pause(str, Enum):
    """What a sensitive date or a live event holds back: promotions, or any hashtag."""

    promotions = "promotions"
    hashtags = "hashtags"
