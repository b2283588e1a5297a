"""Which pack entries a playbook turns on, in the playbook's own terms.

A pack speaks abstractly (severity high, category violence, country GB); a team has its own
levels, trigger categories and accounts. Here each active entry becomes what the team would
have written itself: a day becomes a `calendar:` entry (SensitiveDate), a tragedy or a
lexicon a trigger (Trigger), so that the checker, the pages and the rules document treat
them as the team's own, with `packs.off` and `packs.override` applied. The team's own entry
with the same id wins over the pack's.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Account, KeywordContext, Playbook, SensitiveDate, Signal, Trigger
from .model import Lexicon, PackDay, Tragedy
from .names import name_words, shipped_kinds
from .reader import Pack, shipped

ALIASES = {"uk": "gb"}
# How far up the team's levels (from the least severe, 0, to the worst, 1) each abstract
# severity sits, rounded up: with five levels high is the fourth, moderate the third.
RANKS = {"low": 0.0, "moderate": 0.5, "high": 0.75}
# A lexicon category's (and a tragedy's) trigger category when the team does not say: the
# built-in categories (model.Category) that approval rules and verify-before-reacting name.
CATEGORIES = {
    "violence": "safety", "weapons": "safety", "drugs": "safety", "drink-spiking": "safety", "self-harm": "safety",
    "death": "news", "tragedy": "news", "sexual": "community", "slurs": "community", "stereotypes": "community",
    "politics": "politics", "health-claims": "legal", "engagement-bait": "commercial", "press": "media",
    "legal": "legal", "promotion": "commercial",
}
SIGNALS = {
    "violence": [Signal.safety_risk], "weapons": [Signal.safety_risk], "drugs": [Signal.safety_risk],
    "drink-spiking": [Signal.safety_risk], "self-harm": [Signal.safety_risk], "death": [Signal.tragedy],
    "tragedy": [Signal.tragedy], "sexual": [Signal.hostile], "slurs": [Signal.hostile],
    "stereotypes": [Signal.hostile], "politics": [Signal.political], "press": [Signal.media_enquiry],
    "legal": [Signal.legal_threat], "promotion": [Signal.promotion],
}
# Words near which a tragedy's place, or the one word it is called by (names.py), names it
# ("north kensington" or "Hillsborough" alone is a neighbourhood). Three classes, in each
# language a pack speaks: what happened (victims, attack, fire), remembering it (remember,
# never forget, tribute, vigil, mourning) and its date coming round (anniversary). An entry
# takes those of its pack's languages (every country pack speaks English too), so a list
# need not be repeated under every place in languages nobody uses about it.
# Not tone: a joke cue ("lol", "vibes") says how a post is written, not what it names, and a
# town's name beside it is still the town ("our Hillsborough queue lol").
PLACE_CONTEXT = {
    "en": ("anniversary", "memorial", "victims", "killed", "dead", "died", "tragedy", "disaster", "attack",
           "shooting", "bombing", "fire", "crash", "massacre", "survivors", "remember", "remembering",
           "remembered", "remembrance", "forget", "forgotten", "tribute", "vigil", "mourn", "mourning",
           "commemorate", "commemoration", "in memory", "rest in peace"),
    "de": ("gedenken", "erinnern", "erinnerung", "vergessen", "opfer", "anschlag", "jahrestag", "trauer"),
    "fr": ("souvenir", "hommage", "victimes", "attentat", "anniversaire", "commémoration", "oublier", "oublions"),
    "es": ("recuerdo", "recordamos", "víctimas", "atentado", "aniversario", "homenaje", "olvidar", "olvidamos"),
    "it": ("ricordo", "ricordiamo", "vittime", "strage", "anniversario", "dimenticare"),
    "nl": ("herdenking", "herdenken", "slachtoffers", "aanslag", "vergeten"),
}


@dataclass(frozen=True)
class Entry:
    """One pack entry as the team has it: the pack's data and what the team made of it."""

    pack: str
    data: PackDay | Tragedy | Lexicon
    severity: str  # the team's severity id
    overridden: bool
    team: SensitiveDate | Trigger  # as if the team had written it


