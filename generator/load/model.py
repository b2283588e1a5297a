"""The playbook's shape: pydantic models that every other part of the tool reads.

Every model forbids unknown keys, so a misspelt key fails loudly instead of being
silently ignored, and is frozen, so nothing downstream can change the policy it
was handed. Field descriptions double as the reference documentation and as the
JSON Schema an editor uses to complete and check fields as the policy owner types.

A field that names another entity is typed as a reference to its kind (`RoleRef`,
`SeverityRef`, ...): the cross-file check finds every reference through these types, so
one declared here is checked without being listed anywhere else.

Only the fields whose description says "Markdown" accept Markdown; every other text
field is plain text and is escaped wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, create_model, model_validator

from ..packs.dates import check_rule, movable_text
from .timeline import When, check_when, parse_when

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="A stable id: lower-case letters, digits and dashes (used in page addresses)."),
]


# --------------------------------------------------------------------------- references


@dataclass(frozen=True)
class Kind:
    """What a reference can name: how messages call it, and where the entities that define
    its ids are listed, so the ids a reference may use are read from one declaration."""

    name: str
    where: tuple[str, ...]  # attributes from the Playbook to the list, e.g. ("escalation", "severities")
    vocabulary: bool = False  # the team's own words: an unknown one may be meant as a new declaration


KINDS: dict[str, Kind] = {
    "role": Kind("role", ("roles",)),
    "team": Kind("team", ("teams",)),
    "platform": Kind("platform", ("platforms",)),
    "account": Kind("account", ("accounts",)),
    "tier": Kind("reach tier", ("reach_tiers",)),
    "severity": Kind("severity", ("escalation", "severities")),
    "ladder": Kind("ladder", ("escalation", "ladders")),
    "action": Kind("action", ("escalation", "actions")),
    "holding": Kind("holding statement", ("holding_statements",)),
    "module": Kind("training module", ("modules",)),
    "person": Kind("person", ("roster",)),
    "rotation": Kind("rotation", ("rotations",)),
    "category": Kind("trigger category", ("process", "categories"), vocabulary=True),
    "stage": Kind("progression stage", ("process", "stages"), vocabulary=True),
    "milestone": Kind("onboarding milestone", ("process", "milestones"), vocabulary=True),
    "pillar": Kind("content pillar", ("pillars",)),
}


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
PillarRef = Annotated[Id, Ref("pillar")]
# A trigger's owner that is not a role, and how triage, the checker and the pages say it.
OWNER_TEXT = {"receiver": "whoever received it", "none": "nobody: it is noted, not followed up"}
OWNER_WORDS = tuple(OWNER_TEXT)
NO_MAJOR = "none"  # escalation.major_from: no level is a major incident
MajorRef = Annotated[Id, Ref("severity", words=(NO_MAJOR,))]
OwnerRef = Annotated[Id, Ref("role", connects=True, words=OWNER_WORDS)]
ChoiceRef = Annotated[Id, LocalRef("choices")]
PathMilestoneRef = Annotated[Id, LocalRef("milestones", via="role")]  # of the onboarding path of the sibling role

# --------------------------------------------------------------------------- text and time

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
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{value}' is not a known time zone; use an IANA name such as Europe/London") from None
    return value


Clock = Annotated[str, AfterValidator(_check_clock), Field(description="A time of day, HH:MM (24-hour).")]
TimeZone = Annotated[str, AfterValidator(_check_timezone), Field(description="An IANA time zone, e.g. Europe/Paris.")]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and the policy is read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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


class Stage(str, Enum):
    """The built-in progression stages: the default of `process.stages`."""

    shadow = "shadow"
    supervised = "supervised"
    solo = "solo"


class Weekday(str, Enum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


class Signal(str, Enum):
    legal_threat = "legal_threat"
    safety_risk = "safety_risk"
    media_enquiry = "media_enquiry"
    breaking_news = "breaking_news"
    high_reach_complaint = "high_reach_complaint"
    data_request = "data_request"
    security_incident = "security_incident"
    executive_news = "executive_news"
    political = "political"
    tragedy = "tragedy"
    hostile = "hostile"
    promotion = "promotion"


class Category(str, Enum):
    """The built-in trigger categories: the default of `process.categories`."""

    news = "news"
    legal = "legal"
    safety = "safety"
    security = "security"
    politics = "politics"
    executive = "executive"
    media = "media"
    privacy = "privacy"
    commercial = "commercial"
    community = "community"


class TermKind(str, Enum):
    preferred = "preferred"
    banned = "banned"
    profanity = "profanity"
    caution = "caution"


# --------------------------------------------------------------------------- the team's own vocabularies


class TriggerCategory(Strict):
    id: Id
    name: ShortText | None = Field(default=None, description="How pages name it (default: the id).")
    description: Text | None = Field(default=None, description="What topics it covers.")

    @property
    def label(self) -> str:
        return self.name or self.id


class StageDefinition(Strict):
    id: Id
    name: ShortText = Field(description="How pages name the stage, e.g. Reverse shadow.")
    meaning: Text | None = Field(default=None, description="What a person at this stage may and may not do.")


class MilestoneDefinition(Strict):
    id: Id
    name: ShortText = Field(description='How pages name the milestone, e.g. "week 1" or "first on-call".')
    description: Text | None = Field(default=None, description="What it marks.")


def _default_categories() -> list[TriggerCategory]:
    return [TriggerCategory(id=c.value) for c in Category]


def _default_stages() -> list[StageDefinition]:
    return [StageDefinition(id=s.value, name=s.value.capitalize()) for s in Stage]


def _default_milestones() -> list[MilestoneDefinition]:
    return [MilestoneDefinition(id=f"{unit}-1", name=f"{unit} 1") for unit in ("day", "week", "month")]


class Process(Strict):
    """The team's own words for its process; a list left out is the built-in one.

    Defaults keep a playbook that declares nothing meaning what it always meant."""

    categories: list[TriggerCategory] = Field(
        default_factory=_default_categories,
        description="Trigger categories that triggers, approval rules and the verify rule name (default: news, "
                    "legal, safety, security, politics, executive, media, privacy, commercial, community).")
    stages: list[StageDefinition] = Field(
        default_factory=_default_stages, min_length=1,
        description="Progression stages in the order a person goes through them (default: shadow, supervised, "
                    "solo).")
    milestones: list[MilestoneDefinition] = Field(
        default_factory=_default_milestones, min_length=1,
        description="Onboarding milestones in order, as role pages name them (default: day 1, week 1, month 1).")


# --------------------------------------------------------------------------- contact channels


# What a channel's value must look like to become a link (Channel.href); anything else stays text.
_DIAL_PUNCTUATION = re.compile(r"[\s().\-/]")  # what people type between digits: +44 (0)20 7946-0000
_DIALABLE = re.compile(r"\+?[0-9]{3,20}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+")
_WEB_LINK = re.compile(r"(?i)https?://[A-Za-z0-9\-._~%!$&'()*+,;=:@/?#]+")  # no space, quote, <>, [] or backslash


class ChannelKind(str, Enum):
    chat = "chat"
    phone = "phone"
    pager = "pager"
    email = "email"
    url = "url"
    other = "other"


class Channel(Strict):
    """One way to reach a role, a rotation or a person: free label plus value."""

    label: ShortText = Field(description="What it is, as the team says it, e.g. Crisis room or On-call phone.")
    value: ShortText = Field(description="The address: a chat channel, number, pager id, email or link.")
    kind: ChannelKind = Field(default=ChannelKind.other,
                              description="chat, phone, pager, email, url or other (how the value is read).")
    internal: bool = Field(
        default=False, description="Only for the team: `playbook build --public` leaves it out of the handbook.")
    public: bool = Field(
        default=False, description="A person's channel reaches the public handbook (`--public`) only with "
                                   "`public: true`, the person's explicit choice; roles' and rotations' channels "
                                   "are public unless `internal: true`.")

    @model_validator(mode="after")
    def _internal_or_public(self) -> Channel:
        if self.internal and self.public:
            raise ValueError("a channel is either internal or public, not both; "
                             "remove 'internal: true' or 'public: true'")
        return self

    @property
    def href(self) -> str | None:
        """Where a click on the value goes, or None when it stays text: a phone or pager number
        dials (`tel:`), an email writes (`mailto:`), a URL or chat link opens only when it is
        http(s), so no `javascript:` or `data:` value a policy editor types can become a link."""
        value = self.value.strip()
        if self.kind in (ChannelKind.phone, ChannelKind.pager):
            number = _DIAL_PUNCTUATION.sub("", value.replace("(0)", "") if value.startswith("+") else value)
            return f"tel:{number}" if _DIALABLE.fullmatch(number) else None
        if self.kind is ChannelKind.email:
            return f"mailto:{value}" if _EMAIL.fullmatch(value) else None
        if self.kind in (ChannelKind.url, ChannelKind.chat):
            allowed = ("http", "https") if self.kind is ChannelKind.url else ("https",)
            if not _WEB_LINK.fullmatch(value) or value.split(":", 1)[0].lower() not in allowed:
                return None
            return value.replace("(", "%28").replace(")", "%29")  # the same address, safe inside Markdown's (...)
        return None


# --------------------------------------------------------------------------- handbook


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


class ChangelogEntry(Strict):
    version: ShortText = Field(description="The policy version this entry describes.")
    date: dt.date = Field(description="When the change took effect (YYYY-MM-DD).")
    changes: list[Text] = Field(min_length=1, description="What changed, one line each.")


UNDATED_WEEK = dt.date(2026, 1, 5)  # a Monday: the coverage week of a policy with no effective date


class Handbook(Strict):
    organisation: ShortText = Field(description="Who the handbook belongs to.")
    title: ShortText = Field(description="The site's title.")
    version: ShortText | None = Field(
        default=None, description='The policy version, shown on every page (quote it: "2.1"); pages say '
        "'not set' without it, and the release history needs it.")
    effective_date: dt.date | None = Field(
        default=None, description="From when this policy applies (YYYY-MM-DD); also the week the coverage "
        "heat-map and shift calendars start from (without it: the week of 2026-01-05).")
    policy_owner: ConnectingRoleRef = Field(description="The role that owns this policy (a role id).")
    review_cycle_months: int | None = Field(
        default=None, gt=0, le=60, description="How often the policy is reviewed, in months (the default "
        "for every 'review:'; without either, a review never comes due).")
    change_approvers: list[ConnectingRoleRef] = Field(
        default_factory=list,
        description="Roles one of whom approves a change to a policy file besides the file's owner (role ids). "
                    "Empty: the policy names no second approver, and the file's owner approves alone.")
    welcome: Markdown | None = Field(default=None, description="Markdown. Shown on the home page under the title.")
    site_url: str | None = Field(default=None, description="Ignored (deprecated): set site_url in mkdocs.yml.")
    changelog: list[ChangelogEntry] = Field(default_factory=list, description="What changed, newest first.")

    @property
    def week_anchor(self) -> dt.date:
        """The day shift patterns are laid on a real calendar (so DST applies as it did that week):
        the effective date, or a fixed Monday when the policy states none (same input, same output)."""
        return self.effective_date or UNDATED_WEEK


class ReachTier(Strict):
    id: Id
    name: ShortText = Field(description="The tier's name.")
    min_followers: int | None = Field(
        default=None, ge=0, description="Accounts with at least this audience fall in this tier; without it, "
        "accounts join the tier only by naming it ('tier:').")
    description: Text | None = Field(default=None, description="What the tier means for the team.")


class Team(Strict):
    id: Id
    name: ShortText = Field(description="The team's or brand's name.")
    description: Text | None = Field(default=None, description="What the team does.")
    channels: list[Channel] = Field(
        default_factory=list, description="How a reader reaches the team: its chat channel, email, ticket "
        "queue (shown on the team's page and wherever an account it runs is listed).")


# --------------------------------------------------------------------------- accounts


class Limits(Strict):
    max_chars: int | None = Field(default=None, gt=0, description="Longest post, as the platform counts it.")
    link_length: int | None = Field(
        default=None, gt=0, description="Characters every link counts as, whatever its length."
    )
    max_hashtags: int | None = Field(description="Most hashtags in one post.", default=None, ge=0)
    max_mentions: int | None = Field(description="Most @mentions in one post.", default=None, ge=0)
    max_links: int | None = Field(description="Most links in one post.", default=None, ge=0)
    max_media: int | None = Field(description="Most images or videos in one post.", default=None, ge=0)


class Volume(Strict):
    """How much an account posts, as the team plans it: "3 to 5 posts a day, never more than 8;
    reposts do not count". Any of min, target and max may be left out."""

    per: Literal["day", "week"] = Field(description="What the numbers count: posts per day or per week.")
    min: int | None = Field(default=None, ge=0, description="The fewest posts; a quieter day (week) is flagged.")
    target: int | None = Field(default=None, ge=0, description="What the team aims for.")
    max: int | None = Field(default=None, ge=0, description="The cap; a busier day (week) is flagged.")
    not_counted: list[ShortText] = Field(
        default_factory=list, description="Kinds of post that do not count, as the scheduler's export names "
        "them in its type column, e.g. repost, reply.")
    note: Text | None = Field(default=None, description="Anything else the team says about it.")

    @model_validator(mode="after")
    def _in_order(self) -> Volume:
        numbers = [n for n in (self.min, self.target, self.max) if n is not None]
        if not numbers:
            raise ValueError("a posting volume needs min, target or max")
        if numbers != sorted(numbers):
            raise ValueError("min, target and max must be in that order (min <= target <= max)")
        return self


