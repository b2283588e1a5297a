"""The checker page, the triage wizard and the crisis banner in Chromium.

Every draft of tests/data/drafts.yaml is typed into the checker page of a site built with
`mkdocs build --strict` (and, for the tests marked on_both_engines, with Zensical); the page's
verdict (its data-verdict attribute), its findings and its whole result must equal what
`playbook check --format json` prints for the same draft.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import build_project, built_once, make_project, on_both_engines, pin_clock
from test_check import CASES, CHECKER, crisis_playbook, run_cli

pytestmark = pytest.mark.browser

FORM = ".pb-checker"
VERDICT = ".pb-checker-verdict"


@pytest.fixture(scope="module")
def checker_builds(tmp_path_factory: pytest.TempPathFactory,
                   serve_site: Callable[[Path], str]) -> Callable[[str], dict[str, str]]:
    base = tmp_path_factory.mktemp("checker-sites")
    projects = {"checker": make_project(base / "checker", CHECKER),
                "crisis": make_project(base / "crisis", crisis_playbook(base / "crisis-playbook"))}
    return built_once(lambda engine: {name: serve_site(build_project(project, engine=engine))
                                      for name, project in projects.items()})


@pytest.fixture
def sites(checker_builds: Callable[[str], dict[str, str]], engine: str) -> dict[str, str]:
    """The checker fixture's and the crisis playbook's sites, built by `engine`, served."""
    return checker_builds(engine)


@pytest.fixture(scope="module")
def cli_playbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {"checker": CHECKER, "crisis": crisis_playbook(tmp_path_factory.mktemp("cli-crisis") / "playbook")}


def script_errors(console_errors: list[str]) -> list[str]:
    return [e for e in console_errors if "Failed to load resource" not in e]


def open_checker(page, url: str) -> None:
    pin_clock(page)  # a draft without a time is judged "now": the pinned moment, as `playbook check` judges it
    page.goto(url + "checker/")
    page.wait_for_selector(f"{VERDICT}[data-verdict]:not([data-verdict=''])")


def type_draft(page, case: dict[str, Any]) -> dict[str, Any]:
    """Fill the form like a reader would and return the result the page computed."""
    page.select_option(".pb-checker-account", case["account"])
    page.select_option(".pb-checker-author", case.get("author_role") or "")
    page.set_checked(".pb-checker-reply", bool(case.get("reply")))
    page.evaluate("() => { const at = document.querySelector('.pb-checker-at'); at.value = '';"
                  " delete at.dataset.chosen; }")
    if case.get("at"):
        page.fill(".pb-checker-at", case["at"].replace(" ", "T"))
    page.evaluate("() => document.querySelectorAll('.pb-checker-remove').forEach(b => b.click())")
    for item in case.get("media", []):
        page.click(".pb-checker-add-media")
        row = page.locator(".pb-checker-media-item").last
        row.evaluate("(row, file) => { row.dataset.file = file; }", item["file"])
        row.locator(".pb-checker-alt").fill(item.get("alt") or "")
        if item.get("source") == "message":
            row.locator(".pb-checker-from-message").check()
    page.fill(".pb-checker-draft", case["text"])
    return json.loads(page.get_attribute(FORM, "data-result"))


@on_both_engines
def test_every_draft_gets_the_same_answer_in_the_page_and_the_terminal(page, sites, cli_playbooks, console_errors):
    for name in ("checker", "crisis"):
        open_checker(page, sites[name])
        for case in [c for c in CASES if c.get("playbook", "checker") == name]:
            in_page = type_draft(page, case)
            _, in_terminal = run_cli(case, cli_playbooks)
            assert in_page == in_terminal, case["id"]
            assert page.get_attribute(VERDICT, "data-verdict") == case["verdict"], case["id"]
            shown = page.eval_on_selector_all(".pb-checker-findings li", "items => items.map(i => i.dataset.rule)")
            assert sorted(set(shown)) == case["findings"], case["id"]
    assert script_errors(console_errors) == []


def test_findings_are_highlighted_in_the_draft_and_link_to_the_handbook(page, sites):
    open_checker(page, sites["checker"])
    page.select_option(".pb-checker-account", "leeds")
    page.fill(".pb-checker-draft", "Cheap coffee,\nguys. <script>alert(1)</script>")
    marks = page.eval_on_selector_all(".pb-checker-preview mark", "ms => ms.map(m => m.textContent)")
    assert marks == ["Cheap", "guys"]
    assert page.inner_text(".pb-checker-preview").endswith("<script>alert(1)</script>")
    href = page.eval_on_selector(".pb-checker-findings a", "a => a.href")
    assert href == sites["checker"] + "voice/vocabulary/"


def test_the_route_shows_the_ladder_and_the_holding_statement(page, sites):
    open_checker(page, sites["checker"])
    page.select_option(".pb-checker-account", "leeds")
    page.fill(".pb-checker-draft", "See you in court.")
    route = page.inner_text(".pb-checker-route")
    assert "Social lead, acknowledge within 15 min: Hold posts and gather facts" in route
    assert "cannot comment on legal matters" in route
    assert "1 of Legal counsel" in route


def test_a_role_that_may_not_publish_never_gets_publish(page, sites):
    open_checker(page, sites["checker"])
    page.select_option(".pb-checker-account", "leeds")
    page.fill(".pb-checker-draft", "Morning all, the kettle is on.")
    assert page.get_attribute(VERDICT, "data-verdict") == "publish"
    page.select_option(".pb-checker-author", "content-writer")
    assert page.get_attribute(VERDICT, "data-verdict") == "approval"
    first = page.locator(".pb-checker-findings li").first
    assert first.get_attribute("data-rule") == "role.publish"
    assert first.inner_text().startswith("post: approval: Content writer may not publish on Northwind Leeds: "
                                         "Head of social, Social lead, Community manager or Communications")


def test_goes_out_judges_the_draft_then_and_marks_the_watchlist(page, sites, console_errors):
    open_checker(page, sites["checker"])
    assert page.input_value(".pb-checker-at") == "2026-11-23T12:00"  # now (conftest's pinned moment), in UTC
    assert page.inner_text(".pb-checker-zone") == "UTC"
    page.select_option(".pb-checker-account", "leeds")
    page.fill(".pb-checker-draft", "Thinking of everyone at the harbour fire")
    page.fill(".pb-checker-at", "2090-01-02T09:00")
    assert page.get_attribute(VERDICT, "data-verdict") == "escalate"
    assert page.locator(".pb-checker-findings li").first.get_attribute("data-rule") == "watchlist.mention"
    assert page.get_attribute(".pb-watch", "data-status") == "on"
    page.fill(".pb-checker-at", "2090-01-08T12:00")
    assert "watchlist.mention" not in page.eval_on_selector_all(
        ".pb-checker-findings li", "items => items.map(i => i.dataset.rule)")
    assert page.get_attribute(".pb-watch", "data-status") == "expired"
    page.select_option(".pb-checker-account", "flagship")  # a chosen time stays chosen
    assert page.input_value(".pb-checker-at") == "2090-01-08T12:00"
    assert script_errors(console_errors) == []


@contextmanager
def without_javascript(browser, url: str) -> Iterator[Any]:
    """A page opened at `url` with scripts off: what a reader sees before (or without) them."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()


