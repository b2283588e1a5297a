"""A policy owner's git repository for tests: `playbook init`, commits, and the edits people make."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

GIT_ENV = {"GIT_AUTHOR_NAME": "Policy Owner", "GIT_AUTHOR_EMAIL": "owner@example.com",
           "GIT_COMMITTER_NAME": "Policy Owner", "GIT_COMMITTER_EMAIL": "owner@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout


def new_repo(root: Path) -> Path:
    """A fresh repository holding the example policy, committed once."""
    result = CliRunner().invoke(main, ["init", "--from", "example", str(root)])
    assert result.exit_code == 0, result.output
    git(root, "init", "-q", "-b", "main")
    commit(root, "First policy")
    return root


def commit(repo: Path, message: str, tag: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    if tag:
        git(repo, "tag", tag)


def edit(path: Path, old: str, new: str, after: str | None = None) -> None:
    """Replace the first `old` (after the first `after`, if given) in a file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")


NEW_ROLE = """  - id: weekend-editor
    name: Weekend Editor
    team: social
    purpose: Plans and drafts the weekend's posts.
    why: Weekends need fresh posts too.
    responsibilities:
      - Draft the weekend's posts.
    permissions:
      - draft
    reports_to: social-media-manager
"""


def four_edits(repo: Path) -> None:
    """A deadline, a new role, an approval rule's scope and the vocabulary; and a role moved to
    another file, which is not a change."""
    book = repo / "playbook"
    edit(book / "escalation.yaml", "respond_within_minutes: 30", "respond_within_minutes: 20", after="- id: high")
    edit(book / "approvals.yaml", "        - large\n        - flagship\n", "        - large\n",
         after="- id: large-commercial-needs-manager")
    edit(book / "vocabulary.yaml", "vocabulary:\n", "vocabulary:\n  - term: bonkers\n    kind: banned\n"
         "    reason: It makes light of mental illness.\n    use_instead: wild\n")
    roles = (book / "roles.yaml").read_text(encoding="utf-8")
    at = roles.index("  - id: comms-lead")
    (book / "roles.yaml").write_text(roles[:at] + NEW_ROLE, encoding="utf-8")
    (book / "comms-roles.yaml").write_text("roles:\n" + roles[at:], encoding="utf-8")


def released(tmp_path: Path) -> Path:
    """v3.0, then the four edits released as v3.1."""
    repo = new_repo(tmp_path / "policy")
    git(repo, "tag", "v3.0")
    four_edits(repo)
    edit(repo / "playbook" / "handbook.yaml", 'version: "3.0"', 'version: "3.1"')
    commit(repo, "Version 3.1", tag="v3.1")
    return repo
