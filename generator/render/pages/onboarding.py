"""Onboarding: a "start here" page to pick a role, then one path per role.

A path shows the role's milestones as checklists whose ticks the browser keeps, the
modules to take, and the progression stages with who signs each off.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ...model import Module, OnboardingPath, Playbook, Role
from ...queries import paths
from ..context import Context, Page
from . import people, progress


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    by_role = {path.role: path for path in playbook.onboarding}
    values = progress.template_values(ctx)
    roles = [role for role in playbook.roles if role.id in by_role]
    without = [role for role in playbook.roles if role.id not in by_role and not role.external]
    yield Page(paths.ONBOARDING, "Start here",
               ctx.render("onboarding_index.md.j2", paths.ONBOARDING, roles=roles, without=without,
                          by_role=by_role, **values),
               ctx.source_of("onboarding"))
    module_lines = ModuleLines(ctx, values)
    for index, path in enumerate(playbook.onboarding):
        role = playbook.role(path.role)
        page_path = paths.onboarding(role.id)
        source = ctx.source_of("onboarding", index)
        markdown = ctx.render("onboarding_path.md.j2", page_path, role=role, path=path, source=source,
                              modules=modules_to_take(playbook, role, path), module_lines=module_lines,
                              **values)
        yield Page(page_path, role.name, markdown, source, group=ctx.index.team_name(role))
    yield from people.training_page(ctx)
    yield from progress.assets(ctx)


class ModuleLines(dict[str, Markup]):
    """Module id -> its line on a path page, rendered on first use and then reused: a thousand
    paths list the same few hundred modules, and all path pages share one folder (links match)."""

    def __init__(self, ctx: Context, values: dict[str, Any]) -> None:
        super().__init__()
        self.ctx, self.template_values = ctx, values

    def __missing__(self, module_id: str) -> Markup:
        module = self.ctx.playbook.module(module_id)
        line = self.ctx.render("onboarding_module.md.j2", paths.ONBOARDING, module=module, **self.template_values)
        self[module_id] = Markup(line.strip())
        return self[module_id]


def modules_to_take(playbook: Playbook, role: Role, path: OnboardingPath) -> list[Module]:
    """The role's required training, then any module a milestone adds, each once."""
    ordered: list[str] = []
    for module_id in [*role.training, *(m for milestone in path.milestones for m in milestone.modules)]:
        if module_id not in ordered:
            ordered.append(module_id)
    return [playbook.module(module_id) for module_id in ordered]
