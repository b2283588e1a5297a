"""The navigation builder: sections from folders, team groups, and long levels split into runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lint.loader import load_playbook
from generator.render.context import Page
from generator.render.nav import NAV_LIMIT, build_nav
from generator.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent


def flatten(nav):
    for item in nav:
        if isinstance(item, str):
            yield item
        else:
            (value,) = item.values()
            yield from ([value] if isinstance(value, str) else flatten(value))


def test_every_page_appears_once_in_reading_order():
    pages = [Page("index.md", "Home", "")] + [
        Page(f"cards/r{i:03}.md", f"Role {i:03}", "", group=f"Team {i // 20:02}") for i in range(1000)]
    pages.insert(1, Page("cards/index.md", "Cards", ""))
    nav = build_nav(pages)
    assert list(flatten(nav)) == [p.path for p in pages]


def test_long_levels_are_split_into_titled_runs():
    pages = [Page("cards/index.md", "Cards", "")] + [
        Page(f"cards/r{i:03}.md", f"Role {i:03}", "", group=f"Team {i // 20:02}") for i in range(1000)]
    (cards,) = build_nav(pages)
    level = cards["Cards"]
    assert level[0] == "cards/index.md"
    runs = level[1:]
    assert len(runs) <= NAV_LIMIT
    assert next(iter(runs[0])) == "Team 00 – Team 07"
    first_team = runs[0]["Team 00 – Team 07"][0]
    assert list(first_team) == ["Team 00"] and len(first_team["Team 00"]) == 20


def test_short_levels_and_the_top_level_are_left_alone():
    pages = [Page(f"s{i}/index.md", f"Section {i}", "") for i in range(20)]
    assert len(build_nav(pages)) == 20
    small = [Page("x/index.md", "X", "")] + [Page(f"x/p{i}.md", f"P{i}", "") for i in range(NAV_LIMIT)]
    assert build_nav(small) == [{"X": ["x/index.md"] + [{f"P{i}": f"x/p{i}.md"} for i in range(NAV_LIMIT)]}]


def test_the_site_nav_groups_pages_for_three_readers_without_splitting_a_folder(example_site_pages):
    """Home, then On shift (triage, checker, ladders first), New here (start here first), then the
    policy owner's reference; a folder split across two groups would show its bare folder name."""
    nav = example_site_pages.nav
    assert nav[0] == "index.md"
    groups = [next(iter(item)) for item in nav[1:]]
    assert groups == ["On shift", "New here", "Policy and reference"]
    on_shift = [next(iter(item)) for item in nav[1]["On shift"]]
    assert on_shift[:3] == ["Triage wizard", "Draft checker", "Severity levels"]
    assert next(iter(nav[2]["New here"][0])) == "Start here"
    folders = {path.split("/")[0] for path in flatten(nav) if "/" in path}
    titles = {title for item in nav[1:] for group in item.values() for entry in group for title in entry}
    assert not folders & titles, "a folder split across groups shows as its bare name"
    assert sorted(flatten(nav)) == sorted(example_site_pages.pages)


@pytest.fixture(scope="module")
def example_site_pages():
    loaded = load_playbook(ROOT / "playbook")
    return render_site(loaded.playbook, loaded.origins, ROOT)
