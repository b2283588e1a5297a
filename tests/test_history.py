"""The generated "What changed": releases read from git tags, shown on the changelog page,
the home page and the pages of the roles each change affects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs_env
from generator.diff.history import release_history
from generator.lint.loader import load_playbook
from generator.render.project import render_project
from policy_repo import commit, edit, git, new_repo, released


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tags' versions and diffs are cached by commit: each test starts from an empty cache."""
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))


def test_the_changelog_page_lists_each_release_with_whom_it_affects(tmp_path: Path) -> None:
    repo = released(tmp_path)
    pages = render_project(repo).site.pages
    changes = pages["changes.md"].markdown
    assert "## Version 3\\.1\n\nIn force from 2026-11-02; changes since version 3\\.0 (git tag v3\\.1)." in changes
    assert ("| Severity High: first response within 30 \\-&gt; 20 minutes | [Community Manager](roles/community/"
            "community-manager.md), [Head of Social](roles/social/head-of-social.md), [Social Media Manager]"
            "(roles/social/social-media-manager.md) |") in changes
    assert "| Handbook: version &#39;3\\.0&#39; \\-&gt; &#39;3\\.1&#39; | everyone |" in changes
    assert changes.count("| Banned term added: &#39;bonkers&#39;") == 1
    home = pages["index.md"].markdown
    assert ("Version 3\\.1 made 5 changes to the policy since version 3\\.0: see [every change and whom it "
            "affects](changes.md).") in home


def test_role_pages_say_what_changed_for_them(tmp_path: Path) -> None:
    pages = render_project(released(tmp_path)).site.pages
    community = pages["roles/community/community-manager.md"].markdown
    assert ('!!! warning "Changed for this role since version 3\\.0"\n'
            "    - Severity High: first response within 30 \\-&gt; 20 minutes\n"
            "    - Approval rule Promotions on big accounts need a manager: no longer covers Northwind Roasters "
            "on X \\(global\\)\n"
            "    - Banned term added: &#39;bonkers&#39; \\(say &#39;wild&#39; instead\\)\n") in community
    legal = pages["roles/comms-legal/legal-liaison.md"].markdown
    assert "Changed for this role" not in legal  # writes no posts, on no changed ladder


def test_an_untagged_new_version_is_the_newest_release(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "policy")
    git(repo, "tag", "v3.0")
    edit(repo / "playbook" / "handbook.yaml", 'version: "3.0"', 'version: "3.1"')
    edit(repo / "playbook" / "crisis.yaml", "active: false", "active: true", after="crisis:\n")
    loaded = load_playbook(repo / "playbook")
    assert loaded.playbook is not None
    history = release_history(repo / "playbook", loaded.playbook)
    latest = history.latest()
    assert latest is not None and (latest.tag, latest.previous, latest.version) == (None, "3.0", "3.1")
    assert [c.text for c in latest.diff.changes][:2] == ["Handbook: version '3.0' -> '3.1'", "Crisis mode switched on"]
    assert ("## Version 3\\.1\n\nIn force from 2026-11-02; changes since version 3\\.0.\n"
            in render_project(repo).site.pages["changes.md"].markdown)


def short_id_and_day(repo: Path, rev: str) -> tuple[str, str]:
    short, day = git(repo, "show", "-s", "--format=%h %cs", rev).split()
    return short, day


def test_a_tag_that_no_longer_validates_is_left_out_with_a_note_not_a_warning(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "policy")
    (repo / "playbook" / "old.yaml").write_text("roles: [\n", encoding="utf-8")
    commit(repo, "broken", tag="v1.0")
    (repo / "playbook" / "old.yaml").unlink()
    commit(repo, "fixed", tag="v3.0")
    rendered = render_project(repo)
    short, day = short_id_and_day(repo, "v1.0")
    assert rendered.notes == [(f"release tag 'v1.0' (commit {short}, {day}) left out of the change history: "
                              "its playbook does not validate")]
    assert rendered.warnings == []


def broken_revision_between_releases(tmp_path: Path) -> tuple[Path, str]:
    """Versions 3.0 (valid), 3.1 (a broken file), 3.2 (valid again, one deadline changed); no tags."""
    repo = new_repo(tmp_path / "policy")
    book = repo / "playbook"
    edit(book / "handbook.yaml", 'version: "3.0"', 'version: "3.1"')
    (book / "old.yaml").write_text("roles: [\n", encoding="utf-8")
    commit(repo, "3.1, with a broken file")
    broken = git(repo, "rev-parse", "HEAD").strip()
    (book / "old.yaml").unlink()
    edit(book / "handbook.yaml", 'version: "3.1"', 'version: "3.2"')
    edit(book / "escalation.yaml", "respond_within_minutes: 30", "respond_within_minutes: 20", after="- id: high")
    commit(repo, "3.2")
    return repo, broken


