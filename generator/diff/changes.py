"""Two validated playbooks compared: every policy change as a record a person can read.

Entities are matched by their key (an id, a term, a hashtag), never by file or position,
so moving YAML between files, reordering entities or reformatting is never a change.
Fields are described by their names in the model (`respond_within_minutes` reads
"first response within ... minutes"), and ids are shown as the names they stand for (the
model's reference types say what each id names), so a new field needs no new wording
here. Pure: no git, no files; revision.py and history.py bring the playbooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from ..model import KINDS, Permission, Playbook, Ref, TwoPersonRule
from ..queries.references import field_marker


@dataclass(frozen=True)
class Collection:
    """A part of the policy compared as a whole: a list of entities, or one object."""

    area: str
    path: tuple[str, ...]
    kind: str
    key: str | None = "id"  # the field that identifies an entity; None for one object


# The order the areas and their lines are printed in.
COLLECTIONS = (
    Collection("Handbook", ("handbook",), "handbook", key=None),
    Collection("Teams and roles", ("teams",), "team"),
    Collection("Teams and roles", ("roles",), "role"),
    Collection("Teams and roles", ("roster",), "person"),
    Collection("Teams and roles", ("rotations",), "rotation"),
    Collection("Accounts and platforms", ("reach_tiers",), "reach tier"),
    Collection("Accounts and platforms", ("platforms",), "platform"),
    Collection("Accounts and platforms", ("accounts",), "account"),
    Collection("Accounts and platforms", ("pillars",), "content pillar"),
    Collection("Accounts and platforms", ("venues",), "venue"),
    Collection("Escalation", ("escalation",), "escalation settings", key=None),
    Collection("Escalation", ("escalation", "severities"), "severity"),
    Collection("Escalation", ("escalation", "ladders"), "escalation ladder"),
    Collection("Escalation", ("escalation", "actions"), "action"),
    Collection("Escalation", ("escalation", "spread"), "spread level"),
    Collection("Escalation", ("triggers",), "trigger"),
    Collection("Escalation", ("holding_statements",), "holding statement"),
    Collection("Approvals", ("approvals", "two_person_rule"), TwoPersonRule.LABEL.lower(), key=None),
    Collection("Approvals", ("approvals", "verify_before_reacting"), "verify-before-reacting rule", key=None),
    Collection("Approvals", ("approvals", "rules"), "approval rule"),
    Collection("The team's vocabularies", ("process", "categories"), "trigger category"),
    Collection("The team's vocabularies", ("process", "stages"), "progression stage"),
    Collection("The team's vocabularies", ("process", "milestones"), "onboarding milestone"),
    Collection("Voice and vocabulary", ("voice",), "voice", key=None),
    Collection("Voice and vocabulary", ("voice", "traits"), "voice trait"),
    Collection("Voice and vocabulary", ("voice", "tones"), "tone"),
    Collection("Voice and vocabulary", ("voice", "examples"), "do and don't example"),
    Collection("Voice and vocabulary", ("voice", "disclosures"), "disclosure"),
    Collection("Voice and vocabulary", ("voice", "hashtags"), "campaign hashtag", key="tag"),
    Collection("Voice and vocabulary", ("vocabulary",), "term", key="term"),
    Collection("Crisis mode", ("crisis",), "crisis mode", key=None),
    Collection("Sensitive dates and live events", ("packs",), "knowledge packs", key=None),
    Collection("Sensitive dates and live events", ("calendar",), "sensitive date"),
    Collection("Sensitive dates and live events", ("watchlist",), "live event"),
    Collection("Training and onboarding", ("modules",), "training module"),
    Collection("Training and onboarding", ("onboarding",), "onboarding path", key="role"),
)

# Bookkeeping, not policy: the hand-written changelog, review dates and where YAML sits.
SKIPPED_FIELDS = frozenset({"changelog", "review", "sources"})

# Nested lists inside an entity, named one item at a time.
ITEM_WORDS = {"steps": "step", "progression": "stage", "shifts": "shift", "quiz": "quiz question",
              "choices": "choice", "exercises": "exercise", "milestones": "milestone"}
# A field named otherwise than the pages say it ("first response within", answers.deadline_phrase).
FIELD_WORDS = {"is_": "is", "not_": "not", "dont": "don't", "respond_within_minutes": "first_response_within_minutes"}
UNITS = ("minutes", "months", "days")
LONG_TEXT = 80

# Changes to these reach everyone who writes posts, not only the roles the entity names.
WRITER_KINDS = frozenset({"reach tier", "platform", "account", TwoPersonRule.LABEL.lower(),
                          "verify-before-reacting rule",
                          "approval rule", "voice", "voice trait", "tone", "do and don't example", "disclosure",
                          "campaign hashtag", "term", "crisis mode", "knowledge packs", "sensitive date",
                          "live event"})
WRITING = frozenset({Permission.draft, Permission.publish, Permission.reply})


@dataclass(frozen=True)
class Change:
    """One line of a policy diff. `roles` are the ids of the roles it affects; empty means everyone."""

    area: str
    kind: Literal["added", "removed", "changed"]
    entity: str  # a stable key: "escalation.severities:high"
    subject: str  # "Severity High"
    text: str  # "Severity High: first response within 30 -> 15 minutes"
    roles: tuple[str, ...]
    field: str | None = None
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class PolicyDiff:
    old_version: str | None  # None: the policy states no version
    new_version: str | None
    changes: tuple[Change, ...]
    role_names: dict[str, str] = field(default_factory=dict)

    def affecting(self, role_id: str) -> list[Change]:
        """The changes a holder of this role must know about (those for everyone included)."""
        return [c for c in self.changes if not c.roles or role_id in c.roles]


@dataclass(frozen=True)
class _Phrase:
    field: str
    text: str
    old: Any
    new: Any


def compare(old: Playbook, new: Playbook) -> PolicyDiff:
    """Every change from `old` to `new`, in the order of COLLECTIONS, then of the new policy."""
    sides = _Sides(old, new)
    changes = [change for collection in COLLECTIONS for change in _compare_collection(collection, sides)]
    return PolicyDiff(old.handbook.version, new.handbook.version, tuple(changes), sides.role_names())


# --------------------------------------------------------------------------- look-ups over both sides


class _Sides:
    """Names and relations looked up in the new policy first, then the old one, so a removed
    entity is still named and a change is judged by whom it reaches on either side."""

    def __init__(self, old: Playbook, new: Playbook) -> None:
        self.old, self.new = old, new
        self.names: dict[str, dict[str, str]] = {}
        for playbook in (old, new):
            for kind, entities in _named(playbook).items():
                self.names.setdefault(kind, {}).update(entities)

    def role_names(self) -> dict[str, str]:
        return dict(sorted(self.names["role"].items()))

    def name(self, kind: str, value: str) -> str:
        return self.names.get(kind, {}).get(value, f"'{value}'")

    def both(self) -> tuple[Playbook, Playbook]:
        return self.old, self.new

    @cached_property
    def writers(self) -> set[str]:
        """Everyone who drafts, publishes or replies, on either side."""
        return {r.id for pb in self.both() for r in pb.roles if WRITING & set(r.permissions)}

    def expand(self, kind: str, value: str) -> set[str]:
        """The roles an id reaches: a ladder's steps, a severity's people, a module's trainees."""
        found: set[str] = set()
        for pb in self.both():
            if kind == "role":
                found.add(value)
            elif kind == "ladder" and value in pb.id_maps["ladder"]:
                found.update(r for step in pb.ladder(value).steps for r in pb.step_roles(step))
            elif kind == "severity" and value in pb.id_maps["severity"]:
                severity = pb.severity(value)
                found.update(severity.notify)
                found |= self.expand("ladder", severity.ladder) if severity.ladder else set()
            elif kind == "module":
                found.update(r.id for r in pb.roles if value in r.training)
                found.update(p.role for p in pb.onboarding if any(value in m.modules for m in p.milestones))
            elif kind == "team":
                found.update(r.id for r in pb.roles if r.team == value)
        return found

    def sort_roles(self, roles: set[str]) -> tuple[str, ...]:
        """By name, so that moving a role to another file does not reorder a single line."""
        return tuple(sorted(roles, key=lambda r: ((self.names["role"].get(r) or r).casefold(), r)))


