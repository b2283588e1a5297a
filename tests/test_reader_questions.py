"""Everyday questions answered from the built handbook alone, within two clicks of the home page.

Each question is answered by following links (in the page or its navigation) from the built
`index.html` of the example site, at most two clicks deep. The answer counts only when
every part of it is on one page reached: a reader must never have to combine two pages.
The expected answers are written out as a reader would want them, not read from the code.
"""

from __future__ import annotations

import html
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

CLICKS = 2

QUESTIONS = {
    "who approves a post on the flagship during a moderate incident?": [
        "Every public word during a Moderate incident needs",
        "Flagship Two-person rule: a second person, Social Media Manager or Head of Social or Head of Communications"],
    "how many hashtags may I use on Instagram, and says who?": [
        "2 hashtags (our house style; the limit for Instagram is 30)"],
    "who must sign off a reply to a legal threat?": [
        "Legal threat (High)", "Legal topics need the legal liaison: Legal Liaison"],
    "what happens when nobody picks up the crisis ladder?": [
        "If nobody has acknowledged the last step of Crisis (1 h 5 min after it started):",
        "pause ALL posting on ALL accounts"],
    "what must I do before reacting to breaking news?": [
        "2 independent sources", "Wait at least: 20 min", "Who approves the reaction: Head of Social"],
    "how fast must I answer a severe incident, and who is told at once?": [
        "first response within 15 min", "Who is told at once", "Head of Communications", "pause scheduled posts"],
    "which statement do I post about a product recall?": [
        "Product recall", "We are recalling"],
    "may I put a link in an Instagram caption?": [
        "no links (the limit for Instagram)"],
    "where does a new community manager start?": [
        "Start here", "Community Manager"],
    "who approves a promotion on a large account?": [
        "Promotions on big accounts need a manager: Social Media Manager or Head of Social"],
    "what may the person on shift do at critical severity, and what not?": [
        "What you may do", "Pause scheduled posts", "Report to the platform"],
    "what does my pocket card say when nobody answers the team review ladder?": [
        "Pocket card", "If nobody has acknowledged the last step of Team review"],
}


class _Page(HTMLParser):
    """The visible text of a page (scripts and styles left out) and where its links go."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)
        if tag in ("td", "th", "li", "p", "br", "h1", "h2", "h3", "div", "tr", "blockquote"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", html.unescape("".join(self.parts))).replace("¶", "")


@cache
def read(path: Path) -> tuple[str, tuple[str, ...]]:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.text(), tuple(parser.links)


def file_of(site: Path, url: str) -> Path | None:
    """The built file a site-relative URL opens (directory URLs end in index.html)."""
    path = urlsplit(url).path.lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() and target.suffix == ".html" else None


def reachable(site: Path) -> dict[Path, int]:
    """Every page within CLICKS clicks of the home page, with the fewest clicks to it."""
    home = site / "index.html"
    seen = {home: 0}
    frontier = [(home, "/")]
    for clicks in range(1, CLICKS + 1):
        following = []
        for page, url in frontier:
            for href in read(page)[1]:
                if href.startswith(("http:", "https:", "mailto:", "#")):
                    continue
                target_url = urljoin(url, href)
                target = file_of(site, target_url)
                if target is not None and target not in seen:
                    seen[target] = clicks
                    following.append((target, target_url))
        frontier = following
    return seen


@pytest.fixture(scope="module")
def pages_within_reach(example_site: Path) -> dict[Path, int]:
    return reachable(example_site)


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_the_full_answer_is_on_one_page_within_two_clicks(question, pages_within_reach, example_site):
    answer = QUESTIONS[question]
    found = sorted((clicks, str(page.relative_to(example_site))) for page, clicks in pages_within_reach.items()
                   if all(part in read(page)[0] for part in answer))
    assert found, f"{question!r}: no page within {CLICKS} clicks of the home page says all of {answer}"


def test_new_hires_find_their_path_in_one_click(pages_within_reach, example_site):
    onboarding = example_site / "onboarding" / "index.html"
    assert pages_within_reach[onboarding] == 1
    home = read(example_site / "index.html")[0]
    assert home.index("New here: Start here") < home.index("Welcome to the team")
    assert "New here?" not in home  # said once, as a line of links, not twice as a question
