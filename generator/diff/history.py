"""The policy's released versions, read from git tags, each compared with the one before:
what the site's "What changed" page and the role pages show.

A release is a tag matching RELEASE_TAGS (`v2.0`, `v3.1`...), read from git without a
checkout. When the policy being built carries a version no tag has yet, it is the newest
release ("not yet tagged"), so a site built before tagging already says what changed. A
tag whose policy no longer validates (an old file the model has since outgrown) is
skipped with a warning rather than failing the build; outside git there is no history,
and the hand-written changelog is all the site shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..load.model import Playbook
from .changes import PolicyDiff, compare
from .revision import find_repository, git, load_revision, resolve_commit

RELEASE_TAGS = "v*"
MAX_RELEASES = 12


@dataclass(frozen=True)
class Release:
    version: str
    previous: str
    tag: str | None  # None: the policy being built, not tagged yet
    effective_date: dt.date
    diff: PolicyDiff


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...]  # newest first
    warnings: tuple[str, ...] = ()

    def latest(self) -> Release | None:
        return self.releases[0] if self.releases else None


def release_history(playbook_dir: Path, current: Playbook, pattern: str = RELEASE_TAGS) -> History:
    """Every release (newest first) with its changes against the previous release."""
    repo = find_repository(playbook_dir)
    if repo is None:
        return History(())
    listed = git(repo.root, "tag", "--list", "--sort=-v:refname", pattern).stdout.decode().split()
    versions: list[tuple[str | None, Playbook]] = []
    warnings: list[str] = []
    for tag in reversed(listed[: MAX_RELEASES + 1]):
        commit = resolve_commit(repo, tag)
        loaded = load_revision(repo, commit, tag) if commit else None
        if loaded is None or loaded.playbook is None:
            warnings.append(f"release tag '{tag}' skipped in the change history: its playbook does not validate")
            continue
        versions.append((tag, loaded.playbook))
    if not versions or versions[-1][1].handbook.version != current.handbook.version:
        versions.append((None, current))
    releases = [Release(new.handbook.version, old.handbook.version, tag, new.handbook.effective_date,
                        compare(old, new))
                for (_, old), (tag, new) in pairwise(versions)]
    return History(tuple(reversed(releases)), tuple(warnings))
