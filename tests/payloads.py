"""Hostile text in every free-text field of a playbook, and the checks that it stayed inert.

A field is free text when its own type accepts the payload: ids, enums, clocks, time zones
and dates reject it and are left alone, so the mutation follows the model as it grows
instead of a hand-kept list. Markdown fields get the payload without the `javascript:` link,
which validation rejects there by design (tested with the invalid-input table).
"""

from __future__ import annotations

import itertools
import json
import typing
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml import YAML

SCRIPT = '</title></textarea><script>alert("s")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
ATTRIBUTE = '" onmouseover="alert(2)'
LINK = "[js](javascript:alert(3))"
JINJA = "{{ 7*7 }} {% raw %}"
MARKERS = (SCRIPT, IMAGE, ATTRIBUTE, JINJA)


def payload(number: int, markdown: bool) -> str:
    """All payload kinds in one string; the number keeps every value unique (names, keywords)."""
    parts = [SCRIPT, IMAGE, ATTRIBUTE, *([] if markdown else [LINK]), JINJA, f"n{number}"]
    return " ".join(parts)


def is_free_text(annotation: Any, sample: str) -> bool:
    try:
        TypeAdapter(annotation).validate_python(sample)
    except ValidationError:
        return False
    return True


def field_type(info: Any) -> Any:
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def mutate(model: BaseModel, counter: Iterator[int], donts: str) -> dict[str, Any]:
    """The model as YAML-ready data with every free-text string replaced by a payload, but for
    the words the draft checker catches in the "don't" examples (`donts`): a "don't" keeps its
    text after its payload, and the terms and markers that catch it stay, since a "don't" the
    checker lets through is a warning."""
    data: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if info.exclude:
            continue
        value = getattr(model, name)
        key = info.alias or name
        markdown = (info.description or "").startswith("Markdown")
        if type(model).__name__ == "Example" and key == "dont":
            data[key] = f"{payload(next(counter), markdown)} {value}"
        else:
            data[key] = mutate_value(value, field_type(info), markdown, counter, donts)
    _name_mutated_keywords(model, data)
    return {k: v for k, v in data.items() if v is not None}


def _name_mutated_keywords(model: BaseModel, data: dict[str, Any]) -> None:
    """`endings`, `case_sensitive` and `context` name keywords of their own trigger (crisis,
    date, event): they name the keywords' payloads, as a real policy names its own keywords."""
    keywords = getattr(model, "keywords", None)
    if not isinstance(keywords, list) or "keywords" not in data:
        return
    renamed = dict(zip(keywords, data["keywords"], strict=True))
    for key in ("endings", "case_sensitive"):
        if isinstance(data.get(key), list):
            data[key] = [renamed[k] for k in getattr(model, key)]
    for written, item in zip(getattr(model, "context", []), data.get("context", []), strict=True):
        item["keyword"] = renamed[written.keyword]


def mutate_value(value: Any, annotation: Any, markdown: bool, counter: Iterator[int], donts: str) -> Any:
    if isinstance(value, BaseModel):
        return mutate(value, counter, donts)
    if isinstance(value, list):
        item_type = list_item_type(annotation)
        return [mutate_value(v, item_type, markdown, counter, donts) for v in value]
    if isinstance(value, str) and not hasattr(value, "value") and value.lower() not in donts:
        text = payload(next(counter), markdown)
        return text if is_free_text(annotation, text) else value
    return TypeAdapter(Any).dump_python(value, mode="json")


def list_item_type(annotation: Any) -> Any:
    """The item type of list[X] (inside Optional or Annotated too); Any when unknown."""
    for candidate in [annotation, *typing.get_args(annotation)]:
        origin = typing.get_origin(candidate)
        if origin is list:
            return typing.get_args(candidate)[0]
        if origin is Annotated:
            found = list_item_type(typing.get_args(candidate)[0])
            if found is not Any:
                return found
    return Any


def write_payload_playbook(playbook: BaseModel, folder: Path) -> None:
    """One YAML file holding the mutated policy (the loader merges sections from any file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.y*ml"):
        old.unlink()
    yaml = YAML()
    yaml.width = 4096
    donts = " ".join(example.dont for example in playbook.voice.examples).lower()  # type: ignore[attr-defined]
    with (folder / "playbook.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(mutate(playbook, itertools.count(1), donts), stream)


class HtmlScan(HTMLParser):
    """Everything in a page that could run: tags, event attributes, script bodies, link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []  # what a reader sees
        self.mermaid: list[str] = []  # diagram sources, in Mermaid's own escaping
        self.diagram: list[str] = []  # text of inline SVG diagrams (labels wrap over lines, so not whole)
        self.svg_depth = 0
        self.in_script = False
        self.in_json = False  # a data island (<script type="application/json">): never run, must stay JSON
        self.mermaid_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_json = tag == "script" and dict(attrs).get("type") == "application/json"
        self.in_script = tag == "script" and not self.in_json
        if self.svg_depth or tag == "svg":
            self.svg_depth += 1
        if self.mermaid_depth or "mermaid" in (dict(attrs).get("class") or "").split():
            self.mermaid_depth += 1
        for name, value in attrs:
            target = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and target.startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = self.in_json = False
        self.mermaid_depth = max(0, self.mermaid_depth - 1)
        self.svg_depth = max(0, self.svg_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.in_json:
            if "<" in data or ">" in data or not _is_json(data):
                self.problems.append(f"data island broken by a payload: {data[:80]}")
        elif self.in_script and "alert(" in data:
            self.problems.append(f"script body: {data[:80]}")
        elif self.svg_depth:
            self.diagram.append(data)  # an element or attribute made from it would be a problem above
        elif self.mermaid_depth:
            self.mermaid.append(data)
            if any(raw in data for raw in ("<script", "<img", "onerror=", "onmouseover=")):
                self.problems.append(f"unescaped Mermaid label: {data[:80]}")
        elif not self.in_script:
            self.text.append(data)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def scan_html(html: str) -> HtmlScan:
    scan = HtmlScan()
    scan.feed(html)
    scan.close()
    return scan
