"""The handbook for readers outside the team: `--public` on `build`, `bundle` and `generate`.

A handbook may be published on the open web. A public build renders the same policy with
every channel marked `internal` left out and people made anonymous: each person's name
becomes "Team member N" and their id `member-N` (in roster order; an id is usually a
name, and it shows in links, calendar files, the checker's rules and the search index),
every reference to a person is rewritten to match, and their own contact details and forge
handle are dropped. Every page is rendered from the redacted copy, so no template has to
remember to hide anything. The change history is filtered the same way: changes to the
roster, and to any field that names people, stay out of a public site.

Free text (a training record's `note`, a role's description) is published as written: the
README asks policy editors to keep names out of it.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..diff.changes import Change
from ..diff.history import History, View
from ..model import KINDS, Playbook, Ref
from ..queries.references import field_marker, field_type, walk_references

PERSON = "person"


def public_playbook(playbook: Playbook) -> Playbook:
    """A copy of the policy with internal channels removed and people anonymous (see the module's docstring)."""
    data = _without_internal(playbook.model_dump(mode="json", by_alias=True, exclude_unset=True))
    neutral = {person.id: f"member-{number}" for number, person in enumerate(playbook.roster, start=1)}
    for reference in walk_references(playbook):
        if reference.kind == PERSON:
            _replace(data, reference.section, reference.item, reference.path, neutral[reference.value])
    for number, person in enumerate(data.get("roster", []), start=1):
        person["id"] = f"member-{number}"
        person["name"] = f"Team member {number}"
        # A person's channels reach a public handbook only by their explicit `public: true`; their
        # contact details and forge handle have no such flag, so a public handbook has none.
        person["channels"] = [c for c in person.get("channels", []) if c.get("public")]
        person.pop("contact", None)
        person.pop("forge_handle", None)
    return Playbook.model_validate({**data, "sources": playbook.sources})


def _replace(data: dict[str, Any], section: str, item: int | None, path: tuple[Any, ...], value: str) -> None:
    """Set the id at a reference's location (as walk_references gives it) in the dumped policy."""
    where: Any = data[section] if item is None else data[section][item]
    for step in path[:-1]:
        where = where[step]
    where[path[-1]] = value


def _without_internal(value: Any) -> Any:
    """The value with every channel marked internal dropped, wherever channels are listed
    (roles, people, rotations, ladder steps...), so a new place for channels needs no change here."""
    if isinstance(value, dict):
        return {key: ([c for c in item if not c.get("internal")] if key == "channels" and isinstance(item, list)
                      else _without_internal(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_internal(item) for item in value]
    return value


# Every version of the policy is seen through public_playbook before the history compares
# them, so a change to an internal channel (or a person's private one) is no change at all.
PUBLIC_VIEW = View("public", public_playbook)


def public_history(history: History) -> History:
    """The change history without what would name people: changes to the roster itself, and
    changes to a field that holds person ids (a rotation's members), whose text names them.
    Read from the model's reference markers, so a new person field is left out unchanged.
    (Internal channels never reach it: the history compares PUBLIC_VIEW's copies.)"""
    fields = _person_fields()
    roster = KINDS[PERSON].where[-1]

    def personal(change: Change) -> bool:
        section = change.entity.split(":", 1)[0].split(".")[0]
        return section == roster or (section, change.field) in fields

    return History(tuple(dataclasses.replace(release, diff=dataclasses.replace(
        release.diff, changes=tuple(c for c in release.diff.changes if not personal(c))))
        for release in history.releases), history.notes)


@cache
def _person_fields() -> frozenset[tuple[str, str]]:
    """(section of the policy, field name) of every model field that holds person ids."""
    found: set[tuple[str, str]] = set()
    for section, info in Playbook.model_fields.items():
        seen: set[type[BaseModel]] = set()
        pending = _models_in(field_type(info))
        while pending:
            model = pending.pop()
            if model in seen:
                continue
            seen.add(model)
            for name, field in model.model_fields.items():
                marker = field_marker(field)
                if isinstance(marker, Ref) and marker.kind == PERSON:
                    found.add((info.alias or section, field.alias or name))
                pending.extend(_models_in(field_type(field)))
    return frozenset(found)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a type holds, through Optional, unions, lists, dicts and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]
