"""Training modules: an index, then one page per module with its lesson, exercises and quiz.

The quiz is marked in the browser (progress.js) from attributes on the choices, so the
handbook stays a static site: answers are checked and kept without a server.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...model import Playbook, Role
from ...queries import paths
from ..context import Context, Page
from . import progress


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    values = progress.template_values(ctx)
    yield Page(paths.TRAINING, "Training modules",
               ctx.render("training_index.md.j2", paths.TRAINING, **values), ctx.source_of("modules"))
    with_path = {path.role for path in playbook.onboarding}
    takers = roles_taking(playbook)
    for index, module in enumerate(playbook.modules):
        page_path = paths.module(module.id)
        source = ctx.source_of("modules", index)
        markdown = ctx.render("training_module.md.j2", page_path, module=module, source=source,
                              takers=takers.get(module.id, []), with_path=with_path, **values)
        yield Page(page_path, module.title, markdown, source)


def roles_taking(playbook: Playbook) -> dict[str, list[Role]]:
    """Module id -> roles whose training list or onboarding path includes it, in roster order.

    Gathered in one pass: asking per module scanned every role and path once per module."""
    on_path: dict[str, list[str]] = {}  # role id -> modules its onboarding path adds
    for path in playbook.onboarding:
        on_path.setdefault(path.role, []).extend(m for milestone in path.milestones for m in milestone.modules)
    takers: dict[str, list[Role]] = {}
    for role in playbook.roles:
        for module_id in dict.fromkeys([*role.training, *on_path.get(role.id, [])]):
            takers.setdefault(module_id, []).append(role)
    return takers
