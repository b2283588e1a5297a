"""What a reader does in the built handbook, in Debian's Chromium against 127.0.0.1.

The example is built once with `mkdocs build --strict` (and, for the tests marked
on_both_engines, once with `playbook build --engine zensical --strict`) and served locally; the browser is
offline (see conftest.py): any request to another host is recorded and fails the test.
Diagrams are inline SVG drawn at build time, so they are in the page as it loads.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import on_both_engines, search_documents
from generator.lint.loader import load_playbook
from generator.queries import paths
from generator.render.project import render_project

pytestmark = pytest.mark.browser


def page_urls(site: Path) -> list[str]:
    """Every built page as a URL path relative to the site root ('' is the home page).

    404.html is left out: its links are absolute from site_url's path, where a host serves it.
    """
    urls = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        urls.append(relative.removesuffix("index.html") if relative.endswith("index.html") else relative)
    return urls


def url_of(page_path: str) -> str:
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def nav_trail(nav: list[Any], target: str) -> list[str] | None:
    """The titles a reader clicks, section by section, to reach `target` in the sidebar."""
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if value == target:
                    return [str(title)]
                if isinstance(value, list):
                    rest = nav_trail(value, target)
                    if rest is not None:
                        return [str(title), *rest]
    return None


def open_page(page: Any, url: str) -> None:
    """Load a page and let its scripts settle."""
    page.goto(url, wait_until="load")


def open_every_page(page: Any, urls: list[str]) -> None:
    """Load each URL fully and move the mouse over it (to trigger any hover handler)."""
    for url in urls:
        open_page(page, url)
        page.mouse.move(10, 10)
        page.mouse.move(400, 300)


@on_both_engines
def test_reach_a_role_page_through_the_navigation(page: Any, example_url: str, example_project: Path) -> None:
    playbook = load_playbook(example_project / "playbook").playbook
    site = render_project(example_project).site
    role = playbook.roles[0]
    target = paths.role(role.id, role.team)
    trail = nav_trail(site.nav, target)
    assert trail, f"{target} is not in the navigation"
    page.goto(example_url)
    sidebar = page.locator("nav.md-nav--primary")
    for title in trail:
        sidebar.get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_load_state("networkidle")
    # Instant navigation (both engines) may change the address before it swaps the content in.
    page.locator("article h1", has_text=role.name).wait_for()
    assert page.url == example_url + url_of(target)


def rarest_word(words: list[str], documents: list[dict[str, str]]) -> str:
    """The word of `words` found in the fewest search documents, so the role's page must rank."""
    counts = Counter()
    texts = [doc["text"].lower() for doc in documents]
    for word in words:
        counts[word] = sum(word.lower() in text for text in texts)
    return min(words, key=lambda w: (counts[w] == 0, counts[w], w))


# How a reader searches, per engine: (what opens search, the field to type in, a result linking to a path).
# Material's field is in the page; Zensical's search is a dialog of its own (in a shadow root,
# which Playwright's selectors enter).
SEARCH = {
    "mkdocs": ("label.md-search__icon, .md-search__input", "input.md-search__input", ".md-search-result a[href*='{}']"),
    "zensical": (".md-search__button", "input[role='combobox'][aria-label='Search']", "a[role='option'][href*='{}']"),
}


@on_both_engines
def test_find_a_role_by_a_word_of_its_responsibilities(page: Any, example_url: str, example_site: Path,
                                                      example_project: Path, engine: str) -> None:
    playbook = load_playbook(example_project / "playbook").playbook
    role = playbook.roles[0]
    words = sorted({w for line in role.responsibilities for w in re.findall(r"[A-Za-z]{6,}", line)})
    word = rarest_word(words, search_documents(example_site))
    opener, field, result = SEARCH[engine]
    page.goto(example_url)
    page.locator(opener).first.click()
    if engine == "mkdocs":
        # Material drops a query typed while its search worker is still indexing ("Initializing
        # search"); on a busy machine that takes seconds, so type only once it is ready.
        page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent"
                               ".includes('Type to start searching')", timeout=120_000)
    page.locator(field).press_sequentially(word, delay=40)
    wanted = url_of(paths.role(role.id, role.team))
    page.locator(result.format(wanted)).first.click()
    page.locator("article h1", has_text=role.name).wait_for()
    assert urlsplit(page.url).path == urlsplit(example_url + wanted).path


# For each diagram: its size, the smallest label, body text's size, and any label wider than its box.
DIAGRAM_FACTS = """() => [...document.querySelectorAll('figure.pb-diagram svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  const sizes = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height);
  const body = parseFloat(getComputedStyle(document.querySelector('article p')).fontSize);
  const label = parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);
  const overflowing = [...svg.querySelectorAll('rect')].filter(r => {
    const text = r.nextElementSibling; if (!text || text.tagName !== 'text') return false;
    const a = r.getBoundingClientRect(), b = text.getBoundingClientRect();
    return b.right > a.right + 1 || b.bottom > a.bottom + 1;
  }).map(r => r.nextElementSibling.textContent);
  return {width: box.width, drawn: parseFloat(svg.getAttribute('width')), height: box.height,
          texts: sizes.length, label, body, overflowing,
          title: svg.querySelector('title').textContent};
})"""


def test_every_diagram_is_drawn_legibly_without_a_script(page: Any, example_url: str, example_site: Path,
                                                       console_errors: list[str], page_events: Any) -> None:
    with_diagrams = [u for u in page_urls(example_site)
                     if 'class="pb-diagram"' in (example_site / u / "index.html").read_text(encoding="utf-8")]
    assert len(with_diagrams) >= 8, "the example should have an org chart, team charts, ladders and a tree"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.route("**/*.js", lambda route: route.abort())  # drawn without any script at all
    for url in with_diagrams:
        open_page(page, example_url + url)
        facts = page.evaluate(DIAGRAM_FACTS)
        assert facts, url
        for fact in facts:
            assert fact["width"] > 100 and fact["height"] > 40 and fact["texts"] >= 2, (url, fact)
            assert fact["label"] >= fact["body"], (url, fact)  # labels as large as body text...
            assert fact["width"] == pytest.approx(fact["drawn"], abs=1), (url, fact)  # ...and never scaled down
            assert fact["overflowing"] == [], (url, fact)
            assert fact["title"], url
    open_page(page, example_url + "team/")
    assert "Night & Weekend Moderator" in page.locator("figure.pb-diagram svg").first.text_content()
    assert page_events.blocked == []


@on_both_engines
def test_no_page_asks_another_host(page: Any, example_url: str, example_site: Path) -> None:
    """Every request of every page kind, light and dark, recorded: none leaves the site's own host."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        open_every_page(page, [example_url + url for url in page_urls(example_site)])
        page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).netloc for url in requests if urlsplit(url).scheme not in ("data", "blob")}
    assert hosts == {urlsplit(example_url).netloc}, sorted(u for u in requests if not u.startswith(example_url))


@on_both_engines
def test_no_console_errors_on_any_page(page: Any, example_url: str, example_site: Path,
                                       console_errors: list[str]) -> None:
    open_every_page(page, [example_url + url for url in page_urls(example_site)])
    assert console_errors == []


def test_payload_pages_never_open_a_dialog(page: Any, payload_site: Path, serve_site: Any,
                                           console_errors: list[str], dialogs: list[str]) -> None:
    base = serve_site(payload_site)
    open_every_page(page, [base + url for url in page_urls(payload_site)])
    assert dialogs == []
    assert console_errors == []
