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

from ..diagnostics import Diagnostic
from .model import Playbook
from .origins import Origins
from .salvage import Broken


@dataclass(frozen=True)
class Context:
    """What a check needs besides the policy: the day it is judged on, and what was left out."""

    today: dt.date
    broken: Broken = field(default_factory=Broken)


Run = Callable[[Playbook, Origins, Context], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Check:
    name: str  # as the skip note says it, e.g. "ladder order"
    needs: tuple[str, ...]  # the sections it reads; "*" for every section
    run: Run


def run_checks(checks: Iterable[Check], playbook: Playbook, origins: Origins, ctx: Context) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    skipped: list[str] = []
    broken = ctx.broken.sections()
    for check in checks:
        if broken and ("*" in check.needs or broken & set(check.needs)):
            skipped.append(check.name)
            continue
        found.extend(check.run(playbook, origins, ctx))
    if skipped:
        found.append(_skip_note(skipped, ctx.broken))
    return found


def _skip_note(skipped: list[str], broken: Broken) -> Diagnostic:
    first = min(broken.gaps)
    others = len({(g.file, g.line) for g in broken.gaps}) - 1
    more = f" (and {others} other place{'s' if others != 1 else ''} above)" if others else ""
    count = f"{len(skipped)} check{'s' if len(skipped) != 1 else ''}"
    return Diagnostic(first.file, first.line, 1, "info", f"{count} skipped until {first.file}:{first.line} is fixed"
                      f"{more}: {', '.join(skipped)}",
                      "fix the errors above and validate again: these checks need the parts that could not be read")
