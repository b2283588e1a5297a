"""The whole policy merged from every file, its sections, and the shape of one file."""

from __future__ import annotations

import typing
from functools import cached_property
from typing import Any

from pydantic import Field, create_model

from .accounts import Account, Limits, Pillar, Platform, ReachTier, Venue
from .approvals import Approvals
from .calendar import Packs, SensitiveDate, WatchEvent
from .common import KINDS, Review, Strict
from .crisis import CrisisMode
from .escalation import Escalation, Ladder, LadderStep, Severity
from .handbook import Handbook
from .holding_statements import HoldingStatement
from .process import Process
from .roles import Role
from .roster import Person, Rotation
from .teams import Team
from .training import Module, OnboardingPath
from .triggers import Trigger
from .vocabulary import Term, TermEntry
from .voice import Voice


class Playbook(Strict):
    """The whole policy, merged from every file and checked across files."""

    handbook: Handbook = Field(description="Title, version, effective date, owner.")
    reach_tiers: list[ReachTier] = Field(
        default_factory=list, description="Audience thresholds (or named sizes) that set an account's tier.")
    teams: list[Team] = Field(description="Teams or brands that group roles and accounts.", default_factory=list)
    platforms: list[Platform] = Field(description="Platforms and their limits.")
    accounts: list[Account] = Field(description="The accounts the team runs.")
    roles: list[Role] = Field(description="Who does what.")
    process: Process = Field(
        default_factory=Process,
        description="The team's own vocabularies: trigger categories, progression stages, onboarding milestones.")
    roster: list[Person] = Field(description="People, roles, time zones and shifts (optional).", default_factory=list)
    rotations: list[Rotation] = Field(
        default_factory=list, description="On-call rotations and groups of people that ladder steps can page.")
    escalation: Escalation = Field(description="Severities, ladders, actions and spread.")
    triggers: list[Trigger] = Field(description="Situations that need escalating.")
    holding_statements: list[HoldingStatement] = Field(
        description="Ready-made statements for when we cannot say more yet.", default_factory=list
    )
    approvals: Approvals = Field(description="The editorial filter: who signs off what.", default_factory=Approvals)
    voice: Voice = Field(description="How we sound.", default_factory=Voice)
    vocabulary: list[Term] = Field(description="Preferred, banned and risky words.", default_factory=list)
    crisis: CrisisMode = Field(
        description="Crisis mode: switch it on when something bad is happening.", default_factory=CrisisMode
    )
    calendar: list[SensitiveDate] = Field(
        default_factory=list, description="Sensitive dates: anniversaries and days of remembrance.")
    watchlist: list[WatchEvent] = Field(
        default_factory=list, description="Live events in the news, each with an expiry.")
    packs: Packs = Field(
        default_factory=Packs, description="Knowledge packs shipped with the tool that the team turns on: sensitive "
        "days, past tragedies and risk lexicons, each entry with its source (`packs: [core, gb]`).")
    modules: list[Module] = Field(description="Training modules.", default_factory=list)
    onboarding: list[OnboardingPath] = Field(description="An onboarding path per role.", default_factory=list)
    reviews: dict[str, Review] = Field(
        default_factory=dict, exclude=True, description="Each file's review, by the file's path as messages show it."
    )
    sources: dict[str, str] = Field(
        default_factory=dict, exclude=True, description="Section or entity key -> the file it came from."
    )

    pillars: list[Pillar] = Field(
        default_factory=list, description="Content pillars: the themes posts belong to, with their reporting tags.")
    venues: list[Venue] = Field(
        default_factory=list, description="Places the team watches without an account: forums, Hacker News, "
        "Reddit, review sites.")

    @property
    def own_accounts(self) -> list[Account]:
        """The accounts the team posts on: not those another team runs (`run_by`, `run_elsewhere`)."""
        return [a for a in self.accounts if not a.runs_elsewhere]

    def runner(self, account: Account) -> str | None:
        """Who runs an account that is not ours, as pages and the checker name them: the team
        `run_by` names, else the department `run_elsewhere` says; None for our own."""
        if account.run_by is not None:
            return self.id_maps["team"][account.run_by].name
        return account.run_elsewhere

    def trigger_accounts(self, trigger: Trigger) -> list[str] | None:
        """The ids of the team's accounts a scoped trigger fires on (None: every account), decided
        here once so both engines and every page agree."""
        if not trigger.platforms and not trigger.accounts:
            return None
        return [a.id for a in self.own_accounts if a.id in trigger.accounts or a.platform in trigger.platforms]

    def tier_of(self, account: Account) -> ReachTier | None:
        """The tier the account names, else the highest tier whose threshold its audience reaches
        (the lowest threshold when it reaches none); None when the policy says neither."""
        if account.tier is not None:
            return self.id_maps["tier"].get(account.tier)
        counted = [t for t in self.reach_tiers if t.min_followers is not None]
        if account.audience is None or not counted:
            return None
        audience = account.audience
        eligible = [t for t in counted if audience >= (t.min_followers or 0)]
        return max(eligible or [min(counted, key=lambda t: t.min_followers or 0)], key=lambda t: t.min_followers or 0)

    def tier_id(self, account: Account) -> str | None:
        tier = self.tier_of(account)
        return tier.id if tier is not None else None

    def entities(self, kind: str) -> list[Any]:
        """The entities whose ids a reference of this kind may name, from where KINDS says."""
        found: Any = self
        for name in KINDS[kind].where:
            found = getattr(found, name)
        return found

    @cached_property
    def id_maps(self) -> dict[str, dict[str, Any]]:
        """Id look-ups by reference kind, built on first use: pages ask for roles and modules by
        id thousands of times, and a scan of a thousand roles each time was a tenth of rendering."""
        return {kind: {item.id: item for item in self.entities(kind)} for kind in KINDS}

    def role(self, role_id: str) -> Role:
        return self.id_maps["role"][role_id]

    def severity(self, severity_id: str) -> Severity:
        return self.id_maps["severity"][severity_id]

    def ladder(self, ladder_id: str) -> Ladder:
        return self.id_maps["ladder"][ladder_id]

    def module(self, module_id: str) -> Module:
        return self.id_maps["module"][module_id]

    def platform(self, platform_id: str) -> Platform:
        return self.id_maps["platform"][platform_id]

    def rotation_members(self, rotation: Rotation) -> list[str]:
        """The person ids a rotation pages from: its members, or (none listed) everyone on the
        roster who holds its role, so a schedule can be declared before anyone is named."""
        if rotation.members:
            return list(rotation.members)
        return [p.id for p in self.roster if rotation.role and rotation.role in p.roles]

    def step_roles(self, step: LadderStep) -> list[str]:
        """The roles a ladder step puts to work: those it names, the role of a rotation it pages,
        and every role of a team it pages ("everyone in team X"), so their pages show the step."""
        rotation = self.id_maps["rotation"].get(step.rotation) if step.rotation else None
        extra = [rotation.role] if rotation is not None and rotation.role else []
        if step.team:
            extra += [role.id for role in self.roles if role.team == step.team]
        return list(dict.fromkeys([*step.role_ids, *extra]))

    def stage_name(self, stage_id: str) -> str:
        return self.id_maps["stage"][stage_id].name

    @property
    def stage_order(self) -> list[str]:
        """The declared progression stages' ids in order: the last one means trained to work alone."""
        return [stage.id for stage in self.process.stages]

    def category_name(self, category_id: str) -> str:
        return self.id_maps["category"][category_id].label

    def effective_limits(self, account: Account) -> Limits:
        """The platform's limits with the account's own overrides on top."""
        base = self.platform(account.platform).limits.model_dump()
        base.update({k: v for k, v in account.limits.model_dump().items() if v is not None})
        return Limits(**base)