def _named(playbook: Playbook) -> dict[str, dict[str, str]]:
    """{kind: {id: name}} for every kind a reference can name (model.KINDS says where they are)."""
    return {kind: {e.id: _label(e) for e in _get(playbook, where.where)} for kind, where in KINDS.items()}


def _label(entity: Any) -> str:
    """Its name or title; a vocabulary entry without a name (process.categories) goes by its id."""
    return getattr(entity, "name", None) or getattr(entity, "title", None) or entity.id


# --------------------------------------------------------------------------- collections and entities


def _get(playbook: Playbook, path: tuple[str, ...]) -> Any:
    value: Any = playbook
    for step in path:
        value = getattr(value, step)
    return value


def key_of(item: BaseModel, key: str | None = "id") -> str:
    """What identifies an entity across versions: its id, or the term or hashtag itself
    (in any letter case, as the checker matches them)."""
    value = str(getattr(item, key or "id"))
    return value.casefold() if key in ("term", "tag") else value


def _compare_collection(collection: Collection, sides: _Sides) -> Iterator[Change]:
    old, new = _get(sides.old, collection.path), _get(sides.new, collection.path)
    if collection.key is None:
        yield from _compare_entity(collection, sides, old, new)
        return
    before = {key_of(item, collection.key): item for item in old}
    after = {key_of(item, collection.key): item for item in new}
    for key, item in after.items():
        yield from _compare_entity(collection, sides, before.get(key), item)
    for key, item in before.items():
        if key not in after:
            yield from _compare_entity(collection, sides, item, None)


