"""Every field that holds another entity's id is declared as a reference, and every declared
reference is checked: an unknown id planted in it gets its "unknown ..." error.

The fields are found by reading the models, never listed here, so a reference field added
to model.py without a reference type fails the first test, and one the walker misses fails
the planting test.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, StringConstraints

from conftest import example_with_news
from generator import model
from generator.lint import crosscheck
from generator.lint.loader import load_playbook
from generator.model import ID_PATTERN, KINDS, LIST_SECTIONS, LocalRef, Playbook, PlaybookFile, Ref
from generator.model.shape import model_at
from generator.queries.references import field_marker, field_type, walk_references

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 1, 1)
PLANTED = "zz-planted-id"

# Field names that say "this holds an id of something else".
ID_NAMES = {
    "owner", "policy_owner", "role", "roles", "approver", "approvers", "team", "teams", "platform", "platforms",
    "account", "accounts", "tier", "tiers", "severity", "min_severity", "ladder", "ladders", "actions",
    "backups", "training", "module", "modules", "notify", "may_post", "scope", "reports_to", "escalates_to",
    "holding_statement", "holding_statements", "correct", "choice", "choices", "person", "people",
}
ID_SUFFIXES = ("_by", "_to", "_id", "_ids", "_owner", "_role", "_roles")


def reachable_models(root: type[BaseModel] = Playbook) -> list[type[BaseModel]]:
    """Every model the policy is made of, found from its root, in the order met."""
    seen: list[type[BaseModel]] = [root]
    for current in seen:
        for info in current.model_fields.values():
            for found in _models_in(info.annotation):
                if found not in seen:
                    seen.append(found)
    return seen


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _leaves(annotation: Any, metadata: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """(type, its Annotated metadata) of every scalar a field can hold, through Optional and lists."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _leaves(annotation.__origin__, (*metadata, *annotation.__metadata__))
    elif origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            yield from _leaves(arg, () if origin is list else metadata)
    elif annotation is not type(None):
        yield annotation, metadata


def _is_text(leaf: Any) -> bool:
    return leaf is str or typing.get_origin(leaf) is typing.Literal


def _is_plain_id(metadata: tuple[Any, ...]) -> bool:
    return any(isinstance(m, StringConstraints) and m.pattern == ID_PATTERN for m in metadata)


def _fields() -> Iterator[tuple[type[BaseModel], str, Any]]:
    for cls in reachable_models():
        for name, info in cls.model_fields.items():
            yield cls, name, info


def says_it_holds_an_id(name: str, info: Any) -> bool:
    """By its name, or by its type (an id that is not the model's own)."""
    leaves = list(_leaves(field_type(info)))
    if not leaves or not all(_is_text(leaf) for leaf, _ in leaves):
        return False  # models, numbers, dates, enums: not an id
    if name == "id":
        return False
    return name in ID_NAMES or name.endswith(ID_SUFFIXES) or any(_is_plain_id(m) for _, m in leaves)


def declared_references() -> list[tuple[type[BaseModel], str, Ref]]:
    return [(cls, name, marker) for cls, name, info in _fields() if isinstance(marker := field_marker(info), Ref)]


# --------------------------------------------------------------------------- declarations


def test_every_field_that_holds_an_id_is_a_declared_reference():
    undeclared = [f"{cls.__name__}.{name}" for cls, name, info in _fields()
                  if says_it_holds_an_id(name, info) and field_marker(info) is None]
    assert not undeclared, (f"{undeclared} hold ids but are typed as plain ids: type them as a reference "
                            "(RoleRef, SeverityRef, ... in generator/model/) so the cross-check sees them")


def test_the_heuristic_sees_every_declared_reference():
    """Guards the test above: if the name and type rules missed a declared reference, they
    would miss an undeclared one like it too."""
    declared = {(cls, name) for cls, name, info in _fields() if field_marker(info) is not None}
    seen = {(cls, name) for cls, name, info in _fields() if says_it_holds_an_id(name, info)}
    assert declared <= seen and len(declared) >= 30


def test_own_ids_are_not_references():
    assert all(field_marker(info) is None for _, name, info in _fields() if name == "id")


def test_every_reference_validates_as_an_id():
    for cls, name, _ in declared_references():
        leaves = [(leaf, m) for leaf, m in _leaves(field_type(cls.model_fields[name])) if leaf is str]
        assert leaves and all(_is_plain_id(m) for _, m in leaves), f"{cls.__name__}.{name}"


