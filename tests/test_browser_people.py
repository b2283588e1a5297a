"""On shift now, in Chromium at a fixed clock: the page's answer equals `playbook oncall`'s JSON.

The example handbook plus two night workers whose shifts cross midnight and a
daylight-saving change is built with MkDocs and served on 127.0.0.1; Playwright's clock
fixes the browser's time at each instant, and the rows the page draws (their data-pb-*
attributes) are compared with the command's JSON for the same instant.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_project, make_project
from generator.cli import main
from test_people import NIGHT_PEOPLE

pytestmark = pytest.mark.browser
UTC = dt.UTC

INSTANTS = [
    dt.datetime(2026, 11, 30, 10, 0, tzinfo=UTC),   # an ordinary Monday morning in London
    dt.datetime(2026, 12, 4, 23, 45, tzinfo=UTC),   # Friday night: the weekend shifts come next
    dt.datetime(2026, 12, 6, 13, 0, tzinfo=UTC),    # Monday 00:00 in Sydney: Noah's week starts at 08:00
    dt.datetime(2027, 3, 14, 6, 59, tzinfo=UTC),    # a minute before New York springs forward
    dt.datetime(2027, 3, 14, 7, 0, tzinfo=UTC),     # the moment it does
    dt.datetime(2027, 3, 28, 0, 30, tzinfo=UTC),    # London's Saturday night shift, before the change
    dt.datetime(2027, 3, 28, 4, 45, tzinfo=UTC),    # the same shift after the change (ends 05:00 UTC)
    dt.datetime(2027, 4, 3, 15, 30, tzinfo=UTC),    # Sydney, half an hour before it falls back
]


@pytest.fixture(scope="module")
def people_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("people") / "project")
    roster = project / "playbook" / "roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8") + NIGHT_PEOPLE, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def people_url(people_project: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(build_project(people_project))


def command_answer(project: Path, moment: dt.datetime) -> dict:
    result = CliRunner().invoke(main, ["oncall", "-C", str(project), "--at", moment.strftime("%Y-%m-%d %H:%M"),
                                       "--tz", "UTC", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def page_answer(page, selector: str) -> dict:
    rows = page.eval_on_selector_all(f"{selector} tr[data-pb-role]", """rows => rows.map(r => ({
        role: r.dataset.pbRole, on: r.dataset.pbOn, next: r.dataset.pbNext, from: r.dataset.pbFrom}))""")
    roles = {}
    for row in rows:
        following = None
        if row["next"]:
            following = {"person": row["next"], "from": dt.datetime.fromisoformat(row["from"].replace("Z", "+00:00"))}
        roles[row["role"]] = {"on": row["on"].split(), "next": following}
    return roles


def expected_roles(answer: dict) -> dict:
    return {role: {"on": entry["on"], "next": entry["next"] and {
        "person": entry["next"]["person"], "from": dt.datetime.fromisoformat(entry["next"]["from"])}}
        for role, entry in answer["roles"].items()}


def test_the_page_agrees_with_the_command_at_fixed_instants(page, page_events, people_url, people_project):
    for moment in INSTANTS:
        page.clock.set_fixed_time(moment)
        page.goto(people_url + "people/now/")
        page.wait_for_selector(".pb-oncall-table:not([hidden]) tr[data-pb-role]")
        assert page.get_attribute(".pb-oncall", "data-pb-at") == moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        answer = command_answer(people_project, moment)
        assert page_answer(page, ".pb-oncall") == expected_roles(answer), moment
        assert page_inboxes(page) == expected_inboxes(answer), moment
    assert page_events.console_errors == []


def page_inboxes(page) -> dict:
    rows = page.eval_on_selector_all(".pb-oncall-inboxes tr[data-pb-inbox]", """rows => rows.map(r => ({
        account: r.dataset.pbInbox, rounds: r.dataset.pbRounds, next: r.dataset.pbNext}))""")
    return {row["account"]: (int(row["rounds"]) if row["rounds"] else None, row["next"] or None) for row in rows}


def expected_inboxes(answer: dict) -> dict:
    return {entry["account"]: (entry["rounds"], entry["next"]) for entry in answer["inboxes"]}


def test_the_on_shift_page_says_which_inbox_round_is_due(page, people_url):
    page.clock.set_fixed_time(dt.datetime(2026, 11, 30, 12, 30, tzinfo=UTC))  # Monday, 12:30 in London
    page.goto(people_url + "people/now/")
    row = page.wait_for_selector(".pb-oncall-inboxes:not([hidden]) tr[data-pb-inbox='nw-x-care']")
    text = row.inner_text()
    assert "6 rounds today (business day), next at 14:00 Europe/London time" in text, text
    assert "Community Manager" in text and "Night & Weekend Moderator" in text, text


def test_the_page_names_people_marks_trainees_and_says_when_a_role_is_empty(page, people_url):
    page.clock.set_fixed_time(INSTANTS[0])
    page.goto(people_url + "people/now/")
    row = page.locator('tr[data-pb-role="community-manager"]')
    row.wait_for()
    assert row.locator("td").first.inner_text() == "Dev Patel (supervised: not solo), Jamie Clarke"
    assert row.locator("td a").first.get_attribute("href").endswith("people/#dev-p")
    # Monday 08:30 UTC: the legal liaison (Marta, 09:00 London) has not started; her backup has.
    page.clock.set_fixed_time(dt.datetime(2026, 11, 30, 8, 30, tzinfo=UTC))
    page.reload()
    page.locator('tr[data-pb-role="legal-liaison"]').wait_for()
    legal = page.locator('tr[data-pb-role="legal-liaison"] td').first.inner_text()
    assert legal.startswith("Nobody on shift: backups Head of Communications (Hannah Price)")
    assert page.locator('tr[data-pb-role="legal-liaison"] th a').get_attribute("href").endswith(
        "roles/comms-legal/legal-liaison/")


def test_the_home_page_box_gives_the_same_answer(page, people_url, people_project):
    moment = INSTANTS[5]
    page.clock.set_fixed_time(moment)
    page.goto(people_url)
    page.wait_for_selector(".pb-oncall-table:not([hidden]) tr[data-pb-role]")
    expected = expected_roles(command_answer(people_project, moment))
    shown = page_answer(page, ".pb-oncall")
    assert shown and shown == {role: expected[role] for role in shown}
    assert shown["night-moderator"]["on"] == ["chloe-t", "nina-n"]  # Sydney Sunday morning, London Saturday night


def test_the_leads_view_marks_overdue_and_a_new_hires_report_imports(page, people_url, people_project, tmp_path,
                                                                     monkeypatch):
    moment = dt.datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    page.clock.set_fixed_time(moment)
    monkeypatch.setenv("PLAYBOOK_NOW", moment.isoformat())  # the import judges "today" as the page did
    page.goto(people_url + "onboarding/team/")
    page.wait_for_selector(".pb-export:not([hidden])")
    assert page.locator('[data-pb-due="2026-09-29"]').inner_text() == "2026-09-29 overdue"  # Dev, 15 days asked
    # Ben ticks every task of his first milestone (the keys and fingerprints the path page stores).
    data = json.loads(page.locator("script.pb-records-data").text_content())
    day_one = data["paths"]["content-creator"][0]
    page.evaluate("""([store, tasks]) => localStorage.setItem('playbook-progress:' + store, JSON.stringify(
        {version: 'x', label: 'x', ticks: Object.fromEntries(tasks), quizzes: {}}))""",
                  [data["store"], day_one["tasks"]])
    page.reload()
    page.wait_for_selector(".pb-export:not([hidden])")
    page.select_option(".pb-export-person", "ben-k")
    page.select_option(".pb-export-role", "content-creator")
    page.click(".pb-export-make")
    report = json.loads(page.locator(".pb-export-text").input_value())
    assert report == {"format": "playbook-progress/1", "person": "ben-k", "role": "content-creator",
                      "reported": "2026-11-30", "milestones_done": [day_one["id"]], "modules_passed": []}
    file = tmp_path / "ben.json"
    file.write_text(json.dumps(report))
    result = CliRunner().invoke(main, ["records", "import", "-C", str(people_project), str(file)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    roster = (people_project / "playbook" / "roster.yaml").read_text(encoding="utf-8")
    assert f"milestones_done: [{day_one['id']}]" in roster
