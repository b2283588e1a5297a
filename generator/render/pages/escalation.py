"""Escalation: the severity levels, the triage decision tree, and one page per severity.

A severity page is what someone on shift opens with their heart racing: the deadline,
the ladder as a picture and as a table with cumulative times, what they may do, and the
holding statements they may post while the facts come in.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...model import HoldingStatement, Playbook, Severity
from ...queries import paths
from ..charts import ladder_chart, triage_chart
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    index = ctx.index
    source = ctx.source_of("escalation")
    attached = {t.holding_statement for t in playbook.triggers if t.holding_statement}
    loose = [h for h in playbook.holding_statements if h.id not in attached]
    yield render_page(ctx, "escalation.md.j2", paths.ESCALATION, "Severity levels", source,
                      severities=index.severities_by_level(), loose=loose)
    yield render_page(ctx, "triage_tree.md.j2", paths.TRIAGE_TREE, "Triage decision tree",
                      ctx.source_of("triggers", 0), chart=triage_chart(index, playbook))
    for severity in index.severities_by_level():
        yield severity_page(ctx, severity, source)


def severity_page(ctx: Context, severity: Severity, source: str | None) -> Page:
    playbook = ctx.playbook
    ladder = ctx.index.ladders[severity.ladder] if severity.ladder else None
    path = paths.severity(severity.id)
    triggers = [t for t in playbook.triggers if t.severity == severity.id]
    return render_page(ctx, "severity.md.j2", path, severity.name, source, severity=severity, ladder=ladder,
                       chart=ladder_chart(ctx.index, ladder) if ladder else None,
                       steps=list(zip(ladder.steps, ladder.elapsed(), strict=True)) if ladder else [],
                       triggers=triggers, statements=_statements(playbook, triggers))


def _statements(playbook: Playbook, triggers: list) -> list[HoldingStatement]:
    wanted = {t.holding_statement for t in triggers if t.holding_statement}
    return [h for h in playbook.holding_statements if h.id in wanted]
