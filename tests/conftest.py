"""Shared fixtures: projects built into sites, a local HTTP server, and a sandboxed browser.

Site-level tests build a real project (a copy of the example playbook and the root
mkdocs.yml) with MkDocs in a subprocess, serve the result on 127.0.0.1 and drive Debian's
Chromium through Playwright. The browser never reaches the network: every request to
another host is recorded (the handbook must make none) and fails at once. axe-core (for
the accessibility tests) comes from npm, installed by tests/prepare.py. Missing Chromium
or axe-core fails the tests with instructions; nothing is skipped.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# The one place the suite says what time it is: every command and build reads "now" from
# generator/clock.py, which reads PLAYBOOK_NOW first; set here, at import, it holds for this
# process and every subprocess a test starts. No test depends on the real date (a test runs
# the non-browser suite under faketime two years ahead to prove it: test_clock.py). The day is
# the example's own (its latest training record), so `playbook init --from example` in a test
# makes a copy of the example byte for byte.
PINNED_NOW = "2026-11-23T12:00+00:00"
os.environ["PLAYBOOK_NOW"] = PINNED_NOW
os.environ.pop("SOURCE_DATE_EPOCH", None)
PINNED = dt.datetime.fromisoformat(PINNED_NOW)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINIMAL = DATA / "minimal"
CHROMIUM = Path("/usr/bin/chromium")
NPM_MODULES = ROOT / "tests" / ".cache" / "npm" / "node_modules"
AXE = NPM_MODULES / "axe-core" / "axe.min.js"
IFRAME_WORKER = NPM_MODULES / "iframe-worker" / "shim" / "index.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PREPARE_HINT = "run 'python tests/prepare.py' (it installs Debian's chromium and npm's axe-core and iframe-worker)"


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`playbook check` and `validate` cache compiled rules; every test module keeps its own
    cache out of the user's home (a test that needs another sets PLAYBOOK_CACHE_DIR itself)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("rules-cache")))
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/ from the current output instead of comparing.")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def example_playbook() -> Path:
    """The repository's example playbook once it exists, the tiny fixture until then."""
    folder = ROOT / "playbook"
    has_yaml = folder.is_dir() and any(p.suffix in (".yaml", ".yml") for p in folder.rglob("*"))
    return folder if has_yaml else MINIMAL


def make_project(target: Path, playbook: Path | None = None, config: Path | None = None) -> Path:
    """A self-contained project folder (mkdocs.yml, playbook/, docs/) that tests may change freely."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(config or ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(playbook or example_playbook(), target / "playbook", dirs_exist_ok=True)
    shutil.copytree(ROOT / "docs", target / "docs", dirs_exist_ok=True)
    return target


NEWS = DATA / "corpus" / "news.yaml"


def example_with_news(crisis_on: bool = False) -> Path:
    """The example playbook plus the corpus's news of the day (the example's own watchlist is
    empty: a dated entry in it would lapse); with crisis_on, after the one edit its crisis.yaml asks for."""
    folder = Path(tempfile.mkdtemp(prefix="example-news-")) / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    shutil.copy(NEWS, folder / "zz-news.yaml")
    if crisis_on:
        crisis = folder / "crisis.yaml"
        text = crisis.read_text(encoding="utf-8")
        assert "  active: false" in text
        crisis.write_text(text.replace("  active: false", "  active: true", 1), encoding="utf-8")
    return folder


def pages_of(playbook: Path, target: Path) -> dict[str, str]:
    """{page path: Markdown} of a policy folder rendered in a fresh project at `target`."""
    from generator.render.project import render_project

    return {path: page.markdown for path, page in render_project(make_project(target, playbook)).site.pages.items()}


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def run_mkdocs(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of a project in a subprocess (MkDocs keeps global logging state)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(project / "mkdocs.yml"),
               "-d", str(site_dir), *extra]
    return subprocess.run(command, cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=600)


# The engines a handbook is built with: MkDocs + Material (the plugin) and Zensical (generated files).
ENGINES = ("mkdocs", "zensical")
# A test marked so runs once per engine: every fixture built from `engine` (example_site,
# example_url, the checker's sites...) is then that engine's build of the same project.
on_both_engines = pytest.mark.parametrize("engine", ENGINES, indirect=True)


def build_project(project: Path, site_dir: Path | None = None, strict: bool = True, engine: str = "mkdocs") -> Path:
    """Build a project (strict by default) and return the site folder; fail loudly.

    MkDocs runs as `mkdocs build` with the plugin; Zensical as `playbook build --engine zensical`."""
    if engine == "zensical":
        site_dir = site_dir or project / "site-zensical"
        command = [sys.executable, "-m", "generator", "build", "--engine", "zensical", "-C", str(project),
                   "-d", str(site_dir), *(["--strict"] if strict else [])]
        result = subprocess.run(command, cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    else:
        site_dir = site_dir or project / "site"
        result = run_mkdocs(project, site_dir, *(["--strict"] if strict else []))
    assert result.returncode == 0, f"{engine} build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def search_documents(site: Path) -> list[dict[str, str]]:
    """The search index's documents ({"location", "title", "text"}) of a site built by either
    engine: MkDocs writes search/search_index.json ("docs"), Zensical search.json ("items")."""
    import json

    mkdocs_index = site / "search" / "search_index.json"
    if mkdocs_index.is_file():
        return json.loads(mkdocs_index.read_text(encoding="utf-8"))["docs"]
    return json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="session")
def engine(request: pytest.FixtureRequest) -> str:
    """The engine of the sites a test gets: MkDocs, unless the test is marked on_both_engines."""
    return str(getattr(request, "param", "mkdocs"))


def built_once(build: Callable[[str], Path]) -> Callable[[str], Path]:
    """`build(engine)` done at most once per engine in the session, however tests are ordered."""
    return functools.cache(build)


@pytest.fixture(scope="session")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("example") / "project")


@pytest.fixture(scope="session")
def example_builds(example_project: Path) -> Callable[[str], Path]:
    return built_once(lambda engine: build_project(example_project, engine=engine))


@pytest.fixture(scope="session")
def example_site(example_builds: Callable[[str], Path], engine: str) -> Path:
    """The example handbook built once per session and engine, strict."""
    return example_builds(engine)


@pytest.fixture(scope="session")
def payload_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with script, attribute, javascript: and Jinja payloads in every free-text field."""
    from generator.lint.loader import load_playbook
    from payloads import write_payload_playbook

    loaded = load_playbook(example_playbook())
    assert loaded.playbook is not None, loaded.report.format_text()
    project = make_project(tmp_path_factory.mktemp("payload") / "project")
    write_payload_playbook(loaded.playbook, project / "playbook")
    return project