def test_every_kind_names_a_list_of_entities_with_ids_and_is_used():
    for kind, spec in KINDS.items():
        annotation: Any = Playbook
        for step in spec.where:
            annotation = annotation.model_fields[step].annotation
        assert typing.get_origin(annotation) is list, kind
        item = typing.get_args(annotation)[0]
        assert "id" in item.model_fields and field_marker(item.model_fields["id"]) is None, kind
    assert {marker.kind for _, _, marker in declared_references()} == set(KINDS)


def test_local_references_name_a_sibling_list_and_have_their_own_check():
    local = [(cls, name, marker) for cls, name, info in _fields() if isinstance(marker := field_marker(info), LocalRef)]
    for cls, _, marker in local:
        owner = cls
        if marker.via is not None:  # the list is on the onboarding path the sibling reference names
            assert isinstance(field_marker(cls.model_fields[marker.via]), Ref)
            owner = model.OnboardingPath
        among = owner.model_fields[marker.among].annotation
        assert typing.get_origin(among) is list and "id" in typing.get_args(among)[0].model_fields
    # The quiz check (crosscheck) and the progress check (training._progress) are the only checks
    # of local references: a new one needs its own.
    assert sorted((cls.__name__, name) for cls, name, _ in local) == [("ProgressReport", "milestones_done"),
                                                                      ("Question", "correct")]


def test_every_list_section_with_ids_is_checked_for_duplicates():
    with_ids = {s for s in LIST_SECTIONS
                if "id" in typing.get_args(Playbook.model_fields[s].annotation)[0].model_fields}
    assert with_ids == set(crosscheck.ID_SECTIONS)


# --------------------------------------------------------------------------- planting


@pytest.fixture(scope="module")
def example_data() -> dict[str, Any]:
    """The example policy as one plain document, to plant ids in."""
    loaded = load_playbook(example_with_news(), TODAY)  # the news: the example's own watchlist is empty
    assert loaded.playbook is not None, loaded.report.format_text()
    return loaded.playbook.model_dump(mode="json", by_alias=True)


def first_instance(data: Any, cls: type[BaseModel], loc: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Where the first mapping that `cls` validates sits in the document."""
    if isinstance(data, dict) and model_at(PlaybookFile, loc) is cls:
        return loc
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = first_instance(value, cls, (*loc, key))
        if found is not None:
            return found
    return None


def write_sections(folder: Path, document: dict[str, Any]) -> Path:
    """One file per section, as JSON (which is YAML) with every value on its own line. Small
    files keep the test quick: a located error re-reads only its own file for positions."""
    folder.mkdir()
    for section, value in document.items():
        text = json.dumps({section: value}, indent=1, ensure_ascii=False)
        (folder / f"{section}.yaml").write_text(text, encoding="utf-8")
    return folder


def planted(info: Any) -> Any:
    """An unknown id, as a one-item list where the field takes a list."""
    holds_list = any(typing.get_origin(arm) is list for arm in (info.annotation, *typing.get_args(info.annotation)))
    return [PLANTED] if holds_list else PLANTED


@pytest.mark.parametrize("cls, name, marker", declared_references(),
                         ids=[f"{cls.__name__}.{name}" for cls, name, _ in declared_references()])
def test_an_unknown_id_in_every_reference_field_is_reported(tmp_path, example_data, cls, name, marker):
    loc = first_instance(example_data, cls)
    assert loc is not None, f"the example playbook has no {cls.__name__} to plant a reference in"
    node = copy.deepcopy(example_data)
    target = node
    for step in loc:
        target = target[step]
    info = cls.model_fields[name]
    target[info.alias or name] = planted(info)
    folder = write_sections(tmp_path / "playbook", node)

    report = load_playbook(folder, TODAY).report
    expected = f"unknown {KINDS[marker.kind].name} '{PLANTED}'"
    hits = [d for d in report.errors if d.message.endswith(": " + expected)]  # after the entity's name
    assert len(hits) == 1, report.format_text()
    line = (folder / Path(hits[0].file).name).read_text(encoding="utf-8").splitlines()[hits[0].line - 1]
    assert f'"{PLANTED}"' in line, (hits[0], line)


def test_the_connecting_walk_is_the_full_walk_filtered():
    """The orphan-role check walks only the connecting references: the same ones, found faster."""
    playbook = load_playbook(ROOT / "playbook", TODAY).playbook
    every = list(walk_references(playbook))
    assert list(walk_references(playbook, connecting=True)) == [r for r in every if r.ref.connects]
    names = {next(step for step in reversed(r.path) if isinstance(step, str)) for r in every if r.ref.connects}
    assert names >= {"owner", "reports_to", "approvers", "notify"}