def _compare_entity(collection: Collection, sides: _Sides, old: Any, new: Any) -> Iterator[Change]:
    if old is None and new is None:
        return
    phrases: list[_Phrase] = []
    if old is not None and new is not None:
        exclude = {c.path[-1] for c in COLLECTIONS if c.path[:-1] == collection.path}
        phrases = [*_model_phrases(old, new, "", sides, exclude), *_derived_phrases(old, new, sides)]
        if not phrases:
            return  # most entities of a large policy: nothing more to work out
    item = new if new is not None else old
    kind = f"{item.kind.value} term" if collection.kind == "term" else collection.kind
    name = _entity_name(item, sides) if collection.key else ""
    capital = kind[0].upper() + kind[1:]
    subject = f"{capital} {name}".strip()
    entity = ".".join(collection.path) + (f":{key_of(item, collection.key)}" if collection.key else "")
    roles = sides.sort_roles(_affected(collection.kind, old, new, sides))

    def change(kind_: Literal["added", "removed", "changed"], text: str, phrase: _Phrase | None = None) -> Change:
        return Change(collection.area, kind_, entity, subject, text, roles,
                      phrase.field if phrase else None,
                      to_jsonable_python(phrase.old if phrase else old),
                      to_jsonable_python(phrase.new if phrase else new))

    if old is None:
        yield change("added", _added_text(kind, name, item, sides))
    elif new is None:
        yield change("removed", f"{capital} removed: {name}" if name else f"{capital} removed")
    for phrase in phrases:
        text = f"{subject} switched {phrase.text.rsplit(' ', 1)[-1]}" if phrase.field == "active" \
            else f"{subject}: {phrase.text}"
        yield change("changed", text, phrase)


def _entity_name(item: BaseModel, sides: _Sides) -> str:
    """How a person names the entity: its own name or title; an entity that has none and
    belongs to a role (an onboarding path) by that role; else its words in quotes. A
    rotation that acts in a role is still named by its own name, never its role's."""
    values = {name: getattr(item, name) for name in type(item).model_fields}
    if "is_" in values:
        return f"'{values['is_']} but not {values['not_']}'"
    for name in ("name", "title"):
        if values.get(name) is not None:
            return str(values[name])
    if "role" in values and "milestones" in values:
        return f"for {sides.name('role', values['role'])}"
    if "role" in values and values["role"] is not None:
        return sides.name("role", values["role"])
    for name in ("situation", "term", "tag", "stage", "id"):
        if name in values:
            value = values[name]
            return f"'{value.value if isinstance(value, Enum) else value}'"
    return ""


