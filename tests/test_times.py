"""One reader of the moments and zones people type (generator/dates.py, issue 24): `check`,
`triage` and `oncall` take the same `--at` and `--tz`, `validate --today` and `PLAYBOOK_NOW`
the same forms, a scheduler's ISO times are read by the same code, and the policy's
`timezone:` is refused in the same words. The same inputs run through every command that
takes --at: each accepts or refuses them alike, reads the same instant, and says what is
wrong in the same words, naming the option."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.checker.schedule import parse_scheduled
from generator.cli import main, shared
from generator.dates import MOMENT_HINT, iso_moment, parse_moment, zone_of

EXAMPLE = Path(__file__).resolve().parent.parent / "playbook"
LONDON, BERLIN = ZoneInfo("Europe/London"), ZoneInfo("Europe/Berlin")
TEN_UTC = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["2026-12-07 10:00", "2026-12-07T10:00", "2026-12-07 10:00:00",
                                  " 2026-12-07T10:00:00 ", "2026-12-07t10:00:30.5"])
def test_every_form_of_a_wall_clock_moment_reads_the_same(text):
    assert parse_moment(text, LONDON) == dt.datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)


@pytest.mark.parametrize("text", ["2026-12-07T10:00Z", "2026-12-07T11:00+01:00", "2026-12-07 05:00-0500",
                                  "2026-12-07T10:00:00+00:00"])
def test_a_moment_with_an_offset_is_the_instant_it_names_shown_in_the_zone(text):
    moment = parse_moment(text, BERLIN)
    assert moment == TEN_UTC and moment.tzinfo is BERLIN and moment.hour == 11


def test_a_bare_date_is_its_midnight_and_a_bad_one_says_how_to_write_it():
    assert parse_moment("2026-12-07", LONDON) == dt.datetime(2026, 12, 7, tzinfo=LONDON)
    for bad in ("2026-02-30 09:00", "tomorrow", "2026-12-07T10:00+01", "2026-12-07 10", "07/12/2026 10:00"):
        with pytest.raises(ValueError, match=re.escape(f"'{bad}' is not a date and time; {MOMENT_HINT}")):
            parse_moment(bad, LONDON)
    with pytest.raises(ValueError, match="outside the years"):
        parse_moment("9999-12-31 23:59", LONDON)


def test_a_zone_is_read_once():
    assert zone_of("Europe/London").key == "Europe/London"
    with pytest.raises(ValueError, match="'Europe/Londn' is not a known time zone; use an IANA name"):
        zone_of("Europe/Londn")


def test_a_schedulers_iso_times_are_read_as_at_is():
    for text in ("2026-12-07T10:00Z", "2026-12-07T11:00+01:00", "2026-12-07 10:00"):
        assert parse_scheduled(text, "UTC") == parse_moment(text, dt.UTC)


# Every command that takes --at, with the options it needs besides.
COMMANDS = {
    "check": ["check", "--account", "nw-x-uk", "-"],
    "triage": ["triage", "--trigger", "legal-threat"],
    "oncall": ["oncall"],
}
# (--at, --tz or None, the instant it names, or None: refused)
INPUTS = [
    ("2026-12-07", "UTC", dt.datetime(2026, 12, 7, 0, 0, tzinfo=dt.UTC)),
    ("2026-12-07 11:00", "Europe/Berlin", TEN_UTC),
    ("2026-12-07T10:00", "Europe/London", TEN_UTC),
    ("2026-12-07T11:00+01:00", None, TEN_UTC),
    ("2026-12-07T05:00-05:00", "Europe/Berlin", TEN_UTC),  # the offset names the instant; --tz only shows it
    ("2026-12-07T10:00Z", "UTC", TEN_UTC),
    ("tomorrow", None, None),
    ("2026-02-30 09:00", "UTC", None),
    ("9999-01-01", None, None),
    ("2026-12-07T10:00+01", None, None),
]


def _run(args: list[str]) -> tuple[Any, list[dt.datetime]]:
    """A command's result and every moment it read for --at (the one reader, watched)."""
    read: list[dt.datetime] = []

    def watched(text: str, zone: dt.tzinfo | None = None) -> dt.datetime:
        read.append(parse_moment(text, zone))
        return read[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shared, "parse_moment", watched)
        result = CliRunner().invoke(main, [args[0], "--playbook", str(EXAMPLE), *args[1:]], input="Morning all.")
    return result, read


@pytest.mark.parametrize(("at", "tz", "instant"), INPUTS, ids=[i[0] for i in INPUTS])
def test_every_command_reads_the_same_at_alike(at: str, tz: str | None, instant: dt.datetime | None):
    """`check --at 2026-12-07T10:00` worked while `triage --at` refused the same text; an offset
    was taken by PLAYBOOK_NOW and refused by --at."""
    said = set()
    for name, command in COMMANDS.items():
        args = [*command, "--at", at, *(["--tz", tz] if tz else [])]
        if name == "oncall" or name == "triage":
            args += ["--format", "json"]
        result, read = _run(args)
        if instant is None:
            assert result.exit_code == 2, (name, result.output)
            assert "Traceback" not in result.output
            line = next(line for line in result.output.splitlines() if line.startswith("Error: "))
            assert line.startswith("Error: Invalid value for --at: "), (name, line)
            said.add(line)
        else:
            assert result.exit_code in (0, 1), (name, result.output)
            assert read == [instant], (name, read)
            if name == "oncall":
                assert dt.datetime.fromisoformat(json.loads(result.output)["at"]) == instant
    assert len(said) <= 1, said  # refused in the same words everywhere
    if instant is None:
        assert said.pop().endswith(MOMENT_HINT) or "outside the years" in at or at.startswith("9999")


@pytest.mark.parametrize(("at", "tz", "instant"), INPUTS, ids=[i[0] for i in INPUTS])
def test_playbook_now_takes_the_same_forms(monkeypatch, at: str, tz: str | None, instant: dt.datetime | None):
    monkeypatch.setenv("PLAYBOOK_NOW", at)
    result = CliRunner().invoke(main, ["oncall", "--playbook", str(EXAMPLE), "--tz", "UTC", "--format", "json"])
    if instant is None:
        assert result.exit_code == 1 and f"PLAYBOOK_NOW:1:1: error: '{at}' " in result.output, result.output
    else:
        assert result.exit_code == 0, result.output
        if iso_moment(at).tzinfo is not None:  # with an offset: the same instant as --at
            assert dt.datetime.fromisoformat(json.loads(result.output)["at"]) == instant


# validate --today reads a day: every refused input, and one accepted (a whole validation is slow).
@pytest.mark.parametrize(("at", "refused"), [(at, True) for at, _, instant in INPUTS if instant is None]
                         + [("2026-12-07T11:00+01:00", False)])
def test_validate_today_takes_the_same_forms(at: str, refused: bool):
    today = CliRunner().invoke(main, ["validate", "--playbook", str(EXAMPLE), "--today", at])
    assert (today.exit_code == 2) is refused, today.output
    assert ("Invalid value for --today: " in today.output) is refused and "Traceback" not in today.output


@pytest.mark.parametrize("command", list(COMMANDS.values()), ids=list(COMMANDS))
def test_a_bad_zone_is_refused_alike(command):
    result, _ = _run([*command, "--at", "2026-12-07 10:00", "--tz", "Mars/Olympus"])
    assert result.exit_code == 2
    assert ("Invalid value for --tz: 'Mars/Olympus' is not a known time zone; use an IANA name such as "
            "Europe/London") in result.output
