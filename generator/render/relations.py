"""Look-ups by id and "who appears where", computed once per render.

Role pages, the RACI matrix and the link macros all ask the same questions (which ladders
does this role climb, whom does it sign off, which page is this id on). Answering them by
scanning the policy on every mention would make a 1,000-role handbook quadratic; this
index answers each in constant time and keeps the policy's own order, so output is stable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..model import OWNER_TEXT, Account, LadderStep, Playbook, Role, Severity, Trigger, TwoPersonRule
from ..queries import paths
from ..queries.operations import trigger_scope_text
from ..queries.paging import StepWho, step_who


@dataclass(frozen=True)
class Mention:
    """One place a role appears outside its own page: what it does there and which page says so."""

    what: str
    name: str
    path: str


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


class Index:
    """Every entity by id, plus the reverse relations that the role pages show."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
        esc = playbook.escalation
        by_id = playbook.id_maps  # the model's own look-ups, built once; the rest are render-only
        self.roles: dict[str, Role] = by_id["role"]
        self.role_number = {role.id: number for number, role in enumerate(playbook.roles)}
        self.teams = _by_id(playbook.teams)
        self.severities: dict[str, Severity] = by_id["severity"]
        self.ladders = by_id["ladder"]
        self.actions = _by_id(esc.actions)
        self.holdings = _by_id(playbook.holding_statements)
        self.platforms = by_id["platform"]
        self.accounts: dict[str, Account] = _by_id(playbook.accounts)
        self.modules = by_id["module"]
        self.tiers = _by_id(playbook.reach_tiers)
        self.triggers = _by_id(playbook.triggers)
        self.rotations = by_id["rotation"]
        self.people_by_id = by_id["person"]
        self.onboarded = {path.role for path in playbook.onboarding}
        self.people = _by_id(playbook.roster)
        self.holders: dict[str, list[str]] = defaultdict(list)  # role id -> person ids, roster order
        for person in playbook.roster:
            for role_id in dict.fromkeys(person.roles):
                self.holders[role_id].append(person.id)
        self.reports: dict[str, list[str]] = defaultdict(list)
        self.backup_for: dict[str, list[str]] = defaultdict(list)
        self.escalated_from: dict[str, list[str]] = defaultdict(list)
        self.signs_off: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        self._relate_roles()
        self._relate_escalation()
        self._relate_approvals()
        self._relate_ownership()
        self.owns: dict[str, list[Trigger]] = defaultdict(list)  # role id -> the triggers it owns, policy order
        for trigger in playbook.triggers:
            if trigger.owner in self.roles:
                self.owns[trigger.owner].append(trigger)
        self.owner_text = OWNER_TEXT
        self.pillars = _by_id(playbook.pillars)

    # ------------------------------------------------------------------ paths

    def role_path(self, role_id: str) -> str:
        return paths.role(role_id, self.roles[role_id].team)

    def team_name(self, role: Role) -> str | None:
        """The nav group for a role's per-role pages (cards, onboarding): its team, if any."""
        return self.teams[role.team].name if role.team in self.teams else None

    def step_who(self, step: LadderStep) -> StepWho:
        """Whom a ladder step pages (queries/paging.py decides the words; pages add links)."""
        return step_who(self.playbook, step)

    def trigger_scope(self, trigger: Trigger) -> str | None:
        return trigger_scope_text(self.playbook, trigger)

    def severities_by_level(self) -> list[Severity]:
        """Least severe first: the order people learn them in."""
        esc = self.playbook.escalation
        return sorted(esc.severities, key=lambda s: (esc.rank(s), s.id))

    def roles_by_team(self) -> list[tuple[str | None, list[Role]]]:
        """Roles grouped in the teams' declared order; roles without a team come last."""
        groups: dict[str | None, list[Role]] = {team.id: [] for team in self.playbook.teams}
        for role in self.playbook.roles:
            groups.setdefault(role.team, []).append(role)
        return [(team, roles) for team, roles in groups.items() if roles or team is not None]

    # ------------------------------------------------------------------ relations

    def _relate_roles(self) -> None:
        for role in self.playbook.roles:
            if role.reports_to:
                self.reports[role.reports_to].append(role.id)
            if role.escalates_to:
                self.escalated_from[role.escalates_to].append(role.id)
            for backup in role.backups:
                self.backup_for[backup].append(role.id)
            for stage in role.progression:
                if stage.signed_off_by:
                    self.signs_off[stage.signed_off_by].append((role.id, self.playbook.stage_name(stage.stage).lower()))

    def _relate_escalation(self) -> None:
        for severity in self.severities_by_level():
            for role_id in severity.notify:
                self.mentions[role_id].append(Mention("is told at once", severity.name, paths.severity(severity.id)))
            ladder = self.ladders.get(severity.ladder) if severity.ladder else None
            if ladder is None:
                continue
            for number, step in enumerate(ladder.steps, start=1):
                for role_id in self.playbook.step_roles(step):
                    self.mentions[role_id].append(
                        Mention(f"step {number} of {len(ladder.steps)} on the {ladder.name} ladder", severity.name,
                                paths.severity(severity.id)))

    def _relate_approvals(self) -> None:
        approvals = self.playbook.approvals
        if approvals.two_person_rule:
            for role_id in approvals.two_person_rule.approvers:
                self.mentions[role_id].append(Mention(TwoPersonRule.APPROVER, TwoPersonRule.LABEL,
                                                      f"{paths.APPROVALS}#{paths.TWO_PERSON_RULE}"))
        if approvals.verify_before_reacting:
            self.mentions[approvals.verify_before_reacting.approver].append(
                Mention("approves reactions", "Verify before reacting", f"{paths.APPROVALS}#verify-before-reacting"))
        for rule in approvals.rules:
            for role_id in rule.approvers:
                self.mentions[role_id].append(Mention("approves", rule.name,
                                                      f"{paths.APPROVALS}#rule-{rule.id}"))

    def _relate_ownership(self) -> None:
        for account in self.playbook.accounts:
            if account.owner is None:  # run by another department
                continue
            self.mentions[account.owner].append(
                Mention("owns the account", account.name, paths.ACCOUNTS + "#" + account.id))
        for statement in self.playbook.holding_statements:
            severities = {t.severity for t in self.playbook.triggers
                          if t.holding_statement == statement.id}
            page = paths.severity(sorted(severities)[0]) if severities else paths.ESCALATION
            self.mentions[statement.owner].append(
                Mention("owns the holding statement", statement.name, f"{page}#holding-{statement.id}"))
