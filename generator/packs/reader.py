"""Reading the shipped pack files: shape (model.py), then what no single field can say.

A pack file is data reviewed like code; a mistake in one is reported as a playbook's is
(located, with a hint), every problem of every file in one run. Checks
beyond the shape: the file is named by its pack id, entry ids are prefixed with it and
unique across all packs, and a pattern means the same in Python's `regex` and in a
JavaScript `u`-flag RegExp (both engines run it: constructs only one of them reads are refused).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
from pydantic import ValidationError

from ..diagnostics import Diagnostic, Report, UserError
from ..model.shape import shape_errors
from ..read.source import SourceFile, read_source
from .model import PackFile

DATA = Path(__file__).resolve().parent / "data"
# Escapes both engines read alike (a `u`-flag RegExp refuses any other escaped letter).
_ESCAPES = set("dDwWsSbBfnrtv0") | set("^$\\.*+?()[]{}|/")
_CLASS_ESCAPES = _ESCAPES | {"-"}
_GROUPS = ("(?:", "(?=", "(?!")


@dataclass(frozen=True)
class Pack:
    """One pack file as read: its data and where it came from (to locate later messages)."""

    data: PackFile
    source: SourceFile

    @property
    def id(self) -> str:
        return self.data.pack.id


def pack_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or DATA).glob("*.yaml"))


def read_packs(folder: Path | None = None) -> tuple[dict[str, Pack], Report]:
    """Every pack in `folder` (default: the shipped ones) by id, and every problem in any of them."""
    report = Report()
    packs: dict[str, Pack] = {}
    for path in pack_files(folder):
        pack, problems = read_pack(path)
        report.extend(problems)
        if pack is not None:
            packs[pack.id] = pack
    report.extend(_across(packs))
    return dict(sorted(packs.items())), report


@cache
def shipped() -> dict[str, Pack]:
    """The packs shipped with the tool, read once per run. A broken shipped pack is reported
    like a broken policy (located), so a data mistake never turns into a traceback."""
    packs, report = read_packs()
    if report.errors:
        raise UserError(report)
    return packs


def read_pack(path: Path) -> tuple[Pack | None, list[Diagnostic]]:
    source, problems = read_source(path)
    if source is None:
        return None, problems
    try:
        data = PackFile.model_validate(source.data if source.data is not None else {})
    except ValidationError as error:
        return None, shape_errors(source, PackFile, error)
    found = list(_within(data, source, path.stem))
    return (None if any(d.level == "error" for d in found) else Pack(data, source)), found


def _within(data: PackFile, source: SourceFile, stem: str) -> Iterator[Diagnostic]:
    pack_id = data.pack.id
    if pack_id != stem:
        yield source.diagnostic(("pack", "id"), f"pack id '{pack_id}' differs from the file's name '{stem}'",
                                f"name the file {pack_id}.yaml, or the pack '{stem}'")
    for section in ("days", "tragedies", "lexicons"):
        for i, entry in enumerate(getattr(data, section)):
            if not entry.id.startswith(pack_id + "-"):
                yield source.diagnostic((section, i, "id"), f"entry id '{entry.id}' does not start with "
                                        f"'{pack_id}-'", f"ids are unique across packs: write '{pack_id}-{entry.id}'")
    for i, lexicon in enumerate(data.lexicons):
        for j, pattern in enumerate(lexicon.patterns):
            problem = pattern_problem(pattern)
            if problem:
                yield source.diagnostic(("lexicons", i, "patterns", j), f"lexicon '{lexicon.id}': pattern "
                                        f"'{pattern}' {problem}", "write it with groups (?:...), lookahead, "
                                        "classes and quantifiers only: both engines must read it alike")


def _across(packs: dict[str, Pack]) -> Iterator[Diagnostic]:
    """Entry ids unique across every pack (a playbook switches entries off by id)."""
    first: dict[str, str] = {}
    for pack in packs.values():
        for section in ("days", "tragedies", "lexicons"):
            for i, entry in enumerate(getattr(pack.data, section)):
                if entry.id in first:
                    yield pack.source.diagnostic((section, i, "id"), f"duplicate pack entry id '{entry.id}'",
                                                 f"'{entry.id}' is already used in {first[entry.id]}")
                else:
                    first[entry.id] = pack.source.path


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` would not mean the same in Python's `regex` and a JavaScript `u`-flag
    RegExp, or None: lookbehind, atomic groups, possessive quantifiers, inline flags, named
    groups, `{,n}`, escapes of ordinary letters and \\b or \\w in a pattern with letters outside
    ASCII (JavaScript's are ASCII-only) are refused."""
    try:
        regex.compile(pattern)
    except regex.error as exc:
        return f"is not a regular expression ({exc})"
    if (regex.search(r"\\[wW]", pattern) and any(c > "\x7f" and c.isalpha() for c in pattern)) \
            or regex.search(r"[^\x00-\x7f]\\[bB]|\\[bB][^\x00-\x7f]", pattern):
        return "uses \\b or \\w beside letters outside ASCII, which JavaScript's \\b and \\w do not count"
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1: i + 2]
            if escaped in ("u", "x", "p", "P"):  # \uXXXX, \xXX, \p{L}: both engines (with the u flag)
                i += 2
                continue
            if escaped not in (_CLASS_ESCAPES if in_class else _ESCAPES):
                return f"escapes '{escaped}', which the two engines read differently"
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and pattern[i + 1: i + 2] == "?" and not pattern.startswith(_GROUPS, i):
            return "uses a group other than (?:...), (?=...) or (?!...) (lookbehind, a flag or a name)"
        elif char == "{" and pattern[i + 1: i + 2] == ",":
            return "uses {,n}, which JavaScript reads as text"
        elif char in "*+?}" and pattern[i + 1: i + 2] == "+":
            return "uses a possessive quantifier"
        i += 1
    return None