class Inbox(Strict):
    """Who watches what comes in (mentions, messages, comments) and how often."""

    sources: list[ShortText] = Field(
        min_length=1, description="What is checked, as the team calls it: mentions, DMs, comments, reviews...")
    checked_by: list[ConnectingRoleRef] = Field(min_length=1, description="The roles that check it (role ids).")
    times_per_business_day: int | None = Field(
        default=None, ge=1, le=96, description="How many rounds each business day (Monday to Friday).")
    times_per_weekend_day: int | None = Field(
        default=None, ge=0, le=96, description="How many rounds on Saturday and Sunday (0: not checked at "
        "weekends; unset: the policy does not say).")
    at: list[Clock] = Field(
        default_factory=list, description="When the rounds are on business days (HH:MM; empty: the policy "
        "gives no times). The on-shift page and `playbook oncall` say which round is due next.")
    weekend_at: list[Clock] = Field(
        default_factory=list, description="When the rounds are on Saturday and Sunday (HH:MM).")
    timezone: TimeZone | None = Field(
        default=None, description="The zone of `at` and `weekend_at` (default: the account's posting hours' "
        "zone, else the handbook's reference zone).")
    note: Text | None = Field(default=None, description="Anything else: tools, what to do with what is found.")

    @model_validator(mode="after")
    def _times_match_counts(self) -> Inbox:
        """Times and counts are one fact written twice: they must agree, or one of them is a typo."""
        for times, count, name in ((self.at, self.times_per_business_day, "times_per_business_day"),
                                   (self.weekend_at, self.times_per_weekend_day, "times_per_weekend_day")):
            if times and count is not None and len(times) != count:
                raise ValueError(f"{len(times)} round times given but {name} is {count}; give as many times "
                                 f"as rounds, or leave {name} out (the times count them)")
            if len(set(times)) != len(times):
                raise ValueError("a round time is listed twice")
        return self

    def rounds_on(self, weekend: bool) -> int | None:
        """How many rounds on a business day or a weekend day; the times count them when no count
        is written; None where the policy says neither."""
        times, count = (self.weekend_at, self.times_per_weekend_day) if weekend else (
            self.at, self.times_per_business_day)
        return count if count is not None else (len(times) if times else None)


