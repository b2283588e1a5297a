"""Keeping what is well-formed when part of a file is not, so that one typo does not hide
every other problem in the policy.

A file is validated section by section, and a list section item by item: a role with a
misspelt key is left out, and the other roles go on to the cross-file and policy checks.
A single section (escalation, approvals, voice, ...) loses only the list items that are
broken (one bad severity, one bad example); only when the section itself is broken is it
left out whole. What was left out is remembered as `Broken`: where it is, and which ids
it would have defined, so that nothing is reported as "unknown" only because the
definition was left out, and the checks that need it can say they were skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Diagnostic
from ..read.source import SourceFile
from .common import KINDS
from .playbook import LIST_SECTIONS, PlaybookFile
from .shape import shape_errors


@dataclass(frozen=True, order=True)
class Gap:
    """One part of the policy left out: its file and line, and its section."""

    file: str
    line: int
    section: str


@dataclass
class Broken:
    """Everything left out of the merged policy, and the ids it would have defined."""

    gaps: list[Gap] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids left out
    all_of: set[str] = field(default_factory=set)  # kinds whose ids cannot be known

    def sections(self) -> set[str]:
        return {gap.section for gap in self.gaps}

    def hides(self, kind: str, value: str) -> bool:
        """Would this id be defined if the broken parts were fixed (so 'unknown' would be wrong)?"""
        return kind in self.all_of or value in self.ids.get(kind, set())

    def add(self, source: SourceFile, loc: tuple[Any, ...], section: str) -> None:
        line = source.locate(loc)[0]
        self.gaps.append(Gap(source.path, line, section))

    def forget(self, where: tuple[str, ...], item: Any) -> None:
        """Remember the id of an item left out of the list at `where` (KINDS' paths)."""
        for kind, declared in KINDS.items():
            if declared.where == where:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.ids.setdefault(kind, set()).add(item["id"])
                else:
                    self.all_of.add(kind)

    def forget_all(self, section: str) -> None:
        """A whole section is missing: any id of a kind it defines may be one of its own."""
        self.all_of.update(kind for kind, declared in KINDS.items() if declared.where[0] == section)


def unreadable(source_path: str, text: str, line: int, broken: Broken) -> None:
    """A file that did not parse: the sections it seems to start (top-level keys at the start
    of a line) are treated as broken, since what they define cannot be known."""
    for match in re.finditer(r"^([A-Za-z_][\w-]*)\s*:", text, re.MULTILINE):
        broken.gaps.append(Gap(source_path, line, match.group(1)))
        broken.forget_all(match.group(1))


def validate_file(source: SourceFile, broken: Broken) -> tuple[dict[str, Any], dict[str, list[int]],
                                                                list[Diagnostic]]:
    """The file's well-formed sections as model values, for each list section (and each
    salvaged list inside a single section) the file's indices of the items kept, and the
    shape errors of what was left out."""
    try:
        parsed = PlaybookFile.model_validate(source.data)
        return {k: getattr(parsed, k) for k in source.data}, {}, []
    except ValidationError as error:
        problems = shape_errors(source, PlaybookFile, error)
        failing = error.errors(include_url=False)
    kept: dict[str, Any] = {}
    indices: dict[str, list[int]] = {}
    for section, value in source.data.items():
        if not isinstance(section, str):
            continue  # a key that is not text (`? ` alone): reported among the shape errors, nothing to keep
        errors = [e["loc"][1:] for e in failing if e["loc"][:1] == (section,)]
        if not errors:
            kept[section] = getattr(PlaybookFile.model_validate({section: value}), section)
        elif section in LIST_SECTIONS:
            _keep_items(source, section, value, errors, kept, indices, broken)
        else:
            _keep_single(source, section, value, errors, kept, indices, broken)
    return kept, indices, problems


def _keep_items(source: SourceFile, section: str, value: Any, errors: list[tuple[Any, ...]],
                kept: dict[str, Any], indices: dict[str, list[int]], broken: Broken) -> None:
    if not isinstance(value, list):
        broken.add(source, (section,), section)
        broken.forget_all(section)
        return
    bad = {loc[0] for loc in errors if loc and isinstance(loc[0], int)}
    if len(bad) < len({loc[:1] for loc in errors}):  # an error on the list itself
        broken.add(source, (section,), section)
        broken.forget_all(section)
        return
    for i in sorted(bad):
        broken.add(source, (section, i), section)
        broken.forget((section,), value[i])
    good = [i for i in range(len(value)) if i not in bad]
    kept[section] = getattr(PlaybookFile.model_validate({section: [value[i] for i in good]}), section)
    indices[section] = good


def _keep_single(source: SourceFile, section: str, value: Any, errors: list[tuple[Any, ...]],
                 kept: dict[str, Any], indices: dict[str, list[int]], broken: Broken) -> None:
    """A single section without its broken list items, if that is all that is wrong with it."""
    bad: dict[str, set[int]] = {}
    for loc in errors:
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int) \
                and isinstance(value, dict) and isinstance(value.get(loc[0]), list):
            bad.setdefault(loc[0], set()).add(loc[1])
        else:
            broken.add(source, (section, *loc[:1]), section)
            broken.forget_all(section)
            return
    trimmed = dict(value)
    for name, items in sorted(bad.items()):
        for i in sorted(items):
            broken.add(source, (section, name, i), section)
            broken.forget((section, name), value[name][i])
        good = [i for i in range(len(value[name])) if i not in items]
        trimmed[name] = [value[name][i] for i in good]
        indices[f"{section}.{name}"] = good
    try:
        kept[section] = getattr(PlaybookFile.model_validate({section: trimmed}), section)
    except ValidationError:  # e.g. a list emptied below its minimum length
        broken.add(source, (section,), section)
        broken.forget_all(section)
        for key in [k for k in indices if k.startswith(f"{section}.")]:
            del indices[key]
