"""What a new hire does in the browser: tick, answer, leave, come back, reset, print.

The training fixture (tests/data/training) is built with `mkdocs build --strict` (and with
Zensical for the tests marked on_both_engines) and served on 127.0.0.1; the pocket cards are
printed from the example handbook. Progress lives in
localStorage, so each test starts from a fresh browser context (the `page` fixture).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, build_project, built_once, make_project, on_both_engines, search_documents

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
TASK = 'input[data-pb-task="writer/day-1/0"]'


@pytest.fixture(scope="module")
def training_builds(tmp_path_factory: pytest.TempPathFactory,
                    serve_site: Callable[[Path], str]) -> Callable[[str], tuple[Path, str]]:
    """(site, its address) of the training fixture, built and served once per engine."""
    project = make_project(tmp_path_factory.mktemp("training") / "project", DATA / "training")

    def build(engine: str) -> tuple[Path, str]:
        site = build_project(project, engine=engine)
        return site, serve_site(site)
    return built_once(build)


@pytest.fixture
def training_site(training_builds: Callable[[str], tuple[Path, str]], engine: str) -> Path:
    return training_builds(engine)[0]


@pytest.fixture
def training_url(training_builds: Callable[[str], tuple[Path, str]], engine: str) -> str:
    return training_builds(engine)[1]


@on_both_engines
def test_search_does_not_give_away_quiz_answers(training_site):
    index = json.dumps(search_documents(training_site), ensure_ascii=False)
    assert "Which word describes our voice?" in index  # the question is searchable
    assert "never blame anyone" not in index  # its explanations are not
    assert "Your saved progress belongs to version" not in index


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("document.querySelector('.pb-store') === null || "
                           "document.querySelector('.pb-bar-label, [data-pb-score], .pb-module-status') !== null")


def stored(page) -> dict | None:
    """The progress entry of this handbook in localStorage, or None."""
    raw = page.evaluate("""() => {
        const id = document.querySelector('.pb-store').dataset.pbStore;
        return localStorage.getItem('playbook-progress:' + id);
    }""")
    return json.loads(raw) if raw else None


def answer_quiz(page, *choices: str) -> None:
    for choice in choices:
        page.check(f'input[data-pb-question][value="{choice}"]')
    page.click('[data-pb-action="check-quiz"]')


def choice_item(page, choice: str):
    return page.locator(f'li:has(input[value="{choice}"])')


# --------------------------------------------------------------------------- checklists


@on_both_engines
def test_a_ticked_task_is_still_ticked_after_reload(page, training_url, console_errors):
    open_page(page, training_url + "onboarding/writer/")
    assert page.inner_text(".pb-bar-label") == "0 of 5 tasks done"
    page.click(f"label:has({TASK})")
    assert page.is_checked(TASK)
    assert page.inner_text(".pb-bar-label") == "1 of 5 tasks done"
    page.reload()
    open_page(page, training_url + "onboarding/writer/")
    assert page.is_checked(TASK)
    assert not page.is_checked('input[data-pb-task="writer/day-1/1"]')
    assert page.inner_text(".pb-bar-label") == "1 of 5 tasks done"
    assert console_errors == []


@on_both_engines
def test_progress_shows_on_start_here_and_after_instant_navigation(page, training_url, console_errors):
    open_page(page, training_url + "onboarding/writer/")
    page.check(TASK)
    page.check('input[data-pb-task="writer/week-1/0"]')
    page.goto(training_url + "onboarding/")
    writer_bar = page.locator('article li:has(a[href$="/onboarding/writer/"]) .pb-bar-label')
    assert writer_bar.inner_text() == "2 of 5 tasks done"
    bar = page.locator('article li:has(a[href$="/onboarding/lead/"]) .pb-bar-label')
    assert bar.inner_text() == "0 of 1 tasks done"
    page.click('article a[href$="/onboarding/writer/"]')  # Material's instant navigation: no full page load
    page.wait_for_url("**/onboarding/writer/")
    page.wait_for_function(f"document.querySelector('{TASK}')?.checked === true")
    assert page.inner_text(".pb-bar-label") == "2 of 5 tasks done"
    assert console_errors == []


# --------------------------------------------------------------------------- quiz


@on_both_engines
def test_quiz_gives_feedback_per_choice_and_a_score_that_survive_reload(page, training_url, console_errors):
    open_page(page, training_url + "training/voice-basics/")
    answer_quiz(page, "warm", "what", "blame")
    assert page.inner_text("[data-pb-score]") == "Score: 1 of 2. Read the explanations and try again."
    assert page.inner_text('[data-pb-question-result="tone"]') == "Right"
    assert page.inner_text('[data-pb-question-result="steps"]') == "Not quite"

    def check_feedback() -> None:
        assert choice_item(page, "warm").get_attribute("class") == "pb-right"
        assert choice_item(page, "blame").get_attribute("class") == "pb-wrong"
        assert choice_item(page, "next").get_attribute("class") == "pb-missed"
        explanation = choice_item(page, "blame").locator(".pb-explanation")
        assert explanation.inner_text() == "Not right. No: never blame anyone."
        assert choice_item(page, "next").locator(".pb-explanation").inner_text() == (
            "You missed this one. Yes: then what we will do next.")
        assert not choice_item(page, "cold").locator(".pb-explanation").is_visible()

    check_feedback()
    page.reload()
    open_page(page, training_url + "training/voice-basics/")
    assert page.is_checked('input[value="blame"]') and not page.is_checked('input[value="next"]')
    assert page.inner_text("[data-pb-score]").startswith("Score: 1 of 2.")
    check_feedback()
    page.goto(training_url + "training/")
    assert page.inner_text('[data-pb-module="voice-basics"]') == "quiz: 1 of 2 right"
    assert console_errors == []


@on_both_engines
def test_a_perfect_quiz_is_marked_passed_on_the_path(page, training_url):
    open_page(page, training_url + "training/voice-basics/")
    answer_quiz(page, "warm", "what", "next")
    assert page.inner_text("[data-pb-score]") == "Score: 2 of 2. Well done!"
    page.goto(training_url + "onboarding/writer/")
    status = page.locator('[data-pb-module="voice-basics"]')
    assert status.inner_text() == "quiz: 2 of 2 right"
    assert "pb-passed" in status.get_attribute("class")


# --------------------------------------------------------------------------- reset and policy changes


def test_reset_clears_ticks_and_quiz_results(page, training_url, dialogs):
    open_page(page, training_url + "training/voice-basics/")
    answer_quiz(page, "cold")
    page.goto(training_url + "onboarding/writer/")
    page.check(TASK)
    assert stored(page)["ticks"] and stored(page)["quizzes"]
    page.click('[data-pb-action="reset"]')
    page.click('[data-pb-action="reset-confirm"]')
    assert stored(page) is None
    assert not page.is_checked(TASK)
    assert page.inner_text(".pb-bar-label") == "0 of 5 tasks done"
    assert page.inner_text('[data-pb-module="voice-basics"]') == "quiz not taken yet"
    page.goto(training_url + "training/voice-basics/")
    assert not page.is_checked('input[value="cold"]')
    assert page.inner_text("[data-pb-score]") == ""
    assert dialogs == []  # reset asks in the page, not with a browser dialog


def test_reset_can_be_cancelled(page, training_url):
    open_page(page, training_url + "onboarding/writer/")
    page.check(TASK)
    page.click('[data-pb-action="reset"]')
    page.click('[data-pb-action="reset-cancel"]')
    assert page.is_checked(TASK) and stored(page)["ticks"]
    assert not page.is_visible("[data-pb-reset-confirm]")


def test_progress_from_an_older_policy_version_asks_to_be_carried_over(page, training_url):
    open_page(page, training_url + "onboarding/writer/")
    fingerprint = page.get_attribute(TASK, "data-pb-fp")
    assert not page.is_visible("[data-pb-notice]")
    page.evaluate("""([fp]) => {
        const id = document.querySelector('.pb-store').dataset.pbStore;
        localStorage.setItem('playbook-progress:' + id, JSON.stringify({
            version: 'an-older-version', label: '1.9', quizzes: {},
            ticks: {'writer/day-1/0': fp, 'writer/week-1/1': 'changedtext0'}}));
    }""", [fingerprint])
    page.reload()
    open_page(page, training_url + "onboarding/writer/")
    notice = page.locator("[data-pb-notice]")
    assert notice.is_visible()
    assert "belongs to version 1.9 of this policy; the handbook is now at version 2.0" in notice.inner_text()
    assert not page.is_checked(TASK)  # nothing is applied before the reader chooses
    page.click('[data-pb-action="carry-over"]')
    assert not notice.is_visible()
    assert page.is_checked(TASK)
    changed = page.locator('label:has(input[data-pb-task="writer/week-1/1"])')
    assert not changed.locator("input").is_checked()
    assert changed.locator(".pb-changed-note").inner_text() == "Changed since you ticked it: tick it again to confirm."
    assert page.inner_text(".pb-bar-label") == "1 of 5 tasks done"
    changed.locator("input").check()
    assert changed.locator(".pb-changed-note").count() == 0
    page.reload()
    open_page(page, training_url + "onboarding/writer/")
    assert not page.is_visible("[data-pb-notice]")
    assert page.inner_text(".pb-bar-label") == "2 of 5 tasks done"


def test_start_again_forgets_an_older_versions_progress(page, training_url):
    open_page(page, training_url + "onboarding/writer/")
    page.evaluate("""() => {
        const id = document.querySelector('.pb-store').dataset.pbStore;
        localStorage.setItem('playbook-progress:' + id, JSON.stringify({
            version: 'an-older-version', label: '1.9', quizzes: {}, ticks: {'writer/day-1/0': 'x'}}));
    }""")
    page.reload()
    open_page(page, training_url + "onboarding/writer/")
    page.click('[data-pb-action="start-again"]')
    assert not page.is_visible("[data-pb-notice]")
    assert stored(page)["ticks"] == {}


def test_a_changed_quiz_asks_to_be_taken_again(page, training_url):
    open_page(page, training_url + "training/voice-basics/")
    page.evaluate("""() => {
        const id = document.querySelector('.pb-store').dataset.pbStore;
        const version = document.querySelector('.pb-store').dataset.pbVersion;
        localStorage.setItem('playbook-progress:' + id, JSON.stringify({version, label: '2.0', ticks: {},
            quizzes: {'voice-basics': {fp: 'an-old-quiz', answers: {tone: ['cold']}, score: 0, total: 2}}}));
    }""")
    page.reload()
    open_page(page, training_url + "training/voice-basics/")
    assert page.inner_text("[data-pb-score]") == "This quiz changed since you took it: please take it again."
    assert not page.is_checked('input[value="cold"]')
    page.goto(training_url + "training/")
    assert page.inner_text('[data-pb-module="voice-basics"]') == "quiz changed since you took it: take it again"


# --------------------------------------------------------------------------- phone width


@pytest.mark.parametrize("path", ["onboarding/", "onboarding/writer/", "training/", "training/voice-basics/",
                                  "cards/", "cards/writer/"])
def test_pages_fit_a_phone_screen(page, training_url, path):
    page.set_viewport_size(PHONE)
    open_page(page, training_url + path)
    if path.startswith("training/voice-basics"):
        answer_quiz(page, "warm", "what", "blame")  # feedback must fit too
    if path == "onboarding/writer/":
        page.check(TASK)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("path", ["onboarding/", "training/voice-basics/", "cards/"])
def test_example_pages_fit_a_phone_screen(page, example_url, path):
    page.set_viewport_size(PHONE)
    open_page(page, example_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# --------------------------------------------------------------------------- pocket cards on paper


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF that Chromium printed (its page objects are never compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def example_cards(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "cards").glob("*/index.html"))


def test_the_example_has_a_card_for_every_role(example_site):
    cards = example_cards(example_site)
    roles = [p.parent.name for p in (example_site / "onboarding").glob("*/index.html")
             if p.parent.name != "team"]  # onboarding/team/ is the lead's view, not a role's path
    assert cards and len(cards) >= len(roles)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_example_card_prints_on_one_page(page, example_site, example_url, paper):
    page.emulate_media(media="print")
    for card in example_cards(example_site):
        page.goto(example_url + card)
        assert page.locator(".md-header").is_hidden()
        assert page.locator(".md-sidebar--primary").is_hidden()
        pdf = page.pdf(format=paper, print_background=True)
        assert pdf_pages(pdf) == 1, f"{card} prints on {pdf_pages(pdf)} {paper} pages"


@pytest.fixture(scope="module")
def crowded_card_url(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str]) -> str:
    """The training fixture with 120 long duties for the writer: far more than one sheet holds at normal size.

    (Duties, because a card lists at most RULES_SHOWN approval rules of each kind.)"""
    playbook = tmp_path_factory.mktemp("crowded") / "playbook"
    playbook.mkdir()
    duties = ", ".join(f"Answer questions about topic {i} within the hour, log each one in the shared record and tell "
                       "the lead when a question repeats" for i in range(120))
    old = 'responsibilities: [Draft posts, "Answer <b>customers</b> *politely*"]'
    text = (DATA / "training" / "playbook.yaml").read_text()
    assert old in text
    text = text.replace(old, f"responsibilities: [{duties}]", 1)
    (playbook / "playbook.yaml").write_text(text)
    return serve_site(build_project(make_project(playbook.parent / "project", playbook)))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_crowded_card_is_shrunk_onto_one_page(page, crowded_card_url, paper):
    page.goto(crowded_card_url + "cards/writer/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    zoom = page.evaluate("document.documentElement.style.getPropertyValue('--pb-card-zoom')")
    assert 0 < float(zoom) < 0.9  # the card really is too long for one sheet at full size
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert pdf_pages(page.pdf(format=paper)) == 1
    # after printing, the page on screen is as it was
    assert page.evaluate("document.documentElement.classList.contains('pb-printing')") is False


def test_pdf_page_counter_counts_pages(page, training_url):
    page.goto(training_url + "training/voice-basics/")
    page.set_content("<p style='page-break-after: always'>one</p><p style='page-break-after: always'>two</p><p>3</p>")
    assert pdf_pages(page.pdf(format="A4")) == 3
