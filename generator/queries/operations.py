"""Everyday operations: how much each account posts, who watches its inbox and how often, and
the duties a role does on a rhythm. Each is decided here once (an account's own numbers, else
its platform's, never a number the policy does not give) and worded here once, so the
account, platform and role pages, the pocket card, the checker's rules and `playbook sweep`
say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..model import Account, Duty, Inbox, Playbook, Role, Trigger, Venue, Volume
from .shifts import minutes, oncall, reference_zone

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


def _at(times: list[str]) -> str:
    return f" (at {', '.join(times)})" if times else ""


def rounds_text(inbox: Inbox, zone: str | None = None) -> str:
    """'3 times each business day (at 09:00, 13:00, 17:00), once a day at weekends': what the
    policy says, and that it does not say how often where it is silent. `zone` (a zone name, or
    words such as "each account's own time zone") says where the times are read."""
    business, weekend = inbox.rounds_on(weekend=False), inbox.rounds_on(weekend=True)
    weekday = (f"{_times(business)} each business day{_at(inbox.at)}" if business
               else "how often on business days: not set")
    if weekend is None:
        text = f"{weekday} (weekends: not set)"
    else:
        text = f"{weekday}, {'not at weekends' if weekend == 0 else _times(weekend) + ' a day at weekends'}"
        text += _at(inbox.weekend_at) if weekend else ""
    if zone and (inbox.at or inbox.weekend_at):
        text += f", {zone} time" if "/" in zone or zone == "UTC" else f", in {zone}"
    return text


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


def inbox_text(playbook: Playbook, inbox: Inbox, zone: str | None = None) -> str:
    """'mentions, DMs: checked by Community Manager 3 times each business day, ...'."""
    who = ", ".join(playbook.role(r).name for r in inbox.checked_by)
    return f"{', '.join(inbox.sources)}: checked by {who} {rounds_text(inbox, zone)}"


@dataclass(frozen=True)
class Round:
    """One inbox a role watches, for its page and pocket card."""

    account: Account
    platform: str  # its name: one handle may live on several platforms
    inbox: Inbox
    zone: str  # the zone its round times are read in

    @property
    def name(self) -> str:
        """'the @NorthwindHelp (X) inbox (mentions, DMs)'."""
        return f"the {self.account.handle} ({self.platform}) inbox ({', '.join(self.inbox.sources)})"

    @property
    def text(self) -> str:
        """The card's line: 'check the @NorthwindHelp (X) inbox (mentions, DMs) 3 times each business day'."""
        return f"check {self.name} {rounds_text(self.inbox, self.zone)}"

    @property
    def sentence(self) -> str:
        return "C" + self.text[1:]


def inbox_zone(playbook: Playbook, account: Account, inbox: Inbox) -> str:
    """The zone an inbox's round times are in: its own, else the account's posting hours', else
    the handbook's reference zone (the one the on-shift page states times in)."""
    if inbox.timezone:
        return inbox.timezone
    return account.posting_hours.timezone if account.posting_hours else reference_zone(playbook)


def all_rounds(playbook: Playbook) -> list[Round]:
    """Every watched inbox of the team's own accounts, in the accounts' order."""
    found = []
    for account in playbook.accounts:
        inbox = inbox_of(playbook, account)
        if inbox is not None and account.run_elsewhere is None and account.run_by is None:
            found.append(Round(account, playbook.platform(account.platform).name, inbox,
                               inbox_zone(playbook, account, inbox)))
    return found


def rounds_for(playbook: Playbook, role: Role) -> list[Round]:
    """The inboxes this role checks, in the accounts' order."""
    return [r for r in all_rounds(playbook) if role.id in r.inbox.checked_by]


@dataclass(frozen=True)
class Due:
    """Where an inbox's rounds stand at a moment: how many today, which is next, who is on."""

    round: Round
    weekend: bool
    count: int | None  # rounds today; None: the policy does not say
    times: tuple[str, ...]  # today's round times (HH:MM in round.zone); empty: not set
    next_time: str | None  # the first of them not yet past; None: none left today (or no times)
    on: dict[str, tuple[str, ...]]  # role id -> person ids on shift now, for each role that checks it

    def text(self, names: dict[str, str]) -> str:
        """'3 rounds today (business day), next at 13:00 Europe/London time; Community Manager: Ana'."""
        today = today_label(self.round.inbox, self.weekend)
        if self.times and self.count:
            today += ", " + (NEXT_ROUND.format(time=self.next_time, zone=self.round.zone) if self.next_time
                             else NONE_LEFT)
        who = "; ".join(f"{names[r]}: {', '.join(names[p] for p in people) or NOBODY_ON}"
                        for r, people in self.on.items())
        return f"{today}; {who}"


# The changing parts of a round's line, worded once: `playbook oncall` fills them in here and the
# on-shift page's script fills the same words in the reader's browser.
NEXT_ROUND = "next at {time} {zone} time"
NONE_LEFT = "none left today"
NOBODY_ON = "nobody on shift"


def today_label(inbox: Inbox, weekend: bool) -> str:
    """'3 rounds today (business day), times not set' / 'no rounds today (weekend)'."""
    count = inbox.rounds_on(weekend)
    kind = "weekend" if weekend else "business day"
    if count == 0:
        return f"no rounds today ({kind})"
    if count is None:
        return f"rounds today ({kind}): how many is not set"
    label = f"{count} round{'' if count == 1 else 's'} today ({kind})"
    times = inbox.weekend_at if weekend else inbox.at
    return label if times else label + ", times not set"


def rounds_due(playbook: Playbook, at: dt.datetime) -> list[Due]:
    """Every watched inbox's standing at `at`, read in the inbox's own zone (a weekend in London
    can be a business day in Sydney): the page and `playbook oncall` say the same."""
    checkers = sorted({r for rnd in all_rounds(playbook) for r in rnd.inbox.checked_by})
    on = oncall(playbook, at, checkers) if checkers else {}
    found = []
    for rnd in all_rounds(playbook):
        local = at.astimezone(ZoneInfo(rnd.zone))
        weekend = local.weekday() >= 5
        times = tuple(sorted(rnd.inbox.weekend_at if weekend else rnd.inbox.at, key=minutes))
        now = local.hour * 60 + local.minute
        upcoming = [t for t in times if minutes(t) >= now]
        found.append(Due(rnd, weekend, rnd.inbox.rounds_on(weekend), times, upcoming[0] if upcoming else None,
                         {r: tuple(on[r].on) for r in rnd.inbox.checked_by}))
    return found


def duties_by_period(role: Role) -> list[tuple[str, list[Duty]]]:
    """("Every day", [...]), ("Every week", [...]) ... in that order, only periods with a duty."""
    return [(EVERY[period], [d for d in role.duties if d.every == period])
            for period in PERIODS if any(d.every == period for d in role.duties)]
