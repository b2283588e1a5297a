"""Rotations resolved to the people on shift: queries/shifts.py, `playbook oncall` and `playbook triage --at`.

The example's night-cover rotation is given two members whose shifts test the hard cases:
Nina works Saturday and Sunday nights 22:00-06:00 in London (a shift across midnight), Omar
Saturday 23:30-03:30 in New York (another zone: 04:30-08:30 UTC). A group (`page: everyone`)
of two leads pages both of them whoever is on.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model import Playbook
from generator.queries.shifts import rotations_oncall, say_paged
from test_people import NIGHT_PEOPLE  # Nina: London nights across midnight; Omar: New York

ROOT = Path(__file__).resolve().parent.parent
UTC = dt.UTC

EDITS = [("    members: [noah-w, chloe-t]\n", "    members: [nina-n, omar-n]\n"),
         ("rotations:\n", "rotations:\n  - {id: leads, name: Leads, members: [priya-s, tom-o], page: everyone}\n")]

SUNDAY_3 = dt.datetime(2026, 11, 29, 3, 0, tzinfo=UTC)  # Nina since Saturday 22:00 London; Omar not yet
SUNDAY_5 = dt.datetime(2026, 11, 29, 5, 0, tzinfo=UTC)  # both
SUNDAY_7 = dt.datetime(2026, 11, 29, 7, 0, tzinfo=UTC)  # Nina gone at 06:00; Omar until 03:30 New York
WEDNESDAY = dt.datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # nobody


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("rotations") / "playbook"
    shutil.copytree(ROOT / "playbook", copy)
    roster = copy / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text, f"fixture edit {old!r} does not apply"
        text = text.replace(old, new, 1)
    roster.write_text(text + NIGHT_PEOPLE, encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def playbook(folder) -> Playbook:
    loaded = load_playbook(folder, dt.date(2026, 11, 30))
    assert loaded.playbook is not None, loaded.report.format_text()
    return loaded.playbook


def night(playbook: Playbook, at: dt.datetime):
    return rotations_oncall(playbook, at, ["night-cover"])["night-cover"]


def test_a_night_shift_that_began_yesterday_is_on_after_midnight(playbook):
    entry = night(playbook, SUNDAY_3)
    assert entry.on == ("nina-n",)
    assert entry.paged == ("nina-n",) and not entry.fallback
    assert (entry.next_person, entry.next_from) == ("omar-n", dt.datetime(2026, 11, 29, 4, 30, tzinfo=UTC))


def test_a_member_in_another_zone_is_placed_on_real_instants(playbook):
    assert night(playbook, SUNDAY_5).on == ("nina-n", "omar-n")
    assert night(playbook, SUNDAY_7).on == ("omar-n",)
    assert night(playbook, dt.datetime(2026, 11, 29, 8, 30, tzinfo=UTC)).on == ()  # 03:30 in New York: over


def test_nobody_on_shift_pages_everyone_in_the_rotation(playbook):
    entry = night(playbook, WEDNESDAY)
    assert entry.on == () and entry.fallback
    assert entry.paged == ("nina-n", "omar-n")
    assert (entry.next_person, entry.next_from) == ("nina-n", dt.datetime(2026, 12, 5, 22, 0, tzinfo=UTC))
    names = {p.id: p.name for p in playbook.roster}
    assert say_paged(entry, names) == "nobody in the rotation is on shift: page everyone in it (Nina Night, Omar Night)"
    assert say_paged(night(playbook, SUNDAY_3), names) == "on shift now: Nina Night"


def test_a_group_pages_everyone_whoever_is_on(playbook):
    entry = rotations_oncall(playbook, WEDNESDAY, ["leads"])["leads"]
    assert entry.everyone and not entry.fallback
    assert entry.paged == ("priya-s", "tom-o")
    assert say_paged(entry, {p.id: p.name for p in playbook.roster}) == \
        "a group: page everyone in it (Priya Shah, Tom Okafor)"


def test_every_rotation_is_answered_in_policy_order(playbook):
    assert list(rotations_oncall(playbook, WEDNESDAY)) == [r.id for r in playbook.rotations] == ["leads", "night-cover"]


# --------------------------------------------------------------------------- the commands


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_oncall_json_names_whom_each_rotation_pages(folder):
    result = run("oncall", "--playbook", str(folder), "--at", "2026-11-29 07:00", "--tz", "UTC",
                 "--rotation", "night-cover", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"at": "2026-11-29T07:00:00+00:00", "roles": {}, "rotations": {
        "night-cover": {"on": ["omar-n"], "next": {"person": "nina-n", "from": "2026-11-29T22:00:00+00:00"},
                        "paged": ["omar-n"], "page": "on-shift"}}}


def test_oncall_text_lists_rotations_after_roles(folder):
    result = run("oncall", "--playbook", str(folder), "--at", "2026-12-02 12:00", "--tz", "UTC")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("Leads (rotation leads)")
    assert all(not line.startswith("  ") or line.startswith(("  on:", "  next:"))
               for line in lines[:start])  # the roles come first
    tail = lines[start:start + 8]
    assert tail == [
        "Leads (rotation leads)",
        "  on:   Priya Shah, Tom Okafor",
        "  page: a group: page everyone in it (Priya Shah, Tom Okafor)",
        "  next: Tom Okafor (tom-o) from Thu 2026-12-03 07:00",
        "Night cover (rotation night-cover)",
        "  on:   nobody",
        "  page: nobody in the rotation is on shift: page everyone in it (Nina Night, Omar Night)",
        "  next: Nina Night (nina-n) from Sat 2026-12-05 22:00",
    ]


def test_oncall_rejects_an_unknown_rotation_with_a_hint(folder):
    result = run("oncall", "--playbook", str(folder), "--rotation", "night-covr")
    assert result.exit_code == 2
    assert "unknown rotation 'night-covr' in --rotation; did you mean 'night-cover'?" in result.output


def triage_step(folder: Path, at: str) -> str:
    result = run("triage", "--playbook", str(folder), "--trigger", "legal-threat", "--spread", "viral",
                 "--at", at, "--tz", "UTC", "--format", "json")
    assert result.exit_code == 0, result.output
    steps = [text for kind, text in json.loads(result.output) if kind == "ol"]
    return steps[0]


def test_triage_names_who_in_the_rotation_is_on_shift_at_the_moment(folder):
    assert triage_step(folder, "2026-11-29 03:00").startswith(
        "Night cover (whoever is on shift: Nina Night, Omar Night) (Night pager: NW-NIGHT-1): "
        "on shift now: Nina Night, acknowledge within 5")
    assert "on shift now: Nina Night, Omar Night," in triage_step(folder, "2026-11-29 05:00")


def test_triage_falls_back_to_everyone_when_nobody_in_the_rotation_is_on(folder):
    assert ": nobody in the rotation is on shift: page everyone in it (Nina Night, Omar Night), acknowledge" in \
        triage_step(folder, "2026-12-02 12:00")


def test_triage_rejects_a_moment_it_cannot_read(folder):
    result = run("triage", "--playbook", str(folder), "--trigger", "legal-threat", "--at", "tomorrow")
    assert result.exit_code == 2
    assert "'tomorrow' is not a date and time; write it as \"YYYY-MM-DD HH:MM\"" in result.output
