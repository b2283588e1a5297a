"""Judging one draft post against the compiled rules (see rules.py).

engine.js, next to this file, is the same algorithm in JavaScript, step for step and in the
same order, so that the checker page and `playbook check` agree on every draft; the draft
table in tests/data/drafts.yaml runs through both and compares the JSON. engine.js ships
inside the package and the site serves it as assets/playbook/checker-engine.js, never from
a templates folder: a team's copy there would fork the browser from the command line.
Neither engine spells out a pattern or a constant of its own: both come from shared.py,
engine.js's through the rules document.

The result is a stable, documented shape (what `playbook check --format json` prints):

    {
      "verdict": "publish" | "approval" | "revise" | "escalate",
      "account": "<account id>",
      "findings": [
        {"rule": "voice.banned",      # family.kind, see RULES below
         "ref": "cheap" | null,       # the term, trigger id, hashtag or approval rule concerned
         "level": "info" | "approval" | "revise" | "escalate",
         "message": "...",            # one sentence for a person
         "line": 1, "column": 1,      # where in the draft (1-based, columns in characters)
         "length": 5,                 # characters highlighted (0: the whole draft)
         "match": "cheap",            # the draft's own text at that place
         "page": "voice/vocabulary/", # the handbook page that explains the rule, from the site root
         "reads_as": "crazy",         # only for a disguised word: what the checker read
         "disguise": ["lookalike"],   # only then: how it was disguised (shared.DISGUISES)
         "explain": "..."}            # only for a policy word: what it matched, how to say otherwise
      A finding about the whole post (an approval, a missing sign-off) has line, column and
      match null and length 0.
      ],
      "route": {
        "publishers": ["<role id>"],               # roles that may publish on the account
        "reply": false, "repliers": ["<role id>"], # a reply? and the roles that may send one
        "tier": "<reach tier id>",
        "severity": "<severity id>" | null,        # the worst trigger matched
        "respond_within_minutes": 15 | null,
        "ladder": "<ladder id>" | null, "steps": [{"role", "acknowledge_within_minutes", "action"}],
        "after_last_step": "<what happens when nobody acknowledges the last step>" | null,
        "notify": ["<role id>"], "holding_statement": "<id>" | null,
        "owners": [{"trigger", "owner"}],          # matched triggers that name an owner, worst first:
                                                   # owner is a role id, "receiver" or "none"
        "approvals": [{"rule", "name", "description", "roles": ["<role id>"], "needed": 1}],
        "verify": {"sources_required", "wait_minutes", "approver", "description"} | null,
        "may_post": ["<role id>"] | null           # set while crisis mode covers the account
      }
    }

The verdict is the most serious level among the findings: escalate > revise > approval >
publish (a finding of level "info" leaves a draft publishable), and the finding that
decides it comes first, except where an approval rule decides it: then the findings that
would decide it without the rule (on a small account) come first, so the approver sees why.
`at` ({"date": "YYYY-MM-DD", the day where the account posts, and "utc": "YYYY-MM-DDTHH:MM"})
is when the post goes out: sensitive dates and live events are judged then; without it,
neither is. A role that may not publish on the account never gets "publish": it needs one
of the account's publishers (a reply, flagged or a draft that starts with @: one of its
repliers; both lists come decided from queries/answers.py). A trigger escalates when its
severity is above the lowest level; a lowest-level trigger is information and goes through
the approval rules. The author's own role never appears among the approvers;
when it would be the only one, its escalates_to (or reports_to) role approves instead.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from .shared import (
    APPROVAL_RULES,
    CAPS_MIN,
    CONSTANTS,
    DISGUISE,
    HOUSE_STYLE,
    LEET,
    LEET_ALSO,
    LEVELS,
    REPEAT_MIN,
    SPACED_WORDS,
    VERDICTS,
    compiled,
)
from .text import WORD, fold, fold_char, longest_run, read, squeeze, strip, word_form, word_key

RULES = ("post.empty", "limits.length", "limits.hashtags", "limits.mentions", "limits.links", "limits.media",
         "style.exclamation", "style.emoji", "style.hashtags", "style.caps", "style.sign-off",
         "voice.banned", "voice.caution", "voice.preferred", "voice.profanity", "voice.personal",
         "voice.disclosure", "hashtag.unapproved", "hashtag.ended", "sensitivity.trigger", "crisis.incident",
         "crisis.promotion", "crisis.active", "media.alt-text", "media.from-message", "media.link-domain",
         "media.ratio", "media.resolution", "media.size", "media.bytes", "media.short", "media.long",
         "media.captions", "media.captions-unknown", "media.hook", "voice.disclosure-place",
         "calendar.mention", "calendar.promotion", "calendar.hashtag", "watchlist.mention",
         "watchlist.promotion", "watchlist.hashtag", "tragedy.promotion", "role.publish", "role.reply",
         "approval.two-person", "approval.rule", "approval.verify")

# Declared in shared.py, which also hands them to engine.js through the rules document.
LINK, LINK_TAIL, LINK_SCHEME, HOST_END = (compiled(n) for n in ("link", "link_tail", "link_scheme", "host_end"))
HASHTAG, MENTION, REPLY, PLACEHOLDER = (compiled(n) for n in ("hashtag", "mention", "reply", "placeholder"))
RUN, RUN_TAIL, LETTER, LETTERS = (compiled(n) for n in ("run", "run_tail", "letter", "letters"))
SPACED, SPACED_ITEM, EMOJI, UPPER = (compiled(n) for n in ("spaced", "spaced_item", "emoji", "upper"))
SPACE_RUN, GLUE, LEET_WORD, HASHTAG_WORD = (compiled(n) for n in ("space_run", "glue", "leet_word", "hashtag_word"))
GLUE_SYMBOL, ADDRESS = compiled("glue_symbol"), compiled("address")
SENTENCE_START, SENTENCE_END, POSSESSIVE = compiled("sentence_start"), compiled("sentence_end"), compiled("possessive")
_DISGUISE = set(DISGUISE)
RATIO_TOLERANCE = CONSTANTS["ratio_tolerance"]
POST = (None, None)  # a finding about the whole post has no line and column


def javascript() -> str:
    """The text of engine.js, this module in JavaScript, as the package ships it."""
    return resources.files(__package__).joinpath("engine.js").read_text(encoding="utf-8")


def check(rules: dict[str, Any], text: str, account: str | None = None,
          media: Iterable[dict[str, Any]] = (), author_role: str | None = None,
          at: dict[str, str] | None = None, reply: bool = False) -> dict[str, Any]:
    """The verdict, findings and route for `text` on `account` (default: the largest), posted
    `at`; `reply`: the draft answers someone (it needs the reply permission, not publish)."""
    return _Check(rules, text, account or rules["default_account"], list(media), author_role, at, reply).run()


def crisis_covers(rules: dict[str, Any], account: str, at: dict[str, str] | None) -> bool:
    """Whether crisis mode is on for a post on `account` going out `at`: switched on, in its
    scope, and from `since` until `until` (either may be open). A post queued for after the
    planned end, or written before it began, is judged as in calm times; with no `at` the
    switch alone decides."""
    crisis = rules["crisis"]
    if not rules["accounts"][account]["crisis"]:
        return False
    if at is None:
        return True
    return ((crisis["since_utc"] is None or crisis["since_utc"] <= at["utc"])
            and (crisis["until_utc"] is None or at["utc"] < crisis["until_utc"]))


def spaced_runs(letters: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) slices of a run of spaced letters: the whole run, then without a one-letter
    word at either end ("a r e c a l l"), never under three letters. Only such words are
    dropped: "b a s s" is not "ass"."""
    count = len(letters)
    head = 1 if letters and letters[0].lower() in SPACED_WORDS else 0
    tail = 1 if letters and letters[-1].lower() in SPACED_WORDS else 0
    runs = [(0, count), (head, count), (0, count - tail), (head, count - tail)]
    return [r for i, r in enumerate(runs) if r[1] - r[0] >= 3 and r not in runs[:i]]


