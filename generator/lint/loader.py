"""Loading a playbook folder: every YAML file read, shape-checked, merged and cross-checked.

Everything is gathered and validated before anything is rendered: the result is either a
complete `Playbook` or a `Report` of every problem found, never half of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import clock
from ..diagnostics import Diagnostic, Report, UserError
from ..model import FILE_ITEMS, LIST_SECTIONS, REQUIRED_SECTIONS, SINGLE_SECTIONS, Playbook
from ..model.salvage import Broken, Gap, unreadable, validate_file
from ..model.shape import unwrap
from ..queries.training import check_training
from ..read.comments import find_swallowed_text
from ..read.origins import Origins
from ..read.source import MAX_FILE_BYTES, SourceFile, decode_source, discover, display_path, read_source
from .checks import Context, run_checks
from .policy import CHECKS
from .reviews import CHECKS as REVIEWS

MAX_FILES = 2000


@dataclass
class Loaded:
    playbook: Playbook | None
    origins: Origins
    report: Report
    files: list[Path]


Reader = Callable[[Path], tuple[SourceFile | None, list[Diagnostic]]]
Validator = Callable[[SourceFile, Broken], tuple[dict[str, Any], dict[str, list[int]], list[Diagnostic]]]


def load_playbook(directory: Path, today: dt.date | None = None, read: Reader = read_source,
                  validate: Validator = validate_file) -> Loaded:
    """Read, validate and cross-check a playbook folder; report every problem in one run.

    A shape error does not stop the checks: what is well-formed is merged and checked, and
    only the checks that need a broken part are skipped (checks.py says which, once).
    `read` parses one file and `validate` checks its shape (model.salvage.validate_file): the
    preview passes ones that keep unchanged files parsed and validated (render/incremental.py)."""
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
    documents: list[Document] = []
    for path in files:
        source, problems = read(path)
        report.extend(problems)
        documents.append(Document(source, problems, partial(_text_of, path)))
    return _validate(documents, files, display_path(directory), report, today, validate)


@dataclass
class Document:
    """One file as read: its parsed source, or the problems that stopped it and its raw text
    (to guess which sections a file that did not parse would have defined)."""

    source: SourceFile | None
    problems: list[Diagnostic]
    text: Callable[[], str]  # read only for a file that did not parse


def load_documents(documents: list[tuple[str, bytes]], where: str, today: dt.date | None = None) -> Loaded:
    """A playbook from files read elsewhere (a git revision's blobs), as (display path, bytes)
    in a stable order: the same bounds, shape checks and cross-checks as a folder, no checkout."""
    report = Report()
    read: list[Document] = []
    for shown, raw in documents:
        source, problems = decode_source(shown, raw)
        report.extend(problems)
        read.append(Document(source, problems, partial(_decoded, raw)))
    return _validate(read, [Path(shown) for shown, _ in documents], where, report, today)


def _validate(documents: list[Document], files: list[Path], where: str, report: Report,
              today: dt.date | None, validate: Validator = validate_file) -> Loaded:
    """Merge what is well-formed, require the sections, then run every check that does not
    depend on a broken part (checks.py says once which wait)."""
    origins = Origins()
    if not files:
        report.add(Diagnostic(where, 1, 1, "error", "no .yaml files in the playbook folder",
                              "run 'playbook init DIR' to start from the example"))
        return Loaded(None, origins, report, files)
    merged: dict[str, Any] = {}
    broken = Broken()
    for document in documents:
        if document.source is not None:
            report.extend(find_swallowed_text(document.source))
            _merge_file(document.source, merged, origins, report, broken, validate)
        elif document.problems:
            unreadable(document.problems[0].file, document.text(), document.problems[0].line, broken)
    _require_sections(merged, files[0], report, broken)
    playbook = _whole(merged)
    day = today or clock.today()
    report.extend(run_checks((*CHECKS, *REVIEWS), playbook, origins, Context(day, broken)))
    if not report.errors:  # records name people and roles: only once every reference is known
        report.extend(check_training(playbook, origins, day))
    return Loaded(None if report.errors else playbook, origins, report, files)


def load_or_raise(directory: Path, strict: bool = False, today: dt.date | None = None,
                  read: Reader = read_source, validate: Validator = validate_file) -> Loaded:
    """For callers that render: a valid playbook, or UserError carrying the report."""
    loaded = load_playbook(directory, today, read, validate)
    if loaded.report.failed(strict):
        raise UserError(loaded.report)
    return loaded


def _merge_file(source: SourceFile, merged: dict[str, Any], origins: Origins, report: Report,
                broken: Broken, validate: Validator = validate_file) -> None:
    sections, kept, problems = validate(source, broken)
    report.extend(problems)
    review = sections.get("review")  # a file's own owner and review date, not a section
    if review is not None:
        merged.setdefault("reviews", {})[source.path] = review
        origins.files[source.path] = source
    for section in SINGLE_SECTIONS:
        value = sections.get(section)
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
        origins.kept.update({k: v for k, v in kept.items() if k.startswith(f"{section}.")})
    for section in LIST_SECTIONS:
        items = sections.get(section)
        if items is None:
            continue
        local = kept.get(section, range(len(items)))
        written = list(zip(items, local, strict=True))
        if section in FILE_ITEMS:  # an entry that lists several words becomes one item per word, located at it
            written = [(item, i) for entry, i in written for item in entry.words()]
        merged.setdefault(section, []).extend(item for item, _ in written)
        origins.lists.setdefault(section, []).extend((source, i) for _, i in written)


def _decoded(raw: bytes) -> str:
    """The raw text of a blob that did not parse, bounded like a file on disk."""
    return raw[:MAX_FILE_BYTES].decode("utf-8", "replace")


def _text_of(path: Path) -> str:
    """A file that did not parse, read as well as it can be to guess which sections it holds."""
    try:
        return path.read_bytes()[:MAX_FILE_BYTES].decode("utf-8", "replace")
    except OSError:
        return ""


def _whole(merged: dict[str, Any]) -> Playbook:
    """The merged sections, validated as a whole rather than trusted (model_construct would
    skip the check). Each file's sections are model instances already validated, which
    pydantic accepts as they are (revalidate_instances='never'), so nothing is reported twice
    and the cost is a pass over the lists. A required section that is missing or broken is
    stood in for by an empty one (the handbook by a blank, unvalidated one): the checks that
    read it are skipped (see checks.py). Any other error here is our bug, left to raise."""
    whole = dict(merged)
    for section in REQUIRED_SECTIONS:
        if section not in whole:
            whole[section] = [] if section in LIST_SECTIONS else _blank(section)
    return Playbook.model_validate(whole)


def _blank(section: str) -> Any:
    model = unwrap(Playbook.model_fields[section].annotation)
    try:
        return model()
    except ValidationError:
        # Required fields blank, the others at their defaults (a list field stays a list).
        return model.model_construct(**dict.fromkeys(n for n, f in model.model_fields.items() if f.is_required()))


def _require_sections(merged: dict[str, Any], first: Path, report: Report, broken: Broken) -> None:
    """A section no file defines is an error; one that a broken file may define is not
    reported twice (it is already among the broken parts)."""
    for section in REQUIRED_SECTIONS:
        if section in merged or section in broken.sections():
            continue
        report.add(Diagnostic(display_path(first), 1, 1, "error", f"the playbook has no '{section}' section",
                              f"add '{section}:' to one of the playbook files"))
        broken.gaps.append(Gap(display_path(first), 1, section))
        broken.forget_all(section)
