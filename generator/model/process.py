"""process.yaml: the team's own vocabularies (trigger categories, progression stages,
onboarding milestones), with the defaults used when it declares none."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import Id, ShortText, Strict, Text


class Stage(str, Enum):
    """The built-in progression stages: the default of `process.stages`."""

    shadow = "shadow"
    supervised = "supervised"
    solo = "solo"


class Category(str, Enum):
    """The built-in trigger categories: the default of `process.categories`."""

    news = "news"
    legal = "legal"
    safety = "safety"
    security = "security"
    politics = "politics"
    executive = "executive"
    media = "media"
    privacy = "privacy"
    commercial = "commercial"
    community = "community"


class TriggerCategory(Strict):
    id: Id
    name: ShortText | None = Field(default=None, description="How pages name it (default: the id).")
    description: Text | None = Field(default=None, description="What topics it covers.")

    @property
    def label(self) -> str:
        return self.name or self.id


class StageDefinition(Strict):
    id: Id
    name: ShortText = Field(description="How pages name the stage, e.g. Reverse shadow.")
    meaning: Text | None = Field(default=None, description="What a person at this stage may and may not do.")


class MilestoneDefinition(Strict):
    id: Id
    name: ShortText = Field(description='How pages name the milestone, e.g. "week 1" or "first on-call".')
    description: Text | None = Field(default=None, description="What it marks.")


def _default_categories() -> list[TriggerCategory]:
    return [TriggerCategory(id=c.value) for c in Category]


def _default_stages() -> list[StageDefinition]:
    return [StageDefinition(id=s.value, name=s.value.capitalize()) for s in Stage]


def _default_milestones() -> list[MilestoneDefinition]:
    return [MilestoneDefinition(id=f"{unit}-1", name=f"{unit} 1") for unit in ("day", "week", "month")]


class Process(Strict):
    """The team's own words for its process; a list left out is the built-in one.

    Defaults keep a playbook that declares nothing meaning what it always meant."""

    categories: list[TriggerCategory] = Field(
        default_factory=_default_categories,
        description="Trigger categories that triggers, approval rules and the verify rule name (default: news, "
                    "legal, safety, security, politics, executive, media, privacy, commercial, community).")
    stages: list[StageDefinition] = Field(
        default_factory=_default_stages, min_length=1,
        description="Progression stages in the order a person goes through them (default: shadow, supervised, "
                    "solo).")
    milestones: list[MilestoneDefinition] = Field(
        default_factory=_default_milestones, min_length=1,
        description="Onboarding milestones in order, as role pages name them (default: day 1, week 1, month 1).")