class Duty(Strict):
    """A task a role does on a rhythm, not in response to something."""

    every: Literal["day", "week", "month", "quarter", "year"] = Field(description="How often.")
    task: Text = Field(description="What to do.")
    when: ShortText | None = Field(default=None, description='When in the period, e.g. "Monday morning".')


# Routing and purpose (issue 25): what a platform is for, and the venues watched without an account.


class Pillar(Strict):
    """A content pillar: one of the few themes every post belongs to, tagged so reports count it."""

    id: Id
    name: ShortText = Field(description="The pillar's name, e.g. Product news.")
    tag: ShortText | None = Field(
        default=None, description="How reports and the scheduler tag a post of this pillar, e.g. pillar:product.")
    description: Text | None = Field(default=None, description="What belongs in it.")


class MixShare(Strict):
    """One pillar's share of a platform's posts."""

    pillar: PillarRef = Field(description="A content pillar (a pillar id from pillars:).")
    share: int = Field(ge=0, le=100, description="Its share of the platform's posts, in percent.")


class Venue(Strict):
    """A place the team listens without an account of its own (a forum, Hacker News, Reddit, a
    review site): who watches it, how often, and where to flag what they find."""

    id: Id
    name: ShortText = Field(description="The venue's name, e.g. Hacker News.")
    link: ShortText | None = Field(default=None, description="Where it is, e.g. https://news.ycombinator.com.")
    watched_by: list[ConnectingRoleRef] = Field(min_length=1, description="The roles that watch it (role ids).")
    every: Literal["hour", "day", "week", "month"] | None = Field(
        default=None, description="How often it is checked: every hour, day, week or month (unset: the policy "
        "does not say).")
    times: int = Field(default=1, ge=1, le=96, description="How many checks in each period (default 1).")
    flag_to: ConnectingRoleRef | None = Field(
        default=None, description="The role told about what needs an answer (a role id).")
    channels: list[Channel] = Field(
        default_factory=list, description="Where to flag it: a chat channel, queue or email ({label, value, kind}; "
        "`internal: true` keeps it out of a public build).")
    note: Text | None = Field(default=None, description="Anything else: what to look for, what not to do.")
# --------------------------------------------------------------------------- media specs and timelines
# (issue 25: what a platform takes in images and video; a crisis plan as a timeline. Kept
# together, apart from the sections around them.)

Size = Annotated[str, StringConstraints(pattern=r"^[1-9]\d{0,4}x[1-9]\d{0,4}$"),
                 Field(description="Pixels as WIDTHxHEIGHT, e.g. 1080x1350.")]
Ratio = Annotated[str, StringConstraints(pattern=r"^\d{1,3}(\.\d{1,3})?:\d{1,3}(\.\d{1,3})?$"),
                  Field(description="An aspect ratio as WIDTH:HEIGHT, e.g. 4:5, 9:16 or 1.91:1.")]
Megabytes = Annotated[float, Field(gt=0, le=1_000_000)]
Seconds = Annotated[float, Field(gt=0, le=60 * 60 * 24)]


class ImageSpec(Strict):
    """What the platform takes in a still image. Every field is optional: only what is set is checked."""

    sizes: list[Size] = Field(
        default_factory=list, description="Recommended sizes (WIDTHxHEIGHT); another size is a hint, not an error.")
    ratios: list[Ratio] = Field(default_factory=list, description="Aspect ratios allowed (empty: any).")
    min_resolution: Size | None = Field(
        default=None, description="The smallest width and height, e.g. 1080x1080: a smaller image is flagged.")
    max_megabytes: Megabytes | None = Field(default=None, description="The largest file, in megabytes.")


class VideoSpec(Strict):
    """What the platform takes in a video; the hook is a guideline shown to the writer, not checked."""

    ratios: list[Ratio] = Field(default_factory=list, description="Aspect ratios allowed (empty: any).")
    min_seconds: Seconds | None = Field(default=None, description="The shortest video, in seconds.")
    max_seconds: Seconds | None = Field(default=None, description="The longest video, in seconds.")
    min_resolution: Size | None = Field(
        default=None, description="The smallest width and height, e.g. 720x1280: a smaller video is flagged.")
    max_megabytes: Megabytes | None = Field(default=None, description="The largest file, in megabytes.")
    captions_required: bool | None = Field(
        default=None, description="True: every video carries captions or subtitles (burnt in or a caption file).")
    hook_seconds: int | None = Field(
        default=None, ge=1, le=60, description="The guideline: say what the video is about within this many "
                                               "seconds (shown to the writer with each video, not checked).")
    hook: Text | None = Field(default=None, description="The guideline in the team's words, e.g. show the drink, "
                                                        "not the logo, first.")

    @model_validator(mode="after")
    def _shortest_first(self) -> VideoSpec:
        if self.min_seconds is not None and self.max_seconds is not None and self.min_seconds > self.max_seconds:
            raise ValueError(f"min_seconds ({self.min_seconds:g}) is longer than max_seconds ({self.max_seconds:g})")
        return self


class MediaSpec(Strict):
    """Media specs of a platform; an account's own spec overrides its platform's field by field."""

    image: ImageSpec | None = Field(default=None, description="Still images.")
    video: VideoSpec | None = Field(default=None, description="Videos.")
    notes: list[Text] = Field(default_factory=list, description="Anything else about media here, one line each.")


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


