"""Knowledge packs: reading a pack file (every mistake located), movable days, what a playbook
turns on (countries, off, override, severities), both engines judging with a pack's day,
tragedy and lexicon, `playbook packs`, `playbook init --countries`, and the shipped data's
own rules (tests/data/packs/ holds the packs these tests judge with; the shipped files change
as their data is curated, and only the last tests read them).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.checker.engine import check
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model.movable import easter_date, occurrences, rule_dates
from generator.packs import reader
from generator.packs.reader import pattern_problem, read_packs
from generator.packs.select import activate, severity_map
from test_check_properties import ENGINE, NODE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "playbook"
TEST_PACKS = Path(__file__).resolve().parent / "data" / "packs"
TODAY = dt.date(2026, 11, 23)  # conftest's pinned day
RUNNER = """
const fs = require("fs");
const engine = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const judge = c => engine.check(input.rules, c.text, c.account, [], null, c.at);
process.stdout.write(JSON.stringify(input.cases.map(judge)));
"""


@pytest.fixture(autouse=True)
def test_packs(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """Judge with the test packs, and keep compiled rules out of the user's cache."""
    monkeypatch.setattr(reader, "DATA", TEST_PACKS)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("rules-cache")))
    reader.shipped.cache_clear()
    yield
    reader.shipped.cache_clear()


def policy(tmp_path: Path, packs: str | None = None) -> Path:
    """A copy of the example whose `packs:` section is replaced by `packs` (YAML text)."""
    folder = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, folder)
    if packs is not None:
        calendar = folder / "calendar.yaml"
        text = calendar.read_text(encoding="utf-8")
        start = text.index("\npacks:\n") + 1
        end = text.index("\ncalendar:\n")
        calendar.write_text(text[:start] + packs + "\n" + text[end:], encoding="utf-8")
    return folder


def rules_of(folder: Path = EXAMPLE) -> dict[str, Any]:
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    return compile_rules(loaded.playbook, TODAY)


def on(day: str) -> dict[str, str]:
    return {"date": day, "utc": f"{day}T10:00"}


