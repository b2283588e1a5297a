"""A format that fits a team's own process (issue 13): declared categories, stages and
milestones replace the built-in words everywhere a page names them; a stage without a signer
says so; severities carry a label, a direction, a response and a major-incident threshold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import MINIMAL, make_project
from generator.render.project import render_project

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
    responsibilities:
      - Keep the incident log
      - heading: During an incident
        items: [Decide the next statement, Name a scribe]
    reports_to: lead
    backups: [lead]
    who: Any senior manager with a year on the team.
    prerequisites: [Has led the crisis drill]
    holders: one
    permissions: [draft, approve]
    actions: [decide]
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


ACTIONS = """\
  actions:
    - {id: decide, name: Decide, description: Make the call.}
    - {id: remove, name: Remove, description: Delete the post., requires: delete}
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("process") / "playbook"
    folder.mkdir()
    text = (MINIMAL / "playbook.yaml").read_text()
    (folder / "playbook.yaml").write_text(text.replace("triggers:", ACTIONS + "triggers:", 1))
    (folder / "process.yaml").write_text(PROCESS)
    project = make_project(folder.parent / "project", folder)
    return {path: page.markdown for path, page in render_project(project).site.pages.items()}


def page(pages: dict[str, str], ending: str) -> str:
    return next(text for path, text in pages.items() if path.endswith(ending))


def test_role_page_names_the_declared_stages_and_milestones(pages: dict[str, str]) -> None:
    role = page(pages, "roles/commander.md")
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
    assert "shadow, then reverse shadow, then graduated, each stage signed off unless the role" in glossary
    assert "First shift and first on" in glossary
    assert "Rumour or hoax" in pages["approvals/index.md"]
    assert "Rumour or hoax" in pages["escalation/triage-tree.md"]


SEVERITIES = """\
escalation:
  worst: lowest
  major_from: sev-2
  severities:
    - {id: sev-1, name: Critical, label: SEV-1, level: 1, description: Everything is on fire,
       response: "Page the commander and the backup at once; update every 20 minutes.",
       respond_within_minutes: 5, notify: [lead], ladder: basic}
    - {id: sev-2, name: Major, label: SEV-2, level: 2, description: Serious, respond_within_minutes: 15,
       notify: [lead], ladder: basic}
    - {id: sev-3, name: Ticket, label: SEV-3, level: 3, description: A ticket for office hours, ladder: basic}
  ladders:
    - id: basic
      name: Basic
      cadence: {internal_minutes: 30, public_minutes: 20, long_incident_minutes: 180, long_incident: Hand over.}
      steps:
        - {role: writer, acknowledge_within_minutes: 10, action: Look at it}
        - {role: lead, acknowledge_within_minutes: 10, action: Decide}
      after_last_step: Call the lead's phone.
"""


def severity_project(root: Path, escalation: str) -> Path:
    folder = root / "playbook"
    folder.mkdir(parents=True)
    text = (MINIMAL / "playbook.yaml").read_text()
    start, end = text.index("escalation:"), text.index("triggers:")
    text = text[:start] + escalation + text[end:]
    (folder / "playbook.yaml").write_text(text.replace("severity: low", "severity: sev-3")
                                          .replace("severity: high", "severity: sev-1"))
    return make_project(root / "project", folder)


@pytest.fixture(scope="module")
def severity_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = severity_project(tmp_path_factory.mktemp("severities"), SEVERITIES)
    return {path: page.markdown for path, page in render_project(project).site.pages.items()}


def test_severity_pages_show_the_label_response_and_major_threshold(severity_pages: dict[str, str]) -> None:
    critical = severity_pages["escalation/sev-1.md"]
    assert "**SEV\\-1** · **major incident** · **first response within 5 min**" in critical
    assert "**What we do:** Page the commander and the backup at once; update every 20 minutes\\." in critical
    ticket = severity_pages["escalation/sev-3.md"]
    assert "**SEV\\-3** · no response deadline" in ticket and "major incident" not in ticket
    table = severity_pages["escalation/index.md"]
    assert table.index("| SEV\\-1 |") < table.index("| SEV\\-3 |"), "the worst level is listed first"
    assert "| SEV\\-3 | [Ticket](sev-3.md) | A ticket for office hours | no deadline |" in table


def test_rules_rank_levels_by_the_declared_direction(tmp_path: Path) -> None:
    from generator.checker.rules import compile_rules
    from generator.lint.loader import load_playbook

    loaded = load_playbook(severity_project(tmp_path, SEVERITIES) / "playbook")
    assert loaded.playbook is not None, loaded.report.format_text()
    rules = compile_rules(loaded.playbook)
    assert rules["severity_order"] == ["sev-3", "sev-2", "sev-1"]
    assert rules["severities"]["sev-1"]["label"] == "SEV-1" and rules["severities"]["sev-1"]["major"]
    assert not rules["severities"]["sev-3"]["major"]