SECTIONS = tuple(name for name, info in Playbook.model_fields.items() if not info.exclude)


LIST_SECTIONS = tuple(s for s in SECTIONS if typing.get_origin(Playbook.model_fields[s].annotation) is list)


SINGLE_SECTIONS = tuple(s for s in SECTIONS if s not in LIST_SECTIONS)


REQUIRED_SECTIONS = tuple(s for s in SECTIONS if Playbook.model_fields[s].is_required())


def _annotation(section: str) -> Any:
    """A section's type as Playbook declares it (pydantic keeps it for every field it built)."""
    annotation = Playbook.model_fields[section].annotation
    assert annotation is not None
    return annotation


# A list section whose items are written in a shorter form than the policy holds them:
# loading expands each written item (a TermEntry) into the policy's items (Terms).
FILE_ITEMS: dict[str, Any] = {"vocabulary": list[TermEntry]}


def _file_model() -> type[Strict]:
    """Playbook with every section optional: one file holds any subset of the sections, and
    declaring them once keeps a file's shape, its JSON Schema and the whole policy in step."""
    fields: dict[str, Any] = {
        "review": (Review | None, Field(default=None, description="Who owns this file and when it was last reviewed.")),
        **{name: (FILE_ITEMS.get(name, _annotation(name)) | None,
                  Field(default=None, description=Playbook.model_fields[name].description))
           for name in SECTIONS},
    }
    doc = "One YAML file: any subset of the sections. List sections may be split across files."
    return create_model("PlaybookFile", __base__=Strict, __module__=__name__, __doc__=doc, **fields)


PlaybookFile = _file_model()
