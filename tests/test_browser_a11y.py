"""Accessibility as a test: axe-core on every page kind in light and dark, phones, keyboards.

axe-core comes from npm (tests/prepare.py). Violations in markup the project renders fail;
the theme's own are listed in THEME_ALLOWED by rule and selector, with the reason, so a new
one (ours or Material's) fails too. Every page kind is also loaded at 375 px, where nothing
may scroll sideways.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import AXE
from test_browser_site import open_page, page_urls

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}

# Material's own markup that axe flags, by (rule, selector pattern). Nothing here is ours.
THEME_ALLOWED: list[tuple[str, str, str]] = [
    ("aria-dialog-name", r"^\.md-search$", "Material's search overlay has role=dialog and no name"),
    ("color-contrast", r"^\.md-copyright$", "Material's footer line 'Made with Material for MkDocs' (light)"),
    ("landmark-unique", r'^nav\[data-md-level="\d+"\]$', "Material labels every nested nav level alike"),
]

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def page_kinds(site: Path) -> list[str]:
    """One URL per page kind: the first page of each (top folder, depth) pair."""
    kinds: dict[tuple[str, int], str] = {}
    for url in page_urls(site):
        parts = [p for p in url.split("/") if p]
        kinds.setdefault((parts[0] if parts else "", len(parts)), url)
    return sorted(kinds.values())


def our_violations(violations: list[dict[str, Any]]) -> list[str]:
    found = []
    for violation in violations:
        for node in violation["nodes"]:
            if not any(violation["id"] == rule and re.search(pattern, node["target"])
                       for rule, pattern, _ in THEME_ALLOWED):
                found.append(f"{violation['id']} ({violation['impact']}) at {node['target']}: {node['summary']}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page_kind(page: Any, example_url: str, example_site: Path, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    kinds = page_kinds(example_site)
    assert len(kinds) >= 15
    problems: dict[str, list[str]] = {}
    for url in kinds:
        open_page(page, example_url + url)
        if url == "checker/":  # findings, marks and the route are drawn only for a draft
            page.wait_for_selector(".pb-checker-verdict[data-verdict]:not([data-verdict=''])")
            page.fill(".pb-checker-draft", "Damn, our sale is on! #BlackLivesMatter legal action https://bit.ly/x")
        page.add_script_tag(path=str(AXE))
        found = our_violations(page.evaluate(AXE_RUN))
        if found:
            problems[url or "/"] = found
    assert problems == {}


def test_no_page_kind_scrolls_sideways_on_a_phone(page: Any, example_url: str, example_site: Path) -> None:
    page.set_viewport_size(PHONE)
    wide = {}
    for url in page_kinds(example_site):
        open_page(page, example_url + url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[url] = width
    assert wide == {}


def test_the_checker_fits_a_phone_with_the_longest_account_name(page: Any, example_url: str) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, example_url + "checker/")
    page.wait_for_selector(".pb-checker-verdict[data-verdict]:not([data-verdict=''])")
    longest = page.evaluate("""() => {
      const select = document.querySelector('.pb-checker-account');
      const option = [...select.options].sort((a, b) => b.text.length - a.text.length)[0];
      select.value = option.value; select.dispatchEvent(new Event('change', {bubbles: true}));
      return option.text;
    }""")
    assert len(longest) > 20
    page.fill(".pb-checker-draft", "A long draft " * 40 + "#SomeVeryLongHashtagThatDoesNotBreakAnywhereAtAll")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_every_scrollable_region_takes_keyboard_focus(page: Any, example_url: str, example_site: Path) -> None:
    page.set_viewport_size(PHONE)
    unreachable = {}
    for url in page_kinds(example_site):
        open_page(page, example_url + url)
        found = page.evaluate("""() => [...document.querySelectorAll('article *')].filter(el => {
            const style = getComputedStyle(el);
            const scrolls = ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
            return scrolls && el.tabIndex < 0 && !el.querySelector('a, button, input, select, textarea, [tabindex]');
          }).map(el => el.tagName + '.' + el.className)""")
        if found:
            unreachable[url] = found
    assert unreachable == {}


def test_the_triage_wizard_moves_focus_and_announces_the_result(page: Any, example_url: str) -> None:
    open_page(page, example_url + "triage/")
    page.wait_for_selector(".pb-triage[data-step='1']")
    page.locator(".pb-triage input").first.check()
    page.locator(".pb-triage-next").focus()
    page.keyboard.press("Enter")
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent]")
    assert focused[0] == "H2" and focused[1] == page.locator(".pb-triage h2").first.inner_text()
    while page.locator(".pb-triage-next").count():
        page.locator(".pb-triage-next").focus()
        page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('.pb-triage-result') !== null")
    live = page.locator(".pb-triage [aria-live]")
    assert live.count() == 1 and "Severity" in live.inner_text()


@pytest.mark.parametrize("path", ["checker/", "triage/"])
def test_interactive_pages_say_what_to_use_without_javascript(browser: Any, example_url: str, path: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(example_url + path)
        notice = page.locator("article noscript, article .pb-noscript")
        assert notice.count() >= 1
        html = page.content()
        assert re.search(r"<noscript>.{0,200}(playbook check|the table of every trigger)", html, re.S), path
    finally:
        context.close()