def test_a_broken_revision_is_left_out_and_the_next_is_compared_with_the_last_valid_one(tmp_path: Path) -> None:
    repo, broken = broken_revision_between_releases(tmp_path)
    rendered = render_project(repo)
    short, day = short_id_and_day(repo, broken)
    assert rendered.notes == [(f"commit {short} ({day}) left out of the change history: its playbook does not "
                              "validate")]
    latest = render_project(repo).site.pages["changes.md"].markdown
    assert "## Version 3\\.2\n\nIn force from 2026-11-02; changes since version 3\\.0" in latest
    assert "Severity High: first response within 30 \\-&gt; 20 minutes" in latest


def test_both_builds_pass_strict_and_say_the_same_about_a_broken_revision(tmp_path: Path) -> None:
    """`playbook build --strict` and plain `mkdocs build --strict` (without -q) judge today's policy,
    not its past: both pass and both print the same info line."""
    repo, broken = broken_revision_between_releases(tmp_path)
    short, day = short_id_and_day(repo, broken)
    line = f"commit {short} ({day}) left out of the change history: its playbook does not validate"
    env = {**mkdocs_env(), "PLAYBOOK_CACHE_DIR": str(tmp_path / "cache")}
    ours = subprocess.run([sys.executable, "-m", "generator", "build", "--strict", "-C", str(repo)],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert ours.returncode == 0, ours.stderr
    (repo / "docs").mkdir()  # plain MkDocs wants the folder `playbook build` stands in for
    theirs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site2")],
                            cwd=repo, env={**env, "PLAYBOOK_CACHE_DIR": str(tmp_path / "cache2")},
                            capture_output=True, text=True, timeout=600)
    assert theirs.returncode == 0, theirs.stderr
    assert line in ours.stderr and line in theirs.stderr


def test_outside_git_the_page_explains_how_to_get_a_history(tmp_path: Path) -> None:
    from policy_repo import CliRunner, main

    assert CliRunner().invoke(main, ["init", "--from", "example", str(tmp_path)]).exit_code == 0
    changes = render_project(tmp_path).site.pages["changes.md"].markdown
    assert "raise the version\nin handbook.yaml for each release (or tag it, v3\\.0 for this one)" in changes


def test_tags_are_read_once_then_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the newest release is read on every build: what the policy being built changes since."""
    import generator.diff.history as history

    repo = released(tmp_path)
    loaded = load_playbook(repo / "playbook")
    assert loaded.playbook is not None
    read: list[str] = []
    real = history.load_revision

    def counted(repo_: object, commit: str, label: str) -> object:
        read.append(label)
        return real(repo_, commit, label)  # type: ignore[arg-type]

    monkeypatch.setattr(history, "load_revision", counted)
    first = release_history(repo / "playbook", loaded.playbook)
    assert sorted(read) == ["v3.0", "v3.1"]
    read.clear()
    again = release_history(repo / "playbook", loaded.playbook)
    assert again == first and [r.tag for r in again.releases] == ["v3.1"]
    assert read == ["v3.1"]


def test_without_tags_the_version_field_marks_the_releases(tmp_path: Path) -> None:
    """A team that never tags: each version ends where the next begins; edits since the last
    version change are 'not yet released', on the changelog and the role pages."""
    repo = new_repo(tmp_path / "policy")
    edit(repo / "playbook" / "handbook.yaml", 'version: "3.0"', 'version: "3.1"')
    edit(repo / "playbook" / "escalation.yaml", "respond_within_minutes: 30", "respond_within_minutes: 25",
         after="- id: high")
    commit(repo, "Version 3.1")
    edit(repo / "playbook" / "escalation.yaml", "respond_within_minutes: 25", "respond_within_minutes: 20",
         after="- id: high")
    commit(repo, "A tighter deadline, not released yet")
    pages = render_project(repo).site.pages
    changes = pages["changes.md"].markdown
    assert "## Since version 3\\.1: not yet released" in changes
    assert "| Severity High: first response within 25 \\-&gt; 20 minutes |" in changes
    assert "## Version 3\\.1\n\nIn force from 2026-11-02; changes since version 3\\.0.\n" in changes
    assert "| Severity High: first response within 30 \\-&gt; 25 minutes |" in changes
    community = pages["roles/community/community-manager.md"].markdown
    assert ('!!! warning "Changed for this role since version 3\\.1"\n'
            "    - Severity High: first response within 25 \\-&gt; 20 minutes\n") in community
