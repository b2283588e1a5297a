"""What crisis mode pauses and when it is reassessed, in the words every page says them.

The banner on every page (while crisis mode is on) and the "Going dark" page (always) read
these, so that the plan reads the same before and during a crisis.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import CrisisMode, Playbook, TimelineStep
from ..model.timeline import parse_when

QUEUE = {"pause": "all scheduled posts", "review": "scheduled posts go out only after review",
         "continue": "nothing scheduled (scheduled posts continue)"}


def paused_lines(crisis: CrisisMode) -> list[str]:
    """What stops while crisis mode is on: the queue, promotions, the incident, then the policy's own list."""
    return [QUEUE[crisis.scheduled_posts], *(["all promotions"] if crisis.block_promotions else []),
            "anything touching the incident", *crisis.pauses]


def step_text(step: TimelineStep, names: Mapping[str, str]) -> str:
    """A timeline step in one line, as `playbook triage`, the wizard and the pocket cards say it:
    "24-48 hours, Head of Communications (decision): Publish the statement"."""
    who = " and ".join(names[r] for r in step.who)
    return f"{step.moment.text}, {who}{' (decision)' if step.decision else ''}: {step.what}"


def timelines_text(playbook: Playbook) -> dict[str, list[str]]:
    """Each severity's timeline in lines (severities without one are left out)."""
    names = {r.id: r.name for r in playbook.roles}
    return {s.id: [step_text(step, names) for step in s.timeline] for s in playbook.escalation.severities
            if s.timeline}


def plan_steps_for(playbook: Playbook, role_id: str) -> list[tuple[str, str]]:
    """(whose plan, the step in one line) for every timeline step the role acts in: the
    severities' plans, worst level first, then crisis mode's. A pocket card lists them."""
    names = {r.id: r.name for r in playbook.roles}
    esc = playbook.escalation
    plans = [(s.name, s.timeline) for s in sorted(esc.severities, key=esc.rank, reverse=True)]
    plans.append(("Crisis mode", playbook.crisis.timeline))
    return [(name, step_text(step, names)) for name, steps in plans for step in steps if role_id in step.who]


def reassess_text(crisis: CrisisMode) -> str | None:
    """"after 36-48 hours", counted from when it was switched on; None when the policy says nothing."""
    if crisis.reassess_after is None:
        return None
    return f"after {parse_when(crisis.reassess_after).text}, counted from when it was switched on"
