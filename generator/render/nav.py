"""The handbook's navigation, built from page paths: short levels so that every page stays small.

Material renders the open levels of the navigation into every page, so the shape of the
nav is a performance feature as much as a reading aid.
"""

from __future__ import annotations

import math
from typing import Any

from .context import Page


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
