"""Text typed into the policy can never run in the handbook: not as HTML, script, link or template.

Every free-text field of the example gets the same hostile string (see payloads.py); the
site is built with the plugin and, separately, through `generate --out` and plain MkDocs.
The built HTML must hold each payload as visible, inert text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_project
from generator.cli import main
from generator.lint.loader import load_playbook
from payloads import ATTRIBUTE, IMAGE, JINJA, LINK, MARKERS, SCRIPT, scan_html


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert pages, f"no HTML in {site}"
    return pages


def assert_inert(site: Path) -> str:
    """No page has a tag, attribute, script body or link made from a payload; returns all text."""
    problems: list[str] = []
    texts: list[str] = []
    for page in html_pages(site):
        scan = scan_html(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site)}: {p}" for p in scan.problems]
        texts.append("".join(scan.text))
    assert problems == []
    return "\n".join(texts)


def test_the_payload_playbook_is_valid_and_covers_many_fields(payload_project: Path) -> None:
    loaded = load_playbook(payload_project / "playbook")
    assert not loaded.report.failed(strict=True), loaded.report.format_text()
    text = (payload_project / "playbook" / "playbook.yaml").read_text(encoding="utf-8")
    assert len(re.findall(r"alert\(1\)", text)) >= 100


def test_built_html_holds_payloads_as_visible_inert_text(payload_site: Path) -> None:
    text = assert_inert(payload_site)
    for marker in [*MARKERS, LINK]:
        assert marker in text
    assert re.search(r"alert\(3\)\)? 49\b", text) is None, "a Jinja expression from YAML was evaluated"


def test_every_payload_in_the_site_is_whole(payload_site: Path) -> None:
    """Where a payload is shown, all of it is shown: no part was eaten as markup."""
    text = assert_inert(payload_site)
    shown = re.findall(r"\bn\d+\b", text)
    whole = (rf"{re.escape(SCRIPT)} {re.escape(IMAGE)} {re.escape(ATTRIBUTE)}( {re.escape(LINK)})? "
             rf"{re.escape(JINJA)} n\d+\b")
    assert len(shown) > 100
    assert len(re.findall(whole, text)) == len(shown)


def test_search_index_holds_no_markup_from_yaml(payload_site: Path) -> None:
    """Material shows search results as HTML, so the index must carry the payloads escaped."""
    index = json.loads((payload_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            assert "<script" not in doc[key] and "<img" not in doc[key], doc["location"]


@pytest.fixture(scope="module")
def generated_payload_site(payload_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "out"
    result = CliRunner().invoke(main, ["generate", "--config-file", str(payload_project / "mkdocs.yml"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    return build_project(out)


def test_generate_output_built_by_plain_mkdocs_is_inert_too(generated_payload_site: Path) -> None:
    text = assert_inert(generated_payload_site)
    for marker in MARKERS:
        assert marker in text
