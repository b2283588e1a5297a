"""The home page: "new here? start here", version, effective date and what changed."""

from __future__ import annotations

from typing import Iterable

from .. import paths
from ..site import Context, Page


def pages(ctx: Context) -> Iterable[Page]:
    handbook = ctx.playbook.handbook
    markdown = ctx.render("home.md.j2", paths.HOME)
    yield Page(paths.HOME, "Home", markdown, ctx.source_of("handbook"))
