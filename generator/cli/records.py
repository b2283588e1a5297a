"""`playbook records import FILE`: a new hire's exported progress merged into the roster.

The handbook's "Send your progress to your lead" box (on the team training records page)
gives a short JSON document; the lead runs this command on it. The person's `progress:`
entry for that role is replaced (or added) in the roster file the person is defined in,
edited in round-trip mode so every comment stays. The policy is validated again after the
edit; if it no longer validates, the file is put back as it was and the problems are shown.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import clock
from ..diagnostics import UserError, suggest
from ..jsondoc import JsonError, parse_json
from ..lint.loader import load_or_raise, load_playbook
from ..mkdocs.project import Project
from ..mkdocs.writer import rewrite_input
from ..model import Person, Playbook
from .shared import echo, project_options

FORMAT = "playbook-progress/1"


@click.group(short_help="Training records: import a new hire's progress.")
def records() -> None:
    """Training records kept in the roster (roster.yaml: training: and progress:)."""


@records.command("import", short_help="Merge a progress report into the roster.")
@project_options(policy=True)
@click.option("--force", is_flag=True,
              help="Import a report older than the roster's, or dated after today, all the same.")
@click.argument("report_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
def import_(project: Project, report_file: Path, force: bool) -> None:
    """Merge FILE (the JSON a new hire copied or downloaded from the handbook) into the
    person's `progress:` in the roster, keeping the file's comments.

    Progress never goes backwards by accident: a report older than the one the roster
    holds for that person and role, or dated after today, is refused unless --force.
    """
    loaded = load_or_raise(project.playbook_dir)
    playbook = loaded.playbook
    assert playbook is not None  # load_or_raise returns only valid playbooks
    report = read_report(report_file, playbook)
    index = next(i for i, p in enumerate(playbook.roster) if p.id == report["person"])
    if not force:
        refuse_backwards(report_file, report, playbook.roster[index], clock.today())
    source, local = loaded.origins.lists["roster"][index]
    target = Path(source.path)
    before = target.read_bytes()
    rewrite_input(target, merged(source.text, local, report))
    again = load_playbook(project.playbook_dir)
    if again.report.errors:
        rewrite_input(target, before)
        raise UserError(again.report)
    echo(f"{target}: progress of '{report['person']}' in '{report['role']}' as of {report['reported']}: "
               f"{len(report['milestones_done'])} milestones, {len(report['modules_passed'])} modules")


def refuse_backwards(path: Path, report: dict[str, Any], person: Person, day: dt.date) -> None:
    """Raise UserError for a report dated after `day`, or older than the roster's for that role:
    importing it would silently replace newer progress (or a typo's future date would win over
    every honest report to come)."""
    held = next((entry.reported for entry in person.progress if entry.role == report["role"]), None)
    kept = (f"the roster keeps the report of {held.isoformat()}" if held is not None
            else "the roster is left as it is")
    reported: dt.date = report["reported"]
    if reported > day:
        raise UserError.at(str(path), f"the report is dated {reported.isoformat()}, after today "
                           f"({day.isoformat()}); {kept}",
                           "check the computer's date the report was made on; --force imports it all the same")
    if held is not None and reported < held:
        raise UserError.at(str(path), f"the report of {reported.isoformat()} is older than the one the roster "
                           f"holds for '{person.id}' in '{report['role']}'; {kept}",
                           "import the newest report; --force replaces the roster's with this older one")


def read_report(path: Path, playbook: Playbook) -> dict[str, Any]:
    """The report, checked against the policy; every mistake is located in FILE."""
    where = str(path)
    try:
        data = parse_json(path.read_text(encoding="utf-8-sig"))  # a byte-order mark, as Windows editors save
    except FileNotFoundError:
        raise UserError.at(where, "file not found", "give the file the handbook's progress box downloaded") from None
    except (UnicodeDecodeError, JsonError) as error:
        line, column = (error.line, error.column) if isinstance(error, JsonError) else (1, 1)
        why = f": {error.message}" if isinstance(error, JsonError) else ""
        raise UserError.at(where, f"not a progress report (not JSON){why}",
                           "paste exactly the text the handbook's progress box gave", line, column) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError.at(where, f"not a progress report: 'format' must be '{FORMAT}'",
                           "paste exactly the text the handbook's progress box gave")
    people = {p.id: p for p in playbook.roster}
    person = _pick(where, data, "person", list(people))
    role = _pick(where, data, "role", people[person].roles)
    milestones = [m.id for path in playbook.onboarding if path.role == role for m in path.milestones]
    done = _ids(where, data, "milestones_done", milestones)
    passed = _ids(where, data, "modules_passed", [m.id for m in playbook.modules])
    try:
        reported = dt.date.fromisoformat(str(data.get("reported")))
    except ValueError:
        raise UserError.at(where, f"'reported' is not a date: {data.get('reported')!r}", "write it as YYYY-MM-DD") \
            from None
    return {"person": person, "role": role, "reported": reported, "milestones_done": done, "modules_passed": passed}


def _pick(where: str, data: dict[str, Any], key: str, known: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or value not in known:
        hint = suggest(str(value), known) or f"known: {', '.join(known)}"
        what = "person on the roster" if key == "person" else "role this person holds"
        raise UserError.at(where, f"'{key}' is {json.dumps(value)}, not a {what}", hint)
    return value


def _ids(where: str, data: dict[str, Any], key: str, known: list[str]) -> list[str]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise UserError.at(where, f"'{key}' must be a list of ids")
    for value in values:
        if value not in known:
            raise UserError.at(where, f"'{key}' names {json.dumps(value)}, which the policy does not have",
                               suggest(str(value), known) or f"known: {', '.join(known) or 'none'}")
    return list(dict.fromkeys(values))


def merged(text: str, local: int, report: dict[str, Any]) -> str:
    """The roster file with the person's progress entry for the role replaced or added; comments kept."""
    yaml = YAML()
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    person = data["roster"][local]
    entry = CommentedMap([("role", report["role"]), ("reported", report["reported"]),
                          ("milestones_done", _flow(report["milestones_done"])),
                          ("modules_passed", _flow(report["modules_passed"]))])
    progress = person.setdefault("progress", CommentedSeq())
    found = next((i for i, item in enumerate(progress) if item.get("role") == report["role"]), None)
    if found is None:
        progress.append(entry)
    else:
        progress[found] = entry
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _flow(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq
