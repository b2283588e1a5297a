"""teams.yaml: teams or brands that group roles and accounts."""

from __future__ import annotations

from pydantic import Field

from .channels import Channel
from .common import Id, ShortText, Strict, Text


class Team(Strict):
    id: Id
    name: ShortText = Field(description="The team's or brand's name.")
    description: Text | None = Field(default=None, description="What the team does.")
    channels: list[Channel] = Field(
        default_factory=list, description="How a reader reaches the team: its chat channel, email, ticket "
        "queue (shown on the team's page and wherever an account it runs is listed).")
