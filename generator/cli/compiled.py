"""The compiled rules every checking command reads (`check`, `sweep`, `list`, completion),
kept apart from the commands so that `check --schedule` can run the sweep without an import
cycle between check.py and sweep.py.

The loader, the validation models and the rules compiler are imported only on a cache
miss: with the rules cached, `playbook check` reads a JSON document and never needs them,
and importing them was most of its start-up (about 0.2 s of 0.36 s on the example)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import CompletionItem

from .. import clock
from ..checker.cache import cache_key, read_cached, write_cached
from ..mkdocs.project import find_project
from . import completing
from .shared import DIRECTORY

if TYPE_CHECKING:
    from ..model import Playbook


def load_policy(playbook_dir: Path) -> Playbook:
    """The valid playbook (warnings allowed): never check against a broken policy."""
    from ..lint.loader import load_or_raise  # the models: only when the policy is read (see above)

    playbook = load_or_raise(playbook_dir).playbook
    assert playbook is not None  # load_or_raise returns only valid playbooks
    return playbook


def compiled_rules(playbook_dir: Path, use_cache: bool) -> dict[str, Any]:
    """The compiled rules: from the cache when no playbook file has changed, else from a full load."""
    key = cache_key(playbook_dir, clock.today()) if use_cache and playbook_dir.is_dir() else None
    cached = read_cached(key) if key else None
    if cached is not None:
        return cached
    from ..checker.rules import compile_rules  # a cache miss only (see above)

    rules = compile_rules(load_policy(playbook_dir))
    if key:
        write_cached(key, rules)
    return rules


# What `playbook list KIND` shows, from the compiled rules: the order key and the detail columns.
LISTS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "accounts": ("account_order", ("handle", "tier", "name")),
    "roles": (None, ("name",)),
    "severities": ("severity_order", ("level", "name")),
    "triggers": ("trigger_order", ("severity", "name")),
}


def listed(rules: dict[str, Any], kind: str) -> list[tuple[str, list[str]]]:
    """(id, details) of every entry of one kind, in the playbook's own order."""
    order_key, columns = LISTS[kind]
    entries = rules[kind]
    ids = rules[order_key] if order_key else list(entries)
    return [(i, [str(entries[i].get(c, "")) for c in columns]) for i in ids]


def complete_ids(kind: str) -> Any:
    """Shell completion for an option that takes an id: the ids of the project's playbook."""
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        def entries() -> list[tuple[str, list[str]]]:
            project = find_project(ctx.params.get("directory") or ctx.find_root().meta.get(DIRECTORY),
                                   ctx.params.get("config_file"), ctx.params.get("playbook_dir"))
            return listed(compiled_rules(project.playbook_dir, use_cache=True), kind)
        return [CompletionItem(i, help=details[-1]) for i, details in completing(entries) if i.startswith(incomplete)]
    return complete
