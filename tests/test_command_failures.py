"""Every mistake or hostile environment is a located message, never a traceback (issue 27,
deliverable 6): no git on PATH, `init` where something is in the way or nothing can be
written, `serve` on an address it cannot listen on."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import MINIMAL, make_project, mkdocs_env
from generator.cli import main
from generator.cli import policy as policy_module
from generator.diff.revision import NO_HISTORY
from test_plugin import free_port, wait_for


def run(cwd: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["-C", str(cwd), *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


# --------------------------------------------------------------------------- no git on PATH


@pytest.fixture
def no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH without git (a slim container); returns a fresh project, inside a repository made
    while git was still there, so both "inside" and "outside" a repository are covered."""
    project = make_project(tmp_path / "team", MINIMAL)
    inside = make_project(tmp_path / "repo" / "team", MINIMAL)
    subprocess.run(["git", "init", "-q", str(inside.parent)], check=True)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.chdir(tmp_path)
    assert shutil.which("git") is None
    return project


@pytest.mark.parametrize("where", ["team", "repo/team"])
@pytest.mark.parametrize("args", [["build"], ["bundle"], ["generate", "--out", "out"]], ids=lambda a: a[0])
def test_without_git_the_history_is_skipped_with_an_info_line(no_git: Path, where: str, args: list[str]) -> None:
    project = no_git.parent / where
    result = run(project, *args)
    assert result.exit_code == 0, result.output
    assert NO_HISTORY in result.stderr
    assert "WARNING" not in result.stderr


def test_without_git_diff_reads_folders_and_says_why_it_cannot_read_a_revision(no_git: Path) -> None:
    folder = str(no_git / "playbook")
    assert run(no_git, "diff", folder, folder).exit_code == 0
    result = run(no_git, "diff", "HEAD~1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        ("team/playbook:1:1: error: 'HEAD~1' is not a folder, and git is not installed (no 'git' on PATH) "
         "to read it as a revision"),
        "    hint: pass a playbook folder, or install git"]


def test_without_git_codeowners_still_writes(no_git: Path) -> None:
    assert run(no_git, "codeowners").exit_code == 0


def test_without_git_serve_starts_and_says_the_history_is_skipped(tmp_path: Path) -> None:
    project = make_project(tmp_path / "team", MINIMAL)
    empty = tmp_path / "bin"
    empty.mkdir()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env={**mkdocs_env(), "PATH": str(empty)}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True).start()
    try:
        wait_for(lambda: any(line.startswith("preview ready: ") for line in log), "the preview", log)
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = "".join(log)
    assert NO_HISTORY in output and "Traceback" not in output, output


# --------------------------------------------------------------------------- init


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def init(tmp_path: Path, *args: str) -> Result:
    return run(tmp_path, "init", *args, "--site-url", "")


@pytest.mark.parametrize(("make", "where", "why"), [
    (lambda d: (d.mkdir(), (d / "playbook").write_text("x")), "team/playbook", "it already exists"),
    (lambda d: (d.mkdir(), (d / "schema").write_text("x")), "team/schema",
     "a file is in the way of a folder this command makes"),
    (lambda d: (d.mkdir(), (d / "mkdocs.yml").write_text("site_name: Another site\n")), "team/mkdocs.yml",
     "it already exists"),
    (lambda d: (d.mkdir(), (d / "playbook").mkdir(), (d / "playbook" / "mine.yaml").write_text("roles: []\n")),
     "team/playbook", "it already exists and is not empty"),
], ids=["playbook is a file", "schema is a file", "another mkdocs.yml", "a playbook"])
def test_init_refuses_what_is_in_the_way_and_makes_nothing(tmp_path: Path, monkeypatch, make, where: str,
                                                          why: str) -> None:
    monkeypatch.chdir(tmp_path)
    make(tmp_path / "team")
    before = {p: p.read_bytes() if p.is_file() else None for p in tmp_path.rglob("*")}
    result = init(tmp_path, "team")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == f"{where}:1:1: error: 'playbook init' will not write here: {why}"
    assert "created" not in result.output
    assert {p: p.read_bytes() if p.is_file() else None for p in tmp_path.rglob("*")} == before


