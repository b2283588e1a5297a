"""The handbook's pages: every entity has its page, links resolve, YAML text stays inert,
coverage finds the gaps, and the reference documents every field of every model.

These tests render with the real pipeline (load_playbook -> render_site) and, for escaping,
convert the Markdown to HTML with the same extensions as mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pymdownx.superfences import fence_code_format

from generator import model
from generator.lint.loader import load_playbook
from generator.model import Playbook
from generator.model.schema import playbook_schema
from generator.queries import paths
from generator.read.origins import Origins
from generator.render import svg
from generator.render.blocks import _tidy_lines, fenced, tidy
from generator.render.charts import Chart, Edge, Node
from generator.render.escape import escape_plain
from generator.render.pages import coverage, permissions
from generator.render.pages.reference import models_of
from generator.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "pages"
EXAMPLE = ROOT / "playbook"
MINIMAL = ROOT / "tests" / "data" / "minimal"
LINK = re.compile(r"\]\(([^)\s]+)\)")
ANCHOR = re.compile(r'<a id="([a-z0-9-]+)"></a>')
HEADING = re.compile(r"^#{1,6} (.+)$", re.M)


def render(folder: Path):
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    return loaded.playbook, render_site(loaded.playbook, loaded.origins, ROOT)


@functools.cache
def rendered(folder: Path):
    """One render per folder for the tests that only read the result."""
    return render(folder)


@pytest.fixture(scope="module")
def fixture_site():
    return rendered(FIXTURE)


@pytest.fixture(scope="module")
def example_site():
    return rendered(EXAMPLE)


def to_html(text: str) -> str:
    """The page as MkDocs would convert it (the extensions of mkdocs.yml)."""
    return markdown.markdown(text, extensions=[
        "admonition", "tables", "toc", "pymdownx.details", "pymdownx.tabbed", "pymdownx.tasklist",
        "pymdownx.superfences"], extension_configs={
        "pymdownx.tabbed": {"alternate_style": True},
        "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid",
                                                    "format": fence_code_format}]}})


def anchors_of(text: str) -> set[str]:
    """Explicit anchors plus the ids Python-Markdown's toc gives headings."""
    from markdown.extensions.toc import slugify
    found = set(ANCHOR.findall(text))
    for heading in HEADING.findall(text):
        plain = re.sub(r"<[^>]+>|\\", "", heading)
        found.add(slugify(plain, "-"))
    return found


# --------------------------------------------------------------------------- pages exist


@pytest.mark.parametrize("folder", [FIXTURE, EXAMPLE], ids=["fixture", "example"])
def test_every_role_severity_platform_and_team_has_a_page(folder):
    playbook, site = rendered(folder)
    expected = [paths.role(r.id, r.team) for r in playbook.roles]
    expected += [paths.severity(s.id) for s in playbook.escalation.severities]
    expected += [paths.platform(p.id) for p in playbook.platforms]
    expected += [paths.team(t.id) for t in playbook.teams]
    expected += [paths.HOME, paths.TEAM, paths.ROLES, paths.PERMISSIONS, paths.ACCOUNTS, paths.ESCALATION,
                 paths.TRIAGE_TREE, paths.APPROVALS, paths.VOICE, paths.VOCABULARY, paths.PLATFORMS,
                 paths.GLOSSARY, paths.REFERENCE, paths.COVERAGE]
    missing = [p for p in expected if p not in site.pages]
    assert not missing


def test_no_coverage_page_without_a_roster():
    _, site = rendered(MINIMAL)
    assert paths.COVERAGE not in site.pages
    assert "coverage" not in site.pages[paths.HOME].markdown.lower()


@pytest.mark.parametrize("folder", [FIXTURE, EXAMPLE, MINIMAL], ids=["fixture", "example", "minimal"])
def test_every_relative_link_points_to_a_page_and_anchor_that_exist(folder):
    _, site = rendered(folder)
    broken = broken_links(site)
    assert not broken, "\n".join(broken)


def broken_links(site) -> list[str]:
    """Relative links whose page, or whose anchor on that page, does not exist."""
    anchors = {path: anchors_of(page.markdown) for path, page in site.pages.items()}
    broken = []
    for path, page in site.pages.items():
        for target in LINK.findall(page.markdown):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file)) if file else path
            if resolved not in site.pages and resolved not in site.assets:
                broken.append(f"{path} -> {target}")
            elif anchor and resolved in anchors and anchor not in anchors[resolved]:
                broken.append(f"{path} -> {target} (no anchor)")
    return broken


