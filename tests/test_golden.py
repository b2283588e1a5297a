"""Golden files: the example's generated Markdown, page by page, and its navigation.

A change to a template or a page kind shows up here as a readable diff of Markdown.
When the change is intended, rewrite the files with `pytest tests/test_golden.py
--update-golden` and review them in the commit like any other change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.render.project import render_project

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = GOLDEN / "pages"
MANIFEST = GOLDEN / "site.json"
HOW_TO_UPDATE = "if the change is intended, run: python -m pytest tests/test_golden.py --update-golden"


@pytest.fixture(scope="module")
def rendered(example_project: Path) -> dict[str, str]:
    """Every golden file's expected text: one per page, plus the manifest (nav, assets)."""
    site = render_project(example_project).site  # reviews judged as of the suite's pinned day (conftest)
    files = {f"pages/{path}": page.markdown for path, page in site.pages.items()}
    manifest = {"nav": site.nav, "assets": sorted(site.assets), "extra_css": site.extra_css,
                "extra_javascript": site.extra_javascript}
    files["site.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files


def stored() -> dict[str, str]:
    found = [MANIFEST, *PAGES.rglob("*")] if MANIFEST.exists() else []
    return {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(found) if p.is_file()}


def write_golden(files: dict[str, str]) -> None:
    for old in stored():
        if old not in files:
            (GOLDEN / old).unlink()
    for relative, text in sorted(files.items()):
        path = GOLDEN / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_golden_files_match_the_generated_pages_and_nav(rendered: dict[str, str], update_golden: bool) -> None:
    if update_golden:
        write_golden(rendered)
    golden = stored()
    assert sorted(golden) == sorted(rendered), HOW_TO_UPDATE
    for relative in sorted(rendered):
        assert rendered[relative] == golden[relative], f"{relative} differs from tests/golden; {HOW_TO_UPDATE}"
