"""Policy integrity, tried the way a policy editor would: plant one realistic mistake at a
time in a copy of the example (tests/seeded_defects.py) and require `playbook validate` to
name it at the right file and line, with its hint. Together they are the per-check tests
(each check has at least one defect that plants it) and the recall measure (must be 100%).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import example_playbook
from generator.cli import main
from generator.diagnostics import Diagnostic
from generator.lint.loader import load_playbook
from seeded_defects import DEFECTS, HINTS, Defect

TODAY = dt.date(2026, 11, 25)  # pinned: holding statements and watchlist entries expire


def planted(defect: Defect, root: Path) -> Path:
    folder = root / "playbook"
    shutil.copytree(example_playbook(), folder)
    for file, old, new in defect.edits:
        text = (folder / file).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{defect.name}: the text to replace must occur once in {file}"
        (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    return folder


def short(diagnostic: Diagnostic) -> str:
    """The diagnostic's line with the file named as in the playbook folder."""
    return (f"{Path(diagnostic.file).name}:{diagnostic.line}:{diagnostic.column}: {diagnostic.level}: "
            f"{diagnostic.message}")


@cache
def findings(name: str, root: Path) -> tuple[Diagnostic, ...]:
    defect = next(d for d in DEFECTS if d.name == name)
    folder = planted(defect, root / name.replace(" ", "-").replace("'", "").replace('"', ""))
    return tuple(load_playbook(folder, TODAY).report.sorted())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seeded")


def test_every_defect_has_a_unique_name_and_a_pinned_hint() -> None:
    names = [d.name for d in DEFECTS]
    assert len(names) == len(set(names)) >= 30
    assert set(HINTS) == set(names)


@pytest.mark.parametrize("name", [d.name for d in DEFECTS])
def test_a_seeded_defect_is_found_at_its_place_with_its_hint(corpus: Path, name: str) -> None:
    defect = next(d for d in DEFECTS if d.name == name)
    found = findings(name, corpus)
    matching = [d for d in found if short(d) == defect.expected]
    assert matching, "\n".join(short(d) for d in found)
    assert matching[0].hint == HINTS[name]


def test_recall_of_the_seeded_defects_is_complete(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missed = [d.name for d in DEFECTS if d.expected not in {short(x) for x in findings(d.name, corpus)}]
    recall = (len(DEFECTS) - len(missed)) / len(DEFECTS)
    with capsys.disabled():
        sys.stdout.write(f"\nseeded defects found: {len(DEFECTS) - len(missed)}/{len(DEFECTS)} (recall {recall:.0%})\n")
    assert missed == []


def test_the_untouched_example_has_no_message_at_all() -> None:
    assert load_playbook(example_playbook(), TODAY).report.sorted() == []


def test_the_untouched_example_is_valid_under_strict() -> None:
    result = CliRunner().invoke(main, ["validate", "--playbook", str(example_playbook()), "--strict",
                                       "--today", TODAY.isoformat()], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "playbook is valid"


def test_a_shape_error_in_one_file_does_not_hide_a_policy_error_in_another(tmp_path: Path) -> None:
    """A typo in voice.yaml leaves out one voice example; the wrong deadline in escalation.yaml
    is still reported, and the checks that need the example say once that they wait."""
    defect = Defect("typo and deadline", (
        ("voice.yaml", "      situation: You are logged into", "      situaton: You are logged into"),
        ("escalation.yaml", "      respond_within_minutes: 10\n", "      respond_within_minutes: 45\n")), "")
    report = load_playbook(planted(defect, tmp_path), TODAY).report.sorted()
    voice = next(d.file for d in report if d.file.endswith("voice.yaml"))  # as the CLI shows it
    assert [short(d) for d in report] == [
        ("escalation.yaml:140:31: error: severity 'critical' (level 5) allows 45 minutes to respond, longer than "
        "'severe' (level 4) with 15"),
        (f"voice.yaml:171:1: info: 3 checks skipped until {voice}:171 is fixed: campaign hashtags that have "
        "ended, holding statements through the draft checker, voice examples through the draft checker"),
        "voice.yaml:172:7: error: unknown key 'situaton' in voice example 'personal-post'",
    ]


def test_the_skip_note_is_said_once_for_several_broken_places(tmp_path: Path) -> None:
    defect = Defect("two typos", (
        ("voice.yaml", "      situation: You are logged into", "      situaton: You are logged into"),
        ("roles.yaml", "    escalates_to: comms-lead\n    backups:\n      - social-media-manager\n",
         "    escalates_to: comms-lead\n    backup:\n      - social-media-manager\n")), "")
    notes = [d for d in load_playbook(planted(defect, tmp_path), TODAY).report.sorted() if d.level == "info"]
    assert len(notes) == 1
    assert notes[0].message.startswith(f"21 checks skipped until {notes[0].file}:{notes[0].line} is fixed")
    assert notes[0].file.endswith("roles.yaml")
    assert "(and 1 other place above)" in notes[0].message
