"""People: shifts on real instants, `playbook oncall`, training records and their checks.

`oncall` is checked against an independent computation: each person's own wall clock and
weekday at the instant, read straight from roster.yaml's text (not the model), at every
half hour of a week and across daylight-saving changes in three zones.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from generator.cli import main
from generator.lint.loader import load_playbook
from generator.queries.shifts import oncall, oncall_json
from generator.queries.training import may_act_alone, standing
from generator.render.pages import coverage

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)
UTC = dt.UTC
STAGES = ["shadow", "supervised", "solo"]  # the built-in order, as the example declares it
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# A night shift across the spring-forward night in London, and one in New York's.
NIGHT_PEOPLE = """
  - id: nina-n
    name: Nina Night
    roles: [night-moderator]
    timezone: Europe/London
    shifts:
      - days: [sat, sun]
        start: "22:00"
        end: "06:00"
  - id: omar-n
    name: Omar Night
    roles: [night-moderator]
    timezone: America/New_York
    shifts:
      - days: [sat]
        start: "23:30"
        end: "03:30"
"""


def copy_example(tmp_path: Path, roster_edit=None, extra: str = "") -> Path:
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    roster = folder / "roster.yaml"
    text = roster.read_text()
    if roster_edit:
        old, new = roster_edit
        assert old in text, f"fixture edit {old!r} does not apply"
        text = text.replace(old, new, 1)
    roster.write_text(text + extra)
    return folder


def load(folder: Path):
    loaded = load_playbook(folder, TODAY)
    return loaded


# --------------------------------------------------------------------------- an independent oncall


def raw_roster(folder: Path) -> list[dict]:
    return YAML(typ="safe").load((folder / "roster.yaml").read_text())["roster"]


def clock(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def on_by_wall_clock(person: dict, moment: dt.datetime) -> bool:
    """On shift by the person's local clock and weekday: today's shift started, or yesterday's runs past midnight."""
    local = moment.astimezone(ZoneInfo(person["timezone"]))
    now = local.hour * 60 + local.minute
    today, yesterday = DAYS[local.weekday()], DAYS[(local.weekday() - 1) % 7]
    for shift in person["shifts"]:
        start, end = clock(shift["start"]), clock(shift["end"])
        if start < end:
            if today in shift["days"] and start <= now < end:
                return True
        elif (today in shift["days"] and now >= start) or (yesterday in shift["days"] and now < end):
            return True
    return False


def expected(people: list[dict], role: str, moment: dt.datetime) -> list[str]:
    return sorted(p["id"] for p in people if role in p["roles"] and on_by_wall_clock(p, moment))


def next_by_stepping(people: list[dict], role: str, moment: dt.datetime) -> tuple[str, dt.datetime] | None:
    """The first minute after `moment` at which someone in the role goes from off to on."""
    holders = [p for p in people if role in p["roles"]]
    state = {p["id"]: on_by_wall_clock(p, moment) for p in holders}
    for step in range(1, 8 * 24 * 60 + 1):
        t = moment + dt.timedelta(minutes=step)
        starting = sorted(p["id"] for p in holders if on_by_wall_clock(p, t) and not state[p["id"]])
        if starting:
            return starting[0], t
        state = {p["id"]: on_by_wall_clock(p, t) for p in holders}
    return None


def instants(start: dt.datetime, hours: int, every: int = 30) -> list[dt.datetime]:
    return [start + dt.timedelta(minutes=m) for m in range(0, hours * 60, every)]


WEEKS = [
    dt.datetime(2026, 11, 30, 0, 0, tzinfo=UTC),  # an ordinary week (no change anywhere)
    dt.datetime(2027, 3, 13, 12, 0, tzinfo=UTC),  # New York springs forward on Sunday 14 March
    dt.datetime(2027, 3, 27, 12, 0, tzinfo=UTC),  # London and Berlin on Sunday 28 March
    dt.datetime(2027, 4, 3, 0, 0, tzinfo=UTC),    # Sydney falls back on Sunday 4 April
    dt.datetime(2026, 10, 31, 12, 0, tzinfo=UTC),  # New York falls back on Sunday 1 November
]


