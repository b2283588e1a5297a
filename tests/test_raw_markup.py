"""No page shows its own markup (issue 24): every page of the built example, and of a fresh
`playbook init` project, reads as text, never as Markdown, attribute lists or escaped HTML.

The handbook's mkdocs.yml keeps attr_list and md_in_html off on purpose (text from the YAML
must not add HTML attributes), so `{: #id }` in a template reaches the reader as it is; a
Jinja tag that eats a line break turns a list into one paragraph, or under a `---` into one
giant heading. Both are caught here by reading the built HTML as a reader would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import mkdocs_env
from generator.cli import main

# What Markdown or HTML left as text looks like. Each is a mistake wherever it appears in prose.
RAW = {
    "attribute list": re.compile(r"\{:\s*[#.]"),
    "Markdown link": re.compile(r"\]\((?:\.\./|[a-z0-9_-]+/|#|https?:)"),
    "Markdown bold": re.compile(r"\*\*[A-Za-z][^*\n]*\*\*"),
    "table rule": re.compile(r"\|\s*-{3}"),
    "escaped HTML": re.compile(r"</?(?:span|a|div|br|small|p)\b"),
    "Jinja": re.compile(r"\{\{|\{%|%\}|\}\}"),
    "list run together": re.compile(r"\S\)- \S"),
}
LONGEST_HEADING = 160  # characters: past this a heading has swallowed what follows it
SKIPPED = {"code", "pre", "script", "style", "svg", "textarea", "kbd"}


class _Text(HTMLParser):
    """The article's prose and headings, as a reader sees them (code and scripts left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0
        self.heading: list[str] | None = None
        self.text: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag in SKIPPED:
            self.skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif tag in SKIPPED:
            self.skip -= 1
        elif re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            self.headings.append("".join(self.heading).replace("¶", "").strip())
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)
            if self.heading is not None:
                self.heading.append(data)


def problems_of(site: Path) -> list[str]:
    """Every raw piece of markup on every page of a built site, as "page: what: excerpt"."""
    found = []
    for page in sorted(site.rglob("*.html")):
        reader = _Text()
        reader.feed(page.read_text(encoding="utf-8"))
        text = "\n".join(reader.text)
        where = page.relative_to(site).as_posix()
        for what, pattern in RAW.items():
            for m in pattern.finditer(text):
                found.append(f"{where}: {what}: {text[max(0, m.start() - 40):m.end() + 40]!r}")
        found.extend(f"{where}: giant heading: {h[:80]!r}..." for h in reader.headings if len(h) > LONGEST_HEADING)
    return found


def test_the_scanner_finds_what_it_looks_for(tmp_path: Path) -> None:
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text("<article><h2>Sensitive dates {: #calendar }</h2><p>see [this](../x/) and **bold**</p>"
                    "<h2>" + "Head of Social: Priya Shah- " * 10 + "</h2><pre>{: #fine-in-code }</pre></article>",
                    encoding="utf-8")
    kinds = {p.split(": ")[1] for p in problems_of(tmp_path)}
    assert kinds == {"attribute list", "Markdown link", "Markdown bold", "giant heading"}


def test_no_page_of_the_example_shows_raw_markup(example_site: Path) -> None:
    assert problems_of(example_site) == []


@pytest.fixture(scope="module")
def init_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["init", "team", "--site-url", ""], catch_exceptions=False)
    finally:
        monkeypatch.undo()
    assert result.exit_code == 0, result.output
    site = folder / "site"
    built = subprocess.run([sys.executable, "-m", "generator", "build", "--strict", "-d", str(site)],
                           cwd=folder / "team", env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    return site


def test_no_page_of_a_new_project_shows_raw_markup(init_site: Path) -> None:
    assert (init_site / "checker" / "index.html").is_file()
    assert problems_of(init_site) == []
