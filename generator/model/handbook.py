"""handbook.yaml: title, version, effective date, owner and the changelog."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .common import ConnectingRoleRef, Markdown, ShortText, Strict, Text


class ChangelogEntry(Strict):
    version: ShortText = Field(description="The policy version this entry describes.")
    date: dt.date = Field(description="When the change took effect (YYYY-MM-DD).")
    changes: list[Text] = Field(min_length=1, description="What changed, one line each.")


UNDATED_WEEK = dt.date(2026, 1, 5)  # a Monday: the coverage week of a policy with no effective date


class Handbook(Strict):
    organisation: ShortText = Field(description="Who the handbook belongs to.")
    title: ShortText = Field(description="The site's title.")
    version: ShortText | None = Field(
        default=None, description='The policy version, shown on every page (quote it: "2.1"); pages say '
        "'not set' without it, and the release history needs it.")
    effective_date: dt.date | None = Field(
        default=None, description="From when this policy applies (YYYY-MM-DD); also the week the coverage "
        "heat-map and shift calendars start from (without it: the week of 2026-01-05).")
    policy_owner: ConnectingRoleRef = Field(description="The role that owns this policy (a role id).")
    review_cycle_months: int | None = Field(
        default=None, gt=0, le=60, description="How often the policy is reviewed, in months (the default "
        "for every 'review:'; without either, a review never comes due).")
    change_approvers: list[ConnectingRoleRef] = Field(
        default_factory=list,
        description="Roles one of whom approves a change to a policy file besides the file's owner (role ids). "
                    "Empty: the policy names no second approver, and the file's owner approves alone.")
    welcome: Markdown | None = Field(default=None, description="Markdown. Shown on the home page under the title.")
    site_url: str | None = Field(default=None, description="Ignored (deprecated): set site_url in mkdocs.yml.")
    changelog: list[ChangelogEntry] = Field(default_factory=list, description="What changed, newest first.")

    @property
    def week_anchor(self) -> dt.date:
        """The day shift patterns are laid on a real calendar (so DST applies as it did that week):
        the effective date, or a fixed Monday when the policy states none (same input, same output)."""
        return self.effective_date or UNDATED_WEEK
