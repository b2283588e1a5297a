"""The playbook's shape: pydantic models that every other part of the tool reads.

Every model forbids unknown keys, so a misspelt key fails loudly instead of being
silently ignored, and is frozen, so nothing downstream can change the policy it
was handed. Field descriptions double as the reference documentation and as the
JSON Schema an editor uses to complete and check fields as the policy owner types.

Only the fields whose description says "Markdown" accept Markdown; every other text
field is plain text and is escaped wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="A stable id: lower-case letters, digits and dashes (used in page addresses)."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
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


# --------------------------------------------------------------------------- handbook


class ChangelogEntry(Strict):
    version: ShortText = Field(description="The policy version this entry describes.")
    date: dt.date = Field(description="When the change took effect (YYYY-MM-DD).")
    changes: list[Text] = Field(min_length=1, description="What changed, one line each.")


class Handbook(Strict):
    organisation: ShortText = Field(description="Who the handbook belongs to.")
    title: ShortText = Field(description="The site's title.")
    version: ShortText = Field(description="The policy version, shown on every page (quote it: \"2.1\").")
    effective_date: dt.date = Field(description="From when this policy applies (YYYY-MM-DD).")
    policy_owner: Id = Field(description="The role that owns this policy (a role id).")
    review_cycle_months: int = Field(gt=0, le=60, description="How often the policy is reviewed, in months.")
    welcome: Markdown | None = Field(default=None, description="Markdown. Shown on the home page under the title.")
    site_url: str | None = Field(default=None, description="Where the handbook is published.")
    changelog: list[ChangelogEntry] = Field(default_factory=list, description="What changed, newest first.")


class ReachTier(Strict):
    id: Id
    name: ShortText
    min_followers: int = Field(ge=0, description="Accounts with at least this audience fall in this tier.")
    description: Text | None = None


class Team(Strict):
    id: Id
    name: ShortText
    description: Text | None = None


# --------------------------------------------------------------------------- accounts


class Limits(Strict):
    max_chars: int | None = Field(default=None, gt=0, description="Longest post, as the platform counts it.")
    link_length: int | None = Field(default=None, gt=0, description="Characters every link counts as, whatever its length.")
    max_hashtags: int | None = Field(default=None, ge=0)
    max_mentions: int | None = Field(default=None, ge=0)
    max_links: int | None = Field(default=None, ge=0)
    max_media: int | None = Field(default=None, ge=0)


class Platform(Strict):
    id: Id
    name: ShortText
    limits: Limits = Field(default_factory=Limits)
    notes: list[Text] = Field(default_factory=list, description="What to know when posting here.")
    do: list[Text] = Field(default_factory=list)
    dont: list[Text] = Field(default_factory=list)


class PostingHours(Strict):
    timezone: TimeZone
    start: Clock
    end: Clock
    days: list[Weekday] = Field(default_factory=lambda: list(Weekday))


class Account(Strict):
    id: Id
    name: ShortText
    platform: Id = Field(description="A platform id.")
    handle: ShortText
    audience: int = Field(ge=0, description="Followers; sets the account's reach tier.")
    region: ShortText | None = None
    team: Id | None = Field(default=None, description="The team or brand that runs it (a team id).")
    owner: Id = Field(description="The role accountable for the account (a role id).")
    posting_hours: PostingHours | None = None
    limits: Limits = Field(default_factory=Limits, description="Overrides of the platform's limits.")
    personal_content_allowed: bool = Field(default=False, description="True only for a person's own account.")


# --------------------------------------------------------------------------- roles


class ProgressionStage(Strict):
    stage: Stage
    description: Text
    min_days: int | None = Field(default=None, gt=0)
    signed_off_by: Id = Field(description="The role that signs this stage off (a role id).")


class Role(Strict):
    id: Id
    name: ShortText
    team: Id | None = Field(default=None, description="A team id.")
    purpose: Text = Field(description="What the role is, in a sentence.")
    why: Text = Field(description="Why the role exists.")
    responsibilities: list[Text] = Field(min_length=1)
    permissions: list[Permission] = Field(default_factory=list)
    reports_to: Id | None = Field(default=None, description="A role id.")
    escalates_to: Id | None = Field(default=None, description="A role id: who this role hands a problem to.")
    backups: list[Id] = Field(default_factory=list, description="Roles that can step in (role ids).")
    training: list[Id] = Field(default_factory=list, description="Training modules to take (module ids).")
    progression: list[ProgressionStage] = Field(default_factory=list, description="Shadow, then supervised, then solo.")


class Shift(Strict):
    days: list[Weekday] = Field(min_length=1)
    start: Clock
    end: Clock


class Person(Strict):
    id: Id
    name: ShortText
    roles: list[Id] = Field(min_length=1)
    timezone: TimeZone
    shifts: list[Shift] = Field(min_length=1)


# --------------------------------------------------------------------------- escalation


class Severity(Strict):
    id: Id
    name: ShortText
    level: int = Field(ge=1, le=10, description="1 is the least severe; higher is worse.")
    description: Text
    examples: list[Text] = Field(default_factory=list)
    respond_within_minutes: Minutes
    notify: list[Id] = Field(default_factory=list, description="Roles told at once (role ids).")
    ladder: Id = Field(description="The ladder that takes over (a ladder id).")
    actions: list[Id] = Field(default_factory=list, description="Actions that may be taken (action ids).")
    pause_scheduled_posts: bool = False


class Trigger(Strict):
    id: Id
    name: ShortText
    category: Category
    description: Text
    keywords: list[ShortText] = Field(default_factory=list, description="Words and phrases that suggest this trigger.")
    signals: list[Signal] = Field(default_factory=list)
    severity: Id = Field(description="A severity id.")
    actions: list[Id] = Field(default_factory=list)
    holding_statement: Id | None = None
    verify_first: bool = Field(default=False, description="Verify the whole story before reacting.")
    question: ShortText | None = Field(default=None, description="How the triage wizard asks about it.")


class LadderStep(Strict):
    role: Id
    acknowledge_within_minutes: Minutes
    action: Text


class Ladder(Strict):
    id: Id
    name: ShortText
    steps: list[LadderStep] = Field(min_length=1)


class Action(Strict):
    id: Id
    name: ShortText
    description: Text
    requires: Permission | None = Field(default=None, description="The permission needed to take it.")


class HoldingStatement(Strict):
    id: Id
    name: ShortText
    text: Text
    owner: Id = Field(description="A role id.")
    expires: dt.date
    platforms: list[Id] = Field(default_factory=list, description="Platform ids (empty: all).")


class SpreadLevel(Strict):
    id: Id
    label: ShortText
    raise_by: int = Field(ge=0, le=5, description="Severity levels to add when it has spread this far.")


# --------------------------------------------------------------------------- approvals


class ApprovalRule(Strict):
    id: Id
    description: Text
    tiers: list[Id] = Field(default_factory=list, description="Reach tiers (empty: all).")
    categories: list[Category] = Field(default_factory=list, description="Trigger categories (empty: all).")
    min_severity: Id | None = Field(default=None, description="Applies from this severity up.")
    approvers: list[Id] = Field(min_length=1, description="Roles that may approve (role ids).")
    approvals_needed: int = Field(default=1, ge=1, le=5)


class TwoPersonRule(Strict):
    tiers: list[Id] = Field(min_length=1, description="Reach tiers where every post needs a second person.")
    approvers: list[Id] = Field(min_length=1)
    description: Text


class VerifyRule(Strict):
    categories: list[Category] = Field(min_length=1)
    sources_required: int = Field(ge=1, le=5)
    wait_minutes: Minutes
    approver: Id
    description: Text


class Approvals(Strict):
    two_person_rule: TwoPersonRule | None = None
    verify_before_reacting: VerifyRule | None = None
    rules: list[ApprovalRule] = Field(default_factory=list)


# --------------------------------------------------------------------------- voice


class Trait(Strict):
    id: Id
    is_: ShortText = Field(alias="is", description="What the voice is.")
    not_: ShortText = Field(alias="not", description="What it must not tip over into.")
    explanation: Text


class Tone(Strict):
    id: Id
    situation: ShortText
    tone: Text
    example: Text
    avoid: Text | None = None


class StyleRules(Strict):
    max_exclamation_marks: int = Field(default=1, ge=0)
    max_emoji: int = Field(default=2, ge=0)
    max_hashtags: int = Field(default=2, ge=0)
    all_caps_words: int = Field(default=0, ge=0, description="How many ALL-CAPS words a post may have.")
    sign_off: ShortText | None = Field(default=None, description="Sign-off pattern for replies, e.g. ^initials.")
    notes: list[Text] = Field(default_factory=list)


class Disclosure(Strict):
    id: Id
    when: list[ShortText] = Field(min_length=1, description="Words that make a post need the tag.")
    tag: ShortText = Field(description="The tag the post must carry, e.g. #ad.")


class Example(Strict):
    id: Id
    situation: ShortText
    do: Text
    dont: Text
    why: Text


class Hashtag(Strict):
    tag: Annotated[str, StringConstraints(pattern=r"^#\w{1,100}$")] = Field(description="With the #.")
    campaign: ShortText
    until: dt.date | None = None


class MediaRules(Strict):
    alt_text_required: bool = True
    no_images_from_messages: bool = True
    approved_link_domains: list[ShortText] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Voice(Strict):
    summary: Markdown | None = Field(default=None, description="Markdown. The voice in a paragraph.")
    traits: list[Trait] = Field(default_factory=list)
    tones: list[Tone] = Field(default_factory=list)
    style: StyleRules = Field(default_factory=StyleRules)
    disclosures: list[Disclosure] = Field(default_factory=list)
    personal_content: list[ShortText] = Field(default_factory=list, description="Words that mark personal content.")
    examples: list[Example] = Field(default_factory=list)
    hashtags: list[Hashtag] = Field(default_factory=list, description="Approved campaign hashtags.")
    media: MediaRules = Field(default_factory=MediaRules)


class Term(Strict):
    term: ShortText
    kind: TermKind
    reason: Text
    use_instead: ShortText | None = Field(default=None, description="For banned or caution terms.")
    replaces: list[ShortText] = Field(default_factory=list, description="For preferred terms: what it replaces.")


# --------------------------------------------------------------------------- crisis


class CrisisMode(Strict):
    active: bool = False
    incident: ShortText | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    scope: Literal["all"] | list[Id] = Field(default="all", description="\"all\", or a list of account ids.")
    keywords: list[ShortText] = Field(default_factory=list, description="The incident's words.")
    hashtags: list[ShortText] = Field(default_factory=list)
    may_post: list[Id] = Field(default_factory=list, description="Roles that may still publish.")
    scheduled_posts: Literal["pause", "review", "continue"] = "pause"
    block_promotions: bool = True
    message: Text | None = Field(default=None, description="Shown in the banner.")


# --------------------------------------------------------------------------- training


class Choice(Strict):
    id: Id
    text: Text
    explanation: Text


class Question(Strict):
    id: Id
    question: Text
    kind: Literal["single", "multiple"] = "single"
    choices: list[Choice] = Field(min_length=2)
    correct: list[Id] = Field(min_length=1, description="Ids of the right choices.")


class Exercise(Strict):
    id: Id
    prompt: Text
    model_answer: Text


class Module(Strict):
    id: Id
    title: ShortText
    summary: Text
    minutes: Minutes
    objectives: list[Text] = Field(min_length=1)
    content: Markdown = Field(description="Markdown. The lesson itself.")
    exercises: list[Exercise] = Field(default_factory=list)
    quiz: list[Question] = Field(default_factory=list)


class Milestone(Strict):
    id: Id
    title: ShortText = Field(description="For example: Day 1, Week 1, Month 1.")
    tasks: list[Text] = Field(min_length=1)
    modules: list[Id] = Field(default_factory=list)
    signed_off_by: Id | None = None


class OnboardingPath(Strict):
    role: Id
    milestones: list[Milestone] = Field(min_length=1)


class Escalation(Strict):
    severities: list[Severity] = Field(default_factory=list)
    ladders: list[Ladder] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    spread: list[SpreadLevel] = Field(default_factory=list)


# --------------------------------------------------------------------------- files and the whole


class PlaybookFile(Strict):
    """One YAML file: any subset of the sections. List sections may be split across files."""

    handbook: Handbook | None = None
    reach_tiers: list[ReachTier] | None = None
    teams: list[Team] | None = None
    platforms: list[Platform] | None = None
    accounts: list[Account] | None = None
    roles: list[Role] | None = None
    roster: list[Person] | None = None
    escalation: Escalation | None = None
    triggers: list[Trigger] | None = None
    holding_statements: list[HoldingStatement] | None = None
    approvals: Approvals | None = None
    voice: Voice | None = None
    vocabulary: list[Term] | None = None
    crisis: CrisisMode | None = None
    modules: list[Module] | None = None
    onboarding: list[OnboardingPath] | None = None


LIST_SECTIONS = ("reach_tiers", "teams", "platforms", "accounts", "roles", "roster", "triggers",
                 "holding_statements", "vocabulary", "modules", "onboarding")
SINGLE_SECTIONS = ("handbook", "escalation", "approvals", "voice", "crisis")
REQUIRED_SECTIONS = ("handbook", "reach_tiers", "platforms", "accounts", "roles", "escalation", "triggers")


class Playbook(Strict):
    """The whole policy, merged from every file and checked across files."""

    handbook: Handbook
    reach_tiers: list[ReachTier]
    teams: list[Team] = Field(default_factory=list)
    platforms: list[Platform]
    accounts: list[Account]
    roles: list[Role]
    roster: list[Person] = Field(default_factory=list)
    escalation: Escalation
    triggers: list[Trigger]
    holding_statements: list[HoldingStatement] = Field(default_factory=list)
    approvals: Approvals = Field(default_factory=Approvals)
    voice: Voice = Field(default_factory=Voice)
    vocabulary: list[Term] = Field(default_factory=list)
    crisis: CrisisMode = Field(default_factory=CrisisMode)
    modules: list[Module] = Field(default_factory=list)
    onboarding: list[OnboardingPath] = Field(default_factory=list)
    sources: dict[str, str] = Field(default_factory=dict, exclude=True,
                                    description="Section or entity key -> the file it came from.")

    def tier_of(self, account: Account) -> ReachTier:
        """The highest tier whose threshold the account's audience reaches."""
        eligible = [t for t in self.reach_tiers if account.audience >= t.min_followers]
        if not eligible:
            return min(self.reach_tiers, key=lambda t: t.min_followers)
        return max(eligible, key=lambda t: t.min_followers)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def severity(self, severity_id: str) -> Severity:
        return next(s for s in self.escalation.severities if s.id == severity_id)

    def ladder(self, ladder_id: str) -> Ladder:
        return next(x for x in self.escalation.ladders if x.id == ladder_id)

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)

    def platform(self, platform_id: str) -> Platform:
        return next(p for p in self.platforms if p.id == platform_id)

    def effective_limits(self, account: Account) -> Limits:
        """The platform's limits with the account's own overrides on top."""
        base = self.platform(account.platform).limits.model_dump()
        base.update({k: v for k, v in account.limits.model_dump().items() if v is not None})
        return Limits(**base)
