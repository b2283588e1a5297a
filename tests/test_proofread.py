"""`playbook proofread`: ready-made texts that the draft checker would send back are located errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from policy_repo import edit


def test_the_example_texts_pass(repo: Path) -> None:
    result = CliRunner().invoke(main, ["proofread"])
    assert (result.exit_code, result.stderr) == (
        0, "7 holding statements and 8 voice examples pass the draft checker\n")


def test_a_banned_word_in_a_holding_statement_is_located(repo: Path) -> None:
    edit(repo / "playbook" / "holding-statements.yaml", "We've paused our planned posts",
         "We're addicted to our planned posts")
    result = CliRunner().invoke(main, ["proofread"])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]  # validation (issue 12) already runs the statement through the checker
    assert first.startswith("playbook/holding-statements.yaml:19:11: error: holding statement 'hs-tragedy' does not "
                            "pass the draft checker on ")
    assert first.endswith("Use 'love' instead.")
