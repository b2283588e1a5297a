"""Links between pages, made in Python: templates make tens of thousands of them.

Every mention of a role, severity, account, platform, team, module, tier or action goes
through a `Links` bound to the page being rendered, so link text is always escaped the
same way and targets are always relative to that page. The templates reach these through
the `m.role_link(...)` names of `_macros.md.j2`, which are these methods: a Jinja macro per
link cost more than all the escaping on a page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from markupsafe import Markup

from ..model import Channel
from ..queries import paths
from ..queries.answers import crisis_posting_text, duration_text
from .escape import escape_plain
from .relations import Index


def channel_value(channel: Channel) -> Markup:
    """A channel's value as the reader can use it: a link where its kind says how to open it
    safely (Channel.href: tel:, mailto:, http(s)), else plain text; escaped either way. The one
    place every page shows a channel's value through (the `channels` macro)."""
    text = escape_plain(channel.value)
    href = channel.href
    return Markup(f"[{text}]({href})") if href else text


class Links:
    """The links of one page. `relative` is shared by every page of a render (a cache)."""

    def __init__(self, index: Index, page_path: str, relative: dict[tuple[str, str], str]) -> None:
        self.index = index
        self.folder = posixpath.dirname(page_path)
        self.page_path = page_path
        self._relative = relative

    def to(self, target: str) -> Markup:
        """The relative link to a page (or page#anchor). Paths are built from validated ids
        (paths.py), so the link needs no escaping."""
        key = (target, self.folder)
        found = self._relative.get(key)
        if found is None:
            found = self._relative[key] = paths.relative(target, self.page_path)
        return Markup(found)

    def _link(self, name: str, target: str) -> Markup:
        return Markup(f"[{escape_plain(name)}]({self.to(target)})")

    def role(self, role_id: str) -> Markup:
        return self._link(self.index.roles[role_id].name, self.index.role_path(role_id))

    def roles(self, role_ids: Iterable[str], empty: str = "none") -> Markup:
        """Comma-separated role links, or `empty` (escaped) when there are none."""
        return self.join(self.role, role_ids, empty)

    def crisis_posting(self) -> Markup:
        """Who may still publish in crisis mode (answers.crisis_posting_text), the roles linked."""
        return Markup(crisis_posting_text(self.index.playbook, lambda r: str(self.role(r))))

    def severity(self, severity_id: str) -> Markup:
        return self._link(self.index.severities[severity_id].name, paths.severity(severity_id))

    def account(self, account_id: str) -> Markup:
        return self._link(self.index.accounts[account_id].name, f"{paths.ACCOUNTS}#{account_id}")

    def platform(self, platform_id: str) -> Markup:
        return self._link(self.index.platforms[platform_id].name, paths.platform(platform_id))

    def person(self, person_id: str) -> Markup:
        """A person's entry on the People page."""
        return self._link(self.index.people[person_id].name, f"{paths.PEOPLE}#{person_id}")

    def people(self, person_ids: Iterable[str], empty: str = "nobody") -> Markup:
        return self.join(self.person, person_ids, empty)

    def team(self, team_id: str) -> Markup:
        return self._link(self.index.teams[team_id].name, paths.team(team_id))

    def module(self, module_id: str) -> Markup:
        return self._link(self.index.modules[module_id].title, paths.module(module_id))

    def tier(self, tier_id: str) -> Markup:
        return self._link(self.index.tiers[tier_id].name, f"{paths.ACCOUNTS}#tier-{tier_id}")

    def action(self, action_id: str) -> Markup:
        return self._link(self.index.actions[action_id].name, f"{paths.ESCALATION}#action-{action_id}")

    @staticmethod
    def join(make: Callable[[str], Markup], ids: Iterable[str], empty: str = "none") -> Markup:
        made = [make(item_id) for item_id in ids]
        return Markup(", ".join(made)) if made else escape_plain(empty)


def minutes(n: int | None) -> Markup:
    """A duration as people say it: 2 days, 4 h, 1 h 30 min, 45 min (a level below the major
    incident threshold may have none)."""
    if n is None:
        return Markup("no deadline")
    return Markup(duration_text(n))
