"""The policy's released versions, read from git tags, each compared with the one before:
what the site's "What changed" page and the role pages show.

A release is a tag matching RELEASE_TAGS (`v2.0`, `v3.1`...), read from git without a
checkout. When the policy being built carries a version no tag has yet, it is the newest
release ("not yet tagged"), so a site built before tagging already says what changed. A
revision whose policy no longer validates (an old file the model has since outgrown) is
left out with an info note, never a warning: a strict build judges today's policy, not its
past, and the next valid release is compared with the last valid one. Outside git there is no history,
and the hand-written changelog is all the site shows. Tags do not change, so what was
read and compared from them is kept in the user's cache, keyed by commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Playbook
from ..read.source import decode_source
from ..user_cache import read_json, write_json
from .changes import Change, PolicyDiff, compare
from .revision import (
    NO_HISTORY,
    Repository,
    find_repository,
    git,
    git_installed,
    load_revision,
    read_paths,
    resolve_commit,
)

RELEASE_TAGS = "v*"
MAX_RELEASES = 12
MAX_LOG = 500  # commits of the handbook file searched for version changes
CACHE_FORMAT = "2"  # raise when a Release's shape or a change's wording changes


@dataclass(frozen=True)
class Release:
    version: str  # the policy's version, else the tag or commit that marks the release
    previous: str
    tag: str | None  # the git tag that marks it; None: marked by the version field, or not yet released
    effective_date: dt.date | None  # None: the policy states none
    diff: PolicyDiff

    @property
    def unreleased(self) -> bool:
        """Changes made since the last release under the same version number."""
        return self.version == self.previous


@dataclass(frozen=True)
class View:
    """A way of seeing every version of the policy, e.g. the public handbook's; `name` keys the cache."""

    name: str
    apply: Callable[[Playbook], Playbook]


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...]  # newest first
    notes: tuple[str, ...] = ()  # revisions left out, for the build's info lines

    def latest(self) -> Release | None:
        return self.releases[0] if self.releases else None


Point = tuple[str, str, bool]  # label for messages, commit, whether a tag marks it


def release_history(playbook_dir: Path, current: Playbook, pattern: str = RELEASE_TAGS,
                    handbook_file: Path | None = None, view: View | None = None) -> History:
    """Every release (newest first) with its changes against the previous release, then what
    the policy being built changes since the last one.

    Releases are the tags matching `pattern`; without any, the commits where `version` in
    `handbook_file` changed, so a team that never tags still gets a history. `view` is
    applied to every side before it is compared (the public handbook's copy without internal
    channels or names): what a view leaves out of a policy cannot reach its history either.
    """
    repo = find_repository(playbook_dir)
    if repo is None:
        return History((), () if git_installed() else (NO_HISTORY,))
    points = _Tags(repo, view)
    current = view.apply(current) if view else current
    ends = points.tagged(pattern) or points.by_version(handbook_file)
    releases = [points.release(old, new) for old, new in pairwise(ends)]
    last = points.playbook(ends[-1]) if ends else None
    if last is not None:
        diff = compare(last, current)
        if diff.changes:
            previous = last.handbook.version or ends[-1][0]
            releases.append(Release(current.handbook.version or previous, previous, None,
                                    current.handbook.effective_date, diff))
    return History(tuple(reversed(releases)), tuple(points.notes))


