"""One reader of the moments and zones people type (generator/dates.py, issue 24): `check`,
`sweep`, `triage` and `oncall` take the same `--at` and `--tz`, and the policy's `timezone:`
is refused in the same words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.dates import parse_local, zone_of

EXAMPLE = Path(__file__).resolve().parent.parent / "playbook"


@pytest.mark.parametrize("text", ["2026-12-07 10:00", "2026-12-07T10:00", "2026-12-07 10:00:00",
                                  " 2026-12-07T10:00:00 "])
def test_every_form_of_a_moment_reads_the_same(text):
    assert parse_local(text) == dt.datetime(2026, 12, 7, 10, 0)


def test_a_bare_date_is_its_midnight_and_a_bad_one_says_how_to_write_it():
    assert parse_local("2026-12-07") == dt.datetime(2026, 12, 7)
    with pytest.raises(ValueError, match=r"'2026-02-30 09:00' is not a date and time; write it as \"YYYY-MM-DD"):
        parse_local("2026-02-30 09:00")
    with pytest.raises(ValueError, match="outside the years"):
        parse_local("9999-12-31 23:59")


def test_a_zone_is_read_once():
    assert zone_of("Europe/London").key == "Europe/London"
    with pytest.raises(ValueError, match="'Europe/Londn' is not a known time zone; use an IANA name"):
        zone_of("Europe/Londn")


@pytest.mark.parametrize("command", [
    ["check", "--at", "{at}", "--tz", "{tz}", "-"],
    ["triage", "--trigger", "legal-threat", "--at", "{at}", "--tz", "{tz}"],
    ["oncall", "--at", "{at}", "--tz", "{tz}"],
])
def test_every_command_takes_the_same_at_and_tz(command):
    """`check --at 2026-12-07T10:00` worked while `triage --at` refused the same text."""
    for at, tz, refused in (("2026-12-07T10:00", "Europe/London", False), ("2026-12-07 10:00", "UTC", False),
                            ("tomorrow", "UTC", True), ("2026-12-07 10:00", "Mars/Olympus", True)):
        args = [a.format(at=at, tz=tz) for a in command]
        result = CliRunner().invoke(main, [args[0], "--playbook", str(EXAMPLE), *args[1:]], input="Morning all.")
        assert (result.exit_code == 2) is refused, (args, result.output)
        if refused:
            assert "is not a date and time" in result.output or "is not a known time zone" in result.output
