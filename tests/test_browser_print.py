"""Printing: a role page, a team's org chart, a severity page and the triage tree on A4 and Letter.

Each is laid out with print media at the paper's width and printed to PDF by Chromium: no
text or diagram runs off the sheet, diagrams print whole at their drawn size (labels never
shrink below body text), and the page count stays sane. Pocket cards (one sheet each) are
tested in test_browser_training.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import on_both_engines
from generator.lint.loader import load_playbook
from generator.queries import paths
from test_browser_site import open_page, url_of
from test_browser_training import pdf_pages

pytestmark = pytest.mark.browser

# Paper width in CSS pixels (96 per inch) minus Chromium's default 0.4 in margins on each side.
PAPER = {"A4": round(210 / 25.4 * 96 - 2 * 0.4 * 96), "Letter": round(8.5 * 96 - 2 * 0.4 * 96)}

LAYOUT = """() => {
  const svgs = [...document.querySelectorAll('figure.pb-diagram svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {right: box.right, height: box.height, drawn: parseFloat(svg.getAttribute('width')), width: box.width,
            label: parseFloat(getComputedStyle(svg.querySelector('text')).fontSize)};
  });
  const body = parseFloat(getComputedStyle(document.querySelector('article p')).fontSize);
  const wide = [...document.querySelectorAll('article *')].filter(el => el.getBoundingClientRect().right >
      document.documentElement.clientWidth + 1 && !el.closest('.md-typeset__scrollwrap')).map(el => el.tagName);
  return {svgs, body, wide, sidebar: !!document.querySelector('.md-sidebar--primary')?.offsetParent};
}"""


def printed_pages(example_project: Path) -> list[str]:
    playbook = load_playbook(example_project / "playbook").playbook
    assert playbook is not None
    role = playbook.roles[0]
    severity = max(playbook.escalation.severities, key=lambda s: s.level)
    team = next(t.id for t in playbook.teams if sum(r.team == t.id for r in playbook.roles) > 1)
    return [url_of(paths.role(role.id, role.team)), url_of(paths.team(team)), url_of(paths.severity(severity.id)),
            url_of(paths.TRIAGE_TREE)]


@on_both_engines
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_role_team_severity_and_tree_pages_print_whole_and_legible(page: Any, example_url: str,
                                                                   example_project: Path, paper: str) -> None:
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER[paper], "height": 1000})
    for url in printed_pages(example_project):
        open_page(page, example_url + url)
        layout = page.evaluate(LAYOUT)
        assert not layout["sidebar"], url  # Material hides navigation in print
        assert layout["wide"] == [], (url, layout["wide"])  # nothing runs off the sheet
        assert layout["body"] >= 11, url
        for svg in layout["svgs"]:
            assert svg["height"] > 30 and svg["right"] <= PAPER[paper] + 1, (url, svg)
            assert svg["width"] == pytest.approx(svg["drawn"], abs=1), (url, svg)  # printed at its drawn size
            assert svg["label"] >= layout["body"], (url, svg)
        pdf = page.pdf(format=paper, print_background=True, margin={"left": "0.4in", "right": "0.4in",
                                                                    "top": "0.4in", "bottom": "0.4in"})
        # A bound against a runaway layout, not a page budget.
        assert 1 <= pdf_pages(pdf) <= 12, (url, pdf_pages(pdf))
    assert "escalation" in " ".join(printed_pages(example_project))
