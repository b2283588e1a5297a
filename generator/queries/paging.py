"""Whom a ladder step pages, in words, decided once.

The severity page's ladder table, the ladder diagram, `playbook triage`, the triage wizard
and the checker's route all name the people a step pages. Each used to phrase it itself, and
two wordings drifted apart (a rotation was "whoever is on shift" in one and "whoever is on
shift: A, B" in another). `step_who` is the one answer: the rules document ships its `text`,
and a template that wants links renders its `parts`, taking every word from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import LadderStep, Playbook, Rotation

AND = " and "
AT_ONCE = " (at once)"
TEAM = "everyone in "


@dataclass(frozen=True)
class Paged:
    """One party a step pages, said as `before` + `name` + " (`whom`)" ("everyone in " + "Social
    & Content"; "Night cover" + "whoever is on shift: A, B"), so a page can link `name` and
    keep the words around it. `before` is the handbook's own words; `name` and `whom` hold
    the policy's text (a page escapes them)."""

    kind: Literal["role", "rotation", "team"]
    id: str
    before: str
    name: str
    whom: str = ""

    @property
    def text(self) -> str:
        return f"{self.before}{self.name} ({self.whom})" if self.whom else f"{self.before}{self.name}"


@dataclass(frozen=True)
class StepWho:
    """Everyone one step pages: its parts joined by `joiner`, then `together` (" (at once)"
    when the step pages more than one party)."""

    parts: tuple[Paged, ...]
    joiner: str = AND

    @property
    def together(self) -> str:
        return AT_ONCE if len(self.parts) > 1 else ""

    @property
    def text(self) -> str:
        return self.joiner.join(part.text for part in self.parts) + self.together


def rotation_whom(playbook: Playbook, rotation: Rotation) -> str:
    """Whom a rotation pages: "whoever is on shift: A, B" (its `page: on-shift`) or "everyone:
    A, B"; with nobody named on the roster, "whoever holding Incident Commander is on shift"."""
    people = {p.id: p.name for p in playbook.roster}
    names = ", ".join(people[m] for m in playbook.rotation_members(rotation) if m in people)
    on_shift = rotation.page == "on-shift"
    if names:
        return f"{'whoever is on shift' if on_shift else 'everyone'}: {names}"
    role = playbook.role(rotation.role).name if rotation.role else "it"
    return f"whoever holding {role} is on shift" if on_shift else f"everyone holding {role}"


def step_who(playbook: Playbook, step: LadderStep) -> StepWho:
    """Whom a ladder step pages: its roles, a rotation with its people, everyone in a team."""
    parts = [Paged("role", r, "", playbook.role(r).name) for r in step.role_ids]
    if step.rotation:
        rotation = playbook.id_maps["rotation"][step.rotation]
        parts.append(Paged("rotation", rotation.id, "", rotation.name, rotation_whom(playbook, rotation)))
    if step.team:
        parts.append(Paged("team", step.team, TEAM, playbook.id_maps["team"][step.team].name))
    return StepWho(tuple(parts))
