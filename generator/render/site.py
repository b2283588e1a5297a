"""Rendering a validated playbook into the handbook: {page path: Markdown} plus navigation.

This is the core that every output shares: the MkDocs plugin serves these pages from
memory, `playbook generate --out` writes them to files. It never touches the file system
except to read templates, and it does not import MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ..diff.history import History
from ..model import Playbook
from ..read.origins import Origins
from .blocks import tidy
from .context import Context, Page, Producer, Site
from .environment import make_environment
from .escape import forget_escaped
from .nav import build_nav
from .pages import (
    accounts,
    approvals,
    cards,
    changes,
    checker,
    coverage,
    escalation,
    glossary,
    going_dark,
    home,
    onboarding,
    packs,
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
from .search import search_words, with_search_words

__all__ = ["Page", "Site", "render_site"]


def readers() -> list[tuple[str | None, list[Producer]]]:
    """Every page kind, grouped for the three kinds of reader, in navigation order.

    Someone on shift needs triage, the checker and the ladders first; a new hire needs the
    start-here path, their role and training; the policy owner the reference and accounts.
    The home page stands alone, above the groups. A page kind is one module under pages/.
    """
    return [(None, [home.pages]),
            ("On shift", [triage.pages, checker.pages, packs.pages, escalation.pages, going_dark.pages, approvals.pages,
                          people.pages, cards.pages, voice.pages, platforms.pages]),
            ("New here", [onboarding.pages, roles.pages, training.pages, team.pages, permissions.pages]),
            ("Policy and reference", [changes.pages, accounts.pages, coverage.pages, glossary.pages,
                                      reference.pages])]


def producers() -> list[Producer]:
    """Every page kind, in navigation order."""
    return [produce for _, group in readers() for produce in group]


def render_site(playbook: Playbook, origins: Origins, project_root: Path,
                template_dirs: list[Path] | None = None, today: dt.date | None = None,
                history: History | None = None) -> Site:
    """All pages, assets and the navigation, deterministically (same input, same bytes).

    `today` only says which reviews are overdue; without it the pages give their due dates.
    `history` is the releases read from git (diff/history.py), for "What changed".
    """
    env = make_environment(template_dirs or [])
    ctx = Context(playbook, origins, env, project_root, today=today, history=history or History(()))
    site = Site()
    groups: list[tuple[str | None, list[Page]]] = []
    words = search_words(playbook)
    try:
        for title, group in readers():
            groups.append((title, []))
            for produce in group:
                for page in produce(ctx):
                    _add(site, page, groups[-1][1], words)
    finally:
        forget_escaped()
    site.extra_css = sorted(p for p in site.assets if p.endswith(".css"))
    site.extra_javascript = sorted(p for p in site.assets if p.endswith(".js"))
    site.nav = [item for title, pages in groups
                for item in (build_nav(pages) if title is None else [{title: build_nav(pages)}])]
    return site


def _add(site: Site, page: Page, group: list[Page], words: dict[str, list[str]]) -> None:
    if page.path in site.pages or page.path in site.assets:
        raise ValueError(f"two pages at {page.path}")  # our bug, not the user's
    if page.path.endswith(".md"):
        page = replace(page, markdown=with_search_words(page.path, tidy(page.markdown), words))
        site.pages[page.path] = page
        group.append(page)
    else:
        site.assets[page.path] = page.markdown.encode("utf-8")