def test_every_page_shows_version_and_effective_date(fixture_site):
    playbook, site = fixture_site
    stamp = f"Policy version {playbook.handbook.version.replace('.', chr(92) + '.')}, effective 2026-01-01"
    assert [p for p, page in site.pages.items() if stamp not in page.markdown] == []


def test_pages_name_the_yaml_file_they_came_from(fixture_site):
    _playbook, site = fixture_site
    assert site.pages[paths.role("writer", "core")].source == "tests/data/pages/roles.yaml"
    assert site.pages[paths.severity("top")].source == "tests/data/pages/escalation.yaml"
    assert site.pages[paths.HOME].source == "tests/data/pages/handbook.yaml"
    assert site.pages[paths.VOCABULARY].source == "tests/data/pages/voice.yaml"
    assert site.pages[paths.COVERAGE].source == "tests/data/pages/roles.yaml"
    assert site.pages[paths.team("nights")].source == "tests/data/pages/handbook.yaml"
    for path, page in site.pages.items():
        shown = re.findall(r"Source: (.*?)\.</small>", page.markdown)
        if page.source and not path.startswith(("cards/", "onboarding/", "training/", "checker/", "triage/")):
            assert shown == [escape_plain(page.source)], path  # the footer names the file "edit" opens


def test_rendering_is_byte_identical_across_runs():
    first = render(FIXTURE)[1]
    second = render(FIXTURE)[1]
    assert ({p: page.markdown for p, page in first.pages.items()}
            == {p: page.markdown for p, page in second.pages.items()})
    assert first.assets == second.assets and first.nav == second.nav


def test_no_runs_of_blank_lines_outside_fences(fixture_site):
    _, site = fixture_site
    for path, page in site.pages.items():
        assert tidy(page.markdown) == page.markdown, path
        outside = re.sub(r"^```.*?^```", "FENCE", page.markdown, flags=re.S | re.M)
        assert "\n\n\n" not in outside, path


def test_tidy_keeps_blank_lines_inside_fences_and_hard_line_breaks():
    assert tidy("a\n\n\n\nb\n```\nx\n\n\ny\n```\n\n\n") == "a\n\nb\n```\nx\n\n\ny\n```\n"
    assert tidy("line one  \nline two\n  \n\nend") == "line one  \nline two\n\nend\n"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "\t", " \u3000", "a", "b  ", "  c", "\x0b", "-"]), max_size=12))
def test_tidy_fast_path_matches_the_line_by_line_rules(lines):
    """Pages without a fence take a regular expression; it must give exactly what the loop gives."""
    markdown = "\n".join(lines)
    assert tidy(markdown) == _tidy_lines(markdown)


def test_fenced_block_cannot_be_closed_by_its_content():
    block = fenced("a: ```\nb: ````", "yaml")
    assert block.startswith("`````yaml\n") and block.endswith("\n`````")


# --------------------------------------------------------------------------- escaping


def test_hostile_text_is_inert_in_every_page(fixture_site):
    _, site = fixture_site
    for path, page in site.pages.items():
        html = to_html(page.markdown)
        # The data islands are JSON with every <, > and & as a \u escape: names cannot end it.
        html = re.sub(r'<script type="application/json" class="pb-(oncall|records)-data">[^<>]*</script>', "", html)
        assert "<script" not in html, path
        assert 'href="javascript:' not in html, path
        assert "<img" not in html, path
        assert "<b>" not in html and "<i>" not in html, path


def test_hostile_role_name_shows_as_text(fixture_site):
    _, site = fixture_site
    html = to_html(site.pages[paths.role("writer", "core")].markdown)
    assert "<h1 id=" in html and "&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "[x](javascript:alert(1)) writes posts" in html
    assert "{{ 7*7 }} {% raw %}" in html  # YAML text is never a template


def diagrams(markdown: str) -> list[str]:
    """The inline SVG figures of a page (generator/render/svg.py)."""
    return re.findall(r'<figure class="pb-diagram">\n.*?\n</figure>', markdown, re.S)


