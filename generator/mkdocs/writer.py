"""The only module that writes output folders: everything is staged, then swapped in whole.

A build or generate that fails half-way must leave the previous output untouched, so
files are written into a hidden folder beside the target and renamed over it at the end
(a rename within one file system is atomic; the old folder is removed afterwards).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

GENERATED_MARKER = ".playbook-generated"


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target`; swapped in when the block succeeds, removed if it fails."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        yield staging
        swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


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
    as MkDocs' own clean step keeps them."""
    if not target.exists():
        os.rename(staging, target)
        return
    for entry in sorted(target.iterdir()):
        if entry.name.startswith(".") and not (staging / entry.name).exists():
            os.rename(entry, staging / entry.name)
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, retired / target.name)
    os.rename(staging, target)
    shutil.rmtree(retired)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write {relative posix path: content} under `folder`, text as UTF-8 with \\n line ends."""
    for relative, content in sorted(files.items()):
        path = folder.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)


def sync_files(folder: Path, files: Mapping[str, str | bytes], owned: tuple[str, ...]) -> list[str]:
    """Make `folder` hold exactly `files` below its `owned` top-level entries; returns what changed.

    For a folder an engine is watching (`playbook serve --engine zensical`): a file whose
    bytes are unchanged is not touched, so the engine rebuilds only what an edit changed
    (rewriting the same bytes made Zensical rebuild everything). Everything else in the
    folder (the engine's own site/ and cache) is left alone.
    """
    changed = []
    for relative, content in sorted(files.items()):
        path = folder.joinpath(*relative.split("/"))
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(relative)
    for top in owned:
        for path in sorted((folder / top).rglob("*")) if (folder / top).is_dir() else []:
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                changed.append(relative)
    return changed


def write_tree(target: Path, files: Mapping[str, str | bytes]) -> None:
    """Replace `target` with exactly these files (plus a marker saying the tool made it)."""
    with staged(target) as staging:
        write_files(staging, {**files, GENERATED_MARKER: "made by 'playbook generate'; rewritten on every run\n"})


def replaceable(target: Path) -> bool:
    """Only an empty folder or one this tool made may be replaced wholesale."""
    return not target.exists() or (target.is_dir() and (not any(target.iterdir())
                                                        or (target / GENERATED_MARKER).is_file()))
