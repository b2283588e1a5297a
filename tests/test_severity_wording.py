"""A severity's level is worded one way wherever the checker and triage name it: its `label`
(SEV-1) when it has one, "level N of M" otherwise, with N as the policy numbers it (here
`escalation.worst: lowest`, so level 1 is the worst). One function:
generator/checker/document.py `level_name` (`playbook triage`, `playbook check`), whose answer
the rules document ships per severity for checker-base.js `levelName` (the triage wizard, the
checker page) to print; both are tested here, the browser's on a site built from the same policy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_project, pin_clock
from generator.checker.document import level_name
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from test_format import SEVERITIES, severity_project

# SEV-1 loses its label: the worst level, named by number ("level 1 of 3"); SEV-3 keeps its own.
UNLABELLED_WORST = SEVERITIES.replace("label: SEV-1, ", "")
WORDS = {"sev-1": "level 1 of 3", "sev-2": "SEV-2", "sev-3": "SEV-3"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return severity_project(tmp_path_factory.mktemp("wording"), UNLABELLED_WORST)


def test_level_name_prefers_the_label_and_counts_in_the_policys_own_numbers() -> None:
    assert level_name("SEV-1", 1, 5) == "SEV-1"
    assert level_name(None, 1, 5) == "level 1 of 5"
    assert level_name(None, 5, 5) == "level 5 of 5"


def test_the_rules_document_carries_what_the_browser_words_it_from(project: Path) -> None:
    loaded = load_playbook(project / "playbook")
    assert loaded.playbook is not None, loaded.report.format_text()
    rules = compile_rules(loaded.playbook)
    for severity_id, words in WORDS.items():
        entry = rules["severities"][severity_id]
        assert level_name(entry["label"], entry["number"], len(rules["severity_order"])) == words
        assert entry["level_name"] == words  # what the browser prints


def test_playbook_triage_names_the_level(project: Path) -> None:
    result = CliRunner().invoke(main, ["triage", "--playbook", str(project / "playbook"), "--trigger", "lawsuit",
                                       "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0] == ["h2", "Severity: Critical (level 1 of 3)"]


def test_playbook_check_names_the_level_the_same_way(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    draft = tmp_path / "draft.txt"
    draft.write_text("We will sue.", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--playbook", str(project / "playbook"), "--account", "main",
                                       str(draft)], catch_exceptions=False)
    assert "  severity: Critical (level 1 of 3). First response within 5 min. Tell Social lead" in result.output


@pytest.mark.browser
def test_the_wizard_and_the_checker_page_name_the_level_as_the_commands_do(project, serve_site, page,
                                                                           console_errors) -> None:
    url = serve_site(build_project(project))
    loaded = load_playbook(project / "playbook")
    assert loaded.playbook is not None
    rules = compile_rules(loaded.playbook)
    pin_clock(page)
    page.goto(url + "triage/")
    page.wait_for_selector(".pb-triage[data-step='1']")
    browser_words = page.evaluate("(rules) => Object.keys(rules.severities).sort().map("
                                  "(id) => [id, window.PlaybookUI.levelName(rules, id)])", rules)
    assert dict(browser_words) == WORDS
    page.check("input[name='trigger'][value='lawsuit']")
    while page.locator(".pb-triage-result").count() == 0:
        page.click(".pb-triage-next")
    assert page.inner_text(".pb-triage-result h2") == "Severity: Critical (level 1 of 3)"
    page.goto(url + "checker/")
    page.wait_for_selector(".pb-checker-verdict[data-verdict]:not([data-verdict=''])")
    page.fill(".pb-checker-draft", "We will sue.")
    page.wait_for_function("() => document.querySelector('.pb-checker-route').textContent.includes('Escalation')")
    route = page.inner_text(".pb-checker-route")  # the level as the commands name it
    assert "Critical (level 1 of 3). First response within 5 min. Tell Social lead." in route
    assert [e for e in console_errors if "Failed to load resource" not in e] == []
