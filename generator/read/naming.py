"""Naming a place in the policy the way its editor does: by the entity's id and the field
(`ladder 'incident', step 1, acknowledge_within_minutes`), never by an index into a list
(`escalation.ladders[3].steps[0]`), which nobody counts.
"""

from __future__ import annotations

from typing import Any

from .nouns import noun_of

# Items with an id (or another key that identifies them) are named by it, with their noun
# (nouns.py); the others by their position, counted from 1.
_NAMED_BY = ("id", "role", "term", "tag", "stage", "version")
_POSITIONAL = {"steps", "shifts"}  # an order matters more than any name


def name_at(data: Any, loc: tuple[Any, ...]) -> str:
    """`loc` (from a file's root, as pydantic and the checks give it) as the editor reads it."""
    entity, field = entity_and_field(data, loc)
    if loc and loc[-1] == "id" and entity.endswith("'"):
        # the id itself is what is wrong: "role id", not "role 'Chief_Editor', id"
        parent, _, last = entity.rpartition(", ")
        return ", ".join(p for p in (parent, last.split(" '")[0] + " id") if p)
    return ", ".join(p for p in (entity, field) if p)


def entity_and_field(data: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """The entity named by id ("ladder 'incident', step 1") and the field within it."""
    entity: list[str] = []
    fields: list[str] = []
    keys: list[str] = []  # every key from the root: the list's path picks its noun
    node = data
    for n, step in enumerate(loc):
        if isinstance(step, str):
            keys.append(step)
        child = _child(node, step)
        if isinstance(step, int):
            if isinstance(child, (dict, list)) or (child is None and _is_mapping_list(node)):
                key = fields.pop() if fields else ""
                entity = [*entity, *([".".join(fields)] if fields and not entity else []),
                          _item(keys, step, child)] if key else [*entity, f"item {step + 1}"]
                fields = []
            # a scalar list item: the field's name says enough, the value is quoted anyway
        elif isinstance(step, str) and not (n == 0 and len(loc) > 1 and isinstance(loc[1], str) and not entity
                and step in ("escalation", "approvals", "voice")):
            fields.append(step)
        node = child
    return ", ".join(entity), ".".join(fields)


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return getattr(node, step, None) if isinstance(step, str) and node is not None else None


def _is_mapping_list(node: Any) -> bool:
    return isinstance(node, list) and any(isinstance(x, dict) for x in node)


def _item(keys: list[str], index: int, item: Any) -> str:
    key = keys[-1]
    noun = noun_of(keys) or key
    if key not in _POSITIONAL and isinstance(item, dict):
        for name in _NAMED_BY:
            value = item.get(name)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                if key == "onboarding":
                    return f"onboarding path for '{value}'"
                return f"{noun} '{value}'"
    return f"{noun} {index + 1}"
