"""approvals.yaml: the editorial filter (sign-offs, the rule for the biggest accounts, verify before reacting)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .common import (
    CategoryRef,
    ConnectingRoleRef,
    EntityReview,
    Id,
    Minutes,
    RoleRef,
    SeverityRef,
    ShortText,
    Strict,
    Text,
    TierRef,
)


class ApprovalRule(Strict):
    id: Id
    name: ShortText = Field(
        description="The rule's name, unique: every page cites the rule by it (e.g. Legal needs legal)."
    )
    description: Text = Field(description="The rule in one or two sentences, as the team reads it.")
    tiers: list[TierRef] = Field(default_factory=list, description="Reach tiers (empty: all).")
    categories: list[CategoryRef] = Field(default_factory=list, description="Trigger category ids (empty: all).")
    min_severity: SeverityRef | None = Field(default=None, description="Applies from this severity up.")
    approvers: list[ConnectingRoleRef] = Field(min_length=1, description="Roles that may approve (role ids).")
    approvals_needed: int = Field(description="How many of the approvers must sign off.", default=1, ge=1, le=5)
    review: EntityReview = None


class TwoPersonRule(Strict):
    # `two_person_rule` is its one name in YAML and code; LABEL its one name in what people read
    # (pages, cards, `playbook triage` and `check`, messages, the glossary) and APPROVER what it
    # calls whoever signs off: every reader takes them from here (no docstring: the Reference
    # page and the JSON Schema would show it).
    LABEL: ClassVar[str] = "Two-person rule"
    APPROVER: ClassVar[str] = "second person"

    tiers: list[TierRef] = Field(min_length=1, description=f"Reach tiers where every post needs a {APPROVER}.")
    approvers: list[ConnectingRoleRef] = Field(
        description=f"Roles that may be the {APPROVER} (role ids).", min_length=1
    )
    description: Text = Field(description="The rule as the team reads it.")


class VerifyRule(Strict):
    categories: list[CategoryRef] = Field(description="Trigger category ids it applies to.", min_length=1)
    sources_required: int = Field(description="Independent sources needed before reacting.", ge=1, le=5)
    wait_minutes: Minutes = Field(description="Least time to wait before reacting.")
    approver: RoleRef
    description: Text = Field(description="The rule as the team reads it.")


class Approvals(Strict):
    two_person_rule: TwoPersonRule | None = Field(
        default=None, description=f"Posts on the biggest accounts need a {TwoPersonRule.APPROVER}."
    )
    verify_before_reacting: VerifyRule | None = Field(default=None, description="The rule for reacting to news.")
    rules: list[ApprovalRule] = Field(
        description="Who signs off what, by reach tier, topic and severity.", default_factory=list
    )
