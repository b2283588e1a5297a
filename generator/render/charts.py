"""Diagrams as data: which boxes and arrows a chart has, drawn as inline SVG by svg.py.

Node ids are made here from positions (r3, t0, s2), never from YAML text, so they need
no escaping; every label is YAML text and is escaped where it is drawn (svg.py, or the
`mermaid` filter of the `mermaid` macro that older template overrides may still call).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Ladder, Playbook, Role
from .relations import Index

MAX_ROLE_NODES = 60  # beyond this an org chart is unreadable; show teams instead
MAX_TRIGGER_NODES = 80  # beyond this the tree shows categories and severities only (Mermaid caps edges at 500)


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    shape: str = "box"  # box, round, decision, stadium


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    nodes: tuple[Node, ...]


@dataclass
class Chart:
    direction: str = "TD"  # Mermaid's direction, for template overrides that still draw with Mermaid
    nodes: list[Node] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    layout: str = "tree"  # svg.py: "tree" (indented, one row per box) or "column" (a sequence of steps)


def _role_node(index: Index, role_id: str) -> Node:
    return Node(f"r{index.role_number[role_id]}", index.roles[role_id].name)


def org_chart(index: Index, roles: list[Role]) -> Chart:
    """Reporting lines among `roles` (manager above report); managers outside the set are shown too.

    Roles are grouped into team boxes when more than one team is drawn.
    """
    chosen = {role.id for role in roles}
    outside = sorted({r.reports_to for r in roles if r.reports_to and r.reports_to not in chosen},
                     key=lambda rid: index.role_number[rid])
    chart = Chart("TD")
    teams = {role.team for role in roles}
    if len(teams) > 1:
        for number, (team_id, members) in enumerate(index.roles_by_team()):
            drawn = tuple(_role_node(index, r.id) for r in members if r.id in chosen)
            if drawn:
                label = index.teams[team_id].name if team_id else "No team"
                chart.groups.append(Group(f"t{number}", label, drawn))
    else:
        chart.nodes.extend(_role_node(index, r.id) for r in roles)
    chart.nodes.extend(Node(f"r{index.role_number[rid]}", index.roles[rid].name, "round") for rid in outside)
    chart.edges.extend(Edge(f"r{index.role_number[r.reports_to]}", f"r{index.role_number[r.id]}")
                       for r in roles if r.reports_to)
    return chart


def team_chart(index: Index) -> Chart:
    """Teams and the reporting lines between them: the org chart for organisations too big to draw by role."""
    groups = index.roles_by_team()
    number = {team_id: n for n, (team_id, _) in enumerate(groups)}
    chart = Chart("TD", [Node(f"t{number[t]}", f"{index.teams[t].name if t else 'No team'} ({len(rs)} roles)")
                         for t, rs in groups])
    links = sorted({(number[index.roles[r.reports_to].team], number[r.team])
                    for _, rs in groups for r in rs
                    if r.reports_to and index.roles[r.reports_to].team != r.team})
    chart.edges.extend(Edge(f"t{a}", f"t{b}") for a, b in links)
    return chart


def overview_chart(index: Index, playbook: Playbook) -> Chart:
    if len(playbook.roles) <= MAX_ROLE_NODES:
        return org_chart(index, playbook.roles)
    return team_chart(index)


def ladder_chart(index: Index, ladder: Ladder) -> Chart:
    """Each step a box naming the role; the arrow says when the next step takes over (actions are in the table)."""
    chart = Chart("LR", layout="column")
    previous: list[Any] = []
    for number, group in enumerate(_step_groups(ladder)):
        first, steps = group[0][0], [step for _, step in group]
        numbers = f"{first + 1}" if len(group) == 1 else f"{first + 1}-{group[-1][0] + 1}"
        who = " + ".join(index.step_who(step).text for step in steps)
        chart.nodes.append(Node(f"s{number}", f"{numbers}. {who}{' (at once)' if len(group) > 1 else ''}"))
        if number:
            waited = max(step.acknowledge_within_minutes for step in previous)
            chart.edges.append(Edge(f"s{number - 1}", f"s{number}", f"not acknowledged in {waited} min"))
        previous = steps
    return chart


def _step_groups(ladder: Ladder) -> list[list[tuple[int, Any]]]:
    """The steps paged together (a step and those `with_previous` after it), as one box each."""
    groups: list[list[tuple[int, Any]]] = []
    for number, step in enumerate(ladder.steps):
        if step.with_previous and groups:
            groups[-1].append((number, step))
        else:
            groups.append([(number, step)])
    return groups


def triage_chart(index: Index, playbook: Playbook) -> Chart:
    """Question, then category, then trigger, then the severity it leads to."""
    chart = Chart("LR", [Node("start", "What is happening?", "decision")])
    severities = index.severities_by_level()
    for number, severity in enumerate(severities):
        level = severity.label or f"level {severity.level}"
        chart.nodes.append(Node(f"s{number}", f"{severity.name} ({level})", "stadium"))
    if len(playbook.triggers) > MAX_TRIGGER_NODES:
        return _category_chart(chart, playbook, severities)
    seen: list[str] = []
    for number, trigger in enumerate(playbook.triggers):
        category = trigger.category
        if category not in seen:
            seen.append(category)
            chart.nodes.append(Node(f"c{len(seen) - 1}", _upper_first(playbook.category_name(category)), "round"))
            chart.edges.append(Edge("start", f"c{len(seen) - 1}"))
        chart.nodes.append(Node(f"g{number}", trigger.question or trigger.name))
        chart.edges.append(Edge(f"c{seen.index(category)}", f"g{number}"))
        target = next(n for n, s in enumerate(severities) if s.id == trigger.severity)
        chart.edges.append(Edge(f"g{number}", f"s{target}", "verify first" if trigger.verify_first else None))
    return chart


def _category_chart(chart: Chart, playbook: Playbook, severities: list) -> Chart:
    """For many triggers: each category points at the severities its triggers lead to, with a count."""
    number = {s.id: n for n, s in enumerate(severities)}
    categories: dict[str, dict[str, int]] = {}
    for trigger in playbook.triggers:
        leads = categories.setdefault(trigger.category, {})
        leads[trigger.severity] = leads.get(trigger.severity, 0) + 1
    for c, (category, leads) in enumerate(categories.items()):
        chart.nodes.append(Node(f"c{c}", _upper_first(playbook.category_name(category)), "round"))
        chart.edges.append(Edge("start", f"c{c}"))
        for severity_id in sorted(leads, key=number.__getitem__):
            count = leads[severity_id]
            chart.edges.append(Edge(f"c{c}", f"s{number[severity_id]}", f"{count} trigger{'s' if count > 1 else ''}"))
    return chart


def _upper_first(text: str) -> str:
    """A category's name as a heading: its first letter upper-case, the rest as declared."""
    return text[:1].upper() + text[1:]