class Platform(Strict):
    id: Id
    name: ShortText = Field(description="The platform's name.")
    priority: int | None = Field(
        default=None, ge=1, le=100, description="The team's order of platforms: 1 comes first (unset: the "
        "policy does not rank it).")
    content_mix: list[MixShare] = Field(
        default_factory=list, description="What the posts here are made of: a share per content pillar, in "
        "percent (at most 100 in all), e.g. [{pillar: product, share: 60}].")
    limits: Limits = Field(description="What the platform allows in one post.", default_factory=Limits)
    posting: Volume | None = Field(
        default=None, description="How much each account on this platform posts (an account's own wins).")
    inbox: Inbox | None = Field(
        default=None, description="How the inboxes of accounts on this platform are watched (an account's own wins).")
    notes: list[Text] = Field(default_factory=list, description="What to know when posting here.")
    do: list[Text] = Field(description="Good practice on this platform.", default_factory=list)
    dont: list[Text] = Field(description="What to avoid on this platform.", default_factory=list)
    media: MediaSpec | None = Field(default=None, description="What the platform takes in images and video.")

    @model_validator(mode="after")
    def _mix_adds_up(self) -> Platform:
        total = sum(share.share for share in self.content_mix)
        if total > 100:
            raise ValueError(f"the content mix adds up to {total}%; its shares must add up to 100 or less")
        pillars = [share.pillar for share in self.content_mix]
        if len(set(pillars)) != len(pillars):
            raise ValueError("a pillar appears twice in the content mix; give each pillar one share")
        return self


class PostingHours(Strict):
    timezone: TimeZone
    start: Clock
    end: Clock
    days: list[Weekday] = Field(
        description="Days it posts (default: every day).", default_factory=lambda: list(Weekday)
    )


