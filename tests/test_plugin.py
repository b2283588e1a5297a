"""The MkDocs plugin and the site commands, driven as a team would drive them.

Builds run MkDocs in subprocesses (it keeps global logging state); each test works on its
own copy of a project, so nothing here touches the repository's playbook/ or site/.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, build_project, make_project, mkdocs_env, run_mkdocs
from generator.render.project import render_project

EDIT_BASE = "https://github.com/example/social-playbook/edit/main/"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
EDIT_BUTTON = re.compile(r'<a href="[^"]*" title="Edit this page"[^>]*>.*?</a>', re.S)
BROKEN_YAML = "handbook: [unclosed\n"


def playbook_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article(html: str) -> str:
    """A page's content as Material renders it, minus the edit button (it differs by design)
    and the template whitespace around it."""
    found = ARTICLE.search(html)
    assert found, "no article in page"
    return " ".join(EDIT_BUTTON.sub("", found.group(1)).split())


def html_of(page: str) -> str:
    """Where MkDocs (directory URLs) writes a page: a.md -> a/index.html, a/index.md -> a/index.html."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/index.html" if stem else "index.html"


def minimal_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", MINIMAL)


def test_the_example_builds_with_mkdocs_strict(example_project: Path, example_site: Path) -> None:
    pages = render_project(example_project).site.pages
    for path in pages:
        assert (example_site / html_of(path)).is_file(), path


def test_edit_this_page_opens_the_yaml_file_the_page_came_from(example_project: Path, example_site: Path) -> None:
    pages = render_project(example_project).site.pages
    sourced = {path: page.source for path, page in pages.items() if page.source}
    assert sourced, "no page says where it came from"
    for path, source in sorted(sourced.items()):
        html = (example_site / html_of(path)).read_text(encoding="utf-8")
        assert f'href="{EDIT_BASE}{source}"' in html, path
        assert source.startswith("playbook/") and source.endswith((".yaml", ".yml"))


