"""holding-statements.yaml: ready-made statements for when we cannot say more yet."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .common import Id, PlatformRef, RoleRef, ShortText, Strict, Text


class HoldingStatement(Strict):
    id: Id
    name: ShortText = Field(description="A short name for the statement.")
    text: Text = Field(description="The statement, ready to post.")
    owner: RoleRef = Field(description="A role id.")
    expires: dt.date | None = Field(
        default=None, description="When the wording must be reviewed (YYYY-MM-DD); none for a canned reply "
        "that does not lapse.")
    platforms: list[PlatformRef] = Field(default_factory=list, description="Platform ids (empty: all).")
