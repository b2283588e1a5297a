"""The generated "What changed": releases read from git tags, shown on the changelog page,
the home page and the pages of the roles each change affects."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff.history import release_history
from generator.load.loader import load_playbook
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
    assert ("| Severity High: respond within 30 \\-&gt; 20 minutes | [Community Manager](roles/community/"
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
            "    - Severity High: respond within 30 \\-&gt; 20 minutes\n"
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


def test_a_tag_that_no_longer_validates_is_skipped_with_a_warning(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "policy")
    (repo / "playbook" / "old.yaml").write_text("roles: [\n", encoding="utf-8")
    commit(repo, "broken", tag="v1.0")
    (repo / "playbook" / "old.yaml").unlink()
    commit(repo, "fixed", tag="v3.0")
    rendered = render_project(repo)
    assert rendered.warnings[-1] == ("release tag 'v1.0' skipped in the change history: its playbook does not "
                                     "validate")


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
    assert "| Severity High: respond within 25 \\-&gt; 20 minutes |" in changes
    assert "## Version 3\\.1\n\nIn force from 2026-11-02; changes since version 3\\.0.\n" in changes
    assert "| Severity High: respond within 30 \\-&gt; 25 minutes |" in changes
    community = pages["roles/community/community-manager.md"].markdown
    assert ('!!! warning "Changed for this role since version 3\\.1"\n'
            "    - Severity High: respond within 25 \\-&gt; 20 minutes\n") in community
