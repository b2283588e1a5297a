"""The triage wizard and `playbook triage` give the same whole answer, element by element.

For several situations on the example handbook (and on the checker fixture), the wizard is
clicked through in Chromium like a reader would, and its result, read back from the page
as (kind, text) lines, must equal what `playbook triage --format json` prints for the same
answers: severity and deadline, who to tell, verify-first, every approver, the actions,
the holding statements, the ladder and what happens after its last step.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner

from conftest import example_playbook, on_both_engines
from generator.cli import main

pytestmark = pytest.mark.browser

# (trigger ids, signals, spread id): each picked as a reader would tick it.
SITUATIONS = [
    (["legal-threat"], [], "contained"),  # the approver (Legal Liaison) must be named
    (["tragedy-breaking-news"], [], "viral"),  # verify first, raised two levels to the top
    (["product-recall"], [], "contained"),  # two sign-offs of three, a recall statement
    (["legal-threat", "tragedy-breaking-news"], [], "spreading"),  # two holding statements
    ([], ["media_enquiry"], "spreading"),  # by a signal alone
    ([], [], "contained"),  # nothing matched: routine, still the whole ladder
]

RESULT_LINES = """(box) => {
  const kinds = {H2: "h2", H3: "h3", P: "p", BLOCKQUOTE: "quote"};
  const lines = [];
  for (const child of box.children) {
    if (child.tagName === "UL" || child.tagName === "OL") {
      for (const item of child.children) lines.push([child.tagName === "OL" ? "ol" : "li", item.textContent]);
    } else if (kinds[child.tagName]) {
      lines.push([kinds[child.tagName], child.textContent]);
    }
  }
  return lines;
}"""


# The instant both sides answer at: the browser's clock is fixed to it, the command gets --at.
# Monday 30 November 2026, 23:30 in London: Noah (Sydney, 10:30 on Tuesday) covers the night.
NIGHT = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
DAY = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)  # nobody of the night cover is on


def cli_lines(playbook: Path, triggers: list[str], signals: list[str], spread: str,
              at: dt.datetime = NIGHT) -> list[list[str]]:
    args = ["triage", "--playbook", str(playbook), "--format", "json", "--spread", spread,
            "--at", f"{at:%Y-%m-%d %H:%M}", "--tz", "UTC"]
    args += [a for t in triggers for a in ("--trigger", t)] + [a for s in signals for a in ("--signal", s)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def wizard_lines(page: Any, url: str, triggers: list[str], signals: list[str], spread: str,
                 at: dt.datetime = NIGHT) -> list[list[str]]:
    page.clock.set_fixed_time(at)
    page.goto(url + "triage/")
    page.wait_for_selector(".pb-triage[data-step='1']")
    for trigger in triggers:
        page.check(f"input[name='trigger'][value='{trigger}']")
    page.click(".pb-triage-next")
    for signal in signals:
        page.check(f"input[name='signal'][value='{signal}']")
    page.click(".pb-triage-next")
    page.check(f"input[name='spread'][value='{spread}']")
    page.click(".pb-triage-next")
    return page.locator(".pb-triage-result").evaluate(RESULT_LINES)


@on_both_engines
@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: "+".join(s[0] + s[1]) or "nothing")
def test_the_wizard_and_the_command_give_the_same_whole_answer(page, example_url, situation, console_errors):
    triggers, signals, spread = situation
    expected = cli_lines(example_playbook(), triggers, signals, spread)
    assert wizard_lines(page, example_url, triggers, signals, spread) == expected
    assert [e for e in console_errors if "Failed to load resource" not in e] == []


def test_a_legal_threat_names_its_approver_its_actions_and_what_follows_the_ladder(page, example_url):
    lines = wizard_lines(page, example_url, ["legal-threat"], [], "contained")
    text = "\n".join(t for _, t in lines)
    assert lines[0] == ["h2", "Severity: High (level 3 of 5)"]
    assert "Every account: Legal topics need the legal liaison: Legal Liaison" in text
    assert "Flagship accounts also: Two-person rule: a second person," in text
    assert "Refer to legal (for this situation):" in text and ["h3", "Not at this severity"] in lines
    assert ["quote", ("Thank you for raising this with us. We take it seriously and a member of our team will "
                     "contact you directly. We're not able to discuss it further here.")] in lines
    assert lines[-1][1].startswith(
        "If nobody has acknowledged the last step of Management sign-off (55 min after it started): "
        "The head of social has not answered within 30 minutes: call the comms lead's phone.")


@pytest.mark.parametrize("at, paged", [
    (NIGHT, "on shift now: Noah Williams"),
    (DAY, "nobody in the rotation is on shift: page everyone in it (Noah Williams, Chloe Tan)"),
], ids=["night", "nobody"])
def test_a_rotation_step_names_who_is_on_shift_at_the_pages_clock(page, example_url, at, paged):
    lines = wizard_lines(page, example_url, ["legal-threat"], [], "viral", at)
    assert lines == cli_lines(example_playbook(), ["legal-threat"], [], "viral", at)
    first = next(text for kind, text in lines if kind == "ol")
    assert first.startswith("Night cover (whoever is on shift: Noah Williams, Chloe Tan) "
                            f"(Night pager: NW-NIGHT-1): {paged}, acknowledge")


def test_a_tragedy_says_verify_first_with_sources_and_wait(page, example_url):
    lines = wizard_lines(page, example_url, ["tragedy-breaking-news"], [], "contained")
    assert ["h3", "Verify first"] in lines
    assert ["p", ("Confirm the whole story from 2 independent sources and wait at least 20 minutes before reacting; "
                 "Head of Social decides when we know enough.")] in lines
    assert ["p", "First response within 15 min. Pause every scheduled post now."] in lines


def test_without_javascript_the_page_points_to_the_table(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(example_url + "triage/")
        # Playwright's text selectors skip <noscript>; inner_text is what a reader sees.
        article = page.inner_text("article")
        assert "The wizard needs JavaScript. Find what happened in the table of every trigger (below)" in article
        assert page.locator("noscript a[href='#every-trigger-at-a-glance']").count() == 1
        assert page.locator("#every-trigger-at-a-glance").count() == 1
        row = page.locator("table tr").filter(has=page.locator("td:text-is('Legal threat')")).inner_text()
        assert "High" in row and "30 min" in row and "Legal threat or complaint" in row
        spread = page.locator("noscript a[href*='when-it-has-spread']").get_attribute("href")
        page.goto(urljoin(page.url, spread))
        assert page.locator("#when-it-has-spread").count() == 1
    finally:
        context.close()


def test_channel_values_in_the_result_are_links_only_where_safe(page, example_url):
    """The wizard links a channel's value by its kind (mailto:, tel:), with the href the rules give."""
    wizard_lines(page, example_url, ["tragedy-breaking-news"], [], "viral")
    result = page.locator(".pb-triage-result")
    assert (result.locator("a[href='mailto:press@northwindroasters.com']").first.text_content()
            == "press@northwindroasters.com")
    assert result.locator("a[href='tel:+442079460120']").first.text_content() == "+44 20 7946 0120"
    hrefs = result.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert {h.split(":")[0] for h in hrefs if ":" in h} == {"mailto", "tel"}  # and the severity page's relative link
    assert "#crisis-room" in result.text_content()  # a chat name stays text


def test_the_on_shift_page_shows_each_rotation_as_the_command_does(page, example_url):
    page.clock.set_fixed_time(DAY)
    page.goto(example_url + "people/now/")
    row = page.locator(".pb-oncall-rotations tr[data-pb-rotation='night-cover']")
    row.wait_for()
    result = CliRunner().invoke(main, ["oncall", "--playbook", str(example_playbook()), "--at", f"{DAY:%Y-%m-%d %H:%M}",
                                       "--tz", "UTC", "--rotation", "night-cover", "--format", "json"])
    expected = json.loads(result.output)["rotations"]["night-cover"]
    assert row.get_attribute("data-pb-on") == " ".join(expected["on"]) == ""
    assert row.get_attribute("data-pb-paged") == " ".join(expected["paged"]) == "noah-w chloe-t"
    assert row.get_attribute("data-pb-next") == expected["next"]["person"]
    assert row.locator(".pb-oncall-paged").inner_text() == \
        "nobody in the rotation is on shift: page everyone in it (Noah Williams, Chloe Tan)"
