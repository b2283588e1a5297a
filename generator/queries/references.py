"""Every reference in a policy, found through the model's types instead of a hand-kept list.

A field typed as a reference (`RoleRef`, `SeverityRef`, ... in model.py) carries a `Ref`
marker in its annotation. Walking the model instances alongside their fields' annotations
finds every such field, however deeply nested or listed, so a reference field added to the
model is checked without being named here or in the cross-file check.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..model import LocalRef, Playbook, Ref

Found = tuple[tuple[Any, ...], str, Ref]  # path inside the walked value, the id, its marker
Reader = Callable[[Any, tuple[Any, ...], list[Found]], None]  # appends the references in a value


class Reference(NamedTuple):
    """One id that names another entity, located the way `Origins.at` takes it: a list
    section's item by its merged index, a single section with index None."""

    section: str
    item: int | None  # (not `index`: a tuple already has an index method)
    path: tuple[Any, ...]
    value: str
    ref: Ref

    @property
    def kind(self) -> str:
        return self.ref.kind


def walk_references(playbook: Playbook, connecting: bool = False) -> Iterator[Reference]:
    """Every reference in the policy, in the model's field order; with `connecting`, only the
    role references that connect a role to the team (the walk then skips every field that
    can hold none, which the orphan-role check on a large policy notices)."""
    for name, key, reader in _plan(Playbook, connecting):
        value = getattr(playbook, name)
        found: list[Found] = []
        reader(value, (), found)
        for path, text, ref in found:
            if isinstance(value, list):
                yield Reference(key, path[0], path[1:], text, ref)
            else:
                yield Reference(key, None, path, text, ref)


def field_marker(info: FieldInfo) -> Ref | LocalRef | None:
    """The reference marker of a field, wherever its type holds it (plain, optional or a list)."""
    return _marker(field_type(info))


def _marker(annotation: Any) -> Ref | LocalRef | None:
    """The outermost marker in the type, looking through Optional, unions and lists."""
    if typing.get_origin(annotation) is typing.Annotated:
        found = next((m for m in annotation.__metadata__ if isinstance(m, (Ref, LocalRef))), None)
        if found is not None:
            return found
    return next((m for arg in typing.get_args(annotation) if (m := _marker(arg)) is not None), None)


def field_type(info: FieldInfo) -> Any:
    """The field's whole type: pydantic moves a plain field's Annotated metadata (where a
    reference's marker sits) out of `annotation` into `metadata`."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


# Reading a value by its type. Each field's type is turned into a reader once per model
# class (and selection): interpreting the annotations again for every value made a walk of
# a 1000-role policy twice as slow. A type that can hold no selected reference gets no
# reader, so vocabulary, voice and training are never visited.


@cache
def _plan(model: type[BaseModel], connecting: bool) -> tuple[tuple[str, str, Reader], ...]:
    """(attribute, key as written in YAML, reader) of the fields that can hold a selected reference."""
    fields = ((name, info.alias or name, _reader(field_type(info), connecting))
              for name, info in model.model_fields.items() if not info.exclude)  # not `reviews`: reviews.py's
    return tuple((name, key, reader) for name, key, reader in fields if reader is not None)


def _reader(annotation: Any, connecting: bool) -> Reader | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        marker = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)
        if marker is None:
            return _reader(annotation.__origin__, connecting)
        return _read_reference(marker) if marker.connects or not connecting else None
    if origin in (typing.Union, types.UnionType):
        return _read_union(typing.get_args(annotation), connecting)
    if origin is list:
        return _read_list(typing.get_args(annotation)[0], connecting)
    if origin is dict:
        return _read_values(typing.get_args(annotation)[1], connecting)
    if _is_model(annotation) and _plan(annotation, connecting):
        return _read_model(annotation, connecting)
    return None


def _read_reference(marker: Ref) -> Reader:
    def read(value: Any, path: tuple[Any, ...], out: list[Found]) -> None:
        if isinstance(value, str) and value not in marker.words:
            out.append((path, value, marker))
    return read


def _read_list(item_annotation: Any, connecting: bool) -> Reader | None:
    item = _reader(item_annotation, connecting)
    if item is None:
        return None

    def read(value: Any, path: tuple[Any, ...], out: list[Found]) -> None:
        for j, element in enumerate(value):
            item(element, (*path, j), out)
    return read


def _read_values(item_annotation: Any, connecting: bool) -> Reader | None:
    """A mapping's values, each at its key (packs.override: entry id -> what it changes)."""
    item = _reader(item_annotation, connecting)
    if item is None:
        return None

    def read(value: Any, path: tuple[Any, ...], out: list[Found]) -> None:
        for key, element in value.items():
            item(element, (*path, key), out)
    return read


def _read_union(arms: tuple[Any, ...], connecting: bool) -> Reader | None:
    """A value is read by the first arm it fits (a crisis scope's "all" by the Literal arm,
    which holds no reference; its list of account ids by the list arm)."""
    readers = [(_fits(arm), _reader(arm, connecting)) for arm in arms]
    if all(reader is None for _, reader in readers):
        return None

    def read(value: Any, path: tuple[Any, ...], out: list[Found]) -> None:
        for fits, reader in readers:
            if isinstance(value, fits):
                if reader is not None:
                    reader(value, path, out)
                return
    return read


def _read_model(model: type[BaseModel], connecting: bool) -> Reader:
    plan = _plan(model, connecting)

    def read(value: Any, path: tuple[Any, ...], out: list[Found]) -> None:
        for name, key, reader in plan:
            reader(getattr(value, name), (*path, key), out)
    return read


def _fits(arm: Any) -> type:
    """What a value of this arm of a union is an instance of: None, a list, a model, or text
    (an id, or the "all" of a crisis scope)."""
    while typing.get_origin(arm) is typing.Annotated:
        arm = arm.__origin__
    if arm is type(None):
        return type(None)
    if typing.get_origin(arm) is list:
        return list
    return arm if _is_model(arm) else str


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