def _added_text(kind: str, name: str, item: BaseModel, sides: _Sides) -> str:
    """'New role: X (team Y)' for a named entity; 'Banned term added: 'x'' for quoted words."""
    details = []
    if getattr(item, "team", None):
        details.append(f"team {sides.name('team', item.team)}")  # type: ignore[attr-defined]
    if kind == "account":
        tier = sides.new.tier_of(item)  # type: ignore[arg-type]
        details.append(f"{sides.name('platform', item.platform)}, tier {tier.name if tier else 'not set'}")  # type: ignore[attr-defined]
    if getattr(item, "use_instead", None):
        details.append(f"say '{item.use_instead}' instead")  # type: ignore[attr-defined]
    detail = f" ({'; '.join(details)})" if details else ""
    capital = kind[0].upper() + kind[1:]
    if not name:
        return f"{capital} added{detail}"
    if name.startswith("'"):
        return f"{capital} added: {name}{detail}"
    return f"New {kind}: {name}{detail}"


def _affected(kind: str, old: Any, new: Any, sides: _Sides) -> set[str]:
    """The roles an entity names (through its references), plus whom its kind reaches."""
    roles: set[str] = set()
    for item in (old, new):
        if item is None:
            continue
        for ref_kind, value in _references(item):
            if ref_kind in ("role", "ladder", "severity"):  # who acts; a team or module named is context
                roles |= sides.expand(ref_kind, value)
        if kind == "role":
            roles.add(item.id)
        elif kind in ("team", "training module"):
            roles |= sides.expand(kind.split()[-1], item.id)
        elif kind == "handbook":  # its version and dates are everyone's
            return set()
        elif kind == "action" and item.requires is not None:
            roles.update(r.id for pb in sides.both() for r in pb.roles if item.requires in r.permissions)
    if kind in WRITER_KINDS:
        roles |= sides.writers
    known = set(sides.names["role"])
    return roles & known


def _references(item: BaseModel) -> Iterator[tuple[str, str]]:
    """(kind, id) for every reference inside an entity, nested objects included."""
    for name in type(item).model_fields:
        value = getattr(item, name)
        ref = ref_kind(type(item), name)
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, BaseModel):
                yield from _references(one)
            elif ref is not None and isinstance(one, str) and one != "all":
                yield ref, one


@cache
def ref_kind(model: type[BaseModel], name: str) -> str | None:
    """The kind of entity a field names, as the model declares it (`RoleRef`, `TierRef`...)."""
    marker = field_marker(model.model_fields[name])
    return marker.kind if isinstance(marker, Ref) else None


# --------------------------------------------------------------------------- fields in words


def _words(name: str) -> tuple[str, str]:
    """A field's label and unit from its name: acknowledge_within_minutes -> ('acknowledge within', ' minutes')."""
    name = FIELD_WORDS.get(name, name)
    for unit in UNITS:
        if name.endswith(f"_{unit}"):
            return name[: -len(unit) - 1].replace("_", " "), f" {unit}"
    return name.replace("_", " "), ""


def _model_phrases(old: BaseModel, new: BaseModel, prefix: str, sides: _Sides,
                   exclude: set[str] = frozenset()) -> Iterator[_Phrase]:  # type: ignore[assignment]
    has_tiers = "tiers" in type(new).model_fields and "approvers" in type(new).model_fields
    for name in type(new).model_fields:
        if name in SKIPPED_FIELDS or name in exclude or (has_tiers and name == "tiers"):
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            yield from _value_phrases(name, f"{prefix}{_words(name)[0]}", a, b, sides, ref_kind(type(new), name))
    if has_tiers:
        coverage = list(_coverage_phrases(old, new, sides))
        if coverage or old.tiers == new.tiers:  # type: ignore[attr-defined]
            yield from coverage
        else:
            yield from _value_phrases("tiers", f"{prefix}tiers", old.tiers, new.tiers, sides, "tier")  # type: ignore[attr-defined]


