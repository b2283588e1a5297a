"""Training: every module is taken by someone (a role's training or an onboarding path)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, suggest
from ...model import Playbook
from ...read.origins import Origins
from ..checks import Check, Context


def _modules_taken(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    taken = {m for role in playbook.roles for m in role.training}
    taken.update(m for path in playbook.onboarding for milestone in path.milestones for m in milestone.modules)
    for i, module in enumerate(playbook.modules):
        if module.id not in taken:
            yield origins.at("modules", i, "id", level="warning",
                             message=f"nobody takes training module '{module.id}': no role's training and no "
                                     "onboarding milestone lists it",
                             hint=f"add '{module.id}' to the 'training:' of the roles that need it, or remove the "
                                  "module")


def _quiz_answers(playbook: Playbook, origins: Origins, ctx: Context) -> Iterator[Diagnostic]:
    """An answer must be one of the question's own choices, one answer for a single-choice
    question, and at least one choice wrong (the shape check already wants one right)."""
    for i, module in enumerate(playbook.modules):
        for q, question in enumerate(module.quiz):
            where = f"training module '{module.id}', question '{question.id}'"
            choices = {c.id for c in question.choices}
            for j, answer in enumerate(question.correct):
                if answer not in choices:
                    yield origins.at("modules", i, "quiz", q, "correct", j,
                                     message=f"{where}: answer '{answer}' is not one of the question's choices",
                                     hint=suggest(answer, choices) or f"its choices: {', '.join(sorted(choices))}")
            if question.kind == "single" and len(question.correct) > 1:
                yield origins.at("modules", i, "quiz", q, "correct",
                                 message=f"{where}: a single-choice question has more than one correct answer",
                                 hint="set 'kind: multiple' if several answers are right, or keep one answer")
            if question.kind == "multiple" and len(set(question.correct)) == len(question.choices):
                yield origins.at("modules", i, "quiz", q, "correct", level="warning",
                                 message=f"training module '{module.id}', question '{question.id}': every choice "
                                         "is correct, so the question tests nothing",
                                 hint="add a wrong choice that a trainee might believe, with its explanation")


CHECKS = (
    Check("training modules nobody takes", ("roles", "onboarding", "modules"), _modules_taken),
    Check("quiz answers", (), _quiz_answers),
)
