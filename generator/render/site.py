"""Rendering a validated playbook into the handbook: {page path: Markdown} plus navigation.

This is the core that every output shares: the MkDocs plugin serves these pages from
memory, `playbook generate --out` writes them to files. It never touches the file system
except to read templates, and it does not import MkDocs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..load.model import Playbook
from ..load.origins import Origins
from .blocks import tidy
from .context import Context, Page, Producer, Site
from .environment import make_environment
from .escape import forget_escaped
from .nav import build_nav
from .pages import (
    accounts,
    approvals,
    cards,
    checker,
    coverage,
    escalation,
    glossary,
    home,
    onboarding,
    people,
    permissions,
    platforms,
    reference,
    roles,
    team,
    training,
    triage,
    voice,
)

__all__ = ["Page", "Site", "render_site"]


def producers() -> list[Producer]:
    """Every page kind, in navigation order. A page kind is one module under pages/."""
    return [home.pages, team.pages, permissions.pages, roles.pages, accounts.pages, escalation.pages,
            approvals.pages, voice.pages, platforms.pages, people.pages, coverage.pages,
            onboarding.pages, training.pages, cards.pages,
            checker.pages, triage.pages, glossary.pages, reference.pages]


def render_site(playbook: Playbook, origins: Origins, project_root: Path,
                template_dirs: list[Path] | None = None) -> Site:
    """All pages, assets and the navigation, deterministically (same input, same bytes)."""
    env = make_environment(template_dirs or [])
    ctx = Context(playbook, origins, env, project_root)
    site = Site()
    try:
        for produce in producers():
            for page in produce(ctx):
                if page.path in site.pages or page.path in site.assets:
                    raise ValueError(f"two pages at {page.path}")  # our bug, not the user's
                if page.path.endswith(".md"):
                    site.pages[page.path] = replace(page, markdown=tidy(page.markdown))
                else:
                    site.assets[page.path] = page.markdown.encode("utf-8")
    finally:
        forget_escaped()
    site.extra_css = sorted(p for p in site.assets if p.endswith(".css"))
    site.extra_javascript = sorted(p for p in site.assets if p.endswith(".js"))
    site.nav = build_nav(list(site.pages.values()))
    return site