def test_init_into_a_file_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team").write_text("a file")
    result = init(tmp_path, "team")
    assert result.exit_code == 2
    assert "Error: Invalid value for 'DIRECTORY': Directory 'team' is a file." in result.stderr
    assert (tmp_path / "team").read_text() == "a file"


def test_init_adds_a_project_beside_other_work_and_into_empty_folders(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team" / "playbook").mkdir(parents=True)
    (tmp_path / "team" / "README.md").write_text("ours")
    result = init(tmp_path, "team")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "team" / "README.md").read_text() == "ours"
    assert {"mkdocs.yml", "playbook", "schema", "README.md"} == {p.name for p in (tmp_path / "team").iterdir()}


def test_init_that_cannot_write_leaves_no_half_made_project(tmp_path: Path, monkeypatch) -> None:
    """Root writes anywhere, so the refusal is simulated half-way through making the project."""
    monkeypatch.chdir(tmp_path)

    def copy_then_fail(source, destination, **_options):
        Path(destination).mkdir()
        (Path(destination) / "handbook.yaml").write_text("half")
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(policy_module.shutil, "copytree", copy_then_fail)
    result = init(tmp_path, "new/team")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "new/team:1:1: error: cannot write here: Permission denied"
    assert tree(tmp_path) == []
    (tmp_path / "existing").mkdir()
    assert init(tmp_path, "existing").exit_code == 1
    assert tree(tmp_path) == ["existing"]


def test_init_under_a_regular_file_is_a_located_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("a file")
    result = init(tmp_path, "notes/team")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "notes/team:1:1: error: cannot write here: notes is a file, not a folder"
    assert tree(tmp_path) == ["notes"]


# --------------------------------------------------------------------------- serve's address


@pytest.fixture
def served(tmp_path: Path, monkeypatch) -> Path:
    """A project whose preview must never start building: every test here fails before."""
    from generator.mkdocs import build as build_module

    def never(**_options) -> None:
        raise AssertionError("the site was built before the address was checked")

    monkeypatch.setattr(build_module, "serve", never)
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path / "team", MINIMAL)


def test_serve_on_a_port_in_use_is_a_located_error_before_any_build(served: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(served, "serve", "-a", f"127.0.0.1:{port}")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[:2] == [
        f"team/mkdocs.yml:1:1: error: cannot serve on 127.0.0.1:{port}: another program is listening there",
        "    hint: stop the other preview, or pick another port: --dev-addr 127.0.0.1:8001"]


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1:http", "8000"])
def test_serve_on_an_impossible_port_is_a_usage_error(served: Path, address: str) -> None:
    result = run(served, "serve", "-a", address)
    assert result.exit_code == 2
    assert (f"Invalid value for --dev-addr: '{address}' is not HOST:PORT with a port from 1 to 65535; "
            "e.g. 127.0.0.1:8000") in result.stderr


def test_an_impossible_port_in_mkdocs_yml_is_located_there(served: Path) -> None:
    config = served / "mkdocs.yml"
    config.write_text(config.read_text() + "\ndev_addr: 127.0.0.1:99999\n")
    result = run(served, "serve")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("team/mkdocs.yml:1:1: error: cannot serve on 127.0.0.1:99999: "
                                             "a port is a number from 1 to 65535")


def test_serve_on_an_address_not_of_this_computer_is_a_located_error(served: Path) -> None:
    result = run(served, "serve", "-a", "192.0.2.1:8000")  # TEST-NET-1: never a local address
    assert result.exit_code == 1
    assert result.stderr.startswith("team/mkdocs.yml:1:1: error: cannot serve on 192.0.2.1:8000: ")
