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


def test_a_ladder_without_after_last_step_is_said_in_one_sentence_by_triage_and_the_page(tmp_path) -> None:
    """The handbook's own sentence for a ladder whose policy says nothing after its last step
    (answers.AFTER_LAST_STEP_UNSET): the CLI fills in names, the severity page the same words with links."""
    import shutil

    from generator.queries.answers import AFTER_LAST_STEP_UNSET
    from generator.queries.paging import step_who

    folder = tmp_path / "policy"
    shutil.copytree(example_playbook(), folder)
    escalation = folder / "escalation.yaml"
    text = escalation.read_text(encoding="utf-8")
    said_there = '      after_last_step: "Nobody has picked it up after three hours'
    assert text.count(said_there) == 1  # the routine ladder's (a low ladder may leave it out)
    escalation.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith(said_there)),
                          encoding="utf-8")
    loaded = load_playbook(folder)
    assert loaded.playbook is not None
    playbook = loaded.playbook
    ladder = next(x for x in playbook.escalation.ladders if x.id == "routine")
    assert ladder.after_last_step is None
    owner = playbook.role(playbook.handbook.policy_owner).name
    said = AFTER_LAST_STEP_UNSET.format(who=step_who(playbook, ladder.steps[-1]).text, owner=owner)
    result = CliRunner().invoke(main, ["triage", "--playbook", str(folder), "--trigger", "repost-permission",
                                       "--format", "json", "--at", "2026-11-23 12:00", "--tz", "UTC"])
    assert result.exit_code == 0, result.output
    assert f"{unanswered_text(ladder)}: {said}" in [text for _, text in json.loads(result.output)]
    page = render_project(make_project(tmp_path / "project", folder)).site.pages["escalation/low.md"].markdown
    sentence = next(line for line in page.splitlines() if line.startswith(f"**{unanswered_text(ladder)}:**"))
    assert "the policy names nobody further: keep calling [" in sentence  # the step's roles, linked
    assert f"and tell [{owner}](" in sentence and sentence.endswith(".")