def _value_phrases(name: str, label: str, a: Any, b: Any, sides: _Sides, ref: str | None) -> Iterator[_Phrase]:
    unit = _words(name)[1]
    if isinstance(a, BaseModel) and isinstance(b, BaseModel):
        yield from _model_phrases(a, b, f"{label} ", sides)
    elif isinstance(a, list) and isinstance(b, list) and any(isinstance(x, BaseModel) for x in a + b):
        yield from _item_phrases(name, label, a, b, sides)
    elif isinstance(a, list) and isinstance(b, list):
        yield _list_phrase(name, label, a, b, sides, ref)
    elif isinstance(a, bool) and isinstance(b, bool):
        yield _Phrase(name, f"{label} switched {'on' if b else 'off'}", a, b)
    elif a is None or b is None:
        text = f"{label} removed" if b is None else f"{label} set to {_shown(name, b, sides, ref)}{unit}"
        yield _Phrase(name, text, a, b)
    elif isinstance(b, str) and not isinstance(b, Enum) and ref is None and \
            max(len(str(a)), len(b)) > LONG_TEXT:
        yield _Phrase(name, f"{label} reworded", a, b)
    else:
        yield _Phrase(name, f"{label} {_shown(name, a, sides, ref)} -> {_shown(name, b, sides, ref)}{unit}", a, b)


def _list_phrase(name: str, label: str, a: list[Any], b: list[Any], sides: _Sides, ref: str | None) -> _Phrase:
    added = [_shown(name, x, sides, ref) for x in b if x not in a]
    removed = [_shown(name, x, sides, ref) for x in a if x not in b]
    parts = [f"added {', '.join(added)}"] if added else []
    parts += [f"removed {', '.join(removed)}"] if removed else []
    return _Phrase(name, f"{label}: {'; '.join(parts) or 'reordered'}", a, b)


def _item_phrases(name: str, label: str, a: list[Any], b: list[Any], sides: _Sides) -> Iterator[_Phrase]:
    """Nested entities: matched by key when they have one (quiz questions), else by position (steps)."""
    word = ITEM_WORDS.get(name, label)
    keyed = all("id" in type(x).model_fields for x in a + b)
    before = {key_of(x) if keyed else str(n + 1): x for n, x in enumerate(a)}
    after = {key_of(x) if keyed else str(n + 1): x for n, x in enumerate(b)}
    for key, item in after.items():
        title = f"{word} {_entity_name(item, sides)}" if keyed else f"{word} {key}"
        if key not in before:
            summary = "" if keyed else f" ({_entity_name(item, sides)})"
            yield _Phrase(name, f"{title} added{summary}", None, item)
        elif before[key] != item:
            yield from _model_phrases(before[key], item, f"{title}, ", sides)
    for key, item in before.items():
        if key not in after:
            title = f"{word} {_entity_name(item, sides)}" if keyed else f"{word} {key}"
            yield _Phrase(name, f"{title} removed", item, None)


def _shown(name: str, value: Any, sides: _Sides, ref: str | None = None) -> str:
    if ref is not None and isinstance(value, str) and value != "all":
        return sides.name(ref, value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value == "all":
        return "all accounts" if name == "scope" else "all"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return ", ".join(_shown(name, x, sides, ref) for x in value) or "none"
    return str(value)


# --------------------------------------------------------------------------- what a change implies


def _coverage_phrases(old: Any, new: Any, sides: _Sides) -> Iterator[_Phrase]:
    """An approval rule's reach in accounts, which is what its tiers mean to the team."""
    before = _covered(sides.old, old.tiers)
    after = _covered(sides.new, new.tiers)
    gained = [name for account, name in after.items() if account not in before]
    lost = [name for account, name in before.items() if account not in after]
    if gained:
        yield _Phrase("tiers", f"now also covers {', '.join(gained)}", old.tiers, new.tiers)
    if lost:
        yield _Phrase("tiers", f"no longer covers {', '.join(lost)}", old.tiers, new.tiers)


def _covered(playbook: Playbook, tiers: list[str]) -> dict[str, str]:
    return {a.id: a.name for a in playbook.accounts if not tiers or playbook.tier_id(a) in tiers}


def _derived_phrases(old: Any, new: Any, sides: _Sides) -> Iterator[_Phrase]:
    """A consequence the YAML does not spell out: an account whose audience moved it to another tier."""
    if "audience" in type(new).model_fields:
        before, after = sides.old.tier_of(old), sides.new.tier_of(new)
        if (before and before.id) != (after and after.id):
            yield _Phrase("reach_tier", f"reach tier {before.name if before else 'not set'} -> "
                          f"{after.name if after else 'not set'}", before and before.id, after and after.id)
