"""Turning pydantic's validation errors into messages a policy editor can act on.

Messages are chosen by pydantic's error `type`, never by its English text, so that a
pydantic upgrade cannot silently change what the editor reads. The model class found
along the error's location gives the "did you mean" candidates for misspelt keys, and
the field there gives the choices of an enum.
"""

from __future__ import annotations

import difflib
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..diagnostics import Diagnostic, suggest
from ..inert import escape_controls
from ..read.naming import entity_and_field, name_at
from ..read.source import SourceFile
from .common import ID_PATTERN, ONE_LINE_PATTERN

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}

_HINTS = {
    "list_type": "write each item on its own line, starting with '- '",
    "model_type": "write 'key: value' pairs, indented under this key",
    "dict_type": "write 'key: value' pairs, indented under this key",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
}


def describe(value: Any) -> str:
    """How a found value reads in a message: its kind, and the value when short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    kind = "a number " if isinstance(value, (int, float)) else ""
    return f"{kind}'{text}'"


def unwrap(annotation: Any) -> Any:
    """Strip Optional, Annotated and unions down to the model or list inside."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None) and (typing.get_origin(arg) is list or _is_model(arg)):
                return unwrap(arg)
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `loc`."""
    current: Any = root
    for step in loc:
        current = unwrap(current)
        if typing.get_origin(current) is list and isinstance(step, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:  # a mapping's value, at its key (packs.override)
            current = typing.get_args(current)[1]
        elif _is_model(current) and isinstance(step, str):
            field = field_named(current, step)
            if field is None:
                return None
            current = field.annotation
        else:
            return None
    current = unwrap(current)
    return current if _is_model(current) else None


def field_named(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field a YAML key sets (its alias when it has one)."""
    return next((f for name, f in model.model_fields.items() if (f.alias or name) == key), None)


def keys_of(model: type[BaseModel]) -> list[str]:
    return sorted(f.alias or name for name, f in model.model_fields.items())


def choices_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The values allowed at `loc`, read from the model: the last key names the field, and
    any index after it steps into the field's list, e.g. roles[0].permissions[2]."""
    keys = [n for n, step in enumerate(loc) if isinstance(step, str)]
    model = model_at(root, loc[:keys[-1]]) if keys else None
    field = field_named(model, loc[keys[-1]]) if model is not None else None
    if field is None:
        return []
    annotation = field.annotation
    for _ in loc[keys[-1] + 1:]:
        annotation = unwrap(annotation)
        annotation = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None
    return _choices(annotation)


