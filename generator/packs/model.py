"""The shape of a pack file, as pydantic models: what `reader.py` validates each file against.

The format is shared with the people who write the data (see the module docstring of
generator/packs); every entry carries a `source` (a URL or a reference) and a `review` date.
Severities here are abstract (high, moderate, low): select.py maps them onto a team's levels.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..model.movable import check_rule

PACK_ID = r"^[a-z]{2}$|^core$|^lex-[a-z]{2,12}$"
ENTRY_ID = r"^[a-z0-9][a-z0-9-]{0,62}$"
COUNTRY = r"^[A-Z]{2}$"

Line = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]*$")]
LongLine = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=r"^[^\x00-\x1f\x7f]*$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
EntryId = Annotated[str, StringConstraints(pattern=ENTRY_ID)]


def _lower(value: str) -> str:
    if value != value.lower():
        raise ValueError(f"'{value}' has capitals; keywords and phrases are written in lower case")
    return value


Keyword = Annotated[str, StringConstraints(min_length=1, max_length=120), AfterValidator(_lower)]
Hashtag = Annotated[str, StringConstraints(pattern=r"^#\w+$", max_length=120)]


def _month_day(value: str) -> str:
    match = re.fullmatch(r"(\d{2})-(\d{2})", value)
    try:
        if not match:
            raise ValueError
        dt.date(2000, int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise ValueError(f"'{value}' is not a day of the year; write MM-DD, e.g. 11-11") from None
    return value


MonthDay = Annotated[str, AfterValidator(_month_day)]
Rule = Annotated[str, AfterValidator(check_rule)]


class Severity(str, Enum):
    """Abstract: the team's own level for each is chosen by select.py (by rank, or as it says)."""

    high = "high"
    moderate = "moderate"
    low = "low"


class DayKind(str, Enum):
    remembrance = "remembrance"
    mourning = "mourning"
    tragedy_anniversary = "tragedy-anniversary"
    religious = "religious"
    national = "national"


class TragedyKind(str, Enum):
    attack = "attack"
    shooting = "shooting"
    bombing = "bombing"
    fire = "fire"
    crash = "crash"
    crowd_disaster = "crowd-disaster"
    genocide = "genocide"
    disaster = "disaster"
    massacre = "massacre"


class LexiconCategory(str, Enum):
    violence = "violence"
    weapons = "weapons"
    drugs = "drugs"
    drink_spiking = "drink-spiking"
    death = "death"
    sexual = "sexual"
    slurs = "slurs"
    stereotypes = "stereotypes"
    self_harm = "self-harm"
    politics = "politics"
    health_claims = "health-claims"
    engagement_bait = "engagement-bait"
    press = "press"
    legal = "legal"
    promotion = "promotion"


class Pause(str, Enum):
    promotions = "promotions"
    hashtags = "hashtags"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Sourced(Strict):
    """What every entry carries: where its facts come from and when to look at it again."""

    source: Line = Field(description="A URL or a reference (a style guide, a regulator's guidance, a paper).")
    review: dt.date = Field(description="When this entry must be looked at again (YYYY-MM-DD).")


class PackInfo(Strict):
    id: Annotated[str, StringConstraints(pattern=PACK_ID)] = Field(
        description="core, a lower-case ISO 3166-1 alpha-2 country code (gb, us, de...) or lex-<language>.")
    name: Line
    version: Line = Field(description='Bumped when entries change, e.g. "2026.12".')
    countries: list[Annotated[str, StringConstraints(pattern=COUNTRY)]] = Field(
        default_factory=list, description="ISO alpha-2 codes of the accounts' countries it concerns; [] for all.")
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]] = Field(default_factory=list)
    reviewed: dt.date = Field(description="When the whole file was last reviewed.")
    licence: LongLine


class PackDay(Sourced):
    """A sensitive day: the same meaning as a playbook `calendar:` entry, with an abstract severity."""

    id: EntryId
    name: Line
    kind: DayKind
    date: MonthDay | None = Field(default=None, description="MM-DD, every year.")
    rule: Rule | None = Field(default=None, description="An RFC 5545 RRULE, e.g. FREQ=YEARLY;BYMONTH=11;BYDAY=2SU.")
    easter: int | None = Field(default=None, ge=-100, le=100, description="Days from Western Easter Sunday.")
    orthodox_easter: int | None = Field(default=None, ge=-100, le=100, description="Days from Orthodox Easter.")
    dates: list[dt.date] | None = Field(default=None, min_length=1, description="One-off dates (YYYY-MM-DD), for "
                                        "days of a lunar or lunisolar calendar no rule can say.")
    days_before: int = Field(default=0, ge=0, le=30)
    days_after: int = Field(default=0, ge=0, le=30)
    keywords: list[Keyword] = Field(default_factory=list)
    hashtags: list[Hashtag] = Field(default_factory=list)
    severity: Severity
    pauses: list[Pause] = Field(default_factory=lambda: [Pause.promotions])
    description: Text | None = None

    @model_validator(mode="after")
    def _one_date(self) -> PackDay:
        given = [name for name in ("date", "rule", "easter", "orthodox_easter", "dates")
                 if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a day needs exactly one of date, rule, easter, orthodox_easter, dates (found "
                             f"{', '.join(given) or 'none'})")
        return self


class Tragedy(Sourced):
    """A named past tragedy: a post that names one escalates on any date."""

    id: EntryId
    name: Line
    kind: TragedyKind
    date: dt.date = Field(description="The (first) day, YYYY-MM-DD.")
    country: Annotated[str, StringConstraints(pattern=COUNTRY)] | list[
        Annotated[str, StringConstraints(pattern=COUNTRY)]]
    places: list[Keyword] = Field(default_factory=list)
    keywords: list[Keyword] = Field(default_factory=list)
    with_: list[Keyword] = Field(default_factory=list, alias="with")
    within: int = Field(default=5, ge=1, le=30)
    hashtags: list[Hashtag] = Field(default_factory=list)
    description: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Tragedy:
        if not self.keywords and not self.places and not self.hashtags:
            raise ValueError("a tragedy needs keywords, places or hashtags that name it")
        return self


class Lexicon(Sourced):
    """Risk vocabulary: phrases, patterns and emoji of one category."""

    id: EntryId
    category: LexiconCategory
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    severity: Severity
    phrases: list[Keyword] = Field(default_factory=list)
    patterns: list[Annotated[str, StringConstraints(min_length=1, max_length=2000)]] = Field(default_factory=list)
    emoji: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(default_factory=list)
    with_: list[Keyword] = Field(default_factory=list, alias="with")
    within: int = Field(default=5, ge=1, le=30)
    description: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Lexicon:
        if not self.phrases and not self.patterns and not self.emoji:
            raise ValueError("a lexicon entry needs phrases, patterns or emoji")
        return self


class PackFile(Strict):
    pack: PackInfo
    days: list[PackDay] = Field(default_factory=list)
    tragedies: list[Tragedy] = Field(default_factory=list)
    lexicons: list[Lexicon] = Field(default_factory=list)

    def entries(self) -> list[Any]:
        return [*self.days, *self.tragedies, *self.lexicons]