def test_diagram_labels_are_escaped_text_in_well_formed_svg(fixture_site):
    _, site = fixture_site
    figures = [figure for page in site.pages.values() for figure in diagrams(page.markdown)]
    assert len(figures) >= 3
    for figure in figures:
        root = ElementTree.fromstring(figure)  # well-formed: no label closed a tag or opened one
        assert {el.tag.split("}")[-1] for el in root.iter()} <= {
            "figure", "div", "svg", "title", "desc", "defs", "marker", "path", "rect", "text", "tspan"}
        assert not [name for el in root.iter() for name in el.attrib if name.startswith("on")]
    team = diagrams(site.pages[paths.TEAM].markdown)[0]
    names = ["".join(t.itertext()) for t in ElementTree.fromstring(team).iter("{http://www.w3.org/2000/svg}text")]
    assert 'Night "] --> B[x' in " ".join(names)
    tree = diagrams(site.pages[paths.TRIAGE_TREE].markdown)[0]
    assert "Is someone threatening to sue?" in tree and "pwned" not in tree


def test_diagram_labels_wrap_instead_of_shrinking():
    chart = Chart("LR", [Node("a", "word " * 40), Node("b", "short")], layout="column")
    chart.edges.append(Edge("a", "b", "not acknowledged in 5 min"))
    figure = svg.draw(chart, "A ladder")
    root = ElementTree.fromstring(figure)
    svg_el = next(root.iter("{http://www.w3.org/2000/svg}svg"))
    assert int(svg_el.get("width")) <= svg.MAX_TEXT + 120 + 2 * svg.PAD_X + 2 * svg.MARGIN
    assert svg_el.get("viewBox") == f"0 0 {svg_el.get('width')} {svg_el.get('height')}"  # drawn 1:1, never scaled
    assert len(list(root.iter("{http://www.w3.org/2000/svg}tspan"))) >= 6  # 200 characters over several lines
    assert 'tabindex="0"' in figure and 'role="img"' in figure and "<title id=" in figure and "<desc id=" in figure
    assert "not acknowledged in 5 min" in figure


# --------------------------------------------------------------------------- content


def test_role_page_has_the_fixed_layout(fixture_site):
    _, site = fixture_site
    headings = ["## What it is", "## Why it exists", "## Responsibilities", "## Permissions", "## Backups",
                "## Reports to and escalates to", "## Training path", "## How to become one",
                "## Ladders and approvals", "## Pocket card"]
    for role in ("lead", "writer"):
        text = site.pages[paths.role(role, "core")].markdown
        positions = [text.index(h) for h in headings]
        assert positions == sorted(positions)
    lead = site.pages[paths.role("lead", "core")].markdown
    assert "[Basics](../../training/basics.md) (20 min)" in lead
    assert "(../../cards/lead.md)" in lead and "(../../onboarding/lead.md)" in lead
    writer = site.pages[paths.role("writer", "core")].markdown
    assert "| Shadow | Watch first | 5 days | [Social lead](lead.md) |" in writer


def test_severity_page_has_ladder_table_with_cumulative_times_and_holding_text(fixture_site):
    _, site = fixture_site
    text = site.pages[paths.severity("top")].markdown
    assert len(diagrams(text)) == 1 and "1. Night" in diagrams(text)[0]
    assert "| 1 | [Night" in text and "| 5 min | 5 min |" in text
    assert "| 10 min | 15 min |" in text and "| 15 min | 30 min |" in text
    assert "We have seen this &lt;script&gt;alert\\(5\\)&lt;/script&gt; and will reply directly\\." in text
    assert "Lawsuit" in text and "**pause scheduled posts**" in text


