"""Generated text states only what the YAML says (issue 24, deliverable 4): where the policy
is silent, a page says "not set" rather than a rule of ours. Each case renders the minimal
playbook (silent on all of these) and, where a field now holds the rule, the same playbook
with the field set."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, make_project
from generator.queries import paths
from generator.render.project import render_project


def _pages(tmp_path: Path, *edits: tuple[str, str]) -> dict[str, str]:
    project = make_project(tmp_path / "project", MINIMAL)
    policy = project / "playbook" / "playbook.yaml"
    for old, new in edits:
        text = policy.read_text(encoding="utf-8")
        assert text.count(old) == 1
        policy.write_text(text.replace(old, new), encoding="utf-8")
    return {path: page.markdown for path, page in render_project(project).site.pages.items()}


def test_what_to_do_when_unsure_of_the_level_is_the_policy_s_or_not_set(tmp_path: Path) -> None:
    silent = _pages(tmp_path / "a")[paths.ESCALATION]
    assert "When unsure which level applies: *not set in the policy*" in silent
    assert "higher one" not in silent
    said = _pages(tmp_path / "b", ("escalation:\n", "escalation:\n  when_unsure: ask the lead.\n"))
    assert "When unsure which level applies: ask the lead\\." in said[paths.ESCALATION]


def test_profanity_is_not_said_to_be_banned_when_no_term_is_profanity(tmp_path: Path) -> None:
    silent = _pages(tmp_path / "a")[paths.VOCABULARY]
    assert "Profanity: not set in the policy (no term in the vocabulary has `kind: profanity`)." in silent
    assert "never acceptable" not in silent
    profanity = "vocabulary:\n  - {term: damn, kind: profanity, reason: Rude.}\ntriggers:\n"
    said = _pages(tmp_path / "b", ("triggers:\n", profanity))[paths.VOCABULARY]
    assert "No profanity either, even disguised with symbols" in said and "not set" not in said


def test_the_watchlist_names_no_one_who_adds_entries(tmp_path: Path) -> None:
    checker = _pages(tmp_path)[paths.CHECKER]
    assert "Nothing is on the watchlist." in checker
    assert "whoever is on shift" not in checker.casefold()


def test_a_card_says_not_set_where_the_role_names_nobody_to_escalate_to(tmp_path: Path) -> None:
    guest = ("  - id: guest\n    name: Guest\n    purpose: Visits.\n    responsibilities: [Visit]\n"
             "    permissions: [draft]\n  - id: writer\n")
    pages = _pages(tmp_path, ("audience: 200000, owner: lead}", "audience: 200000, owner: guest}"),
                   ("  - id: writer\n", guest))
    card = pages["cards/guest.md"]
    assert "- You are on no escalation ladder. Escalate to: not set in the policy." in card
    assert "- Not set in the policy: this role names nobody it reports or escalates to, and no backup." in card
    assert "at the top" not in card and "policy owner" not in card
