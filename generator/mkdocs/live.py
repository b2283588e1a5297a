"""A preview where a save costs what it touched: an engine serves generated files, and only the
files whose bytes a save changed are rewritten.

`playbook serve --dirty` (MkDocs' own `serve --dirty`) and `playbook serve --engine zensical`
both run here. The handbook is rendered once into a scratch project (the files `playbook
generate` writes), the engine is started on it in a child process, and the sources (the
policy, the templates, docs/ and mkdocs.yml) are polled. After a save the policy is rendered
again incrementally (render/incremental.py: only the changed file is parsed again, only the
pages that read a changed field are re-rendered) and only the files whose bytes changed are
written, so the engine, which rebuilds what is newer than its output, rebuilds only those.

A save can touch thousands of pages (a role named on every page). Then the pages the save
is about (the changed item's own pages, render/incremental.py) are rendered and written
first, and the rest follows in the background, while nothing else is saved: first the new
navigation (a changed title is held back until the edited pages are served, so that the
engine rebuilds them without reloading its configuration), then the pending pages a batch at
a time, then (MkDocs, whose dirty build keeps the navigation of pages it does not rebuild)
the pages written before the navigation changed. A save in between is handled at once and
the background carries on from the newest state (a pending page stays due until rendered).
Until then a page still due says so: `assets/preview/status.json` lists those pages and a
script the preview adds to every page shows a notice on them (preview_status.js).

A save that breaks the policy prints the located messages and turns the home page into the
list of problems; the next good save brings the handbook back.
"""

from __future__ import annotations

