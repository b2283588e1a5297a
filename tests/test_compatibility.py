"""Old playbooks keep working: a copy of the example as it was before the format grew its
own vocabularies, fan-out ladders, channels and cadences (issue 13) must still validate,
with the same warnings, and render the very same pages.

The copy (tests/data/example-v1/playbook) is never edited by hand: it is main's example as of
the last merge of main (approval rule names and `after_last_step` are main's own required
fields, older than this format change), and its pinned pages were checked equal to what
main's own code renders from it. The pages it renders are pinned
by their SHA-256 in tests/data/example-v1/pages.json: a template change that is meant to
change every handbook rewrites that file with `--update-golden` (review the diff like the
golden pages); a model change that alters an old playbook's pages fails here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import make_project
from generator.lint.loader import load_playbook
from generator.render.project import render_project

V1 = Path(__file__).resolve().parent / "data" / "example-v1"
DIGESTS = V1 / "pages.json"
# The Reference page documents the tool's format, not the playbook: it grows with every new
# field whatever the playbook says, so it is the one page not pinned here.
FORMAT_PAGES = {"reference.md"}


@pytest.fixture(scope="module")
def v1_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("v1") / "project", V1 / "playbook")


def digests(project: Path) -> dict[str, str]:
    """Each page's and the navigation's SHA-256: pinned compactly, compared exactly."""
    site = render_project(project).site
    found = {path: hashlib.sha256(page.markdown.encode()).hexdigest() for path, page in site.pages.items()
             if path not in FORMAT_PAGES}
    found["(nav)"] = hashlib.sha256(json.dumps(site.nav, sort_keys=True).encode()).hexdigest()
    return dict(sorted(found.items()))


def test_the_old_example_still_validates_without_errors() -> None:
    loaded = load_playbook(V1 / "playbook")
    assert loaded.playbook is not None, loaded.report.format_text()
    assert [d for d in loaded.report.sorted() if d.level == "error"] == []


def test_the_old_example_renders_the_same_pages(v1_project: Path, update_golden: bool) -> None:
    rendered = digests(v1_project)
    if update_golden:
        DIGESTS.write_text(json.dumps(rendered, indent=1) + "\n", encoding="utf-8")
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert sorted(rendered) == sorted(pinned), "the old example renders other pages than before"
    changed = [path for path in rendered if rendered[path] != pinned[path]]
    assert changed == [], f"pages of an old playbook changed: {changed}; if intended, run with --update-golden"
