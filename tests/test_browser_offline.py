"""The offline bundle, as a reader on a laptop without network uses it: unzipped, opened from disk.

`playbook bundle` runs in a subprocess; the zip is unpacked and every page is opened
through file:// in Chromium, where any request to another host is recorded and fails.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import IFRAME_WORKER, make_project, mkdocs_env
from generator.mkdocs.offline import SHIM_SOURCE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example handbook's offline zip, unpacked; returns the handbook folder."""
    root = tmp_path_factory.mktemp("bundle")
    project = make_project(root / "project")
    out = root / "handbook.zip"
    result = subprocess.run([sys.executable, "-m", "generator", "bundle", "-f", str(project / "mkdocs.yml"),
                             "--out", str(out), "--strict"], cwd=project, env=mkdocs_env(),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        archive.extractall(root / "unpacked")
    return root / "unpacked" / "handbook"


def test_the_bundle_needs_no_server_and_no_network(bundle: Path) -> None:
    assert (bundle / "index.html").is_file() and (bundle / "escalation" / "triage-tree.html").is_file()
    assert (bundle / "search" / "search_index.js").is_file()  # search without fetch()
    assert (bundle / "assets" / "playbook" / "rules.js").is_file()  # checker and triage without fetch()
    for html in bundle.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text and "api.github.com" not in text, html


def test_the_shipped_iframe_worker_is_npm_s_own(bundle: Path) -> None:
    """The shim comes with the package (no download at build time) and is upstream's file, unchanged."""
    assert SHIM_SOURCE.read_bytes() == IFRAME_WORKER.read_bytes()
    assert (bundle / "assets" / "javascripts" / "iframe-worker" / "shim.js").read_bytes() == SHIM_SOURCE.read_bytes()


def test_navigation_search_checker_and_triage_work_from_disk(page: Any, bundle: Path, page_events: Any) -> None:
    home = (bundle / "index.html").as_uri()
    page.goto(home)
    # The nav is grouped by reader and pruned: click the first page link it shows, then a link in the text.
    page.locator("nav.md-nav--primary a.md-nav__link[href$='.html']:visible").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and page.locator("article h1").count() == 1, page.url
    page.goto(home)
    page.locator("article a[href='escalation/index.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and page.locator("article h1").count() == 1, page.url

    page.goto(home)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent"
                           ".includes('Type to start searching')", timeout=120_000)
    page.locator("input.md-search__input").press_sequentially("moderator", delay=40)
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    result.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and ".html" in page.url

    page.goto((bundle / "checker" / "index.html").as_uri())
    page.wait_for_selector(".pb-checker-verdict[data-verdict]:not([data-verdict=''])")
    page.fill(".pb-checker-draft", "Good morning! Big sale today, damn good coffee")
    assert page.get_attribute(".pb-checker-verdict", "data-verdict") != "publish"
    link = page.locator(".pb-checker-findings a").first
    assert link.get_attribute("href").endswith(".html") or ".html#" in link.get_attribute("href")

    page.goto((bundle / "triage" / "index.html").as_uri())
    page.wait_for_selector(".pb-triage[data-step='1']")
    page.locator(".pb-triage input").first.check()
    while page.locator(".pb-triage-next").count():
        page.click(".pb-triage-next")
    severity_link = page.locator(".pb-triage-result a").last
    severity_link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and page.locator("article h1").count() == 1, page.url
    assert page_events.blocked == [] and page_events.console_errors == []


def test_progress_and_quizzes_are_kept_from_disk(page: Any, bundle: Path, page_events: Any) -> None:
    path = next(p for p in sorted((bundle / "onboarding").glob("*.html")) if "data-pb-task=" in p.read_text("utf-8"))
    page.goto(path.as_uri())
    task = page.locator("input[data-pb-task]").first
    task.check()
    page.reload()
    assert page.locator("input[data-pb-task]").first.is_checked()
    modules = sorted((bundle / "training").glob("*.html"))
    module = next(p for p in modules if "data-pb-question=" in p.read_text("utf-8"))
    page.goto(module.as_uri())
    page.locator("input[data-pb-question][data-pb-correct='yes']").first.check()
    page.click('[data-pb-action="check-quiz"]')
    assert page.locator(".pb-question-result").first.inner_text().strip()
    assert page_events.blocked == [] and page_events.console_errors == []