def test_the_calendar_and_the_watchlist_are_on_the_checker_page_without_javascript(browser, sites):
    with without_javascript(browser, sites["checker"] + "checker/") as page:
        calendar = page.locator("table").nth(0).inner_text()
        assert "Remembrance Day" in calendar and "2090-11-11" in calendar and "1 day before, 0 after" in calendar
        news = page.locator("table:has(.pb-watch)").inner_text()
        assert "Harbour fire" in news and "2090-01-08 12:00 Europe/London" in news and "Social lead" in news


@on_both_engines
def test_the_checker_starts_after_instant_navigation(page, sites, console_errors):
    pin_clock(page)
    page.goto(sites["checker"])
    page.click("a[href$='checker/']")
    # Nothing typed yet: an empty post is 'revise', in the engine's words (as check and sweep say it).
    page.wait_for_selector(f"{VERDICT}[data-verdict='revise']")
    assert page.inner_text(VERDICT) == "the post has no text and no media: write it before it can go out"
    page.select_option(".pb-checker-account", "leeds")
    page.fill(".pb-checker-draft", "We will sue.")
    assert page.get_attribute(VERDICT, "data-verdict") == "escalate"
    assert script_errors(console_errors) == []


@on_both_engines
def test_the_crisis_banner_is_on_every_page_only_while_crisis_mode_is_on(page, sites):
    for path in ("", "checker/", "triage/"):
        page.goto(sites["crisis"] + path)
        banner = page.locator(".admonition.danger")
        assert banner.locator(".admonition-title").inner_text() == "Crisis mode is on"
        text = banner.inner_text()
        assert "Shooting at Riverside Mall" in text
        assert "only Head of social or Communications director may publish" in text
        assert "all scheduled posts; all promotions" in text and "2026-11-20 08:00" in text
        page.goto(sites["checker"] + path)
        assert page.locator(".admonition.danger").count() == 0


