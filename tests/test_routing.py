"""Routing and purpose (issue 25, deliverables 2 and 3): who owns each situation (a trigger's
`owner`: a role, `receiver` or `none`), triggers scoped to platforms or accounts (both engines),
teams with channels, venues watched without an account, accounts another team runs (`run_by`),
platform priorities, content pillars and a content mix per platform, shown where a writer looks.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from conftest import ROOT, pages_of
from generator.cli import main
from generator.model import MixShare, Platform, Trigger, Venue
from generator.queries.operations import venue_text
from test_check_classes import AT, judged

EXAMPLE = ROOT / "playbook"
REPOST = "Love this shot of your flat white! Can we repost your photo?"



@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages_of(EXAMPLE, tmp_path_factory.mktemp("routing") / "project")


# ---------------------------------------------------------------- the model


def test_an_owner_is_a_role_receiver_or_none_and_every_field_is_optional() -> None:
    base = {"id": "t", "name": "T", "category": "news", "description": "D", "severity": "low"}
    assert Trigger(**base).owner is None and Trigger(**base).platforms == [] and Trigger(**base).accounts == []
    for owner in ("receiver", "none", "community-manager"):
        assert Trigger(**base, owner=owner).owner == owner
    assert Platform(id="x", name="X").priority is None and Platform(id="x", name="X").content_mix == []


@pytest.mark.parametrize(("mix", "problem"), [
    ([{"pillar": "a", "share": 60}, {"pillar": "b", "share": 50}], "the content mix adds up to 110%"),
    ([{"pillar": "a", "share": 30}, {"pillar": "a", "share": 30}], "a pillar appears twice in the content mix"),
])
def test_a_content_mix_over_100_or_with_a_pillar_twice_is_refused(mix: list[dict[str, Any]], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        Platform(id="x", name="X", content_mix=mix)
    assert Platform(id="x", name="X", content_mix=[MixShare(pillar="a", share=100)]).content_mix[0].share == 100


@pytest.mark.parametrize(("rhythm", "text"), [
    ({"every": "day", "times": 2}, "twice a day"), ({"every": "week"}, "once a week"),
    ({"every": "hour", "times": 3}, "3 times an hour"), ({}, None),
])
def test_a_venue_says_how_often_only_when_the_policy_does(rhythm: dict[str, Any], text: str | None) -> None:
    assert venue_text(Venue(id="v", name="V", watched_by=["r"], **rhythm)) == text


def test_a_bad_reference_in_a_new_field_is_a_located_error(tmp_path: Path) -> None:
    policy = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, policy)
    triggers, accounts = policy / "triggers.yaml", policy / "accounts.yaml"
    triggers.write_text(triggers.read_text(encoding="utf-8")
                        .replace("    owner: comms-lead\n", "    owner: comms-leed\n")
                        .replace("platforms: [instagram, tiktok]", "platforms: [instagram, tiktk]"), encoding="utf-8")
    accounts.write_text(accounts.read_text(encoding="utf-8")
                        .replace("{pillar: cafes, share: 50}", "{pillar: cafe, share: 50}")
                        .replace("run_by: digital-ops", "run_by: digital-op"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--playbook", str(policy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line.split(f"{policy.name}/", 1)[1] for line in result.output.splitlines() if ": error: " in line]
    assert [e.split(": ", 1)[0].split(":")[0] for e in errors] == ["accounts.yaml", "accounts.yaml", "triggers.yaml",
                                                                   "triggers.yaml"]
    messages = [e.split(": error: ", 1)[1] for e in errors]
    assert messages == ["platform 'tiktok', content mix share 1, pillar: unknown content pillar 'cafe'",
                        "account 'nw-x-status', run_by: unknown team 'digital-op'",
                        "trigger 'media-enquiry', owner: unknown role 'comms-leed'",
                        "trigger 'repost-permission', platforms: unknown platform 'tiktk'"]


# ---------------------------------------------------------------- both engines


def test_a_scoped_trigger_fires_only_on_its_platforms_in_both_engines() -> None:
    on_instagram, on_x = judged([{"text": REPOST, "account": "nw-instagram-de"},
                                 {"text": REPOST, "account": "nw-x-uk"}])
    assert "sensitivity.trigger" in [f["rule"] for f in on_instagram["findings"]]
    assert on_instagram["route"]["owners"] == [{"trigger": "repost-permission", "owner": "content-creator"}]
    assert "sensitivity.trigger" not in [f["rule"] for f in on_x["findings"]]
    assert on_x["route"]["owners"] == []


def test_the_route_names_each_matched_triggers_owner_worst_first_in_both_engines() -> None:
    result, = judged([{"text": "A journalist asked about my refund and a competitor, Starbucks.", "account": "nw-x-uk",
                       "at": AT}])
    assert result["route"]["owners"] == [{"trigger": "media-enquiry", "owner": "comms-lead"},
                                         {"trigger": "customer-complaint", "owner": "receiver"},
                                         {"trigger": "competitor-mention", "owner": "none"}]


# ---------------------------------------------------------------- the command line


def _run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, [*args[:1], "--playbook", str(EXAMPLE), *args[1:]], input=stdin)


def test_check_says_who_owns_it_and_refuses_another_teams_account() -> None:
    owned = _run("check", "--account", "nw-x-uk", "-", stdin="A journalist asked about my refund")
    assert "  owner of Media enquiry: Head of Communications" in owned.output
    assert "  owner of Everyday customer complaint: whoever received it" in owned.output
    theirs = _run("check", "--account", "nw-x-status", "-", stdin="The app is back")
    assert theirs.exit_code == 2
    assert ("account 'nw-x-status' is run by Digital Operations, not by this team: we do not post on it; "
            "ask them to post it") in theirs.output


def test_triage_says_who_owns_it_and_never_prints_an_empty_tell_now(tmp_path: Path) -> None:
    owned = _run("triage", "--no-ask", "--trigger", "competitor-mention", "--trigger", "customer-complaint")
    assert ("Who owns it\n-----------\n  - Competitor mention: nobody: it is noted, not followed up\n"
            "  - Everyday customer complaint: whoever received it\n") in owned.output
    policy = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, policy)
    escalation = policy / "escalation.yaml"
    text = escalation.read_text(encoding="utf-8")
    low = text.index("  - id: low")
    start = text.index("      notify:", low)
    end = text.index("\n      ", text.index("\n", start) + 1)
    while text[end + 1:].startswith("        - "):  # the notify list's items
        end = text.index("\n", end + 1)
    escalation.write_text(text[:start] + "      notify: []" + text[end:], encoding="utf-8")
    quiet = CliRunner().invoke(main, ["triage", "--playbook", str(policy), "--no-ask",
                                      "--trigger", "competitor-mention", "--format", "json"])
    assert quiet.exit_code == 0, quiet.output
    lines = json.loads(quiet.output)
    headings = [text for kind, text in lines if kind == "h3"]
    assert "Tell now" not in headings and "Who owns it" in headings


# ---------------------------------------------------------------- the pages


def test_the_role_page_lists_the_situations_it_owns_with_their_scope(pages: dict[str, str]) -> None:
    creator = pages["roles/social/content-creator.md"]
    section = creator[creator.index("## Situations you own"):creator.index("## Ladders and approvals")]
    assert "Reposting a customer" in section and "| Instagram, TikTok |" in section
    community = pages["roles/community/community-manager.md"]
    assert "**Hostile replies and harassment**" in community and "| every account |" in community
    assert "## Situations you own" not in pages["roles/social/head-of-social.md"]


def test_the_severity_page_says_who_owns_each_trigger_and_where_it_fires(pages: dict[str, str]) -> None:
    low = pages["escalation/low.md"]
    assert "| Verify first | Who owns it | Where |" in low
    assert "| whoever received it | every account |" in low
    assert "| nobody: it is noted, not followed up | every account |" in low
    assert "[Content Creator](../roles/social/content-creator.md) | Instagram, TikTok |" in low


def test_another_teams_account_is_listed_with_its_channels_not_posted_on(pages: dict[str, str]) -> None:
    accounts = pages["accounts/index.md"]
    status = accounts[accounts.index("### Northwind App Status on X"):]
    assert "| Owner | run by [Digital Operations](../roles/digital-ops/index.md) (App incidents (chat)" in status
    assert ": not ours to post on |" in status and "| Limits |" not in status.split("## ")[1]
    team = pages["roles/digital-ops/index.md"]
    assert "**How to reach the team:** App incidents (chat)" in team
    assert "## Accounts it runs" in team and "No role in this handbook belongs to this team." in team
    assert "## Org chart" not in team
    checker = pages["checker/index.md"]
    assert "## Accounts we do not post on" in checker and "@NorthwindStatus" in checker


def test_venues_are_listed_with_who_watches_how_often_and_where_to_flag(pages: dict[str, str]) -> None:
    accounts = pages["accounts/index.md"]
    venues = accounts[accounts.index("## Where we listen without an account"):]
    reddit = next(line for line in venues.splitlines() if "venue-reddit-coffee" in line)
    assert "[Community Manager](../roles/community/community-manager.md) | twice a day |" in reddit
    assert "[Social Media Manager](../roles/social/social-media-manager.md), Social desk (chat)" in reddit


def test_priority_and_content_mix_are_shown_where_a_writer_looks(pages: dict[str, str]) -> None:
    mix = "Our coffee 40% (tag pillar:coffee), Cafes and baristas 30% (tag pillar:cafes)"
    instagram = pages["platforms/instagram.md"]
    assert "- **Priority:** 1 of our 4 ranked platforms (1 comes first)." in instagram and mix in instagram
    accounts = pages["accounts/index.md"]
    global_ig = accounts[accounts.index("### Northwind Roasters on Instagram"):]
    assert f"| Content mix | {mix}" in global_ig.split("### ")[1]
    assert "## What we post" in pages["cards/content-creator.md"] and mix in pages["cards/content-creator.md"]
    checker = pages["checker/index.md"]
    section = checker[checker.index("## What each platform is for"):]
    assert section.index("(priority 1)") < section.index("(priority 2)") < section.index("(priority 3)")
    assert "## What we post" not in pages["cards/night-moderator.md"]  # it writes no posts


def test_a_role_named_like_an_owner_word_is_a_located_error(tmp_path: Path) -> None:
    policy = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, policy)
    roles = policy / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n  - id: receiver\n    name: Receiver\n"
                     "    purpose: Receives.\n    responsibilities: [Receive]\n    reports_to: head-of-social\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--playbook", str(policy)])
    assert result.exit_code == 1
    assert ("error: role id 'receiver' is a word of a trigger's 'owner:' (whoever received it), so no trigger "
            "could name this role") in result.output
    assert "roles.yaml:" in result.output.split("role id 'receiver'")[0].splitlines()[-1]


def test_triage_says_where_a_scoped_trigger_applies() -> None:
    result = _run("triage", "--no-ask", "--trigger", "repost-permission")
    assert "Matched: Reposting a customer's photo or video (only on Instagram, TikTok)." in result.output