class _Tags:
    """Released policies, read once per build, and what was worked out from them kept in the
    user's cache by commit: a build reads and compares only the releases it has not seen."""

    def __init__(self, repo: Repository, view: View | None = None) -> None:
        self.repo, self.view = repo, view
        self.loaded: dict[str, Playbook | None] = {}
        self.notes: list[str] = []

    def _key(self, *commits: str) -> str:
        text = "\0".join((__version__, CACHE_FORMAT, self.repo.prefix, self.view.name if self.view else "", *commits))
        return "history-" + hashlib.sha256(text.encode()).hexdigest()[:24]

    def tagged(self, pattern: str) -> list[Point]:
        """The newest release tags whose policy validates, oldest first."""
        listed = git(self.repo.root, "tag", "--list", "--sort=-v:refname", pattern).stdout.decode().split()
        points = [(tag, commit, True) for tag in reversed(listed[: MAX_RELEASES + 1])
                  if (commit := resolve_commit(self.repo, tag))]
        return [point for point in points if self.version(point) is not None]

    def by_version(self, handbook_file: Path | None) -> list[Point]:
        """Without tags, a version is released by the commit that first declares it: each
        version's first commit, oldest first (edits after it are not yet released)."""
        history = _versions(self.repo, handbook_file)  # oldest first
        firsts = [commit for n, (commit, version) in enumerate(history)
                  if version is not None and (n == 0 or history[n - 1][1] != version)]
        points = [(commit[:10], commit, False) for commit in firsts[-(MAX_RELEASES + 1):]]
        return [point for point in points if self.version(point) is not None]

    def playbook(self, point: Point) -> Playbook | None:
        label, commit, _ = point
        if commit not in self.loaded:
            playbook = load_revision(self.repo, commit, label).playbook
            self.loaded[commit] = self.view.apply(playbook) if self.view and playbook else playbook
        return self.loaded[commit]

    def version(self, point: Point) -> str | None:
        """The policy version at a release point, or None (with a note) when its policy does not validate."""
        key = self._key(point[1])
        known = read_json(key)
        if not isinstance(known, dict):
            playbook = self.playbook(point)
            known = {"version": (playbook.handbook.version or point[0]) if playbook else None}
            write_json(key, known)
        if known.get("version") is None:
            self.notes.append(f"{self._name(point)} left out of the change history: its playbook does not validate")
        return known.get("version")

    def _name(self, point: Point) -> str:
        """A revision as a reader finds it in `git log`: the tag or short commit id, and the commit's date."""
        label, commit, tagged = point
        shown = git(self.repo.root, "show", "-s", "--format=%h %cs", commit, "--").stdout.decode().split()
        short, day = shown if len(shown) == 2 else (commit[:7], "date unknown")
        return f"release tag '{label}' (commit {short}, {day})" if tagged else f"commit {short} ({day})"

    def release(self, old: Point, new: Point) -> Release:
        key = self._key(old[1], new[1])
        known = read_json(key)
        tag = new[0] if new[2] else None
        if isinstance(known, dict):
            return _release_from(known, tag)
        before, after = self.playbook(old), self.playbook(new)
        assert before is not None and after is not None  # both passed version()
        release = Release(after.handbook.version or new[0], before.handbook.version or old[0], tag,
                          after.handbook.effective_date, compare(before, after))
        day = release.effective_date
        write_json(key, asdict(release) | {"effective_date": day.isoformat() if day else None})
        return release


def _versions(repo: Repository, handbook_file: Path | None) -> list[tuple[str, str | None]]:
    """(commit, the version it declares) for the commits that touched the handbook file, oldest first."""
    if handbook_file is None:
        return []
    try:
        path = handbook_file.resolve().relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        return []
    log = git(repo.root, "log", "--first-parent", "--format=%H", f"-n{MAX_LOG}", "--", path)
    commits = list(reversed(log.stdout.decode().split()))
    return [(commit, _declared_version(raw)) for commit, raw in zip(commits, read_paths(repo, commits, path),
                                                                     strict=True)]


def _declared_version(raw: bytes | None) -> str | None:
    source, _ = decode_source("", raw) if raw is not None else (None, [])
    handbook = source.data.get("handbook") if source is not None else None
    return str(handbook.get("version")) if isinstance(handbook, dict) and handbook.get("version") else None


def _release_from(data: dict[str, Any], tag: str | None) -> Release:
    diff = data["diff"]
    changes = tuple(Change(**(change | {"roles": tuple(change["roles"])})) for change in diff["changes"])
    day = data["effective_date"]
    return Release(data["version"], data["previous"], tag, dt.date.fromisoformat(day) if day else None,
                   PolicyDiff(diff["old_version"], diff["new_version"], changes, diff["role_names"]))
