"""Outputs never overwrite inputs (issue 27, deliverable 1).

Every command that writes a folder or a file (build, bundle, generate, calendar, codeowners,
export vale, schema, records import, init) goes through one guard (generator/mkdocs/outputs.py)
and one writer (generator/mkdocs/writer.py): a target that is, holds or sits inside what the
project reads is refused with a located error and exit 1, a non-empty folder must be the same
command's earlier output, and whatever is written is staged beside the target and swapped in,
so a failure or a stop (Ctrl+C, SIGTERM) leaves the previous output and nothing else.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import ROOT, example_playbook, make_project, mkdocs_env
from generator.cli import main
from generator.mkdocs import build as build_module
from generator.mkdocs.outputs import MARKER, Inputs
from generator.mkdocs.writer import staged, write_file


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (a .git included), for "nothing was changed"."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(project), *args])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example (it has a roster for `calendar`) with docs/, templates/ and a git repository."""
    folder = make_project(tmp_path / "team", example_playbook())
    (folder / "templates").mkdir()
    (folder / "templates" / "home.md.j2").write_text("{# mine #}\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    monkeypatch.chdir(folder)
    return folder


INSIDE_POLICY = "it is inside the policy folder (playbook), which the project reads"
IN_GIT = "it is inside a git repository's own folder (.git)"
# Each input as the target of each writing command: (arguments, where, what is refused, why).
REFUSED = [
    (["build", "--site-dir", "."], ".", "folder", "it is the project folder"),
    (["build", "--site-dir", "playbook"], "playbook", "folder", "it is the policy folder"),
    (["build", "--site-dir", ".git"], ".git", "folder", IN_GIT),
    (["build", "--site-dir", ".."], "..", "folder", "it holds the project folder (.)"),
    (["build", "--site-dir", "templates"], "templates", "folder", "it is the templates folder"),
    (["build", "--site-dir", "docs"], "docs", "folder", "it is the docs folder"),
    (["build", "--site-dir", "playbook/site"], "playbook/site", "folder", INSIDE_POLICY),
    (["build", "--offline", "--site-dir", "."], ".", "folder", "it is the project folder"),
    (["generate", "--out", "."], ".", "folder", "it is the project folder"),
    (["generate", "--out", "playbook"], "playbook", "folder", "it is the policy folder"),
    (["calendar", "--out", "."], ".", "folder", "it is the project folder"),
    (["calendar", "--out", "docs"], "docs", "folder", "it is the docs folder"),
    (["export", "vale", "--out", "."], ".", "folder", "it is the project folder"),
    (["export", "vale", "--out", ".git/hooks"], ".git/hooks", "folder", IN_GIT),
    (["codeowners", "--out", "mkdocs.yml"], "mkdocs.yml", "file", "it is the MkDocs config"),
    (["codeowners", "--out", "playbook/roles.yaml"], "playbook/roles.yaml", "file", INSIDE_POLICY),
    (["bundle", "--out", "playbook/handbook.zip"], "playbook/handbook.zip", "file", INSIDE_POLICY),
    (["bundle", "--out", ".git/handbook.zip"], ".git/handbook.zip", "file", IN_GIT),
    (["schema", "--out", "playbook/handbook.yaml"], "playbook/handbook.yaml", "file", INSIDE_POLICY),
    (["init", "."], "mkdocs.yml", "here", "it already exists"),
    (["init", "playbook"], "playbook", "here", "it is the policy folder"),
    (["init", "docs/new"], "docs/new", "here", "it is inside the docs folder (docs), which the project reads"),
]


@pytest.mark.parametrize(("args", "where", "what", "why"), REFUSED, ids=[" ".join(r[0]) for r in REFUSED])
def test_no_command_writes_over_or_into_an_input(project: Path, args: list[str], where: str, what: str,
                                                 why: str) -> None:
    before = tree(project)
    result = run(project, *args, *(["--site-url", ""] if args[0] == "init" else []))
    command = "export vale" if args[0] == "export" else args[0]
    assert result.exit_code == 1, result.output
    this = what if what == "here" else f"this {what}"
    assert result.stderr.splitlines()[0] == f"{where}:1:1: error: 'playbook {command}' will not write {this}: {why}"
    assert "hint: choose" in result.stderr and "nothing was changed" in result.stderr
    assert tree(project) == before


def test_build_into_the_project_of_a_project_without_docs_refuses_and_deletes_nothing(tmp_path: Path,
                                                                                      monkeypatch) -> None:
    """The reported case: every `playbook init` project has no docs/, and `--site-dir .` deleted it."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "acme", "--site-url", ""]).exit_code == 0
    subprocess.run(["git", "init", "-q", "acme"], check=True)
    before = tree(tmp_path / "acme")
    for target in (".", "playbook", ".git"):
        result = run(tmp_path / "acme", "build", "--site-dir", str(tmp_path / "acme" / target))
        assert result.exit_code == 1, result.output
        assert "error: 'playbook build' will not write this folder: it is" in result.stderr
    assert tree(tmp_path / "acme") == before


def test_a_relative_site_dir_is_judged_where_mkdocs_puts_it(project: Path, monkeypatch) -> None:
    """MkDocs reads a relative --site-dir from mkdocs.yml's folder, so the guard does too."""
    monkeypatch.chdir(project.parent)
    result = run(project, "build", "--site-dir", ".")
    assert result.exit_code == 1
    assert result.stderr.startswith("team:1:1: error: 'playbook build' will not write this folder: "
                                    "it is the project folder\n")


def test_site_dir_in_mkdocs_yml_gets_the_same_guard(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_dir: playbook\n", encoding="utf-8")
    before = tree(project / "playbook")
    result = run(project, "build")
    assert result.exit_code == 1
    assert result.stderr.startswith("playbook:1:1: error: 'playbook build' will not write this folder: "
                                    "it is the policy folder\n")
    assert tree(project / "playbook") == before


@pytest.mark.parametrize("args", [["build", "--site-dir"], ["generate", "--out"], ["calendar", "--out"],
                                  ["export", "vale", "--out"]], ids=lambda a: a[0])
def test_a_folder_someone_else_made_is_refused(project: Path, args: list[str]) -> None:
    mine = project.parent / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    result = run(project, *args, str(mine))
    command = " ".join(a for a in args if not a.startswith("-"))
    assert result.exit_code == 1
    assert (f"error: 'playbook {command}' will not write this folder: it is not empty and was not written by "
            f"'playbook {command}' (it has no {MARKER})") in result.stderr
    assert tree(mine) == {"notes.txt": b"my notes"}


def test_a_folder_another_command_made_is_refused_and_its_own_is_replaced(project: Path) -> None:
    out = project.parent / "out"
    assert run(project, "export", "vale", "--out", str(out)).exit_code == 0
    assert (out / MARKER).read_text(encoding="utf-8").startswith("export vale\n")
    refused = run(project, "calendar", "--out", str(out))
    assert refused.exit_code == 1
    assert "it was written by 'playbook export vale', not 'playbook calendar'" in refused.stderr
    (out / "stale.yml").write_text("left over", encoding="utf-8")
    again = run(project, "export", "vale", "--out", str(out))
    assert again.exit_code == 0, again.output
    assert not (out / "stale.yml").exists() and (out / ".vale.ini").is_file()


def test_calendar_writes_a_fresh_folder_each_run(project: Path) -> None:
    out = project / "calendars"
    assert run(project, "calendar", "--out", "calendars").exit_code == 0
    files = sorted(p.name for p in out.iterdir())
    assert MARKER in files and any(name.startswith("person-") for name in files)
    assert run(project, "calendar", "--out", "calendars").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == files


def test_generate_still_replaces_a_folder_marked_by_an_older_version(project: Path) -> None:
    out = project.parent / "generated"
    out.mkdir()
    (out / ".playbook-generated").write_text("made by 'playbook generate'; rewritten on every run\n")
    (out / "old.md").write_text("old")
    result = run(project, "generate", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "mkdocs.yml").is_file() and not (out / "old.md").exists()
    assert (out / MARKER).read_text(encoding="utf-8").startswith("generate\n")


@pytest.mark.parametrize("args", [["build", "--site-dir", "blocker/site"], ["calendar", "--out", "blocker/cal"],
                                  ["codeowners", "--out", "blocker/CODEOWNERS"], ["bundle", "--out", "blocker/h.zip"],
                                  ["schema", "--out", "blocker/schema.json"]], ids=lambda a: a[0])
def test_a_target_that_cannot_be_written_is_a_located_error(project: Path, args: list[str]) -> None:
    """A regular file where a folder must be: what root (as CI runs) cannot write either."""
    (project / "blocker").write_text("a file", encoding="utf-8")
    result = run(project, *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{args[-1]}:1:1: error: cannot write here: blocker is a file, not a folder\n"), \
        result.stderr
    assert "Traceback" not in result.output
    assert not [p for p in project.iterdir() if p.name.startswith(".") and "staging" in p.name]


# --------------------------------------------------------------------------- staged, swapped, interrupted


def staging_left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".staging-" in p.name or ".partial" in p.name
                  or p.name.startswith((".playbook-", ".site.old-")))


@pytest.mark.parametrize(("signum", "exit_code"), [(signal.SIGTERM, 128 + 15), (signal.SIGINT, 1)])
def test_a_build_stopped_by_a_signal_leaves_the_old_site_and_no_staging(project: Path, monkeypatch,
                                                                        signum: int, exit_code: int) -> None:
    site = project / "site"
    site.mkdir()
    (site / MARKER).write_text("build\n")
    (site / "index.html").write_text("the published site")

    def build_then_stop(config, **_options) -> None:
        Path(config.site_dir, "index.html").write_text("half a site")
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(build_module, "build", build_then_stop)
    # Python's own Ctrl-C handler, whatever started the tests: a shell starts a background job
    # with SIGINT ignored, and then no KeyboardInterrupt would come.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = run(project, "build")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert result.exit_code == exit_code, result.output
    assert (site / "index.html").read_text() == "the published site"
    assert staging_left(project) == []


def test_a_real_build_killed_with_sigterm_leaves_nothing_behind(tmp_path: Path) -> None:
    """The reported case, end to end: a `.site.staging-*` folder stayed after SIGTERM."""
    project = make_project(tmp_path / "team", example_playbook())
    build = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project, env=mkdocs_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300  # bounds a hang only; not a speed test
    while not [p for p in project.iterdir() if ".staging-" in p.name]:
        assert build.poll() is None, build.stderr.read() if build.stderr else ""
        assert time.monotonic() < deadline, "the build never started staging"
        time.sleep(0.05)
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 128 + 15, stderr
    assert "Traceback" not in stderr
    assert staging_left(project) == [] and not (project / "site").exists()


def test_a_failed_bundle_leaves_no_zip_and_no_scratch(project: Path, monkeypatch) -> None:
    def fail(config, **_options) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "build", fail)
    with pytest.raises(OSError):
        CliRunner().invoke(main, ["-C", str(project), "bundle"], catch_exceptions=False)
    assert not (project / "handbook.zip").exists()
    assert staging_left(project) == []


def test_a_staged_folder_is_swapped_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out"
    with staged(target, "build", Inputs(())) as staging:
        (staging / "a.html").write_text("one")

    def stop_half_way() -> None:
        with staged(target, "build", Inputs(())) as staging:
            (staging / "a.html").write_text("two")
            raise RuntimeError("stopped half-way")

    with pytest.raises(RuntimeError):
        stop_half_way()
    assert tree(target) == {MARKER: (target / MARKER).read_bytes(), "a.html": b"one"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_is_written_whole_and_keeps_its_mode(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "CODEOWNERS"
    target.write_text("old")
    target.chmod(0o640)
    write_file(target, "new", "codeowners", Inputs(()))
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640

    def refuse(*_args) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(Exception, match="cannot write here: Permission denied"):
        write_file(target, "newer", "codeowners", Inputs(()))
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CODEOWNERS"]


def test_the_guard_sits_in_the_writer_not_in_each_command() -> None:
    """No command module opens an output for writing itself: they all go through writer.py."""
    writers = []
    for path in sorted((ROOT / "generator" / "cli").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for call in (".write_text(", ".write_bytes(", "shutil.copytree(", ".mkdir("):
            if call in text:
                writers.append((path.name, call))
    # init builds its new project inside the staging folder writer.staged_additions gives it.
    assert writers == [("policy.py", ".write_text("), ("policy.py", "shutil.copytree("), ("policy.py", ".mkdir(")]