def test_approvals_matrix_names_the_second_person_on_the_flagship_tier(fixture_site):
    _, site = fixture_site
    text = site.pages[paths.APPROVALS].markdown
    everyday = next(line for line in text.splitlines() if line.startswith("| **Everyday post**"))
    small, flagship = everyday.split(" | ")[1:3]
    assert small == "no sign-off needed"
    assert "[Two\\-person rule](index.md#two-person-rule): a second person, [Social lead]" in flagship
    legal = next(line for line in text.splitlines() if line.startswith("| **Legal**"))
    assert "[Legal &lt;b&gt;needs&lt;/b&gt; the lead](index.md#rule-legal-needs-lead)" in legal
    assert "[Verify before reacting](index.md#verify-before-reacting)" in legal
    assert "## During an incident" in text and "2 of [Social lead]" in text
    # An incident cell still carries the two-person rule: a reader never combines two tables.
    incident = text.split("## During an incident")[1]
    top = next(line for line in incident.splitlines() if line.startswith("| [Top &lt;i&gt;x&lt;/i&gt;]"))
    assert top.split(" | ")[2].startswith("[Two\\-person rule]") and "Top needs two" in top


def test_vocabulary_lists_every_word_the_brand_never_uses(example_site):
    playbook, site = example_site
    text = site.pages[paths.VOCABULARY].markdown
    box = text.split("!!! danger")[1].split("\n\n##")[0]
    for term in playbook.vocabulary:
        if term.kind.value in ("banned", "profanity"):
            assert f"**{term.term.replace('-', chr(92) + '-')}**" in box, term.term


def test_a_long_never_list_is_counted_in_the_box_and_listed_in_the_tables(tmp_path):
    """Past NEVER_BOX words the box names the first ones and counts the rest: a thousand-word
    box was half of a large handbook's biggest page, and the tables below list every word."""
    from generator.render.pages.voice import NEVER_BOX

    folder = tmp_path / "playbook"
    shutil.copytree(FIXTURE, folder)
    words = "".join(f"  - {{term: nope{i:03}, kind: banned, reason: No.}}\n" for i in range(NEVER_BOX + 20))
    (folder / "more-words.yaml").write_text("vocabulary:\n" + words)
    playbook, site = render(folder)
    text = site.pages[paths.VOCABULARY].markdown
    box = text.split("!!! danger")[1].split("\n\n##")[0]
    never = [t for t in playbook.vocabulary if t.kind.value in ("banned", "profanity")]
    assert box.count("**") == 2 * NEVER_BOX
    assert f", and {len(never) - NEVER_BOX} more in the tables below." in box
    for i in range(NEVER_BOX + 20):
        assert f"| **nope{i:03}** |" in text


def test_accounts_have_anchors_owners_and_tiers(fixture_site):
    _, site = fixture_site
    text = site.pages[paths.ACCOUNTS].markdown
    assert '<a id="main"></a>' in text and '<a id="tier-flagship"></a>' in text
    assert ("| Before posting | [Two\\-person rule](../approvals/index.md#two-person-rule): a second person, "
            "[Social lead]") in text
    assert "08:00 to 20:00 (Europe/London), Mon, Tue" in text


def test_permissions_and_raci_are_derived_from_the_policy(fixture_site):
    _, site = fixture_site
    text = site.pages[paths.PERMISSIONS].markdown
    lead_row = next(line for line in text.splitlines() if line.startswith("| [Social lead]") and "✓" in line)
    assert lead_row.count("✓") == 5
    raci = text.split("## RACI")[1]
    night = next(line for line in raci.splitlines() if line.startswith("| [Night"))
    assert night.endswith("| R |")  # first step of the top ladder, and nothing else there


def test_voice_examples_are_in_do_and_dont_tabs(fixture_site):
    _, site = fixture_site
    html = to_html(site.pages[paths.VOICE].markdown)
    assert ('<label for="__tabbed_1_1">Do</label>' in html and "Don&#x27;t</label>" in html) or "Don't</label>" in html
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in html


def test_glossary_links_terms_severities_tiers_and_actions(fixture_site):
    _, site = fixture_site
    text = site.pages[paths.GLOSSARY].markdown
    for needle in ("[Two\\-person rule](approvals/index.md#two-person-rule)", "(escalation/top.md)",
                   "(accounts/index.md#tier-flagship)", "(escalation/index.md#action-pause)",
                   "[Holding statement](escalation/index.md)"):
        assert needle in text


# --------------------------------------------------------------------------- coverage


