"""`playbook check` on the draft table, and what the command promises around it.

tests/data/drafts.yaml holds the drafts with their expected verdicts and finding rule ids;
every one runs through the real command line here, and through the checker page in
Chromium in test_browser_checker.py. The helpers below are shared with those tests.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import DATA, ROOT, example_with_news
from generator.checker.engine import RULES, check
from generator.checker.lookalikes import lookalikes
from generator.checker.rules import compile_rules, rules_json
from generator.checker.text import phrase_key, word_key
from generator.cli import main
from generator.lint.loader import load_playbook

CHECKER = DATA / "checker"
CRISIS_ON = DATA / "checker-crisis-on.yaml"


def load_cases() -> list[dict[str, Any]]:
    return YAML(typ="safe").load((DATA / "drafts.yaml").read_text(encoding="utf-8"))


CASES = load_cases()



def crisis_playbook(target: Path) -> Path:
    """The checker fixture with crisis mode switched on by one added YAML file."""
    target.mkdir(parents=True, exist_ok=True)
    for path in CHECKER.glob("*.yaml"):
        shutil.copy(path, target)
    shutil.copy(CRISIS_ON, target / "crisis.yaml")
    return target


@pytest.fixture(scope="session")
def playbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {"checker": CHECKER, "crisis": crisis_playbook(tmp_path_factory.mktemp("crisis") / "playbook")}


def cli_args(case: dict[str, Any], playbook: Path) -> list[str]:
    args = ["check", "--playbook", str(playbook), "--account", case["account"], "--format", "json"]
    if case.get("author_role"):
        args += ["--author-role", case["author_role"]]
    if case.get("at"):
        args += ["--at", case["at"]]
    if case.get("reply"):
        args.append("--reply")
    for item in case.get("media", []):
        spec = item["file"] + f";alt={item.get('alt') or ''}"
        if item.get("source"):
            spec += f";source={item['source']}"
        args += ["--media", spec]
    return [*args, "-"]


def run_cli(case: dict[str, Any], playbooks: dict[str, Path]) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, cli_args(case, playbooks[case.get("playbook", "checker")]), input=case["text"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def rule_ids(result: dict[str, Any]) -> list[str]:
    return sorted({f["rule"] for f in result["findings"]})


def test_the_table_is_big_enough_and_covers_every_verdict():
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert {c["verdict"] for c in CASES} == {"publish", "revise", "approval", "escalate"}
    assert all(set(c["findings"]) <= set(RULES) for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_draft_table_through_the_cli(case, playbooks):
    code, result = run_cli(case, playbooks)
    assert (result["verdict"], rule_ids(result)) == (case["verdict"], case["findings"])
    assert result["account"] == case["account"]
    assert code == (0 if case["verdict"] == "publish" else 1)


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize("words", [("sue", "sued", "suing", "sues"), ("lawsuit", "lawsuits", "Lawsuits"),
                                   ("recall", "recalled", "recalling", "recalls"), ("injury", "injuries"),
                                   ("shooting", "shootings")])
def test_inflections_share_a_key(words):
    assert len({word_key(w) for w in words}) == 1


@pytest.mark.parametrize("a, b", [("news", "new"), ("class", "ass"), ("as", "ass"), ("assessment", "ass")])
def test_unrelated_words_do_not_share_a_key(a, b):
    assert word_key(a) != word_key(b)


def test_phrases_fold_width_and_case():
    assert phrase_key("Ｄａｔａ  BREACH", lookalikes()) == phrase_key("data breach", {}) == "data breach"


def rules_for(playbook: Path) -> dict[str, Any]:
    loaded = load_playbook(playbook)
    assert loaded.playbook is not None, loaded.report.format_text()
    return compile_rules(loaded.playbook)


@cache
def fixture_rules() -> str:
    return json.dumps(rules_for(CHECKER))


def judge(text: str, account: str = "leeds", **options: Any) -> dict[str, Any]:
    return check(json.loads(fixture_rules()), text, account, **options)


def test_findings_are_located_by_line_and_column_in_characters():
    result = judge("Hello ☕ there,\nwe are being sued")
    (finding,) = [f for f in result["findings"] if f["rule"] == "sensitivity.trigger"]
    assert (finding["line"], finding["column"], finding["length"], finding["match"]) == (2, 14, 4, "sued")
    assert finding["page"] == "escalation/high/"


def test_banned_term_names_the_reason_and_the_alternative():
    (finding,) = judge("Cheap coffee")["findings"]
    assert finding["message"] == "'Cheap' is a banned term: It makes the coffee sound poor. Use 'great value' instead."
    assert finding["page"] == "voice/vocabulary/"


def test_the_route_never_lets_the_author_approve():
    result = judge("Morning all.", "flagship", author_role="social-lead")
    assert result["route"]["approvals"][0]["roles"] == ["head-of-social"]
    alone = judge("Morning all.", "flagship", author_role="head-of-social")
    assert alone["route"]["approvals"][0]["roles"] == ["social-lead"]


def test_the_only_approver_writing_hands_over_to_their_escalation_role():
    result = judge("See you in court.", "leeds", author_role="legal-counsel")
    legal = [a for a in result["route"]["approvals"] if a["rule"] == "legal-review"]
    assert legal and "legal-counsel" not in legal[0]["roles"]


def test_escalation_route_names_severity_ladder_and_holding_statement():
    route = judge("We will sue.")["route"]
    assert (route["severity"], route["ladder"], route["holding_statement"], route["respond_within_minutes"]) == \
        ("high", "incident", "legal-hold", 30)
    assert [s["role"] for s in route["steps"]] == ["social-lead", "head-of-social", "legal-counsel"]


def test_news_on_the_flagship_must_be_verified_first():
    route = judge("Just heard the news about the bridge. Unbelievable.", "flagship")["route"]
    assert route["verify"]["sources_required"] == 2
    assert {a["rule"] for a in route["approvals"]} == {"two-person-rule", "verify-before-reacting"}


# ---------------------------------------------------------------- the command


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, ["check", "--playbook", str(CHECKER), *args], input=input)


def test_without_account_the_largest_reach_is_assumed():
    result = invoke("--format", "json", "-", input="Morning all.")
    assert json.loads(result.stdout)["account"] == "flagship"


def test_text_output_locates_findings_and_says_the_route(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Morning!\nWe will sue.\n", encoding="utf-8")
    result = invoke("--account", "leeds", str(draft))
    assert result.exit_code == 1
    assert (f"{draft}:2:9: escalate: 'sue' suggests Legal threat: escalate (severity High) [sensitivity.trigger]"
            in result.stdout)
    assert "    see: escalation/high/" in result.stdout
    assert "verdict: escalate (severity High): hand over to the ladder below; do not post" in result.stdout
    assert "  1. Social lead, acknowledge within 15 min: Hold posts and gather facts" in result.stdout


def test_an_unknown_account_is_a_usage_error_with_a_suggestion():
    result = invoke("--account", "flagshp", "-", input="Hi")
    assert result.exit_code == 2
    assert "unknown account 'flagshp' in --account; did you mean 'flagship'?" in result.output


def test_an_unknown_author_role_is_a_usage_error():
    result = invoke("--author-role", "writer", "-", input="Hi")
    assert result.exit_code == 2
    assert "unknown role 'writer' in --author-role" in result.output


def test_a_bad_media_option_is_a_usage_error():
    result = invoke("--media", "a.jpg;colour=red", "-", input="Hi")
    assert result.exit_code == 2
    assert "expected alt=TEXT, source=WHERE or captions=yes|no" in result.output


def test_front_matter_names_the_media_and_lines_count_from_the_file(tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text("---\nmedia:\n  - file: dm.png\n    alt: ''\n    source: message\n---\nWe will sue.\n",
                     encoding="utf-8")
    result = invoke("--account", "leeds", "--format", "json", str(draft))
    found = {(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert {("media.alt-text", None), ("media.from-message", None), ("sensitivity.trigger", 7)} <= found


def test_broken_front_matter_is_a_located_error(tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text("---\nmedia: [\n---\nHello\n", encoding="utf-8")
    result = invoke(str(draft))
    assert result.exit_code == 1
    assert f"{draft}:" in result.stderr and "error: the draft's front matter is not valid YAML" in result.stderr


def test_a_draft_that_is_not_utf8_is_a_located_error(tmp_path):
    draft = tmp_path / "post.txt"
    draft.write_bytes(b"caf\xe9 \xff")
    result = invoke(str(draft))
    assert result.exit_code == 1
    assert result.stderr == (f"{draft}:1:4: error: the draft is not UTF-8 text\n    hint: save it as UTF-8\n"
                             "1 error, 0 warnings\n")


def test_a_reply_without_sign_off_shows_an_example():
    (finding,) = judge("@sam Thanks.")["findings"]
    assert finding["message"] == "a reply ends with our sign-off, ^initials (for example: ^AB)"


def test_every_page_carries_the_crisis_banner_while_crisis_mode_is_on(tmp_path):
    from generator.render.site import render_site

    for folder, expected in ((crisis_playbook(tmp_path / "crisis"), True), (CHECKER, False)):
        loaded = load_playbook(folder)
        site = render_site(loaded.playbook, loaded.origins, ROOT)
        with_banner = [path for path, page in site.pages.items() if '!!! danger "Crisis mode is on"' in page.markdown]
        assert sorted(with_banner) == (sorted(site.pages) if expected else [])


def test_a_teams_copy_of_the_engine_is_not_used_but_other_checker_assets_are(tmp_path):
    from generator.checker.engine import javascript
    from generator.render.site import render_site

    own = tmp_path / "templates" / "assets"
    own.mkdir(parents=True)
    (own / "checker-engine.js").write_text("/* a team's fork of the engine */\n", encoding="utf-8")
    (own / "checker.css").write_text("/* a team's own checker style */\n", encoding="utf-8")
    loaded = load_playbook(CHECKER)
    assets = render_site(loaded.playbook, loaded.origins, ROOT, [tmp_path / "templates"]).assets
    shipped = (ROOT / "generator" / "checker" / "engine.js").read_text(encoding="utf-8")
    assert assets["assets/playbook/checker-engine.js"].decode("utf-8") == javascript() == shipped
    assert assets["assets/playbook/checker.css"] == b"/* a team's own checker style */\n"
    assert not (ROOT / "templates" / "assets" / "checker-engine.js").exists()  # no second copy to fall back on


def test_crisis_mode_covers_only_the_accounts_in_its_scope(tmp_path):
    folder = crisis_playbook(tmp_path / "playbook")
    crisis = folder / "crisis.yaml"
    crisis.write_text(crisis.read_text(encoding="utf-8").replace("scope: all", "scope: [leeds]"), encoding="utf-8")
    rules = rules_for(folder)
    assert check(rules, "Good morning, shooters", "leeds")["verdict"] == "escalate"
    insta = check(rules, "Good morning, shooters", "insta")
    assert "crisis.incident" not in {f["rule"] for f in insta["findings"]}
    assert insta["route"]["may_post"] is None


@settings(max_examples=25, deadline=None)
@given(account=st.text(max_size=12), role=st.none() | st.text(max_size=12), text=st.text(max_size=300))
def test_random_accounts_and_roles_never_crash_the_command(account, role, text):
    args = ["--account", account, *(["--author-role", role] if role is not None else []), "--format", "json", "-"]
    result = invoke(*args, input=text)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert "Error: " in result.output and "Traceback" not in result.output


def test_compiled_rules_are_reused_until_a_playbook_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "playbook"
    shutil.copytree(CHECKER, folder)
    args = ["check", "--playbook", str(folder), "--account", "leeds", "--format", "json", "-"]
    first = CliRunner().invoke(main, args, input="Cheap coffee")
    (stored,) = (tmp_path / "cache").glob("rules-*.json")
    assert json.loads(stored.read_text(encoding="utf-8")) == json.loads(json.dumps(rules_for(folder)))
    assert CliRunner().invoke(main, args, input="Cheap coffee").stdout == first.stdout
    voice = folder / "voice.yaml"
    voice.write_text(voice.read_text(encoding="utf-8").replace("max_emoji: 2", "max_emoji: [2"), encoding="utf-8")
    broken = CliRunner().invoke(main, args, input="Cheap coffee")
    assert broken.exit_code == 1 and "voice.yaml:" in broken.stderr  # never the stale rules


def test_no_cache_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    result = invoke("--no-cache", "--account", "leeds", "-", input="Hello")
    assert result.exit_code == 0 and not (tmp_path / "cache").exists()


def test_a_broken_playbook_is_reported_not_checked(tmp_path):
    (tmp_path / "playbook.yaml").write_text("handbook: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--playbook", str(tmp_path), "-"], input="Hi")
    assert result.exit_code == 1
    assert "playbook.yaml:2:1: error: YAML syntax error" in result.stderr and "Traceback" not in result.output


def test_the_rules_document_is_deterministic_and_sorted():
    loaded = load_playbook(CHECKER)
    first, second = rules_json(loaded.playbook), rules_json(load_playbook(CHECKER).playbook)
    assert first == second
    assert first == json.dumps(json.loads(first), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_the_example_playbook_compiles_and_checks_a_draft():
    loaded = load_playbook(ROOT / "playbook")
    assert loaded.playbook is not None, loaded.report.format_text()
    rules = compile_rules(loaded.playbook)
    result = check(rules, "Morning all, the kettle is on. " * 9)
    assert result["verdict"] in ("publish", "approval", "revise", "escalate")
    assert result["account"] == rules["default_account"]


FAILURES = [
    "Just saw the news. Disgraceful. Whoever did this should be ashamed of themselves.",
    "#WhyIStayed You had pizza.",
    "#Aurora is trending! Sounds like it's about our new dress ;)",
    "I find it ironic that Detroit is known as the motor city and yet no one here knows how to f***ing drive",
    "Ryan found two more bottles of Midas Touch beer... when we drink we do it right #gettngslizzerd",
]


@pytest.mark.parametrize("text", FAILURES)
def test_the_example_stops_the_public_failures_on_every_account(text):
    rules = json.loads(example_rules(False))
    for account in rules["account_order"]:
        assert check(rules, text, account)["verdict"] != "publish", account


def test_the_example_stops_an_image_saved_from_a_message():
    rules = json.loads(example_rules(False))
    media = [{"file": "dm.jpg", "alt": "What the customer sent", "source": "message"}]
    assert check(rules, "@sam Thanks for this ^AB", rules["account_order"][-1], media)["verdict"] == "revise"


def test_switching_the_examples_crisis_mode_on_blocks_promotions_and_incident_words():
    rules = json.loads(example_rules(True))
    # A term that counts on its own: no context words asked for (a pack's "24 hours only" needs an offer near it).
    written = lambda kind: next(e["ref"] for entries in rules["terms"].values() for e in entries  # noqa: E731
                                if e["kind"] == kind and "with" not in e)
    incident, promotional = written("incident"), written("promotion")
    for account in rules["account_order"]:
        assert check(rules, f"Stock up on {incident} this weekend", account)["verdict"] == "escalate"
        promotion = check(rules, f"Our {promotional} post of the week", account,
                          author_role=rules["crisis"]["may_post"][0])
        assert "crisis.promotion" in {f["rule"] for f in promotion["findings"]}, account


@cache
def example_rules(crisis_on: bool) -> str:
    """The rules of the example with the news of the day (see example_with_news)."""
    return json.dumps(rules_for(example_with_news(crisis_on)))


def test_the_rules_cache_key_changes_with_the_tool_s_code(monkeypatch):
    """A development install keeps its version while the compiled rules change shape: rules
    cached by other code must miss, or `check` reads a document it does not understand."""
    import datetime as dt

    from generator.checker import cache

    day = dt.date(2026, 11, 30)
    first = cache.cache_key(CHECKER, day)
    assert first == cache.cache_key(CHECKER, day)
    monkeypatch.setattr(cache, "code_digest", lambda: "other code")
    assert cache.cache_key(CHECKER, day) not in (None, first)
