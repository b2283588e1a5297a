"""The handbook for readers outside the team: `playbook build --public`.

A handbook may be published on the open web. A public build renders the same policy with
every channel marked `internal` left out and people's names replaced by "Team member N", so
a phone number or a colleague's name meant for the team never reaches a public page, the
checker's rules or the search index. Every page is rendered from the redacted copy, so no
template has to remember to hide anything.
"""

from __future__ import annotations

from typing import Any

from ..load.model import Playbook


def public_playbook(playbook: Playbook) -> Playbook:
    """A copy of the policy with internal channels, people's names and their contact details removed."""
    data = _without_internal(playbook.model_dump(mode="json", by_alias=True, exclude_unset=True))
    for number, person in enumerate(data.get("roster", []), start=1):
        person["name"] = f"Team member {number}"
        # A person's own contact details and forge handle have no `internal` flag: a public handbook has none.
        person.pop("contact", None)
        person.pop("forge_handle", None)
    return Playbook.model_validate({**data, "sources": playbook.sources})


def _without_internal(value: Any) -> Any:
    """The value with every channel marked internal dropped, wherever channels are listed
    (roles, people, rotations, ladder steps...), so a new place for channels needs no change here."""
    if isinstance(value, dict):
        return {key: ([c for c in item if not c.get("internal")] if key == "channels" and isinstance(item, list)
                      else _without_internal(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_internal(item) for item in value]
    return value