def test_coverage_converts_time_zones_and_finds_gaps(fixture_site):
    playbook, site = fixture_site
    assert coverage.reference_zone(playbook) == "Europe/London"
    week = coverage.reference_week(playbook)
    assert week == dt.date(2026, 1, 5)
    grid = {p.id: coverage.person_grid(p, "Europe/London", week) for p in playbook.roster}
    ann = grid["ann"][0]
    assert [h for h in range(24) if ann[h]] == list(range(9, 17))  # 17:00-17:30 is half an hour: not covered
    bob = grid["bob"][0]
    assert [h for h in range(24) if bob[h]] == list(range(14, 22))  # New York 09-17 is London 14-22 in January
    kei_monday, kei_tuesday = grid["kei"][0], grid["kei"][1]
    assert [h for h in range(24) if kei_monday[h]] == list(range(13, 21))  # Tokyo Mon 22:00-Tue 06:00
    assert not any(kei_tuesday)
    grids, anyone = coverage.role_grids(playbook.roster, "Europe/London", week, playbook.stage_order)
    assert set(grids) == {"lead", "writer", "night"}
    assert grids["writer"].gap_words() == ["Mon–Thu 22:00 → 14:00 next day", "Fri 22:00 → Mon 14:00"]
    assert grids["lead"].gaps()[-1] == (4 * 24 + 17, 7 * 24 + 9)  # Friday 17:00 round the weekend to Monday 09:00
    monday = anyone.counts[0]
    assert monday[13] == 2 and monday[14] == 3 and monday[17] == 2 and monday[21] == 1 and monday[22] == 0
    text = site.pages[paths.COVERAGE].markdown
    assert "**Europe/London**" in text and '<td class="pb-gap">✗</td>' in text
    assert "**Gaps:** Mon–Thu 22:00 → 14:00 next day; Fri 22:00 → Mon 14:00." in text
    assert site.assets[coverage.STYLE]


def test_gaps_read_as_people_say_them():
    def grid(covered):
        return coverage.Grid(tuple(tuple(int((d, h) in covered) for h in range(24)) for d in range(7)))

    assert grid(set()).gap_words() == ["all week"]
    assert grid({(d, h) for d in range(7) for h in range(24)}).gap_words() == []
    everything_but = {(d, h) for d in range(7) for h in range(24) if (d, h) not in {(0, 5), (0, 6), (2, 23), (3, 0)}}
    assert grid(everything_but).gap_words() == ["Mon 05:00–07:00", "Wed 23:00 → Thu 01:00"]
    nightly = {(d, h) for d in range(7) for h in range(24) if h not in (0, 1)}
    assert grid(nightly).gap_words() == ["Mon–Sun 00:00–02:00"]


def test_big_roster_splits_coverage_into_team_pages():
    playbook = big_playbook(teams=4, per_team=10)
    people = [{"id": f"p-{r.id}", "name": r.name, "roles": [r.id], "timezone": "Europe/Paris",
               "shifts": [{"days": ["mon"], "start": "09:00", "end": "17:00"}]} for r in playbook.roles]
    playbook = Playbook.model_validate({**playbook.model_dump(by_alias=True), "roster": people})
    site = render_site(playbook, Origins(), ROOT)
    index = site.pages[paths.COVERAGE].markdown
    assert "## By team" in index and "(team-t-0.md)" in index and "pb-coverage" in index  # anyone, still here
    team_page = site.pages[paths.coverage_team("t-0")].markdown
    assert team_page.count('<table class="pb-coverage">') == 10
    assert "**UTC**" not in team_page and "**Europe/London**" not in team_page


# --------------------------------------------------------------------------- reference


def all_models() -> list[type[BaseModel]]:
    """Every model a policy file can hold: not the bases that only lend fields to others."""
    found = [obj for obj in vars(model).values()
             if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__.startswith(model.__name__ + ".")
             and obj not in (model.Strict, model.Playbook, model.PlaybookFile)]
    return [cls for cls in found if not any(other is not cls and issubclass(other, cls) for other in found)]


def test_reference_documents_every_field_of_every_model(fixture_site):
    _, site = fixture_site
    text = site.pages[paths.REFERENCE].markdown
    documented = {m.__name__ for m in (d for d in all_models())}
    assert documented == {doc.name for doc in models_of(playbook_schema())}
    for cls in all_models():
        section = text.split(f"\n### {cls.__name__}\n")[1].split("\n### ")[0]
        for key, info in cls.model_fields.items():
            shown = (info.alias or key).replace("_", "\\_")
            assert f"| **{shown}** |" in section, f"{cls.__name__}.{key}"
    for key in model.PlaybookFile.model_fields:
        assert f'<a id="section-{key.replace("_", "-")}"></a>' in text
    assert "```yaml\nroles:\n  - id: lead" in text