def _check_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code in capitals; UK, as people write it, is GB."""
    code = value.upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"'{value}' is not a country code; write the two letters of ISO 3166-1, e.g. GB, US, DE")
    return "GB" if code == "UK" else code


Country = Annotated[str, AfterValidator(_check_country)]


class Account(Strict):
    id: Id
    name: ShortText = Field(description="How the account is named in the handbook.")
    platform: PlatformRef = Field(description="A platform id.")
    handle: ShortText = Field(description="The handle as it appears on the platform, e.g. @brand.")
    audience: int | None = Field(
        default=None, ge=0, description="Followers; sets the account's reach tier unless 'tier:' names one "
        "(pages say 'not set' without it).")
    tier: TierRef | None = Field(
        default=None, description="The account's reach tier, when the policy assigns it rather than counting "
        "followers (a tier id).")
    purpose: Text | None = Field(default=None, description="What the account is for, in a sentence.")
    run_elsewhere: ShortText | None = Field(
        default=None, description="Another department that runs it (e.g. Support): listed so that the team knows "
        "it and where to send people, but not ours to post on; it needs no owner.")
    region: ShortText | None = Field(default=None, description="The region or market it serves, e.g. UK.")
    country: Country | None = Field(
        default=None, description="The country of its audience, an ISO 3166-1 alpha-2 code (GB, US, DE; UK is "
        "read as GB): the knowledge packs of that country (packs.use) apply to it. When no account names a "
        "country, a country pack applies to every account.")
    team: TeamRef | None = Field(default=None, description="The team or brand that runs it (a team id).")
    owner: ConnectingRoleRef | None = Field(
        default=None, description="The role accountable for the account (a role id); required unless "
        "'run_by' or 'run_elsewhere' names the team that runs it.")
    posting_hours: PostingHours | None = Field(default=None, description="When the account normally posts.")
    posting: Volume | None = Field(default=None, description="How much it posts (default: its platform's).")
    inbox: Inbox | None = Field(default=None, description="How its inbox is watched (default: its platform's).")
    limits: Limits = Field(default_factory=Limits, description="Overrides of the platform's limits.")
    media: MediaSpec | None = Field(
        default=None, description="Overrides of the platform's media specs, field by field.")
    personal_content_allowed: bool = Field(default=False, description="True only for a person's own account.")
    publishers: list[ConnectingRoleRef] = Field(
        default_factory=list,
        description="Roles that may publish on this account (role ids; empty: every role with the publish "
                    "permission). Anyone else's post needs one of them to publish it.")
    run_by: TeamRef | None = Field(
        default=None, description="Another team that runs it (a team id from teams:): listed as run by that team, "
        "with its channels, not ours to post on; the checker refuses a draft for it. It needs no owner.")
    review: EntityReview = None

    @model_validator(mode="after")
    def _owned(self) -> Account:
        if self.owner is None and self.run_elsewhere is None and self.run_by is None:
            raise ValueError("an account needs 'owner' (a role id), or 'run_by' (a team id) or 'run_elsewhere' "
                             "when another team runs it")
        return self

    @property
    def runs_elsewhere(self) -> bool:
        """Whether another team runs it: not ours to post on."""
        return self.run_elsewhere is not None or self.run_by is not None


# --------------------------------------------------------------------------- roles


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


# --------------------------------------------------------------------------- escalation


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


class KeywordContext(Strict):
    """A keyword that counts only near one of its context words: `recall` with [product, batch]."""

    keyword: ShortText = Field(description="One of the trigger's keywords, as written there.")
    with_: list[ShortText] = Field(
        alias="with", min_length=1,
        description="Words or phrases one of which must stand near the keyword, as written (list plurals "
                    "too), e.g. [product, products, batch, safety]: without one, the keyword alone stays calm.")
    within: int = Field(default=5, ge=1, le=30, description="How many words before or after the keyword may "
                                                             "hold the context (default 5).")


class Trigger(Strict):
    id: Id
    name: ShortText = Field(description="The trigger's name.")
    category: CategoryRef = Field(description="The kind of topic, a category id from process.categories; "
                                              "approval rules use it.")
    description: Text = Field(description="What the trigger covers.")
    keywords: list[ShortText] = Field(default_factory=list, description="Words and phrases that suggest this trigger.")
    signals: list[Signal] = Field(description="Signals that suggest it, e.g. legal_threat.", default_factory=list)
    severity: SeverityRef = Field(description="A severity id.")
    actions: list[ActionRef] = Field(description="Actions that may be taken (action ids).", default_factory=list)
    holding_statement: HoldingRef | None = Field(default=None, description="The holding statement to use (an id).")
    owner: OwnerRef | None = Field(
        default=None, description="Who owns the situation and follows it up: a role id, `receiver` (whoever "
        "received it) or `none` (nobody: it is noted, not followed up). Shown by triage, the checker and "
        "the owner's role page.")
    platforms: list[PlatformRef] = Field(
        default_factory=list, description="Only on these platforms (platform ids): a draft for an account "
        "elsewhere does not fire it (empty: every platform).")
    accounts: list[AccountRef] = Field(
        default_factory=list, description="Only on these accounts (account ids), besides those on `platforms` "
        "(empty with no platforms: every account).")
    verify_first: bool = Field(default=False, description="Verify the whole story before reacting.")
    question: ShortText | None = Field(default=None, description="How the triage wizard asks about it.")
    unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which a keyword is innocent, e.g. "shoot us a message".')
    case_sensitive: list[ShortText] = Field(
        default_factory=list, description="Keywords matched only with the capitals as written (e.g. ICE, not ice).")
    endings: list[ShortText] = Field(
        default_factory=list, description="Keywords whose word endings count too (recall: recalls, recalled, "
                                          "recalling); any other keyword matches only as written.")
    context: list[KeywordContext] = Field(
        default_factory=list, description="Keywords that count only with context nearby, e.g. "
                                          "{keyword: recall, with: [product, batch, safety]}.")
    review: EntityReview = None

    def keyword_labels(self, brief: bool = False) -> list[str]:
        """The keywords as pages list them: one that needs context says so, "recall (near
        product, products, batch, batches or 23 more)", so a reader knows recall alone is calm.
        `brief` says only "recall (in context)": the triage tree lists every trigger in one
        table and must stay printable; the severity page gives the words in full."""
        contexts = {c.keyword.casefold(): c for c in self.context}
        labels = []
        for keyword in self.keywords:
            context = contexts.get(keyword.casefold())
            if context is None:
                labels.append(keyword)
                continue
            if brief:
                labels.append(f"{keyword} (in context)")
                continue
            shown, rest = context.with_[:4], len(context.with_) - 4
            near = ", ".join(shown[:-1]) + (f", {shown[-1]} or {rest} more" if rest > 0 else
                                             f" or {shown[-1]}" if len(shown) > 1 else shown[0])
            labels.append(f"{keyword} (near {near})")
        return labels


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


class HoldingStatement(Strict):
    id: Id
    name: ShortText = Field(description="A short name for the statement.")
    text: Text = Field(description="The statement, ready to post.")
    owner: RoleRef = Field(description="A role id.")
    expires: dt.date | None = Field(
        default=None, description="When the wording must be reviewed (YYYY-MM-DD); none for a canned reply "
        "that does not lapse.")
    platforms: list[PlatformRef] = Field(default_factory=list, description="Platform ids (empty: all).")


class SpreadLevel(Strict):
    id: Id
    label: ShortText = Field(description="How it reads in the triage wizard.")
    raise_by: int = Field(ge=0, le=5, description="Severity levels to add when it has spread this far.")


# --------------------------------------------------------------------------- approvals


class ApprovalRule(Strict):
    id: Id
    name: ShortText = Field(
        description="The rule's name, unique: every page cites the rule by it (e.g. Legal needs legal)."
    )
    description: Text = Field(description="The rule in one or two sentences, as the team reads it.")
    tiers: list[TierRef] = Field(default_factory=list, description="Reach tiers (empty: all).")
    categories: list[CategoryRef] = Field(default_factory=list, description="Trigger category ids (empty: all).")
    min_severity: SeverityRef | None = Field(default=None, description="Applies from this severity up.")
    approvers: list[ConnectingRoleRef] = Field(min_length=1, description="Roles that may approve (role ids).")
    approvals_needed: int = Field(description="How many of the approvers must sign off.", default=1, ge=1, le=5)
    review: EntityReview = None


class TwoPersonRule(Strict):
    tiers: list[TierRef] = Field(min_length=1, description="Reach tiers where every post needs a second person.")
    approvers: list[ConnectingRoleRef] = Field(
        description="Roles that may be the second person (role ids).", min_length=1
    )
    description: Text = Field(description="The rule as the team reads it.")


class VerifyRule(Strict):
    categories: list[CategoryRef] = Field(description="Trigger category ids it applies to.", min_length=1)
    sources_required: int = Field(description="Independent sources needed before reacting.", ge=1, le=5)
    wait_minutes: Minutes = Field(description="Least time to wait before reacting.")
    approver: RoleRef
    description: Text = Field(description="The rule as the team reads it.")


class Approvals(Strict):
    two_person_rule: TwoPersonRule | None = Field(
        default=None, description="Posts on the biggest accounts need a second person."
    )
    verify_before_reacting: VerifyRule | None = Field(default=None, description="The rule for reacting to news.")
    rules: list[ApprovalRule] = Field(
        description="Who signs off what, by reach tier, topic and severity.", default_factory=list
    )


# --------------------------------------------------------------------------- voice


class Trait(Strict):
    id: Id
    is_: ShortText = Field(alias="is", description="What the voice is.")
    not_: ShortText = Field(alias="not", description="What it must not tip over into.")
    explanation: Text = Field(description="What the trait means in practice.")


class Tone(Strict):
    id: Id
    situation: ShortText = Field(description="The situation, e.g. a complaint.")
    tone: Text = Field(description="How we sound in it.")
    example: Text = Field(description="An example post or reply.")
    avoid: Text | None = Field(default=None, description="What to avoid in this situation.")


StyleLimit = Annotated[int, Field(ge=0)] | Literal["none"] | None


class StyleRules(Strict):
    """House limits. Unset: the policy says nothing and nothing is checked; "none": the team
    states that there is no limit. No number is ever assumed for a team."""

    max_exclamation_marks: StyleLimit = Field(
        default=None, description='Most exclamation marks in one post ("none": no limit).')
    max_emoji: StyleLimit = Field(default=None, description='Most emoji in one post ("none": no limit).')
    max_hashtags: StyleLimit = Field(default=None, description='Most hashtags in one post ("none": no limit).')
    all_caps_words: StyleLimit = Field(
        default=None, description='How many ALL-CAPS words a post may have (0: none at all; "none": no limit).')
    sign_off: ShortText | None = Field(default=None, description="Sign-off pattern for replies, e.g. ^initials.")
    sign_off_accounts: list[AccountRef] = Field(
        default_factory=list, description="Accounts whose replies need the sign-off (account ids; empty: all).")
    notes: list[Text] = Field(description="Other style rules, one line each.", default_factory=list)

    def limit(self, key: str) -> int | None:
        """The number a post must keep, or None where the policy sets no limit (unset or "none")."""
        value = getattr(self, key)
        return value if isinstance(value, int) else None


class Disclosure(Strict):
    """A tag or line some posts must carry: set by words in the post, by the domains it links to,
    or both (at least one)."""

    id: Id
    when: list[ShortText] = Field(default_factory=list, description="Words that make a post need the tag.")
    domains: list[ShortText] = Field(
        default_factory=list, description="Link domains that make a post need it, e.g. amzn.to (a subdomain counts).")
    tag: ShortText = Field(description="The tag or text the post must carry, e.g. #ad or Paid partnership.")
    position: Literal["start", "end", "anywhere"] = Field(
        default="anywhere", description="Where it goes: start (before the first word), end (after the last "
                                        "word; tags, mentions and links may follow) or anywhere.")
    unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which a word is innocent, e.g. "gift box".')

    @model_validator(mode="after")
    def _set_by_something(self) -> Disclosure:
        if not self.when and not self.domains:
            raise ValueError("a disclosure needs 'when:' (words) or 'domains:' (linked domains), or both")
        return self


class Example(Strict):
    id: Id
    situation: ShortText = Field(description="The situation the example is about.")
    do: Text = Field(description="What we write.")
    dont: Text = Field(description="What we never write.")
    why: Text = Field(description="Why the first works and the second does not.")


class Hashtag(Strict):
    # Not \w{1,100}: pydantic compiles patterns in Rust, and that bounded Unicode repetition
    # alone took 10 MB of memory; the length bound says the same in a few bytes.
    tag: Annotated[str, StringConstraints(pattern=r"^#\w+$", max_length=101)] = Field(description="With the #.")
    campaign: ShortText = Field(description="The campaign the hashtag belongs to.")
    until: dt.date | None = Field(default=None, description="Last day of the campaign (YYYY-MM-DD).")


class MediaRules(Strict):
    alt_text_required: bool | None = Field(
        default=None, description="true: every image needs alt text (checked); false: not required; unset: "
        "the policy does not say.")
    no_images_from_messages: bool | None = Field(
        default=None, description="true: never post an image saved from an incoming message (checked); unset: "
        "the policy does not say.")
    approved_link_domains: list[ShortText] = Field(
        description="The only domains posts may link to.", default_factory=list
    )
    notes: list[Text] = Field(description="Other media rules, one line each.", default_factory=list)


class Voice(Strict):
    summary: Markdown | None = Field(default=None, description="Markdown. The voice in a paragraph.")
    traits: list[Trait] = Field(description="The voice as 'X but not Y' pairs.", default_factory=list)
    tones: list[Tone] = Field(description="Tone by situation.", default_factory=list)
    style: StyleRules = Field(description="Style rules a post is checked against.", default_factory=StyleRules)
    disclosures: list[Disclosure] = Field(description="Tags some posts must carry, e.g. #ad.", default_factory=list)
    personal_content: list[ShortText] = Field(default_factory=list, description="Words that mark personal content.")
    personal_content_unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which those words are innocent, e.g. "flat white".')
    examples: list[Example] = Field(description="Do and don't examples.", default_factory=list)
    hashtags: list[Hashtag] = Field(default_factory=list, description="Approved campaign hashtags.")
    media: MediaRules = Field(description="Rules for images, video and links.", default_factory=MediaRules)


class Term(Strict):
    term: ShortText = Field(description="The word or phrase.")
    kind: TermKind = Field(description="preferred, banned, profanity or caution.")
    reason: Text = Field(description="Why: shown to whoever uses the term.")
    use_instead: ShortText | None = Field(default=None, description="For banned or caution terms.")
    replaces: list[ShortText] = Field(default_factory=list, description="For preferred terms: what it replaces.")
    unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which the term is innocent, e.g. "shoot us a message".')
    case_sensitive: bool = Field(
        default=False, description="Match only when written with the same capitals (e.g. AIDS, not aids).")
    endings: bool | None = Field(
        default=None, description="Whether word endings count too (cheap: cheaper, cheapest). Default: "
                                  "yes for profanity (a swear word's endings swear too), no for the rest.")


class TermEntry(Term):
    """A vocabulary entry as written: one word (`term`), or several words (`terms`) that share
    the kind, the reason and the rest, the way a policy lists them ("never write X, Y or Z:
    ..."). Loading turns an entry into one Term per word, so every page and the checker see
    words, and each is located at its entry."""

    term: ShortText | None = Field(  # type: ignore[assignment]
        default=None, description="The word or phrase (or list several in 'terms').")
    terms: list[ShortText] = Field(
        default_factory=list, description="Several words or phrases that share this entry's kind, reason and the "
        "rest (instead of 'term').")

    @model_validator(mode="after")
    def _one_way(self) -> TermEntry:
        if (self.term is None) == (not self.terms):
            raise ValueError("a vocabulary entry needs either 'term' (one word) or 'terms' (a list), not both")
        return self

    def words(self) -> list[Term]:
        """One Term per word, each with the entry's shared fields."""
        shared = self.model_dump(exclude={"term", "terms"})
        return [Term(term=word, **shared) for word in ([self.term] if self.term is not None else self.terms)]


# --------------------------------------------------------------------------- crisis


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


# --------------------------------------------------------------------------- somebody else's crisis


class Pause(str, Enum):
    """What a sensitive date or a live event holds back: promotions, or any hashtag."""

    promotions = "promotions"
    hashtags = "hashtags"


def _check_date_of_year(value: str) -> str:
    """Accept MM-DD (every year) or YYYY-MM-DD (once)."""
    match = re.fullmatch(r"(?:(\d{4})-)?(\d{2})-(\d{2})", value)
    try:
        if not match:
            raise ValueError
        dt.date(int(match.group(1) or 2000), int(match.group(2)), int(match.group(3)))  # 2000: 29 Feb exists
    except ValueError:
        raise ValueError(f"'{value}' is not a date; write MM-DD for every year (09-11) or YYYY-MM-DD once") from None
    return value


DATE_FORMS = ("date", "rule", "easter", "orthodox_easter", "dates")
MovableRule = Annotated[str, AfterValidator(check_rule)]
DateOfYear = Annotated[str, AfterValidator(_check_date_of_year),
                       Field(description="MM-DD for every year, or YYYY-MM-DD for one year.")]


class Sensitive(Strict):
    """What a sensitive date and a live event both say: the words that name it, how a mention
    escalates, and what waits for approval while it lasts."""

    keywords: list[ShortText] = Field(default_factory=list, description="Its names, places and people.")
    endings: list[ShortText] = Field(
        default_factory=list, description="Keywords whose word endings count too; any other keyword matches only "
                                          "as written.")
    hashtags: list[ShortText] = Field(default_factory=list, description="Its hashtags.")
    unless: list[ShortText] = Field(default_factory=list, description="Phrases in which a keyword is innocent.")
    severity: SeverityRef = Field(description="How a post that mentions it while it lasts escalates.")
    pauses: list[Pause] = Field(default_factory=lambda: [Pause.promotions],
                                description="What needs approval while it lasts: promotions, hashtags.")


class SensitiveDate(Sensitive):
    id: Id
    name: ShortText = Field(description="The day as people call it, e.g. Remembrance Sunday.")
    date: DateOfYear | None = Field(default=None, description="MM-DD for every year, or YYYY-MM-DD for one year "
                                                              "(or write rule, easter or orthodox_easter instead).")
    rule: MovableRule | None = Field(
        default=None, description="A day that moves, as an iCalendar RRULE (RFC 5545), e.g. "
                                  "FREQ=YEARLY;BYMONTH=11;BYDAY=2SU for the second Sunday of November.")
    easter: int | None = Field(default=None, ge=-100, le=100,
                               description="A day that moves with Easter: days from Western Easter Sunday "
                                           "(Good Friday is -2).")
    orthodox_easter: int | None = Field(default=None, ge=-100, le=100,
                                        description="Days from Orthodox Easter Sunday.")
    dates: list[dt.date] | None = Field(
        default=None, min_length=1, description="One-off dates (YYYY-MM-DD) of a day that no rule can say, such as "
                                                "one of a lunar calendar.")
    description: Text | None = Field(default=None, description="Why the day is sensitive.")
    days_before: int = Field(default=1, ge=0, le=30, description="Days of the window before the date.")
    days_after: int = Field(default=1, ge=0, le=30, description="Days of the window after the date.")
    accounts: list[AccountRef] = Field(default_factory=list, description="Accounts it concerns (empty: all).")
    tiers: list[TierRef] = Field(default_factory=list, description="Reach tiers it concerns (empty: all).")

    @model_validator(mode="after")
    def _one_date(self) -> SensitiveDate:
        given = [name for name in DATE_FORMS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a sensitive date needs exactly one of date, rule, easter, orthodox_easter or dates "
                             f"(found {', '.join(given) or 'none'})")
        return self

    @property
    def when(self) -> str:
        """How pages say when it falls: the date as written, or the rule it moves by."""
        return self.date or movable_text(self) or ""


class WatchEvent(Sensitive):
    id: Id
    name: ShortText = Field(description="The event as the news names it.")
    description: Text | None = Field(default=None, description="What is happening, in a line.")
    added_by: RoleRef = Field(description="The role of whoever added it (a role id).")
    since: dt.datetime = Field(description="When it started (YYYY-MM-DD HH:MM, in timezone).")
    expires: dt.datetime = Field(description="When to stop watching unless renewed (YYYY-MM-DD HH:MM).")
    timezone: TimeZone = Field(default="UTC", description="The time zone of since and expires.")
    accounts: list[AccountRef] = Field(default_factory=list, description="Accounts it concerns (empty: all).")
    tiers: list[TierRef] = Field(default_factory=list, description="Reach tiers it concerns (empty: all).")


class PackOverride(Strict):
    """A pack entry as this team wants it: any field left out keeps the pack's own."""

    severity: SeverityRef | None = Field(default=None, description="Our severity for it (a severity id).")
    accounts: list[AccountRef] | None = Field(default=None, description="Accounts it concerns (a day only).")
    tiers: list[TierRef] | None = Field(default=None, description="Reach tiers it concerns (a day only).")
    days_before: int | None = Field(default=None, ge=0, le=30, description="Days of a day's window before it.")
    days_after: int | None = Field(default=None, ge=0, le=30, description="Days of a day's window after it.")
    pauses: list[Pause] | None = Field(default=None, description="What needs approval inside a day's window.")
    unless: list[ShortText] = Field(default_factory=list, description="Phrases in which its words are innocent.")


AbstractSeverity = Literal["high", "moderate", "low"]
# A pack entry's id is prefixed with its pack's (core-, gb-, lex-de-): not an id of this policy.
PackEntryId = Annotated[str, StringConstraints(pattern=r"^(?:core|lex-[a-z]{2}|[a-z]{2})-[a-z0-9][a-z0-9-]{0,58}$"),
                        Field(description="A pack entry id, e.g. gb-remembrance-sunday (`playbook packs show ID`).")]
# The levels and categories the packs' own words map onto, checked against the policy by
# load/policy/packs.py (a mapping's keys are the packs' words, its values the policy's ids).
MappedId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=63)]
PackId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$|^core$|^lex-[a-z]{2}$"),
                   Field(description="A pack id: core, a country code (gb, us, de...) or lex-<language>.")]


