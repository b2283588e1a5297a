"""The reference: every key of every YAML section, read from the pydantic models themselves.

Walking the models (rather than writing the reference by hand) keeps it in step with the
validator and the JSON Schema: a field added to model.py appears here on the next build.
Each section shows a real item from the loaded playbook as its example.
"""

from __future__ import annotations

import datetime as dt
import io
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from ...load.model import ID_PATTERN, REQUIRED_SECTIONS, Playbook, PlaybookFile
from .. import paths
from ..blocks import fenced
from ..context import Context, Page
from . import render_page

Token = tuple[str, str | None]  # text, and the anchor of the model it names (None: plain text)


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
    sections = []
    for key, info in PlaybookFile.model_fields.items():
        sample = example(ctx.playbook, key)
        sections.append((key, field_doc(key, info), fenced(sample, "yaml") if sample else None))
    yield render_page(ctx, "reference.md.j2", paths.REFERENCE, "Reference", None, sections=sections,
                      models=models_of(PlaybookFile), required=REQUIRED_SECTIONS)


def model_anchor(model: type[BaseModel]) -> str:
    return "model-" + model.__name__.lower()


def models_of(root: type[BaseModel]) -> list[ModelDoc]:
    """Every model reachable from `root`, in the order a reader meets them (depth first)."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            for found in nested_models(info.annotation):
                if found not in seen:
                    seen.append(found)
                    visit(found)

    visit(root)
    return [ModelDoc(m.__name__, model_anchor(m), (m.__doc__ or "").strip().split("\n")[0] if m.__doc__ else "",
                     [field_doc(info.alias or key, info) for key, info in m.model_fields.items()]) for m in seen]


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in nested_models(arg)]


def field_doc(key: str, info: FieldInfo) -> FieldDoc:
    return FieldDoc(key, describe(info.annotation, list(info.metadata)), requirement(info), info.description or "")


def requirement(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    value = info.default_factory() if info.default_factory is not None else info.default
    if value is None or value is PydanticUndefined:
        return "optional"
    if isinstance(value, BaseModel):
        return "optional (defaults below)"
    if isinstance(value, list):
        return "optional (default: " + (", ".join(str(getattr(v, "value", v)) for v in value) or "none") + ")"
    if isinstance(value, bool):
        return f"optional (default: {str(value).lower()})"
    return f"optional (default: {getattr(value, 'value', value)})"


def describe(annotation: Any, metadata: list[Any]) -> list[Token]:
    """The type in plain words, e.g. "list of id" or "whole number, at least 0"."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return describe(args[0], [*args[1:], *metadata])
    if origin in (typing.Union, types.UnionType):
        choices = [describe(a, metadata) for a in args if a is not type(None)]
        return [token for n, c in enumerate(choices) for token in ([(" or ", None)] if n else []) + c]
    if origin is list:
        return [("list of ", None), *describe(args[0], []), *_bounds(metadata, "item")]
    if origin is dict:
        return [("mapping", None)]
    if origin is typing.Literal:
        return [("one of: " + ", ".join(f'"{a}"' for a in args), None)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation.__name__, model_anchor(annotation))]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [("one of: " + ", ".join(m.value for m in annotation), None)]
    return [(_scalar(annotation, metadata), None)]


def _scalar(annotation: Any, metadata: list[Any]) -> str:
    validators = {getattr(getattr(m, "func", None), "__name__", "") for m in metadata}
    if "_check_clock" in validators:
        return "time of day (HH:MM, 24-hour)"
    if "_check_timezone" in validators:
        return "time zone (IANA name, e.g. Europe/London)"
    if annotation is bool:
        return "true or false"
    if annotation is dt.datetime:
        return "date and time (YYYY-MM-DDTHH:MM with a time-zone offset)"
    if annotation is dt.date:
        return "date (YYYY-MM-DD)"
    if annotation is int:
        return "whole number" + "".join(text for text, _ in _bounds(metadata, ""))
    strings = [m for m in metadata if isinstance(m, StringConstraints)]
    if any(s.pattern == ID_PATTERN for s in strings):
        return "id"
    longest = next((s.max_length for s in strings if s.max_length), None)
    limit = f" (up to {longest:,} characters)" if longest else ""
    if any(s.pattern for s in strings):
        return "text matching " + next(s.pattern for s in strings if s.pattern) + limit
    return "text" + limit


def _bounds(metadata: list[Any], unit: str) -> list[Token]:
    words = []
    for m in metadata:
        if isinstance(m, Gt):
            words.append(f"more than {m.gt}")
        elif isinstance(m, Ge):
            words.append(f"at least {m.ge}")
        elif isinstance(m, Lt):
            words.append(f"less than {m.lt}")
        elif isinstance(m, Le):
            words.append(f"at most {m.le}")
        elif isinstance(m, MinLen):
            words.append(f"at least {m.min_length} {unit}".rstrip())
        elif isinstance(m, MaxLen):
            words.append(f"at most {m.max_length} {unit}".rstrip())
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