# --------------------------------------------------------------------------- scale


def big_playbook(teams: int, per_team: int) -> Playbook:
    roles = [{"id": "head", "name": "Head", "purpose": "Leads.", "why": "Someone must.", "responsibilities": ["Lead"]}]
    for t in range(teams):
        for r in range(per_team):
            roles.append({"id": f"r-{t}-{r}", "name": f"Role {t}.{r}", "team": f"t-{t}", "purpose": "Posts.",
                          "why": "Reach.", "responsibilities": ["Post"], "permissions": ["draft"],
                          "reports_to": "head" if r == 0 else f"r-{t}-0"})
    return Playbook.model_validate({
        "handbook": {"organisation": "Big", "title": "Big", "version": "1", "effective_date": "2026-01-01",
                     "policy_owner": "head", "review_cycle_months": 6},
        "reach_tiers": [{"id": "all", "name": "All", "min_followers": 0}],
        "teams": [{"id": f"t-{t}", "name": f"Team {t}"} for t in range(teams)],
        "platforms": [{"id": "x", "name": "X"}],
        "accounts": [{"id": "a", "name": "A", "platform": "x", "handle": "@a", "audience": 1, "owner": "head"}],
        "roles": roles,
        "escalation": {"severities": [{"id": "low", "name": "Low", "level": 1, "description": "Low",
                                       "respond_within_minutes": 60, "ladder": "l"}],
                       "ladders": [{"id": "l", "name": "L", "steps": [{"role": "head", "acknowledge_within_minutes": 5,
                                                                     "action": "Look"}]}]},
        "triggers": [{"id": "t", "name": "T", "category": "news", "description": "T", "severity": "low"}],
    })


def test_navigation_stays_small_with_many_roles():
    playbook = big_playbook(teams=20, per_team=10)
    site = render_site(playbook, Origins(), ROOT)
    assert len(site.pages) > 200
    new_here = next(item["New here"] for item in site.nav if isinstance(item, dict) and "New here" in item)
    roles_section = next(item for item in new_here if isinstance(item, dict) and "Roles" in item)["Roles"]
    assert len(roles_section) <= 20 + 2  # the index, one section per team, and the team-less head
    team = site.pages[paths.TEAM].markdown
    assert ">Team 0 (10 roles)</tspan>" in team  # too many roles to draw: teams instead
    assert max(len(p.markdown) for p in site.pages.values()) < 200_000


def split_playbook() -> Playbook:
    """Past SPLIT_ROLES: 4 teams of 20 and two roles without a team, with permissions and ladder
    steps chosen so that each team's rows differ (and one name tries to break its table)."""
    data = big_playbook(teams=4, per_team=20).model_dump(by_alias=True)
    roles = {role["id"]: role for role in data["roles"]}
    for t in range(4):
        roles[f"r-{t}-0"]["permissions"] = ["draft", "publish", "approve"]
    roles["r-2-5"].update(permissions=["reply", "hide"], name="Pipe | <script>alert(1)</script>")
    data["roles"].append({**roles["head"], "id": "deputy", "name": "Deputy", "reports_to": "head",
                          "permissions": ["publish", "pause_schedule"]})
    steps = data["escalation"]["ladders"][0]["steps"]  # head alone: r-1-0 goes first, head stays last
    steps.insert(0, {**steps[0], "role": "r-1-0"})
    data["escalation"]["severities"][0]["notify"] = ["r-3-7"]
    return Playbook.model_validate(data)


def table_after(text: str, heading: str) -> dict[str, dict[str, str]]:
    """The first Markdown table after `heading`: {first cell's link target: {column: cell}}."""
    lines = text.split(f"\n{heading}\n", 1)[1].splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("|"))
    rows = [re.split(r"(?<!\\)\|", line)[1:-1] for line in lines[start:]]
    rows = [[cell.strip() for cell in row] for row in rows[:next((n for n, r in enumerate(rows) if not r), None)]]
    head, body = rows[0], rows[2:]
    return {LINK.search(row[0]).group(1): dict(zip(head[1:], row[1:], strict=False)) for row in body}


