"""The triage wizard: what happened, who is involved, how far it has spread -> a severity.

It reads the same rules document as the draft checker (triggers, signals, spread,
severities, ladders, actions, approvals, holding statements) and words its result exactly as
`playbook triage` does. Without JavaScript the page says so and lists every trigger with its
severity, deadline, verify-first and holding statement, each linking to its severity page.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...checker.rules import url_of
from ...queries import paths
from ..context import Context, Page
from .checker import RULES
from .people import oncall_data


def pages(ctx: Context) -> Iterable[Page]:
    esc = ctx.playbook.escalation
    triggers = sorted(ctx.playbook.triggers,
                      key=lambda t: (-esc.rank(ctx.playbook.severity(t.severity)), t.name.casefold(), t.id))
    # The fallback for readers without JavaScript is raw HTML, which MkDocs does not rewrite:
    # its link takes the served address (directory URLs), like the wizard's own links.
    # Whom a rotation step pages depends on the minute: the roster comes inlined, as on the
    # on-shift page, and people.js does the shift arithmetic.
    shifts = oncall_data(ctx.playbook) if ctx.playbook.rotations else ""
    markdown = ctx.render("triage.md.j2", paths.TRIAGE, rules_url=RULES, triggers=triggers,
                          escalation_url=url_of(paths.ESCALATION), shifts=shifts)
    yield Page(paths.TRIAGE, "Triage wizard", markdown, ctx.source_of("triggers", 0))
    yield Page(f"{paths.ASSETS}/triage.js", "triage.js", ctx.static("assets/triage.js"))