def test_generate_then_plain_mkdocs_builds_the_same_pages(example_project: Path, example_site: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = playbook_cli(example_project, "generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "playbook" not in re.findall(r"^plugins:\n((?:  .*\n)*)", config, re.M)[0]
    assert "!!python/name:pymdownx.superfences.fence_code_format" in config
    plain_site = build_project(out)
    plugin_pages = sorted(p.relative_to(example_site).as_posix() for p in example_site.rglob("*.html"))
    plain_pages = sorted(p.relative_to(plain_site).as_posix() for p in plain_site.rglob("*.html"))
    assert plain_pages == plugin_pages
    for page in plugin_pages:
        plugin_html = (example_site / page).read_text(encoding="utf-8")
        plain_html = (plain_site / page).read_text(encoding="utf-8")
        assert article(plain_html) == article(plugin_html), page
    assert snapshot(plain_site / "assets" / "playbook") == snapshot(example_site / "assets" / "playbook")


def test_generate_replaces_only_its_own_output(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    out = tmp_path / "out"
    assert playbook_cli(project, "generate", "--out", str(out)).returncode == 0
    (out / "docs" / "stale.md").write_text("old\n")
    assert playbook_cli(project, "generate", "--out", str(out)).returncode == 0
    assert not (out / "docs" / "stale.md").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me\n")
    result = playbook_cli(project, "generate", "--out", str(foreign))
    assert result.returncode == 1
    assert f"{foreign}:1:1: error: this folder is not empty and was not made by 'playbook generate'" in result.stderr
    assert snapshot(foreign) == {"notes.txt": b"keep me\n"}


def test_hand_written_pages_join_the_generated_site(tmp_path: Path) -> None:
    """docs/ pages are listed after the generated nav (strict would fail on an unlisted page)."""
    project = minimal_project(tmp_path)
    (project / "docs" / "about.md").write_text("# About this team\n\nWritten by hand.\n")
    site = build_project(project)
    assert 'href="about/"' in (site / "index.html").read_text(encoding="utf-8")
    edit = f'href="{EDIT_BASE}docs/about.md"'
    assert edit in (site / "about" / "index.html").read_text(encoding="utf-8")
    out = tmp_path / "out"
    assert playbook_cli(project, "generate", "--out", str(out)).returncode == 0
    assert (out / "docs" / "about.md").is_file()
    assert "\n- about.md\n" in (out / "mkdocs.yml").read_text(encoding="utf-8")
    build_project(out)


def test_an_invalid_playbook_fails_mkdocs_build_with_the_validate_messages(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    yaml_file = project / "playbook" / "playbook.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("reports_to: lead", "reports_to: leed"))
    validate = playbook_cli(project, "validate")
    assert validate.returncode == 1
    messages = [line for line in validate.stderr.splitlines() if line.startswith(("playbook/", "    hint:"))]
    assert any("error:" in line for line in messages)
    build = run_mkdocs(project, project / "site")
    assert build.returncode == 1
    for line in messages:
        assert line in build.stderr
    assert not (project / "site").exists()


def test_playbook_build_validates_first_and_keeps_the_old_site_on_failure(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    first = playbook_cli(project, "build")
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "site")
    assert "index.html" in before
    yaml_file = project / "playbook" / "playbook.yaml"
    good = yaml_file.read_text()

    yaml_file.write_text(good + BROKEN_YAML)
    broken = playbook_cli(project, "build")
    assert broken.returncode == 1
    assert re.search(r"^playbook/playbook.yaml:\d+:\d+: error: ", broken.stderr, re.M)
    assert "Traceback" not in broken.stderr
    assert snapshot(project / "site") == before

    yaml_file.write_text(good)
    (project / "docs" / "index.md").write_text("# A hand-written home that hides the generated one\n")
    clash = playbook_cli(project, "build")  # valid policy: this one fails inside MkDocs
    assert clash.returncode == 1
    assert "docs/index.md:1:1: error: this file hides the generated page at the same path" in clash.stderr
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if ".staging-" in p.name or ".old-" in p.name] == []


def test_strict_build_fails_on_playbook_warnings(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    yaml_file = project / "playbook" / "playbook.yaml"
    text = yaml_file.read_text()
    writer_path = ("  - role: writer\n"
                   "    milestones: [{id: day-1, title: Day 1, tasks: [Read the handbook], signed_off_by: lead}]\n")
    assert writer_path in text
    yaml_file.write_text(text.replace(writer_path, ""))
    strict = playbook_cli(project, "build", "--strict")
    assert strict.returncode == 1
    assert "playbook/playbook.yaml:25:9: warning: role 'writer' has no onboarding path" in strict.stderr
    assert not (project / "site").exists()


def test_mkdocs_stopping_a_strict_build_is_a_located_error(tmp_path: Path) -> None:
    """MkDocs' own strict-mode abort (a hand-written page with a broken link) ends like every
    other user error: a located line, exit 1, no traceback, nothing published."""
    project = minimal_project(tmp_path)
    (project / "docs" / "extra.md").write_text("# Extra\n\nSee [the missing page](missing.md).\n")
    result = playbook_cli(project, "build", "--strict")
    assert result.returncode == 1
    assert "mkdocs.yml:1:1: error: MkDocs stopped: Aborted with 1 warnings in strict mode!" in result.stderr
    assert "hint: the MkDocs messages above say what to fix" in result.stderr
    assert "missing.md" in result.stderr  # MkDocs' own warning, logged before the abort
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_build_without_a_config_is_a_located_error(tmp_path: Path) -> None:
    result = playbook_cli(tmp_path, "build", "--config-file", "nowhere.yml")
    assert result.returncode == 1
    assert result.stderr.startswith("nowhere.yml:1:1: error: MkDocs config file not found")


def test_two_builds_are_byte_identical_but_for_the_sitemap(example_project: Path, tmp_path: Path) -> None:
    first = build_project(example_project, tmp_path / "one")
    second = build_project(example_project, tmp_path / "two")
    ignore = {"sitemap.xml", "sitemap.xml.gz"}
    one = {k: v for k, v in snapshot(first).items() if k not in ignore}
    two = {k: v for k, v in snapshot(second).items() if k not in ignore}
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], what: str, log: list[str], seconds: float = 90) -> None:
    """Poll until `condition` holds; the deadline only bounds a hang, it is not a speed test."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}; server log:\n" + "".join(log))
        time.sleep(0.2)


@pytest.mark.live_reload
def test_serve_survives_a_bad_save_and_recovers(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        wait_for(lambda: "Tiny handbook" in (fetch(url) or ""), "the first build", log)
        yaml_file = project / "playbook" / "playbook.yaml"
        good = yaml_file.read_text()

        yaml_file.write_text(good + BROKEN_YAML)
        wait_for(lambda: any(re.search(r"playbook/playbook.yaml:\d+:\d+: error: ", line) for line in log),
                 "the located error in the log", log)
        wait_for(lambda: "The playbook has errors" in (fetch(url) or ""), "the error page", log)
        assert server.poll() is None

        yaml_file.write_text(good.replace("title: Tiny handbook", "title: Tidy handbook"))
        wait_for(lambda: "Tidy handbook" in (fetch(url) or ""), "the fixed policy to be served", log)
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
