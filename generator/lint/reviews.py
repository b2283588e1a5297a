"""Reviews that expire: who owns each file (or entity) of the policy, and whether its review
is overdue. A file carries `review:` at its top level; a role, account, severity, ladder,
trigger, approval rule or training module may carry its own. A review falls due
`review_every_months` (default: the handbook's `review_cycle_months`) after
`last_reviewed`; an overdue one is a warning, so `validate --strict` fails on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..diagnostics import Diagnostic, suggest
from ..model import Playbook, Review
from ..read.origins import Origins
from ..read.source import SourceFile
from .checks import Check, Context

# Where entities that may carry a review are listed: (section, path inside a single section).
ENTITY_LISTS = (("accounts", ()), ("roles", ()), ("triggers", ()), ("modules", ()),
                ("escalation", ("severities",)), ("escalation", ("ladders",)), ("approvals", ("rules",)))


@dataclass(frozen=True)
class ReviewState:
    """One reviewed part of the policy: a file, or an entity (`what` names it)."""

    what: str
    file: str
    review: Review
    due: dt.date | None  # None: no review cycle stated anywhere
    entity: Any = None  # the entity, when the review is an entity's own


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(review: Review, playbook: Playbook) -> dt.date | None:
    """None when neither the review nor the handbook states a cycle: nothing is invented."""
    months = review.review_every_months or playbook.handbook.review_cycle_months
    return add_months(review.last_reviewed, months) if months else None


def review_states(playbook: Playbook, origins: Origins | None = None) -> list[ReviewState]:
    """Every review in the policy, soonest due first (then by file), for the home page and `validate`."""
    states = [ReviewState(path, path, review, due_date(review, playbook))
              for path, review in playbook.reviews.items()]
    for section, index, path, entity in _reviewed_entities(playbook):
        file = origins.file_of(section, index) if origins is not None else ""
        name = getattr(entity, "name", None) or getattr(entity, "title", None) or f"'{entity.id}'"
        what = f"{_kind(section, path)} {name}"
        states.append(ReviewState(what, file, entity.review, due_date(entity.review, playbook), entity))
    return sorted(states, key=lambda s: (s.due or dt.date.max, s.file, s.what))


def review_diagnostics(playbook: Playbook, origins: Origins, today: dt.date) -> Iterator[Diagnostic]:
    roles = [r.id for r in playbook.roles]
    for file, review in sorted(playbook.reviews.items()):
        source = origins.files[file]
        if review.owner not in roles:
            yield source.diagnostic(("review", "owner"), f"unknown role '{review.owner}' as the file's owner",
                                    suggest(review.owner, roles) or "the owner is a role id from roles.yaml")
        yield from _judge(review, file, playbook, today, partial(_at_file, source))
    for section, index, path, entity in _reviewed_entities(playbook):
        yield from _judge(entity.review, f"{_kind(section, path)} '{entity.id}'", playbook, today,
                          partial(_at_entity, origins, section, index, path))


def _run(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    return review_diagnostics(playbook, origins, ctx.today)


# A file's owner is a role id: while roles.yaml is broken the role may be among those left out.
CHECKS = (Check("file owners and review dates", ("roles",), _run),)


def _at_file(source: SourceFile, message: str, hint: str) -> Diagnostic:
    return source.diagnostic(("review", "last_reviewed"), message, hint, level="warning")


def _at_entity(origins: Origins, section: str, index: int | None, path: tuple[Any, ...],
               message: str, hint: str) -> Diagnostic:
    return origins.at(section, index, *path, "review", "last_reviewed", level="warning", message=message, hint=hint)


def _judge(review: Review, what: str, playbook: Playbook, today: dt.date,
           at: Callable[[str, str], Diagnostic]) -> Iterator[Diagnostic]:
    due = due_date(review, playbook)
    if review.last_reviewed > today:
        yield at(f"last_reviewed {review.last_reviewed} is in the future", "write the day the review took place")
    elif due is not None and due < today:
        yield at(f"review overdue since {due}: {what} was last reviewed {review.last_reviewed}",
                 f"read it through with its owner, then set last_reviewed: {today}")


def _reviewed_entities(playbook: Playbook) -> Iterator[tuple[str, int | None, tuple[Any, ...], Any]]:
    """(section, index for Origins.at, path inside the section, entity) for every entity with a review."""
    for section, inner in ENTITY_LISTS:
        items = getattr(playbook, section)
        for step in inner:
            items = getattr(items, step)
        for n, entity in enumerate(items):
            if entity.review is not None:
                yield (section, n, (), entity) if not inner else (section, None, (*inner, n), entity)


def _kind(section: str, path: tuple[Any, ...]) -> str:
    name = path[0] if path else section
    return {"accounts": "account", "roles": "role", "triggers": "trigger", "modules": "training module",
            "severities": "severity", "ladders": "ladder", "rules": "approval rule"}[name]


@dataclass(frozen=True)
class FileOwner:
    """Who answers for one policy file and who must approve a change to it."""

    file: str  # as messages show it
    sections: tuple[str, ...]
    owner: str  # a role id: the file's review owner, else the handbook's policy owner
    second: tuple[str, ...]  # roles one of whom approves too (handbook.change_approvers, the owner left out)


def file_owners(playbook: Playbook, origins: Origins) -> list[FileOwner]:
    """Every policy file, in path order, with its owner and second approvers."""
    sections: dict[str, list[str]] = {}
    for section, source in origins.singles.items():
        sections.setdefault(source.path, []).append(section)
    for section, entries in origins.lists.items():
        for source, _ in entries:
            if section not in sections.setdefault(source.path, []):
                sections[source.path].append(section)
    for path in origins.files:
        sections.setdefault(path, [])
    approvers = playbook.handbook.change_approvers
    owners = []
    for file in sorted(sections):
        review = playbook.reviews.get(file)
        owner = review.owner if review else playbook.handbook.policy_owner
        second = tuple(r for r in approvers if r != owner)
        owners.append(FileOwner(file, tuple(sections[file]), owner, second))
    return owners