def with_letters(row: dict[str, str]) -> dict[str, str]:
    return {column: cell for column, cell in row.items() if cell}


def test_many_roles_split_the_matrix_into_team_pages():
    playbook = split_playbook()
    assert len(playbook.roles) > permissions.SPLIT_ROLES
    site = render_site(playbook, Origins(), ROOT)
    matrix = site.pages[paths.PERMISSIONS].markdown
    assert re.search(r"\]\(\.\./roles/t-\d/r-", matrix) is None  # no row, nor link, for a role in a team

    counts = table_after(matrix, "## Who may do what")
    assert list(counts) == [f"../roles/t-{t}/index.md" for t in range(4)]  # the teams' declared order
    assert counts["../roles/t-0/index.md"] == {
        "Roles": "20", "Draft": "20", "Publish": "1", "Reply": "0", "Approve": "1", "Hide": "0", "Delete": "0",
        "Block": "0", "Pause schedule": "0", "Sign off": "0",
        "Tables": "[Permissions](../roles/t-0/index.md#permissions), [RACI](../roles/t-0/index.md#raci)"}
    assert counts["../roles/t-2/index.md"]["Draft"] == "19" and counts["../roles/t-2/index.md"]["Reply"] == "1"

    teamless = table_after(matrix, "### Roles without a team")
    assert list(teamless) == ["../roles/head.md", "../roles/deputy.md"]
    assert with_letters(teamless["../roles/deputy.md"]) == {"Publish": "✓", "Pause schedule": "✓"}
    raci = table_after(matrix, "## RACI for key activities")
    assert list(raci) == ["../roles/head.md", "../roles/deputy.md"]
    assert with_letters(raci["../roles/deputy.md"]) == {"Publish posts": "R", "Pause the schedule": "R, I"}
    assert raci["../roles/head.md"]["Handle: Low"] == "A"
    assert "### How each column is decided" in matrix

    team_1 = site.pages[paths.team("t-1")].markdown
    rows = table_after(team_1, "## Who may do what")
    assert list(rows) == [f"r-1-{r}.md" for r in range(20)]
    assert with_letters(rows["r-1-0.md"]) == {"Draft": "✓", "Publish": "✓", "Approve": "✓"}
    letters = table_after(team_1, "## RACI for key activities")
    assert with_letters(letters["r-1-0.md"]) == {"Draft posts": "R", "Publish posts": "R",
                                                 "Approve sensitive posts": "R", "Pause the schedule": "I",
                                                 "Handle: Low": "R"}
    assert with_letters(letters["r-1-3.md"]) == {"Draft posts": "R"}
    assert with_letters(table_after(site.pages[paths.team("t-3")].markdown, "## RACI for key activities")[
        "r-3-7.md"]) == {"Draft posts": "R", "Handle: Low": "I"}
    team_2 = site.pages[paths.team("t-2")].markdown
    assert with_letters(table_after(team_2, "## Who may do what")["r-2-5.md"]) == {"Reply": "✓", "Hide": "✓"}
    html = to_html(team_2)
    assert "<script" not in html and "Pipe | &lt;script&gt;alert(1)&lt;/script&gt;</a></td>" in html
    assert broken_links(site) == []  # the per-team links land on the tables' anchors


def test_splitting_the_matrix_shrinks_the_biggest_page(monkeypatch):
    playbook = big_playbook(teams=20, per_team=10)
    split = render_site(playbook, Origins(), ROOT).pages
    monkeypatch.setattr(permissions, "SPLIT_ROLES", len(playbook.roles))
    whole = render_site(playbook, Origins(), ROOT).pages
    assert whole[paths.PERMISSIONS].markdown.count("](../roles/t-1/r-1-") == 2 * 10  # both tables, a row per role
    assert split[paths.PERMISSIONS].markdown.count("](../roles/t-1/r-1-") == 0

    def largest(pages):  # the reference documents the models: its size does not depend on the policy
        return max(len(page.markdown) for path, page in pages.items() if path != paths.REFERENCE)

    assert largest(whole) == len(whole[paths.PERMISSIONS].markdown)
    assert largest(split) * 2 < largest(whole)
    with_rows = [split[paths.PERMISSIONS]] + [split[paths.team(t.id)] for t in playbook.teams]
    tables = [re.sub(r'<figure class="pb-diagram">.*?</figure>', "", page.markdown, flags=re.S) for page in with_rows]
    assert max(len(text) for text in tables) * 5 < len(whole[paths.PERMISSIONS].markdown)


