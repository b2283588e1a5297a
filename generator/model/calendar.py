"""calendar.yaml: sensitive dates (anniversaries, days of remembrance) and the watchlist of
live events. Not the shifts' iCalendar export (render/calendar.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from .common import AccountRef, Id, RoleRef, SeverityRef, ShortText, Strict, Text, TierRef, TimeZone
from .crisis import Pause
from .movable import check_rule, movable_text


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
# lint/policy/packs.py (a mapping's keys are the packs' words, its values the policy's ids).
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
