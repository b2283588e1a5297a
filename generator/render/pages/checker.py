"""The draft checker page, and the rules document it (and `playbook check`) judges drafts by.

The page is a form; checker-engine.js judges the draft in the browser from
assets/playbook/rules.json, which is compiled here from the same code the CLI uses, so
the site and the terminal cannot drift apart. For the same reason the engine itself comes
from the package (generator/checker/engine.js), not from the template folders: the page's
own script and styles may be overridden by a team's templates/assets/, the engine may not.
"""

from __future__ import annotations

from collections.abc import Iterable

from ... import clock
from ...checker.document import utc_text
from ...checker.engine import javascript
from ...checker.rules import rules_json
from ...queries import paths
from ..context import Context, Page

RULES = f"{paths.ASSETS}/rules.json"
ASSETS = ("checker-base.js", "checker-engine.js", "checker.js", "checker.css")
ENGINE = "checker-engine.js"  # the one asset that is not looked up in the template folders


def pages(ctx: Context) -> Iterable[Page]:
    events = [{"event": e, "since": utc_text(e.since, e.timezone), "expires": utc_text(e.expires, e.timezone)}
              for e in ctx.playbook.watchlist]
    yield Page(paths.CHECKER, "Draft checker",
               ctx.render("checker.md.j2", paths.CHECKER, rules_url=RULES, events=events), ctx.source_of("voice"))
    yield Page(RULES, "Checker rules", rules_json(ctx.playbook, ctx.today or clock.build_today()))
    for name in ASSETS:
        yield Page(f"{paths.ASSETS}/{name}", name, javascript() if name == ENGINE else ctx.static(f"assets/{name}"))
