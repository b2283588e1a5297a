"""Validation compiles the rules document once (issue 24): the holding-statement and the
voice-example checks both run texts through the draft checker, and share one compiled
document through the run's Context rather than compiling it each."""

from __future__ import annotations

import pytest

from conftest import example_playbook
from generator.checker import rules
from generator.lint.loader import load_playbook
from generator.lint.policy import text


def test_validating_the_example_compiles_the_rules_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def counted(playbook):  # type: ignore[no-untyped-def]
        calls.append(playbook)
        return rules.compile_rules(playbook)

    monkeypatch.setattr(text, "compile_rules", counted)
    loaded = load_playbook(example_playbook())
    assert loaded.playbook is not None and loaded.playbook.holding_statements and loaded.playbook.voice.examples
    assert len(calls) == 1
