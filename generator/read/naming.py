"""Naming a place in the policy the way its editor does: by the entity's id and the field
(`ladder 'incident', step 1, acknowledge_within_minutes`), never by an index into a list
(`escalation.ladders[3].steps[0]`), which nobody counts.
"""

from __future__ import annotations

from typing import Any

# How one item of a list is called, by the list's key. Items with an id (or another key
# that identifies them) are named by it; the others by their position, counted from 1.
NOUNS = {
    "reach_tiers": "reach tier", "teams": "team", "platforms": "platform", "accounts": "account",
    "roles": "role", "roster": "person", "triggers": "trigger", "holding_statements": "holding statement",
    "modules": "training module", "severities": "severity", "ladders": "ladder", "actions": "action",
    "spread": "spread level", "traits": "trait", "tones": "tone", "examples": "voice example",
    "disclosures": "disclosure", "hashtags": "hashtag", "vocabulary": "term", "onboarding": "onboarding path",
    "milestones": "milestone", "quiz": "question", "choices": "choice", "exercises": "exercise",
    "steps": "step", "shifts": "shift", "progression": "stage", "changelog": "changelog entry",
    "rules": "approval rule",
    "days": "day", "tragedies": "tragedy", "lexicons": "lexicon",  # knowledge pack files (generator/packs)
}
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
    node = data
    for n, step in enumerate(loc):
        child = _child(node, step)
        if isinstance(step, int):
            if isinstance(child, (dict, list)) or (child is None and _is_mapping_list(node)):
                key = fields.pop() if fields else ""
                entity = [*entity, *([".".join(fields)] if fields and not entity else []),
                          _item(key, step, child)] if key else [*entity, f"item {step + 1}"]
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


def _item(key: str, index: int, item: Any) -> str:
    noun = NOUNS.get(key, key)
    if key not in _POSITIONAL and isinstance(item, dict):
        for name in _NAMED_BY:
            value = item.get(name)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                if key == "onboarding":
                    return f"onboarding path for '{value}'"
                return f"{noun} '{value}'"
    return f"{noun} {index + 1}"
