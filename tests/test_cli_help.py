"""Help that fits: Click never cuts a command's line, every option says what it does,
and the ids a flag takes can be listed and completed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent


def commands() -> list[tuple[str, click.Command]]:
    found = []
    for name in sorted(COMMANDS):
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", command.commands[sub]) for sub in sorted(command.commands)]
    return found


@pytest.mark.parametrize("name, command", commands())
def test_short_help_fits_and_every_option_is_documented(name, command):
    assert len(command.get_short_help_str(limit=200)) < 60, name
    undocumented = [p.name for p in command.params if isinstance(p, click.Option) and not p.help]
    assert undocumented == [], name


def test_the_command_list_is_never_cut():
    listing = CliRunner().invoke(main, ["--help"]).output.split("Commands:")[1]
    assert "..." not in listing and len(listing.splitlines()) > len(COMMANDS)


def test_list_shows_the_ids_a_flag_takes(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["list", "severities", "--no-cache"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == ["low", "moderate", "high", "severe", "critical"]


def test_shell_completion_completes_account_ids(tmp_path):
    env = {**os.environ, "COMP_WORDS": "playbook check --account nw-x-u", "COMP_CWORD": "3",
           "_PLAYBOOK_COMPLETE": "bash_complete", "PLAYBOOK_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "generator"], cwd=ROOT / "playbook", env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["plain,nw-x-us", "plain,nw-x-uk"]