def test_a_major_level_without_deadline_or_anyone_to_tell_is_an_error(tmp_path: Path) -> None:
    from generator.lint.loader import load_playbook

    broken = SEVERITIES.replace("respond_within_minutes: 15,\n       notify: [lead],", "")
    loaded = load_playbook(severity_project(tmp_path, broken) / "playbook")
    assert [d.message for d in loaded.report.errors] == [
        "severity 'sev-2' routes nowhere: nobody is notified", "severity 'sev-2' has no response deadline"]
    assert "only a level below the major incident threshold 'sev-2' may leave it out" in loaded.report.format_text()


def test_a_ladder_cadence_shows_on_its_severities_and_in_the_rules(severity_pages: dict[str, str],
                                                                   tmp_path: Path) -> None:
    from generator.checker.rules import compile_rules
    from generator.lint.loader import load_playbook

    said = ("While it lasts: update the team every 30 min and the public every 20 min; "
            "after 3 h it is a long incident: Hand over.")
    assert said in severity_pages["escalation/sev-1.md"]
    loaded = load_playbook(severity_project(tmp_path, SEVERITIES) / "playbook")
    assert loaded.playbook is not None
    assert compile_rules(loaded.playbook)["severities"]["sev-3"]["cadence"] == {
        "internal_minutes": 30, "public_minutes": 20, "long_incident_minutes": 180, "long_incident": "Hand over."}


def test_an_empty_cadence_is_an_error(tmp_path: Path) -> None:
    from generator.lint.loader import load_playbook

    broken = SEVERITIES.replace("cadence: {internal_minutes: 30, public_minutes: 20, long_incident_minutes: 180, "
                                "long_incident: Hand over.}", "cadence: {long_incident: Hand over.}")
    loaded = load_playbook(severity_project(tmp_path, broken) / "playbook")
    assert [d.message for d in loaded.report.errors] == [
        "ladder 'basic', cadence: a cadence needs internal_minutes, public_minutes or long_incident_minutes"]


def test_a_role_page_says_who_can_hold_it_and_groups_its_responsibilities(pages: dict[str, str]) -> None:
    role = pages["roles/commander.md"]
    assert ("## Who can hold it\n\nAny senior manager with a year on the team\\.\n\n"
            "One person holds it at a time\\.") in role
    assert "- Has led the crisis drill" in role
    assert ("- Keep the incident log\n- **During an incident**\n"
            "    - Decide the next statement\n    - Name a scribe") in role
    assert "Actions it may take during an incident: [Decide]" in role and "[Remove]" not in role
    assert "[Remove]" not in pages["roles/lead.md"] and "[Decide]" in pages["roles/lead.md"]


def test_a_role_cannot_list_an_action_its_permissions_do_not_allow(tmp_path: Path) -> None:
    from generator.lint.loader import load_playbook

    folder = tmp_path / "playbook"
    folder.mkdir()
    text = (MINIMAL / "playbook.yaml").read_text()
    (folder / "playbook.yaml").write_text(text.replace("triggers:", ACTIONS + "triggers:", 1))
    (folder / "process.yaml").write_text(PROCESS.replace("actions: [decide]", "actions: [decide, remove]"))
    loaded = load_playbook(folder)
    assert [(d.message, d.hint) for d in loaded.report.errors] == [
        ("role 'commander' lists action 'remove' but lacks the 'delete' permission it needs",
         "add 'delete' to its permissions or remove the action")]


def test_steps_paged_at_once_share_their_start(example_project: Path) -> None:
    pages = {path: page.markdown for path, page in render_project(example_project).site.pages.items()}
    critical = pages["escalation/critical.md"]
    rows = [line for line in critical.splitlines() if line.startswith("| ") and " min |" in line]
    # step 4 is paged with step 3 (the group starts at 15 min; step 4 has 20): 35 min, not 50;
    # step 5 starts when that group runs out (35 min) and has 30 min: 1 h 5 min.
    assert [row.split(" | ")[3] for row in rows] == ["5 min", "15 min", "30 min", "35 min", "1 h 5 min"]
    assert "(paged with step 3)" in rows[3]
    assert "Night cover (whoever is on shift: " in rows[0]
    assert "and [Head of Social](../roles/social/head-of-social.md) (Head of Social&#39;s phone (phone): " in rows[1]
    assert rows[1].split(" | ")[1].endswith(" (at once)")
    assert "3-4. Head of Communications + Legal Liaison (at once)" in critical.replace("\u2011", "-")


