"""Deadlines written in words that the fields contradict (issue 24, what a careful reader caught):

- a role's own text ("Answer within 15 minutes when paged for a critical situation") gives a
  time that no ladder step paging that role gives it (the crisis ladder says 20): the role page
  and the severity page then tell the same person two deadlines;
- a severity's description or response text says "respond within 30 minutes" where its
  `respond_within_minutes` says something else.
A sentence counts only when it speaks of answering (answer, respond, acknowledge, reply, pick
up): "a tragedy can take over a hashtag within minutes" states no deadline. When the sentence
names severities, only the ladders of those severities are compared.
Warnings: the policy works, but a reader meets two answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...diagnostics import Diagnostic
from ...model import Playbook, ResponsibilityGroup, Role, Severity
from ...read.origins import Origins
from ..checks import Check, Context
from .channels import CLAUSE

WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "fifteen": 15,
         "twenty": 20, "thirty": 30, "forty-five": 45, "sixty": 60}
WITHIN = re.compile(r"\bwithin\s+(?:the\s+)?(?P<half>half\s+an?\s+)?(?P<n>\d+|" + "|".join(WORDS) +
                    r")?\s*(?P<unit>minutes?|mins?|hours?|hrs?|h)\b", re.I)
ANSWERS = re.compile(r"\b(?:answer|respond|acknowledg|repl(?:y|ies)|pick(?:s|ed)?\s+(?:it\s+)?up|call(?:s)?\s+back)",
                     re.I)


def written_minutes(clause: str) -> list[tuple[int, str]]:
    """The deadlines a clause about answering states: (minutes, as written). "within the hour"
    is 60; "within minutes" states no number and is left alone."""
    if not ANSWERS.search(clause):
        return []
    found = []
    for match in WITHIN.finditer(clause):
        number, unit = match["n"], match["unit"].casefold()
        if number is None and not match["half"] and unit.startswith("min"):
            continue
        count = 1 if number is None else int(number) if number.isdigit() else WORDS[number.casefold()]
        minutes = count * (1 if unit.startswith("m") else 60)
        found.append((minutes // 2 if match["half"] else minutes, match.group(0)))
    return found


def _named(words: str, clause: str) -> bool:
    return re.search(rf"\b{re.escape(words.casefold())}\b", clause.casefold()) is not None


def _severities_named(playbook: Playbook, clause: str) -> list[Severity]:
    return [s for s in playbook.escalation.severities
            if _named(s.name, clause) or _named(s.id.replace("-", " "), clause)]


@dataclass(frozen=True)
class _Step:
    ladder: str
    number: int  # 1-based, as pages count steps
    minutes: int


def _steps_of(playbook: Playbook, role: Role, ladders: set[str] | None) -> list[_Step]:
    """Every ladder step that pages the role: by role, among roles, or through its rotation."""
    rotations = {x.id for x in playbook.rotations if x.role == role.id}
    return [_Step(ladder.id, n + 1, step.acknowledge_within_minutes)
            for ladder in playbook.escalation.ladders if ladders is None or ladder.id in ladders
            for n, step in enumerate(ladder.steps)
            if role.id in step.role_ids or (step.rotation is not None and step.rotation in rotations)]


def _role_texts(role: Role) -> Iterator[tuple[tuple[object, ...], str]]:
    yield ("purpose",), role.purpose
    if role.why:
        yield ("why",), role.why
    for n, item in enumerate(role.responsibilities):
        if isinstance(item, ResponsibilityGroup):
            yield from ((("responsibilities", n, "items", k), line) for k, line in enumerate(item.items))
        else:
            yield ("responsibilities", n), item


def _roles(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for i, role in enumerate(playbook.roles):
        for path, text in _role_texts(role):
            for clause in CLAUSE.findall(text):
                for minutes, _ in written_minutes(clause):
                    named = _severities_named(playbook, clause)
                    ladders = {s.ladder for s in named if s.ladder} if named else None
                    steps = _steps_of(playbook, role, ladders)
                    if not steps or any(step.minutes == minutes for step in steps):
                        continue
                    given = ", ".join(f"ladder '{s.ladder}' step {s.number}: {s.minutes} min" for s in steps)
                    yield origins.at("roles", i, *path, level="warning",
                                     message=f"role '{role.id}' says \"{clause.strip()}\", but the ladders that "
                                             f"page it give it another time to acknowledge ({given})",
                                     hint="one deadline, one place: write the ladder's time here, or change "
                                          "acknowledge_within_minutes in escalation.yaml")


def _severities(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for n, severity in enumerate(playbook.escalation.severities):
        field = severity.respond_within_minutes
        for key in ("description", "response"):
            text = getattr(severity, key)
            for clause in CLAUSE.findall(text or ""):
                for minutes, _ in written_minutes(clause):
                    others = _severities_named(playbook, clause)
                    if field is None or minutes == field or any(s.id != severity.id for s in others):
                        continue
                    yield origins.at("escalation", None, "severities", n, key, level="warning",
                                     message=f"severity '{severity.id}' says \"{clause.strip()}\", but its "
                                             f"respond_within_minutes is {field}",
                                     hint="one deadline, one place: write the field's time here, or change "
                                          "respond_within_minutes")


CHECKS = (
    Check("deadlines written in roles", ("roles", "escalation", "rotations"), _roles),
    Check("deadlines written in severities", ("escalation",), _severities),
)
