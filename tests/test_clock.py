"""One clock (generator/clock.py): every command reads "now" from it, PLAYBOOK_NOW pins it for a
whole run, and the example and the starters do not rot on a date.

conftest.py pins PLAYBOOK_NOW for the suite; tests here move it further on purpose.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PINNED, ROOT, make_project, mkdocs_env, run_mkdocs
from generator import clock
from generator.cli import main
from generator.diagnostics import UserError
from generator.read.redate import anchor_of

HALF_A_YEAR = dt.timedelta(days=180)
TWO_YEARS = dt.timedelta(days=730)


def moved(delta: dt.timedelta) -> str:
    return (PINNED + delta).isoformat()


@pytest.mark.parametrize(("written", "expected"), [
    ("2027-03-01", dt.datetime(2027, 3, 1, 0, 0)),
    ("2027-03-01 09:30", dt.datetime(2027, 3, 1, 9, 30)),
    ("2027-03-01T09:30:59", dt.datetime(2027, 3, 1, 9, 30)),
])
def test_playbook_now_pins_the_moment_in_the_machines_zone(monkeypatch, written, expected):
    monkeypatch.setenv("PLAYBOOK_NOW", written)
    assert clock.now() == expected.astimezone()
    assert clock.today() == expected.date()


def test_a_moment_with_an_offset_keeps_it(monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NOW", "2027-03-01T23:30+05:00")
    assert clock.now() == dt.datetime(2027, 3, 1, 18, 30, tzinfo=dt.UTC)
    assert clock.today() == dt.date(2027, 3, 1)  # the day where the moment was written


@pytest.mark.parametrize(("written", "message"), [
    ("tomorrow", ("PLAYBOOK_NOW:1:1: error: 'tomorrow' is not a date and time\n"
                 "    hint: write it as \"YYYY-MM-DD HH:MM\", a date (YYYY-MM-DD) or ISO 8601 with an offset "
                 "(2026-12-07T10:00+01:00)")),
    ("2027-02-30", "PLAYBOOK_NOW:1:1: error: '2027-02-30' is not a date and time"),
    ("9999-01-01", "PLAYBOOK_NOW:1:1: error: '9999-01-01' is outside the years 1900 to 2200 the playbook reads"),
])
def test_a_bad_playbook_now_is_a_located_error(monkeypatch, written, message):
    monkeypatch.setenv("PLAYBOOK_NOW", written)
    with pytest.raises(UserError) as raised:
        clock.now()
    assert raised.value.report.format_text().startswith(message)


def test_every_command_reports_a_bad_playbook_now_without_a_traceback(monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NOW", "next tuesday")
    commands = (["validate"], ["check", "-", "--account", "nw-x-uk"], ["oncall"],
                ["triage", "--signal", "legal_threat"])
    for args in commands:
        result = CliRunner().invoke(main, [args[0], "--playbook", str(ROOT / "playbook"), *args[1:]],
                                    input="Hello")
        assert result.exit_code == 1, (args, result.output)
        assert "PLAYBOOK_NOW:1:1: error: 'next tuesday' is not a date and time" in result.output, args
        assert result.exception is None or isinstance(result.exception, SystemExit), args


def test_source_date_epoch_dates_a_build_but_not_a_check(monkeypatch):
    """Reproducible builds set SOURCE_DATE_EPOCH; some shells export it for good (Nix: 1980),
    where judging a draft in 1980 would miss every live event."""
    monkeypatch.delenv("PLAYBOOK_NOW")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")  # 2026-11-30 UTC
    assert clock.build_today() == dt.date(2026, 11, 30)
    monkeypatch.setenv("PLAYBOOK_NOW", "2027-01-02")
    assert clock.build_today() == dt.date(2027, 1, 2)  # the pin wins for builds too
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    monkeypatch.delenv("PLAYBOOK_NOW")
    with pytest.raises(UserError, match="'soon' is not a number of seconds since 1970"):
        clock.build_today()


def validate_strict(playbook: Path, now: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "validate", "--strict", "--playbook", str(playbook)],
                          env={**mkdocs_env(), "PLAYBOOK_NOW": now}, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("delta", [dt.timedelta(0), HALF_A_YEAR])
def test_the_example_validates_strict_today_and_half_a_year_on(delta):
    done = validate_strict(ROOT / "playbook", moved(delta))
    assert done.returncode == 0, done.stderr


def test_the_example_builds_strict_with_plain_mkdocs_half_a_year_on(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NOW", moved(HALF_A_YEAR))
    project = make_project(tmp_path / "project")
    done = run_mkdocs(project, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("starter", ["example", "minimal"])
def test_a_project_made_two_years_on_is_dated_that_day_and_builds_strict(tmp_path, monkeypatch, starter):
    later = moved(TWO_YEARS)
    monkeypatch.setenv("PLAYBOOK_NOW", later)
    target = tmp_path / "team"
    made = CliRunner().invoke(main, ["init", "--from", starter, "--site-url", "https://handbook.example/",
                                     str(target)])
    assert made.exit_code == 0, made.output
    texts = {p.name: p.read_text(encoding="utf-8") for p in (target / "playbook").glob("*.yaml")}
    assert anchor_of(texts) == (PINNED + TWO_YEARS).date()  # its latest record or review is today
    if starter == "minimal":
        assert f"effective_date: {(PINNED + TWO_YEARS).date()}" in texts["handbook.yaml"]
    assert validate_strict(target / "playbook", later).returncode == 0
    assert validate_strict(target / "playbook", moved(TWO_YEARS + HALF_A_YEAR)).returncode == 0
    built = subprocess.run([sys.executable, "-m", "generator", "build", "--strict", "-C", str(target)],
                           env={**mkdocs_env(), "PLAYBOOK_NOW": later, "PLAYBOOK_CACHE_DIR": str(tmp_path / "c")},
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr


def test_redating_keeps_the_text_and_the_worlds_days(tmp_path, monkeypatch):
    """Comments and quotes stay byte for byte; a sensitive day in calendar: is the world's, not the policy's."""
    monkeypatch.setenv("PLAYBOOK_NOW", moved(TWO_YEARS))
    target = tmp_path / "team"
    assert CliRunner().invoke(main, ["init", "--from", "example", "--site-url", "", str(target)]).exit_code == 0
    for original in sorted((ROOT / "playbook").glob("*.yaml")):
        before = original.read_text(encoding="utf-8").splitlines()
        after = (target / "playbook" / original.name).read_text(encoding="utf-8").splitlines()
        assert len(before) == len(after), original.name
        for old, new in zip(before, after, strict=True):
            if old != new:  # only a date moved on this line
                assert old.split(":")[0] == new.split(":")[0], (original.name, old, new)
    calendar = (target / "playbook" / "calendar.yaml").read_text(encoding="utf-8")
    assert 'date: "09-11"' in calendar and 'rule: "FREQ=YEARLY;BYMONTH=11;BYDAY=2SU"' in calendar


@pytest.mark.moves_clock
def test_the_non_browser_suite_passes_with_the_system_clock_two_years_ahead(tmp_path):
    """The proof that no test reads the real date: the same suite, under Debian's faketime.

    Left out: the live-reload test, which reads no date but waits on MkDocs' watcher and
    rebuild threads; libfaketime shifts the monotonic clock their timed waits use (and with
    DONT_FAKE_MONOTONIC, time.sleep fails with EINVAL), so under it no rebuild ever starts.
    The tests that run Zensical too: its Rust runtime hangs under libfaketime (it prints
    "Build started" and waits forever); the pages it builds are rendered by the same Python
    code the rest of this run covers."""
    faketime = shutil.which("faketime")
    assert faketime, "faketime is missing: run 'python tests/prepare.py'"
    env = {key: value for key, value in os.environ.items() if key != "PLAYBOOK_NOW"}
    env["PLAYBOOK_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run([faketime, "-f", "+730d", sys.executable, "-m", "pytest", "-q", "-x", "-p",
                           "no:cacheprovider", "-m",
                           "not browser and not moves_clock and not live_reload and not zensical",
                           str(ROOT / "tests")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1]
