"""Where each merged item of the policy came from, so that a check over the whole policy
can point at the file, line and column of the item it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from .naming import name_at
from .source import SourceFile


@dataclass
class Origins:
    """Where each merged item came from, so that cross-file checks can point at it."""

    lists: dict[str, list[tuple[SourceFile, int]]] = field(default_factory=dict)
    singles: dict[str, SourceFile] = field(default_factory=dict)
    files: dict[str, SourceFile] = field(default_factory=dict)  # by path: those whose top level is located
    # For a single section whose broken list items were left out: "section.list" -> the
    # file's index of each item kept, so that a message about item i points at the right one.
    kept: dict[str, list[int]] = field(default_factory=dict)

    def at(self, section: str, index: int | None, *path: Any, level: str = "error",
           message: str, hint: str | None = None, key: bool = False) -> Diagnostic:
        """A diagnostic at item `index` of a list section (or inside a single section)."""
        if index is None:
            source = self.singles[section]
            return source.diagnostic((section, *self._in_file(section, path)), message, hint, level, key)
        source, local = self.lists[section][index]
        return source.diagnostic((section, local, *path), message, hint, level, key)

    def name(self, section: str, index: int | None, *path: Any) -> str:
        """The place `at` would point to, as the editor names it (naming.py)."""
        if index is None:
            source = self.singles[section]
            return name_at(source.data, (section, *self._in_file(section, path)))
        source, local = self.lists[section][index]
        return name_at(source.data, (section, local, *path))

    def _in_file(self, section: str, path: tuple[Any, ...]) -> tuple[Any, ...]:
        kept = self.kept.get(f"{section}.{path[0]}") if len(path) > 1 and isinstance(path[1], int) else None
        return (path[0], kept[path[1]], *path[2:]) if kept else path

    def line_of(self, section: str, index: int, *path: Any) -> int:
        source, local = self.lists[section][index]
        return source.locate((section, local, *path))[0]

    def file_of(self, section: str, index: int | None = None) -> str:
        if index is None:
            return self.singles[section].path
        return self.lists[section][index][0].path
