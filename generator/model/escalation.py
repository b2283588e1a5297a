"""escalation.yaml: severities, ladders and their steps, actions and spread levels."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .common import (
    ActionRef,
    ConnectingRoleRef,
    EntityReview,
    Id,
    LadderRef,
    Minutes,
    Ref,
    RotationRef,
    ShortText,
    Strict,
    TeamRef,
    Text,
)
from .roles import Permission
from .timeline import When, check_when, parse_when

NO_MAJOR = "none"  # escalation.major_from: no level is a major incident


MajorRef = Annotated[Id, Ref("severity", words=(NO_MAJOR,))]


PlanTime = Annotated[str, AfterValidator(check_when),
                     Field(description='When, from the moment the plan starts: "now", a duration (30m, 2h, 1d) or '
                                       "a range (24-48h).")]


class TimelineStep(Strict):
    """One step of a crisis plan: when, who, what. The same role may act in several steps."""

    when: PlanTime
    who: list[ConnectingRoleRef] = Field(min_length=1, description="The roles that act (role ids).")
    what: Text = Field(description="What they do.")
    decision: bool = Field(
        default=False, description="True: this step is a decision, taken by the role named in `who`.")

    @property
    def moment(self) -> When:
        return parse_when(self.when)


Timeline = Annotated[list[TimelineStep], Field(
    description="A plan in time, steps in order: when, who, what (beside or instead of a ladder; it pages nobody).")]


class Cadence(Strict):
    """The rhythm of updates while an incident lasts: crisis communication runs on it."""

    internal_minutes: Minutes | None = Field(
        default=None, description="Update the team (and whoever is told) at least this often, in minutes.")
    public_minutes: Minutes | None = Field(
        default=None, description="Update the public (a reply, a pinned post) at least this often, in minutes.")
    long_incident_minutes: Minutes | None = Field(
        default=None, description="After this many minutes the incident is a long one.")
    long_incident: Text | None = Field(
        default=None, description="What changes in a long incident, e.g. hand over, rest the first responders.")

    @model_validator(mode="after")
    def _says_something(self) -> Cadence:
        if not (self.internal_minutes or self.public_minutes or self.long_incident_minutes):
            raise ValueError("a cadence needs internal_minutes, public_minutes or long_incident_minutes")
        return self


class Severity(Strict):
    id: Id
    name: ShortText = Field(description="The severity's name.")
    level: int = Field(ge=1, le=10, description="Its place in the order: by default 1 is the least severe and "
                                                "higher is worse; escalation.worst: lowest turns that round.")
    label: ShortText | None = Field(
        default=None, description='How pages name the level, e.g. SEV-1 (default: "Level N of M").')
    description: Text = Field(description="What situations it covers.")
    response: Text | None = Field(
        default=None, description="What the responders do at this severity, in a few lines (shown beside the "
                                  "description, which says what it covers).")
    examples: list[Text] = Field(description="Real examples, one line each.", default_factory=list)
    respond_within_minutes: Minutes | None = Field(
        default=None, description="How fast the first response must come. Required, except below "
                                  "escalation.major_from, where a level may have no deadline (a ticket).")
    notify: list[ConnectingRoleRef] = Field(
        default_factory=list, description="Roles told at once (role ids). Required, except below "
                                          "escalation.major_from, where a level may tell nobody.")
    ladder: LadderRef | None = Field(
        default=None, description="The ladder that takes over (a ladder id). Required, except below "
                                  "escalation.major_from, where a level may page nobody (a ticket).")
    actions: list[ActionRef] = Field(default_factory=list, description="Actions that may be taken (action ids).")
    pause_scheduled_posts: bool = Field(default=False, description="Pause every scheduled post at this severity.")
    cadence: Cadence | None = Field(
        default=None, description="Update rhythms at this severity (default: its ladder's cadence, if any).")
    timeline: Timeline = Field(default_factory=list)
    review: EntityReview = None


class LadderStep(Strict):
    """Whom a step pages: a role, several roles at once, a rotation or group, or a whole team
    (at least one of them; several together are paged at once)."""

    role: ConnectingRoleRef | None = Field(default=None, description="The role paged (a role id).")
    roles: list[ConnectingRoleRef] = Field(
        default_factory=list, description="Several roles paged at once (role ids), e.g. primary and backup.")
    rotation: RotationRef | None = Field(
        default=None, description="A rotation or group from roster.yaml (a rotation id).")
    team: TeamRef | None = Field(default=None, description="Everyone in this team (a team id).")
    with_previous: bool = Field(
        default=False, description="Paged at the same moment as the step before, not after it: its deadline "
                                   "runs from the same start, not added to the one before.")
    acknowledge_within_minutes: Minutes = Field(
        description="If not acknowledged within this many minutes, the next step takes over."
    )
    action: Text = Field(description="What this person does.")

    @model_validator(mode="after")
    def _pages_someone(self) -> LadderStep:
        if not (self.role or self.roles or self.rotation or self.team):
            raise ValueError("a step must page someone: set role, roles, rotation or team")
        return self

    @property
    def role_ids(self) -> list[str]:
        """The roles the step names directly, in order, each once."""
        return list(dict.fromkeys([*([self.role] if self.role else []), *self.roles]))


class Ladder(Strict):
    id: Id
    name: ShortText = Field(description="The ladder's name.")
    steps: list[LadderStep] = Field(description="In order: who acts, and within how many minutes.", min_length=1)
    cadence: Cadence | None = Field(
        default=None, description="Update rhythms while this ladder runs (a severity's own cadence wins).")
    review: EntityReview = None
    after_last_step: Text | None = Field(
        default=None,
        description="What happens when nobody acknowledges the last step in time, e.g. call the comms lead's "
                    "phone; if unreachable, pause all posting. Required on the ladders of the upper half of "
                    "the severities.",
    )

    def elapsed(self) -> list[int]:
        """Minutes from the first page until each step must have acknowledged. A step paged
        with the one before starts when that one started (deadlines are not added up); the
        next step in sequence starts when the whole group has run out of time."""
        begin = end = 0
        totals = []
        for step in self.steps:
            if not step.with_previous:
                begin = end
            totals.append(begin + step.acknowledge_within_minutes)
            end = max(end, totals[-1])
        return totals

    def total_minutes(self) -> int:
        """Minutes from the first page until the whole ladder has run out of time."""
        return max(self.elapsed())


class Action(Strict):
    id: Id
    name: ShortText = Field(description="The action's name, e.g. Hide the reply.")
    description: Text = Field(description="What taking it means, step by step.")
    requires: Permission | None = Field(default=None, description="The permission needed to take it.")


class SpreadLevel(Strict):
    id: Id
    label: ShortText = Field(description="How it reads in the triage wizard.")
    raise_by: int = Field(ge=0, le=5, description="Severity levels to add when it has spread this far.")


class Escalation(Strict):
    severities: list[Severity] = Field(description="Severity levels, from least to most severe.", default_factory=list)
    worst: Literal["highest", "lowest"] = Field(
        default="highest", description="Which end of the level numbers is the worst: highest (level 1 is the "
                                       "least severe) or lowest (level 1 is the worst, as in SEV-1).")
    major_from: MajorRef | None = Field(
        default=None, description="The least severe level that is a major incident (a severity id). It and every "
                                  "worse level must have a deadline and notify someone; a less severe one may "
                                  "have neither. `none`: no level is a major incident (a policy that routes "
                                  "reports to an owner and pages nobody on a clock).")
    ladders: list[Ladder] = Field(
        description="Who acts, in order, and how fast each must acknowledge.", default_factory=list
    )
    actions: list[Action] = Field(description="What may be done to a post or an account.", default_factory=list)
    spread: list[SpreadLevel] = Field(
        description="How far something has spread, for the triage wizard.", default_factory=list
    )
    when_unsure: Text | None = Field(
        default=None, description="What to do when unsure which level applies, e.g. pick the worse one (the "
                                  "severity page says 'not set' without it).")

    def rank(self, severity: Severity) -> int:
        """How bad a level is, higher is worse whichever way the levels are numbered: every
        comparison of severities goes through this, so `worst` is honoured everywhere."""
        if self.worst == "highest":
            return severity.level
        return max(s.level for s in self.severities) + 1 - severity.level

    def is_major(self, severity: Severity) -> bool:
        """Whether a level is a major incident (every level is, when no threshold is set)."""
        if self.major_from is None:
            return True
        if self.major_from == NO_MAJOR:
            return False
        threshold = next((s for s in self.severities if s.id == self.major_from), None)
        return threshold is None or self.rank(severity) >= self.rank(threshold)

    def cadence_of(self, severity: Severity) -> Cadence | None:
        """The update rhythm at a severity: its own, else its ladder's."""
        ladder = next((lad for lad in self.ladders if lad.id == severity.ladder), None)
        return severity.cadence or (ladder.cadence if ladder else None)
