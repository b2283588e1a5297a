"""The first hour of a new team lead (issue 17), on a temporary folder, through the real command:
`init`, `validate`, `build`, `check` and `serve` (start, fetch the address it prints, stop).

No step may print a warning other than the policy's own, nor behave differently from its
neighbours: every command finds the project from the folder it runs in.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import mkdocs_env
from test_plugin import fetch, free_port, wait_for

SITE_URL = "https://handbook.acme-bikes.example/social/"


def playbook(cwd: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=mkdocs_env(), input=input,
                            capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    assert "WARNING" not in result.stderr + result.stdout, result.stderr
    return result


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    result = playbook(tmp_path, "init", "acme", "--name", "Acme Bikes", "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-3:] == [
        "  playbook validate   # every problem in the YAML, located",
        "  playbook serve      # live preview at http://127.0.0.1:8000/social/",
        "  playbook build      # the site in site/, ready to publish"]
    return tmp_path / "acme"


def test_init_validate_build_check_from_the_new_folder(new_project: Path) -> None:
    assert not (new_project / "docs").exists()  # hand-written pages are optional
    config = (new_project / "mkdocs.yml").read_text()
    assert f"site_url: {SITE_URL}\n" in config and "github.com/example" not in config

    validated = playbook(new_project, "validate", "--strict")
    assert validated.returncode == 0 and validated.stderr == "playbook is valid\n"

    built = playbook(new_project, "build", "--strict")
    assert built.returncode == 0, built.stderr
    home = (new_project / "site" / "index.html").read_text()
    assert "Acme Bikes Social Team Handbook" in home and f'href="{SITE_URL}"' in home

    checked = playbook(new_project / "playbook", "check", "-", input="We will sue you, see you in court")
    assert checked.returncode == 1
    assert re.search(rf"    see: {re.escape(SITE_URL)}\S+/", checked.stdout), checked.stdout


def test_the_full_example_starts_valid_too(tmp_path: Path) -> None:
    assert playbook(tmp_path, "init", "team", "--from", "example").returncode == 0
    assert playbook(tmp_path / "team", "validate", "--strict").returncode == 0
    assert "site_url" not in (tmp_path / "team" / "mkdocs.yml").read_text()  # none given: set it later


def test_every_command_finds_the_project_the_same_way(new_project: Path) -> None:
    """From a sub-folder, with -C before or after the command's name, or with -f / --playbook."""
    outside = new_project.parent
    for cwd, args in ((new_project / "playbook", ["validate"]), (outside, ["-C", "acme", "validate"]),
                      (outside, ["validate", "-C", "acme"]), (outside, ["validate", "--playbook", "acme/playbook"]),
                      (outside, ["validate", "-f", "acme/mkdocs.yml"])):
        assert playbook(cwd, *args).returncode == 0, args
    listed = playbook(outside, "-C", "acme", "list", "accounts")
    assert listed.returncode == 0 and listed.stdout.strip()
    generated = playbook(outside, "generate", "-C", "acme", "--out", "out")
    assert generated.returncode == 0 and (outside / "out" / "mkdocs.yml").is_file()


def test_outside_any_project_every_command_says_where_it_looked(tmp_path: Path) -> None:
    for command in ("validate", "build", "check", "serve", "generate"):
        result = playbook(tmp_path, command, *(["--out", "x"] if command == "generate" else []))
        assert result.returncode == 1, command
        assert result.stderr.startswith(".:1:1: error: no playbook project here or in any folder above\n"), \
            result.stderr


def test_serve_prints_the_full_address_and_answers_it_without_a_warning(tmp_path: Path) -> None:
    assert playbook(tmp_path, "init", "acme", "--site-url", SITE_URL).returncode == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path / "acme", env=mkdocs_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True).start()
    try:
        wait_for(lambda: any(line.startswith("preview ready: ") for line in log), "the printed address", log)
        printed = next(line for line in log if line.startswith("preview ready: ")).split()[2]
        assert printed == f"http://127.0.0.1:{port}/social/"
        assert "Social Team Handbook" in (fetch(printed) or "")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as root:  # redirected to the site
            assert root.url == printed
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = "".join(log)
    assert "WARNING" not in output and "Traceback" not in output, output
