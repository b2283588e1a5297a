"""Zensical as a second engine: `playbook build --engine zensical` and `playbook serve --engine zensical`.

Zensical (the successor of Material for MkDocs, by the same team) reads mkdocs.yml but runs
no MkDocs plugins, so it builds what `playbook generate` writes: the pages as files and a
plugin-free mkdocs.yml (standalone.py). Both commands therefore render into a scratch
folder and run Zensical's own command on it, in a child process: its Rust runtime keeps
global state, and its failures stay its messages, not our traceback.

- build: validate (strict when asked), render, write the scratch project beside the target,
  `zensical build`, then swap the built site in whole, as the MkDocs build does (writer.py).
- serve: render into a scratch project, start `zensical serve` on it, and poll the policy,
  the templates, docs/ and mkdocs.yml; after a save, render again incrementally and rewrite
  only the files whose bytes changed (Zensical rebuilds what changed; rewriting the same
  bytes made it rebuild everything). live.py does this for any engine; `playbook serve
  --dirty` runs MkDocs the same way. A save that breaks the policy prints the located
  messages and turns the home page into the list of problems; the next good save brings
  the handbook back.

What the written mkdocs.yml changes for Zensical (zensical_config): the `classic` variant,
Material's look, which the handbook's styles and tests were made for (Zensical's default
is its `modern` look).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..diagnostics import UserError
from ..render.project import DEFAULT_PLAYBOOK_DIR, DEFAULT_TEMPLATES_DIR
from .live import Engine, serve_generated
from .outputs import MARKER, check_folder, marker_text
from .project import config_inputs, read_config
from .standalone import DOCS, standalone_files, take_plugin_options
from .writer import swap_in, write_files

ENGINE = "zensical"
INSTALL_HINT = "install it with: pip install 'social-playbook[zensical]'"
SITE = "site"  # Zensical wants site_dir inside the project it builds
DEFAULT_ADDRESS = "127.0.0.1:8000"
POLL_SECONDS = 0.25  # how often the preview asks whether the engine answers
FIRST_BUILD_SECONDS = 3600.0  # how long the preview waits for the engine's first build


def zensical_config(config: Any) -> None:
    """The generated mkdocs.yml as Zensical should read it (see the module docstring)."""
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme.setdefault("variant", "classic")
    config["site_dir"] = SITE


def zensical_command(config_file: Path, *args: str) -> list[str]:
    """`zensical ARGS` in this interpreter, or an error (at the config it would build) saying how to install it."""
    if importlib.util.find_spec(ENGINE) is None:
        raise UserError.at(str(config_file), "the Zensical engine is not installed", INSTALL_HINT)
    return [sys.executable, "-m", ENGINE, *args]


def default_site_dir(config_file: Path) -> Path:
    return config_file.resolve().parent / str(read_config(config_file).get("site_dir") or SITE)


def build_with_zensical(config_file: Path, site_dir: Path | None, strict: bool, public: bool,
                        say: Callable[[str], None]) -> Path:
    """Validate, render, build with Zensical in a scratch folder, swap the site in; returns it."""
    command = zensical_command(config_file, "build", "-f", "mkdocs.yml", *(["--strict"] if strict else []))
    target = (site_dir or default_site_dir(config_file)).resolve()
    check_folder(target, "build", config_inputs(config_file))  # the guard every output passes (outputs.py)
    files, warnings, notes = standalone_files(config_file, public=public, strict=strict, config_edits=zensical_config)
    for warning in warnings:
        say(warning)
    for note in notes:
        say(f"info: {note}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}.zensical-", dir=target.parent) as scratch:
        project = Path(scratch)
        write_files(project, files)
        engine = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        reason = relay(engine, say)
        if engine.wait() != 0:
            raise UserError.at(str(config_file), f"Zensical stopped{': ' + reason if reason else ''}",
                               "the Zensical messages above say what to fix; the previous site is unchanged")
        (project / SITE / MARKER).write_text(marker_text("build"), encoding="utf-8")
        swap_in(project / SITE, target)
    return target


def relay(engine: subprocess.Popen[str], say: Callable[[str], None]) -> str | None:
    """Pass Zensical's messages on as they come, except a Python traceback (Zensical 0.1 ends a
    strict build that way): its last line, the reason, is returned instead of shown."""
    assert engine.stdout is not None
    reason = None
    in_traceback = False
    for line in engine.stdout:
        in_traceback = in_traceback or line.startswith("Traceback (most recent call last):")
        if in_traceback:
            if line.strip() and not line.startswith((" ", "Traceback")):
                reason = line.strip().partition(": ")[2] or line.strip()
        else:
            say(line.rstrip("\n"))
    return reason


class Sources:
    """What a save can change: the policy, the templates, docs/ and mkdocs.yml, by mtime and size.

    The folders are read from mkdocs.yml again only when mkdocs.yml itself changes: polling
    must stay cheap while nothing happens."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.watched: tuple[tuple[int, int] | None, list[Path]] = (None, [])
        self.stamps = self.read()

    def folders(self) -> list[Path]:
        stamp = _stamp(self.config_file)
        if stamp != self.watched[0]:
            root = self.config_file.resolve().parent
            try:
                config = read_config(self.config_file)
                options = take_plugin_options(config, self.config_file)
            except UserError:  # broken while being edited: its own stamp says when it is saved again
                return []
            names = (options.get("playbook_dir", DEFAULT_PLAYBOOK_DIR),
                     options.get("templates_dir", DEFAULT_TEMPLATES_DIR), str(config.get("docs_dir") or DOCS))
            self.watched = (stamp, [root / name for name in names])
        return self.watched[1]

    def read(self) -> dict[str, tuple[int, int] | None]:
        paths = [self.config_file, *(p for folder in self.folders() if folder.is_dir()
                                     for p in folder.rglob("*") if p.is_file())]
        return {str(path): _stamp(path) for path in paths}

    def changed(self) -> bool:
        now = self.read()
        if now == self.stamps:
            return False
        self.stamps = now
        return True


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def preview_address(config_file: Path, dev_addr: str | None) -> tuple[str, str]:
    """(host:port to serve on, the address to open): the path is site_url's, as MkDocs serves it."""
    config = read_config(config_file)
    address = dev_addr or str(config.get("dev_addr") or DEFAULT_ADDRESS)
    path = urlsplit(str(config.get("site_url") or "")).path or "/"
    return address, f"http://{address}{path if path.endswith('/') else path + '/'}"


