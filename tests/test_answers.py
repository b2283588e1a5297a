"""Answers that combine several parts of the policy: effective limits, approvals that apply,
triage. Each is computed once (generator/queries/answers.py); these tests pin what it says on
the example and on planted combinations, and that every page, the checker and
`playbook triage` say exactly that.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.checker.engine import check
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model import Playbook
from generator.queries import paths
from generator.queries.answers import (
    HOUSE_STYLE,
    account_limits,
    approvals_by_tier,
    approvals_for,
    effective_limits,
    triage,
)
from generator.render.site import Site, render_site

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "playbook"


@lru_cache(maxsize=1)
def example() -> Playbook:
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    return loaded.playbook


@lru_cache(maxsize=1)
def example_site() -> Site:
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    return render_site(loaded.playbook, loaded.origins, ROOT)


def planted(change: Callable[[dict[str, Any]], None]) -> Playbook:
    """The example with one change to its data, validated again like a policy file."""
    data = copy.deepcopy(example().model_dump(mode="json", by_alias=True, exclude={"sources"}))
    change(data)
    return Playbook.model_validate(data)


def by_key(limits: list[Any]) -> dict[str, Any]:
    return {limit.key: limit for limit in limits}


# --------------------------------------------------------------------------- effective limits


def test_the_stricter_rule_wins_and_both_are_named():
    instagram = by_key(effective_limits(example(), example().platform("instagram")))
    assert instagram["max_hashtags"].limit == 2 and instagram["max_hashtags"].source == HOUSE_STYLE
    assert instagram["max_hashtags"].text == "2 hashtags (our house style; the limit for Instagram is 30)"
    assert instagram["max_chars"].text == "2,200 characters (the limit for Instagram)"
    assert instagram["max_links"].text == "no links (the limit for Instagram)"
    assert instagram["max_exclamation_marks"].text == "1 exclamation mark (our house style)"


def test_a_stricter_platform_or_account_limit_wins_over_the_house_style():
    def tighten(data: dict[str, Any]) -> None:
        data["platforms"][1]["limits"]["max_hashtags"] = 1  # Instagram now allows one
    playbook = planted(tighten)
    instagram = by_key(effective_limits(playbook, playbook.platform("instagram")))
    assert instagram["max_hashtags"].text == "1 hashtag (the limit for Instagram; our house style allows 2)"

    def override(data: dict[str, Any]) -> None:
        account = next(a for a in data["accounts"] if a["platform"] == "tiktok")
        account["limits"]["max_hashtags"] = 1
    playbook = planted(override)
    account = next(a for a in playbook.accounts if a.platform == "tiktok")
    limit = by_key(account_limits(playbook, account))["max_hashtags"]
    assert limit.text == "1 hashtag (this account's own limit; the limit for TikTok is 5; our house style allows 2)"


def test_every_page_that_states_a_limit_states_the_effective_one():
    site = example_site()
    text = "2 hashtags \\(our house style; the limit for Instagram is 30\\)"
    for path in (paths.platform("instagram"), paths.PLATFORMS, paths.VOICE, paths.card("community-manager")):
        assert text in site.pages[path].markdown, path
    accounts = site.pages[paths.ACCOUNTS].markdown
    assert "2 hashtags \\(our house style; the limit for Instagram is 30\\)" in accounts
    # Nowhere does a page still state a platform limit as if it were the whole answer.
    for path, page in site.pages.items():
        assert "30 hashtags at most" not in page.markdown, path


def hashtag_findings(rules: dict[str, Any], account: str, count: int) -> list[str]:
    draft = "Fresh beans today " + " ".join(f"#tag{i}" for i in range(count))
    return [f["rule"] for f in check(rules, draft, account)["findings"] if "hashtags" in f["rule"]]


def test_the_checker_states_the_limit_as_the_pages_do():
    rules = compile_rules(example())
    instagram = next(a.id for a in example().accounts if a.platform == "instagram")
    (finding,) = [f for f in check(rules, "Beans #a #b #c", instagram)["findings"] if f["rule"] == "style.hashtags"]
    assert finding["message"] == ("3 hashtags; the limit here is 2 hashtags "
                                  "(our house style; the limit for Instagram is 30)")


def test_the_checker_enforces_the_effective_hashtag_limit_once():
    rules = compile_rules(example())
    instagram = next(a.id for a in example().accounts if a.platform == "instagram")
    assert hashtag_findings(rules, instagram, 2) == []
    assert hashtag_findings(rules, instagram, 3) == ["style.hashtags"]
    assert hashtag_findings(rules, instagram, 31) == ["style.hashtags"]  # once, not twice
    assert rules["accounts"][instagram]["limit_texts"]["max_hashtags"] == (
        "2 hashtags (our house style; the limit for Instagram is 30)")

    def tighten(data: dict[str, Any]) -> None:
        data["platforms"][1]["limits"]["max_hashtags"] = 1
    strict = compile_rules(planted(tighten))
    assert hashtag_findings(strict, instagram, 2) == ["limits.hashtags"]


# --------------------------------------------------------------------------- approvals


def names(found: list[Any]) -> list[str]:
    return [r.name for r in found]


def test_a_moderate_incident_on_the_flagship_still_needs_the_second_person():
    playbook = example()
    moderate = playbook.severity("moderate")
    assert names(approvals_for(playbook, "flagship", (), moderate)) == ["Two-person rule"]
    assert names(approvals_for(playbook, "growing", (), moderate)) == [
        "Touchy posts on growing and large accounts need a manager"]


def test_every_rule_that_applies_is_combined_in_order():
    playbook = example()
    found = approvals_for(playbook, "flagship", ["legal"], playbook.severity("critical"), verify_first=True)
    assert names(found) == ["Two-person rule", "Legal topics need the legal liaison", "High severity needs a head",
                            "Critical needs two sign-offs", "Verify before reacting"]
    assert found[3].needed == 2 and found[3].approvers == ("head-of-social", "comms-lead", "legal-liaison")
    assert names(approvals_for(playbook, "community", ["commercial"])) == []
    assert names(approvals_for(playbook, "large", ["commercial"])) == ["Promotions on big accounts need a manager"]
    assert names(approvals_for(playbook, "community", ["news"])) == ["Verify before reacting"]


def test_planted_rules_combine_reach_topic_and_severity():
    def plant(data: dict[str, Any]) -> None:
        data["approvals"]["rules"] = [
            {"id": "big-legal-high", "name": "Big legal from high", "description": "Planted.",
             "tiers": ["large"], "categories": ["legal"], "min_severity": "high", "approvers": ["comms-lead"]},
            {"id": "everyone", "name": "Everyone always", "description": "Planted.",
             "approvers": ["head-of-social"]}]
        data["approvals"]["two_person_rule"]["tiers"] = ["large", "flagship"]
    playbook = planted(plant)
    high, moderate = playbook.severity("high"), playbook.severity("moderate")
    assert names(approvals_for(playbook, "large", ["legal"], high)) == [
        "Two-person rule", "Big legal from high", "Everyone always"]
    assert names(approvals_for(playbook, "large", ["legal"], moderate)) == ["Two-person rule", "Everyone always"]
    assert names(approvals_for(playbook, "growing", ["legal"], high)) == ["Everyone always"]
    assert names(approvals_for(playbook, "large", ["media"], high)) == ["Two-person rule", "Everyone always"]
    common, per_tier = approvals_by_tier(playbook, ["legal"], high)
    assert names(common) == ["Everyone always"]
    assert [(t.id, names(r)) for t, r in per_tier] == [
        ("community", []), ("growing", []), ("large", ["Two-person rule", "Big legal from high"]),
        ("flagship", ["Two-person rule"])]
    site = render_site(playbook, load_playbook(EXAMPLE).origins, ROOT)
    incident = site.pages[paths.APPROVALS].markdown.split("## During an incident")[1]
    row = next(line for line in incident.splitlines() if line.startswith("| [High]"))
    large = row.split(" | ")[3]
    assert "[Two\\-person rule]" in large and "[Everyone always]" in large and "Big legal" not in large


def test_the_matrix_cells_are_what_approvals_for_returns():
    site, playbook = example_site(), example()
    text = site.pages[paths.APPROVALS].markdown
    incident = text.split("## During an incident")[1].split("## Two-person rule")[0]
    tiers = sorted(playbook.reach_tiers, key=lambda t: t.min_followers)
    for severity in playbook.escalation.severities:
        row = next(line for line in incident.splitlines() if line.startswith(f"| [{severity.name}]"))
        cells = row.split(" | ")[1:]
        for tier, cell in zip(tiers, cells, strict=True):
            expected = names(approvals_for(playbook, tier, (), severity))
            shown = [name.replace("\\-", "-") for name in _linked_names(cell)]
            assert shown[:len(expected)] == expected, (severity.id, tier.id)


def _linked_names(cell: str) -> list[str]:
    return [part.split("](")[0].lstrip("[") for part in cell.split("<br>") if part.startswith("[")]


def test_pages_cite_rules_by_name_never_by_id_or_number():
    site = example_site()
    for path, page in site.pages.items():
        if path.startswith("reference"):
            continue  # the field reference documents `id` itself
        for rule in example().approvals.rules:
            assert f"Approval rule {rule.id}" not in page.markdown, path
            assert f"[{rule.id}]" not in page.markdown, path
        assert "### Rule " not in page.markdown, path
    role = site.pages[next(p for p in site.pages if p.endswith("/community-manager.md") and p.startswith("roles"))]
    assert "[Touchy posts on growing and large accounts need a manager](" in role.markdown
    assert "### Before a post of yours goes out" in role.markdown


# --------------------------------------------------------------------------- ladders and triage


def test_every_severity_page_and_pocket_card_says_what_follows_the_last_step():
    site, playbook = example_site(), example()
    for severity in playbook.escalation.severities:
        ladder = playbook.ladder(severity.ladder)
        page = site.pages[paths.severity(severity.id)].markdown
        name = ladder.name.replace("-", "\\-")  # as the page escapes it
        assert f"**If nobody has acknowledged the last step of {name}" in page, severity.id
        assert "## Who approves anything public" in page
    card = site.pages[paths.card("night-moderator")].markdown
    assert "**If nobody has acknowledged the last step of Crisis (1 h 5 min after it started):**" in card


def test_triage_raises_by_spread_and_keeps_every_holding_statement():
    playbook = example()
    result = triage(playbook, ["legal-threat", "tragedy-breaking-news"], (), "spreading")
    assert result.severity.id == "critical" and result.raised_by == 1
    assert [t.id for t in result.triggers] == ["tragedy-breaking-news", "legal-threat"]
    assert [h.id for h in result.holding] == ["hs-tragedy", "hs-legal"]
    assert result.verify_first
    assert triage(playbook, ["legal-threat"], (), "viral").severity.id == "critical"  # capped at the top
    nothing = triage(playbook)
    assert nothing.severity.id == "low" and nothing.triggers == () and nothing.holding == ()


def run(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, ["triage", "--playbook", str(EXAMPLE), *args], input=input)


def test_the_triage_command_asks_the_wizards_questions():
    playbook = example()
    number = [t.id for t in playbook.triggers].index("legal-threat") + 1
    result = run("--ask", input=f"{number}\n\n1\n")
    assert result.exit_code == 0, result.output
    assert "What happened? Tick everything that applies." in result.output
    assert "How far has it spread?" in result.output
    assert "Severity: High (level 3 of 5)" in result.output
    assert "  - Every account: Legal topics need the legal liaison: Legal Liaison" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith(
        "If nobody has acknowledged the last step of Management sign-off (55 min after it started)")
    assert run("--ask", input="99\n\n\n1\n").output.count("Answer with numbers from 1 to") == 1


def test_the_triage_command_refuses_an_unknown_trigger_with_a_suggestion():
    result = run("--trigger", "legal-thret")
    assert result.exit_code == 2
    assert "unknown id 'legal-thret' in --trigger; did you mean 'legal-threat'?" in result.output


def test_the_triage_command_prints_json_lines():
    result = run("--trigger", "product-recall", "--format", "json")
    lines = json.loads(result.output)
    assert lines[0] == ["h2", "Severity: Critical (level 5 of 5)"]
    # who to tell, how to reach the role, and by name from the roster
    assert ["li", "Head of Social (Head of Social's phone: +44 20 7946 0101): Priya Shah (Europe/London)"] in lines
    assert ["li", ("Every account: Critical needs two sign-offs: 2 of Head of Social, Head of Communications, "
                   "Legal Liaison")] in lines


@pytest.mark.parametrize("ladder", ["incident", "crisis"])
def test_a_ladder_of_the_upper_severities_must_say_what_follows_it(ladder):
    from generator.lint.crosscheck import ladders_needing_after_last_step

    assert ladder in ladders_needing_after_last_step(example())
