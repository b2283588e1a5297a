"""How often the policy's own words would stop an ordinary post: `playbook validate`'s
false-alarm estimate (issue 23).

A social team stops trusting a filter after a week of false alarms. So every trigger keyword
and every banned or profane vocabulary term is run over a shipped corpus of ordinary brand
posts (generator/corpora/ordinary-posts.yaml: replies, promotions, behind the scenes,
seasonal, several accounts' styles, none of which a team would want held) through the
draft checker itself, so the estimate counts exactly what `check` would flag, with every
context, exception, name and disguise rule applied. A term that flags at least MIN_POSTS
posts and at least MIN_SHARE of them is warned about, with the share, one post it flagged,
and the English word frequency that explains why (wordfreq's Zipf scale: 3 is once per
million words, 6 once per thousand).

Threshold. The issue's target is that ordinary posts pass >= 95%, a false-alarm budget of 5%
for the whole policy. False alarms come from a dozen or two everyday words, not from the
hundreds of phrases; at 0.25% each, twenty of them stay inside the budget. Below three posts
a hit is an anecdote (one writer's turn of phrase, within chance for a corpus of this size);
three is a pattern. Hence a warning from max(MIN_POSTS, MIN_SHARE of the corpus) posts.

This runs only in `validate` (a dev-time command): it checks a thousand posts and reads
wordfreq's word list, which `check` and `build` must never pay for; lint/policy/__init__.py's
CHECKS, which every load runs, do not include it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from ...checker.engine import check
from ...checker.rules import compile_rules
from ...checker.text import WORD
from ...diagnostics import Diagnostic
from ...model import Playbook
from ...read.origins import Origins

CORPUS = "ordinary-posts.yaml"  # in generator/corpora/
MIN_POSTS = 3
MIN_SHARE = 0.0025
EVERYDAY_ZIPF = 3.5  # at least about three times per million English words: a word people use, not jargon
# The findings that stop a post because of one of the policy's words.
# (A preferred term's swap, "pick" for "vote", is the house style, not an alarm: not measured.)
_WORD_RULES = ("voice.banned", "voice.profanity", "sensitivity.trigger")
_STOPS = ("revise", "escalate")
_EXAMPLE = 40  # characters of the flagged post quoted in the warning


@dataclass(frozen=True)
class Post:
    id: str
    text: str
    reply: bool


@dataclass
class Tally:
    """The ordinary posts one term flagged: how many, the first, and the exception it suggests."""

    posts: list[Post] = field(default_factory=list)
    explain: str | None = None


@lru_cache(maxsize=1)
def ordinary_posts() -> tuple[Post, ...]:
    """The shipped corpus of ordinary brand posts."""
    text = resources.files("generator").joinpath("corpora", CORPUS).read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    return tuple(Post(str(p["id"]), str(p["text"]), bool(p.get("reply", False))) for p in data["posts"])


def by_term(rules: dict[str, Any]) -> dict[str, Any]:
    """The rules document with one trigger per keyword (ref "trigger-id\\tkeyword"), so that a
    finding says which keyword fired, not only which trigger; the engine is unchanged."""
    measured: dict[str, Any] = json.loads(json.dumps(rules))
    for index in (measured["terms"], measured["hashtag_terms"]):
        for entries in index.values():
            for entry in entries:
                if entry["kind"] == "trigger":
                    ref = f"{entry['ref']}\t{entry['term']}"
                    measured["triggers"].setdefault(ref, measured["triggers"][entry["ref"]])
                    entry["ref"] = ref
    return measured


def tally(rules: dict[str, Any], posts: tuple[Post, ...]) -> dict[tuple[str, str], Tally]:
    """(rule, ref) -> the ordinary posts that a policy word stops, on the largest account."""
    measured = by_term(rules)
    found: dict[tuple[str, str], Tally] = {}
    for post in posts:
        for finding in check(measured, post.text, reply=post.reply)["findings"]:
            if finding["rule"] in _WORD_RULES and finding["level"] in _STOPS:
                entry = found.setdefault((finding["rule"], finding["ref"]), Tally())
                if not entry.posts or entry.posts[-1] is not post:
                    entry.posts.append(post)
                    entry.explain = entry.explain or finding.get("explain")
    return found


@lru_cache(maxsize=8)
def _tally_of(rules_text: str, posts: tuple[Post, ...]) -> dict[tuple[str, str], Tally]:
    """tally() once per policy and corpus in a process: a second `validate` of the same policy
    (an editor's loop, a test suite) does not check the thousand posts again."""
    return tally(json.loads(rules_text), posts)


def zipf(word: str) -> float | None:
    """wordfreq's Zipf frequency of a single English word (None for a phrase)."""
    if len(WORD.findall(word)) != 1:
        return None
    from wordfreq import zipf_frequency  # a second's load: validate only

    return float(zipf_frequency(word, "en"))


@dataclass(frozen=True)
class Term:
    """One word of the policy as the estimate reports it."""

    path: tuple[Any, ...]  # where in the policy: ("triggers", 3, "keywords", 0)
    label: str  # "keyword", "banned term", "profanity term"
    written: str
    has_context: bool
    key: tuple[str, str]  # the finding's (rule, ref), as tally() counts them


def false_alarms(playbook: Playbook, origins: Origins) -> list[Diagnostic]:
    """A warning at every trigger keyword and banned or profane term that flags too many ordinary posts."""
    posts = ordinary_posts()
    if not posts or not playbook.own_accounts:
        return []
    found = _tally_of(json.dumps(compile_rules(playbook), sort_keys=True), posts)
    least = max(MIN_POSTS, MIN_SHARE * len(posts))
    return [_warning(origins, term, found[term.key], len(posts)) for term in _terms(playbook)
            if term.key in found and len(found[term.key].posts) >= least]


def _terms(playbook: Playbook) -> Iterator[Term]:
    for i, trigger in enumerate(playbook.triggers):
        contexts = {c.keyword.casefold() for c in trigger.context}
        for j, keyword in enumerate(trigger.keywords):
            yield Term(("triggers", i, "keywords", j), "keyword", keyword, keyword.casefold() in contexts,
                       ("sensitivity.trigger", f"{trigger.id}\t{keyword}"))
    for i, word in enumerate(playbook.vocabulary):
        kind = word.kind.value
        if kind in ("banned", "profanity"):
            yield Term(("vocabulary", i, "term"), f"{kind} term", word.term, False, (f"voice.{kind}", word.term))


def _warning(origins: Origins, term: Term, found: Tally, total: int) -> Diagnostic:
    frequency = zipf(term.written)
    everyday = f" is an everyday word (zipf {frequency:.1f}) and" if frequency and frequency >= EVERYDAY_ZIPF else ""
    example = found.posts[0].text
    quoted = example if len(example) <= _EXAMPLE else example[:_EXAMPLE].rstrip() + "..."
    count = len(found.posts)
    message = (f'{term.label} "{term.written}"{everyday} flags {100 * count / total:.1f}% of ordinary posts '
               f'({count} of {total}, e.g. "{quoted}")' + (" even with its context" if term.has_context else ""))
    if term.path[0] == "triggers":
        advice = ("give its context more telling words" if term.has_context
                  else "give it context (with: [...]) or use a phrase")
    else:
        advice = "use a phrase, or list the everyday uses under unless:"
    section, index, *path = term.path
    return origins.at(section, index, *path, level="warning", message=f"{message}; {advice}", hint=found.explain)