def serve_with_zensical(config_file: Path, dev_addr: str | None, on_ready: Callable[[str], None],
                        say: Callable[[str], None]) -> None:
    """`zensical serve` on a scratch project kept in step with the sources (module docstring, live.py)."""
    serve_generated_files(config_file, dev_addr, Engine(
        "Zensical", lambda config, address: zensical_command(config, "serve", "-f", "mkdocs.yml", "-a", address),
        zensical_config), on_ready, say)


def serve_generated_files(config_file: Path, dev_addr: str | None, engine: Engine, on_ready: Callable[[str], None],
                          say: Callable[[str], None]) -> None:
    """Any engine (live.py) on the generated files, at the preview's address, polling the sources."""
    address, url = preview_address(config_file, dev_addr)
    engine.command(config_file, address)  # not installed: the located error before anything is rendered
    sources = Sources(config_file)
    # The first build of a large handbook takes minutes (about 100 s for MkDocs at 1,000 roles).
    serve_generated(config_file, address, url, engine, on_ready, say, sources.changed,
                    lambda address, server, config: wait_until_answering(address, server, config, FIRST_BUILD_SECONDS,
                                                                         engine.name))


def wait_until_answering(url: str, server: subprocess.Popen[bytes], config_file: Path, timeout: float = 120.0,
                         name: str = "Zensical") -> None:
    """Block until the preview answers (the engine builds before it serves), or say why not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise UserError.at(str(config_file), f"{name} stopped (exit {server.returncode}) before serving",
                               f"the {name} messages above say why")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(POLL_SECONDS)
    raise UserError.at(str(config_file), f"{name} did not answer at {url} within {timeout:.0f} s")
