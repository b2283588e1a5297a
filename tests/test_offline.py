"""`playbook build --offline`, `playbook bundle`, and a published site others can read.

What a reader does with the bundle in a browser is in test_browser_offline.py; here are the
files: .html links, the rules as a script, no third-party address, a deterministic zip,
conventional permissions, and located errors.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import make_project
from generator.checker.rules import offline_rules_script, rules_json
from generator.lint.loader import load_playbook
from generator.mkdocs.offline import RULES_SCRIPT, SHIM
from generator.mkdocs.outputs import Inputs
from generator.mkdocs.writer import staged
from test_plugin import playbook_cli

THIRD_PARTY = ("unpkg.com", "cdn.jsdelivr.net", "api.github.com", "fonts.googleapis.com", "fonts.gstatic.com")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("offline") / "project")


@pytest.fixture(scope="module")
def offline_site(project: Path) -> Path:
    result = playbook_cli(project, "build", "--offline", "--strict", "-d", str(project / "offline"))
    assert result.returncode == 0, result.stderr
    return project / "offline"


def test_the_offline_build_links_html_files_and_ships_what_it_needs(offline_site: Path) -> None:
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="escalation/index.html"' in home and 'href="escalation/"' not in home
    assert f'src="{SHIM}"' in home and f'src="{RULES_SCRIPT}"' in home
    assert (offline_site / SHIM).is_file() and (offline_site / "search" / "search_index.js").is_file()
    assert "navigation.instant" not in home  # it fetch()es pages, which file:// refuses
    for html in offline_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [host for host in THIRD_PARTY if host in text], html


def test_the_published_site_asks_no_third_party_by_default(project: Path, example_site: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^repo_url:", config, re.M)  # else Material asks api.github.com for stars, every page
    for html in example_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [host for host in THIRD_PARTY if host in text], html
        assert 'class="mermaid"' not in text  # diagrams are inline SVG: Material would load Mermaid from a CDN


def test_offline_rules_link_the_html_files(project: Path) -> None:
    playbook = load_playbook(project / "playbook").playbook
    assert playbook is not None
    online = json.loads(rules_json(playbook))
    script = offline_rules_script(rules_json(playbook))
    assert script.startswith("window.PlaybookRules = ") and script.endswith(";\n")
    offline = json.loads(script.removeprefix("window.PlaybookRules = ").removesuffix(";\n"))
    assert online["pages"]["voice"] == "voice/" and offline["pages"]["voice"] == "voice/index.html"
    assert offline["pages"]["vocabulary"] == "voice/vocabulary.html"
    severity = sorted(online["severities"])[0]
    assert online["pages"]["severities"][severity] == f"escalation/{severity}/"
    assert offline["pages"]["severities"][severity] == f"escalation/{severity}.html"
    assert {k: v for k, v in offline.items() if k != "pages"} == {k: v for k, v in online.items() if k != "pages"}


def test_bundle_writes_a_deterministic_zip_of_the_offline_site(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "handbook.zip", tmp_path / "b" / "handbook.zip"
    for out in (first, second):
        result = playbook_cli(project, "bundle", "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert f"unzip it and open {out.stem}/index.html" in result.stderr
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert "handbook/index.html" in names and "handbook/escalation/triage-tree.html" in names
        assert all(name.startswith("handbook/") for name in names)
        assert not [n for n in names if "sitemap" not in n and archive.read(n) != zipfile.ZipFile(second).read(n)]
    assert not list(first.parent.glob(".*"))  # no scratch folder or partial file left behind


def test_bundle_refuses_a_name_that_is_not_a_zip(project: Path, tmp_path: Path) -> None:
    result = playbook_cli(project, "bundle", "--out", str(tmp_path / "handbook.tar"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'handbook.tar'}:1:1: error: the bundle must be a .zip file\n")
    assert not (tmp_path / "handbook.tar").exists()


def test_a_failed_bundle_writes_nothing(tmp_path: Path) -> None:
    broken = make_project(tmp_path / "project")
    (broken / "playbook" / "handbook.yaml").write_text("handbook: [unclosed\n", encoding="utf-8")
    result = playbook_cli(broken, "bundle", "--out", str(tmp_path / "out" / "handbook.zip"))
    assert result.returncode == 1 and "handbook.yaml:1:" in result.stderr
    assert not (tmp_path / "out" / "handbook.zip").exists()


def modes(folder: Path) -> set[tuple[str, int]]:
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode))
            for p in [folder, *folder.rglob("*")]}


def test_the_built_site_is_readable_by_other_users(offline_site: Path) -> None:
    """A web server running as another user must read the site (mkdtemp alone gives 0700)."""
    mask = os.umask(0o022)
    os.umask(mask)
    assert modes(offline_site) == {("dir", 0o777 & ~mask), ("file", 0o666 & ~mask)}


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_a_staged_folder_follows_the_umask(tmp_path: Path, mask: int) -> None:
    previous = os.umask(mask)
    try:
        with staged(tmp_path / "site", "build", Inputs(())) as staging:
            (staging / "page.html").write_text("x", encoding="utf-8")
            (staging / "sub").mkdir()
    finally:
        os.umask(previous)
    assert modes(tmp_path / "site") == {("dir", 0o777 & ~mask), ("file", 0o666 & ~mask)}
