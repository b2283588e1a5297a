"""Turning pydantic's validation errors into messages a policy editor can act on.

Messages are chosen by pydantic's error `type`, never by its English text, so that a
pydantic upgrade cannot silently change what the editor reads. The model class found
along the error's location gives the "did you mean" candidates for misspelt keys, and
the field there gives the choices of an enum.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..diagnostics import Diagnostic, suggest
from .model import ID_PATTERN
from .source import SourceFile

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
    for item in error.errors(include_url=False):
        loc = _clean_loc(source.data, item["loc"], item["type"])
        marker = (loc, item["type"] if item["type"] in ("extra_forbidden", "missing") else "value")
        if marker in seen:
            continue
        seen.add(marker)
        results.append(_diagnostic(source, root, loc, item))
    return results


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
    where = _where(loc)
    if kind == "extra_forbidden":
        name = loc[-1]
        model = model_at(root, loc[:-1])
        candidates = keys_of(model) if model else []
        hint = suggest(name, candidates) or (f"known keys here: {', '.join(candidates)}" if candidates else None)
        return source.diagnostic(loc, f"unknown key '{name}'{_in(loc[:-1])}", hint, key=True)
    if kind == "missing":
        model = model_at(root, loc[:-1])
        description = None
        if model is not None:
            field = field_named(model, loc[-1])
            description = field.description if field else None
        explained = f" ({description[0].lower()}{description[1:].rstrip('.')})" if description else ""
        hint = f"add '{loc[-1]}:'{explained}"
        return source.diagnostic(loc[:-1], f"missing required key '{loc[-1]}'{_in(loc[:-1])}", hint)
    choices = choices_at(root, loc) if kind in ("enum", "literal_error") else []
    message, hint = _value_message(kind, value, ctx, item.get("msg", ""), loc[-1] if loc else None, choices)
    return source.diagnostic(loc, f"{where}: {message}" if where else message, hint)


def _in(loc: tuple[Any, ...]) -> str:
    return f" in {_where(loc)}" if loc else ""


def _where(loc: tuple[Any, ...]) -> str:
    """A location as the editor reads it: roles[2].permissions[0]."""
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


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
        return f"expected {_EXPECTED[kind]}, found {describe(value)}", hint
    if kind in ("enum", "literal_error") and choices:  # without choices: pydantic's own message, below
        hint = suggest(str(value), choices) or f"choose one of: {', '.join(choices)}"
        return f"{describe(value)} is not one of: {', '.join(choices)}", hint
    if kind.startswith("date") and not kind.startswith("datetime"):
        return f"{describe(value)} is not a date", "write dates as YYYY-MM-DD, for example 2026-03-01"
    if kind.startswith("datetime"):
        return f"{describe(value)} is not a date and time", "write it as YYYY-MM-DD HH:MM, for example 2026-03-01 09:30"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return (f"{describe(value)} is not a valid id",
                    "ids use lower-case letters, digits and dashes, for example 'community-manager'")
        return f"{describe(value)} does not have the expected form", f"it must match {ctx.get('pattern')}"
    if kind == "string_too_short":
        return "must not be empty", None
    if kind == "string_too_long":
        return (f"is too long (at most {ctx.get('max_length')} characters)",
                "move long text into a Markdown field or shorten it")
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}", _TOO_SHORT_HINTS.get(field)
    if kind == "greater_than":
        return f"{describe(value)} must be more than {ctx.get('gt')}", None
    if kind == "greater_than_equal":
        return f"{describe(value)} must be at least {ctx.get('ge')}", None
    if kind in ("less_than_equal", "less_than"):
        return f"{describe(value)} must be at most {ctx.get('le', ctx.get('lt'))}", None
    if kind == "value_error":
        return str(ctx.get("error", msg)), None
    return msg, None