@dataclass
class Active:
    """What a playbook turns on: packs, entries, and the entries' patterns and emoji."""

    packs: list[Pack] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    off: list[str] = field(default_factory=list)  # switched off (known ids only)
    shadowed: list[str] = field(default_factory=list)  # replaced by the team's own entry of that id

    @property
    def days(self) -> list[SensitiveDate]:
        return [e.team for e in self.entries if isinstance(e.team, SensitiveDate)]

    @property
    def triggers(self) -> list[Trigger]:
        return [e.team for e in self.entries if isinstance(e.team, Trigger)]

    @property
    def tragedies(self) -> list[Entry]:
        return [e for e in self.entries if isinstance(e.data, Tragedy)]

    def tragedy_hashtags(self) -> list[tuple[str, str]]:
        """(entry id, hashtag) of every active tragedy."""
        return [(e.data.id, tag) for e in self.entries if isinstance(e.data, Tragedy) for tag in e.data.hashtags]

    @property
    def lexicons(self) -> list[Entry]:
        return [e for e in self.entries if isinstance(e.data, Lexicon)]

    def ids(self) -> set[str]:
        return {e.data.id for e in self.entries}


def pack_ids(playbook: Playbook) -> list[str]:
    """The packs turned on, as written (uk read as gb), with each country's language packs."""
    known = shipped()
    chosen = list(dict.fromkeys(ALIASES.get(p, p) for p in playbook.packs.use))
    for pack_id in list(chosen):
        if pack_id in known:
            chosen += [f"lex-{lang}" for lang in known[pack_id].data.pack.languages if f"lex-{lang}" in known]
    if any(p in known for p in chosen):  # a lexicon of no language (emoji) comes with any pack
        chosen += [p for p, pack in known.items() if p.startswith("lex-")
                   and set(pack.data.pack.languages) <= {"und"}]
    return [p for p in dict.fromkeys(chosen) if p in known]


def severity_map(playbook: Playbook) -> dict[str, str]:
    """The team's severity id for high, moderate and low: as `packs.severities` says, else by rank."""
    esc = playbook.escalation
    levels = sorted(esc.severities, key=lambda s: (esc.rank(s), s.id))
    mapped: dict[str, str] = {}
    chosen: dict[str, str] = {str(k): v for k, v in playbook.packs.severities.items()}
    for name, rank in RANKS.items():
        if name in chosen:
            mapped[name] = chosen[name]
        elif levels:
            mapped[name] = levels[math.ceil(rank * (len(levels) - 1))].id
    return mapped


def category_of(playbook: Playbook, category: str) -> str:
    """The team's trigger category for a pack's: as `packs.categories` says, else the built-in
    one when the team has it, else the pack's own name (an approval rule names it once the team
    declares a category of that id)."""
    if category in playbook.packs.categories:
        return playbook.packs.categories[category]
    declared = {c.id for c in playbook.process.categories}
    default = CATEGORIES.get(category, category)
    return default if default in declared else category


def activate(playbook: Playbook, today: dt.date) -> Active:
    """Every entry of the packs `playbook` turns on, switched off or overridden as it says."""
    known = shipped()
    active = Active(packs=[known[p] for p in pack_ids(playbook)])
    if not active.packs:
        return active
    kinds = shipped_kinds()
    severities = severity_map(playbook)
    off = set(playbook.packs.off)
    own = {d.id for d in playbook.calendar} | {t.id for t in playbook.triggers}
    own |= {day.id for pack in active.packs for day in pack.data.days
            if any(_same_day(mine, day) for mine in playbook.calendar)}
    for pack in active.packs:
        accounts = _accounts_of(playbook.own_accounts, pack.data.pack.countries)
        for data in pack.data.entries():
            if data.id in off:
                active.off.append(data.id)
                continue
            if data.id in own:
                active.shadowed.append(data.id)
                continue
            if isinstance(data, PackDay) and accounts is None:
                continue  # a country pack none of the team's accounts is in
            change = playbook.packs.override.get(data.id)
            severity = change.severity if change and change.severity else severities[data.severity.value] \
                if not isinstance(data, Tragedy) else severities["high"]
            team = _as_day(data, severity, accounts or [], change) if isinstance(data, PackDay) else \
                _as_trigger(playbook, data, severity, change, kinds, pack.data.pack.languages)
            active.entries.append(Entry(pack.id, data, severity, change is not None, team))
    return active


