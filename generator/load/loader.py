"""Loading a playbook folder: every YAML file read, shape-checked, merged and cross-checked.

Everything is gathered and validated before anything is rendered: the result is either a
complete `Playbook` or a `Report` of every problem found, never half of each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Diagnostic, Report, UserError
from .crosscheck import crosscheck
from .model import LIST_SECTIONS, REQUIRED_SECTIONS, SINGLE_SECTIONS, Playbook, PlaybookFile
from .origins import Origins
from .reviews import review_diagnostics
from .shape import shape_errors
from .source import SourceFile, decode_source, display_path, read_source
from .training import check_training

MAX_FILES = 2000


@dataclass
class Loaded:
    playbook: Playbook | None
    origins: Origins
    report: Report
    files: list[Path]


def discover(directory: Path) -> list[Path]:
    """Every YAML file under the folder, in a stable order (sorted by relative path)."""
    found = [p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def load_playbook(directory: Path, today: dt.date | None = None) -> Loaded:
    """Read, validate and cross-check a playbook folder; report every problem in one run."""
    report = Report()
    origins = Origins()
    if not directory.is_dir():
        report.add(Diagnostic(display_path(directory), 1, 1, "error", "playbook folder not found",
                              "run 'playbook init DIR' to start one, or pass --playbook DIR"))
        return Loaded(None, origins, report, [])
    files = discover(directory)
    if len(files) > MAX_FILES:
        report.add(Diagnostic(display_path(directory), 1, 1, "error",
                              f"{len(files)} YAML files; a playbook may have at most {MAX_FILES}"))
        return Loaded(None, origins, report, files)
    sources: list[SourceFile] = []
    for path in files:
        source, problems = read_source(path)
        report.extend(problems)
        if source is not None:
            sources.append(source)
    return _validate(sources, files, display_path(directory), report, today)


def load_documents(documents: list[tuple[str, bytes]], where: str, today: dt.date | None = None) -> Loaded:
    """A playbook from files read elsewhere (a git revision's blobs), as (display path, bytes)
    in a stable order: the same bounds, shape checks and cross-checks as a folder, no checkout."""
    report = Report()
    sources: list[SourceFile] = []
    for shown, raw in documents:
        source, problems = decode_source(shown, raw)
        report.extend(problems)
        if source is not None:
            sources.append(source)
    return _validate(sources, [Path(shown) for shown, _ in documents], where, report, today)


def _validate(sources: list[SourceFile], files: list[Path], where: str, report: Report,
              today: dt.date | None) -> Loaded:
    """Merge the parsed files, require the sections, then cross-check the whole."""
    origins = Origins()
    merged: dict[str, Any] = {}
    for source in sources:
        _merge_file(source, merged, origins, report)
    if not files:
        report.add(Diagnostic(where, 1, 1, "error", "no .yaml files in the playbook folder",
                              "run 'playbook init DIR' to start from the example"))
    elif not report.errors:
        _require_sections(merged, files[0], report)
    if report.errors:
        return Loaded(None, origins, report, files)
    playbook = _whole(merged)
    report.extend(crosscheck(playbook, origins, today or dt.date.today()))
    report.extend(review_diagnostics(playbook, origins, today or dt.date.today()))
    if not report.errors:  # records name people and roles: only once every reference is known
        report.extend(check_training(playbook, origins, today or dt.date.today()))
    return Loaded(None if report.errors else playbook, origins, report, files)


def load_or_raise(directory: Path, strict: bool = False, today: dt.date | None = None) -> Loaded:
    """For callers that render: a valid playbook, or UserError carrying the report."""
    loaded = load_playbook(directory, today)
    if loaded.report.failed(strict):
        raise UserError(loaded.report)
    return loaded


def _merge_file(source: SourceFile, merged: dict[str, Any], origins: Origins, report: Report) -> None:
    try:
        parsed = PlaybookFile.model_validate(source.data)
    except ValidationError as error:
        report.extend(shape_errors(source, PlaybookFile, error))
        return
    review = getattr(parsed, "review", None)  # PlaybookFile is built from Playbook's fields
    if review is not None:
        merged.setdefault("reviews", {})[source.path] = review
        origins.files[source.path] = source
    for section in SINGLE_SECTIONS:
        value = getattr(parsed, section)
        if value is None:
            continue
        if section in merged:
            first = origins.singles[section].path
            report.add(source.diagnostic((section,), f"section '{section}' is already defined in {first}",
                                         "keep one of them: only list sections may be split across files",
                                         key=True))
            continue
        merged[section] = value
        origins.singles[section] = source
    for section in LIST_SECTIONS:
        items = getattr(parsed, section)
        if items is None:
            continue
        merged.setdefault(section, []).extend(items)
        origins.lists.setdefault(section, []).extend((source, i) for i in range(len(items)))


def _whole(merged: dict[str, Any]) -> Playbook:
    """The merged sections, validated as a whole rather than trusted (model_construct would
    skip the check). Each file's sections are model instances already validated, which
    pydantic accepts as they are (revalidate_instances='never'), so nothing is reported twice
    and the cost is a pass over the lists. An error here is our bug, not the editor's: every
    section has its shape and the required ones are present, so it is left to raise."""
    return Playbook.model_validate(merged)


def _require_sections(merged: dict[str, Any], first: Path, report: Report) -> None:
    for section in REQUIRED_SECTIONS:
        if section not in merged:
            report.add(Diagnostic(display_path(first), 1, 1, "error", f"the playbook has no '{section}' section",
                                  f"add '{section}:' to one of the playbook files"))
