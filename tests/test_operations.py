"""Everyday operations (issue 25, deliverables 1 and 3): how much each account posts, who checks its
inbox and how often, and a role's recurring duties; worded once (queries/operations.py) and shown
on the account, platform and role pages and the pocket card; `playbook sweep` flags a day (week)
of the queue over the cap or under the minimum. An account says what it is for; one that
another department runs is listed, but left out of the checker and the sweep."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from conftest import ROOT, pages_of
from generator.checker.rules import compile_rules
from generator.checker.schedule import read_export, volume_flags
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model import Account, Inbox, Volume
from generator.queries.operations import rounds_due, rounds_text, volume_text

EXAMPLE = ROOT / "playbook"



@pytest.mark.parametrize(("numbers", "text"), [
    ({"per": "day", "min": 3, "target": 5, "max": 8}, "3 to 8 posts a day (aim for 5)"),
    ({"per": "week", "max": 3}, "at most 3 posts a week"),
    ({"per": "week", "min": 1}, "at least 1 post a week"),
    ({"per": "day", "target": 4}, "about 4 posts a day"),
    ({"per": "day", "min": 2, "max": 2}, "2 posts a day"),
    ({"per": "day", "max": 8, "not_counted": ["repost", "reply"]}, "at most 8 posts a day; not counted: repost, reply"),
])
def test_a_volume_says_only_the_numbers_the_policy_gives(numbers: dict[str, Any], text: str) -> None:
    assert volume_text(Volume(**numbers)) == text


@pytest.mark.parametrize(("numbers", "problem"), [
    ({"per": "day"}, "a posting volume needs min, target or max"),
    ({"per": "day", "min": 5, "max": 3}, "min, target and max must be in that order (min <= target <= max)"),
    ({"per": "day", "target": 9, "max": 3}, "min, target and max must be in that order (min <= target <= max)"),
])
def test_a_volume_that_says_nothing_or_contradicts_itself_is_refused(numbers: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        Volume(**numbers)


@pytest.mark.parametrize(("rounds", "text"), [
    ({"times_per_business_day": 3, "times_per_weekend_day": 1}, "3 times each business day, once a day at weekends"),
    ({"times_per_business_day": 2, "times_per_weekend_day": 0}, "twice each business day, not at weekends"),
    ({"times_per_business_day": 1}, "once each business day (weekends: not set)"),
    ({}, "how often on business days: not set (weekends: not set)"),
])
def test_inbox_rounds_say_what_the_policy_says(rounds: dict[str, Any], text: str) -> None:
    assert rounds_text(Inbox(sources=["mentions"], checked_by=["x"], **rounds)) == text


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages_of(EXAMPLE, tmp_path_factory.mktemp("operations") / "project")


def test_the_account_page_states_volume_and_inbox_the_platform_page_its_own(pages: dict[str, str]) -> None:
    accounts = pages["accounts/index.md"]
    assert "| Posting volume | at most 2 posts a day; not counted: reply |" in accounts  # the care account's own
    assert ("| Inbox | mentions, DMs: checked by Community Manager, Night &amp; Weekend Moderator 6 times each "
            "business day \\(at 08:00, 10:00, 12:00, 14:00, 16:00, 18:00\\), 3 times a day at weekends \\(at 10:00, "
            "14:00, 18:00\\), Europe/London time |") in accounts
    platform = pages["platforms/x.md"]
    assert "- **Posting volume:** 2 to 8 posts a day \\(aim for 4\\); not counted: repost, reply" in platform
    assert "| Posting volume | 2 to 8 posts a day \\(aim for 4\\); not counted: repost, reply |" in accounts


def test_the_role_page_and_pocket_card_say_whose_inbox_round_and_duty_it_is(pages: dict[str, str]) -> None:
    role = pages["roles/community/night-moderator.md"]
    line = ("check the @NorthwindHelp \\(X \\(Twitter\\)\\) inbox \\(mentions, DMs\\) 6 times each business day "
            "\\(at 08:00, 10:00, 12:00, 14:00, 16:00, 18:00\\), 3 times a day at weekends "
            "\\(at 10:00, 14:00, 18:00\\), Europe/London time")
    assert f"## On a rhythm\n\n- **Inbox:** {line}" in role
    assert f"- C{line[1:]}." in pages["cards/night-moderator.md"]
    manager = pages["roles/social/social-media-manager.md"]
    assert "- **Every week (Thursday):** Load next week&#39;s content calendar" in manager
    assert "- Every week (Thursday): Load next week&#39;s content calendar" in pages["cards/social-media-manager.md"]


def test_an_unknown_inbox_role_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "playbook"
    folder.mkdir()
    for path in EXAMPLE.glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    accounts = folder / "accounts.yaml"
    accounts.write_text(accounts.read_text(encoding="utf-8").replace(
        "checked_by: [community-manager, night-moderator]", "checked_by: [community-manager, night-mod]", 1),
        encoding="utf-8")
    errors = load_playbook(folder).report.errors
    assert [(Path(d.file).name, d.message, d.hint) for d in errors] == [
        ("accounts.yaml", "account 'nw-x-care', inbox.checked_by: unknown role 'night-mod'",
         "did you mean 'night-moderator'?")]


# ---------------------------------------------------------------- the sweep

@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    return json.loads(json.dumps(compile_rules(loaded.playbook)))


def flags(rules: dict[str, Any], rows: list[str]) -> list[tuple[str, str, str, int, str]]:
    export = "id,account,time,text,type\n" + "\n".join(rows) + "\n"
    queue = read_export(rules, export, "queue.csv")
    assert queue.report.items == []
    return [(f["account"], f["period"], f["to"], f["count"], f["problem"]) for f in volume_flags(rules, queue.posts)]


def posts(account: str, day: str, count: int, kind: str = "") -> list[str]:
    return [f"{account}-{day}-{n}{kind},{account},{day} {9 + n:02d}:00,Morning all,{kind}" for n in range(count)]


def test_a_day_over_the_cap_is_flagged_and_reposts_do_not_count(rules: dict[str, Any]) -> None:
    # nw-x-uk: X's 2 to 8 a day, reposts and replies not counted
    rows = posts("nw-x-uk", "2026-12-07", 3) + posts("nw-x-uk", "2026-12-08", 9) + posts("nw-x-uk", "2026-12-09", 3)
    assert flags(rules, rows) == [("nw-x-uk", "2026-12-08", "2026-12-08", 9, "over")]
    reposts = posts("nw-x-uk", "2026-12-07", 3) + posts("nw-x-uk", "2026-12-08", 8) \
        + posts("nw-x-uk", "2026-12-08", 4, "repost") + posts("nw-x-uk", "2026-12-09", 3)
    assert flags(rules, reposts) == []


def test_days_under_the_minimum_inside_the_export_are_flagged_a_gap_once(rules: dict[str, Any]) -> None:
    rows = (posts("nw-x-uk", "2026-12-07", 3) + posts("nw-x-uk", "2026-12-08", 1)
            + posts("nw-x-uk", "2026-12-13", 3))  # 12-09 to 12-12: nothing queued
    assert flags(rules, rows) == [("nw-x-uk", "2026-12-08", "2026-12-08", 1, "under"),
                                  ("nw-x-uk", "2026-12-09", "2026-12-12", 0, "under")]


def test_the_edges_of_the_export_are_not_judged_under_the_minimum(rules: dict[str, Any]) -> None:
    assert flags(rules, posts("nw-x-uk", "2026-12-07", 1) + posts("nw-x-uk", "2026-12-08", 1)) == []


def test_a_weekly_volume_counts_weeks(rules: dict[str, Any]) -> None:
    # Instagram: 3 to 10 a week; stories not counted. Weeks 50 and 52 are the edges.
    rows = (posts("nw-instagram-global", "2026-12-07", 1) + posts("nw-instagram-global", "2026-12-14", 6)
            + posts("nw-instagram-global", "2026-12-15", 5) + posts("nw-instagram-global", "2026-12-16", 9, "story")
            + posts("nw-instagram-global", "2026-12-21", 1))
    assert flags(rules, rows) == [("nw-instagram-global", "2026-W51", "2026-W51", 11, "over")]


def test_sweep_prints_the_volume_and_fails_on_it_only_with_fail_on_hold(tmp_path: Path) -> None:
    export = tmp_path / "queue.csv"
    rows = posts("nw-x-uk", "2026-12-07", 3) + posts("nw-x-uk", "2026-12-08", 9) + posts("nw-x-uk", "2026-12-09", 3)
    export.write_text("id,account,time,text,type\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["sweep", "--playbook", str(EXAMPLE), str(export)])
    assert run.exit_code == 0, run.output
    assert ("posting volume: nw-x-uk: 9 posts on 2026-12-08, over the cap of 8 a day "
            "(the policy: 2 to 8 posts a day (aim for 4); not counted: repost, reply)") in run.stdout.splitlines()
    assert run.stdout.splitlines()[-1] == "pull 0, hold 0, keep 15 of 15 posts; 1 posting volume warning"
    held = CliRunner().invoke(main, ["sweep", "--playbook", str(EXAMPLE), "--fail-on", "hold", str(export)])
    assert held.exit_code == 1
    document = json.loads(CliRunner().invoke(main, ["sweep", "--playbook", str(EXAMPLE), "--format", "json",
                                                     str(export)]).stdout)
    assert document["summary"]["volume"] == 1 and document["volume"][0]["problem"] == "over"


# ---------------------------------------------------------------- what an account is for, and who runs it

def test_an_account_says_what_it_is_for_and_another_departments_is_listed_not_posted_on(
        pages: dict[str, str], rules: dict[str, Any]) -> None:
    accounts = pages["accounts/index.md"]
    assert "| What it is for | Customer care: orders, refunds and questions about a cafe\\." in accounts
    jobs = accounts[accounts.index("### Northwind Careers on X"):]
    assert "| Owner | run by the People team \\(recruitment\\): not ours to post on |" in jobs
    assert "| Limits |" not in jobs.split("<a id=")[0]
    assert "nw-x-jobs" not in rules["accounts"] and "nw-x-jobs" not in rules["account_order"]
    assert rules["run_elsewhere"] == {"nw-x-jobs": "the People team (recruitment)", "nw-x-status": "Digital Operations"}


def test_a_queued_post_on_another_departments_account_is_a_located_error(rules: dict[str, Any]) -> None:
    queue = read_export(rules, "id,account,time,text\np1,nw-x-jobs,2026-12-08 09:00,We are hiring\n", "queue.csv")
    assert [d.format() for d in queue.report.items] == [
        ("queue.csv:2:4: error: account 'nw-x-jobs' is run by the People team (recruitment), not by this team\n"
        "    hint: take the post out of this export, or ask them to post it")]


def test_an_account_needs_an_owner_unless_another_department_runs_it() -> None:
    needs = "an account needs 'owner' \\(a role id\\), or 'run_by' \\(a team id\\) or 'run_elsewhere'"
    with pytest.raises(ValidationError, match=needs):
        Account(id="a", name="A", platform="x", handle="@a")
    assert Account(id="a", name="A", platform="x", handle="@a", run_elsewhere="Support").owner is None


def test_round_times_are_said_with_their_zone_and_count_the_rounds() -> None:
    inbox = Inbox(sources=["DMs"], checked_by=["x"], at=["13:00", "09:00"], weekend_at=[])
    assert inbox.rounds_on(weekend=False) == 2 and inbox.rounds_on(weekend=True) is None
    assert rounds_text(inbox, "Europe/Berlin") == ("twice each business day (at 13:00, 09:00) (weekends: not set), "
                                                   "Europe/Berlin time")
    assert rounds_text(inbox, "each account's own time zone").endswith(", in each account's own time zone")


@pytest.mark.parametrize("fields", [{"at": ["09:00"], "times_per_business_day": 2},
                                    {"weekend_at": ["09:00", "10:00"], "times_per_weekend_day": 1},
                                    {"at": ["09:00", "09:00"]}])
def test_round_times_that_disagree_with_the_count_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="round time"):
        Inbox(sources=["DMs"], checked_by=["x"], **fields)


def test_the_round_due_is_read_in_each_inboxes_own_zone() -> None:
    """Saturday 01:30 in London is still Friday evening in New York: one inbox is on its
    weekend rounds, the other on its business-day rounds, at the same instant."""
    playbook = load_playbook(EXAMPLE).playbook
    assert playbook is not None
    at = dt.datetime(2026, 12, 5, 1, 30, tzinfo=dt.UTC)
    due = {d.round.account.id: d for d in rounds_due(playbook, at)}
    care, us = due["nw-x-care"], due["nw-x-us"]
    assert (care.weekend, care.count, care.next_time) == (True, 3, "10:00")
    assert (us.weekend, us.count, us.times, us.next_time) == (False, 3, ("09:00", "13:00", "17:00"), None)
    names = {**{r.id: r.name for r in playbook.roles}, **{p.id: p.name for p in playbook.roster}}
    assert us.text(names).startswith("3 rounds today (business day), none left today; Social Media Manager: ")
    assert care.text(names).startswith("3 rounds today (weekend), next at 10:00 Europe/London time; ")