def first_ending_after(spans: Sequence[tuple[Any, ...]], offset: int) -> int:
    """The index of the first of `spans` that ends after `offset`. Spans come with their starts
    and their ends in increasing order (words, links, a phrase's places), so a search finds it
    and a pass that asks once per finding stays linear in the draft."""
    return bisect_right(spans, offset, key=lambda span: span[1])


def overlaps(spans: Sequence[tuple[Any, ...]], start: int, end: int) -> bool:
    """Whether any of `spans` (starts and ends increasing) overlaps [start, end)."""
    i = first_ending_after(spans, start)
    return i < len(spans) and spans[i][0] < end


def first_words(phrases: Iterable[str]) -> set[str]:
    """The first word of each phrase key: a draft word that is none of them starts no phrase,
    so the phrase look-ups are skipped for most words of a long draft."""
    return {phrase.split(" ", 1)[0] for phrase in phrases}


def reasons_first(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """When an approval rule (the two-person rule, a rule by tier or topic, verify-first)
    decides the verdict, the findings that would decide it without that rule (on a small
    account) come first, most serious first, so the approver sees why the post is risky;
    the rules follow. The verdict is unchanged."""
    return ([f for f in findings if f["rule"] not in APPROVAL_RULES]
            + [f for f in findings if f["rule"] in APPROVAL_RULES])


def _span(words: Sequence[tuple[int, int, str]]) -> tuple[int, int]:
    """The text's span of consecutive words (read in a reader's order, which a direction control
    may have turned round: the first word read is not always the first written)."""
    return min(w[0] for w in words), max(w[1] for w in words)


def _leet_readings(run: str) -> list[str]:
    """A run of letters, digits and symbols read as letters: first with shared.LEET, then with
    the other letter a character may stand for (shared.LEET_ALSO: 1 is i or l, so bu11sh1t is
    bullshit), every combination of at most three such characters, in a fixed order."""
    plain = "".join(LEET.get(c, c) for c in run)
    places = [i for i, c in enumerate(run) if c in LEET_ALSO][:3]
    readings = [plain]
    for mask in range(1, 2 ** len(places)):
        letters = list(plain)
        for bit, i in enumerate(places):
            if mask >> bit & 1:
                letters[i] = LEET_ALSO[run[i]]
        readings.append("".join(letters))
    return readings


def _leet(word: str) -> str:
    """A word of letters and digits with the digits read as letters (shared.LEET); others as written."""
    return "".join(LEET.get(c, c) for c in word) if LEET_WORD.match(word) else word


def tenths(value: float) -> str:
    """A length or size as messages show it: cut to tenths, no ".0" (engine.js's tenths agrees)."""
    cut = math.floor(value * 10) / 10
    return str(int(cut)) if cut == int(cut) else repr(cut)
@lru_cache(maxsize=4096)
def _regex(pattern: str) -> regex.Pattern[str]:
    """A pattern of the rules document, compiled once per run (the packs' lexicons)."""
    return regex.compile(pattern)


def format_message(template: str, values: dict[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def day_number(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 (Hinnant's days_from_civil): plain integers, the same in JavaScript."""
    y = year - (1 if month <= 2 else 0)
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


class _Check:
    """One draft being checked. `Check` in engine.js mirrors it method for method; the
    passes run in the same order, so both engines keep the same first finding at a place."""

    def __init__(self, rules: dict[str, Any], text: str, account: str, media: list[dict[str, Any]],
                 author_role: str | None, at: dict[str, str] | None, reply: bool = False):
        self.rules, self.text, self.account_id, self.reply = rules, text, account, reply
        self.account = rules["accounts"][account]
        self.media, self.author, self.at = media, author_role, at
        self.crisis = rules["crisis"] if crisis_covers(rules, account, at) else None
        self.reading = read(text, rules["lookalikes"], rules["constants"]["bidi"])
        self.findings: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.links = self._links()
        self.link_starts = [start for start, _ in self.links]
        self.triggers: list[tuple[str, int]] = []
        self.mentioned: list[tuple[str, str]] = []  # ("date" | "event", id) named inside their time
        self.incident = False
        self.promoted: tuple[int, int] | None = None  # the first promotional word, for _tragic_promotion
        self.disclosures: dict[str, tuple[int, int]] = {}
        self.hashtags = self._outside_links(HASHTAG)
        self.mentions = self._outside_links(MENTION)
        self.dates = self._active("calendar", self._date_active)
        self.events = self._active("watchlist", self._event_active)
        self.words: list[tuple[int, int, str]] = []  # filled by _terms, read by _style
        self.forms: list[str] = []  # their forms as written (folded), for a keyword's context
        self.unless: dict[str, list[tuple[int, int]]] = {}

    # ------------------------------------------------------------------ plumbing

    def run(self) -> dict[str, Any]:
        self._empty()
        self._terms()
        self._hashtags()
        self._disguised_runs()
        self._spaced()
        self._pack_lexicons()
        self._disclosures()
        self._tragic_promotion()
        self._limits()
        self._style()
        self._media()
        self._publisher()
        route = self._route()
        findings = sorted(self.findings.values(),
                          key=lambda f: (-LEVELS.index(f["level"]), f["line"] is None, f["line"] or 0,
                                         f["column"] or 0, f["rule"], f["ref"] or ""))
        level = LEVELS.index(findings[0]["level"]) if findings else 0
        if findings and findings[0]["rule"] in APPROVAL_RULES:
            findings = reasons_first(findings)
        return {"verdict": VERDICTS[LEVELS[level]], "account": self.account_id, "findings": findings,
                "route": route}

    def _empty(self) -> None:
        """A post with no text and no media cannot go out as it is: the same answer for
        `check`, `sweep` and the checker page, decided here once."""
        if not strip(self.text) and not self.media:
            self.add("post.empty", None, "revise", 0, 0, "post.empty", self.page("voice"))

    def add(self, rule: str, ref: str | None, level: str, start: int, end: int, template: str,
            page: str, **values: Any) -> dict[str, Any] | None:
        """Record a finding at text[start:end] (0, 0: the whole post); the first at a place wins."""
        line, column = self.position(start) if end else POST
        key = (rule, ref, line, column)
        if key in self.findings:
            return None
        match = self.text[start:end] if end else None
        message = format_message(self.rules["messages"][template], {"match": match, **values})
        finding = {"rule": rule, "ref": ref, "level": level, "message": message, "line": line,
                   "column": column, "length": end - start, "match": match, "page": page}
        self.findings[key] = finding
        return finding

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def page(self, family: str) -> str:
        return self.rules["pages"][family]

    def _links(self) -> list[tuple[int, int]]:
        spans = []
        for m in LINK.finditer(self.text):
            tail = LINK_TAIL.search(m.group(0))
            spans.append((m.start(), m.end() - (len(tail.group(0)) if tail else 0)))
        return spans

    def in_link(self, offset: int) -> bool:
        """Links come in order and never overlap: the last one starting at or before `offset`
        is the only one that can hold it (a search, so a draft of links stays linear)."""
        i = bisect_right(self.link_starts, offset) - 1
        return i >= 0 and offset < self.links[i][1]

    def _outside_links(self, pattern: regex.Pattern[str]) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(self.text) if not self.in_link(m.start())]

    def _in_scope(self, item: dict[str, Any]) -> bool:
        return ((not item["accounts"] or self.account_id in item["accounts"])
                and (not item["tiers"] or self.account["tier"] in item["tiers"]))

    def _active(self, section: str, active: Any) -> list[str]:
        """Ids of the calendar's dates or the watchlist's events that cover this post, in id order."""
        if not self.at:
            return []
        return [i for i, item in sorted(self.rules[section].items()) if self._in_scope(item) and active(item)]

    def _date_active(self, day: dict[str, Any]) -> bool:
        assert self.at is not None
        year, month, date = (int(p) for p in self.at["date"].split("-"))
        today = day_number(year, month, date)
        if day.get("occurrences") is not None:
            return self._occurrence(day) is not None
        for y in ([day["year"]] if day["year"] else [year - 1, year, year + 1]):
            distance = today - day_number(y, day["month"], day["day"])
            if -day["before"] <= distance <= day["after"]:
                return True
        return False

    def _occurrence(self, day: dict[str, Any]) -> str | None:
        """The date (YYYY-MM-DD) of a movable day whose window holds the post, or None: the
        rules document lists its dates (a rule or Easter, worked out in Python)."""
        assert self.at is not None
        year, month, date = (int(p) for p in self.at["date"].split("-"))
        today = day_number(year, month, date)
        for when in day["occurrences"]:
            y, m, d = (int(p) for p in when.split("-"))
            if -day["before"] <= today - day_number(y, m, d) <= day["after"]:
                return str(when)
        return None

    def _date_text(self, item: dict[str, Any]) -> str:
        """How a finding names when a date falls: the movable day's date this time, else as written."""
        if item.get("occurrences") is not None and self.at is not None:
            return self._occurrence(item) or item["date"]
        return str(item.get("date", ""))

    def _event_active(self, event: dict[str, Any]) -> bool:
        assert self.at is not None
        return bool(event["since"] <= self.at["utc"] < event["expires"])

    # ------------------------------------------------------------------ words

    def _terms(self) -> None:
        reading = self.reading
        words, places = [], []
        addresses = [(m.start(), m.end()) for m in ADDRESS.finditer(self.text)]  # a bare address's words: not prose
        for m in WORD.finditer(reading.text):
            start, end = reading.span(m.start(), m.end())
            if not self.in_link(start) and not overlaps(addresses, start, start + 1) \
                    and not (m.start() and reading.text[m.start() - 1] == "@"):
                words.append((start, end, m.group(0)))
                places.append((m.start(), m.end()))
        self.words = words
        known: dict[str, tuple[str, str]] = {}  # each distinct word keyed once
        for _, _, w in words:
            if w not in known:
                known[w] = (word_key(w), word_form(w))
        keys = [known[w][0] for _, _, w in words]
        self.forms = [known[w][1] for _, _, w in words]
        self._unless_places(keys)
        self._match(words, keys)
        self._leet_phrases(words)
        self._glued(words, places)

    def _match(self, words: Sequence[tuple[int, int, str]], keys: list[str], changed: set[int] | None = None,
               disguise: Sequence[str] = (), skip: Sequence[dict[str, Any]] = (), shortest: int = 1) -> set[int]:
        """Every term whose words are keys[i:i+n]; with `changed`, only the phrases that take in
        one of those words (a second reading of the same words: leet, glued); never an entry of
        `skip`'s kind and ref (found already). The indices of the words a term was found in."""
        terms, hit = self.rules["terms"], set[int]()
        skipped = {(e["kind"], e["ref"]) for e in skip}
        for i in range(len(words)):
            found = False
            for n in self.rules["phrase_lengths"]:
                if i + n > len(words):
                    break
                if n < shortest or (changed is not None and not changed.intersection(range(i, i + n))):
                    continue
                for entry in terms.get(" ".join(keys[i:i + n]), ()):
                    found = True
                    hit.update(range(i, i + n))
                    if (entry["kind"], entry["ref"]) not in skipped:
                        found_in = [w for _, _, w in words[i:i + n]]
                        span = _span(words[i:i + n])
                        self.on_term(entry, *span, " ".join(found_in) if disguise else None, list(disguise), found_in)
            if changed is None and not found and longest_run(words[i][2]) >= REPEAT_MIN:
                plain = squeeze(words[i][2])
                for entry in self._single(plain):
                    if (entry["kind"], entry["ref"]) not in skipped:
                        self.on_term(entry, words[i][0], words[i][1], plain, ["repeated"])
        return hit

    def _leet_phrases(self, words: list[tuple[int, int, str]]) -> None:
        """Digits for letters inside a phrase: "t0 d1e f0r" is "to die for". One word alone is
        _disguised_runs' work; here only phrases of two words or more."""
        leet = [(s, e, _leet(w)) for s, e, w in words]
        changed = {i for i, (a, b) in enumerate(zip(words, leet, strict=True)) if a != b}
        if changed:
            self._match(leet, [word_key(w) for _, _, w in leet], changed, ["leet"], shortest=2)

    def _glued(self, words: list[tuple[int, int, str]], places: list[tuple[int, int]]) -> None:
        """Words split by a symbol, emoji or separator (f#ck, cra☕zy, cra-zy, cr.azy): read as
        one word, first without what splits them (an inserted symbol), then, when nothing
        matched, with each split standing for one letter (f#ck: f?ck, a symbol for a letter).
        Once with every kind of split, once with symbols only, so that a hyphenated phrase
        keeps its words (nut-fr☕ee is "nut free")."""
        done: list[list[list[int]]] = []
        for glue in (GLUE, GLUE_SYMBOL):
            groups: list[list[int]] = []
            for i in range(len(words)):
                if i and glue.match(self.reading.text[places[i - 1][1]:places[i][0]]):
                    groups[-1].append(i)
                else:
                    groups.append([i])
            if groups not in done:
                done.append(groups)
                self._glued_groups(words, groups)

    def _glued_groups(self, words: list[tuple[int, int, str]], groups: list[list[int]]) -> None:
        changed = {g for g, group in enumerate(groups) if len(group) > 1}
        if not changed:
            return
        joined = [(*_span([words[i] for i in g]), _leet("".join(words[i][2] for i in g))) for g in groups]
        hit = self._match(joined, [word_key(w) for _, _, w in joined], changed, ["symbol"])
        for g in sorted(changed - hit):
            wild = _leet("?".join(words[i][2] for i in groups[g]))
            for form in self._masked(wild):
                for entry in self.rules["terms"][self.rules["masked_forms"][form]]:
                    self.on_term(entry, joined[g][0], joined[g][1], form, ["masked"])

    def _masked(self, wild: str) -> list[str]:
        """The single-word terms (as written, with the endings a swear word may carry) that `wild`
        spells with each '?' for one letter: f?ck -> fuck. Only with three letters or more
        known and one unknown in up to six (two in longer words): s?e could be anything."""
        unknown = wild.count("?")
        if len(wild) - unknown < 3 or unknown > (1 if len(wild) <= 6 else 2):
            return []
        return [form for form in self.rules["masked_forms"] if len(form) == len(wild)
                and all(w in ("?", f) for w, f in zip(wild, form, strict=True))]

    def _unless_places(self, keys: list[str]) -> None:
        """Where the draft says each of the policy's 'unless' phrases (spans in draft order)."""
        words, unless = self.words, self.rules["unless"]
        firsts = first_words(unless)
        for i in range(len(words)):
            if keys[i] not in firsts:
                continue
            for n in self.rules["unless_lengths"]:
                key = " ".join(keys[i:i + n])
                if i + n <= len(words) and key in unless:
                    self.unless.setdefault(key, []).append((words[i][0], words[i + n - 1][1]))

    def _single(self, word: str) -> list[dict[str, Any]]:
        """The entries of a one-word term that `word` (folded, undisguised) may be, squeezed or not."""
        key = word_key(word)
        terms = self.rules["terms"]
        if key in terms:
            return list(terms[key])
        squeezed = squeeze(key)
        return list(terms.get(squeezed) or terms.get(self.rules["squeezed"].get(squeezed, ""), ()))

    def _excused(self, entry: dict[str, Any], start: int, end: int) -> bool:
        """The policy says otherwise: the match sits inside an 'unless' phrase, or its capitals differ."""
        for key in entry.get("unless", ()):
            if overlaps(self.unless.get(key, []), start, end):
                return True
        case = entry.get("case")
        if case:
            letters = LETTERS.findall(self.text[start:end])
            upper = [bool(UPPER.match(c)) for c in letters]
            shape = "upper" if len(upper) > 1 and all(upper) else "title" if upper and upper[0] else "lower"
            return shape != case
        return False

    def on_term(self, entry: dict[str, Any], start: int, end: int, reading: str | None,
                disguise: list[str], words: Sequence[str] | None = None, whole: bool = False) -> None:
        """A term found at text[start:end] (`reading`: what a disguise reads as; `words`: the
        words it was found in; `whole`: a whole hashtag, compared as one): a finding unless the
        policy or everyday English says otherwise."""
        if self._excused(entry, start, end):
            return
        if "exact" in entry and not whole and not self._as_written(entry, start, end, reading, words, disguise):
            return
        if "with" in entry and not self._in_context(entry, start, end):
            return
        if self._a_name(start, end) or self._another_word(start, end):
            return
        finding = self._term_finding(entry, start, end)
        if finding is None:
            return
        how = self._disguises(start, end, disguise)
        if how:
            read_as = reading if reading is not None else self.reading_of(start, end)
            finding["reads_as"], finding["disguise"] = read_as, how
            finding["message"] += format_message(self.rules["messages"]["disguise"], {
                "match": finding["match"], "reading": read_as, "how": ", ".join(
                    words + (self._lookalike_example(start, end) if kind == "lookalike" else "")
                    for kind, words in self.rules["constants"]["disguises"] if kind in how)})
        elif entry.get("where") and finding["level"] != "info":
            finding["explain"] = format_message(self.rules["messages"]["explain"], {
                "match": finding["match"], "what": entry["term"], "phrase": self._around(start, end, entry),
                "where": entry["where"]})

    def _as_written(self, entry: dict[str, Any], start: int, end: int, reading: str | None,
                    words: Sequence[str] | None, disguise: Sequence[str]) -> bool:
        """A term without word endings matches only its own words: "recall", not "recalled"."""
        found = list(words) if words is not None else \
            WORD.findall(reading if reading is not None else self.reading_of(start, end))
        form = " ".join(word_form(w) for w in found)
        if "repeated" in disguise:
            return squeeze(form) == squeeze(entry["exact"])
        return bool(form == entry["exact"])

    def _in_context(self, entry: dict[str, Any], start: int, end: int) -> bool:
        """One of the entry's context phrases within `within` words before or after the match."""
        index = [i for i, w in enumerate(self.words) if w[0] < end and start < w[1]]
        if not index:
            return False
        within = entry["within"]
        sides = (self.forms[max(index[0] - within, 0):index[0]], self.forms[index[-1] + 1:index[-1] + 1 + within])
        for context in entry["with"]:
            wanted = context.split(" ")
            for side in sides:
                if any(side[i:i + len(wanted)] == wanted for i in range(len(side) - len(wanted) + 1)):
                    return True
        return False

    def _a_name(self, start: int, end: int) -> bool:
        """A word written as a name is a name: someone on the roster, capitalised anywhere, or a
        first name capitalised in mid-sentence ("thanks, Sue"; "Sue us" opens a sentence); never
        inside a hashtag."""
        if any(s <= start < e for s, e, _ in self.hashtags):
            return False  # a CamelCase hashtag capitalises every word: no sign of a name
        written = self.text[start:end]
        letters = LETTERS.findall(written)
        if len(letters) < 2 or not UPPER.match(letters[0]) or any(UPPER.match(c) for c in letters[1:]):
            return False
        kind = self.rules["names"].get(word_form(self.reading_of(start, end)))
        return kind == "roster" or (kind == "given" and (not SENTENCE_START.search(self.text[:start])
                                                         or self._named(end)))

    def _named(self, end: int) -> bool:
        """Whether what follows a first name that opens a sentence shows it is the name:
        "Sue's", "Sue has", "Sue roasted" (shared.NAME_NEXT), the next word after a space;
        "Sue us" and "Poppy-shaped" do not."""
        if POSSESSIVE.match(self.text[end:end + 3]):
            return True
        i = first_ending_after(self.words, end)
        if i >= len(self.words) or self.words[i][0] < end:
            return False
        gap = self.text[end:self.words[i][0]]
        if not gap or strip(gap):
            return False  # the next word is joined on ("Poppy-shaped"): one compound, not a name and a verb
        constants, form = self.rules["constants"], self.forms[i]
        endings = tuple(constants["name_next_endings"])
        return form in constants["name_next"] or (len(form) > 4 and form.endswith(endings))

    def _another_word(self, start: int, end: int) -> bool:
        """An accented English word is its own word (lamé), not the term with an accent added."""
        accented = self.rules["accent_words"]
        return any(unicodedata.normalize("NFC", w).lower() in accented for w in WORD.findall(self.text[start:end]))

    def _lookalike_example(self, start: int, end: int) -> str:
        """" (a Cyrillic 'а' for 'a')": the first look-alike letter in text[start:end], by script."""
        table = self.rules["lookalikes"]
        for char in self.text[start:end]:
            folded = fold_char(char)
            if char >= "\x80" and folded and folded[0] in table:
                script = next((name for low, high, name in self.rules["constants"]["scripts"]
                               if low <= ord(char) <= high), "non-Latin")
                return f" (a {script} '{char}' for '{table[folded[0]]}')"
        return ""

    def reading_of(self, start: int, end: int) -> str:
        """The reading of text[start:end]: reading offsets grow with the original's."""
        r = self.reading
        return r.text[bisect_left(r.starts, start):bisect_left(r.starts, end)]

    def _around(self, start: int, end: int, entry: dict[str, Any] | None = None) -> str:
        """A ready 'unless' phrase, as the draft wrote it: the shortest run of words around the
        match, inside its sentence, that adds a telling word ("quick recall", "Lawyer jokes").
        A telling word can tell this use from the guilty one: not one of the most common English
        words (they go with either use: "you recall your"), not one of the entry's context words
        (they mark the guilty use: "recall of the product" would excuse a real recall), not the
        term again, not a number (it fits only this post). Equal lengths: the word after first.
        Without one, a word either side."""
        low = high = first_ending_after(self.words, start)  # a search, not a scan: one per finding
        while high < len(self.words) and self.words[high][0] < end:
            high += 1
        index = range(low, high)
        if not index:
            return self.text[start:end]
        first, last = index[0], index[-1]
        guilty = {w for context in (entry or {}).get("with", ()) for w in context.split(" ")}
        dull = set(self.rules["common_words"]) | guilty | set(self.forms[first:last + 1])
        for extra in range(1, 5):
            for left in range(extra + 1):
                low, high = first - left, last + extra - left
                if low < 0 or high >= len(self.words) or self._sentence_ends(low, high):
                    continue
                added = self.forms[low:first] + self.forms[last + 1:high + 1]
                if any(f not in dull and not all(c in "0123456789" for c in f) for f in added):
                    return self._phrase(low, high)
        return self._phrase(max(first - 1, 0), min(last + 1, len(self.words) - 1))

    def _sentence_ends(self, low: int, high: int) -> bool:
        """Whether a sentence ends between words[low] and words[high]."""
        return any(SENTENCE_END.search(self.text[self.words[i][1]:self.words[i + 1][0]]) for i in range(low, high))

    def _phrase(self, low: int, high: int) -> str:
        return " ".join(SPACE_RUN.split(strip(self.text[self.words[low][0]:self.words[high][1]])))

    def _disguises(self, start: int, end: int, found: list[str]) -> list[str]:
        """How text[start:end] hides what it reads as (shared.DISGUISES order)."""
        kinds = set(found)
        if any(start <= offset < end for offset in self.reading.reversed):
            kinds.add("reversed")
        table = self.rules["lookalikes"]
        for char in self.text[start:end]:
            if char < "\x80":
                continue
            folded = fold_char(char)
            if not folded:
                kinds.add("invisible")
            elif any(c in table for c in folded):
                kinds.add("lookalike")
            elif folded != unicodedata.normalize("NFKC", char).lower():
                kinds.add("accent")
            elif folded != char.lower():
                kinds.add("styled")
        return [kind for kind, _ in self.rules["constants"]["disguises"] if kind in kinds]

    def _term_finding(self, entry: dict[str, Any], start: int, end: int) -> dict[str, Any] | None:
        kind, ref = entry["kind"], entry["ref"]
        if kind == "banned":
            template = "voice.banned" if entry["use_instead"] else "voice.banned-bare"
            return self.add("voice.banned", ref, "revise", start, end, template, self.page("vocabulary"),
                            reason=entry["reason"], use_instead=entry["use_instead"] or "")
        if kind == "caution":
            template = "voice.caution-alt" if entry["use_instead"] else "voice.caution"
            return self.add("voice.caution", ref, "info", start, end, template, self.page("vocabulary"),
                            reason=entry["reason"], use_instead=entry["use_instead"] or "")
        if kind == "profanity":
            return self.add("voice.profanity", ref, "revise", start, end, "voice.profanity", self.page("vocabulary"))
        if kind == "preferred":
            return self.add("voice.preferred", ref, "revise", start, end, "voice.preferred", self.page("vocabulary"),
                            reason=entry["reason"], use_instead=entry["use_instead"])
        if kind == "personal" and not self.account["personal_content_allowed"]:
            return self.add("voice.personal", ref, "revise", start, end, "voice.personal", self.page("voice"),
                            account=self.account["name"])
        if kind == "trigger":
            return self._on_trigger(ref, start, end)
        if kind == "incident" and self.crisis:
            self.incident = True
            return self.add("crisis.incident", ref, "escalate", start, end, "crisis.incident", self.page("crisis"),
                            incident=self.crisis["incident"] or "")
        if kind == "promotion":
            return self._on_promotion(ref, start, end)
        if kind == "disclosure" and ref not in self.disclosures:
            self.disclosures[ref] = (start, end)
        if kind in ("date", "event"):
            return self._on_mention(kind, ref, start, end)
        return None

    def _on_promotion(self, ref: str, start: int, end: int) -> dict[str, Any] | None:
        if self.promoted is None:
            self.promoted = (start, end)
        if self.crisis and self.crisis["block_promotions"]:
            return self.add("crisis.promotion", ref, "revise", start, end, "crisis.promotion", self.page("crisis"))
        for section, rule, ids in (("calendar", "calendar.promotion", self.dates),
                                   ("watchlist", "watchlist.promotion", self.events)):
            for item_id in ids:
                item = self.rules[section][item_id]
                if "promotions" in item["pauses"]:
                    return self.add(rule, item_id, "approval", start, end, rule, self.page("calendar"),
                                    name=item["name"], date=self._date_text(item))
        return None

    def _on_mention(self, kind: str, ref: str, start: int, end: int) -> dict[str, Any] | None:
        section, ids = ("calendar", self.dates) if kind == "date" else ("watchlist", self.events)
        if ref not in ids:
            return None
        item = self.rules[section][ref]
        self.mentioned.append((kind, ref))
        rule = f"{section}.mention"
        severity = self.rules["severities"][item["severity"]]
        return self.add(rule, ref, "escalate", start, end, rule, self.page("calendar"), name=item["name"],
                        date=self._date_text(item), severity=severity["name"])

    def _on_trigger(self, trigger_id: str, start: int, end: int) -> dict[str, Any] | None:
        trigger = self.rules["triggers"][trigger_id]
        if trigger["only_accounts"] is not None and self.account_id not in trigger["only_accounts"]:
            return None  # scoped to other platforms or accounts
        severity = self.rules["severities"][trigger["severity"]]
        lowest = self.rules["severities"][self.rules["severity_order"][0]]["rank"]
        self.triggers.append((trigger_id, start))
        escalates = severity["rank"] > lowest
        return self.add("sensitivity.trigger", trigger_id, "escalate" if escalates else "info",
                        start, end, "sensitivity.trigger" if escalates else "sensitivity.trigger-info",
                        self.rules["pages"]["severities"][trigger["severity"]],
                        trigger=trigger["name"], severity=severity["name"])

    # ------------------------------------------------------------------ knowledge packs

    def _pack_lexicons(self) -> None:
        """The packs' patterns (on the reading: folded, look-alikes undone) and emoji (as
        written) that have no word form for the term index; each counts as its trigger, and a
        promotional entry's pattern also as a promotion (as a promotional trigger's keyword)."""
        packs, reading = self.rules["packs"], self.reading
        for item in packs["patterns"]:
            for m in _regex(item["pattern"]).finditer(reading.text):
                if m.end() > m.start():
                    start, end = reading.span(m.start(), m.end())
                    if not self.in_link(start) and self._near(item, start, end):
                        excused = {"unless": item["unless"]} if "unless" in item else {}
                        self.on_term({"kind": "trigger", "ref": item["ref"], **excused}, start, end, None, [])
                        if item.get("promotion"):
                            self.on_term({"kind": "promotion", "ref": item["ref"], **excused}, start, end, None, [])
        if not packs["emoji_any"]:
            return
        for m in _regex(packs["emoji_any"]).finditer(self.text):
            plain = _regex(packs["modifiers"]).sub("", m.group(0))
            for item in packs["emoji"]:
                if item["emoji"] == plain and self._near(item, m.start(), m.end()) \
                        and not self._excused(item, m.start(), m.end()):
                    self._on_trigger(item["ref"], m.start(), m.end())

    def _near(self, item: dict[str, Any], start: int, end: int) -> bool:
        """Without `with`, always; else one of its words within `within` words either side."""
        if "with" not in item:
            return True
        first = last = first_ending_after(self.words, start)
        while last < len(self.words) and self.words[last][0] < end:
            last += 1
        within = item["within"]
        for side in (self.forms[max(first - within, 0):first], self.forms[last:last + within]):
            for context in item["with"]:
                wanted = context.split(" ")
                if any(side[i:i + len(wanted)] == wanted for i in range(len(side) - len(wanted) + 1)):
                    return True
        return False

    def _tragic_promotion(self) -> None:
        """A promotion that names a past tragedy is stopped, whatever the date: revise, beside
        the escalation the tragedy's name already brings."""
        if self.promoted is None:
            return
        tragedies = set(self.rules["packs"]["tragedies"])
        named = next((t for t, _ in self.triggers if t in tragedies), None)
        if named is not None:
            start, end = self.promoted
            self.add("tragedy.promotion", named, "revise", start, end, "tragedy.promotion", self.page("calendar"),
                     name=self.rules["triggers"][named]["name"])

    def _hashtags(self) -> None:
        approved = set(self.rules["approved_hashtags"])
        table = self.rules["lookalikes"]
        for start, end, body in self.hashtags:
            key = "".join(WORD.findall(read(body, table).text))
            whole = self.rules["hashtag_terms"].get(key, ())
            for entry in whole:
                self.on_term(entry, start, end, None, [], whole=True)
            ended = self._campaign_ended("#" + key)
            if "#" + key not in approved or ended:
                self._hashtag_words(start + 1, body, whole)
                self._inner_words(start + 1, body, whole)
            if ended:
                self.add("hashtag.ended", "#" + key, "revise", start, end, "hashtag.ended", self.page("hashtag"),
                         campaign=ended["campaign"], until=ended["until"], tag=ended["tag"])
            elif "#" + key not in approved:
                self.add("hashtag.unapproved", "#" + key, "revise", start, end, "hashtag.unapproved",
                         self.page("hashtag"))
            for section, rule, ids in (("calendar", "calendar.hashtag", self.dates),
                                       ("watchlist", "watchlist.hashtag", self.events)):
                for item_id in ids:
                    item = self.rules[section][item_id]
                    if "hashtags" in item["pauses"]:
                        self.add(rule, item_id, "approval", start, end, rule, self.page("calendar"),
                                 name=item["name"], date=self._date_text(item))

    def _campaign_ended(self, key: str) -> dict[str, str] | None:
        """The campaign of an approved hashtag when it is over at the post's time: after its
        last day where the account posts (`at`'s date, as a calendar window is judged), else
        None. Without `at`, as with sensitive dates, no campaign has ended. An ended hashtag is
        no longer approved: its words are judged as an unapproved hashtag's are."""
        campaign = self.rules["hashtag_campaigns"].get(key)
        if campaign is None or self.at is None or self.at["date"] <= campaign["until"]:
            return None
        return dict(campaign)

    def _hashtag_words(self, offset: int, body: str, whole: Sequence[dict[str, Any]]) -> None:
        """The words of a CamelCase or snake_case hashtag, each judged where it stands
        (#CrazyDeals: 'Crazy'), digits read as letters (#St0rmBram: storm bram); a term the
        whole hashtag already named is not named again. An approved hashtag is not split."""
        parts = list(HASHTAG_WORD.finditer(body))
        if len(parts) < 2:
            return
        table = self.rules["lookalikes"]
        words = [(offset + m.start(), offset + m.end(), read(m.group(0), table).text) for m in parts]
        self._match(words, [word_key(w) for _, _, w in words], skip=whole)
        leet = [(s, e, _leet(w)) for s, e, w in words]
        changed = {i for i, (a, b) in enumerate(zip(words, leet, strict=True)) if a != b}
        if changed:
            self._match(leet, [word_key(w) for _, _, w in leet], changed, ["leet"], skip=whole)

    def _inner_words(self, offset: int, body: str, whole: Sequence[dict[str, Any]]) -> None:
        """Terms strictly inside a word of a hashtag (#crapcoffee: 'crap', #recallalert:
        'recall'), unless a longer dictionary word holds them there (#scrapbooking); inner.py
        states the rule. The hashtag's words themselves are _hashtag_words' and _terms' work."""
        forms, table = self.rules["inner_forms"], self.rules["lookalikes"]
        skipped = {(e["kind"], e["ref"]) for e in whole}
        for part in HASHTAG_WORD.finditer(body):
            reading = read(part.group(0), table)
            text = reading.text
            for i in range(len(text)):
                if text[i:i + self.rules["inner_min"]] not in self.rules["inner_prefixes"]:
                    continue
                for n in self.rules["inner_lengths"]:
                    if i + n > len(text) or n == len(text):
                        break
                    form = text[i:i + n]
                    place = forms.get(form)
                    if place is None or self._covered(text, i, i + n, form):
                        continue
                    first, last = reading.span(i, i + n)
                    start, end = offset + part.start() + first, offset + part.start() + last
                    for entry in self.rules[place[0]][place[1]]:
                        if (entry["kind"], entry["ref"]) not in skipped:
                            self.on_term(entry, start, end, form, [], [form], whole=place[0] == "hashtag_terms")

    def _covered(self, text: str, start: int, end: int, form: str) -> bool:
        """Whether a dictionary word that holds `form` is spelled around text[start:end]."""
        for word in self.rules["inner_cover"].get(form, ()):
            for at in range(max(0, end - len(word)), start + 1):
                if text.startswith(word, at):
                    return True
        return False

    # ------------------------------------------------------------------ disguised words

    def _disguised_runs(self) -> None:
        """Words written with digits and symbols: sh1t, $hit, cr4zy, f***, f**king."""
        reading = self.reading
        for m in RUN.finditer(reading.text):
            run = RUN_TAIL.sub("", m.group(0))
            if not run or run[0] == "@" or not (_DISGUISE & set(run)) or not LETTER.search(run):
                continue
            start, end = reading.span(m.start(), m.start() + len(run))
            if self.in_link(start):
                continue
            plain = "".join(LEET.get(c, c) for c in run)
            if "*" in plain:
                base = self._starred(plain)
                if base is not None:
                    self.add("voice.profanity", base, "revise", start, end, "voice.profanity",
                             self.page("vocabulary"))
                continue
            for plain in _leet_readings(run):
                entries = self._single(plain)
                for entry in entries:
                    self.on_term(entry, start, end, squeeze(plain) if longest_run(plain) >= REPEAT_MIN else plain,
                                 ["leet"] + (["repeated"] if longest_run(plain) >= REPEAT_MIN else []))
                if entries:
                    break

    def _spaced(self) -> None:
        """Letters spaced or dotted apart: s h i t, c.r.a.z.y. A one-letter word beside them
        joins the run ("a r e c a l l"), so the longest part that spells a term wins."""
        reading = self.reading
        for m in SPACED.finditer(reading.text):
            items = list(SPACED_ITEM.finditer(m.group(0)))
            for first, last in spaced_runs([i.group(0) for i in items]):
                letters = "".join(LEET.get(i.group(0), i.group(0)) for i in items[first:last])
                entries = self._single(letters)
                if not entries:
                    continue
                start, end = reading.span(m.start() + items[first].start(), m.start() + items[last - 1].end())
                for entry in entries:
                    self.on_term(entry, start, end, letters, ["spaced"])
                break

    def _starred(self, pattern: str) -> str | None:
        """A word with letters starred out matches a profanity of the same length."""
        for form, base in self.rules["profanity_forms"].items():
            if len(form) == len(pattern) and all(p in ("*", f) for p, f in zip(pattern, form, strict=False)):
                return base
        return None

    def _disclosures(self) -> None:
        """A disclosure is needed where one of its words appears (found by _terms) or the post
        links to one of its domains; it must be in the post, and where the policy puts it."""
        linked = self._linked_disclosures()
        found = {**linked, **self.disclosures}  # a word, where there is one, locates the finding
        for disclosure_id, (start, end) in sorted(found.items()):
            spec = self.rules["disclosures"][disclosure_id]
            place = self._tag_place(spec)
            if place is None:
                template = "voice.disclosure" if disclosure_id in self.disclosures else "voice.disclosure-link"
                self.add("voice.disclosure", disclosure_id, "revise", start, end, template,
                         self.page("voice"), tag=spec["tag"])
            elif not self._placed(place, spec["position"]):
                self.add("voice.disclosure-place", disclosure_id, "revise", place[0], place[1],
                         "voice.disclosure-place", self.page("voice"), tag=spec["tag"], position=spec["position"])

    def _linked_disclosures(self) -> dict[str, tuple[int, int]]:
        """The disclosures a link of the post calls for, each at its first such link."""
        found: dict[str, tuple[int, int]] = {}
        for disclosure_id, spec in sorted(self.rules["disclosures"].items()):
            for start, end in self.links:
                host = self._host(start, end)
                if any(host == d or host.endswith("." + d) for d in spec["domains"]):
                    found[disclosure_id] = (start, end)
                    break
        return found

    def _host(self, start: int, end: int) -> str:
        return HOST_END.split(LINK_SCHEME.sub("", fold(self.text[start:end]), count=1))[0]

    def _tag_place(self, spec: dict[str, Any]) -> tuple[int, int] | None:
        """Where the post carries the disclosure: a hashtag read as the tag is read (look-alike
        letters and all), or the tag's text in any case; None when it does not."""
        if spec["hashtag"]:
            table = self.rules["lookalikes"]
            for start, end, body in self.hashtags:
                if "#" + "".join(WORD.findall(read(body, table).text)) == spec["hashtag"]:
                    return start, end
            return None
        match = regex.search(spec["pattern"], self.text, regex.IGNORECASE)
        return (match.start(), match.end()) if match else None

    def _placed(self, place: tuple[int, int], position: str) -> bool:
        """start: no word of the post before it; end: none after it. Hashtags, @mentions, links
        and emoji are not words here: "#ad #coffee" may end a post whose tag must come last."""
        if position == "anywhere":
            return True
        covered = sorted([(s, e) for s, e, _ in self.hashtags] + [(s, e) for s, e, _ in self.mentions]
                         + list(self.links))
        for m in WORD.finditer(self.text):
            if overlaps(covered, m.start(), m.end()) or (m.start() < place[1] and place[0] < m.end()):
                continue
            if (m.start() < place[0]) if position == "start" else (m.start() >= place[1]):
                return False
        return True

    # ------------------------------------------------------------------ counts

    def _limits(self) -> None:
        limits, name = self.account["limits"], self.account["platform_name"]
        page = self.rules["pages"]["platforms"][self.account["platform"]]
        length = len(strip(self.text))
        if limits["link_length"]:
            length += sum(limits["link_length"] - (end - start) for start, end in self.links)
        counts = {"length": length, "hashtags": len(self.hashtags), "mentions": len(self.mentions),
                  "links": len(self.links), "media": len(self.media)}
        spans: dict[str, Sequence[tuple[Any, ...]]] = {"hashtags": self.hashtags, "mentions": self.mentions,
                                                    "links": self.links}
        for what, key in (("length", "max_chars"), ("hashtags", "max_hashtags"), ("mentions", "max_mentions"),
                          ("links", "max_links"), ("media", "max_media")):
            limit = limits[key]
            if key == "max_hashtags" and self.account["limit_sources"].get(key) == HOUSE_STYLE:
                continue  # the house style sets it: _style reports it, once
            if limit is not None and counts[what] > limit:
                start, end = spans[what][limit][:2] if what in spans else (0, 0)
                self.add(f"limits.{what}", None, "revise", start, end, f"limits.{what}", page,
                         count=counts[what], limit=limit, platform=name,
                         limits_text=self.account["limit_texts"].get(key, ""))

    def _style(self) -> None:
        style, page = self.rules["style"], self.page("style")
        marks = [(i, i + 1) for i, c in enumerate(self.text) if c == "!"]
        emoji = [(m.start(), m.end()) for m in EMOJI.finditer(self.text)]
        caps = []
        shouted: dict[str, bool] = {}  # each distinct word measured once
        for s, e, _ in self.words:
            word = self.text[s:e]
            if word not in shouted:
                written = "".join(LETTERS.findall(word))
                shouted[word] = len(written) >= CAPS_MIN and written == written.upper() and written != written.lower()
            if shouted[word]:
                caps.append((s, e))
        hashtags = [(s, e) for s, e, _ in self.hashtags]
        # The account's effective hashtag limit: reported here only when the house style sets it.
        house_hashtags = (self.account["limits"]["max_hashtags"]
                          if self.account["limit_sources"].get("max_hashtags") == HOUSE_STYLE else None)
        for rule, found, limit in (("style.exclamation", marks, style["max_exclamation_marks"]),
                                   ("style.emoji", emoji, style["max_emoji"]),
                                   ("style.hashtags", hashtags, house_hashtags),
                                   ("style.caps", caps, style["all_caps_words"])):
            if limit is not None and len(found) > limit:
                start, end = found[limit]
                self.add(rule, None, "revise", start, end, rule, page, count=len(found), limit=limit,
                         limits_text=self.account["limit_texts"]["max_hashtags"])
        sign_off = style["sign_off"]
        if sign_off and self.account["sign_off"] and (self.reply or REPLY.search(self.text)) \
                and not regex.search(sign_off["pattern"], self.text):
            self.add("style.sign-off", None, "revise", 0, 0, "style.sign-off", page, sign_off=sign_off["text"],
                     example=sign_off["example"])

    # ------------------------------------------------------------------ media and links

    def _media(self) -> None:
        rules, page = self.rules["media"], self.page("media")
        for item in self.media:
            name = str(item.get("file") or "(unnamed)")
            self._media_spec(item, name)
            if rules["alt_text_required"] and not strip(str(item.get("alt") or "")):
                self.add("media.alt-text", name, "revise", 0, 0, "media.alt-text", page, file=name)
            if rules["no_images_from_messages"] and item.get("source") == "message":
                self.add("media.from-message", name, "revise", 0, 0, "media.from-message", page, file=name)
        domains = rules["approved_link_domains"]
        if not domains:
            return
        for start, end in self.links:
            host = self._host(start, end)
            if not any(host == d or host.endswith("." + d) for d in domains):
                self.add("media.link-domain", host, "revise", start, end, "media.link-domain", page)

    def _media_spec(self, item: dict[str, Any], name: str) -> None:
        """An attachment against the account's media specs (queries/media.py): only what the file
        or its declaration tells (kind, size, length, bytes, captions) is checked."""
        spec, kind = self.account["media"], item.get("kind")
        part = spec and kind in ("image", "video") and spec[kind]
        if not part:
            return
        page = self.rules["pages"]["platforms"][self.account["platform"]]
        values = {"file": name, "platform": self.account["platform_name"], "kind": f"{kind}s"}
        width, height = item.get("width"), item.get("height")
        if width and height:
            values |= {"width": width, "height": height}
            if part["ratios"] and not any(abs(width / height - r["value"]) <= r["value"] * RATIO_TOLERANCE
                                          for r in part["ratios"]):
                self.add("media.ratio", name, "revise", 0, 0, "media.ratio", page,
                         ratios=" or ".join(r["text"] for r in part["ratios"]), **values)
            least = part["min_resolution"]
            if least and (width < least[0] or height < least[1]):
                self.add("media.resolution", name, "revise", 0, 0, "media.resolution", page,
                         least=f"{least[0]}x{least[1]}", **values)
            if kind == "image" and part["sizes"] and [width, height] not in part["sizes"]:
                self.add("media.size", name, "info", 0, 0, "media.size", page,
                         sizes=" or ".join(f"{w}x{h}" for w, h in part["sizes"]), **values)
        if item.get("bytes") and part["max_bytes"] and item["bytes"] > part["max_bytes"]:
            self.add("media.bytes", name, "revise", 0, 0, "media.bytes", page,
                     megabytes=tenths(item["bytes"] / 1_000_000), limit=tenths(part["max_megabytes"]), **values)
        if kind == "video":
            self._video_spec(item, part, page, values)

    def _video_spec(self, item: dict[str, Any], part: dict[str, Any], page: str, values: dict[str, Any]) -> None:
        name, seconds = values["file"], item.get("seconds")
        for rule, limit, over in (("media.short", part["min_seconds"], -1), ("media.long", part["max_seconds"], 1)):
            if seconds is not None and limit is not None and (seconds - limit) * over > 0:
                self.add(rule, name, "revise", 0, 0, rule, page, seconds=tenths(seconds), limit=tenths(limit),
                         **values)
        if part["captions_required"] and item.get("captions") is not True:
            rule = "media.captions" if item.get("captions") is False else "media.captions-unknown"
            self.add(rule, name, "revise" if rule == "media.captions" else "info", 0, 0, rule, page, **values)
        if part["hook"]:
            self.add("media.hook", name, "info", 0, 0, "media.hook", page, hook=part["hook"], **values)

    # ------------------------------------------------------------------ who may publish

    def _publisher(self) -> None:
        """A role that may not publish on this account hands the post to one that may; a reply
        needs a role that may reply instead."""
        if self.reply or REPLY.search(self.text):
            repliers = self.account["repliers"]
            if self.author is not None and self.author not in repliers:
                self.add("role.reply", self.author, "approval", 0, 0, "role.reply", self.page("roles"),
                         author=self._names([self.author]), account=self.account["name"],
                         repliers=self._names(repliers, "or"))
            return
        publishers = self.account["publishers"]
        if self.author is None or self.author in publishers:
            return
        self.add("role.publish", self.author, "approval", 0, 0, "role.publish", self.page("roles"),
                 author=self._names([self.author]), account=self.account["name"],
                 publishers=self._names(publishers, "or"))

    # ------------------------------------------------------------------ route

    def _route(self) -> dict[str, Any]:
        rules = self.rules
        severities = rules["severities"]
        chosen = self._worst_trigger()
        severity_id = rules["triggers"][chosen]["severity"] if chosen else None
        for kind, ref in self.mentioned:
            item = rules["calendar" if kind == "date" else "watchlist"][ref]
            if severity_id is None or severities[item["severity"]]["rank"] > severities[severity_id]["rank"]:
                severity_id = item["severity"]
        if self.incident:
            severity_id = rules["severity_order"][-1]
        severity = severities[severity_id] if severity_id else None
        ladder = rules["ladders"].get(severity["ladder"]) if severity else None
        route = {
            "tier": self.account["tier"], "severity": severity_id,
            "respond_within_minutes": severity["respond_within_minutes"] if severity else None,
            "ladder": severity["ladder"] if severity else None, "steps": ladder["steps"] if ladder else [],
            "after_last_step": ladder["after_last_step"] if ladder else None,
            "notify": severity["notify"] if severity else [],
            "holding_statement": rules["triggers"][chosen]["holding_statement"] if chosen else None,
            "owners": self._owners(),
            "approvals": [], "verify": None, "may_post": self.crisis["may_post"] if self.crisis else None,
            "publishers": self._roles(self.account["publishers"]),
            "reply": self.reply, "repliers": self._roles(self.account["repliers"]),
            "dates": list(self.dates), "events": list(self.events),
        }
        self._approvals(route, severity["rank"] if severity else 0)
        return route

    def _owners(self) -> list[dict[str, str]]:
        """Who owns each matched trigger that names an owner, worst first, each trigger once."""
        rules = self.rules
        seen: set[str] = set()
        found: list[tuple[int, int, dict[str, str]]] = []
        for trigger_id, _ in self.triggers:
            owner = rules["triggers"][trigger_id]["owner"]
            if owner is not None and trigger_id not in seen:
                seen.add(trigger_id)
                found.append((-rules["severities"][rules["triggers"][trigger_id]["severity"]]["rank"], len(found),
                              {"trigger": trigger_id, "owner": owner}))
        return [item for _, _, item in sorted(found, key=lambda f: (f[0], f[1]))]

    def _worst_trigger(self) -> str | None:
        best = None
        for trigger_id, _ in self.triggers:
            rank = self.rules["severities"][self.rules["triggers"][trigger_id]["severity"]]["rank"]
            if best is None or rank > best[1]:
                best = (trigger_id, rank)
        return best[0] if best else None

    def _approvals(self, route: dict[str, Any], rank: int) -> None:
        approvals, tier = self.rules["approvals"], self.account["tier"]
        matched = [self.rules["triggers"][t] for t, _ in self.triggers]
        categories = {t["category"] for t in matched}
        two = approvals["two_person_rule"]
        if two and tier in two["tiers"]:
            self._need(route, "approval.two-person", two["ref"], two["description"], two["approvers"], 1,
                       two["name"])
        for rule in approvals["rules"]:
            if rule["tiers"] and tier not in rule["tiers"]:
                continue
            if rule["categories"] and not categories.intersection(rule["categories"]):
                continue
            if rule["min_severity"] and rank < self.rules["severities"][rule["min_severity"]]["rank"]:
                continue
            self._need(route, "approval.rule", rule["id"], rule["description"], rule["approvers"], rule["needed"],
                       rule["name"])
        verify = approvals["verify"]
        if verify and any(t["verify_first"] or t["category"] in verify["categories"] for t in matched):
            route["verify"] = {k: verify[k] for k in ("sources_required", "wait_minutes", "approver", "description")}
            self._need(route, "approval.verify", "verify-before-reacting", verify["description"],
                       [verify["approver"]], 1, verify["name"])
        if self.crisis and self.author not in self.crisis["may_post"]:
            self.add("crisis.active", None, "approval", 0, 0, "crisis.active", self.page("crisis"),
                     incident=self.crisis["incident"] or "", who_may_post=self.crisis["who_may_post"])

    def _need(self, route: dict[str, Any], rule: str, ref: str, description: str, roles: list[str],
              needed: int, name: str) -> None:
        approvers = self._without_author(roles)
        route["approvals"].append({"rule": ref, "name": name, "description": description, "roles": approvers,
                                   "approvers": self._roles(approvers), "needed": needed})
        finding = self.add(rule, ref, "approval", 0, 0, "approval.needed", self.page("approval"),
                           description=description, needed=needed, roles=self._names(approvers), name=name)
        if finding is not None:
            finding["roles"] = self._roles(approvers)

    def _without_author(self, roles: list[str]) -> list[str]:
        """Approvers other than the author's own role; its escalation role if none is left."""
        kept = []
        for role in roles:
            if role != self.author and role not in kept:
                kept.append(role)
        if not kept and self.author in self.rules["roles"]:
            fallback = self.rules["roles"][self.author]["fallback"]
            if fallback and fallback != self.author:
                kept.append(fallback)
        return kept

    def _roles(self, roles: list[str]) -> list[dict[str, str]]:
        """Roles by id and name, as the JSON output names them."""
        known = self.rules["roles"]
        return [{"id": r, "name": known[r]["name"] if r in known else r} for r in roles]

    def _names(self, roles: list[str], last: str = "") -> str:
        names = [self.rules["roles"][r]["name"] if r in self.rules["roles"] else r for r in roles]
        if last and len(names) > 1:
            return ", ".join(names[:-1]) + f" {last} " + names[-1]
        return ", ".join(names) or "nobody"