def both(rules: dict[str, Any], cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each case through both engines; they must agree, finding for finding."""
    python = [check(rules, c["text"], c["account"], at=c["at"]) for c in cases]
    done = subprocess.run([NODE, "-e", RUNNER, str(ENGINE)], input=json.dumps({"rules": rules, "cases": cases}),
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == python
    return python


def found(result: dict[str, Any], rule: str) -> list[str | None]:
    return [f["ref"] for f in result["findings"] if f["rule"] == rule]


# --------------------------------------------------------------------------- reading


def write_pack(folder: Path, name: str, body: str) -> Path:
    head = (f"pack:\n  id: {name}\n  name: Test\n  version: '1'\n  reviewed: 2026-12-07\n"
            "  licence: for tests\n")
    path = folder / f"{name}.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


DAY = ("  - id: {id}\n    name: A day\n    kind: remembrance\n    {when}\n    severity: high\n"
       "    source: https://example.org\n    review: 2027-12-01\n")
BAD_PACKS = [
    ("days:\n" + DAY.format(id="xx-day", when="date: '11-11'\n    rule: FREQ=YEARLY"),
     ("xx.yaml:8:5: error: day 'xx-day': a day needs exactly one of date, rule, easter, orthodox_easter, dates "
     "(found date, rule)")),
    ("days:\n" + DAY.format(id="xx-day", when="rule: FREQ=DAILY"),
     "xx.yaml:11:11: error: day 'xx-day', rule: 'FREQ=DAILY' needs FREQ=YEARLY (or MONTHLY, WEEKLY)"),
    ("days:\n" + DAY.format(id="day", when="date: '11-11'"),
     "xx.yaml:8:9: error: entry id 'day' does not start with 'xx-'"),
    ("days:\n" + DAY.format(id="xx-day", when="date: '02-30'"),
     "xx.yaml:11:11: error: day 'xx-day', date: '02-30' is not a day of the year"),
    ("days:\n" + DAY.format(id="xx-day", when="date: '11-11'").replace("    source: https://example.org\n", ""),
     "xx.yaml:8:5: error: missing required key 'source' in day 'xx-day'"),
    (("lexicons:\n  - id: xx-words\n    category: press\n    language: en\n    severity: low\n"
     "    patterns: ['(?<=on )the record']\n    source: a style guide\n    review: 2027-12-01\n"),
     ("xx.yaml:12:16: error: lexicon 'xx-words': pattern '(?<=on )the record' uses a group other than (?:...), "
     "(?=...) or (?!...) (lookbehind, a flag or a name)")),
    (("tragedies:\n  - id: xx-fire\n    name: A fire\n    kind: fire\n    date: 2001-01-01\n    country: GB\n"
     "    keywords: ['Big Fire']\n    source: a report\n    review: 2027-12-01\n"),
     "xx.yaml:13:16: error: tragedy 'xx-fire', keywords: 'Big Fire' has capitals"),
    ("days: []\nholidays: []\n", "xx.yaml:8:1: error: unknown key 'holidays'"),
]


@pytest.mark.parametrize("body, message", BAD_PACKS)
def test_a_bad_pack_file_gets_a_located_error(tmp_path, monkeypatch, body, message):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path, "xx", body)
    packs, report = read_packs(tmp_path)
    assert "xx" not in packs
    assert message in [d.format().split("\n")[0] for d in report.items], report.format_text()


def test_an_entry_id_is_unique_across_packs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("aa", "bb"):
        write_pack(tmp_path, name, "days:\n" + DAY.format(id="aa-day", when="date: '11-11'"))
    _, report = read_packs(tmp_path)
    assert [d.format().split("\n")[0] for d in report.errors] == [
        "bb.yaml:8:9: error: entry id 'aa-day' does not start with 'bb-'",
    ]
    write_pack(tmp_path, "bb", "days:\n" + DAY.format(id="bb-day", when="date: '11-11'")
               + DAY.format(id="bb-day", when="easter: -2"))
    _, report = read_packs(tmp_path)
    assert [d.format().split("\n")[0] for d in report.errors] == [
        "bb.yaml:15:9: error: duplicate pack entry id 'bb-day'"]


@pytest.mark.parametrize("pattern, problem", [
    (r"\b(?:cures?|prevents?) cancer\b", None),
    (r"(?<!not )guaranteed", "uses a group other than"),
    (r"(?i)cure", "uses a group other than"),
    (r"(?P<what>cure)", "uses a group other than"),
    (r"cure++", "uses a possessive quantifier"),
    (r"cure{,3}", "uses {,n}"),
    (r"cure\-all", "escapes '-'"),
    (r"[\-a-z]+", None),
    (r"\bheilt krebs\b", None),
    (r"\büber\b", "outside ASCII"),
    (r"\bgrünes\b", None),
    (r"(cure", "is not a regular expression"),
])
def test_a_pattern_must_mean_the_same_in_both_engines(pattern, problem):
    found_problem = pattern_problem(pattern)
    assert (found_problem is None) if problem is None else (problem in (found_problem or ""))


# --------------------------------------------------------------------------- movable days


def test_movable_days_fall_on_their_dates():
    assert rule_dates("FREQ=YEARLY;BYMONTH=11;BYDAY=2SU", [2026, 2027]) == [dt.date(2026, 11, 8),
                                                                          dt.date(2027, 11, 14)]
    assert rule_dates("FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO", [2027]) == [dt.date(2027, 5, 31)]
    assert easter_date(2027, -2) == dt.date(2027, 3, 26)
    assert easter_date(2027, 0, orthodox=True) == dt.date(2027, 5, 2)
    packs, _ = read_packs(TEST_PACKS)
    days = {d.id: d for p in packs.values() for d in p.data.days}
    assert occurrences(days["de-volkstrauertag"], [2026, 2027]) == [dt.date(2026, 11, 15), dt.date(2027, 11, 14)]
    assert occurrences(days["us-memorial-day"], [2027]) == [dt.date(2027, 5, 31)]
    assert occurrences(days["gb-armistice-day"], [2027]) == []  # a fixed date: the engines work it out


def test_the_teams_own_calendar_takes_a_rule(tmp_path):
    """The example's Remembrance Sunday moves with the calendar: 2027's is the 14th."""
    rules = rules_of()
    assert rules["calendar"]["remembrance-sunday"]["occurrences"] == ["2025-11-09", "2026-11-08", "2027-11-14",
                                                                      "2028-11-12"]
    cases = [{"text": "Wear your poppy with pride", "account": "nw-x-uk", "at": on(day)}
             for day in ("2027-11-14", "2027-11-13", "2027-11-08")]
    first, before, lapsed = both(rules, cases)
    assert found(first, "calendar.mention") == ["remembrance-sunday"]
    assert "(2027-11-14)" in first["findings"][0]["message"]
    assert found(before, "calendar.mention") == ["remembrance-sunday"]  # days_before: 1
    assert found(lapsed, "calendar.mention") == []


def test_a_calendar_entry_takes_exactly_one_date_form(tmp_path):
    folder = policy(tmp_path)
    calendar = folder / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    rule = '    rule: "FREQ=YEARLY;BYMONTH=11;BYDAY=2SU"'
    calendar.write_text(text.replace(rule, rule + '\n    date: "11-08"'), encoding="utf-8")
    report = load_playbook(folder).report
    assert any("a sensitive date needs exactly one of date, rule, easter, orthodox_easter or dates (found date, rule)"
               in d.message for d in report.errors), report.format_text()


# --------------------------------------------------------------------------- what a playbook turns on


def test_severities_map_by_rank_unless_the_playbook_says():
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    assert severity_map(loaded.playbook) == {"low": "low", "moderate": "high", "high": "severe"}
    plain = loaded.playbook.model_copy(update={"packs": loaded.playbook.packs.model_copy(update={"severities": {}})})
    # five levels: low is the least severe, moderate halfway up, high three quarters of the way
    assert severity_map(plain) == {"low": "low", "moderate": "high", "high": "severe"}
    levels = [s for s in plain.escalation.severities if s.id in ("low", "critical")]
    two = plain.model_copy(update={"escalation": plain.escalation.model_copy(update={"severities": levels})})
    assert severity_map(two) == {"low": "low", "moderate": "critical", "high": "critical"}


def test_a_countrys_days_apply_to_its_accounts_and_to_those_of_no_country():
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    active = activate(loaded.playbook, TODAY)
    assert [p.id for p in active.packs] == ["core", "gb", "us", "de", "lex-de"]  # lex-de comes with de
    days = {d.id: d for d in active.days}
    assert "nw-x-us" in days["us-memorial-day"].accounts and "nw-x-global" in days["us-memorial-day"].accounts
    assert "nw-x-de" not in days["us-memorial-day"].accounts
    assert days["core-good-friday"].accounts == []  # core: every account
    assert "gb-remembrance-sunday" not in days and active.off == ["gb-remembrance-sunday"]


def test_off_and_override_change_what_the_checker_knows(tmp_path):
    folder = policy(tmp_path, "packs:\n  use: [core, uk]\n  off: [core-weapons-emoji]\n  override:\n"
                              "    gb-grenfell-tower-fire: {severity: critical, unless: [grenfell road]}\n"
                              "    gb-armistice-day: {accounts: [nw-x-uk], days_before: 2}")
    rules = rules_of(folder)
    assert "core-weapons-emoji" not in rules["triggers"] and rules["packs"]["emoji"] == []
    assert rules["triggers"]["gb-grenfell-tower-fire"]["severity"] == "critical"
    assert rules["calendar"]["gb-armistice-day"]["accounts"] == ["nw-x-uk"]
    assert rules["calendar"]["gb-armistice-day"]["before"] == 2
    assert "us-memorial-day" not in rules["calendar"]
    grenfell, road, emoji = both(rules, [
        {"text": "Seven years since Grenfell", "account": "nw-x-uk", "at": None},
        {"text": "Our new cafe on Grenfell Road opens today", "account": "nw-x-uk", "at": None},
        {"text": "come at me 🔫😡", "account": "nw-x-uk", "at": None}])
    assert grenfell["route"]["severity"] == "critical"
    assert found(road, "sensitivity.trigger") == []
    assert found(emoji, "sensitivity.trigger") == []


@pytest.mark.parametrize("packs, message", [
    ("packs: [core, fr]", "playbook/calendar.yaml:30:15: error: unknown pack 'fr'"),
    ("packs:\n  use: [core]\n  off: [core-weapon-emoji]",
     "playbook/calendar.yaml:32:9: error: unknown pack entry 'core-weapon-emoji'"),
    ("packs:\n  use: [core]\n  override:\n    core-mh-17: {severity: high}",
     "playbook/calendar.yaml:33:5: error: unknown pack entry 'core-mh-17'"),
    ("packs:\n  use: [core]\n  override:\n    core-mh17: {severity: urgent}",
     "playbook/calendar.yaml:33:27: error: packs.override.core-mh17.severity: unknown severity 'urgent'"),
    ("packs:\n  use: [core]\n  severities: {high: urgent}",
     "playbook/calendar.yaml:32:22: error: unknown severity 'urgent'"),
])
def test_a_mistake_in_packs_is_located(tmp_path, monkeypatch, packs, message):
    policy(tmp_path, packs)
    monkeypatch.chdir(tmp_path)
    report = load_playbook(Path("playbook")).report
    assert message in [d.format().split("\n")[0] for d in report.items], report.format_text()


def test_an_entry_past_its_review_is_a_note_that_strict_does_not_count(tmp_path, monkeypatch):
    """The packs are the tool's data: their lapsed reviews are said, at the `use` item that
    turns the pack on, but as a note, so a team's `--strict` build never fails on a date the
    team did not write."""
    monkeypatch.chdir(tmp_path)
    policy(tmp_path, "packs: [core]")
    day = dt.date(2027, 12, 2)
    due = [e.id for e in reader.shipped()["core"].data.entries() if e.review < day]
    assert due  # the shipped data has review dates, and this day is past some of them
    report = load_playbook(Path("playbook"), today=day).report
    said = [d.format().split("\n")[0] for d in report.items if "review date" in d.message]
    assert said == [(f"playbook/calendar.yaml:30:9: info: pack 'core' has {len(due)} entries past their review "
                     f"date: {', '.join(due[:5])} and {len(due) - 5} more")]
    assert not [d for d in report.warnings if "review date" in d.message]
    first = min(e.review for e in reader.shipped()["core"].data.entries())
    assert not [d for d in load_playbook(Path("playbook"), today=first).report.items if "review date" in d.message]


# --------------------------------------------------------------------------- both engines


def test_both_engines_judge_with_pack_days_tragedies_and_lexicons():
    rules = rules_of()
    cases = [
        ("Happy Memorial Day! 20% off everything #MemorialDay", "nw-x-us", on("2027-05-31")),
        ("Happy Memorial Day! 20% off everything #MemorialDay", "nw-x-de", on("2027-05-31")),
        ("Happy Memorial Day! 20% off everything", "nw-x-us", on("2027-06-15")),
        ("Remembering Grenfell today", "nw-x-uk", on("2027-02-02")),
        ("Flash sale this weekend! Remembering Grenfell", "nw-x-uk", None),
        ("Our new cafe in North Kensington is open", "nw-x-uk", None),
        ("Remembering the victims in North Kensington", "nw-x-uk", None),
        ("A columbine flower on every table", "nw-x-us", None),
        ("Our vintage Columbine High sweatshirt is back", "nw-x-us", None),
        ("come at me 🔫\ufe0f😡", "nw-x-global", None),
        ("our new tea cures cancer, honestly", "nw-x-global", None),
        ("Der Mindestlohn und das neue Gesetz", "nw-x-de", None),
        ("Mindestlohn", "nw-x-de", None),
    ]
    results = both(rules, [{"text": t, "account": a, "at": at} for t, a, at in cases])
    (memorial, elsewhere, after, grenfell, sale, cafe, victims, flower, sweatshirt, emoji, claim, wage,
     wage_alone) = results
    assert found(memorial, "calendar.mention") == ["us-memorial-day", "us-memorial-day"]
    assert "(2027-05-31)" in memorial["findings"][0]["message"]
    assert found(memorial, "calendar.hashtag") == ["us-memorial-day"]
    assert found(elsewhere, "calendar.mention") == [] and found(after, "calendar.mention") == []
    assert grenfell["verdict"] == "escalate" and "gb-grenfell-tower-fire" in found(grenfell, "sensitivity.trigger")
    assert found(sale, "tragedy.promotion") == ["gb-grenfell-tower-fire"]
    assert [f["level"] for f in sale["findings"] if f["rule"] == "tragedy.promotion"] == ["revise"]
    assert "gb-grenfell-tower-fire" not in found(cafe, "sensitivity.trigger")
    assert "gb-grenfell-tower-fire" in found(victims, "sensitivity.trigger")
    assert found(flower, "sensitivity.trigger") == []
    assert found(sweatshirt, "sensitivity.trigger") == ["us-columbine-shooting"]
    assert found(emoji, "sensitivity.trigger") == ["core-weapons-emoji"]
    assert next(f for f in emoji["findings"] if f["ref"] == "core-weapons-emoji")["match"] == "🔫\ufe0f😡"
    assert "core-health-claims" in found(claim, "sensitivity.trigger")
    assert found(wage, "sensitivity.trigger") == ["lex-de-politics-wages"]
    assert found(wage_alone, "sensitivity.trigger") == []


def test_pack_entries_are_not_questions_of_the_triage_wizard():
    rules = rules_of()
    assert "gb-grenfell-tower-fire" in rules["triggers"]
    assert not any(t.startswith(("core-", "gb-", "us-", "de-", "lex-")) for t in rules["trigger_order"])


# --------------------------------------------------------------------------- commands


def test_playbook_packs_lists_the_packs_and_what_the_policy_does_with_them(tmp_path):
    folder = policy(tmp_path, "packs:\n  use: [core, gb]\n  off: [core-mh17]\n  override:\n"
                              "    gb-grenfell-tower-fire: {severity: critical}")
    result = CliRunner().invoke(main, ["packs", "--playbook", str(folder)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["pack", "name", "version", "reviewed", "days", "tragedies", "lexicons", "in", "use"]
    assert lines[3].split() == ["gb", "United", "Kingdom", "2026.12", "2026-12-07", "2", "3", "0", "yes"]
    assert lines[4].split()[0] == "lex-de" and lines[4].split()[-1] == "no"
    assert "switched off: core-mh17" in lines and "overridden: gb-grenfell-tower-fire" in lines
    shown = CliRunner().invoke(main, ["packs", "show", "gb", "--playbook", str(folder)])
    assert shown.exit_code == 0, shown.output
    assert ("  gb-grenfell-tower-fire [overridden]: Grenfell Tower fire (fire, 2017-06-14): grenfell, grenfell "
            "tower, north kensington, #Grenfell, #JusticeForGrenfell") in shown.output.splitlines()
    assert "    source: https://en.wikipedia.org/wiki/Grenfell_Tower_fire; review by 2027-12-01" in shown.output
    unknown = CliRunner().invoke(main, ["packs", "show", "zz", "--playbook", str(folder)])
    assert unknown.exit_code == 2 and "'zz' is not a pack" in unknown.output


def test_init_turns_on_the_packs_of_the_teams_countries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "team", "--site-url", "https://h.example/", "--countries", "uk, de"])
    assert result.exit_code == 0, result.output
    assert "packs: [core, gb, de]\n" in (tmp_path / "team/playbook/calendar.yaml").read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", "--playbook", "team/playbook", "--strict"]).exit_code == 0
    example = CliRunner().invoke(main, ["init", "full", "--from", "example", "--site-url", "https://h.example/",
                                        "--countries", "us"])
    assert example.exit_code == 0, example.output
    text = (tmp_path / "full/playbook/calendar.yaml").read_text(encoding="utf-8")
    assert "  use: [core, us]\n" in text and "off:" not in text.split("calendar:")[0]
    bad = CliRunner().invoke(main, ["init", "other", "--site-url", "https://h.example/", "--countries", "xx"])
    assert bad.exit_code == 2 and "'xx' is not a country with a pack" in bad.output


def test_init_asks_for_the_countries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("generator.cli.policy._interactive", lambda: True)
    result = CliRunner().invoke(main, ["init", "team", "--site-url", "https://h.example/"], input="us\n")
    assert result.exit_code == 0, result.output
    assert "Countries you post for" in result.output
    assert "packs: [core, us]\n" in (tmp_path / "team/playbook/calendar.yaml").read_text(encoding="utf-8")
