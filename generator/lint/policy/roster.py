"""People: whether someone who may act is on shift whenever an account posts, whether
backups can really step in, and whether shifts make sense. Times are compared on one
real week in UTC (hours.py, cut from the instants of shifts.py); gaps are said the way a
rota is read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ...diagnostics import Diagnostic
from ...model import Account, Permission, Playbook, TwoPersonRule
from ...queries.hours import DAYS, person_slots, posting_slots, reference_week, say_gaps
from ...queries.shifts import overlaps
from ...read.origins import Origins
from ..checks import Check, Context


class Shifts:
    """Who holds which role, and the UTC slots each role is covered in."""

    def __init__(self, playbook: Playbook):
        self.week = reference_week(playbook.handbook.week_anchor)
        self.holders: dict[str, list[str]] = defaultdict(list)
        self.slots: dict[str, frozenset[int]] = {}
        for person in playbook.roster:
            self.slots[person.id] = person_slots(person, self.week)
            for role in dict.fromkeys(person.roles):
                self.holders[role].append(person.id)

    def covered(self, roles: Iterable[str]) -> set[int]:
        return {s for role in roles for person in self.holders.get(role, ()) for s in self.slots[person]}


def requirements(playbook: Playbook, account: Account) -> Iterator[tuple[str, list[str]]]:
    """(who must be reachable, their roles) whenever the account posts: someone on the ladders
    of the severities above the lowest (who can escalate); someone who can approve, where
    every post on the account needs a sign-off (the two-person rule, or a rule with no topic
    and no severity for its tier); someone who may post in crisis mode."""
    ladders = playbook.id_maps["ladder"]
    severities = playbook.escalation.severities
    least = min(severities, key=playbook.escalation.rank, default=None)  # the team's own order (worst: lowest)
    climbing = [ladders[s.ladder] for s in severities if s is not least and s.ladder in ladders]
    roles = list(dict.fromkeys(role for ladder in climbing for step in ladder.steps
                               for role in playbook.step_roles(step)))
    if roles:
        yield "nobody who can escalate (a role on the escalation ladders) is on shift", roles
    tier = playbook.tier_id(account)
    two = playbook.approvals.two_person_rule
    if two is not None and tier in two.tiers:
        yield f"nobody who can approve ({TwoPersonRule.LABEL.lower()}) is on shift", two.approvers
    for rule in playbook.approvals.rules:
        if tier in rule.tiers and not rule.categories and rule.min_severity is None:
            yield f"nobody who can approve under rule '{rule.id}' is on shift", rule.approvers
    crisis = playbook.crisis
    if crisis.may_post and (crisis.scope == "all" or account.id in crisis.scope):
        yield "nobody who may post in crisis mode is on shift", crisis.may_post


def _coverage(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    if not playbook.roster:
        return
    shifts = Shifts(playbook)
    for i, account in enumerate(playbook.accounts):
        if account.posting_hours is None or account.runs_elsewhere:  # another department's shifts
            continue
        posting = posting_slots(account.posting_hours, shifts.week)
        for what, roles in requirements(playbook, account):
            gaps = posting - shifts.covered(roles)
            if gaps:
                yield origins.at("accounts", i, "posting_hours", level="warning",
                                 message=f"{say_gaps(gaps)}: {what} while {account.handle} ({account.id}) posts",
                                 hint=f"give someone holding {_either(roles)} a shift at these hours in roster.yaml, "
                                      "or narrow the account's posting_hours")


def _either(roles: list[str]) -> str:
    unique = list(dict.fromkeys(roles))
    return f"'{unique[0]}'" if len(unique) == 1 else ", ".join(f"'{r}'" for r in unique[:-1]) + f" or '{unique[-1]}'"


def _backups(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    for i, role in enumerate(playbook.roles):
        for j, backup in enumerate(role.backups):
            if backup == role.id:
                yield origins.at("roles", i, "backups", j, message=f"role '{role.id}' lists itself as its own backup",
                                 hint="a backup is another role that steps in when nobody in this one is on shift")


def _closed_groups(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """Roles that back up only each other (a group that reaches nothing outside itself
    through backups), at hours when the accounts post and none of them is on shift."""
    if not playbook.roster:
        return
    shifts = Shifts(playbook)
    index = {r.id: i for i, r in enumerate(playbook.roles)}
    edges = {r.id: [b for b in r.backups if b in index and b != r.id] for r in playbook.roles}
    for group in components(edges):
        if len(group) < 2 or any(b not in group for member in group for b in edges[member]):
            continue
        away = _posting(playbook, shifts, group) - shifts.covered(group)
        if away:
            members = sorted(group, key=index.__getitem__)
            yield origins.at("roles", index[members[0]], "backups", level="warning",
                             message=f"roles {', '.join(repr(m) for m in members)} back up only each other, and "
                                     f"{say_gaps(away, 2)} none of them is on shift while accounts post",
                             hint="give one of them a backup outside this group, or shifts that cover these hours")


def components(edges: dict[str, list[str]]) -> list[set[str]]:
    """Strongly connected components (Tarjan's algorithm, without recursion): the groups of
    roles that can all reach each other through backups, in linear time."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in edges:
        if root in order:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                order[node] = low[node] = len(order)
                stack.append(node)
                on_stack.add(node)
            nexts = edges[node]
            if i < len(nexts):
                work.append((node, i + 1))
                nxt = nexts[i]
                if nxt not in order:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], order[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                found.append(group)
    return found


def _posting(playbook: Playbook, shifts: Shifts, roles: Iterable[str] = ()) -> set[int]:
    """Every slot in which an account these roles work for posts: their teams' accounts when
    every one of them belongs to a team (a UK team is not expected to cover Tokyo's hours),
    else every account."""
    by_id = playbook.id_maps["role"]
    teams = {getattr(by_id.get(r), "team", None) for r in roles}
    local = bool(teams) and None not in teams
    return set().union(*(posting_slots(a.posting_hours, shifts.week) for a in playbook.own_accounts
                         if a.posting_hours is not None and (not local or a.team in teams)))


def _backups_on_shift(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """Backups who are never on shift when the role's own people are away cannot step in."""
    if not playbook.roster:
        return
    shifts = Shifts(playbook)
    for i, role in enumerate(playbook.roles):
        backups = [b for b in role.backups if b != role.id and shifts.holders.get(b)]
        if not shifts.holders.get(role.id) or not backups:
            continue
        away = _posting(playbook, shifts, [role.id]) - shifts.covered([role.id])
        if away and not away & shifts.covered(backups):
            yield origins.at("roles", i, "backups", level="warning",
                             message=f"role '{role.id}': its backups ({', '.join(backups)}) are never on shift when "
                                     f"nobody in '{role.id}' is ({say_gaps(away, 2)}), so they cannot step in",
                             hint="add a backup role whose people work other hours, or change the shifts in "
                                  "roster.yaml")


def _shifts(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    week = reference_week(playbook.handbook.week_anchor)
    for i, person in enumerate(playbook.roster):
        if len(person.shifts) < 2:
            continue
        for a, b, moment in overlaps(person, week):
            yield origins.at("roster", i, "shifts", b, level="warning",
                             message=f"person '{person.id}', shift {b + 1} overlaps shift {a + 1} on "
                                     f"{DAYS[moment.weekday()].value.capitalize()}",
                             hint="merge the two shifts into one, or correct the days or times")


def _crisis_posters(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    crisis = playbook.crisis
    roles = playbook.id_maps["role"]
    held = {role for person in playbook.roster for role in person.roles}
    for j, role_id in enumerate(crisis.may_post):
        role = roles.get(role_id)
        if role is None:
            continue
        if Permission.publish not in role.permissions:
            yield origins.at("crisis", None, "may_post", j,
                             message=f"crisis.may_post: role '{role_id}' may post in crisis mode but does not have "
                                     "the 'publish' permission",
                             hint=f"add 'publish' to the permissions of '{role_id}', or name a role that can publish")
        if playbook.roster and role_id not in held:
            yield origins.at("crisis", None, "may_post", j, level="warning",
                             message=f"crisis.may_post: nobody on the roster holds role '{role_id}'",
                             hint="add the role to someone in roster.yaml, or name a role that somebody holds")


CHECKS = (
    Check("coverage of posting hours", ("handbook", "roster", "accounts", "roles", "escalation", "approvals",
                                        "crisis", "reach_tiers"), _coverage, follows=("role",)),
    Check("backups", ("roles",), _backups),
    Check("backup groups", ("handbook", "roster", "roles", "accounts"), _closed_groups, follows=("role",)),
    Check("backups on shift", ("handbook", "roster", "roles", "accounts"), _backups_on_shift, follows=("role",)),
    Check("shifts", ("handbook",), _shifts),  # the reference week is the effective date's
    Check("crisis posters", ("roles", "roster", "crisis"), _crisis_posters, follows=("role",)),
)