class Packs(Strict):
    """Which knowledge packs the team turns on, and what it changes in them (see `playbook packs`)."""

    use: list[PackId] = Field(
        default_factory=list, description="Pack ids to turn on: core (international days, tragedies and risk "
        "lexicons) and country codes (gb, us, de, ...; uk is gb). A country's language pack (lex-de) comes "
        "with it. Country days apply to the accounts of that country.")
    off: list[PackEntryId] = Field(default_factory=list, description="Pack entry ids to switch off.")
    override: dict[PackEntryId, PackOverride] = Field(
        default_factory=dict, description="Pack entry id -> what to change in it (severity, accounts, window...).")
    severities: dict[AbstractSeverity, MappedId] = Field(
        default_factory=dict, description="Our severity for the packs' high, moderate and low (default: by rank: "
        "low is our least severe level, high the level three quarters of the way up, moderate halfway).")
    categories: dict[ShortText, MappedId] = Field(
        default_factory=dict, description="Lexicon category (violence, drugs, politics, press...) -> our trigger "
        "category, which approval rules name (default: a built-in mapping, see the Knowledge packs page).")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        """`packs: [core, gb]` is `packs: {use: [core, gb]}`."""
        return {"use": value} if isinstance(value, list) else value


# --------------------------------------------------------------------------- training


