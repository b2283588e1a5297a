"""Records never go backwards (issue 27, deliverable 2), and `records import` never crashes on
the roster it writes (deliverable 6).

The example's roster holds Dev Patel's community-manager progress as of 2026-11-20.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.lint.loader import load_playbook
from test_people import copy_example

HELD = {"format": "playbook-progress/1", "person": "dev-p", "role": "community-manager",
        "milestones_done": ["day-1"], "modules_passed": ["voice-basics"]}
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The day `records import` compares with, pinned (no test reads the real clock); the
    report is named from the folder it is in, as a lead would."""
    monkeypatch.setenv("PLAYBOOK_NOW", TODAY.isoformat())
    monkeypatch.chdir(tmp_path)


def import_file(tmp_path: Path, folder: Path, data: bytes, *options: str) -> Result:
    file = tmp_path / "report.json"
    file.write_bytes(data)
    return CliRunner().invoke(main, ["records", "import", "--playbook", str(folder), "-C", str(tmp_path),
                                     *options, file.name])


def report(reported: str) -> bytes:
    return json.dumps({**HELD, "reported": reported}).encode("utf-8")


def devs_progress(folder: Path) -> list[tuple[dt.date, list[str]]]:
    loaded = load_playbook(folder, TODAY)
    assert loaded.playbook is not None
    dev = next(p for p in loaded.playbook.roster if p.id == "dev-p")
    return [(entry.reported, entry.milestones_done) for entry in dev.progress]


def test_an_older_report_is_refused_and_the_roster_keeps_its_date(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    before = (folder / "roster.yaml").read_bytes()
    result = import_file(tmp_path, folder, report("2026-11-01"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        ("report.json:1:1: error: the report of 2026-11-01 is older than the one the roster holds for 'dev-p' in "
        "'community-manager'; the roster keeps the report of 2026-11-20"),
        "    hint: import the newest report; --force replaces the roster's with this older one"]
    assert (folder / "roster.yaml").read_bytes() == before


def test_force_imports_an_older_report(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    result = import_file(tmp_path, folder, report("2026-11-01"), "--force")
    assert result.exit_code == 0, result.output
    assert devs_progress(folder) == [(dt.date(2026, 11, 1), ["day-1"])]


def test_a_report_of_the_same_day_or_newer_is_imported(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    assert import_file(tmp_path, folder, report("2026-11-20")).exit_code == 0
    assert import_file(tmp_path, folder, report("2026-12-07")).exit_code == 0
    assert devs_progress(folder) == [(dt.date(2026, 12, 7), ["day-1"])]


@pytest.mark.parametrize("reported", ["2026-12-08", "2999-01-01"])
def test_a_report_dated_after_today_is_refused(tmp_path: Path, reported: str) -> None:
    folder = copy_example(tmp_path)
    before = (folder / "roster.yaml").read_bytes()
    result = import_file(tmp_path, folder, report(reported))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"report.json:1:1: error: the report is dated {reported}, after today (2026-12-07); "
        "the roster keeps the report of 2026-11-20")
    assert (folder / "roster.yaml").read_bytes() == before
    forced = import_file(tmp_path, folder, report(reported), "--force")
    assert forced.exit_code == 0, forced.output
    assert devs_progress(folder)[0][0] == dt.date.fromisoformat(reported)


def test_a_future_report_for_a_role_without_progress_says_the_roster_is_left_as_it_is(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    data = json.dumps({**HELD, "person": "ben-k", "role": "content-creator", "reported": "2999-01-01"}).encode()
    result = import_file(tmp_path, folder, data)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("report.json:1:1: error: the report is dated 2999-01-01, after today "
                                             "(2026-12-07); the roster is left as it is")


def test_a_report_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    result = import_file(tmp_path, folder, b"\xef\xbb\xbf" + report("2026-12-01"))
    assert result.exit_code == 0, result.output
    assert devs_progress(folder) == [(dt.date(2026, 12, 1), ["day-1"])]


def test_a_roster_that_cannot_be_written_is_a_located_error(tmp_path: Path, monkeypatch) -> None:
    """Root writes anywhere, so the refusal is simulated where the writer swaps the file in."""
    folder = copy_example(tmp_path)
    before = (folder / "roster.yaml").read_bytes()

    def read_only(*_args) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", read_only)
    result = import_file(tmp_path, folder, report("2026-12-01"))
    assert result.exit_code == 1
    roster = os.path.relpath(folder / "roster.yaml")
    assert result.stderr.splitlines()[0] == f"{roster}:1:1: error: cannot write here: Permission denied"
    assert (folder / "roster.yaml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
