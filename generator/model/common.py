"""Types every policy file shares: ids, references to other entities (`RoleRef`, ...),
text kinds, clocks and zones, the strict base model, and a file's or entity's review."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ..dates import zone_of
from ..read.nouns import NOUNS

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="A stable id: lower-case letters, digits and dashes (used in page addresses)."),
]


@dataclass(frozen=True)
class Kind:
    """What a reference can name: how messages call it, and where the entities that define
    its ids are listed, so the ids a reference may use are read from one declaration."""

    name: str
    where: tuple[str, ...]  # attributes from the Playbook to the list, e.g. ("escalation", "severities")
    vocabulary: bool = False  # the team's own words: an unknown one may be meant as a new declaration


# What each reference kind names, from the one table of nouns (read/nouns.py).
KINDS: dict[str, Kind] = {n.kind: Kind(n.noun, n.where, n.vocabulary) for n in NOUNS if n.kind is not None}


@dataclass(frozen=True)
class Ref:
    """Marks an id field as naming an entity of another section. The cross-file check finds
    reference fields by this marker, so a new one is checked as soon as it is declared.

    `connects` marks the role references that place a role in the team's structure
    (reporting line, escalation, ladder, approval, account ownership): a role that none of
    them reaches is reported as not connected to the team.
    """

    kind: str
    connects: bool = False
    words: tuple[str, ...] = ()  # values that are words of the field, not ids (a trigger owner's "receiver")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown reference kind {self.kind!r}; declare it in KINDS")


@dataclass(frozen=True)
class LocalRef:
    """Marks an id field naming an item of a list in the same model (a quiz answer names one
    of its own question's choices), or, with `via`, of a list on the entity a sibling field
    names (a progress report's milestone belongs to the onboarding path of its `role`).
    It is checked beside that list, with its own message, not against the whole policy, so
    the reference walker skips it."""

    among: str  # the sibling field that holds the items (with `via`: the field of that entity's model)
    via: str | None = None  # a sibling reference field naming the entity whose `among` holds the items


# Pydantic ignores the markers: every reference validates and exports exactly like `Id`.
RoleRef = Annotated[Id, Ref("role")]


ConnectingRoleRef = Annotated[Id, Ref("role", connects=True)]


TeamRef = Annotated[Id, Ref("team")]


PlatformRef = Annotated[Id, Ref("platform")]


AccountRef = Annotated[Id, Ref("account")]


TierRef = Annotated[Id, Ref("tier")]


SeverityRef = Annotated[Id, Ref("severity")]


LadderRef = Annotated[Id, Ref("ladder")]


ActionRef = Annotated[Id, Ref("action")]


HoldingRef = Annotated[Id, Ref("holding")]


ModuleRef = Annotated[Id, Ref("module")]


PersonRef = Annotated[Id, Ref("person")]


RotationRef = Annotated[Id, Ref("rotation")]


CategoryRef = Annotated[Id, Ref("category")]


StageRef = Annotated[Id, Ref("stage")]


MilestoneRef = Annotated[Id, Ref("milestone")]  # one of the declared process.milestones


ChoiceRef = Annotated[Id, LocalRef("choices")]


PathMilestoneRef = Annotated[Id, LocalRef("milestones", via="role")]  # of the onboarding path of the sibling role


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


# A name or label is one line: a line break or another control character in it breaks every
# one-line place it is printed (an iCalendar SUMMARY, a nav title, a table cell, a terminal).
ONE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"


ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=ONE_LINE_PATTERN)]


Markdown = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]


Minutes = Annotated[int, Field(gt=0, le=60 * 24 * 30)]


def _check_clock(value: str) -> str:
    """Accept 24-hour HH:MM, the form people write on rotas; 24:00 closes a day."""
    match = re.fullmatch(r"([01]\d|2[0-4]):([0-5]\d)", value)
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise ValueError(f"'{value}' is not a time of day; write it as HH:MM, for example 09:30")
    return value


def _check_timezone(value: str) -> str:
    """Reject a time zone that the coverage heat-map could not place on a clock."""
    zone_of(value)  # ValueError says what a zone looks like (generator/dates.py, the one reader of zones)
    return value


Clock = Annotated[str, AfterValidator(_check_clock), Field(description="A time of day, HH:MM (24-hour).")]


TimeZone = Annotated[str, AfterValidator(_check_timezone), Field(description="An IANA time zone, e.g. Europe/Paris.")]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and the policy is read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Weekday(str, Enum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


class Review(Strict):
    """Who owns a file (or an entity) of the policy, and when they last reviewed it.

    The review falls due `review_every_months` after `last_reviewed`.
    """

    owner: RoleRef = Field(description="The role that owns this part of the policy and reviews it (a role id).")
    last_reviewed: dt.date = Field(description="When it was last read through and confirmed (YYYY-MM-DD).")
    review_every_months: int | None = Field(
        default=None, gt=0, le=60, description="How often it is reviewed, in months (default: review_cycle_months)."
    )


# An entity may carry its own review, like a file: one declaration for every kind that may.
EntityReview = Annotated[Review | None, Field(description="Who owns it and when it was last reviewed (optional).")]