class Choice(Strict):
    id: Id
    text: Text = Field(description="The answer as the trainee reads it.")
    explanation: Text = Field(description="Shown after answering: why it is right or wrong.")


class Question(Strict):
    id: Id
    question: Text = Field(description="The question.")
    kind: Literal["single", "multiple"] = Field(default="single", description="single (one right answer) or multiple.")
    choices: list[Choice] = Field(description="The possible answers.", min_length=2)
    correct: list[ChoiceRef] = Field(min_length=1, description="Ids of the right choices.")


class Exercise(Strict):
    id: Id
    prompt: Text = Field(description="The task, e.g. rewrite this reply in our voice.")
    model_answer: Text = Field(description="A good answer, revealed on demand.")


class Module(Strict):
    id: Id
    title: ShortText = Field(description="The module's title.")
    summary: Text = Field(description="What the module is about, in a sentence.")
    minutes: Minutes = Field(description="How long it takes.")
    objectives: list[Text] = Field(description="What the trainee can do afterwards.", min_length=1)
    content: Markdown = Field(description="Markdown. The lesson itself.")
    exercises: list[Exercise] = Field(description="Practice tasks with model answers.", default_factory=list)
    quiz: list[Question] = Field(description="Self-check questions.", default_factory=list)
    review: EntityReview = None


class Milestone(Strict):
    id: Id
    title: ShortText = Field(description="For example: Day 1, Week 1, Month 1.")
    tasks: list[Text] = Field(description="What the new hire does by this milestone.", min_length=1)
    modules: list[ModuleRef] = Field(
        description="Training modules to finish by then (module ids).", default_factory=list
    )
    signed_off_by: RoleRef | None = Field(
        default=None, description="The role that signs the milestone off (needs the sign_off permission)."
    )
    milestone: MilestoneRef | None = Field(
        default=None, description="Which of the declared process.milestones this is (a milestone id; optional).")


class OnboardingPath(Strict):
    role: RoleRef
    milestones: list[Milestone] = Field(description="Day 1, Week 1, Month 1, ... in order.", min_length=1)


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



# --------------------------------------------------------------------------- the whole policy