def test_at_the_threshold_the_matrix_stays_one_page():
    at = render_site(big_playbook(teams=1, per_team=permissions.SPLIT_ROLES - 1), Origins(), ROOT).pages
    matrix = at[paths.PERMISSIONS].markdown
    assert len(table_after(matrix, "## Who may do what")) == permissions.SPLIT_ROLES  # every role, head included
    assert len(table_after(matrix, "## RACI for key activities")) == permissions.SPLIT_ROLES
    assert "### Roles without a team" not in matrix and "| Team |" not in matrix
    assert "## Who may do what" not in at[paths.team("t-0")].markdown
    past = render_site(big_playbook(teams=1, per_team=permissions.SPLIT_ROLES), Origins(), ROOT).pages
    assert "| Team |" in past[paths.PERMISSIONS].markdown
    assert "## Who may do what" in past[paths.team("t-0")].markdown


def test_a_team_too_big_to_draw_gets_no_org_chart():
    site = render_site(big_playbook(teams=1, per_team=70), Origins(), ROOT)
    assert not diagrams(site.pages[paths.team("t-0")].markdown)
    assert diagrams(render_site(big_playbook(teams=1, per_team=5), Origins(), ROOT).pages[
        paths.team("t-0")].markdown)


# --------------------------------------------------------------------------- links


segment = st.sampled_from(["a", "b", "index.md", "c"])


@given(st.lists(segment, min_size=0, max_size=3), st.lists(segment, min_size=0, max_size=3))
def test_relative_links_match_posixpath(target_dirs, source_dirs):
    target = "/".join([*target_dirs, "t.md"])
    source = "/".join([*source_dirs, "s.md"])
    assert paths.relative(target, source) == posixpath.relpath(target, posixpath.dirname(source) or ".")
    assert paths.relative(target + "#x", source).endswith(".md#x")


def test_many_triggers_give_a_category_level_tree():
    playbook = big_playbook(teams=1, per_team=2)
    triggers = [{"id": f"t-{n}", "name": f"T{n}", "category": ["news", "legal"][n % 2], "description": "T",
                 "severity": "low"} for n in range(100)]
    playbook = Playbook.model_validate({**playbook.model_dump(by_alias=True), "triggers": triggers})
    tree = render_site(playbook, Origins(), ROOT).pages[paths.TRIAGE_TREE].markdown
    chart = diagrams(tree)[0]
    assert ">50 triggers</tspan>" in chart and "T99" not in chart
    assert "- **T99** (legal)" in tree  # every trigger is still listed


def test_ids_that_name_a_fixed_page_get_their_own_address():
    playbook = big_playbook(teams=1, per_team=2)
    data = playbook.model_dump(by_alias=True)
    data["roles"].append({**data["roles"][1], "id": "index", "reports_to": "head"})
    data["escalation"]["severities"] += [
        {**data["escalation"]["severities"][0], "id": sid, "name": sid, "level": n + 2}
        for n, sid in enumerate(["index", "triage-tree"])]
    data["platforms"].append({"id": "index", "name": "Index"})
    playbook = Playbook.model_validate(data)
    site = render_site(playbook, Origins(), ROOT)
    assert site.pages[paths.role("index", "t-0")].path == "roles/t-0/index_.md"
    assert site.pages["escalation/index_.md"].title == "index" and site.pages[paths.ESCALATION].title != "index"
    assert "escalation/triage-tree_.md" in site.pages and "platforms/index_.md" in site.pages


def test_a_permissions_template_copied_before_the_split_still_renders_the_same(example_site):
    """Teams customise by copying a template; the one copied before the split used other names."""
    _playbook, site = example_site
    loaded = load_playbook(ROOT / "playbook")
    old = render_site(loaded.playbook, loaded.origins, ROOT, [Path(__file__).parent / "data" / "templates-v1"])
    assert old.pages[paths.PERMISSIONS].markdown == site.pages[paths.PERMISSIONS].markdown
