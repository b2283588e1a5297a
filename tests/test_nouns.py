"""One table of entity nouns (generator/read/nouns.py, issue 24): the model's reference kinds,
the names in messages and the cross-check's duplicate ids all read it, so they cannot disagree."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from generator.lint import crosscheck
from generator.model import KINDS, Playbook
from generator.read import naming
from generator.read.nouns import NOUNS, noun_of


def lists_of_models(cls: type[BaseModel], path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every list of models the policy can hold, as its keys from the root."""
    found: set[tuple[str, ...]] = set()
    for name, info in cls.model_fields.items():
        if info.exclude:
            continue
        for kind in (info.annotation, *typing.get_args(info.annotation)):
            inner: Any = typing.get_args(kind)[0] if typing.get_origin(kind) is list else kind
            if isinstance(inner, type) and issubclass(inner, BaseModel) and (*path, name) not in found:
                if inner is not kind:
                    found.add((*path, name))
                if len(path) < 4:
                    found |= lists_of_models(inner, (*path, name))
    return found


def test_every_list_of_entities_has_a_noun():
    """A list added to the model must say here what one item is called."""
    missing = sorted(".".join(p) for p in lists_of_models(Playbook) if noun_of(p) is None)
    assert missing == []


def test_the_reference_kinds_are_the_tables_and_point_at_lists():
    assert {k: (v.name, v.where) for k, v in KINDS.items()} == {n.kind: (n.noun, n.where) for n in NOUNS if n.kind}
    lists = lists_of_models(Playbook)
    assert all(kind.where in lists for kind in KINDS.values())


def test_messages_and_duplicate_ids_use_the_same_nouns():
    data = {"process": {"milestones": [{"id": "day-1"}]}, "onboarding": [{"role": "w", "milestones": [{"id": "x"}]}]}
    assert naming.name_at(data, ("process", "milestones", 0, "name")) == "process, onboarding milestone 'day-1', name"
    assert naming.name_at(data, ("onboarding", 0, "milestones", 0, "modules")) == \
        "onboarding path for 'w', milestone 'x', modules"
    assert {noun_of((s,)) for s in crosscheck.ID_SECTIONS} >= {"sensitive date", "watchlist event", "rotation"}
    assert not hasattr(naming, "NOUNS") and not hasattr(crosscheck, "SINGULAR")
