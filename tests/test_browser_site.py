"""What a reader does in the built handbook, in Debian's Chromium against 127.0.0.1.

The example is built once with `mkdocs build --strict` and served locally; the browser is
offline (see conftest.py), with Mermaid served from npm's package. Material draws each
diagram into a closed shadow root, so diagrams are inspected through the DevTools
protocol, which can see inside it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.load.loader import load_playbook
from generator.render import paths
from generator.render.project import render_project

pytestmark = pytest.mark.browser
MERMAID_DONE = "() => [...document.querySelectorAll('.mermaid')].every(e => e.tagName === 'DIV')"


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


def shadow_svgs(page: Any) -> list[dict[str, Any]]:
    """For each .mermaid element: what its (closed) shadow root holds, read via DevTools."""
    session = page.context.new_cdp_session(page)
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    found: list[dict[str, Any]] = []

    def text_of(node: dict[str, Any]) -> str:
        return (node.get("nodeValue") or "") + "".join(text_of(c) for c in node.get("children", []))

    def walk(node: dict[str, Any]) -> None:
        attrs = node.get("attributes", [])
        attributes = dict(zip(attrs[::2], attrs[1::2]))
        if "mermaid" in attributes.get("class", "").split():
            svgs = [c for s in node.get("shadowRoots", []) for c in s.get("children", []) if c["nodeName"] == "svg"]
            svg_attrs = dict(zip(svgs[0]["attributes"][::2], svgs[0]["attributes"][1::2])) if svgs else {}
            found.append({"svgs": len(svgs), "role": svg_attrs.get("aria-roledescription", ""),
                          "text": text_of(svgs[0]) if svgs else ""})
        for child in [*node.get("children", []), *node.get("shadowRoots", [])]:
            walk(child)

    walk(root)
    session.detach()
    return found


def open_page(page: Any, url: str) -> None:
    """Load a page and wait until Material has drawn its diagrams (Mermaid loads late)."""
    page.goto(url, wait_until="load")
    page.wait_for_function(MERMAID_DONE)


def open_every_page(page: Any, urls: list[str]) -> None:
    """Load each URL fully and move the mouse over it (to trigger any hover handler)."""
    for url in urls:
        open_page(page, url)
        page.mouse.move(10, 10)
        page.mouse.move(400, 300)


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
    assert page.url == example_url + url_of(target)
    assert role.name in page.locator("article h1").inner_text()


def rarest_word(words: list[str], index: dict[str, Any]) -> str:
    """The word of `words` found in the fewest search documents, so the role's page must rank."""
    counts = Counter()
    texts = [doc["text"].lower() for doc in index["docs"]]
    for word in words:
        counts[word] = sum(word.lower() in text for text in texts)
    return min(words, key=lambda w: (counts[w] == 0, counts[w], w))


def test_find_a_role_by_a_word_of_its_responsibilities(page: Any, example_url: str, example_site: Path,
                                                      example_project: Path) -> None:
    playbook = load_playbook(example_project / "playbook").playbook
    role = playbook.roles[0]
    words = sorted({w for line in role.responsibilities for w in re.findall(r"[A-Za-z]{6,}", line)})
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    word = rarest_word(words, index)
    page.goto(example_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material drops a query typed while its search worker is still indexing ("Initializing
    # search"); on a busy machine that takes seconds, so type only once it is ready.
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent"
                           ".includes('Type to start searching')", timeout=120_000)
    page.locator("input.md-search__input").press_sequentially(word, delay=40)
    wanted = url_of(paths.role(role.id, role.team))
    result = page.locator(f".md-search-result a[href*='{wanted}']").first
    result.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == urlsplit(example_url + wanted).path
    assert role.name in page.locator("article h1").inner_text()


def test_every_mermaid_diagram_renders(page: Any, example_url: str, example_site: Path,
                                       console_errors: list[str]) -> None:
    with_diagrams = [u for u in page_urls(example_site)
                     if 'class="mermaid"' in (example_site / u / "index.html").read_text(encoding="utf-8")]
    assert with_diagrams, "the example has no diagram"
    for url in with_diagrams:
        open_page(page, example_url + url)
        boxes = [element.bounding_box() for element in page.locator(".mermaid").all()]
        assert boxes and all(b and b["width"] > 50 and b["height"] > 20 for b in boxes), url
        drawn = shadow_svgs(page)
        assert drawn and all(d["svgs"] == 1 and d["role"] != "error" for d in drawn), (url, drawn)
        assert not any("Syntax error" in d["text"] for d in drawn), url
        assert page.get_by_text("Syntax error").count() == 0, url
    assert console_errors == []


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
