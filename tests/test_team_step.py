"""A ladder step that pages "everyone in team X" (`team:`), followed through every place a
step shows: the ladder table and diagram, the role pages of the team's roles, the checker's
route (queries/paging.py step_who), the triage result, and a located error for an unknown team."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pages_of
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.queries.paging import step_who

ROOT = Path(__file__).resolve().parent.parent
STEP = ("        - role: head-of-social\n          acknowledge_within_minutes: 30\n"
        "          action: Switch crisis mode on")


def team_step(folder: Path, team: str) -> Path:
    shutil.copytree(ROOT / "playbook", folder)
    path = folder / "escalation.yaml"
    text = path.read_text(encoding="utf-8")
    assert STEP in text, "fixture edit does not apply"
    path.write_text(text.replace(STEP, STEP.replace("role: head-of-social", f"team: {team}")), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return team_step(tmp_path_factory.mktemp("team-step") / "playbook", "social")


@pytest.fixture(scope="module")
def pages(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages_of(folder, tmp_path_factory.mktemp("team-project") / "project")


def test_the_ladder_table_and_diagram_name_the_team(pages: dict[str, str]) -> None:
    page = pages["escalation/critical.md"]
    assert "| 5 | everyone in [Social &amp; Content](../roles/social/index.md) | 30 min | 1 h 5 min |" in page
    diagram = page[page.index("<svg"):page.index("</svg>")]
    assert "5. everyone in Social &amp; Content" in diagram


def test_every_role_of_the_team_shows_the_step_on_its_page(pages: dict[str, str]) -> None:
    for role in ("social-media-manager", "content-creator", "regional-editor", "head-of-social"):
        assert "| [Critical](../../escalation/critical.md) | step 5 of 5 on the Crisis ladder |" in \
            pages[f"roles/social/{role}.md"], role
    assert "step 5 of 5 on the Crisis ladder" not in pages["roles/community/community-manager.md"]


def test_the_checkers_route_and_the_triage_result_name_the_team(folder: Path) -> None:
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    playbook = loaded.playbook
    step = playbook.id_maps["ladder"]["crisis"].steps[-1]
    assert step_who(playbook, step).text == "everyone in Social & Content"
    assert compile_rules(playbook)["ladders"]["crisis"]["steps"][-1]["who"] == "everyone in Social & Content"
    result = CliRunner().invoke(main, ["triage", "--playbook", str(folder), "--trigger", "legal-threat", "--spread",
                                       "viral", "--at", "2026-11-30 10:00", "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = json.loads(result.output)
    ladder = next(i for i, (kind, text) in enumerate(lines) if kind == "h3" and text.startswith("Ladder"))
    end = next((i for i, (kind, _) in enumerate(lines) if i > ladder and kind == "h3"), len(lines))
    steps = [text for kind, text in lines[ladder:end] if kind == "ol"]  # the ladder's, not the plan in time's
    assert steps[-1].startswith("everyone in Social & Content, acknowledge within 30 min: Switch crisis mode on")


def test_a_step_to_an_unknown_team_is_a_located_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--playbook", str(team_step(tmp_path / "playbook", "socail"))])
    assert result.exit_code == 1
    assert "escalation.yaml:" in result.output and "error:" in result.output
    assert "'socail'" in result.output and "did you mean 'social'?" in result.output
