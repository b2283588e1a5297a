"""Accounts and reach tiers: who owns each account, how big it is, and what that demands.

Each account has an anchor named by its id, so any page can link to `accounts/#<id>`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...queries import paths
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    tiers = ctx.tiers()
    # Limits and sign-offs come from answers.py through the templates' macros (m.limits, ctx.approvals).
    rows = [(account, playbook.tier_of(account)) for account in playbook.accounts]
    counts = {t.id: sum(1 for _, tier in rows if tier is not None and tier.id == t.id) for t in tiers}
    yield render_page(ctx, "accounts.md.j2", paths.ACCOUNTS, "Accounts", ctx.source_of("accounts", 0),
                      tiers=tiers, rows=rows, counts=counts)

