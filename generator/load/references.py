"""Every reference in a policy, found through the model's types instead of a hand-kept list.

A field typed as a reference (`RoleRef`, `SeverityRef`, ... in model.py) carries a `Ref`
marker in its annotation. Walking the model instances alongside their fields' annotations
finds every such field, however deeply nested or listed, so a reference field added to the
model is checked without being named here or in the cross-file check.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Iterator, NamedTuple

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .model import LocalRef, Playbook, Ref

Found = tuple[tuple[Any, ...], str, Ref]  # path inside the walked value, the id, its marker


class Reference(NamedTuple):
    """One id that names another entity, located the way `Origins.at` takes it: a list
    section's item by its merged index, a single section with index None."""

    section: str
    index: int | None
    path: tuple[Any, ...]
    value: str
    ref: Ref

    @property
    def kind(self) -> str:
        return self.ref.kind


def walk_references(playbook: Playbook) -> Iterator[Reference]:
    """Every reference in the policy, in the model's field order."""
    for name, key, annotation in reference_fields(Playbook):
        value = getattr(playbook, name)
        for path, text, ref in _found(value, annotation, ()):
            if isinstance(value, list):
                yield Reference(key, path[0], path[1:], text, ref)
            else:
                yield Reference(key, None, path, text, ref)


def field_marker(info: FieldInfo) -> Ref | LocalRef | None:
    """The reference marker of a field, wherever its type holds it (plain, optional or a list)."""
    return _marker(_annotation(info), (Ref, LocalRef))


@cache
def reference_fields(model: type[BaseModel]) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, key as written in YAML, annotation) of the fields that can hold a reference,
    directly or nested. Only these are visited, which keeps the walk cheap on large policies
    (vocabulary and training hold none)."""
    fields = ((name, info.alias or name, _annotation(info)) for name, info in model.model_fields.items())
    return tuple(field for field in fields if _marker(field[2], (Ref,)) or _nests_references(field[2]))


def _annotation(info: FieldInfo) -> Any:
    """The field's whole type: pydantic moves a plain field's Annotated metadata (where a
    reference's marker sits) out of `annotation` into `metadata`."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _marker(annotation: Any, kinds: tuple[type, ...]) -> Any:
    """The first marker of one of these kinds anywhere in the type, or None."""
    if typing.get_origin(annotation) is typing.Annotated:
        found = next((m for m in annotation.__metadata__ if isinstance(m, kinds)), None)
        if found is not None:
            return found
    return next((m for arg in typing.get_args(annotation) if (m := _marker(arg, kinds)) is not None), None)


def _nests_references(annotation: Any) -> bool:
    """Whether a model somewhere inside the type has reference fields of its own."""
    if _is_model(annotation):
        return bool(reference_fields(annotation))
    return any(_nests_references(arg) for arg in typing.get_args(annotation))


def _found(value: Any, annotation: Any, path: tuple[Any, ...]) -> Iterator[Found]:
    """The references inside `value`, read as `annotation` types it; `path` leads to `value`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        marker = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)
        if marker is None:
            yield from _found(value, annotation.__origin__, path)
        elif isinstance(value, str):
            yield path, value, marker
    elif origin in (typing.Union, types.UnionType):
        arm = next((arm for arm in typing.get_args(annotation) if _fits(value, arm)), None)
        if arm is not None:
            yield from _found(value, arm, path)
    elif origin is list and isinstance(value, list):
        item = typing.get_args(annotation)[0]
        for j, element in enumerate(value):
            yield from _found(element, item, (*path, j))
    elif isinstance(value, BaseModel):
        for name, key, field_annotation in reference_fields(type(value)):
            yield from _found(getattr(value, name), field_annotation, (*path, key))


def _fits(value: Any, arm: Any) -> bool:
    """Whether a value is of this arm of a union: the arm to read it by (None, a list, a model,
    or text such as an id or the "all" of a crisis scope)."""
    while typing.get_origin(arm) is typing.Annotated:
        arm = arm.__origin__
    if arm is type(None):
        return value is None
    if typing.get_origin(arm) is list:
        return isinstance(value, list)
    if _is_model(arm):
        return isinstance(value, arm)
    return isinstance(value, str)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
