"""Re-acknowledgement in the browser: a reader who kept onboarding progress from version 3.0
is asked, on their onboarding page, to tick each change version 3.1 made for their role;
the progress bar counts them. A reader who started under 3.1 is not asked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build_project
from generator.render.pages.progress import fingerprint
from policy_repo import released

pytestmark = pytest.mark.browser

PAGE = "onboarding/community-manager/"
REACK = "input[data-pb-reack-item]"


@pytest.fixture(scope="module")
def released_url(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str]) -> str:
    repo = released(tmp_path_factory.mktemp("released"))
    (repo / "docs").mkdir(exist_ok=True)  # plain `mkdocs build` wants the folder `playbook build` makes
    return serve_site(build_project(repo, strict=False))


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("document.querySelector('.pb-bar-label') !== null")


def milestone_tasks(page) -> int:
    return len(page.query_selector_all("input[data-pb-task]:not([data-pb-reack-item])"))


def test_progress_kept_from_an_earlier_version_asks_for_the_changes(page, released_url, console_errors):
    open_page(page, released_url + PAGE)
    store = page.evaluate("document.querySelector('.pb-store').dataset.pbStore")
    earlier = {"version": fingerprint("3.0"), "label": "3.0", "ticks": {"community-manager/old/0": "0"},
               "quizzes": {}}
    page.evaluate(f"localStorage.setItem('playbook-progress:{store}', {json.dumps(json.dumps(earlier))})")
    open_page(page, released_url + PAGE)
    tasks = milestone_tasks(page)
    assert page.is_visible("[data-pb-notice]") and not page.is_visible("[data-pb-reack]")
    page.click('[data-pb-action="carry-over"]')
    assert page.inner_text("[data-pb-reack] strong") == "Changed for your role since version 3.0."
    items = page.locator(f"li:has({REACK})")
    assert [text.strip() for text in items.all_inner_texts()] == [
        "Severity High: first response within 30 -> 20 minutes",
        "Approval rule Promotions on big accounts need a manager: no longer covers Northwind Roasters on X (global)",
        "Banned term added: 'bonkers' (say 'wild' instead)",
    ]
    assert page.inner_text(".pb-bar-label") == f"0 of {tasks + 3} tasks done"
    page.locator(f"label:has({REACK})").first.click()
    assert page.inner_text(".pb-bar-label") == f"1 of {tasks + 3} tasks done"
    open_page(page, released_url + PAGE)  # kept, like any tick
    assert page.inner_text(".pb-bar-label") == f"1 of {tasks + 3} tasks done"
    assert console_errors == []


def test_a_reader_who_started_under_this_version_is_not_asked(page, released_url, console_errors):
    open_page(page, released_url + PAGE)
    tasks = milestone_tasks(page)
    assert not page.is_visible("[data-pb-reack]")
    assert page.locator(f"li:has({REACK})").evaluate_all("items => items.every(item => item.hidden)")
    page.locator("label.pb-task:has(input:not([data-pb-reack-item]))").first.click()
    assert page.inner_text(".pb-bar-label") == f"1 of {tasks} tasks done"
    assert console_errors == []
