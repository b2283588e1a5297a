"""Everyday operations: how much each account posts, who watches its inbox and how often, and
the duties a role does on a rhythm. Each is decided here once (an account's own numbers, else
its platform's, never a number the policy does not give) and worded here once, so the
account, platform and role pages, the pocket card, the checker's rules and `playbook sweep`
say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Account, Duty, Inbox, Playbook, Role, Trigger, Venue, Volume

PERIODS = ("day", "week", "month", "quarter", "year")  # the order duties are listed in
EVERY = {"day": "Every day", "week": "Every week", "month": "Every month", "quarter": "Every quarter",
         "year": "Every year"}


def posting_of(playbook: Playbook, account: Account) -> Volume | None:
    """The account's own posting volume, else its platform's; none on another department's account."""
    if account.runs_elsewhere:
        return account.posting
    return account.posting or playbook.platform(account.platform).posting


def inbox_of(playbook: Playbook, account: Account) -> Inbox | None:
    """The account's own inbox rounds, else its platform's; none on another department's account."""
    if account.runs_elsewhere:
        return account.inbox
    return account.inbox or playbook.platform(account.platform).inbox


def _posts(count: int) -> str:
    return f"{count} post" if count == 1 else f"{count} posts"


def volume_text(volume: Volume) -> str:
    """'3 to 8 posts a day (aim for 5); not counted: repost': only the numbers the policy gives."""
    low, aim, high, per = volume.min, volume.target, volume.max, volume.per
    if low is not None and high is not None:
        text = f"{low} to {_posts(high)} a {per}" if low != high else f"{_posts(low)} a {per}"
    elif high is not None:
        text = f"at most {_posts(high)} a {per}"
    elif low is not None:
        text = f"at least {_posts(low)} a {per}"
    else:
        text = f"about {_posts(aim or 0)} a {per}"
        aim = None
    if aim is not None:
        text += f" (aim for {aim})"
    if volume.not_counted:
        text += f"; not counted: {', '.join(volume.not_counted)}"
    return text


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def rounds_text(inbox: Inbox) -> str:
    """'3 times each business day, once a day at weekends': what the policy says, and that it
    does not say how often where it is silent."""
    weekday = (f"{_times(inbox.times_per_business_day)} each business day" if inbox.times_per_business_day
               else "how often on business days: not set")
    weekend = inbox.times_per_weekend_day
    if weekend is None:
        return f"{weekday} (weekends: not set)"
    return f"{weekday}, {'not at weekends' if weekend == 0 else _times(weekend) + ' a day at weekends'}"


def venue_text(venue: Venue) -> str | None:
    """'3 times a day' for a venue checked on a rhythm; None when the policy does not say."""
    if venue.every is None:
        return None
    return f"{_times(venue.times)} {'an' if venue.every == 'hour' else 'a'} {venue.every}"


def trigger_scope_text(playbook: Playbook, trigger: Trigger) -> str | None:
    """Where a scoped trigger fires, in words ("Instagram, TikTok, Northwind UK on X"), or None
    when it fires on every account: pages, triage and the wizard say it the same way."""
    if not trigger.platforms and not trigger.accounts:
        return None
    accounts = playbook.id_maps["account"]
    return ", ".join([*(playbook.platform(p).name for p in trigger.platforms),
                      *(accounts[a].name for a in trigger.accounts)])


def inbox_text(playbook: Playbook, inbox: Inbox) -> str:
    """'mentions, DMs: checked by Community Manager 3 times each business day, ...'."""
    who = ", ".join(playbook.role(r).name for r in inbox.checked_by)
    return f"{', '.join(inbox.sources)}: checked by {who} {rounds_text(inbox)}"


@dataclass(frozen=True)
class Round:
    """One inbox a role watches, for its page and pocket card."""

    account: Account
    platform: str  # its name: one handle may live on several platforms
    inbox: Inbox

    @property
    def text(self) -> str:
        """The card's line: 'check the @NorthwindHelp (X) inbox (mentions, DMs) 3 times each business day'."""
        return (f"check the {self.account.handle} ({self.platform}) inbox ({', '.join(self.inbox.sources)}) "
                f"{rounds_text(self.inbox)}")

    @property
    def sentence(self) -> str:
        return "C" + self.text[1:]


def rounds_for(playbook: Playbook, role: Role) -> list[Round]:
    """The inboxes this role checks, in the accounts' order."""
    found = []
    for account in playbook.accounts:
        inbox = inbox_of(playbook, account)
        if inbox is not None and role.id in inbox.checked_by:
            found.append(Round(account, playbook.platform(account.platform).name, inbox))
    return found


def duties_by_period(role: Role) -> list[tuple[str, list[Duty]]]:
    """("Every day", [...]), ("Every week", [...]) ... in that order, only periods with a duty."""
    return [(EVERY[period], [d for d in role.duties if d.every == period])
            for period in PERIODS if any(d.every == period for d in role.duties)]
