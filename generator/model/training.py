"""modules.yaml and onboarding.yaml: training modules and onboarding paths."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    ChoiceRef,
    EntityReview,
    Id,
    Markdown,
    MilestoneRef,
    Minutes,
    ModuleRef,
    RoleRef,
    ShortText,
    Strict,
    Text,
)


class Choice(Strict):
    id: Id
    text: Text = Field(description="The answer as the trainee reads it.")
    explanation: Text = Field(description="Shown after answering: why it is right or wrong.")


class Question(Strict):
    id: Id
    question: Text = Field(description="The question.")
    kind: Literal["single", "multiple"] = Field(default="single", description="single (one right answer) or multiple.")
    choices: list[Choice] = Field(description="The possible answers.", min_length=2)
    correct: list[ChoiceRef] = Field(min_length=1, description="Ids of the right choices.")


class Exercise(Strict):
    id: Id
    prompt: Text = Field(description="The task, e.g. rewrite this reply in our voice.")
    model_answer: Text = Field(description="A good answer, revealed on demand.")


class Module(Strict):
    id: Id
    title: ShortText = Field(description="The module's title.")
    summary: Text = Field(description="What the module is about, in a sentence.")
    minutes: Minutes = Field(description="How long it takes.")
    objectives: list[Text] = Field(description="What the trainee can do afterwards.", min_length=1)
    content: Markdown = Field(description="Markdown. The lesson itself.")
    exercises: list[Exercise] = Field(description="Practice tasks with model answers.", default_factory=list)
    quiz: list[Question] = Field(description="Self-check questions.", default_factory=list)
    review: EntityReview = None


class Milestone(Strict):
    id: Id
    title: ShortText = Field(description="For example: Day 1, Week 1, Month 1.")
    tasks: list[Text] = Field(description="What the new hire does by this milestone.", min_length=1)
    modules: list[ModuleRef] = Field(
        description="Training modules to finish by then (module ids).", default_factory=list
    )
    signed_off_by: RoleRef | None = Field(
        default=None, description="The role that signs the milestone off (needs the sign_off permission)."
    )
    milestone: MilestoneRef | None = Field(
        default=None, description="Which of the declared process.milestones this is (a milestone id; optional).")


class OnboardingPath(Strict):
    role: RoleRef
    milestones: list[Milestone] = Field(description="Day 1, Week 1, Month 1, ... in order.", min_length=1)