def _same_day(mine: SensitiveDate, day: PackDay) -> bool:
    """Whether the policy's own calendar entry is the pack's day under another id: it falls on
    the same date every year (or by the same rule or Easter offset) and shares a word or hashtag
    with it. The policy's own then replaces it, so a post is not told the same thing twice."""
    same = (mine.date is not None and mine.date == day.date) \
        or (mine.rule is not None and day.rule is not None
            and mine.rule.replace(" ", "").upper() == day.rule.replace(" ", "").upper()) \
        or (mine.easter is not None and mine.easter == day.easter) \
        or (mine.orthodox_easter is not None and mine.orthodox_easter == day.orthodox_easter)
    words = {w.casefold() for w in [*mine.keywords, *mine.hashtags]}
    return same and bool(words & {w.casefold() for w in [*day.keywords, *day.hashtags]})


def _accounts_of(accounts: Iterable[Account], countries: list[str]) -> list[str] | None:
    """The accounts a country pack's days concern: those in one of its countries and those that
    name no country (a global audience); [] (all) when that is every account, None when none."""
    accounts = list(accounts)
    if not countries:
        return []
    found = [a.id for a in accounts if a.country is None or a.country in countries]
    if len(found) == len(accounts):
        return []
    return found or None


def _as_day(day: PackDay, severity: str, accounts: list[str], change: Any) -> SensitiveDate:
    values: dict[str, Any] = {
        "id": day.id, "name": day.name, "date": day.date, "rule": day.rule, "easter": day.easter,
        "orthodox_easter": day.orthodox_easter, "dates": day.dates, "description": day.description,
        "days_before": day.days_before, "days_after": day.days_after, "keywords": list(day.keywords),
        "hashtags": list(day.hashtags), "severity": severity, "pauses": [p.value for p in day.pauses],
        "accounts": accounts,
    }
    if change is not None:
        values.update({k: v for k, v in change.model_dump(exclude={"severity"}).items() if v not in (None, [])})
    return SensitiveDate.model_validate(values)


def _as_trigger(playbook: Playbook, data: Tragedy | Lexicon, severity: str, change: Any,
                kinds: set[str], languages: list[str]) -> Trigger:
    if isinstance(data, Tragedy):
        kind = "tragedy"
        name = f"{data.name} ({data.date.year})"
        description = data.description or (f"A past tragedy ({data.kind.value}, {data.date.isoformat()}): a "
                                           "post that names it needs a human look on any day.")
        # Its places and the word it is called by count only with context: each alone is a place.
        places = [*data.places, *name_words(data, kinds)]
        keywords = [*data.keywords, *places]
        context = [KeywordContext.model_validate({"keyword": k, "with": list(data.with_), "within": data.within})
                   for k in data.keywords if data.with_]
        near = [w for lang in languages for w in PLACE_CONTEXT.get(lang, ())] or list(PLACE_CONTEXT["en"])
        context += [KeywordContext.model_validate({"keyword": p, "with": list(dict.fromkeys([*data.keywords, *near])),
                                                   "within": data.within}) for p in places]
    else:
        kind = data.category.value
        name = f"{kind.replace('-', ' ')} ({data.id})"
        description = data.description or f"Risk words: {kind}."
        keywords = list(data.phrases)
        context = [KeywordContext.model_validate({"keyword": k, "with": list(data.with_), "within": data.within})
                   for k in keywords if data.with_]
    return Trigger.model_validate({
        "id": data.id, "name": name[:200], "category": category_of(playbook, kind), "description": description,
        "keywords": list(dict.fromkeys(keywords)), "signals": SIGNALS.get(kind, []), "severity": severity,
        "context": context, "unless": list(change.unless) if change else [],
    })