@pytest.fixture(scope="module")
def night_example(tmp_path_factory):
    folder = copy_example(tmp_path_factory.mktemp("night"), extra=NIGHT_PEOPLE)
    loaded = load(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    return folder, loaded.playbook


def test_oncall_matches_each_persons_own_wall_clock_across_a_week_midnight_and_dst(night_example):
    folder, playbook = night_example
    people = raw_roster(folder)
    checked = 0
    for start in WEEKS:
        hours = 7 * 24 if start == WEEKS[0] else 48
        for moment in instants(start, hours):
            answer = oncall(playbook, moment)
            for role in playbook.roles:
                assert list(answer[role.id].on) == expected(people, role.id, moment), (moment, role.id)
                checked += 1
    assert checked > 5000


@pytest.mark.parametrize("moment", [
    dt.datetime(2026, 11, 30, 10, 0, tzinfo=UTC),
    dt.datetime(2026, 12, 4, 23, 45, tzinfo=UTC),   # Friday night: the weekend comes next
    dt.datetime(2027, 3, 27, 21, 59, tzinfo=UTC),   # a minute before London's Saturday night shift
    dt.datetime(2027, 3, 28, 0, 30, tzinfo=UTC),    # London's night shift, half an hour before the change
    dt.datetime(2027, 4, 3, 18, 0, tzinfo=UTC),     # the night Sydney falls back
])
def test_next_shift_is_the_first_start_after_the_moment(night_example, moment):
    folder, playbook = night_example
    people = raw_roster(folder)
    answer = oncall(playbook, moment)
    for role in playbook.roles:
        found = next_by_stepping(people, role.id, moment)
        entry = answer[role.id]
        if found is None:
            assert entry.next_person is None
        else:
            assert (entry.next_person, entry.next_from) == found, role.id


def test_a_night_shift_across_spring_forward_lasts_seven_hours(night_example):
    _, playbook = night_example
    answer = oncall(playbook, dt.datetime(2027, 3, 27, 21, 59, tzinfo=UTC), ["night-moderator"])
    assert answer["night-moderator"].next_person == "nina-n"
    assert answer["night-moderator"].next_from == dt.datetime(2027, 3, 27, 22, 0, tzinfo=UTC)
    ends = [m for m in instants(dt.datetime(2027, 3, 28, 4, 0, tzinfo=UTC), 3, 15)
            if "nina-n" not in oncall(playbook, m, ["night-moderator"])["night-moderator"].on]
    assert ends[0] == dt.datetime(2027, 3, 28, 5, 0, tzinfo=UTC)  # 06:00 BST


def test_oncall_json_has_the_documented_shape():
    loaded = load(ROOT / "playbook")
    playbook = loaded.playbook
    at = dt.datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    document = oncall_json(oncall(playbook, at), at, ZoneInfo("Europe/London"))
    assert document["at"] == "2026-11-30T10:00:00+00:00"
    assert document["roles"]["social-media-manager"] == {
        "on": ["tom-o"], "next": {"person": "rosa-m", "from": "2026-11-30T17:30:00+00:00"}}
    assert document["roles"]["legal-liaison"] == {
        "on": ["marta-k"], "next": {"person": "marta-k", "from": "2026-12-01T09:00:00+00:00"}}


# --------------------------------------------------------------------------- the command


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_oncall_command_reads_at_in_the_given_zone(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("oncall", "--at", "2026-11-30 05:00", "--tz", "America/New_York", "--role", "social-media-manager",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    inboxes = document.pop("inboxes")
    assert document == {"at": "2026-11-30T05:00:00-05:00", "roles": {"social-media-manager": {
        "on": ["tom-o"], "next": {"person": "rosa-m", "from": "2026-11-30T12:30:00-05:00"}}}, "rotations": {}}
    # the inboxes the role checks, each read in its own zone: 10:00 in London, 11:00 in Berlin, 05:00 in New York
    assert {i["account"]: (i["zone"], i["next"]) for i in inboxes} == {
        "nw-x-global": ("Europe/London", "13:00"), "nw-x-uk": ("Europe/London", "13:00"),
        "nw-x-de": ("Europe/Berlin", "13:00"), "nw-x-us": ("America/New_York", "09:00")}


def test_oncall_text_names_people_stages_and_backups(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("oncall", "--at", "2026-11-30 10:00", "--tz", "Europe/London")
    assert result.exit_code == 0, result.output
    assert "  on:   Dev Patel (dev-p, supervised: not solo), Jamie Clarke (jamie-c)" in result.output
    assert ("Night & Weekend Moderator (night-moderator)\n  on:   nobody; backups: Community Manager "
            "(Dev Patel, Jamie Clarke)\n  next: Noah Williams (noah-w) from Mon 2026-11-30 21:00") in result.output
    assert "Ben Kowalski (ben-k, shadow; supervised pending sign-off: not solo)" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "comunity-manager"], "unknown role 'comunity-manager' in --role; did you mean 'community-manager'?"),
    (["--tz", "Mars/Olympus"], "'Mars/Olympus' is not a known time zone"),
    (["--at", "tomorrow"], "'tomorrow' is not a date and time; write it as \"YYYY-MM-DD HH:MM\""),
])
def test_oncall_usage_errors_exit_2(monkeypatch, args, message):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["oncall", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


# --------------------------------------------------------------------------- training records


def test_example_has_someone_in_shadow_someone_overdue_and_a_pending_sign_off():
    playbook = load(ROOT / "playbook").playbook
    people = {p.id: p for p in playbook.roster}
    maya = standing(people["maya-l"], "care-liaison", STAGES)
    assert maya.stage == "shadow" and maya.pending is None
    ben = standing(people["ben-k"], "content-creator", STAGES)
    assert ben.stage == "shadow" and ben.pending is not None and ben.pending.stage == "supervised"
    dev = standing(people["dev-p"], "community-manager", STAGES)
    assert dev.stage == "supervised" and dev.since == dt.date(2026, 9, 14)
    assert not may_act_alone(people["dev-p"], "community-manager", STAGES)
    assert may_act_alone(people["ellie-m"], "content-creator", STAGES)  # no record: not tracked, counts as solo


def diagnostics(folder: Path) -> list[str]:
    return load(folder).report.format_text().splitlines()


def test_a_trainee_alone_on_shift_is_warned_with_the_hours(tmp_path):
    # Ellie (solo) moves to 10:00-17:00: Ben, not yet solo, is alone for his first and last half hour.
    folder = copy_example(tmp_path, (('        start: "09:30"\n        end: "18:00"\n    contact:\n'
                                     '      - channel: Slack\n        address: "@ellie"'),
                                     ('        start: "10:00"\n        end: "17:00"\n    contact:\n'
                                     '      - channel: Slack\n        address: "@ellie"')))
    lines = diagnostics(folder)
    line = next(i for i, text in enumerate(lines) if "ben-k" in text)
    assert lines[line].endswith("warning: 'ben-k' is rostered alone as 'content-creator' (shadow, not solo): "
                                "Mon–Fri 09:30–10:00, Mon–Fri 17:00–18:00 (Europe/London)")
    assert lines[line].split(":")[0].endswith("playbook/roster.yaml")
    assert lines[line + 1] == ("    hint: sign off their solo stage in 'training:', put someone solo in "
                               "'content-creator' on shift with them, or change the shift")


def test_coverage_counts_only_people_who_may_act_alone(tmp_path):
    playbook = load(ROOT / "playbook").playbook
    zone, week = coverage.reference_zone(playbook), coverage.reference_week(playbook)
    grids, anyone = coverage.role_grids(playbook.roster, zone, week, playbook.stage_order)
    monday = 0
    assert grids["community-manager"].counts[monday][8] == 1  # Jamie; Dev (supervised) is not counted
    assert anyone.counts[monday][8] >= 2
    assert "care-liaison" in grids  # Sofia and Chloe; Maya (shadow) does not add to it


RECORD = """    training:
      - role: community-manager
        stage: shadow
        since: 2026-09-07
        signed_off_by: priya-s
"""


@pytest.mark.parametrize(("new", "expected_lines"), [
    (RECORD.replace("priya-s", "dev-p"),
     ["error: 'dev-p' signs off their own shadow stage",
      "    hint: someone else who holds the signing role must sign it off"]),
    (RECORD.replace("priya-s", "ellie-m"),
     ["error: 'ellie-m' may not sign off the shadow stage of 'community-manager': they hold content-creator",
      "    hint: the sign-off needs someone holding: head-of-social"]),
    (RECORD.replace("priya-s", "pryia-s"),
     ["error: person 'dev-p', training 'community-manager', signed_off_by: unknown person 'pryia-s'",
      "    hint: did you mean 'priya-s'?"]),
    (RECORD.replace("2026-09-07", "2024-01-10"),
     [("error: 'priya-s' signed off 'dev-p' on 2024-01-10 but was not yet solo as 'head-of-social' then "
      "(since 2024-02-05)"),
      "    hint: the signer must be signed off solo in the signing role on the day they sign"]),
    (RECORD.replace("stage: shadow", "stage: supervised"),
     ["error: 'dev-p' reaches the supervised stage of 'community-manager' after the supervised stage",
      "    hint: list a role's stages in order, shadow then supervised then solo, oldest first"]),
    (RECORD.replace("2026-09-07", "2026-09-10"),
     ["error: 'dev-p' spent 4 days at the shadow stage of 'community-manager'; the role asks for at least 5",
      "    hint: the supervised stage can start on 2026-09-15 at the earliest"]),
    (RECORD.replace("        signed_off_by: priya-s\n", ""),
     ["error: the shadow stage of 'community-manager' for 'dev-p' is still pending, but a later stage is recorded",
      "    hint: add 'signed_off_by:' to the earlier stage"]),
    (RECORD.replace("community-manager", "night-moderator"),
     ["warning: 'dev-p' has a training record for role 'night-moderator' but does not hold it",
      "    hint: add 'night-moderator' to their 'roles:' or remove the record"]),
])
def test_training_records_are_checked(tmp_path, new, expected_lines):
    folder = copy_example(tmp_path, (RECORD, new))
    lines = diagnostics(folder)
    found = [i for i, text in enumerate(lines) if text.endswith(expected_lines[0])]
    assert found, "\n".join(lines)
    assert lines[found[0]].split(":")[0].endswith("playbook/roster.yaml")
    assert lines[found[0] + 1: found[0] + len(expected_lines)] == expected_lines[1:]


def test_the_example_is_valid_without_warnings():
    assert load(ROOT / "playbook").report.items == []


# --------------------------------------------------------------------------- progress reports


REPORT = {"format": "playbook-progress/1", "person": "ben-k", "role": "content-creator", "reported": "2026-11-30",
          "milestones_done": ["day-1"], "modules_passed": ["voice-basics"]}


def import_report(tmp_path: Path, folder: Path, report: dict | str):
    file = tmp_path / "report.json"
    file.write_text(report if isinstance(report, str) else json.dumps(report))
    return CliRunner().invoke(main, ["records", "import", "--playbook", str(folder), "-C", str(tmp_path), str(file)])


def test_records_import_merges_a_report_and_keeps_comments(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NOW", "2026-12-07")  # both reports are from the past (a future one is refused)
    folder = copy_example(tmp_path)
    before = (folder / "roster.yaml").read_text()
    result = import_report(tmp_path, folder, REPORT)
    assert result.exit_code == 0, result.output
    after = (folder / "roster.yaml").read_text()
    assert "# pending: no signed_off_by yet" in after and after.startswith(before.split("roster:")[0])
    ben = next(p for p in load(folder).playbook.roster if p.id == "ben-k")
    assert [(r.role, r.reported, r.milestones_done, r.modules_passed) for r in ben.progress] == [
        ("content-creator", dt.date(2026, 11, 30), ["day-1"], ["voice-basics"])]
    newer = {**REPORT, "reported": "2026-12-04", "milestones_done": ["day-1", "week-1"]}
    assert import_report(tmp_path, folder, newer).exit_code == 0
    ben = next(p for p in load(folder).playbook.roster if p.id == "ben-k")
    assert [(r.reported, r.milestones_done) for r in ben.progress] == [(dt.date(2026, 12, 4), ["day-1", "week-1"])]


@pytest.mark.parametrize(("report", "message"), [
    ({**REPORT, "person": "ben-c"}, "error: 'person' is \"ben-c\", not a person on the roster"),
    ({**REPORT, "role": "night-moderator"}, "error: 'role' is \"night-moderator\", not a role this person holds"),
    ({**REPORT, "milestones_done": ["day-2"]},
     "error: 'milestones_done' names \"day-2\", which the policy does not have"),
    ({**REPORT, "format": "something-else"}, "error: not a progress report: 'format' must be 'playbook-progress/1'"),
    ('{"format": "playbook-progress/1",\n "person": }', "report.json:2:12: error: not a progress report (not JSON)"),
])
def test_records_import_rejects_a_bad_report_and_changes_nothing(tmp_path, report, message):
    folder = copy_example(tmp_path)
    before = (folder / "roster.yaml").read_bytes()
    result = import_report(tmp_path, folder, report)
    assert result.exit_code == 1
    assert message in result.output
    assert (folder / "roster.yaml").read_bytes() == before


def test_a_progress_report_names_milestones_of_the_roles_path(tmp_path):
    folder = copy_example(tmp_path, ("milestones_done: [day-1, week-1]", "milestones_done: [day-1, wek-1]"))
    lines = diagnostics(folder)
    found = next(i for i, text in enumerate(lines) if "wek-1" in text)
    assert lines[found].endswith("error: 'wek-1' is not a milestone of the onboarding path for 'community-manager'")
    assert lines[found + 1] == "    hint: did you mean 'week-1'?"