def _choices(annotation: Any) -> list[str]:
    """An Enum's values or a Literal's, through Optional, Annotated and unions such as
    Literal["all"] | list[Id] (whose list part offers no choice)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _choices(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [choice for arg in typing.get_args(annotation) for choice in _choices(arg)]
    if origin is typing.Literal:
        return [str(arg) for arg in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []


def shape_errors(source: SourceFile, root: type[BaseModel], error: ValidationError) -> list[Diagnostic]:
    """One located diagnostic per pydantic error, deduplicated at each location."""
    seen: set[tuple[Any, ...]] = set()
    results: list[Diagnostic] = []
    items = [(_clean_loc(source.data, item["loc"], item["type"]), item) for item in error.errors(include_url=False)]
    misspelt = _misspelt_keys(items)
    for loc, item in items:
        marker = (loc, item["type"] if item["type"] in ("extra_forbidden", "missing") else "value")
        if marker in seen or (item["type"] == "missing" and loc in misspelt):
            continue
        seen.add(marker)
        results.append(_diagnostic(source, root, loc, item))
    return results


def _misspelt_keys(items: list[tuple[tuple[Any, ...], ErrorDetails]]) -> set[tuple[Any, ...]]:
    """The missing keys that an unknown key beside them misspells ('situaton' for 'situation'):
    one typo is one message, the unknown key's, whose hint names the right spelling."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for loc, item in items:
        if item["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            unknown.setdefault(loc[:-1], []).append(loc[-1])
    return {loc for loc, item in items if item["type"] == "missing" and loc and isinstance(loc[-1], str)
            and difflib.get_close_matches(loc[-1], unknown.get(loc[:-1], []), n=1, cutoff=0.8)}


def _clean_loc(data: Any, loc: tuple[Any, ...], kind: str) -> tuple[Any, ...]:
    steps: list[Any] = []
    node = data
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if (isinstance(node, dict) and step in node) or in_list:
            steps.append(step)
            node = node[step]
        elif last and kind == "missing" and isinstance(step, str):
            steps.append(step)
        # else: a union tag such as 'list[...]' or "literal['all']": not in the data
    return tuple(steps)


def _diagnostic(source: SourceFile, root: type[BaseModel], loc: tuple[Any, ...], item: ErrorDetails) -> Diagnostic:
    kind = item["type"]
    value = item.get("input")
    ctx = item.get("ctx") or {}
    entity, field_name = entity_and_field(source.data, loc)
    where = name_at(source.data, loc)
    if kind == "invalid_key":  # `? ` or `~:`: a key with no name (pydantic's loc holds its text, not the key)
        return source.diagnostic(loc[:-1], f"a key with no name{_in(source.data, loc[:-1])}",
                                 "write a name before the colon, e.g. 'accounts:'")
    if kind == "extra_forbidden":
        name = loc[-1]
        model = model_at(root, loc[:-1])
        candidates = keys_of(model) if model else []
        hint = suggest(name, candidates) or (f"known keys here: {', '.join(candidates)}" if candidates else None)
        return source.diagnostic(loc, f"unknown key '{name}'{_in(source.data, loc[:-1])}", hint, key=True)
    if kind == "missing":
        model = model_at(root, loc[:-1])
        description = None
        if model is not None:
            field = field_named(model, loc[-1])
            description = field.description if field else None
        explained = f" ({description[0].lower()}{description[1:].rstrip('.')})" if description else ""
        hint = f"add '{loc[-1]}:'{explained}"
        return source.diagnostic(loc[:-1], f"missing required key '{loc[-1]}'{_in(source.data, loc[:-1])}", hint)
    choices = choices_at(root, loc) if kind in ("enum", "literal_error") else []
    last_key = next((step for step in reversed(loc) if isinstance(step, str)), None)
    if kind in _COMPARED and field_name:
        message, hint = _compared(kind, value, ctx, field_name, last_key)
        return source.diagnostic(loc, f"{entity}: {message}" if entity else message, hint)
    message, hint = _value_message(kind, value, ctx, item.get("msg", ""), last_key, choices)
    return source.diagnostic(loc, f"{where}: {message}" if where else message, hint)


def _in(data: Any, loc: tuple[Any, ...]) -> str:
    return f" in {name_at(data, loc)}" if loc else ""


_COMPARED = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")


def _compared(kind: str, value: Any, ctx: dict, field_name: str, key: Any) -> tuple[str, str]:
    """A number out of range, said as the bound the editor can type ("at least 1", not
    "more than 0"), with what the number means as the hint."""
    if kind == "greater_than":
        bound = ctx.get("gt")
        said = f"at least {bound + 1}" if isinstance(bound, int) else f"more than {bound}"
    elif kind == "greater_than_equal":
        said = f"at least {ctx.get('ge')}"
    elif kind == "less_than":
        bound = ctx.get("lt")
        said = f"at most {bound - 1}" if isinstance(bound, int) else f"less than {bound}"
    else:
        said = f"at most {ctx.get('le')}"
    hint = _RANGE_HINTS.get(key) or f"write a whole number {said}"
    return f"{field_name} must be {said}, found {describe(value)}", hint


# What a number means, by field name, for the hint of a number out of range.
_RANGE_HINTS = {
    "acknowledge_within_minutes": "minutes the person in this step has to acknowledge before the next step "
                                  "takes over; at most 43200 (30 days)",
    "respond_within_minutes": "minutes allowed for the first response at this severity; at most 43200 (30 days)",
    "wait_minutes": "minutes to wait before reacting to news; at most 43200 (30 days)",
    "minutes": "how long the module takes, in minutes",
    "level": "levels run from 1 (least severe) to 10",
    "audience": "the number of followers, 0 or more",
    "min_followers": "the audience from which an account falls in this tier, 0 or more",
    "approvals_needed": "how many different people must sign off, from 1 to 5",
    "sources_required": "independent sources needed before reacting, from 1 to 5",
    "review_cycle_months": "months between reviews of the policy, from 1 to 60",
    "raise_by": "severity levels to add, from 0 to 5",
}


# What an empty list means to the reader, by field name (the location's last key).
_TOO_SHORT_HINTS = {
    "correct": "a quiz question needs the id of at least one right choice",
    "choices": "a quiz question needs at least two choices",
    "steps": "a ladder needs at least one step: who acts, and within how many minutes",
    "milestones": "an onboarding path needs at least one milestone, such as Day 1",
    "tasks": "list what the new hire does at this milestone",
    "responsibilities": "list what this role does, one line each",
    "approvers": "name the roles (role ids) that may approve",
    "shifts": "give at least one shift: days, start and end",
    "roles": "give the ids of the roles this person holds",
}


def _value_message(kind: str, value: Any, ctx: dict, msg: str, field: Any = None,
                   choices: list[str] | None = None) -> tuple[str, str | None]:
    if kind in _EXPECTED:
        hint = _HINTS.get(kind)
        if kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = f"put quotes around it: \"{str(value).lower() if isinstance(value, bool) else value}\""
        return f"expected {_EXPECTED[kind]}, found {describe(value)}", hint or f"write {_EXPECTED[kind]} here"
    if kind in ("enum", "literal_error") and choices:  # without choices: pydantic's own message, below
        hint = suggest(str(value), choices) or f"choose one of: {', '.join(choices)}"
        return f"{describe(value)} is not one of: {', '.join(choices)}", hint
    if kind.startswith("date") and not kind.startswith("datetime"):
        return f"{describe(value)} is not a date", "write dates as YYYY-MM-DD, for example 2026-03-01"
    if kind.startswith("datetime"):
        return f"{describe(value)} is not a date and time", "write it as YYYY-MM-DD HH:MM, for example 2026-03-01 09:30"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ONE_LINE_PATTERN:
            found = escape_controls(str(value), keep="")
            hint = ("write a name or label on one line (a '>' or '|' block ends with a line break: "
                    "write the text after the colon instead)")
            return f"'{found}' is not one line: it holds a line break or another control character", hint
        if ctx.get("pattern") == ID_PATTERN:
            return (f"{describe(value)} is not a valid id",
                    "ids use lower-case letters, digits and dashes, for example 'community-manager'")
        if str(ctx.get("pattern", "")).startswith("^#"):
            return (f"{describe(value)} is not a hashtag",
                    "write a hashtag with its #, letters and digits only: #OurCampaign")
        return f"{describe(value)} does not have the expected form", f"it must match {ctx.get('pattern')}"
    if kind == "string_too_short":
        return "must not be empty", "write something here, or remove the key if it is optional"
    if kind == "string_too_long":
        return (f"is too long (at most {ctx.get('max_length')} characters)",
                "move long text into a Markdown field or shorten it")
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return (f"needs at least {need} item{'s' if need != 1 else ''}",
                _TOO_SHORT_HINTS.get(field, "add the items on their own lines, each starting with '- '"))
    if kind in _COMPARED:
        return _compared(kind, value, ctx, str(field or "the number"), field)
    if kind == "value_error":
        text = str(ctx.get("error", msg))
        message, _, hint = text.partition("; ")
        return message, hint or "check the value against the comment at the top of the file"
    return msg, "check the value against the comment at the top of the file"