def choose(page, *labels: str) -> None:
    for label in labels:
        page.get_by_label(label).check()
    page.click(".pb-triage-next")


@on_both_engines
def test_the_triage_wizard_ends_in_a_severity_its_ladder_and_a_holding_statement(page, sites, console_errors):
    page.goto(sites["checker"] + "triage/")
    page.wait_for_selector(".pb-triage[data-step='1']")
    choose(page, "Is anyone threatening legal action?")
    choose(page, "A journalist or the press is asking")
    choose(page, "Trending on the platform")
    result = page.locator(".pb-triage-result")
    assert result.get_attribute("data-severity") == "critical"  # high, raised one level by spread
    assert "Head of social, acknowledge within 5 min: Pause the schedule" in result.inner_text()
    assert "cannot comment on legal matters" in result.locator(".pb-triage-holding").inner_text()
    page.click(".pb-triage-restart")
    choose(page)
    choose(page)
    choose(page)
    assert page.get_attribute(".pb-triage-result", "data-severity") == "routine"
    assert script_errors(console_errors) == []


def test_the_triage_page_lists_every_trigger_without_javascript(browser, sites):
    with without_javascript(browser, sites["checker"] + "triage/") as page:
        table = page.locator("table").inner_text()
        assert "Legal threat" in table and "High" in table and "30 min" in table


PAYLOAD = "<img src=x onerror=alert(1)>"


@on_both_engines
def test_policy_text_reaches_the_page_as_text_never_as_html(page, tmp_path, serve_site, dialogs, engine):
    folder = tmp_path / "playbook"
    folder.mkdir()
    for path in CHECKER.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("reason: It makes the coffee sound poor.", f"reason: '{PAYLOAD}'")
        text = text.replace("name: Legal counsel", f"name: '{PAYLOAD}'")
        text = text.replace('question: "Is anyone threatening legal action?"', f"question: '{PAYLOAD}'")
        text = text.replace("name: Harbour fire", f"name: '{PAYLOAD}'")
        (folder / path.name).write_text(text, encoding="utf-8")
    url = serve_site(build_project(make_project(tmp_path / "project", folder), engine=engine))
    open_checker(page, url)
    page.select_option(".pb-checker-account", "leeds")
    page.fill(".pb-checker-draft", "Cheap coffee. See you in court.")
    assert PAYLOAD in page.inner_text(".pb-checker-findings")
    assert PAYLOAD in page.inner_text(".pb-checker-route")
    assert page.locator(".pb-checker img, .pb-triage img").count() == 0
    assert PAYLOAD in page.inner_text("#watchlist + p + table, table:has(.pb-watch)")
    assert page.locator("article img").count() == 0
    page.goto(url + "triage/")
    page.wait_for_selector(".pb-triage[data-step='1']")
    assert PAYLOAD in page.inner_text(".pb-triage")
    assert page.locator(".pb-triage img").count() == 0
    assert dialogs == []


def test_the_triage_result_shows_parallel_steps_channels_and_cadence(page, tmp_path, serve_site, console_errors):
    folder = tmp_path / "playbook"
    folder.mkdir()
    for path in CHECKER.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            "- {role: head-of-social, acknowledge_within_minutes: 5, action: Pause the schedule}",
            "- {roles: [head-of-social, social-lead], acknowledge_within_minutes: 5, action: Pause the schedule}")
        text = text.replace(
            "- {role: comms-director, acknowledge_within_minutes: 10, action: Lead the response}",
            "- {role: comms-director, with_previous: true, acknowledge_within_minutes: 10, action: Lead the response}"
            "\n      cadence: {internal_minutes: 30, public_minutes: 20}")
        (folder / path.name).write_text(text, encoding="utf-8")
    url = serve_site(build_project(make_project(tmp_path / "project", folder)))
    page.goto(url + "triage/")
    page.wait_for_selector(".pb-triage[data-step='1']")
    choose(page, "Is anyone threatening legal action?")
    choose(page, "A journalist or the press is asking")
    choose(page, "Trending on the platform")
    result = page.locator(".pb-triage-result").inner_text()
    assert "Head of social and Social lead (at once), acknowledge within 5 min: Pause the schedule" in result
    assert "at the same time as the step before, acknowledge within 10 min" in result
    assert "While it lasts: update the team every 30 min and the public every 20 min." in result
    assert script_errors(console_errors) == []
