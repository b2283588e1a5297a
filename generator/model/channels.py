"""Contact channels (a role's, a rotation's, a person's): a free label plus a value, and the
link a value becomes only when it is safe to click."""

from __future__ import annotations

import re
from enum import Enum

from pydantic import Field, model_validator

from .common import ShortText, Strict

# What a channel's value must look like to become a link (Channel.href); anything else stays text.
_DIAL_PUNCTUATION = re.compile(r"[\s().\-/]")  # what people type between digits: +44 (0)20 7946-0000


_DIALABLE = re.compile(r"\+?[0-9]{3,20}")


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+")


_WEB_LINK = re.compile(r"(?i)https?://[A-Za-z0-9\-._~%!$&'()*+,;=:@/?#]+")  # no space, quote, <>, [] or backslash


class ChannelKind(str, Enum):
    chat = "chat"
    phone = "phone"
    pager = "pager"
    email = "email"
    url = "url"
    other = "other"


class Channel(Strict):
    """One way to reach a role, a rotation or a person: free label plus value."""

    label: ShortText = Field(description="What it is, as the team says it, e.g. Crisis room or On-call phone.")
    value: ShortText = Field(description="The address: a chat channel, number, pager id, email or link.")
    kind: ChannelKind = Field(default=ChannelKind.other,
                              description="chat, phone, pager, email, url or other (how the value is read).")
    internal: bool = Field(
        default=False, description="Only for the team: `playbook build --public` leaves it out of the handbook.")
    public: bool = Field(
        default=False, description="A person's channel reaches the public handbook (`--public`) only with "
                                   "`public: true`, the person's explicit choice; roles' and rotations' channels "
                                   "are public unless `internal: true`.")

    @model_validator(mode="after")
    def _internal_or_public(self) -> Channel:
        if self.internal and self.public:
            raise ValueError("a channel is either internal or public, not both; "
                             "remove 'internal: true' or 'public: true'")
        return self

    @property
    def href(self) -> str | None:
        """Where a click on the value goes, or None when it stays text: a phone or pager number
        dials (`tel:`), an email writes (`mailto:`), a URL or chat link opens only when it is
        http(s), so no `javascript:` or `data:` value a policy editor types can become a link."""
        value = self.value.strip()
        if self.kind in (ChannelKind.phone, ChannelKind.pager):
            number = _DIAL_PUNCTUATION.sub("", value.replace("(0)", "") if value.startswith("+") else value)
            return f"tel:{number}" if _DIALABLE.fullmatch(number) else None
        if self.kind is ChannelKind.email:
            return f"mailto:{value}" if _EMAIL.fullmatch(value) else None
        if self.kind in (ChannelKind.url, ChannelKind.chat):
            allowed = ("http", "https") if self.kind is ChannelKind.url else ("https",)
            if not _WEB_LINK.fullmatch(value) or value.split(":", 1)[0].lower() not in allowed:
                return None
            return value.replace("(", "%28").replace(")", "%29")  # the same address, safe inside Markdown's (...)
        return None
