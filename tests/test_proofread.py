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


def test_a_statement_is_judged_on_the_platforms_it_is_for(repo: Path) -> None:
    """One proofreader (issue 24): `proofread` judges as `validate` does, on every account the
    statement's `platforms:` allow. A LinkedIn-only statement longer than X allows passes;
    the same text meant for every platform is too long for X, in both commands alike."""
    long = "We will never ask for your password or card details by message. " * 6
    path = repo / "playbook" / "holding-statements.yaml"
    edit(path, "    owner: comms-lead\n    expires: 2027-12-31\n\n  - id: hs-media",
         "    owner: comms-lead\n    expires: 2027-12-31\n    platforms: [linkedin]\n\n  - id: hs-media")
    edit(path, "We will never ask for your password or card details by message. ", long)
    assert CliRunner().invoke(main, ["proofread"]).exit_code == 0
    assert CliRunner().invoke(main, ["validate"]).exit_code == 0
    edit(path, "    platforms: [linkedin]\n", "")
    for command in ("proofread", "validate"):
        result = CliRunner().invoke(main, [command])
        assert result.exit_code == 1
        assert "error: holding statement 'hs-security' does not pass the draft checker on @No" in result.stderr
        assert "characters as X (Twitter) counts them; the limit is 280" in result.stderr
