"""The only module that writes outputs: everything is checked, staged, then swapped in whole.

Every target first passes the guard in outputs.py (never an input, never somebody else's
folder). A build or generate that fails half-way, or is stopped (Ctrl+C; SIGTERM, which the
command line turns into an exit that runs these clean-ups), must leave the previous output
untouched and nothing beside it, so files are written into a hidden folder or file beside
the target and renamed over it at the end (a rename within one file system is atomic; the
old folder is removed afterwards). An OSError while writing is the user's folder refusing
us (read-only, full, a file where a folder should be): a located error, not a traceback.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..diagnostics import UserError
from ..read.source import display_path
from .outputs import MARKER, Inputs, check_additions, check_file, check_folder, marker_text


@contextmanager
def write_errors(target: Path) -> Iterator[None]:
    """An OSError from writing `target` as a located error (the previous output is untouched)."""
    try:
        yield
    except OSError as error:
        blocker = next((p for p in target.absolute().parents if p.exists() and not p.is_dir()), None)
        reason = f"{display_path(blocker)} is a file, not a folder" if blocker else error.strerror or str(error)
        raise UserError.at(display_path(target), f"cannot write here: {reason}",
                           "check that the folder above it exists, is a folder and may be written to; "
                           "nothing was changed") from None


@contextmanager
def staged(target: Path, command: str, inputs: Inputs) -> Iterator[Path]:
    """A fresh folder beside `target`; swapped in when the block succeeds, removed if it fails.

    `target` must pass outputs.check_folder for `command`; the swapped-in folder carries
    the marker that lets the same command replace it next time.
    """
    check_folder(target, command, inputs)
    shown, target = target, target.resolve()
    with write_errors(shown):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        yield staging
        with write_errors(shown):
            (staging / MARKER).write_text(marker_text(command), encoding="utf-8")
            swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def swap_in(built: Path, target: Path) -> None:
    """Publish a finished folder (on the same file system as `target`) in place of `target`.

    mkdtemp makes a folder private (0700); a published site must be readable by the web
    server's user, so it gets the mode any folder made here would get (0755 under the usual
    umask 022). Files and folders inside were made with the umask already.
    """
    built.chmod(0o777 & ~current_umask())
    replace_dir(built, target)


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def replace_dir(staging: Path, target: Path) -> None:
    """Put `staging` at `target`; hidden entries of the old target (.git, .nojekyll...) are kept,
    as MkDocs' own clean step keeps them. If the swap fails, the old target is put back whole."""
    if not target.exists():
        os.rename(staging, target)
        return
    kept = [entry.name for entry in sorted(target.iterdir())
            if entry.name.startswith(".") and not (staging / entry.name).exists()]
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    try:
        for name in kept:
            os.rename(target / name, staging / name)
        os.rename(target, retired / target.name)
        os.rename(staging, target)
    except BaseException:  # an OSError, or a stop (SIGTERM, Ctrl+C) between the two renames
        if not target.exists() and (retired / target.name).exists():
            os.rename(retired / target.name, target)
        for name in kept:
            if (staging / name).exists():
                os.rename(staging / name, target / name)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write {relative posix path: content} under `folder`, text as UTF-8 with \\n line ends."""
    for relative, content in sorted(files.items()):
        path = folder.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)


def sync_files(folder: Path, files: Mapping[str, str | bytes], owned: tuple[str, ...],
               previous: Mapping[str, str | bytes] | None = None) -> list[str]:
    """Make `folder` hold exactly `files` below its `owned` top-level entries; returns what changed.

    For a folder an engine is watching (`playbook serve --engine zensical`): a file whose
    bytes are unchanged is not touched, so the engine rebuilds only what an edit changed
    (rewriting the same bytes made Zensical rebuild everything). Everything else in the
    folder (the engine's own site/ and cache) is left alone.
    """
    changed = []
    for relative, content in sorted(files.items()):
        path = folder.joinpath(*relative.split("/"))
        if previous is not None and previous.get(relative) == content and path.is_file():
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(relative)
    if previous is not None:  # what was written last time is all there is to remove
        for relative in sorted(set(previous) - set(files)):
            if relative.split("/")[0] in owned:
                folder.joinpath(*relative.split("/")).unlink(missing_ok=True)
                changed.append(relative)
        return changed
    for top in owned:
        for path in sorted((folder / top).rglob("*")) if (folder / top).is_dir() else []:
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                changed.append(relative)
    return changed


def write_tree(target: Path, files: Mapping[str, str | bytes], command: str, inputs: Inputs) -> None:
    """Replace the folder `target` with exactly these files (plus the marker naming `command`)."""
    with staged(target, command, inputs) as staging, write_errors(target):
        write_files(staging, files)


@contextmanager
def staged_file(target: Path, command: str, inputs: Inputs) -> Iterator[Path]:
    """A hidden file beside `target` to write; renamed over `target` when the block succeeds."""
    check_file(target, command, inputs)
    with _replacing(target) as partial:
        yield partial


def write_file(target: Path, data: str | bytes, command: str, inputs: Inputs) -> None:
    """Write one output file whole, or not at all."""
    with staged_file(target, command, inputs) as partial, write_errors(target):
        partial.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def rewrite_input(path: Path, data: str | bytes) -> None:
    """Replace a file of the policy itself (`records import` edits the roster) whole, or not at all;
    its permissions stay as they were."""
    with _replacing(path) as partial, write_errors(path):
        partial.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    with write_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(handle)
    partial = Path(name)
    try:
        yield partial
        with write_errors(target):
            mode = target.stat().st_mode & 0o7777 if target.is_file() else 0o666 & ~current_umask()
            partial.chmod(mode)
            os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def staged_additions(folder: Path, entries: dict[str, str], command: str, inputs: Inputs) -> Iterator[Path]:
    """A hidden folder inside `folder` to build `entries` in; moved in when the block succeeds.

    For `init`, which adds a project to a folder that may already hold other work: nothing
    there is overwritten (outputs.check_additions), and a failure or interruption leaves the
    folder as it was (removed again if this call made it), never a half-made project.
    """
    check_additions(folder, entries, command, inputs)
    made = next((p for p in reversed([folder, *folder.parents]) if not p.exists()), None)
    with write_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)
    undo: list[Callable[[], None]] = []
    try:
        with write_errors(folder):
            staging = Path(tempfile.mkdtemp(prefix=f".playbook-{command}-", dir=folder))
        try:
            yield staging
            with write_errors(folder):
                for relative in sorted(entries):
                    _move_in(staging / relative, folder / relative, undo)
        except BaseException:
            for step in reversed(undo):
                step()
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        raise


def _move_in(source: Path, destination: Path, undo: list[Callable[[], None]]) -> None:
    """Rename `source` to `destination` (an empty folder there is replaced; missing parent folders
    are made), adding to `undo` what puts each step back."""
    if destination.is_dir() and not any(destination.iterdir()):
        destination.rmdir()
        undo.append(destination.mkdir)
    missing = [p for p in reversed(destination.parents) if not p.exists()]
    for parent in missing:
        parent.mkdir()
        undo.append(parent.rmdir)
    os.rename(source, destination)
    undo.append(lambda: os.rename(destination, source))
