"""Whom a ladder step pages is decided once (queries/paging.py step_who): `playbook triage`, the
rules document's `who` (the wizard and the checker's route) and the severity page's ladder table
say the same words for every step, on the example (a rotation, two roles at once) and on a policy
whose step pages a team and an "everyone" rotation together."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pages_of
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model import Playbook
from generator.queries import paths
from generator.queries.answers import triage
from generator.queries.paging import step_who

STEP = "        - role: head-of-social\n          acknowledge_within_minutes: 30\n"
LEADS = "rotations:\n  - {id: leads, name: Leads, role: head-of-social, page: everyone}\n"


def team_and_rotation(folder: Path) -> Path:
    """The example whose last crisis step pages everyone in a team and a rotation at once."""
    shutil.copytree(ROOT / "playbook", folder)
    for name, old, new in [("escalation.yaml", STEP, STEP.replace("role: head-of-social",
                                                                  "team: social\n          rotation: leads")),
                           ("roster.yaml", "rotations:\n", LEADS)]:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture edit does not apply to {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["example", "team-and-rotation"])
def policy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Playbook]:
    base = tmp_path_factory.mktemp(request.param)
    folder = ROOT / "playbook" if request.param == "example" else team_and_rotation(base / "playbook")
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    return folder, loaded.playbook


def plain(cell: str, channel_lists: list[str]) -> str:
    """A ladder-table cell as a reader reads it, without links and the ways to reach each party."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    text = html.unescape(re.sub(r"\\(.)", r"\1", text))
    for listed in channel_lists:
        text = text.replace(f" ({listed})", "")
    return text


def channel_lists(playbook: Playbook) -> list[str]:
    """Every role's and rotation's channels as the page lists them, longest first."""
    said = []
    for owner in [*playbook.roles, *playbook.rotations]:
        if owner.channels:
            said.append("; ".join(f"{c.label}{f' ({c.kind.value})' if c.kind.value != 'other' else ''}: {c.value}"
                                  f"{' *(internal)*' if c.internal else ''}" for c in owner.channels))
    return sorted(said, key=len, reverse=True)


def triage_steps(folder: Path, trigger: str) -> list[str]:
    result = CliRunner().invoke(main, ["triage", "--playbook", str(folder), "--trigger", trigger,
                                       "--at", "2026-11-30 10:00", "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = json.loads(result.output)
    start = next(i for i, (kind, text) in enumerate(lines) if kind == "h3" and text.startswith("Ladder"))
    end = next((i for i, (kind, _) in enumerate(lines) if i > start and kind == "h3"), len(lines))
    return [text for kind, text in lines[start:end] if kind == "ol"]


def test_triage_the_rules_and_the_severity_page_say_whom_each_step_pages_alike(
        policy: tuple[Path, Playbook], tmp_path: Path) -> None:
    folder, playbook = policy
    rules = compile_rules(playbook)
    pages = pages_of(folder, tmp_path / "project")
    reach = channel_lists(playbook)
    ladders = {}  # ladder id -> a trigger whose triage pages it
    for trigger in playbook.triggers:
        result = triage(playbook, [trigger.id])
        if result.ladder is not None:
            ladders.setdefault(result.ladder.id, (trigger.id, result.severity.id))
    assert ladders, "no trigger reaches a ladder"
    seen = set()
    for ladder_id, (trigger_id, severity_id) in sorted(ladders.items()):
        ladder = playbook.ladder(ladder_id)
        said = triage_steps(folder, trigger_id)
        rows = [line for line in pages[paths.severity(severity_id)].splitlines()
                if re.match(r"\| \d+ \| ", line)][:len(ladder.steps)]
        assert len(said) == len(rows) == len(ladder.steps), ladder_id
        for number, step in enumerate(ladder.steps):
            who = step_who(playbook, step).text
            seen.add(who)
            assert rules["ladders"][ladder_id]["steps"][number]["who"] == who
            assert re.match(re.escape(who) + r"(?: \(|,|:)", said[number]), (said[number], who)
            assert plain(rows[number].split(" | ")[1], reach).removesuffix(
                f" (paged with step {number})") == who, (rows[number], who)
    assert any("(at once)" in who for who in seen)
    assert any("whoever is on shift: " in who or "everyone: " in who for who in seen)
