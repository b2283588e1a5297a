"""Nothing forced (issue 25, deliverable 6): a policy that does not state a version, an
effective date, a review cycle, follower counts, a reach tier, a role's `why`, house style
limits, media rules or an expiry for a canned reply is valid, and every page says "not set"
instead of showing a value nobody wrote; roles outside the team are partners, exempt from the
checks that only make sense for the team's own roles; words can share one reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pages_of
from generator.checker.engine import check
from generator.checker.rules import compile_rules
from generator.lint.loader import load_playbook

MINIMAL = Path(__file__).parent / "data" / "minimal" / "playbook.yaml"
NOT_SET = "*not set in the policy*"

UNSTATED = {
    '  version: "1.0"\n': "",
    "  effective_date: 2026-01-01\n": "",
    "  review_cycle_months: 6\n": "",
    "    why: Posts need writing.\n": "",
    "  - {id: small, name: Small, min_followers: 0}\n": "  - {id: small, name: Small}\n",
    'handle: "@tiny", audience: 200000, owner: lead}': 'handle: "@tiny", owner: lead}',
}

EXTRA = """\
accounts:
  - {id: named, name: Named, platform: x, handle: "@named", tier: large, owner: lead}
roles:
  - id: legal
    name: Legal counsel
    purpose: Reviews anything that could be a legal claim.
    responsibilities: [Answer the team's legal questions]
    external: true
holding_statements:
  - id: canned
    name: Canned reply
    text: Thanks for telling us. We are looking into it.
    owner: lead
vocabulary:
  - terms: [guarantee, risk-free, cure]
    kind: caution
    reason: A claim we must be able to prove.
"""


def unstated_policy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in UNSTATED.items():
        assert old in text, f"fixture edit {old!r} does not apply"
        text = text.replace(old, new, 1)
    (folder / "playbook.yaml").write_text(text, encoding="utf-8")
    (folder / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unstated_policy(tmp_path_factory.mktemp("unstated") / "playbook")


@pytest.fixture(scope="module")
def pages(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages_of(folder, tmp_path_factory.mktemp("unstated-project") / "project")


def test_a_policy_that_states_none_of_it_is_valid_without_warnings(folder: Path) -> None:
    loaded = load_playbook(folder)
    assert [d.format() for d in loaded.report.items] == []


def test_home_says_what_the_policy_does_not_state(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    assert f"**Policy version:** {NOT_SET}; in force from {NOT_SET}" in home
    assert f"review cycle: {NOT_SET}" in home
    assert "Policy version not set, effective date not set." in pages["accounts/index.md"]


def test_no_follower_count_is_invented(pages: dict[str, str]) -> None:
    accounts = pages["accounts/index.md"]
    assert "| Audience | " + NOT_SET + " |" in accounts
    assert "0 followers" not in accounts
    assert "| Reach tier | [Large](index.md#tier-large) |" in accounts  # named by the account
    assert "Small | named by its accounts |" in accounts


def test_an_unstated_why_is_said_to_be_unset(pages: dict[str, str]) -> None:
    writer = pages["roles/writer.md"]
    assert "## Why it exists\n\n*Not set in the policy.*" in writer


def test_an_external_role_is_a_partner(pages: dict[str, str]) -> None:
    assert "## Partners outside the team" in pages["roles/index.md"]
    legal = pages["roles/legal.md"]
    assert "**Outside the team:**" in legal
    assert "cards/legal.md" not in pages and "## Pocket card" not in legal  # not on shift with us


def test_unstated_house_style_and_media_rules_are_not_shown_or_checked(folder: Path, pages: dict[str, str]) -> None:
    voice = pages["voice/index.md"]
    assert f"| Exclamation marks per post | {NOT_SET} |" in voice
    assert f"| Words in ALL CAPS | {NOT_SET} |" in voice
    assert f"Alt text on every image: {NOT_SET}." in voice
    assert "at most 1" not in voice
    rules = compile_rules(load_playbook(folder).playbook)  # type: ignore[arg-type]
    result = check(rules, "WOW!!! WINTER IS HERE!!! 🎉🎉🎉🎉", "main", [{"file": "a.png", "source": "message"}])
    assert [f["rule"] for f in result["findings"] if f["rule"].split(".")[0] in ("style", "media")] == []


def test_none_states_that_there_is_no_limit(tmp_path: Path) -> None:
    folder = unstated_policy(tmp_path / "playbook")
    (folder / "voice.yaml").write_text("voice:\n  style: {max_exclamation_marks: none, all_caps_words: 0}\n",
                                       encoding="utf-8")
    pages = pages_of(folder, tmp_path / "project")
    assert "| Exclamation marks per post | no limit |" in pages["voice/index.md"]
    assert "| Words in ALL CAPS | none |" in pages["voice/index.md"]
    rules = compile_rules(load_playbook(folder).playbook)  # type: ignore[arg-type]
    assert {f["rule"] for f in check(rules, "Yes!!! LOVELY", "main")["findings"]} == {"style.caps"}


def test_words_share_one_reason_and_each_is_checked(folder: Path, pages: dict[str, str]) -> None:
    for word in ("guarantee", "risk\\-free", "cure"):
        assert f"| **{word}** | A claim we must be able to prove\\. |" in pages["voice/vocabulary.md"]
    rules = compile_rules(load_playbook(folder).playbook)  # type: ignore[arg-type]
    found = [(f["ref"], f["message"]) for f in check(rules, "A risk-free cure", "main")["findings"]]
    assert found == [("risk-free", "'risk-free' needs care: A claim we must be able to prove."),
                     ("cure", "'cure' needs care: A claim we must be able to prove.")]


def test_a_canned_reply_without_expiry(pages: dict[str, str]) -> None:
    assert any("**Canned reply** (owner" in text and "no expiry date" in text for text in pages.values())


def test_an_entry_needs_term_or_terms_not_both(tmp_path: Path) -> None:
    folder = unstated_policy(tmp_path / "playbook")
    (folder / "words.yaml").write_text("vocabulary:\n  - {term: x, terms: [y], kind: banned, reason: No.}\n",
                                       encoding="utf-8")
    report = load_playbook(folder).report
    assert [d.message for d in report.errors] == [
        "term 'x': a vocabulary entry needs either 'term' (one word) or 'terms' (a list), not both"]


def test_a_duplicate_inside_a_shared_entry_is_located_at_the_entry(tmp_path: Path) -> None:
    folder = unstated_policy(tmp_path / "playbook")
    (folder / "words.yaml").write_text("vocabulary:\n  - term: cure\n    kind: caution\n    reason: Again.\n",
                                       encoding="utf-8")
    (error,) = load_playbook(folder).report.errors
    assert (Path(error.file).name, error.line, error.message) == ("words.yaml", 2, "term 'cure' is listed twice")
    assert error.hint is not None and error.hint.endswith("extra.yaml:15")
