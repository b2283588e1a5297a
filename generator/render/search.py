"""The words people search with, put on the pages that answer them as Material page metadata.

A new hire types "customer threatens to sue", "account hacked" or "can I swear", not the
handbook's own headings. Material's search indexes a page's `tags` front matter with a boost
of a million over its text (material/plugins/search/plugin.py, `fields`), so a page tagged
with the words people ask with comes first for them, whatever other pages happen to say.

Two sources, kept apart:
- from the policy: each severity page carries its triggers' keywords and names and the plain
  words of their signals; the escalation page the names of the incident actions; the voice
  page its tone situations and disclosure tags; the onboarding index the milestones' names;
- ASKED_WITH below: how people ask for the fixed pages (the checker, the pocket cards, who is on
  shift...), which no YAML field holds. These are search words only: no page states them.

`search: boost` (also page metadata) lowers the Reference page, which names every field and
would otherwise answer every question with a YAML key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ..model import Playbook
from ..queries import paths
from ..queries.answers import SIGNAL_WORDS

# How people ask for what each fixed page answers (the handbook's own vocabulary is on the page).
ASKED_WITH: dict[str, tuple[str, ...]] = {
    paths.CHANGING: ("change a rule", "change the handbook", "edit the policy", "update a rule", "propose a change"),
    paths.CHECKER: ("check my draft", "check a post", "before I post", "proofread", "is this ok to post"),
    paths.CARDS: ("print", "cheat sheet", "role summary", "one page"),
    paths.ONCALL: ("on shift", "on call", "working tonight", "who is working", "who is on"),
    paths.VOCABULARY: ("swear", "swearing", "not allowed to say", "banned words", "words to avoid"),
    paths.VOICE: ("tone", "angry", "upset", "rude", "how to reply", "image", "picture", "photo", "dm", "sponsored",
                  "ad"),
    paths.APPROVALS: ("who approves", "sign off", "approve my post", "permission to post"),
    paths.ESCALATION: ("delete", "mistake", "nobody answers", "nobody picks up", "escalate", "incident"),
    paths.TRIAGE: ("what do I do", "what should I do", "something bad happened"),
    paths.ONBOARDING: ("new starter", "first day", "first week", "what to learn"),
    paths.PLATFORMS: ("how many hashtags", "character limit", "how long can a post be"),
}
MIN_LETTERS = 3  # shorter words are the small words of every question
WORDS = re.compile(r"[#\w]+")
REFERENCE_BOOST = 0.2  # the Reference page names every field: it answers a YAML question, not a reader's
ANSWER_BOOST = 2  # a page that answers one kind of question outranks pages sharing a few of its small words


def search_words(playbook: Playbook) -> dict[str, list[str]]:
    """{page path: the words people ask with} for every page that answers such questions."""
    found: dict[str, list[str]] = {path: list(words) for path, words in ASKED_WITH.items()}
    for severity in playbook.escalation.severities:
        words: list[str] = []
        for trigger in playbook.triggers:
            if trigger.severity == severity.id:
                words += [trigger.name, *(w for s in trigger.signals for w in SIGNAL_WORDS[s.value])]
        found[paths.severity(severity.id)] = words
        found[paths.TRIAGE_TREE] = found.get(paths.TRIAGE_TREE, []) + words
    found[paths.ESCALATION] += [a.name for a in playbook.escalation.actions]
    found[paths.VOICE] += [t.situation for t in playbook.voice.tones] + [d.tag for d in playbook.voice.disclosures]
    found[paths.ONBOARDING] += [m.name for m in playbook.process.milestones]
    for platform in playbook.platforms:
        found[paths.platform(platform.id)] = [platform.name, platform.id]
    return {path: _unique(words) for path, words in found.items() if words}


def front_matter(words: Iterable[str] = (), boost: float | None = None) -> str:
    """Material's page metadata as front matter: `tags` (the search words) and `search: boost`.

    Each value is written as a JSON string, which YAML reads as the same string: a word from the
    policy cannot end the block, start a new key or become anything but text."""
    lines = []
    tags = list(words)
    if tags:
        lines.append("tags:")
        lines += [f"  - {json.dumps(tag, ensure_ascii=False)}" for tag in tags]
    if boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""


def with_search_words(path: str, markdown: str, words: dict[str, list[str]]) -> str:
    """The page with its front matter; a page that has its own (a pocket card's) keeps it."""
    if markdown.startswith("---\n"):
        return markdown
    boost = REFERENCE_BOOST if path == paths.REFERENCE else ANSWER_BOOST if path in ASKED_WITH else None
    return front_matter(words.get(path, ()), boost) + markdown


def _unique(phrases: Iterable[str]) -> list[str]:
    """The distinct words of `phrases` (case aside, first seen first), short ones left out.

    Material's search makes every typed word a prefix ("i" finds "injured"), and a tag outweighs
    all text: a tag of "in", "of" or "a" would let every question's small words find the page."""
    seen: dict[str, str] = {}
    for phrase in phrases:
        for word in WORDS.findall(phrase):
            if len(word) >= MIN_LETTERS:
                seen.setdefault(word.casefold(), word)
    return list(seen.values())
