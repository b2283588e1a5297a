"""One cheat sheet per platform: its limits, habits, do and don't, our accounts there and
the holding statements that may be posted on it."""

from __future__ import annotations

from collections.abc import Iterable

from ...model import Platform
from ...queries import paths
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    counts = {p.id: sum(1 for a in playbook.accounts if a.platform == p.id) for p in playbook.platforms}
    yield render_page(ctx, "platforms_index.md.j2", paths.PLATFORMS, "Platforms", ctx.source_of("platforms", 0),
                      counts=counts)
    for number, platform in enumerate(playbook.platforms):
        yield platform_page(ctx, platform, number)


def platform_page(ctx: Context, platform: Platform, number: int) -> Page:
    playbook = ctx.playbook
    path = paths.platform(platform.id)
    accounts = [a for a in playbook.accounts if a.platform == platform.id]
    statements = [h for h in playbook.holding_statements if not h.platforms or platform.id in h.platforms]
    return render_page(ctx, "platform.md.j2", path, platform.name, ctx.source_of("platforms", number),
                       platform=platform, accounts=accounts, statements=statements)
