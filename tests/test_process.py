"""The team's own process: declared categories, stages and milestones replace the built-in
words everywhere a page names them, and a stage without a signer says so (issue 13)."""

from __future__ import annotations

import shutil

import pytest
from generator.render.project import render_project

from conftest import MINIMAL, make_project

PROCESS = """\
process:
  categories:
    - {id: rumour, name: Rumour or hoax, description: Claims about us that may be false.}
    - {id: legal}
    - {id: community}
  stages:
    - {id: shadow, name: Shadow, meaning: Watches an incident commander.}
    - {id: reverse-shadow, name: Reverse shadow, meaning: Leads while a commander watches.}
    - {id: graduated, name: Graduated, meaning: Leads alone.}
  milestones:
    - {id: first-shift, name: first shift}
    - {id: first-on-call, name: first on-call week}
roles:
  - id: commander
    name: Incident commander
    purpose: Leads an incident.
    why: One person must decide.
    responsibilities: [Decide]
    reports_to: lead
    backups: [lead]
    progression:
      - {stage: shadow, description: Shadows two incidents., signed_off_by: lead}
      - {stage: reverse-shadow, description: Leads two incidents while watched., signed_off_by: lead}
      - {stage: graduated, description: Declares themself ready.}
triggers:
  - {id: hoax, name: Hoax, category: rumour, description: A hoax about us, keywords: [hoax], severity: low}
onboarding:
  - role: commander
    milestones: [{id: shift, title: First shift, milestone: first-shift, tasks: [Read the handbook]}]
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("process") / "playbook"
    folder.mkdir()
    shutil.copy(MINIMAL / "playbook.yaml", folder / "playbook.yaml")
    (folder / "process.yaml").write_text(PROCESS)
    project = make_project(folder.parent / "project", folder)
    return {path: page.markdown for path, page in render_project(project).site.pages.items()}


def page(pages: dict[str, str], ending: str) -> str:
    return next(text for path, text in pages.items() if path.endswith(ending))


def test_role_page_names_the_declared_stages_and_milestones(pages: dict[str, str]) -> None:
    role = page(pages, "commander.md")
    assert "| Reverse shadow | Leads two incidents while watched\\. |" in role
    assert "): first shift, first on\\-call week." in role
    assert "day 1" not in role and "week 1" not in role


def test_a_stage_without_a_signer_says_the_person_moves_on_by_themself(pages: dict[str, str]) -> None:
    assert "| Graduated | Declares themself ready\\. |  | nobody: the person moves on by themself |" in page(
        pages, "roles/commander.md")
    path = page(pages, "onboarding/commander.md")
    assert "## From shadow to graduated" in path
    assert "**Graduated**: Declares themself ready\\. No sign-off: the person moves on by themself." in path


def test_glossary_and_approvals_use_the_declared_words(pages: dict[str, str]) -> None:
    glossary = page(pages, "glossary.md")
    assert "shadow, then reverse shadow, then graduated" in glossary
    assert "First shift and first on" in glossary
    assert "Rumour or hoax" in pages["approvals/index.md"]
    assert "Rumour or hoax" in pages["escalation/triage-tree.md"]
