"""Which parts of the policy a piece of rendering read, and which parts an edit changed.

`playbook serve` re-renders only the pages whose inputs changed (incremental.py). A page's
inputs are found by watching it being rendered, not by a list kept by hand: while tracking is
on, every attribute read on a policy model (`role.purpose`, `pb.roles`) is recorded, then
named by a key that survives a reload of the policy:

- `(section, ident, field)` for a field of a top-level list item (ident: its id, or its index
  when it has none) or of a single section (ident None); a read anywhere inside that field's
  value (a sub-model, an item of a nested list) counts as a read of the field;
- `(ROOT, section)` for the policy's own attribute (`pb.roles`: which items exist, in which
  order), and `(ROOT, ANY)` for anything else read on the policy itself (its look-up
  methods and `id_maps`), which changes whenever any section's items change.

`changed_keys` compares two policies with the same keys, so "the pages to redo" is the set of
pages whose recorded keys meet the changed ones. Pydantic compares models field by field,
so a field is changed exactly when its value differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from ..model import Playbook, Strict

ROOT = "<playbook>"
ANY = "<any section>"
Key = tuple[Any, ...]


class Recorder:
    """The reads of one piece of rendering, as (object id, attribute name) until `keys()` names them."""

    def __init__(self) -> None:
        self.reads: set[tuple[int, str]] = set()
        self.extra: set[Key] = set()  # keys already named (a fragment's reads, taken over)
        self.shared: set[Any] = set()  # the shared values used (Context.remember's keys): their reads count too


class _Active:
    """The recorder the model hook writes to (None: not recording). One render runs at a time in a
    process (the preview's watcher), and the hook must be cheap: a class attribute, not a ContextVar."""

    recorder: Recorder | None = None


WHOLE = "*"  # a read of every field at once: model_dump(), ==, hash(), iteration, repr()
_WHOLE_READERS = ("__eq__", "__ne__", "__iter__", "__repr__", "__str__")  # (frozen models hash by
# their own class's __hash__, a lookup that finds a key calls __eq__)


def _recording_getattribute(self: Any, name: str) -> Any:
    value = object.__getattribute__(self, name)
    recorder = _Active.recorder
    if recorder is not None and name[0] != "_":
        # model_dump & co. read the fields inside pydantic-core, past this hook: count them all.
        recorder.reads.add((id(self), WHOLE if name.startswith("model_") else name))
    return value


def _whole_reader(name: str) -> Any:
    original = getattr(BaseModel, name)

    def reader(self: Any, *args: Any) -> Any:
        recorder = _Active.recorder
        if recorder is not None:
            others = [other for other in args if isinstance(other, BaseModel)]
            if name in ("__eq__", "__ne__") and others and _ids_differ(self, others[0]):
                # Two items with different ids are unequal whatever else they hold: the ids decide.
                recorder.reads.update({(id(self), "id"), (id(others[0]), "id")})
            else:
                recorder.reads.update((id(model), WHOLE) for model in (self, *others))
        return original(self, *args)
    return reader


def _ids_differ(one: BaseModel, other: BaseModel) -> bool:
    first, second = one.__dict__.get("id"), other.__dict__.get("id")
    return isinstance(first, str) and isinstance(second, str) and first != second


@contextmanager
def tracking() -> Iterator[None]:
    """Record reads on every policy model for the duration of the block (and only then: the hook
    costs time on every attribute read)."""
    Strict.__getattribute__ = _recording_getattribute  # type: ignore[method-assign]
    for name in _WHOLE_READERS:
        setattr(Strict, name, _whole_reader(name))
    try:
        yield
    finally:
        del Strict.__getattribute__
        for name in _WHOLE_READERS:
            delattr(Strict, name)
        _Active.recorder = None


@contextmanager
def recording(recorder: Recorder | None) -> Iterator[Recorder | None]:
    """Send reads to `recorder` inside the block, then back to the one before."""
    previous, _Active.recorder = _Active.recorder, recorder
    try:
        yield recorder
    finally:
        _Active.recorder = previous


def current() -> Recorder | None:
    return _Active.recorder


def item_ident(item: Any, index: int) -> Any:
    """How a list item is named in a key: its id, or its index when it has none."""
    ident = item.__dict__.get("id") if isinstance(item, BaseModel) else None
    return ident if isinstance(ident, str) else index


class Owners:
    """Every model object of one policy, mapped to the key of the field it lives in."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook  # kept alive, so the object ids stay theirs
        self.fields = set(type(playbook).model_fields)
        self.entities: dict[int, tuple[str, Any]] = {}  # a top-level item or single section -> (section, ident)
        self.inside: dict[int, Key] = {}  # an object nested in a field -> that field's key
        self.named: dict[Any, set[Key]] = {}  # a shared value -> the keys behind it
        for section in sorted(self.fields):
            value = playbook.__dict__.get(section)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    self._entity(item, (section, item_ident(item, index)))
            elif isinstance(value, BaseModel):
                self._entity(value, (section, None))

    def _entity(self, item: Any, where: tuple[str, Any]) -> None:
        if not isinstance(item, BaseModel):
            return
        self.entities[id(item)] = where
        for name, value in item.__dict__.items():
            self._nested(value, (*where, name))

    def _nested(self, value: Any, key: Key) -> None:
        if isinstance(value, BaseModel):
            self.inside[id(value)] = key
            for inner in value.__dict__.values():
                self._nested(inner, key)
        elif isinstance(value, (list, tuple)):
            for inner in value:
                self._nested(inner, key)
        elif isinstance(value, dict):
            for inner in value.values():
                self._nested(inner, key)

    def keys(self, recorder: Recorder, shared: Callable[[Any], Recorder | None] = lambda _key: None) -> set[Key]:
        """The recorded reads as keys (a read on an object of no policy, such as a derived record,
        names nothing: what it was made from was read, and recorded, when it was made), with the
        reads behind every shared value used (`shared` gives the recorder that made it). A shared
        value's keys are named once: the index is read by every page and was built from thousands
        of reads."""
        found = set(recorder.extra)
        for key in recorder.shared:
            if key not in self.named:
                made = shared(key)
                self.named[key] = set()  # a value made from itself cannot loop
                self.named[key] = self.keys(made, shared) if made is not None else set()
            found |= self.named[key]
        root = id(self.playbook)
        for obj, name in recorder.reads:
            if obj == root:
                found.add((ROOT, name if name in self.fields or name == WHOLE else ANY))
            elif obj in self.entities:
                if name == WHOLE:
                    section, ident = self.entities[obj]
                    found.add((section, ident, WHOLE))
                else:
                    found.add((*self.entities[obj], name))
            elif obj in self.inside:
                found.add(self.inside[obj])
        return found


def changed_keys(old: Playbook, new: Playbook) -> set[Key]:
    """The keys whose value differs between two policies (see the module docstring)."""
    changed: set[Key] = set()
    for section in type(new).model_fields:
        before, after = old.__dict__.get(section), new.__dict__.get(section)
        if isinstance(before, list) and isinstance(after, list):
            olds = {item_ident(item, i): item for i, item in enumerate(before)}
            news = {item_ident(item, i): item for i, item in enumerate(after)}
            if list(olds) != list(news):
                changed.add((ROOT, section))
                changed.add((ROOT, ANY))
            for ident in olds.keys() | news.keys():
                changed |= _field_changes((section, ident), olds.get(ident), news.get(ident))
        elif isinstance(before, BaseModel) and isinstance(after, BaseModel) and type(before) is type(after):
            changed |= _field_changes((section, None), before, after)
        elif before != after:
            changed |= {(ROOT, section), (ROOT, ANY)}
            changed |= _field_changes((section, None), before, after)
    if changed:
        changed.add((ROOT, WHOLE))
    changed |= {(section, ident, WHOLE) for section, ident, *_ in [k for k in changed if k[0] != ROOT]}
    return changed


def _field_changes(where: tuple[str, Any], before: Any, after: Any) -> set[Key]:
    names = _fields(before) | _fields(after)
    if not isinstance(before, BaseModel) or not isinstance(after, BaseModel) or type(before) is not type(after):
        return {(*where, name) for name in names} | {(ROOT, where[0]), (ROOT, ANY)}
    return {(*where, name) for name in names if before.__dict__.get(name) != after.__dict__.get(name)}


def _fields(value: Any) -> set[str]:
    return set(value.__dict__) if isinstance(value, BaseModel) else set()