class Playbook(Strict):
    """The whole policy, merged from every file and checked across files."""

    handbook: Handbook = Field(description="Title, version, effective date, owner.")
    reach_tiers: list[ReachTier] = Field(
        default_factory=list, description="Audience thresholds (or named sizes) that set an account's tier.")
    teams: list[Team] = Field(description="Teams or brands that group roles and accounts.", default_factory=list)
    platforms: list[Platform] = Field(description="Platforms and their limits.")
    accounts: list[Account] = Field(description="The accounts the team runs.")
    roles: list[Role] = Field(description="Who does what.")
    process: Process = Field(
        default_factory=Process,
        description="The team's own vocabularies: trigger categories, progression stages, onboarding milestones.")
    roster: list[Person] = Field(description="People, roles, time zones and shifts (optional).", default_factory=list)
    rotations: list[Rotation] = Field(
        default_factory=list, description="On-call rotations and groups of people that ladder steps can page.")
    escalation: Escalation = Field(description="Severities, ladders, actions and spread.")
    triggers: list[Trigger] = Field(description="Situations that need escalating.")
    holding_statements: list[HoldingStatement] = Field(
        description="Ready-made statements for when we cannot say more yet.", default_factory=list
    )
    approvals: Approvals = Field(description="The editorial filter: who signs off what.", default_factory=Approvals)
    voice: Voice = Field(description="How we sound.", default_factory=Voice)
    vocabulary: list[Term] = Field(description="Preferred, banned and risky words.", default_factory=list)
    crisis: CrisisMode = Field(
        description="Crisis mode: switch it on when something bad is happening.", default_factory=CrisisMode
    )
    calendar: list[SensitiveDate] = Field(
        default_factory=list, description="Sensitive dates: anniversaries and days of remembrance.")
    watchlist: list[WatchEvent] = Field(
        default_factory=list, description="Live events in the news, each with an expiry.")
    packs: Packs = Field(
        default_factory=Packs, description="Knowledge packs shipped with the tool that the team turns on: sensitive "
        "days, past tragedies and risk lexicons, each entry with its source (`packs: [core, gb]`).")
    modules: list[Module] = Field(description="Training modules.", default_factory=list)
    onboarding: list[OnboardingPath] = Field(description="An onboarding path per role.", default_factory=list)
    reviews: dict[str, Review] = Field(
        default_factory=dict, exclude=True, description="Each file's review, by the file's path as messages show it."
    )
    sources: dict[str, str] = Field(
        default_factory=dict, exclude=True, description="Section or entity key -> the file it came from."
    )

    pillars: list[Pillar] = Field(
        default_factory=list, description="Content pillars: the themes posts belong to, with their reporting tags.")
    venues: list[Venue] = Field(
        default_factory=list, description="Places the team watches without an account: forums, Hacker News, "
        "Reddit, review sites.")

    @property
    def own_accounts(self) -> list[Account]:
        """The accounts the team posts on: not those another team runs (`run_by`, `run_elsewhere`)."""
        return [a for a in self.accounts if not a.runs_elsewhere]

    def runner(self, account: Account) -> str | None:
        """Who runs an account that is not ours, as pages and the checker name them: the team
        `run_by` names, else the department `run_elsewhere` says; None for our own."""
        if account.run_by is not None:
            return self.id_maps["team"][account.run_by].name
        return account.run_elsewhere

    def trigger_accounts(self, trigger: Trigger) -> list[str] | None:
        """The ids of the team's accounts a scoped trigger fires on (None: every account), decided
        here once so both engines and every page agree."""
        if not trigger.platforms and not trigger.accounts:
            return None
        return [a.id for a in self.own_accounts if a.id in trigger.accounts or a.platform in trigger.platforms]

    def tier_of(self, account: Account) -> ReachTier | None:
        """The tier the account names, else the highest tier whose threshold its audience reaches
        (the lowest threshold when it reaches none); None when the policy says neither."""
        if account.tier is not None:
            return self.id_maps["tier"].get(account.tier)
        counted = [t for t in self.reach_tiers if t.min_followers is not None]
        if account.audience is None or not counted:
            return None
        audience = account.audience
        eligible = [t for t in counted if audience >= (t.min_followers or 0)]
        return max(eligible or [min(counted, key=lambda t: t.min_followers or 0)], key=lambda t: t.min_followers or 0)

    def tier_id(self, account: Account) -> str | None:
        tier = self.tier_of(account)
        return tier.id if tier is not None else None

    def entities(self, kind: str) -> list[Any]:
        """The entities whose ids a reference of this kind may name, from where KINDS says."""
        found: Any = self
        for name in KINDS[kind].where:
            found = getattr(found, name)
        return found

    @cached_property
    def id_maps(self) -> dict[str, dict[str, Any]]:
        """Id look-ups by reference kind, built on first use: pages ask for roles and modules by
        id thousands of times, and a scan of a thousand roles each time was a tenth of rendering."""
        return {kind: {item.id: item for item in self.entities(kind)} for kind in KINDS}

    def role(self, role_id: str) -> Role:
        return self.id_maps["role"][role_id]

    def severity(self, severity_id: str) -> Severity:
        return self.id_maps["severity"][severity_id]

    def ladder(self, ladder_id: str) -> Ladder:
        return self.id_maps["ladder"][ladder_id]

    def module(self, module_id: str) -> Module:
        return self.id_maps["module"][module_id]

    def platform(self, platform_id: str) -> Platform:
        return self.id_maps["platform"][platform_id]

    def rotation_members(self, rotation: Rotation) -> list[str]:
        """The person ids a rotation pages from: its members, or (none listed) everyone on the
        roster who holds its role, so a schedule can be declared before anyone is named."""
        if rotation.members:
            return list(rotation.members)
        return [p.id for p in self.roster if rotation.role and rotation.role in p.roles]

    def step_roles(self, step: LadderStep) -> list[str]:
        """The roles a ladder step puts to work: those it names, the role of a rotation it pages,
        and every role of a team it pages ("everyone in team X"), so their pages show the step."""
        rotation = self.id_maps["rotation"].get(step.rotation) if step.rotation else None
        extra = [rotation.role] if rotation is not None and rotation.role else []
        if step.team:
            extra += [role.id for role in self.roles if role.team == step.team]
        return list(dict.fromkeys([*step.role_ids, *extra]))

    def stage_name(self, stage_id: str) -> str:
        return self.id_maps["stage"][stage_id].name

    @property
    def stage_order(self) -> list[str]:
        """The declared progression stages' ids in order: the last one means trained to work alone."""
        return [stage.id for stage in self.process.stages]

    def category_name(self, category_id: str) -> str:
        return self.id_maps["category"][category_id].label

    def effective_limits(self, account: Account) -> Limits:
        """The platform's limits with the account's own overrides on top."""
        base = self.platform(account.platform).limits.model_dump()
        base.update({k: v for k, v in account.limits.model_dump().items() if v is not None})
        return Limits(**base)


# --------------------------------------------------------------------------- sections and files, read from it

SECTIONS = tuple(name for name, info in Playbook.model_fields.items() if not info.exclude)
LIST_SECTIONS = tuple(s for s in SECTIONS if typing.get_origin(Playbook.model_fields[s].annotation) is list)
SINGLE_SECTIONS = tuple(s for s in SECTIONS if s not in LIST_SECTIONS)
REQUIRED_SECTIONS = tuple(s for s in SECTIONS if Playbook.model_fields[s].is_required())


def _annotation(section: str) -> Any:
    """A section's type as Playbook declares it (pydantic keeps it for every field it built)."""
    annotation = Playbook.model_fields[section].annotation
    assert annotation is not None
    return annotation


# A list section whose items are written in a shorter form than the policy holds them:
# loading expands each written item (a TermEntry) into the policy's items (Terms).
FILE_ITEMS: dict[str, Any] = {"vocabulary": list[TermEntry]}


def _file_model() -> type[Strict]:
    """Playbook with every section optional: one file holds any subset of the sections, and
    declaring them once keeps a file's shape, its JSON Schema and the whole policy in step."""
    fields: dict[str, Any] = {
        "review": (Review | None, Field(default=None, description="Who owns this file and when it was last reviewed.")),
        **{name: (FILE_ITEMS.get(name, _annotation(name)) | None,
                  Field(default=None, description=Playbook.model_fields[name].description))
           for name in SECTIONS},
    }
    doc = "One YAML file: any subset of the sections. List sections may be split across files."
    return create_model("PlaybookFile", __base__=Strict, __module__=__name__, __doc__=doc, **fields)


PlaybookFile = _file_model()
