"""Where a command may write: the one guard every output passes before anything is written.

`playbook build --site-dir .` once replaced a whole project with its site, because the
staging swap (writer.py) replaces whatever the target is. So every writing command names
its target to `check_folder` or `check_file` (writer.py does it for them), and the target is
refused when it is, holds, or sits inside something the project reads: the project folder,
the policy, templates or docs folder, the MkDocs config, or a git repository's `.git`.
A folder is replaced whole, so a non-empty one must also carry the marker that the same
command leaves in every folder it writes (`.playbook-output`, naming the command):
anything else in it is somebody's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import UserError
from ..read.source import display_path

MARKER = ".playbook-output"
LEGACY_MARKERS = {".playbook-generated": "generate"}  # what `generate` left before MARKER existed
NOTHING_CHANGED = "nothing was changed"


@dataclass(frozen=True)
class Inputs:
    """What one project reads: (what it is, resolved path), the project folder first."""

    paths: tuple[tuple[str, Path], ...]


def project_inputs(root: Path, config_file: Path | None, playbook_dir: Path, templates_dir: Path | None = None,
                   docs_dir: Path | None = None) -> Inputs:
    """The project's inputs; templates and docs default to the folders MkDocs and the plugin default to."""
    root = root.resolve()
    named = [("project folder", root), ("policy folder", playbook_dir.resolve()),
             ("templates folder", (templates_dir or root / "templates").resolve()),
             ("docs folder", (docs_dir or root / "docs").resolve())]
    if config_file is not None:
        named.append(("MkDocs config", config_file.resolve()))
    repository = git_folder(root)
    if repository is not None:
        named.append(("git repository (.git)", repository))
    return Inputs(tuple(named))


def git_folder(start: Path) -> Path | None:
    """The `.git` (a folder, or a worktree's file) of the repository holding `start`, if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder / ".git"
    return None


def refusal(target: Path, what: str, inputs: Inputs) -> str | None:
    """Why `target` may not be written (a folder or file output), or None when it may."""
    resolved = target.resolve()
    if ".git" in resolved.parts:
        return "it is inside a git repository's own folder (.git)"
    for name, path in inputs.paths:
        if resolved == path:
            return f"it is the {name}"
        if resolved in path.parents:
            return f"it holds the {name} ({display_path(path)})"
        if name != "project folder" and path in resolved.parents:
            return f"it is inside the {name} ({display_path(path)}), which the project reads"
    if what == "folder" and resolved.exists() and not resolved.is_dir():
        return "it is a file, not a folder"
    if what == "file" and resolved.is_dir():
        return "it is a folder, not a file"
    return None


def made_by(folder: Path) -> str | None:
    """The command named by the folder's marker, or None when it has none."""
    marker = folder / MARKER
    if marker.is_file():
        return marker.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
    for legacy, command in LEGACY_MARKERS.items():
        if (folder / legacy).is_file():
            return command
    return None


def marker_text(command: str) -> str:
    return (f"{command}\n# This folder was written by 'playbook {command}' and is replaced whole on every run:\n"
            "# keep nothing else here.\n")


def check_folder(target: Path, command: str, inputs: Inputs) -> None:
    """Raise UserError unless `target` may be replaced whole by `command`'s output."""
    why = refusal(target, "folder", inputs)
    hint = f"choose a new or empty folder; {NOTHING_CHANGED}"
    if why is None and target.is_dir() and any(target.iterdir()):
        owner = made_by(target)
        if owner is None:
            why = f"it is not empty and was not written by 'playbook {command}' (it has no {MARKER})"
            hint = (f"choose a new or empty folder (an output of an older version of this tool: delete it "
                    f"once); {NOTHING_CHANGED}")
        elif owner != command:
            why = f"it was written by 'playbook {owner}', not 'playbook {command}'"
    if why is not None:
        raise UserError.at(display_path(target), f"'playbook {command}' will not write this folder: {why}", hint)


def check_file(target: Path, command: str, inputs: Inputs) -> None:
    """Raise UserError unless `target` may be (over)written by `command`'s output."""
    why = refusal(target, "file", inputs)
    if why is not None:
        raise UserError.at(display_path(target), f"'playbook {command}' will not write this file: {why}",
                           f"choose a file outside the project's inputs; {NOTHING_CHANGED}")


def check_additions(folder: Path, entries: dict[str, str], command: str, inputs: Inputs) -> None:
    """Raise UserError unless `command` may add `entries` ({relative path: "folder" or "file"}) to
    `folder` without overwriting anything: `init` adds a project to a folder that may hold other
    work (a repository's README), so only what it adds must be new (an empty folder counts as new)."""
    why = refusal(folder, "folder", inputs)
    where = folder
    for relative, kind in sorted(entries.items()):
        if why is not None:
            break
        path = folder / relative
        above = next((p for p in reversed(path.relative_to(folder).parents) if (folder / p).is_file()), None)
        if above is not None:
            where, why = folder / above, "a file is in the way of a folder this command makes"
        elif path.exists() and not (kind == "folder" and path.is_dir() and not any(path.iterdir())):
            where, why = path, f"it already exists{' and is not empty' if path.is_dir() else ''}"
    if why is not None:
        raise UserError.at(display_path(where), f"'playbook {command}' will not write here: {why}",
                           f"choose a new or empty folder, or one without {', '.join(sorted(entries))}; "
                           f"{NOTHING_CHANGED}")
