"""How a check over the whole policy is declared and run, whether or not every part of the
policy was well-formed.

Each check names the sections it reads. When a part of one of them was left out because
it was broken (see salvage.py), the check is skipped rather than run on half the data,
where it would report a problem that is not there (a role "not connected" because the
ladder naming it was left out). The skipped checks are named once, at the first broken
place, so that the editor knows that fixing it may bring more messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..diagnostics import Diagnostic
from ..model import Playbook
from ..model.salvage import Broken
from ..queries.references import walk_references
from ..read.origins import Origins

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What a check needs besides the policy: the day it is judged on, what was left out, and
    what several checks derive from the policy alike (made once per run, see `once`)."""

    today: dt.date
    broken: Broken = field(default_factory=Broken)
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """The value `make` gives, made on the first call of this run: the compiled rules
        document is read by the holding-statement and the voice-example checks alike, and
        compiling it is the dearest step of validation."""
        if key not in self.derived:
            self.derived[key] = make()
        value: T = self.derived[key]
        return value


Run = Callable[[Playbook, Origins, Context], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Check:
    name: str  # as the skip note says it, e.g. "ladder order"
    needs: tuple[str, ...]  # the sections it reads; "*" for every section
    run: Run
    follows: tuple[str, ...] = ()  # the kinds of id it follows (model.KINDS): none may point nowhere


def run_checks(checks: Iterable[Check], playbook: Playbook, origins: Origins, ctx: Context) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    skipped: list[str] = []
    broken = ctx.broken.sections()
    stopped_at = [(g.file, g.line) for g in ctx.broken.gaps]
    dangling: dict[str, list[tuple[str, int]]] | None = None  # kind -> where an id of it points nowhere
    for check in checks:
        if broken and ("*" in check.needs or broken & set(check.needs)):
            skipped.append(check.name)
            continue
        if check.follows:
            dangling = _dangling(playbook, origins, ctx.broken) if dangling is None else dangling
            if any(kind in dangling for kind in check.follows):
                skipped.append(check.name)
                stopped_at += [place for kind in check.follows for place in dangling.get(kind, [])]
                continue
        found.extend(check.run(playbook, origins, ctx))
    if skipped:
        found.append(_skip_note(skipped, stopped_at))
    return found


def _dangling(playbook: Playbook, origins: Origins, broken: Broken) -> dict[str, list[tuple[str, int]]]:
    """Where an id points nowhere (the references check reports each one): a check that
    follows such ids (the draft checker) would stumble on it, so it waits until it is fixed.
    An id that a broken part would define has no place of its own: the broken part is where
    to look (it is already among the places the skip note names)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for ref in walk_references(playbook):
        if ref.value not in playbook.id_maps[ref.kind]:
            places = found.setdefault(ref.kind, [])
            if not broken.hides(ref.kind, ref.value):
                place = origins.at(ref.section, ref.item, *ref.path, message="")
                places.append((place.file, place.line))
    return found


def _skip_note(skipped: list[str], places: list[tuple[str, int]]) -> Diagnostic:
    """One line for every skipped check, at the first place that stopped them."""
    first = min(places)
    others = len(set(places)) - 1
    more = f" (and {others} other place{'s' if others != 1 else ''} above)" if others else ""
    count = f"{len(skipped)} check{'s' if len(skipped) != 1 else ''}"
    file, line = first
    return Diagnostic(file, line, 1, "info", f"{count} skipped until {file}:{line} is fixed"
                      f"{more}: {', '.join(skipped)}",
                      "fix the errors above and validate again: these checks need the parts that could not be read")
