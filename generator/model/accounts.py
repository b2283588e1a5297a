"""accounts.yaml: reach tiers, platforms and their limits, the accounts and their operations."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from .channels import Channel
from .common import (
    Clock,
    ConnectingRoleRef,
    EntityReview,
    Id,
    PlatformRef,
    Ref,
    ShortText,
    Strict,
    TeamRef,
    Text,
    TierRef,
    TimeZone,
    Weekday,
)

PillarRef = Annotated[Id, Ref("pillar")]


class ReachTier(Strict):
    id: Id
    name: ShortText = Field(description="The tier's name.")
    min_followers: int | None = Field(
        default=None, ge=0, description="Accounts with at least this audience fall in this tier; without it, "
        "accounts join the tier only by naming it ('tier:').")
    description: Text | None = Field(default=None, description="What the tier means for the team.")


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
