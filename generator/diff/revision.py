"""Reading one side of a policy diff: a playbook folder, or the playbook as a git revision held it.

A revision is read straight from git's object store (`git ls-tree` lists the files,
`git cat-file --batch` hands over their bytes in one process), never by checking it out,
so the working tree, the index and any uncommitted edit are left alone. The bytes go
through the same bounds, shape checks and cross-checks as a folder (lint/loader.py), and
every message names its file as `REVISION:path/in/repo.yaml`, so a broken old version is
located as precisely as the file being edited.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, Report, UserError
from ..lint.loader import MAX_FILES, Loaded, load_documents, load_or_raise
from ..read.origins import Origins
from ..read.source import display_path

WORKING_TREE = "the working tree"


@dataclass(frozen=True)
class Repository:
    """Where the playbook folder sits inside its git repository."""

    root: Path
    prefix: str  # the playbook folder relative to the root, "" or ending in "/"


GIT_MISSING = "git is not installed (no 'git' on PATH)"
NO_HISTORY = f"{GIT_MISSING}: the change history of What changed is skipped; the hand-written notes stay"


def git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git with the user's configuration kept out of the output (no pager, no colour).

    Without git (a slim container) every call fails the way git fails outside a repository
    (status 127, the shell's "command not found"), so each caller's "not in git" path runs:
    no history, no revisions. git_installed() tells the two apart for messages.
    """
    command = ["git", "-C", str(root), "-c", "core.quotepath=off", *args]
    try:
        return subprocess.run(command, input=stdin, capture_output=True, check=False)
    except OSError:  # not on PATH, or not executable
        return subprocess.CompletedProcess(command, 127, b"", GIT_MISSING.encode())


def git_installed() -> bool:
    return shutil.which("git") is not None


def find_repository(playbook_dir: Path) -> Repository | None:
    """The repository holding the playbook folder (or its parent, if the folder is gone)."""
    start = playbook_dir if playbook_dir.is_dir() else playbook_dir.parent
    if not start.is_dir():
        return None
    found = git(start, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        return None
    root = Path(found.stdout.decode().strip())
    try:
        relative = playbook_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return Repository(root, "" if relative == "." else relative + "/")


def resolve_commit(repo: Repository, revision: str) -> str | None:
    """The commit a revision names (a tag, a branch, HEAD~1...), or None if it names none."""
    if revision.startswith("-"):  # never let a revision be read as an option
        return None
    found = git(repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    return found.stdout.decode().strip() if found.returncode == 0 else None


def load_side(spec: str | None, playbook_dir: Path, today: dt.date | None = None) -> tuple[Loaded, str]:
    """A side of the diff and how to name it: None is the working tree's playbook folder,
    an existing folder is read as one, anything else must be a git revision."""
    if spec is None:
        return load_or_raise(playbook_dir, today=today), WORKING_TREE
    if Path(spec).is_dir():
        return load_or_raise(Path(spec), today=today), display_path(Path(spec))
    repo = find_repository(playbook_dir)
    if repo is None and not git_installed():
        raise UserError.at(display_path(playbook_dir), f"'{spec}' is not a folder, and {GIT_MISSING} to read it "
                           "as a revision", "pass a playbook folder, or install git")
    if repo is None:
        raise UserError.at(display_path(playbook_dir), f"'{spec}' is not a folder, and the playbook is not in a "
                           "git repository to read it as a revision from",
                           "pass a playbook folder, or run inside the policy's git repository")
    commit = resolve_commit(repo, spec)
    if commit is None:
        raise UserError.at(display_path(playbook_dir), f"'{spec}' is neither a folder nor a git revision of "
                           f"the repository at {display_path(repo.root)}",
                           "use a tag (v2.0), a branch (main), a commit or HEAD~1; 'git tag' lists the tags")
    loaded = load_revision(repo, commit, spec, today)
    if loaded.report.failed():
        raise UserError(loaded.report)
    return loaded, spec


def load_revision(repo: Repository, commit: str, label: str, today: dt.date | None = None) -> Loaded:
    """The playbook folder as commit held it, its files named LABEL:path for messages."""
    listed = git(repo.root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", repo.prefix or ".")
    entries = []
    for record in filter(None, listed.stdout.split(b"\0")):
        meta, _, path = record.partition(b"\t")
        _mode, kind, oid = meta.decode().split(" ")
        name = path.decode("utf-8", "replace")
        if kind == "blob" and PurePosixPath(name).suffix in (".yaml", ".yml"):
            entries.append((name, oid))
    entries.sort(key=lambda entry: entry[0][len(repo.prefix):])  # the order a folder is read in
    where = f"{label}:{repo.prefix.rstrip('/') or '.'}"
    if len(entries) > MAX_FILES:
        too_many = Diagnostic(where, 1, 1, "error",
                              f"{len(entries)} YAML files; a playbook may have at most {MAX_FILES}")
        return Loaded(None, Origins(), Report([too_many]), [])
    blobs = read_blobs(repo, [oid for _, oid in entries])
    documents = [(f"{label}:{name}", raw) for (name, _), raw in zip(entries, blobs, strict=True)]
    return load_documents(documents, where, today)


def read_blobs(repo: Repository, specs: list[str]) -> list[bytes]:
    """Every blob's bytes from one `git cat-file --batch` (one process, however many files)."""
    return [blob or b"" for blob in _batch(repo, specs)]


def read_paths(repo: Repository, commits: list[str], path: str) -> list[bytes | None]:
    """One file as each commit held it (None where it did not exist), in one git process."""
    return _batch(repo, [f"{commit}:{path}" for commit in commits])


def _batch(repo: Repository, specs: list[str]) -> list[bytes | None]:
    if not specs:
        return []
    out = git(repo.root, "cat-file", "--batch", stdin="".join(f"{spec}\n" for spec in specs).encode()).stdout
    blobs: list[bytes | None] = []
    at = 0
    for _ in specs:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split(b" ")
        if header[-1] == b"missing" or len(header) < 3:
            blobs.append(None)
            at = header_end + 1
            continue
        size = int(header[2])
        blobs.append(out[header_end + 1: header_end + 1 + size])
        at = header_end + 1 + size + 1  # the blob, then a newline
    return blobs