def test_the_rules_say_whom_each_step_pages(example_project: Path) -> None:
    from generator.checker.rules import compile_rules
    from generator.lint.loader import load_playbook

    loaded = load_playbook(example_project / "playbook")
    assert loaded.playbook is not None
    steps = compile_rules(loaded.playbook)["ladders"]["crisis"]["steps"]
    assert [s["who"] for s in steps[:2]] == ["Night cover (whoever is on shift: Noah Williams, Chloe Tan)",
                                             "Social Media Manager and Head of Social (at once)"]
    assert steps[0]["channels"][0]["label"] == "Night pager" and steps[1]["roles"] == [
        "social-media-manager", "head-of-social"]
    assert steps[3]["with_previous"] is True


def test_a_step_that_pages_nobody_is_an_error(tmp_path: Path) -> None:
    from generator.lint.loader import load_playbook

    broken = SEVERITIES.replace("- {role: writer, acknowledge_within_minutes: 10", "- {acknowledge_within_minutes: 10")
    loaded = load_playbook(severity_project(tmp_path, broken) / "playbook")
    assert [d.message for d in loaded.report.errors] == [
        "ladder 'basic', step 1: a step must page someone: set role, roles, rotation or team"]


def test_a_ticket_level_may_name_no_ladder(tmp_path: Path) -> None:
    """Below the major incident threshold a level may page nobody (a ticket): the page, the
    triage result and the checker's route say so; a major level without a ladder is an error."""
    from generator.checker.engine import check
    from generator.checker.rules import compile_rules
    from generator.cli.triage import NO_LADDER, triage_lines
    from generator.lint.loader import load_playbook
    from generator.queries.answers import triage

    ticket = SEVERITIES.replace("description: A ticket for office hours, ladder: basic}",
                                "description: A ticket for office hours}")
    project = severity_project(tmp_path / "ok", ticket)
    loaded = load_playbook(project / "playbook")
    assert loaded.playbook is not None, loaded.report.format_text()
    page = render_project(project).site.pages["escalation/sev-3.md"].markdown
    assert "## Nobody is paged" in page and "## The ladder" not in page
    result = triage(loaded.playbook, ["complaint"])
    assert result.severity.id == "sev-3" and result.ladder is None
    noon = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
    assert ("p", NO_LADDER) in triage_lines(loaded.playbook, result, noon)
    rules = compile_rules(loaded.playbook)
    assert rules["severities"]["sev-3"]["ladder"] is None
    route = check(rules, "I want a refund for this")["route"]
    assert route["severity"] == "sev-3" and route["ladder"] is None and route["steps"] == []

    major = SEVERITIES.replace("respond_within_minutes: 15,\n       notify: [lead], ladder: basic}",
                               "respond_within_minutes: 15,\n       notify: [lead]}")
    broken = load_playbook(severity_project(tmp_path / "broken", major) / "playbook")
    assert [d.message for d in broken.report.errors] == [
        "severity 'sev-2' has no ladder and no timeline: nobody is paged and no plan is written"]


def test_equal_deadlines_are_an_error_only_for_levels_alike_in_everything(tmp_path: Path) -> None:
    from generator.lint.loader import load_playbook

    same = SEVERITIES.replace("respond_within_minutes: 15,", "respond_within_minutes: 5,")
    loaded = load_playbook(severity_project(tmp_path / "alike", same) / "playbook")
    expected = ("severity 'sev-1' (level 1) allows 5 minutes to respond, the same as 'sev-2' (level 2), "
                "with the same ladder and the same people told")
    assert [d.message for d in loaded.report.errors] == [expected]
    told = same.replace("respond_within_minutes: 5, notify: [lead], ladder: basic}",
                        "respond_within_minutes: 5, notify: [lead, writer], ladder: basic}")
    loaded = load_playbook(severity_project(tmp_path / "told", told) / "playbook")
    assert loaded.report.errors == []
    assert [d.level for d in loaded.report.items if "the same as" in d.message] == ["info"]


def test_a_rotation_without_members_pages_whoever_holds_its_role(tmp_path: Path) -> None:
    from conftest import make_project
    from generator.lint.loader import load_playbook

    folder = make_project(tmp_path / "project") / "playbook"
    roster = (folder / "roster.yaml").read_text()
    (folder / "roster.yaml").write_text(roster.replace("    members: [noah-w, chloe-t]\n", ""))
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    rotation = loaded.playbook.id_maps["rotation"]["night-cover"]
    holders = [p.id for p in loaded.playbook.roster if "night-moderator" in p.roles]
    assert holders and loaded.playbook.rotation_members(rotation) == holders
    (folder / "roster.yaml").write_text(roster.replace("    members: [noah-w, chloe-t]\n", "")
                                        .replace("    role: night-moderator\n", "", 1))
    broken = load_playbook(folder)
    expected = "rotation 'night-cover' names no members and no role: a step that pages it reaches nobody"
    assert expected in [d.message for d in broken.report.errors]
