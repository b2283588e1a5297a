"""What every page producer shares: the page and site records, and the rendering context.

Kept apart from site.py (which lists the producers) so that a page module can import these
without importing the list that imports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..diff.changes import Change
from ..diff.history import History
from ..lint.reviews import FileOwner, ReviewState, file_owners, review_states
from ..model import Account, Category, Duty, Platform, Playbook, ReachTier, Role, Severity, Venue
from ..queries import paths
from ..queries.answers import (
    EffectiveLimit,
    Requirement,
    acknowledge_phrase,
    approvals_for,
    deadline_phrase,
    deadline_text,
    effective_limits,
    tiers_in_order,
)
from ..queries.crisis_plan import paused_lines, plan_steps_for
from ..queries.media import media_spec, platform_lines, spec_lines
from ..queries.operations import (
    Round,
    duties_by_period,
    inbox_of,
    inbox_text,
    inbox_zone,
    posting_of,
    rounds_for,
    venue_text,
    volume_text,
)
from ..read.origins import Origins
from .escape import escape_plain
from .links import Links, minutes
from .relations import Index
from .tracking import Recorder, current, recording


@dataclass(frozen=True)
class Page:
    """A Markdown page, or (when `path` does not end in .md) a static asset such as JS, CSS or JSON.

    Assets ending in .js and .css are added to every page (extra_javascript / extra_css).
    """

    path: str  # from the docs root, e.g. "roles/community/community-manager.md"
    title: str
    markdown: str  # the page's Markdown, or the asset's text
    source: str | None = None  # the YAML file it came from, relative to the project root
    group: str | None = None  # a nav sub-section inside its folder (e.g. the role's team)


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What a page producer needs: the policy, where it came from, and the templates."""

    playbook: Playbook
    origins: Origins
    env: Any
    project_root: Path
    lookup: dict[Any, Any] = field(default_factory=dict)
    today: dt.date | None = None  # the build's day, to say which reviews are overdue (None: dates only)
    history: History = field(default_factory=lambda: History(()))  # releases from git tags, newest first

    def render(self, template: str, page_path: str, **values: Any) -> str:
        """Render one template for the page at `page_path` (links are made relative to it)."""
        links = Links(self.index, page_path, self.lookup.setdefault("relative", {}))
        return self.env.get_template(template).render(pb=self.playbook, page_path=page_path, link=links.to,
                                                      links=links, minutes=minutes, paths=paths, ctx=self,
                                                      deadline=deadline_text, deadline_phrase=deadline_phrase,
                                                      acknowledge=acknowledge_phrase,
                                                      **values)

    def limits(self, platform_id: str, account: Account | None = None) -> list[EffectiveLimit]:
        """The effective limits of a platform (or one account on it), computed once per build."""
        key = ("limits", platform_id, account.id if account else None)
        return self.remember(key, lambda: effective_limits(self.playbook, self.playbook.platform(platform_id), account))

    def limits_text(self, platform_id: str, account: Account | None = None) -> Markup:
        """The effective limits as one escaped line, made once per platform or account: every
        page, card and table that states them shows this same line (a pocket card per role
        repeated the loop a thousand times)."""
        def join() -> Markup:
            parts = [escape_plain(limit.text) for limit in self.limits(platform_id, account)]
            link_length = self.link_length(platform_id, account)
            if link_length:
                parts.append(Markup(f"every link counts as {link_length} characters"))
            return Markup("; ").join(parts)

        return self.remember(("limits_text", platform_id, account.id if account else None), join)

    def link_length(self, platform_id: str, account: Account | None = None) -> int | None:
        """How many characters a link counts as there (None: its real length)."""
        own = account.limits.link_length if account else None
        return own if own is not None else self.playbook.platform(platform_id).limits.link_length

    def approvals(self, tier: ReachTier | str | None, categories: Collection[Category | str] = (),
                  severity: Severity | None = None, verify_first: bool = False) -> list[Requirement]:
        """Everything that applies to a post in that situation (see answers.approvals_for)."""
        return approvals_for(self.playbook, tier, categories, severity, verify_first)

    def posting(self, account: Account) -> str | None:
        """The account's posting volume in words (its own, else its platform's), or None."""
        volume = posting_of(self.playbook, account)
        return volume_text(volume) if volume else None

    def inbox(self, account: Account) -> str | None:
        """Who checks the account's inbox, what and how often (its own, else its platform's), or None."""
        inbox = inbox_of(self.playbook, account)
        return inbox_text(self.playbook, inbox, inbox_zone(self.playbook, account, inbox)) if inbox else None

    def venue_rhythm(self, venue: Venue) -> str | None:
        return venue_text(venue)
    def media(self, account: Account) -> list[str]:
        """The account's media specs in lines (its platform's with its own on top; queries/media.py)."""
        spec = media_spec(self.playbook, account)
        return spec_lines(spec) if spec else []

    def plan_steps(self, role: Role) -> list[tuple[str, str]]:
        """The timeline steps the role acts in (crisis_plan.py), for its pocket card."""
        return plan_steps_for(self.playbook, role.id)

    def crisis_paused(self) -> list[str]:
        """What crisis mode pauses, as the banner and the Going dark page say it (crisis_plan.py)."""
        return paused_lines(self.playbook.crisis)

    def media_platform(self, platform: Platform) -> list[str]:
        """The platform's own media specs in lines."""
        return platform_lines(platform)

    def platform_operations(self, platform: Platform) -> list[tuple[str, str]]:
        """(what, in words) for the platform's own posting volume and inbox rounds."""
        found = [("Posting volume", volume_text(platform.posting))] if platform.posting else []
        if platform.inbox:
            found.append(("Inbox", inbox_text(self.playbook, platform.inbox,
                                              platform.inbox.timezone or "each account's own time zone")))
        return found

    def rounds(self, role: Role) -> list[Round]:
        """The inboxes this role checks, and how often."""
        return rounds_for(self.playbook, role)

    def duties(self, role: Role) -> list[tuple[str, list[Duty]]]:
        """The role's recurring duties, grouped by period, every day first."""
        return duties_by_period(role)

    def tiers(self) -> list[ReachTier]:
        """Reach tiers from the smallest audience up, as every table lists them."""
        return self.remember("tiers", lambda: tiers_in_order(self.playbook))

    @property
    def index(self) -> Index:
        """Look-ups by id and who-appears-where, built once and shared by every page."""
        return self.remember("index", lambda: Index(self.playbook))

    def kept(self, page_path: str) -> bool:
        """Whether the preview keeps this page as it was (render/incremental.py): a producer may then
        skip the work of making it. Always False in a build."""
        return False

    def remember(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value computed once per render and shared by every page that asks for it.

        While `playbook serve` records what each page reads (tracking.py), the reads made to
        compute the value are kept with it (made_by) and counted for every page that uses it,
        so a page that only looks a relation up in the shared index still depends on what the
        index was built from.
        """
        recorder = current()
        if key not in self.lookup:
            own = Recorder() if recorder is not None else None
            with recording(own):
                self.lookup[key] = compute()
            self.lookup[("reads", key)] = own
        if recorder is not None:
            recorder.shared.add(key)
        return self.lookup[key]

    def made_by(self, key: Any) -> Recorder | None:
        """The reads that made a shared value (None when nothing was being recorded)."""
        return self.lookup.get(("reads", key))

    def static(self, name: str) -> str:
        """A static file (JS, CSS) from the template folders, unrendered: users may override it too."""
        return self.env.loader.get_source(self.env, name)[0]

    def source_of(self, section: str, index: int | None = None) -> str | None:
        """The YAML file a section (or one of its items) came from, relative to the project root."""
        try:
            shown = self.origins.file_of(section, index)
        except (KeyError, IndexError):
            return None
        sources = self.lookup.setdefault("sources", {})  # resolving paths per page was costly
        if shown not in sources:
            sources[shown] = self._project_relative(shown)
        return sources[shown]

    def reviews(self) -> list[ReviewState]:
        """Every review in the policy, soonest due first, with its file relative to the project."""
        return self.remember("reviews", lambda: [
            replace(state, file=self._project_relative(state.file),
                    what=self._project_relative(state.what) if state.entity is None else state.what)
            for state in review_states(self.playbook, self.origins)])

    def review_of(self, source: str | None) -> ReviewState | None:
        """The review of the YAML file a page came from, for the page's footer."""
        return next((s for s in self.reviews() if s.entity is None and s.file == source), None) if source else None

    def changed_for(self, role_id: str) -> list[Change]:
        """What the latest release changed that names this role (changes for everyone are on
        the "What changed" page, not repeated on every role page)."""
        latest = self.history.latest()
        return [c for c in latest.diff.changes if role_id in c.roles] if latest else []

    def file_owners(self) -> list[FileOwner]:
        """Each policy file (relative to the project) with its owner and second approvers."""
        return [replace(owner, file=self._project_relative(owner.file))
                for owner in file_owners(self.playbook, self.origins)]

    def overdue(self, state: ReviewState) -> bool:
        return self.today is not None and state.due is not None and state.due < self.today

    def _project_relative(self, shown: str) -> str:
        try:
            return Path(shown).resolve().relative_to(self.project_root.resolve()).as_posix()
        except ValueError:
            return Path(shown).name


Producer = Callable[[Context], Iterable[Page]]
