"""What changed, and how to change it: the hand-written notes as a summary, then every
release's changes, generated from git tags (diff/history.py) so the list cannot drift from
the files; and "Changing this handbook": who owns each file, who approves a change, the steps."""

from __future__ import annotations

from collections.abc import Iterable

from ...queries import paths
from ..context import Context, Page
from . import render_page


def pages(ctx: Context) -> Iterable[Page]:
    yield render_page(ctx, "changes.md.j2", paths.CHANGES, "What changed", ctx.source_of("handbook"))
    yield render_page(ctx, "changing.md.j2", paths.CHANGING, "Changing this handbook", ctx.source_of("handbook"),
                      owners=ctx.file_owners())
