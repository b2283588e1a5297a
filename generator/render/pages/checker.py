"""The draft checker page, and the rules document it (and `playbook check`) judges drafts by.

The page is a form; checker-engine.js judges the draft in the browser from
assets/playbook/rules.json, which is compiled here from the same code the CLI uses, so
the site and the terminal cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...checker.rules import rules_json
from .. import paths
from ..context import Context, Page

RULES = f"{paths.ASSETS}/rules.json"
ASSETS = ("checker-base.js", "checker-engine.js", "checker.js", "checker.css")


def pages(ctx: Context) -> Iterable[Page]:
    yield Page(paths.CHECKER, "Draft checker", ctx.render("checker.md.j2", paths.CHECKER, rules_url=RULES),
               ctx.source_of("voice"))
    yield Page(RULES, "Checker rules", rules_json(ctx.playbook))
    for name in ASSETS:
        yield Page(f"{paths.ASSETS}/{name}", name, ctx.static(f"assets/{name}"))
