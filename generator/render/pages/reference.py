"""The reference: every key of every YAML section, read from the playbook's JSON Schema.

The page is built from the same export editors use (model/schema.py), which pydantic makes
from the models that validate: types, descriptions, enums, patterns, bounds and defaults
all come from there, so a field added to model.py appears here on the next build.
Each section shows a real item from the loaded playbook as its example.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from ...model import ID_PATTERN, ONE_LINE_PATTERN, REQUIRED_SECTIONS, Clock, PlanTime, Playbook, Ratio, Size, TimeZone
from ...model.schema import playbook_schema
from ...queries import paths
from ..blocks import fenced
from ..context import Context, Page
from . import render_page

Token = tuple[str, str | None]  # text, and the anchor of the model it names (None: plain text)
Schema = dict[str, Any]

_FORMATS = {"date": "date (YYYY-MM-DD)", "date-time": "date and time (YYYY-MM-DDTHH:MM with a time-zone offset)"}
# Types checked by a validator function, which the schema cannot express: all it keeps of
# them is the type's own schema (a string and its description), so they are known by that.
_CHECKED = [(TypeAdapter(Clock).json_schema(), "time of day (HH:MM, 24-hour)"),
            (TypeAdapter(TimeZone).json_schema(), "time zone (IANA name, e.g. Europe/London)"),
            (TypeAdapter(Size).json_schema(), "size in pixels (WIDTHxHEIGHT, e.g. 1080x1350)"),
            (TypeAdapter(Ratio).json_schema(), "aspect ratio (WIDTH:HEIGHT, e.g. 4:5 or 1.91:1)"),
            (TypeAdapter(PlanTime).json_schema(), 'time in a plan ("now", 2h, 24-48h)')]
_BOUNDS = (("exclusiveMinimum", "more than"), ("minimum", "at least"), ("minItems", "at least"),
           ("exclusiveMaximum", "less than"), ("maximum", "at most"), ("maxItems", "at most"))


@dataclass(frozen=True)
class FieldDoc:
    key: str
    type: list[Token]
    required: str
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    anchor: str
    summary: str
    fields: list[FieldDoc]


def pages(ctx: Context) -> Iterable[Page]:
    schema = playbook_schema(factory_defaults=True)
    sections = []
    for key, doc in zip(schema["properties"], fields_of(schema, schema["definitions"]), strict=False):
        sample = example(ctx.playbook, key)
        sections.append((key, doc, fenced(sample, "yaml") if sample else None))
    yield render_page(ctx, "reference.md.j2", paths.REFERENCE, "Reference", None, sections=sections,
                      models=models_of(schema), required=REQUIRED_SECTIONS)


def model_anchor(name: str) -> str:
    return "model-" + name.lower()


def models_of(schema: Schema) -> list[ModelDoc]:
    """Every model the schema reaches from its root, in the order a reader meets them (depth first)."""
    definitions = schema["definitions"]
    seen: list[str] = []

    def visit(node: Schema) -> None:
        for name in _refs(node.get("properties", {})):
            if name not in seen and definitions[name].get("type") == "object":
                seen.append(name)
                visit(definitions[name])

    visit(schema)
    return [ModelDoc(name, model_anchor(name), definitions[name].get("description", "").split("\n")[0],
                     fields_of(definitions[name], definitions)) for name in seen]


def _refs(node: Any) -> Iterator[str]:
    """The definitions a schema node names, in the order they appear."""
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def fields_of(model: Schema, definitions: Schema) -> list[FieldDoc]:
    required = model.get("required", [])
    return [FieldDoc(key, describe(node, definitions), requirement(node, key in required), node.get("description", ""))
            for key, node in model.get("properties", {}).items()]


def requirement(node: Schema, required: bool) -> str:
    if required:
        return "required"
    value = node.get("default")
    if value is None:
        return "optional"
    if isinstance(value, dict):
        return "optional (defaults below)"
    if isinstance(value, list):
        return "optional (default: " + (", ".join(_short(v) for v in value) or "none") + ")"
    if isinstance(value, bool):
        return f"optional (default: {str(value).lower()})"
    return f"optional (default: {value})"


def _short(value: Any) -> str:
    """A default list item as a reader names it: a declared entry by its id."""
    return str(value.get("id", value)) if isinstance(value, dict) else str(value)


def describe(node: Schema, definitions: Schema) -> list[Token]:
    """The type in plain words, e.g. "list of id" or "whole number, at least 0"."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if "enum" in definitions[name]:  # an Enum class: its values, as typed
            return [("one of: " + ", ".join(definitions[name]["enum"]), None)]
        return [(name, model_anchor(name))]
    if "anyOf" in node:
        choices = [describe(c, definitions) for c in node["anyOf"] if c.get("type") != "null"]
        return [token for n, c in enumerate(choices) for token in ([(" or ", None)] if n else []) + c]
    if "const" in node or "enum" in node:  # a Literal: its values, quoted
        return [("one of: " + ", ".join(f'"{v}"' for v in node.get("enum", [node.get("const")])), None)]
    kind = node.get("type")
    if kind == "array":
        return [("list of ", None), *describe(node.get("items", {}), definitions), *_bounds(node, "item")]
    if kind == "object":
        return [("mapping", None)]
    return [(_scalar(node), None)]


def _scalar(node: Schema) -> str:
    kind = node.get("type")
    if kind == "boolean":
        return "true or false"
    if node.get("format") in _FORMATS:
        return _FORMATS[node["format"]]
    if kind == "integer":
        return "whole number" + "".join(text for text, _ in _bounds(node, ""))
    if kind == "number":
        return "number" + "".join(text for text, _ in _bounds(node, ""))
    if node.get("pattern") == ID_PATTERN:
        return "id"
    own = {k: v for k, v in node.items() if k not in ("title", "default")}
    for checked, words in _CHECKED:
        if own == checked:
            return words
    longest = node.get("maxLength")
    limit = f" (up to {longest:,} characters)" if longest else ""
    if node.get("pattern") == ONE_LINE_PATTERN:
        return "one line of text" + limit
    if node.get("pattern"):
        return "text matching " + node["pattern"] + limit
    return "text" + limit


def _bounds(node: Schema, unit: str) -> list[Token]:
    words = [f"{text} {node[key]} {unit}".rstrip() for key, text in _BOUNDS if key in node]
    return [(", " + ", ".join(words), None)] if words else []


def example(playbook: Playbook, section: str) -> str | None:
    """A real item of the section as YAML (lists cut to their first item), or None if it is empty."""
    value = getattr(playbook, section, None)
    if isinstance(value, list):
        if not value:
            return None
        data: Any = [_first_only(value[0].model_dump(mode="json", by_alias=True, exclude_defaults=True))]
    elif isinstance(value, BaseModel):
        data = _first_only(value.model_dump(mode="json", by_alias=True, exclude_defaults=True))
        if not data:
            return None
    else:
        return None
    yaml = YAML()
    yaml.width = 4096  # never fold: a folded line would split text a reader searches for
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump({section: data}, out)
    return out.getvalue()


def _first_only(value: Any) -> Any:
    """Lists cut to one item, recursively, so an example stays short; multi-line text kept as a block."""
    if isinstance(value, dict):
        return {k: _first_only(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_first_only(v) for v in value[:1]]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value
