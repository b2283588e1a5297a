"""Rendering a validated playbook into the handbook: {page path: Markdown} plus navigation.

This is the core that every output shares: the MkDocs plugin serves these pages from
memory, `playbook generate --out` writes them to files. It never touches the file system
except to read templates, and it does not import MkDocs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from ..loader import Origins
from ..model import Playbook
from . import paths
from .blocks import tidy
from .environment import make_environment
from .escape import forget_escaped
from .links import Links, minutes
from .relations import Index


@dataclass(frozen=True)
class Page:
    """A Markdown page, or (when `path` does not end in .md) a static asset such as JS, CSS or JSON.

    Assets ending in .js and .css are added to every page (extra_javascript / extra_css).
    """

    path: str  # from the docs root, e.g. "roles/community/community-manager.md"
    title: str
    markdown: str  # the page's Markdown, or the asset's text
    source: str | None = None  # the YAML file it came from, relative to the project root
    group: str | None = None  # a nav sub-section inside its folder (e.g. the role's team)


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What a page producer needs: the policy, where it came from, and the templates."""

    playbook: Playbook
    origins: Origins
    env: Any
    project_root: Path
    lookup: dict[str, Any] = field(default_factory=dict)

    def render(self, template: str, page_path: str, **values: Any) -> str:
        """Render one template for the page at `page_path` (links are made relative to it)."""
        links = Links(self.index, page_path, self.lookup.setdefault("relative", {}))
        return self.env.get_template(template).render(pb=self.playbook, page_path=page_path, link=links.to,
                                                      links=links, minutes=minutes, paths=paths, ctx=self,
                                                      **values)

    @property
    def index(self) -> Index:
        """Look-ups by id and who-appears-where, built once and shared by every page."""
        if "index" not in self.lookup:
            self.lookup["index"] = Index(self.playbook)
        return self.lookup["index"]

    def static(self, name: str) -> str:
        """A static file (JS, CSS) from the template folders, unrendered: users may override it too."""
        return self.env.loader.get_source(self.env, name)[0]

    def source_of(self, section: str, index: int | None = None) -> str | None:
        """The YAML file a section (or one of its items) came from, relative to the project root."""
        try:
            shown = self.origins.file_of(section, index)
        except (KeyError, IndexError):
            return None
        sources = self.lookup.setdefault("sources", {})  # resolving paths per page was costly
        if shown not in sources:
            sources[shown] = self._project_relative(shown)
        return sources[shown]

    def _project_relative(self, shown: str) -> str:
        try:
            return Path(shown).resolve().relative_to(self.project_root.resolve()).as_posix()
        except ValueError:
            return Path(shown).name


Producer = Callable[[Context], Iterable[Page]]


def producers() -> list[Producer]:
    """Every page kind, in navigation order. A page kind is one module under pages/."""
    from .pages import checker, triage
    from .pages import (accounts, approvals, cards, coverage, escalation, glossary, home, onboarding, permissions,
                        platforms, reference, roles, team, training, voice)

    return [home.pages, team.pages, permissions.pages, roles.pages, accounts.pages, escalation.pages,
            approvals.pages, voice.pages, platforms.pages, coverage.pages,
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


def build_nav(pages: list[Page]) -> list[Any]:
    """MkDocs nav from page paths: one section per top folder, sub-folders nested, index first.

    Producers emit pages in reading order; folders and groups keep the order of their first
    page. A page's `group` nests it in a titled sub-section of its folder, so that a folder
    of a thousand pages (cards, onboarding paths) stays a short list of teams: Material's
    pruned navigation then renders only the open group on each page.
    """
    tree: dict[str, Any] = {}
    for page in pages:
        node = tree
        parts = page.path.split("/")
        for folder in parts[:-1]:
            node = node.setdefault(folder + "/", {})
        if page.group:
            node = node.setdefault(_GROUP + page.group, {})
        node[parts[-1]] = page
    return _nav_items(tree)


_GROUP = "\x00group:"  # cannot clash with a folder name (those end in "/")


def _nav_items(node: dict[str, Any], depth: int = 0) -> list[Any]:
    items: list[Any] = []
    index = node.get("index.md")
    for name, value in node.items():
        if isinstance(value, Page):
            if name != "index.md":
                items.append({value.title: value.path})
        else:
            child = _nav_items(value, depth + 1)
            if name.startswith(_GROUP):
                title = name[len(_GROUP):]
            else:
                title = value["index.md"].title if isinstance(value.get("index.md"), Page) else name.rstrip("/")
            items.append({title: child})
    if depth > 0:
        items = chunk_nav(items)
    if index is not None:
        items.insert(0, index.path)
    return items


NAV_LIMIT = 24


def chunk_nav(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Split a long nav list into titled runs ("First – Last") of about sqrt(n) entries.

    Material's pruned navigation renders every entry of each open level on every page, so a
    level of 50 teams costs 50 links on each of their thousand pages; two levels of about
    seven cost fourteen. Order is kept, so the runs read like a book's index.
    """
    if len(items) <= NAV_LIMIT:
        return items
    size = math.ceil(math.sqrt(len(items)))
    runs = [items[start:start + size] for start in range(0, len(items), size)]
    return [{f"{_title(run[0])} – {_title(run[-1])}" if len(run) > 1 else _title(run[0]): run} for run in runs]


def _title(entry: dict[str, Any]) -> str:
    return next(iter(entry))
