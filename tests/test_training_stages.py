"""Training records in the team's own stages (issue 13): with `process.stages` declaring
shadow -> reverse-shadow -> graduated, records name those stages, are ordered and timed by
the declared order, the last declared stage is "solo", and the lead's matrix, the People
page and `playbook oncall` show the declared names. A record naming an undeclared stage is a
located error with a "did you mean".

The fixture is the example with its supervised and solo stages renamed everywhere a stage
id is written (process.yaml, roles.yaml progression, roster.yaml records).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pages_of
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.queries.training import may_act_alone, next_stage, standing

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)
RENAMES = {
    "process.yaml": [("{id: supervised, name: Supervised,", "{id: reverse-shadow, name: Reverse shadow,"),
                     ("{id: solo, name: Solo,", "{id: graduated, name: Graduated,")],
    "roles.yaml": [("stage: supervised", "stage: reverse-shadow"), ("stage: solo", "stage: graduated")],
    "roster.yaml": [("stage: supervised", "stage: reverse-shadow"), ("stage: solo", "stage: graduated")],
}
LENA_RECORDS = """      - role: regional-editor
        stage: shadow
        since: 2025-03-03
        signed_off_by: tom-o
      - role: regional-editor
        stage: reverse-shadow
        since: 2025-03-10
"""


def own_stages(folder: Path, extra: tuple[str, str, str] | None = None) -> Path:
    shutil.copytree(ROOT / "playbook", folder)
    for name, edits in RENAMES.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"fixture edit {old!r} does not apply to {name}"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    if extra:
        name, old, new = extra
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture edit {old!r} does not apply to {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return own_stages(tmp_path_factory.mktemp("stages") / "playbook")


@pytest.fixture(scope="module")
def playbook(folder: Path):
    loaded = load_playbook(folder, TODAY)
    assert loaded.playbook is not None, loaded.report.format_text()
    return loaded.playbook


def problems(tmp_path: Path, extra: tuple[str, str, str]) -> str:
    loaded = load_playbook(own_stages(tmp_path / "playbook", extra), TODAY)
    return loaded.report.format_text()


def test_the_last_declared_stage_is_solo(playbook) -> None:
    people = {p.id: p for p in playbook.roster}
    order = playbook.stage_order
    assert order == ["shadow", "reverse-shadow", "graduated"]
    lena = standing(people["lena-f"], "regional-editor", order)
    assert lena.stage == "graduated" and lena.solo
    dev = standing(people["dev-p"], "community-manager", order)
    assert dev.stage == "reverse-shadow" and not dev.solo
    assert not may_act_alone(people["dev-p"], "community-manager", order)
    assert next_stage(playbook.role("community-manager"), dev, order) == "graduated"


def test_the_same_playbook_validates_as_strictly_as_the_example(folder: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--playbook", str(folder), "--strict", "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output


def test_records_follow_the_declared_order(tmp_path: Path) -> None:
    backwards = ("roster.yaml", "      - role: regional-editor\n        stage: shadow\n",
                 ("      - role: regional-editor\n        stage: graduated\n        since: 2025-03-01\n"
                  "        signed_off_by: priya-s\n      - role: regional-editor\n        stage: shadow\n"))
    text = problems(tmp_path, backwards)
    assert "error: 'lena-f' reaches the shadow stage of 'regional-editor' after the graduated stage" in text
    assert "hint: list a role's stages in order, shadow then reverse-shadow then graduated, oldest first" in text


def test_min_days_of_a_declared_stage_is_checked(tmp_path: Path) -> None:
    early = ("roster.yaml", "        stage: reverse-shadow\n        since: 2025-03-10\n",
             "        stage: reverse-shadow\n        since: 2025-03-05\n")
    text = problems(tmp_path, early)
    assert ("error: 'lena-f' spent 2 days at the shadow stage of 'regional-editor'; the role asks for at least 5"
            in text)
    assert "hint: the reverse-shadow stage can start on 2025-03-08 at the earliest" in text


def test_a_record_naming_an_undeclared_stage_is_a_located_error_with_a_hint(tmp_path: Path) -> None:
    typo = ("roster.yaml", "        stage: reverse-shadow\n        since: 2025-03-10\n",
            "        stage: reverse-shadw\n        since: 2025-03-10\n")
    text = problems(tmp_path, typo)
    line = next(line for line in text.splitlines() if "reverse-shadw" in line)
    assert ("playbook/roster.yaml:167:16: error: person 'lena-f', training 'regional-editor', stage: unknown "
            "progression stage 'reverse-shadw'") in line
    assert "did you mean 'reverse-shadow'?" in text


@pytest.fixture(scope="module")
def pages(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages_of(folder, tmp_path_factory.mktemp("stages-project") / "project")


def test_the_leads_matrix_shows_the_declared_stages(pages: dict[str, str]) -> None:
    matrix = pages["onboarding/team.md"]
    assert "| Person | Shadow | Reverse shadow | Graduated | Next step | Due | Progress sent |" in matrix
    assert "done: graduated" in matrix
    assert "reach **graduated**" in matrix
    assert "supervised" not in matrix.lower().replace("unsupervised", "")


def test_the_people_pages_show_the_declared_names(pages: dict[str, str], folder: Path) -> None:
    people = pages["people/index.md"]
    assert "reverse shadow since 2026-09-14" in people
    assert "graduated since 2025-04-07" in people
    assert '"community-manager":"reverse shadow"' in pages["people/now.md"]
    result = CliRunner().invoke(main, ["oncall", "--playbook", str(folder), "--role", "community-manager",
                                       "--at", "2026-11-30 10:00"])
    assert "reverse shadow: not solo" in result.output
