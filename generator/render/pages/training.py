"""Training modules: an index, then one page per module with its lesson, exercises and quiz.

The quiz is marked in the browser (progress.js) from attributes on the choices, so the
handbook stays a static site: answers are checked and kept without a server.
"""

from __future__ import annotations

from typing import Iterable

from ...model import Module, Playbook, Role
from .. import paths
from ..site import Context, Page
from . import progress


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    values = progress.template_values(ctx)
    yield Page(paths.TRAINING, "Training modules",
               ctx.render("training_index.md.j2", paths.TRAINING, **values), ctx.source_of("modules"))
    with_path = {path.role for path in playbook.onboarding}
    for index, module in enumerate(playbook.modules):
        page_path = paths.module(module.id)
        source = ctx.source_of("modules", index)
        markdown = ctx.render("training_module.md.j2", page_path, module=module, source=source,
                              takers=roles_taking(playbook, module), with_path=with_path, **values)
        yield Page(page_path, module.title, markdown, source)


def roles_taking(playbook: Playbook, module: Module) -> list[Role]:
    """Roles whose training list or onboarding path includes the module, in roster order."""
    on_paths = {path.role for path in playbook.onboarding
                if any(module.id in milestone.modules for milestone in path.milestones)}
    return [role for role in playbook.roles if module.id in role.training or role.id in on_paths]
