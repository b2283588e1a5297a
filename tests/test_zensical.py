"""Zensical as the second engine: `playbook build --engine zensical` and `playbook serve --engine zensical`.

The same example is built by both engines (the session's example_builds); the Zensical site
must hold the same pages and the same navigation. A broken policy builds nothing, and the
preview follows saves: a changed page, a broken policy listed on the home page, and back.
What a reader does on both sites is in the browser tests marked on_both_engines.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_project, mkdocs_env
from generator.cli import main
from generator.mkdocs.outputs import MARKER, marker_text
from generator.mkdocs.writer import sync_files


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


NAV_LINK = re.compile(r'<a href="([^"#]*)" class="md-nav__link[^"]*"[^>]*>(.*?)</a>', re.DOTALL)


def nav_of(page: Path) -> list[tuple[str, str]]:
    """(address, title) of each link of the primary navigation, in order (either engine's markup)."""
    html = page.read_text(encoding="utf-8")
    primary = html[html.index("md-nav--primary"):]
    primary = primary[:primary.index("md-sidebar--secondary")] if "md-sidebar--secondary" in primary else primary
    return [(os.path.normpath(href), " ".join(re.sub(r"<[^>]+>", " ", title).split()))
            for href, title in NAV_LINK.findall(primary)]


@pytest.mark.zensical
def test_zensical_builds_every_page_mkdocs_builds(example_builds: Callable[[str], Path]) -> None:
    mkdocs, zensical = example_builds("mkdocs"), example_builds("zensical")
    assert html_pages(zensical) == html_pages(mkdocs)
    assert len(html_pages(zensical)) > 60
    assert (zensical / "assets" / "playbook" / "rules.json").read_bytes() == \
        (mkdocs / "assets" / "playbook" / "rules.json").read_bytes()  # the checker's verdicts come from here


@pytest.mark.zensical
def test_zensical_shows_the_same_navigation(example_builds: Callable[[str], Path]) -> None:
    mkdocs, zensical = example_builds("mkdocs"), example_builds("zensical")
    for page in ("index.html", "roles/social/head-of-social/index.html", "escalation/high/index.html"):
        assert nav_of(zensical / page) == nav_of(mkdocs / page), page
        assert len(nav_of(zensical / page)) >= 4  # the top level at least (navigation.prune keeps no more)


def test_a_broken_policy_builds_nothing_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", encoding="utf-8")
    (site / MARKER).write_text(marker_text("build"), encoding="utf-8")  # a previous build's output
    roles = project / "playbook" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("    purpose:", "    purpos:", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--engine", "zensical", "-C", str(project), "-d", str(site)])
    assert result.exit_code == 1
    assert re.search(r"playbook/roles\.yaml:\d+:5: error: unknown key 'purpos'", result.output)
    assert (site / "index.html").read_text(encoding="utf-8") == "the old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no scratch folder left


def test_offline_asks_for_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = CliRunner().invoke(main, ["build", "--engine", "zensical", "--offline", "-C", str(project)])
    assert result.exit_code == 2
    assert "--offline needs --engine mkdocs for now" in result.output


def test_a_missing_engine_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    project = make_project(tmp_path / "p")
    result = CliRunner().invoke(main, ["build", "--engine", "zensical", "-C", str(project)])
    assert result.exit_code == 1
    assert result.output == (f"{project / 'mkdocs.yml'}:1:1: error: the Zensical engine is not installed\n"
                             "    hint: install it with: pip install 'social-playbook[zensical]'\n"
                             "1 error, 0 warnings\n")


def test_sync_rewrites_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    first = {"docs/a.md": "A", "docs/b.md": "B", "mkdocs.yml": "site_name: x\n"}
    assert sync_files(tmp_path, first, owned=("docs",)) == ["docs/a.md", "docs/b.md", "mkdocs.yml"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("built", encoding="utf-8")  # the engine's own output
    os.utime(tmp_path / "docs" / "a.md", ns=(1, 1))
    changed = sync_files(tmp_path, {"docs/a.md": "A", "docs/c.md": "C", "mkdocs.yml": "site_name: x\n"},
                         owned=("docs",))
    assert changed == ["docs/c.md", "docs/b.md"]
    assert (tmp_path / "docs" / "a.md").stat().st_mtime_ns == 1  # same bytes: not touched
    assert not (tmp_path / "docs" / "b.md").exists()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "built"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


@pytest.mark.zensical
def test_the_preview_follows_saves_survives_a_broken_policy_and_cleans_up(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--engine", "zensical", "-C", str(project),
                               "-a", f"127.0.0.1:{port}"], cwd=project, env={**mkdocs_env(), "TMPDIR": str(scratch)},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        ready = next(line for line in server.stdout if line.startswith("preview ready:") or server.poll() is not None)
        assert ready.startswith(f"preview ready: http://127.0.0.1:{port}/handbook/ "), ready
        base = f"http://127.0.0.1:{port}/handbook/"
        role = base + "roles/social/head-of-social/"
        assert "Owns this policy" in fetch(role)
        roles = project / "playbook" / "roles.yaml"
        text = roles.read_text(encoding="utf-8")
        roles.write_text(text.replace("Owns this policy", "Owns this handbook"), encoding="utf-8")
        wait_for(lambda: "Owns this handbook" in fetch(role), "the edited purpose")
        roles.write_text(text.replace("    purpose:", "    purpos:", 1), encoding="utf-8")
        wait_for(lambda: "The playbook has errors" in fetch(base), "the problems on the home page")
        assert "unknown key &#39;purpos&#39;" in fetch(base) or "unknown key 'purpos'" in fetch(base)
        roles.write_text(text, encoding="utf-8")
        wait_for(lambda: "The playbook has errors" not in fetch(base) and "Owns this policy" in fetch(role),
                 "the handbook back after a good save")
        assert working_in(scratch)  # Zensical runs in the scratch project...
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert working_in(scratch) == []  # ...and stops with the preview, which removes that folder
    assert list(scratch.iterdir()) == []


def working_in(folder: Path) -> list[int]:
    """The processes whose current folder is inside `folder`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and Path(os.readlink(entry / "cwd")).is_relative_to(folder):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.zensical
def test_strict_fails_on_zensicals_own_warnings_without_its_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs" / "extra.md").write_text("# Extra\n\nSee [nowhere](missing.md).\n", encoding="utf-8")
    lenient = CliRunner().invoke(main, ["build", "--engine", "zensical", "-C", str(project)])
    assert lenient.exit_code == 0, lenient.output
    assert "page does not exist" in lenient.output
    strict = CliRunner().invoke(main, ["build", "--engine", "zensical", "--strict", "-C", str(project)])
    assert strict.exit_code == 1
    assert "page does not exist" in strict.output
    stopped = f"{project / 'mkdocs.yml'}:1:1: error: Zensical stopped: Aborted because --strict flag is set"
    assert stopped in strict.output
    assert "Traceback" not in strict.output