@pytest.fixture(scope="session")
def payload_site(payload_project: Path) -> Path:
    return build_project(payload_project)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Servers:
    """Static servers started during the session, stopped at its end."""

    running: list[ThreadingHTTPServer] = field(default_factory=list)

    def serve(self, directory: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.running.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    def stop(self) -> None:
        for server in self.running:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], str]]:
    """serve_site(folder) -> base URL of that folder served on 127.0.0.1 at a free port."""
    servers = Servers()
    yield servers.serve
    servers.stop()


@pytest.fixture(scope="session")
def example_url(example_site: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(example_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: {PREPARE_HINT}", pytrace=False)
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: {PREPARE_HINT}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def route_offline(events: PageEvents) -> Callable[[object], None]:
    """Local requests (and files, for the offline bundle) pass; anything else is recorded and fails."""

    def handle(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.hostname in LOCAL_HOSTS or parts.scheme in ("data", "blob", "file"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            events.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    return handle


@dataclass
class PageEvents:
    """What a page said while a test drove it: console errors, uncaught exceptions, dialogs."""

    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # outside URLs refused: the handbook must ask for none


@pytest.fixture
def page_events() -> PageEvents:
    return PageEvents()


@pytest.fixture
def page(browser: object, page_events: PageEvents) -> Iterator[object]:
    """A fresh browser page, offline except for 127.0.0.1; events land in `page_events`."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.route("**/*", route_offline(page_events))
    context.set_default_timeout(30_000)
    opened = context.new_page()

    def on_console(message: object) -> None:
        # A refused outside request logs "Failed to load resource": that is the sandbox, not the site.
        refused = message.location.get("url") in page_events.blocked  # type: ignore[attr-defined]
        if message.type == "error" and not refused:  # type: ignore[attr-defined]
            page_events.console_errors.append(f"{message.page.url}: {message.text}")  # type: ignore[attr-defined]

    def on_dialog(dialog: object) -> None:
        page_events.dialogs.append(f"{dialog.page.url}: {dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def on_error(error: object) -> None:
        page_events.console_errors.append(f"{error.page.url}: {error.error}")  # type: ignore[attr-defined]

    # On the context, so that every page a test opens in it (see page.context) reports here.
    context.on("console", on_console)
    context.on("dialog", on_dialog)
    context.on("weberror", on_error)
    yield opened
    context.close()


def pin_clock(page: object) -> None:
    """The page's Date.now() is the suite's pinned moment, as the commands' "now" is. Only the
    pages whose answer depends on the time ask for it: Playwright's fake clock also replaces the
    timers Material uses to mark wide tables focusable, which the accessibility tests check."""
    page.clock.set_fixed_time(PINNED)  # type: ignore[attr-defined]


@pytest.fixture
def console_errors(page_events: PageEvents) -> list[str]:
    return page_events.console_errors


@pytest.fixture
def dialogs(page_events: PageEvents) -> list[str]:
    return page_events.dialogs


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A policy owner's git repository (`playbook init --from example`, one commit), as the
    current folder, as `playbook diff`, `codeowners` and `proofread` are run."""
    from policy_repo import new_repo

    root = new_repo(tmp_path / "policy")
    monkeypatch.chdir(root)
    return root
