"""Accounts and reach tiers: who owns each account, how big it is, and what that demands.

Each account has an anchor named by its id, so any page can link to `accounts/#<id>`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...load.model import Account, Playbook
from .. import paths
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    tiers = sorted(playbook.reach_tiers, key=lambda t: (t.min_followers, t.id))
    rows = [(account, playbook.tier_of(account), playbook.effective_limits(account), _second_person(playbook, account))
            for account in playbook.accounts]
    yield render_page(ctx, "accounts.md.j2", paths.ACCOUNTS, "Accounts", ctx.source_of("accounts", 0),
                      tiers=tiers, rows=rows, counts={t.id: sum(1 for row in rows if row[1].id == t.id) for t in tiers})


def _second_person(playbook: Playbook, account: Account) -> bool:
    rule = playbook.approvals.two_person_rule
    return bool(rule and playbook.tier_of(account).id in rule.tiers)
