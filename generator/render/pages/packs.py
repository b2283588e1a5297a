"""The knowledge packs page: which packs the policy turns on and every active entry with its
source, so a reader sees what the checker knows and where each fact comes from.

The entries are those the checker uses (packs/select.py): switched off ones are left out,
overridden ones shown as overridden, with the team's own severity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ... import clock
from ...model.movable import movable_text
from ...packs.model import Lexicon, PackDay, Tragedy
from ...packs.names import listed_words, shipped_kinds
from ...packs.select import Entry, activate, severity_map
from ...queries import paths
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    active = activate(ctx.playbook, ctx.today or clock.build_today())
    if not active.packs:
        return
    rows: dict[str, list[dict[str, Any]]] = {"days": [], "tragedies": [], "lexicons": []}
    kinds = shipped_kinds()
    for entry in active.entries:
        kind, row = _row(entry, kinds)
        rows[kind].append(row)
    packs = [{"id": p.id, "info": p.data.pack, "days": len(p.data.days), "tragedies": len(p.data.tragedies),
              "lexicons": len(p.data.lexicons)} for p in active.packs]
    yield render_page(ctx, "packs.md.j2", paths.PACKS, "Knowledge packs", ctx.source_of("packs"), packs=packs,
                      rows=rows, off=active.off, shadowed=active.shadowed,
                      severities=severity_map(ctx.playbook))


def _row(entry: Entry, kinds: set[str]) -> tuple[str, dict[str, Any]]:
    data = entry.data
    common = {"id": data.id, "pack": entry.pack, "severity": entry.severity, "overridden": entry.overridden,
              "source": data.source, "link": data.source.startswith(("https://", "http://")),
              "review": data.review.isoformat()}
    if isinstance(data, PackDay):
        day = entry.team
        return "days", {**common, "name": data.name, "when": data.date or movable_text(data),
                        "words": [*data.keywords, *data.hashtags], "accounts": list(getattr(day, "accounts", []))}
    if isinstance(data, Tragedy):
        return "tragedies", {**common, "name": data.name, "when": data.date.isoformat(),
                             "words": listed_words(data, kinds),
                             "near": list(data.with_)}
    assert isinstance(data, Lexicon)
    return "lexicons", {**common, "name": data.category.value, "language": data.language,
                        "category": getattr(entry.team, "category", ""),
                        "words": [*data.phrases, *data.emoji], "patterns": list(data.patterns),
                        "near": list(data.with_), "description": data.description}
