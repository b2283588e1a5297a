"""Crisis plans as timelines (issue 25, deliverable 5): steps with "now", durations and ranges,
the same role twice, decisions; crisis mode's plan on a "Going dark" page whether it is on or
off; the timeline wherever a ladder is shown (severity page, triage, wizard data, pocket card)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import ROOT, pages_of
from generator.checker.rules import compile_rules
from generator.cli.triage import NO_LADDER_PLAN, triage_lines
from generator.lint.loader import load_playbook
from generator.model import TimelineStep
from generator.model.timeline import When, parse_when
from generator.queries.answers import triage

EXAMPLE = ROOT / "playbook"
NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("written, read", [
    ("now", When(0, 0, "now")), ("Immediately", When(0, 0, "now")), ("30m", When(30, 30, "30 minutes")),
    ("2h", When(120, 120, "2 hours")), ("1d", When(1440, 1440, "1 day")), ("24-48h", When(1440, 2880, "24-48 hours")),
    ("12h-2d", When(720, 2880, "12 hours-2 days")), ("48-24h", When(2880, 1440, "48-24 hours")),
])
def test_a_plan_time_reads_now_durations_and_ranges(written: str, read: When) -> None:
    assert parse_when(written) == read


@pytest.mark.parametrize("written", ["soon", "2", "h", "2 weeks", "-2h"])
def test_a_time_that_is_not_one_is_refused_with_what_to_write(written: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TimelineStep(when=written, who=["lead"], what="x")
    assert f"'{written}' is not a time in a plan; write \"now\", a duration such as 30m" in str(raised.value)


def _project(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    folder = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, folder)
    for name, pairs in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return folder


def _errors(folder: Path) -> list[tuple[str, int, str]]:
    return [(Path(d.file).name, d.line, d.message) for d in load_playbook(folder).report.errors]


def _line(folder: Path, name: str, text: str) -> int:
    return (folder / name).read_text(encoding="utf-8").splitlines().index(text) + 1


def test_now_twice_and_a_range_the_wrong_way_round_are_located_errors(tmp_path: Path) -> None:
    folder = _project(tmp_path, {"escalation.yaml": [
        ("        - when: 1h\n", "        - when: now\n"),
        ("        - when: 24-48h\n", "        - when: 48-24h\n"),
        ("        - when: 1d\n          who: [head-of-social, comms-lead]",
         "        - when: 30m\n          who: [head-of-social, comms-lead]")]})
    lines = (folder / "escalation.yaml").read_text(encoding="utf-8").splitlines()
    second_now = [n for n, line in enumerate(lines, 1) if line == "        - when: now"][1]
    assert _errors(folder) == [
        ("escalation.yaml", second_now, "severity 'critical', timeline step 2: 'now' again (step 1 is now)"),
        ("escalation.yaml", lines.index("        - when: 48-24h") + 1,
         "severity 'critical', timeline step 4: the range '48-24h' ends before it starts")]


def test_timeline_errors_name_the_step_and_the_line(tmp_path: Path) -> None:
    folder = _project(tmp_path, {"crisis.yaml": [
        ("    - when: 30m\n", "    - when: now\n"),
        ("    - when: 1d\n      who: [head-of-social]", "    - when: 20m\n      who: [head-of-sociall]"),
        ("  reassess_after: 36-48h", "  reassess_after: 48-36h")]})
    lines = (folder / "crisis.yaml").read_text(encoding="utf-8").splitlines()
    now_twice = [n for n, line in enumerate(lines, 1) if line == "    - when: now"][1]
    found = _errors(folder)
    assert ("crisis.yaml", now_twice, "the crisis plan, timeline step 2: 'now' again (step 1 is now)") in found
    assert ("crisis.yaml", lines.index("  reassess_after: 48-36h") + 1,
            "reassess_after: the range '48-36h' ends before it starts") in found
    assert any(name == "crisis.yaml" and "unknown role 'head-of-sociall'" in message for name, _, message in found)


def test_a_step_earlier_than_the_one_before_is_an_error(tmp_path: Path) -> None:
    folder = _project(tmp_path, {"escalation.yaml": [("        - when: 1d\n", "        - when: 30m\n")]})
    lines = (folder / "escalation.yaml").read_text(encoding="utf-8").splitlines()
    assert _errors(folder) == [("escalation.yaml", lines.index("        - when: 30m") + 1,
                                "severity 'critical', timeline step 3 (30 minutes) comes before step 2 (1 hour)")]


def test_a_major_level_with_a_timeline_needs_no_ladder_and_the_same_role_may_act_twice(tmp_path: Path) -> None:
    folder = _project(tmp_path, {"escalation.yaml": [("      ladder: crisis\n", "")]})
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    assert not [d for d in loaded.report.errors if "critical" in d.message]
    critical = next(s for s in loaded.playbook.escalation.severities if s.id == "critical")
    assert [step.who for step in critical.timeline].count(["comms-lead"]) == 2  # the same role, twice
    result = triage(loaded.playbook, ["product-recall"])
    lines = triage_lines(loaded.playbook, result, NOON)
    assert ("p", NO_LADDER_PLAN) in lines
    page = pages_of(folder, tmp_path / "site")["escalation/critical.md"]
    assert "Nobody is paged at this level: the plan below is followed instead." in page
    assert "## Nobody is paged" not in page


# ---------------------------------------------------------------- where the plan is shown


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages_of(EXAMPLE, tmp_path_factory.mktemp("site"))


def test_the_severity_page_shows_the_plan_with_ranges_and_the_decision(pages: dict[str, str]) -> None:
    page = pages["escalation/critical.md"]
    assert "## The plan in time" in page and page.index("## The ladder") < page.index("## The plan in time")
    assert "| 24\\-48 hours | [Head of Communications](../roles/comms-legal/comms-lead.md) | Publish" in page
    assert "| **Decision:** Decide whether crisis mode stays on" in page
    assert "## The plan in time" not in pages["escalation/high.md"]


def test_going_dark_shows_the_plan_while_crisis_mode_is_off_and_the_same_facts_when_on(
        pages: dict[str, str], tmp_path: Path) -> None:
    off = pages["escalation/going-dark.md"]
    assert "Crisis mode is **off**. This is the plan for when it is switched on" in off
    assert "| Crisis mode | When switched on |" in off
    on_folder = _project(tmp_path, {"crisis.yaml": [("  active: false", "  active: true")]})
    on = pages_of(on_folder, tmp_path / "on")["escalation/going-dark.md"]
    assert "**Crisis mode is on**: Cold Brew Original can recall \\(batch CB\\-2611\\)" in on
    assert "| Crisis mode | Now |" in on

    def facts(page: str) -> list[str]:
        start = page.index("| Who switches it on")
        return page[start:page.index("## Switching it on")].splitlines()

    assert facts(off) == facts(on)
    assert ("| Who switches it on (and off) | [Head of Social](../roles/social/head-of-social.md), "
            "[Head of Communications](../roles/comms-legal/comms-lead.md) |") in off
    assert "| When to reassess | after 36\\-48 hours, counted from when it was switched on |" in off
    assert "Paid ads and boosted posts" in off and "| 30 minutes | [Social Media Manager]" in off


def test_the_banner_says_what_pauses_in_the_going_dark_pages_words(tmp_path: Path) -> None:
    on_folder = _project(tmp_path, {"crisis.yaml": [("  active: false", "  active: true")]})
    home = pages_of(on_folder, tmp_path / "on")["index.md"]
    assert ("**Paused:** all scheduled posts; all promotions; anything touching the incident; Paid ads and boosted "
            "posts;") in home


def test_triage_the_wizards_data_and_the_pocket_card_say_each_step_the_same(pages: dict[str, str]) -> None:
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    said = "24-48 hours, Head of Communications: Publish the full statement, approved by legal."
    lines = triage_lines(loaded.playbook, triage(loaded.playbook, ["product-recall"]), NOON)
    assert ("h3", "Plan in time (from when the incident is declared)") in lines and ("ol", said) in lines
    assert said in compile_rules(loaded.playbook)["timelines"]["critical"]
    card = pages["cards/comms-lead.md"]
    assert "- **Critical**, plan in time: 24\\-48 hours, Head of Communications: Publish the full statement" in card
    assert "plan in time" not in pages["cards/night-moderator.md"]


def test_a_reassessment_needs_a_time_in_order_and_someone_to_decide(tmp_path: Path) -> None:
    folder = _project(tmp_path, {"crisis.yaml": [("  decided_by: comms-lead\n", ""),
                                                 ("  reassess_after: 36-48h", "  reassess_after: now")]})
    report = load_playbook(folder).report
    line = (folder / "crisis.yaml").read_text(encoding="utf-8").splitlines().index("  reassess_after: now") + 1
    assert [(Path(d.file).name, d.line, d.level, d.message) for d in report.items
            if "reassess" in d.message] == [
        ("crisis.yaml", line, "error", "reassess_after is 'now': crisis mode would be reassessed as it starts"),
        ("crisis.yaml", line, "warning", "crisis mode says when to reassess it but not who decides")]
