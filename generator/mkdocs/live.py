"""A preview where a save costs what it touched: an engine serves generated files, and only the
files whose bytes a save changed are rewritten.

`playbook serve --dirty` (MkDocs' own `serve --dirty`) and `playbook serve --engine zensical`
both run here. The handbook is rendered once into a scratch project (the files `playbook
generate` writes), the engine is started on it in a child process, and the sources (the
policy, the templates, docs/ and mkdocs.yml) are polled. After a save the policy is rendered
again incrementally (render/incremental.py: only the changed file is parsed again, only the
pages that read a changed field are re-rendered) and only the files whose bytes changed are
written, so the engine, which rebuilds what is newer than its output, rebuilds only those.

The navigation is part of every page the engine writes. When a save changes it (a title, a
page added or removed), the pages it did not change would keep the old navigation: with
MkDocs they are then rewritten in the background, a batch at a time while nothing else is
saved, so that every page has the new navigation soon without delaying the next save
(Zensical rebuilds its navigation for every page by itself when mkdocs.yml changes).

A save that breaks the policy prints the located messages and turns the home page into the
list of problems; the next good save brings the handbook back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import UserError
from ..render.incremental import IncrementalRender
from ..render.project import Rendered
from .config import problems_markdown
from .project import read_config
from .standalone import DOCS, OVERRIDES, dump_config, standalone_files, take_plugin_options
from .writer import sync_files

POLL_SECONDS = 0.25  # how often the sources are looked at
REST_BATCH = 40  # pages rewritten at a time for a changed navigation
REST_PAUSE = 2.0  # seconds with no save and no batch before the next batch


@dataclass(frozen=True)
class Engine:
    """How to run one engine on the scratch project."""

    name: str
    command: Callable[[Path, str], list[str]]  # (config file, host:port) -> the command line
    config_edits: Callable[[Any], None] | None = None  # the written mkdocs.yml as this engine reads it
    rewrites_rest: bool = False  # whether pages untouched by a save must be rewritten for a new navigation
    environment: tuple[tuple[str, str], ...] = ()  # added to the engine's environment


def mkdocs_engine() -> Engine:
    """MkDocs' own `serve --dirty`: it rebuilds only pages whose source is newer than its output."""
    return Engine("MkDocs", lambda _config, address: [sys.executable, "-m", "mkdocs", "serve", "--dirty",
                                                      "-f", "mkdocs.yml", "-a", address], rewrites_rest=True,
                  environment=(("NO_MKDOCS_2_WARNING", "1"),))  # Material's banner about MkDocs 2


class Session:
    """The renderer kept for the whole preview (the project's folders are read from mkdocs.yml
    on every save: a changed folder starts a new renderer)."""

    def __init__(self) -> None:
        self.key: tuple[Any, ...] | None = None
        self.renderer: IncrementalRender | None = None

    def render(self, root: Path, playbook_dir: str, templates_dir: str, strict: bool = False,
               public: bool = False) -> Rendered:
        key = (root, playbook_dir, templates_dir, public)
        if self.renderer is None or key != self.key:
            self.key, self.renderer = key, IncrementalRender(root, playbook_dir, templates_dir, public)
        return self.renderer.render(strict)

    def redone(self) -> int:
        return len(self.renderer.redone) if self.renderer else 0


def problem_files(config_file: Path, error: UserError, previous: Mapping[str, str | bytes],
                  config_edits: Callable[[Any], None] | None) -> dict[str, str | bytes]:
    """The preview after a save that broke the policy: the last good files with the problems as
    the home page (or, before any good save, a project of that one page)."""
    if previous:
        return {**previous, f"{DOCS}/index.md": problems_markdown(error)}
    config = read_config(config_file)
    take_plugin_options(config, config_file)
    config.update({"nav": ["index.md"], "docs_dir": DOCS, "edit_uri": ""})
    if config_edits is not None:
        config_edits(config)
    return {f"{DOCS}/index.md": problems_markdown(error), "mkdocs.yml": dump_config(config)}


class Preview:
    """The scratch project and what is in it: rendered, synced, and (for MkDocs) the pages still to
    rewrite for a changed navigation."""

    def __init__(self, config_file: Path, project: Path, engine: Engine, say: Callable[[str], None]) -> None:
        self.config_file, self.project, self.engine, self.say = config_file, project, engine, say
        self.session = Session()
        self.files: Mapping[str, str | bytes] = {}  # the last good files (the base of a problems page)
        self.written: dict[str, str | bytes] = {}  # what is in the scratch project now
        self.rest: list[str] = []  # pages to rewrite for a changed navigation
        self.last_write = 0.0

    def refresh(self) -> list[str]:
        """Render again and write what changed; returns the changed files."""
        start = time.perf_counter()
        good = False
        try:
            files, warnings, _ = standalone_files(self.config_file, config_edits=self.engine.config_edits,
                                                  render=self.session.render)
            for warning in warnings:
                self.say(warning)
            self.files, good = files, True
        except UserError as error:
            self.say(error.report.format_text())
            files = problem_files(self.config_file, error, self.files, self.engine.config_edits)
        changed = sync_files(self.project, files, owned=(DOCS, OVERRIDES), previous=self.written)
        self.written = dict(files)
        self.last_write = time.monotonic()
        self.say(f"rendered in {time.perf_counter() - start:.2f} s ({self.session.redone()} pages re-rendered); "
                 f"{len(changed)} changed file{'s' if len(changed) != 1 else ''} handed to {self.engine.name}")
        if self.engine.rewrites_rest and "mkdocs.yml" in changed and good:
            done = set(changed)
            self.rest = [path for path in sorted(files) if path.startswith(f"{DOCS}/") and path.endswith(".md")
                         and path not in done]
            if self.rest:
                self.say(f"the navigation changed: {len(self.rest)} other pages get it in the background")
        return changed

    def rewrite_rest(self) -> None:
        """Rewrite the next batch of pages a changed navigation left behind, when nothing else is happening."""
        if not self.rest or time.monotonic() - self.last_write < REST_PAUSE:
            return
        batch, self.rest = self.rest[:REST_BATCH], self.rest[REST_BATCH:]
        for relative in batch:
            content = self.written.get(relative)
            if content is not None:
                path = self.project / relative
                path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        self.last_write = time.monotonic()
        if not self.rest:
            self.say("every page has the new navigation")


def serve_generated(config_file: Path, address: str, url: str, engine: Engine, on_ready: Callable[[str], None],
                    say: Callable[[str], None], changed: Callable[[], bool],
                    wait_until_answering: Callable[[str, subprocess.Popen[bytes], Path], None]) -> None:
    """Run `engine` on a scratch project kept in step with the sources (module docstring)."""
    with tempfile.TemporaryDirectory(prefix="playbook-preview-") as scratch:
        preview = Preview(config_file, Path(scratch), engine, say)
        preview.refresh()
        server = subprocess.Popen(engine.command(config_file, address), cwd=scratch,
                                  env={**os.environ, **dict(engine.environment)})
        previous = signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop, as Ctrl+C
        try:
            wait_until_answering(url, server, config_file)
            on_ready(url)
            while server.poll() is None:
                time.sleep(POLL_SECONDS)
                if changed():
                    preview.refresh()
                else:
                    preview.rewrite_rest()
        except KeyboardInterrupt:
            say("stopping the preview")
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.terminate()
            server.wait()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the preview the way Ctrl+C does: the engine stopped, the scratch folder removed."""
    raise KeyboardInterrupt
