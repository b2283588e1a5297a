"""Crisis plans as timelines: steps in time order, "now" once, ranges the right way round.

A timeline is not a ladder: the same role may act twice (pause now, decide on day one) and
nothing is paged, so the ladder's rules (no loop, more time at each step, after_last_step)
do not apply. What must hold is that the plan reads forward in time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...diagnostics import Diagnostic
from ...model import Playbook, TimelineStep
from ...model.timeline import parse_when
from ...read.origins import Origins
from ..checks import Check, Context


def timelines(playbook: Playbook) -> Iterator[tuple[tuple[Any, ...], str, list[TimelineStep]]]:
    """Every timeline in the policy: (its location for Origins.at, how messages name it, its steps)."""
    for s, severity in enumerate(playbook.escalation.severities):
        if severity.timeline:
            yield ("escalation", None, "severities", s, "timeline"), f"severity '{severity.id}'", severity.timeline
    if playbook.crisis.timeline:
        yield ("crisis", None, "timeline"), "the crisis plan", playbook.crisis.timeline


def _order(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for where, name, steps in timelines(playbook):
        now_at: int | None = None
        previous = None
        for n, step in enumerate(steps):
            moment = parse_when(step.when)
            at: tuple[Any, ...] = (*where, n, "when")
            if moment.low > moment.high:
                yield origins.at(*at, message=f"{name}, timeline step {n + 1}: the range '{step.when}' ends "
                                 "before it starts",
                                 hint="write the earlier time first, e.g. 24-48h")
                continue
            if moment.high == 0:
                if now_at is not None:
                    yield origins.at(*at, message=f"{name}, timeline step {n + 1}: 'now' again (step {now_at + 1} "
                                     "is now)",
                                     hint="merge the two steps (list both roles in 'who:'), or give this one the "
                                          "time it really happens, e.g. 30m")
                now_at = n
            if previous is not None and moment.low < previous[1].low:
                yield origins.at(*at, message=f"{name}, timeline step {n + 1} ({moment.text}) comes before step "
                                 f"{previous[0] + 1} ({previous[1].text})",
                                 hint="list the steps in time order: the plan is read from top to bottom")
            previous = (n, moment)


def _reassess(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    crisis = playbook.crisis
    if crisis.reassess_after is not None:
        moment = parse_when(crisis.reassess_after)
        if moment.low > moment.high:
            yield origins.at("crisis", None, "reassess_after",
                             message=f"reassess_after: the range '{crisis.reassess_after}' ends before it starts",
                             hint="write the earlier time first, e.g. 36-48h")
        elif moment.high == 0:
            yield origins.at("crisis", None, "reassess_after",
                             message="reassess_after is 'now': crisis mode would be reassessed as it starts",
                             hint="give the time after which it is reassessed, e.g. 36-48h")
    if crisis.reassess_after is not None and crisis.decided_by is None:
        yield origins.at("crisis", None, "reassess_after", level="warning",
                         message="crisis mode says when to reassess it but not who decides",
                         hint="add 'decided_by:' with the role that decides whether it stays on")


CHECKS = (
    Check("timeline order", ("escalation", "crisis"), _order),
    Check("crisis reassessment", ("crisis",), _reassess),
)
