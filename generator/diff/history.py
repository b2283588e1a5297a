"""The policy's released versions, read from git tags, each compared with the one before:
what the site's "What changed" page and the role pages show.

A release is a tag matching RELEASE_TAGS (`v2.0`, `v3.1`...), read from git without a
checkout. When the policy being built carries a version no tag has yet, it is the newest
release ("not yet tagged"), so a site built before tagging already says what changed. A
tag whose policy no longer validates (an old file the model has since outgrown) is
skipped with a warning rather than failing the build; outside git there is no history,
and the hand-written changelog is all the site shows. Tags do not change, so what was
read and compared from them is kept in the user's cache, keyed by commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from .. import __version__
from ..load.model import Playbook
from ..user_cache import read_json, write_json
from .changes import Change, PolicyDiff, compare
from .revision import Repository, find_repository, git, load_revision, resolve_commit

RELEASE_TAGS = "v*"
MAX_RELEASES = 12
CACHE_FORMAT = "1"  # raise when a Release's shape or a change's wording changes


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
    tags = _Tags(repo)
    valid = [(tag, commit) for tag in reversed(listed[: MAX_RELEASES + 1])
             if (commit := resolve_commit(repo, tag)) and tags.version(tag, commit) is not None]
    releases = [tags.release(old, new) for old, new in pairwise(valid)]
    if valid and tags.version(*valid[-1]) != current.handbook.version:
        latest = tags.playbook(*valid[-1])
        assert latest is not None  # a valid tag
        releases.append(Release(current.handbook.version, latest.handbook.version, None,
                                current.handbook.effective_date, compare(latest, current)))
    return History(tuple(reversed(releases)), tuple(tags.warnings))


class _Tags:
    """Tagged policies, read once per build, and what was worked out from them kept in the
    user's cache by commit: a build reads and compares only the releases it has not seen."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.loaded: dict[str, Playbook | None] = {}
        self.warnings: list[str] = []

    def _key(self, *commits: str) -> str:
        text = "\0".join((__version__, CACHE_FORMAT, self.repo.prefix, *commits))
        return "history-" + hashlib.sha256(text.encode()).hexdigest()[:24]

    def playbook(self, tag: str, commit: str) -> Playbook | None:
        if commit not in self.loaded:
            self.loaded[commit] = load_revision(self.repo, commit, tag).playbook
        return self.loaded[commit]

    def version(self, tag: str, commit: str) -> str | None:
        """The policy version a tag holds, or None (with a warning) when its policy does not validate."""
        key = self._key(commit)
        known = read_json(key)
        if not isinstance(known, dict):
            playbook = self.playbook(tag, commit)
            known = {"version": playbook.handbook.version if playbook else None}
            write_json(key, known)
        if known.get("version") is None:
            self.warnings.append(f"release tag '{tag}' skipped in the change history: its playbook does not validate")
        return known.get("version")

    def release(self, old: tuple[str, str], new: tuple[str, str]) -> Release:
        key = self._key(old[1], new[1])
        known = read_json(key)
        if isinstance(known, dict):
            return _release_from(known, new[0])
        before, after = self.playbook(*old), self.playbook(*new)
        assert before is not None and after is not None  # both passed version()
        release = Release(after.handbook.version, before.handbook.version, new[0], after.handbook.effective_date,
                          compare(before, after))
        write_json(key, asdict(release) | {"effective_date": release.effective_date.isoformat()})
        return release


def _release_from(data: dict[str, Any], tag: str) -> Release:
    diff = data["diff"]
    changes = tuple(Change(**(change | {"roles": tuple(change["roles"])})) for change in diff["changes"])
    return Release(data["version"], data["previous"], tag, dt.date.fromisoformat(data["effective_date"]),
                   PolicyDiff(diff["old_version"], diff["new_version"], changes, diff["role_names"]))
