"""A deliberately broken copy of each example file gives located, actionable messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "playbook"
FILES = sorted(p.name for p in EXAMPLE.glob("*.yaml"))


def validate_with(tmp_path: Path, monkeypatch, name: str, edit) -> list[str]:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE, tmp_path / "playbook")
    target = tmp_path / "playbook" / name
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    return result.stderr.splitlines()


def test_example_is_valid_without_warnings():
    result = CliRunner().invoke(main, ["validate", "--playbook", str(EXAMPLE), "--strict", "--today", "2026-11-25"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "playbook is valid"


@pytest.mark.parametrize("name", FILES)
def test_misspelt_section_points_at_it(tmp_path, monkeypatch, name):
    lines = validate_with(tmp_path, monkeypatch, name, lambda text: text + "\nvocabularyy: []\n")
    count = (tmp_path / "playbook" / name).read_text().count("\n")
    assert f"playbook/{name}:{count}:1: error: unknown key 'vocabularyy'" in lines
    assert "    hint: did you mean 'vocabulary'?" in lines


@pytest.mark.parametrize("name", FILES)
def test_unclosed_bracket_points_at_the_bracket(tmp_path, monkeypatch, name):
    original = (EXAMPLE / name).read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(original) if line.endswith(":") and not line.startswith("#"))

    def edit(text: str) -> str:
        lines = text.splitlines()
        lines[index] += " [unclosed"
        return "\n".join(lines) + "\n"

    lines = validate_with(tmp_path, monkeypatch, name, edit)
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"playbook/{name}:{index + 1}:{len(original[index]) + 2}: error: "
                                "flow sequence starting here is never closed")
