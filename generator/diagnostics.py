"""Problems found in a playbook, in the form compilers, linters and editors understand.

Every check in the tool reports through `Diagnostic`, so the terminal, the JSON output,
the MkDocs plugin and the tests all see one shape: `FILE:LINE:COL: error: MESSAGE`
followed by an indented `hint:` where there is something useful to suggest.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

# A policy problem is an error or a warning; a draft checker finding has the checker's own levels.
Level = Literal["error", "warning", "info", "approval", "revise", "escalate"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    level: Level
    message: str
    hint: str | None = None
    see: str | None = None  # the handbook page that explains it (draft checker findings)

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        if self.see:
            text += f"\n    see: {self.see}"
        return text

    def as_json(self) -> dict[str, object]:
        """The fields as `validate --format json` has always printed them (`see` only when set)."""
        fields = asdict(self)
        if self.see is None:
            del fields["see"]
        return fields


@dataclass
class Report:
    """Collects every problem of one run so that the editor sees them all at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """Deduplicated and in file order, so that two runs print the same lines."""
        return sorted(set(self.items), key=lambda d: (d.file, d.line, d.column, d.level, d.message))

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def format_text(self) -> str:
        lines = [d.format() for d in self.sorted()]
        lines.append(summarise(len(self.errors), len(self.warnings)))
        return "\n".join(lines)

    def format_json(self) -> str:
        payload = {
            "valid": not self.errors,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "diagnostics": [d.as_json() for d in self.sorted()],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)


class UserError(Exception):
    """A user's mistake (a broken policy, config, draft or folder), carried as located diagnostics.

    It is the only way a mistake leaves the core: the command line (generator/cli/) prints
    the report and exits 1, the MkDocs plugin turns it into MkDocs' own error. Anything
    else that escapes is our bug and keeps its traceback.
    """

    def __init__(self, report: Report):
        super().__init__(report.format_text())
        self.report = report

    @classmethod
    def at(cls, file: str, message: str, hint: str | None = None, line: int = 1, column: int = 1) -> UserError:
        """A single error at FILE:LINE:COL, for mistakes outside the policy (config, folders, drafts)."""
        return cls(Report([Diagnostic(file, line, column, "error", message, hint)]))


def summarise(errors: int, warnings: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not errors and not warnings:
        return "playbook is valid"
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt key, id or value, or None if nothing is close."""
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
