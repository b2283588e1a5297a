"""`playbook validate`: exact, located messages for every kind of bad input, and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from invalid_cases import CASES, WARNING_CASES

MINIMAL = Path(__file__).parent / "data" / "minimal" / "playbook.yaml"


def make_playbook(root: Path, files: dict) -> Path:
    """A copy of the minimal playbook with files added, or edited by (old, new) replacement."""
    folder = root / "playbook"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "playbook.yaml")
    for name, content in files.items():
        target = folder / name
        if isinstance(content, tuple):
            text = target.read_text()
            assert content[0] in text, f"fixture edit {content[0]!r} does not apply"
            target.write_text(text.replace(content[0], content[1], 1))
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    return folder


def assert_block(output: str, expected: list[str]) -> None:
    """The expected message and hint appear together, in order, in the output."""
    lines = output.splitlines()
    assert any(lines[i:i + len(expected)] == expected for i in range(len(lines))), output


def run_validate(*args: str):
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_minimal_playbook_is_valid(project):
    make_playbook(project, {})
    result = run_validate()
    assert result.exit_code == 0
    assert result.stderr.strip() == "playbook is valid"


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_input_gives_exact_located_message(project, name):
    files, expected = CASES[name]
    make_playbook(project, files)
    result = run_validate()
    assert result.exit_code == 1, result.stderr
    assert_block(result.stderr, expected)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(WARNING_CASES))
def test_warnings_pass_unless_strict(project, name):
    files, expected = WARNING_CASES[name]
    make_playbook(project, files)
    result = run_validate("--today", "2026-11-25")
    assert result.exit_code == 0
    assert_block(result.stderr, expected)
    assert run_validate("--strict", "--today", "2026-11-25").exit_code == 1


def test_every_problem_is_reported_in_one_run(project):
    make_playbook(project, {name: files[name] for case in ("unknown-key", "tab-indent")
                            for files in [CASES[case][0]] for name in files} | {
        "other.yaml": "roles:\n  - id: Bad\n"})
    # unknown-key and tab-indent both write extra.yaml; the second wins, so add another file
    (project / "playbook" / "third.yaml").write_text("accounts: 3\n")
    result = run_validate()
    files = {line.split(":")[0] for line in result.stderr.splitlines() if ": error: " in line}
    assert files == {"playbook/extra.yaml", "playbook/other.yaml", "playbook/third.yaml"}


def test_json_format_matches_text(project):
    make_playbook(project, CASES["unknown-reference"][0])
    result = run_validate("--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False and payload["errors"] == 1
    errors = [d for d in payload["diagnostics"] if d["level"] == "error"]
    assert errors[0] == {"file": "playbook/extra.yaml", "line": 8, "column": 15, "level": "error",
                     "message": "role 'editor', backups: unknown role 'wrtier'", "hint": "did you mean 'writer'?"}


def test_usage_error_exits_2(project):
    make_playbook(project, {})
    assert run_validate("--format", "xml").exit_code == 2


def test_missing_folder_is_located_error(project):
    result = run_validate("--playbook", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("nowhere:1:1: error: playbook folder not found")