import json
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
FIRST_PAGES = 40  # a save that touches more pages renders those it is about first, the rest in the background
PENDING_BATCH = 500  # pending pages rendered at a time in the background (each batch runs their producers again)
REST_BATCH = 200  # pages rewritten at a time for a changed navigation
SAVE_PAUSE = 1.5  # seconds after a save's files are written before the background starts (the engine's turn)
REST_PAUSE = 0.5  # seconds between two background batches (a save is looked for in between)
STATUS = "assets/preview/status.json"
STATUS_SCRIPT = "assets/preview/status.js"


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
        return self.renderer.render(strict, first=FIRST_PAGES)

    def render_pending(self, root: Path, playbook_dir: str, templates_dir: str, strict: bool = False,
                       public: bool = False) -> Rendered:
        """The next batch of pending pages, as `render` (the same project: called only while pages are pending)."""
        assert self.renderer is not None and self.key == (root, playbook_dir, templates_dir, public)
        rendered = self.renderer.render_pending(PENDING_BATCH)
        assert rendered is not None
        return rendered

    def redone(self) -> int:
        return len(self.renderer.redone) if self.renderer else 0

    def pending(self) -> list[str]:
        """The pending pages, as paths of the scratch project."""
        state = self.renderer.state if self.renderer else None
        return [f"{DOCS}/{path}" for path in state.pending] if state is not None else []


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
    """The scratch project and what is in it: rendered, synced, and what is still due in the
    background (module docstring)."""

    def __init__(self, config_file: Path, project: Path, engine: Engine, say: Callable[[str], None]) -> None:
        self.config_file, self.project, self.engine, self.say = config_file, project, engine, say
        self.session = Session()
        self.files: Mapping[str, str | bytes] = {}  # the last good files (the base of a problems page)
        self.written: dict[str, str | bytes] = {}  # what is in the scratch project now
        self.held: str | None = None  # the new mkdocs.yml, held back until the edited pages are served
        self.rest: list[str] = []  # pages to rewrite for a changed navigation (MkDocs)
        self.last_write = 0.0
        self.pause = SAVE_PAUSE
        self.directory_urls = True
        self.broken = False  # the last save broke the policy

    def config_edits(self, config: Any) -> None:
        """The engine's own edits of mkdocs.yml, and the preview's notice script on every page."""
        if self.engine.config_edits is not None:
            self.engine.config_edits(config)
        self.directory_urls = config.get("use_directory_urls", True) is not False
        config["extra_javascript"] = [*(config.get("extra_javascript") or []), STATUS_SCRIPT]

    def refresh(self) -> list[str]:
        """Render again after a save and write what changed; returns the changed files."""
        start = time.perf_counter()
        good = False
        try:
            files, warnings, _ = standalone_files(self.config_file, config_edits=self.config_edits,
                                                  render=self.session.render)
            for warning in warnings:
                self.say(warning)
            good = True
        except UserError as error:
            self.say(error.report.format_text())
            files = problem_files(self.config_file, error, self.files, self.config_edits)
        self.held = None
        config = files.get("mkdocs.yml")
        before = self.written.get("mkdocs.yml")
        if (good and isinstance(config, str) and isinstance(before, str) and config != before
                and _pages(files) == _pages(self.written)
                and any(files[path] != self.written.get(path) for path in _pages(files))):
            self.held = config  # only titles changed: the edited pages first, then the new navigation
        self.broken = not good
        changed = self._write(files, good)
        pending = len(self.session.pending()) if good else 0
        self.say(f"rendered in {time.perf_counter() - start:.2f} s ({self.session.redone()} pages re-rendered"
                 f"{f', {pending} more in the background' if pending else ''}); {len(changed)} changed "
                 f"file{'s' if len(changed) != 1 else ''} handed to {self.engine.name}")
        if not good:
            self.rest = []
        elif "mkdocs.yml" in changed:
            self._navigation_changed(files, fresh=set(changed))
        self.pause = SAVE_PAUSE
        if self.held is not None:
            self.say("the navigation follows in the background")
        elif good and not self._due():
            self.say("every page is up to date")
        return changed

    def catch_up(self) -> None:
        """The next step of the background (module docstring), when nothing else is happening."""
        if time.monotonic() - self.last_write < self.pause or not self.files or self.broken:
            return  # (a broken policy: the problems page stays until the next good save)
        self.pause = REST_PAUSE
        files = dict(self.files)
        if self.held is not None:
            self.held = None
            self._write(files, True)
            self.say("the new navigation is handed to the engine")
            self._navigation_changed(files, fresh=set())
        elif self.session.pending():
            start = time.perf_counter()
            files, _, _ = standalone_files(self.config_file, config_edits=self.config_edits,
                                           render=self.session.render_pending)
            changed = self._write(files, True)
            if "mkdocs.yml" in changed:
                self._navigation_changed(files, fresh=set(changed))
            left = len(self.session.pending())
            self.say(f"rendered {self.session.redone()} pending pages in {time.perf_counter() - start:.2f} s"
                     f"{f', {left} to go' if left else ''}")
        elif self.rest:
            batch, self.rest = self.rest[:REST_BATCH], self.rest[REST_BATCH:]
            for relative in batch:
                content = self.written.get(relative)
                if content is not None:
                    path = self.project / relative
                    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            self._write(files, True)  # the status
        else:
            return
        if not self._due():
            self.say("every page is up to date")

    def _navigation_changed(self, files: Mapping[str, str | bytes], fresh: set[str]) -> None:
        """MkDocs keeps the navigation of the pages it does not rebuild: every page neither due
        anyway nor just written with the new navigation (`fresh`) is rewritten in the
        background (Zensical rebuilds them all by itself)."""
        if self.engine.rewrites_rest:
            skip = set(self.session.pending()) | fresh
            self.rest = sorted(path for path in _pages(files) if path not in skip)
            status = self._status(self.written)
            if self.written.get(f"{DOCS}/{STATUS}") != status:  # these pages are due too
                (self.project / DOCS / STATUS).write_text(status, encoding="utf-8")
                self.written[f"{DOCS}/{STATUS}"] = status

    def _due(self) -> set[str]:
        return set(self.session.pending()) | set(self.rest)

    def _write(self, files: dict[str, str | bytes] | Mapping[str, str | bytes], good: bool) -> list[str]:
        """Write `files` (with the held mkdocs.yml kept as it was, and the status of what is due)."""
        if good:
            self.files = dict(files)
        written = dict(files)
        if self.held is not None and "mkdocs.yml" in self.written:
            written["mkdocs.yml"] = self.written["mkdocs.yml"]
        written[f"{DOCS}/{STATUS}"] = self._status(written)
        written[f"{DOCS}/{STATUS_SCRIPT}"] = STATUS_JS
        changed = sync_files(self.project, written, owned=(DOCS, OVERRIDES), previous=self.written)
        self.written = written
        self.last_write = time.monotonic()
        return changed

    def _status(self, files: Mapping[str, str | bytes]) -> str:
        """status.json: the address (from the site's root) of every page still due, and whether the
        navigation is (preview_status.js reads it)."""
        due = sorted(self._due() & set(files))
        return json.dumps({"count": len(due), "stale": [_address(path, self.directory_urls) for path in due],
                           "navigation": self.held is not None}, separators=(",", ":"))


STATUS_JS = (Path(__file__).resolve().parent / "preview_status.js").read_text(encoding="utf-8")


def _pages(files: Mapping[str, str | bytes]) -> set[str]:
    return {path for path in files if path.startswith(f"{DOCS}/") and path.endswith(".md")}


def _address(path: str, directory_urls: bool) -> str:
    """Where MkDocs and Zensical serve a page, from the site's root ("docs/a/b.md" -> "a/b/")."""
    page = path.removeprefix(f"{DOCS}/").removesuffix(".md")
    if not directory_urls:
        return page + ".html"
    if page == "index" or page.endswith("/index"):
        return page.removesuffix("index")
    return page + "/"


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
                    preview.catch_up()
        except KeyboardInterrupt:
            say("stopping the preview")
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.terminate()
            server.wait()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the preview the way Ctrl+C does: the engine stopped, the scratch folder removed."""
    raise KeyboardInterrupt
