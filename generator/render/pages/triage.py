"""The triage wizard: what happened, who is involved, how far it has spread -> a severity.

It reads the same rules document as the draft checker (triggers, signals, spread,
severities, ladders, holding statements). Without JavaScript the page still lists every
trigger with its severity.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import paths
from ..context import Context, Page
from .checker import RULES


def pages(ctx: Context) -> Iterable[Page]:
    esc = ctx.playbook.escalation
    triggers = sorted(ctx.playbook.triggers,
                      key=lambda t: (-esc.rank(ctx.playbook.severity(t.severity)), t.name.casefold(), t.id))
    markdown = ctx.render("triage.md.j2", paths.TRIAGE, rules_url=RULES, triggers=triggers)
    yield Page(paths.TRIAGE, "Triage wizard", markdown, ctx.source_of("triggers", 0))
    yield Page(f"{paths.ASSETS}/triage.js", "triage.js", ctx.static("assets/triage.js"))
