"""A ladder and an update rhythm are worded once (issue 24, deliverable 1): answers.py says a
step's deadline ("acknowledge within 10 min"), when the ladder has run out ("If nobody has
acknowledged the last step of Crisis (1 h 5 min after it started)", counted by
Ladder.elapsed) and the cadence; the rules document ships those words, and `playbook
triage`, `playbook check` and the severity pages say them. triage.js and checker.js print
the shipped words (the browser tests compare the wizard's lines with the CLI's)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import example_playbook, make_project
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.queries.answers import acknowledge_phrase, cadence_text, unanswered_text
from generator.render.project import render_project


def _example():
    loaded = load_playbook(example_playbook())
    assert loaded.playbook is not None
    return loaded.playbook


def test_the_words_count_steps_paged_together_once() -> None:
    crisis = next(x for x in _example().escalation.ladders if x.id == "crisis")
    assert unanswered_text(crisis) == "If nobody has acknowledged the last step of Crisis (1 h 5 min after it started)"
    assert acknowledge_phrase(crisis.steps[0]) == "acknowledge within 5 min"


def test_the_rules_document_ships_the_words() -> None:
    playbook = _example()
    rules = compile_rules(playbook)
    for ladder in playbook.escalation.ladders:
        shipped = rules["ladders"][ladder.id]
        assert shipped["unanswered"] == unanswered_text(ladder)
        assert [s["deadline"] for s in shipped["steps"]] == [acknowledge_phrase(s) for s in ladder.steps]
        assert shipped["after"] == ladder.after_last_step
    for severity in playbook.escalation.severities:
        cadence = playbook.escalation.cadence_of(severity)
        assert rules["severities"][severity.id]["cadence_text"] == (cadence and cadence_text(cadence))


def test_triage_and_the_severity_page_say_the_same_words(tmp_path) -> None:
    playbook = _example()
    pages = render_project(make_project(tmp_path / "project")).site.pages
    result = CliRunner().invoke(main, ["triage", "--playbook", str(example_playbook()), "--trigger", "product-recall",
                                       "--format", "json", "--at", "2026-11-23 12:00", "--tz", "UTC"])
    assert result.exit_code == 0, result.output
    lines = [text for _, text in json.loads(result.output)]
    critical = next(s for s in playbook.escalation.severities if s.id == "critical")
    page = pages["escalation/critical.md"].markdown.replace("\\", "")
    cadence = cadence_text(playbook.escalation.cadence_of(critical))
    ladder = next(x for x in playbook.escalation.ladders if x.id == critical.ladder)
    assert cadence in lines and cadence in page
    assert f"{unanswered_text(ladder)}: {ladder.after_last_step}" in lines
    assert f"**{unanswered_text(ladder)}:** " in page.replace("&#39;", "'")


def test_the_shipped_approval_words_are_the_triage_command_s() -> None:
    """triage.js prints rules.approvals' `text` and `instruction`: the very lines of `playbook triage`."""
    rules = compile_rules(_example())
    result = CliRunner().invoke(main, ["triage", "--playbook", str(example_playbook()), "--trigger",
                                       "tragedy-breaking-news", "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = [text for _, text in json.loads(result.output)]
    approvals = rules["approvals"]
    assert approvals["verify"]["instruction"] in lines
    assert f"Every account: {approvals['verify']['text']}" in lines
    assert any(line.endswith(f"accounts also: {approvals['two_person_rule']['text']}") for line in lines)
    assert {r["text"] for r in approvals["rules"]} & {line.split(": ", 1)[1] for line in lines if "accounts" in line}
    holding = rules["holding_statements"]["hs-tragedy"]
    assert any(f"(owner Head of Communications, {holding['validity']}," in line for line in lines)
