"""Training: every module is taken by someone (a role's training or an onboarding path)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ..checks import Check, Context
from ..model import Playbook
from ..origins import Origins


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
    for i, module in enumerate(playbook.modules):
        for q, question in enumerate(module.quiz):
            if question.kind == "multiple" and len(set(question.correct)) == len(question.choices):
                yield origins.at("modules", i, "quiz", q, "correct", level="warning",
                                 message=f"training module '{module.id}', question '{question.id}': every choice "
                                         "is correct, so the question tests nothing",
                                 hint="add a wrong choice that a trainee might believe, with its explanation")


CHECKS = (
    Check("training modules nobody takes", ("roles", "onboarding", "modules"), _modules_taken),
    Check("quiz answers", (), _quiz_answers),
)
