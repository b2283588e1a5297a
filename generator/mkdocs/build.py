"""Running MkDocs for `playbook build` and `playbook serve`: validate first, publish whole.

The policy is checked before MkDocs starts, so a broken policy never reaches the site;
MkDocs then builds into a staging folder that replaces the old site only on success.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from ..clock import build_today
from ..diagnostics import UserError
from ..lint.loader import load_or_raise
from .offline import enable_offline, zip_site
from .outputs import check_folder
from .plugin import PlaybookPlugin
from .project import PLUGIN, config_inputs, read_config
from .writer import staged, staged_file

_SERVING = re.compile(r"Serving on (\S+)")  # MkDocs' line once the preview server listens


class _ServeLog(logging.Filter):
    """The preview server's log, minus what misleads a new user.

    MkDocs logs every answer but 200 as a WARNING, so the redirect from `/` to the site's
    path (and a browser's 304 "not modified") looked like faults; they are normal. When the
    server is ready, `on_ready` gets the full address, path included.
    """

    def __init__(self, on_ready: Callable[[str], None] | None) -> None:
        super().__init__()
        self.on_ready = on_ready

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.name == "mkdocs.livereload" and message.endswith(("code 302", "code 304")):
            return False
        ready = _SERVING.search(message) if self.on_ready is not None else None
        if ready and self.on_ready is not None:
            self.on_ready(ready.group(1))
        return True


@contextmanager
def mkdocs_logging(level: int = logging.INFO, on_ready: Callable[[str], None] | None = None) -> Iterator[None]:
    """Show MkDocs' log the way the `mkdocs` command does, for the duration of one run."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    handler.addFilter(_ServeLog(on_ready))
    previous = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


@contextmanager
def docs_stand_in(config_file: Path) -> Iterator[str | None]:
    """MkDocs' option overrides that let a project without a docs/ folder build.

    Hand-written pages are optional: every page can come from the playbook. MkDocs insists
    that docs_dir exists, so a missing one is replaced by an empty folder for this run
    (yielded as the docs_dir override; None when the project has its own).
    """
    docs = config_file.resolve().parent / str(read_config(config_file).get("docs_dir") or "docs")
    if docs.is_dir():
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="playbook-no-docs-") as empty:
        yield empty


def load_mkdocs_config(config_file: Path, **options: Any) -> MkDocsConfig:
    """MkDocs' config with our plugin enabled; a missing file or plugin is a located error."""
    read_config(config_file)  # a missing file or broken YAML, located, before MkDocs says "Aborted"
    try:
        config = load_config(config_file=str(config_file), **options)
    except (Abort, ConfigurationError) as error:
        raise UserError.at(str(config_file), f"invalid MkDocs config: {error}") from None
    if PLUGIN not in config.plugins:
        raise UserError.at(str(config_file), "the 'playbook' plugin is not enabled",
                         "add '- playbook' under 'plugins:'")
    return config


def validate_project(config: MkDocsConfig, strict: bool) -> None:
    """Raise UserError (errors, or warnings when strict) before anything is built.

    The validated playbook is handed to the plugin, which renders it without reading it again.
    """
    plugin = config.plugins[PLUGIN]
    assert isinstance(plugin, PlaybookPlugin)  # load_mkdocs_config made sure it is enabled
    root = Path(config.config_file_path).resolve().parent
    plugin.preloaded = load_or_raise(root / plugin.config.playbook_dir, strict=strict, today=build_today())


def build_site(config_file: Path, site_dir: Path | None, strict: bool, offline: bool = False,
               public: bool = False) -> Path:
    """Validate, build into a staging folder, swap it in; returns the site folder.

    `offline` builds the bundle that works opened from disk (see offline.py); `public` leaves
    internal channels and people's names out (see render/public.py).
    """
    # Checked before MkDocs' own, partial check; a relative folder is MkDocs': from mkdocs.yml's folder.
    target = config_file.resolve().parent / (site_dir or str(read_config(config_file).get("site_dir") or "site"))
    check_folder(target, "build", config_inputs(config_file))
    with docs_stand_in(config_file) as docs:
        return _build(config_file, site_dir, strict, docs, offline, public)


def _build(config_file: Path, site_dir: Path | None, strict: bool, docs: str | None, offline: bool,
           public: bool = False) -> Path:
    config = load_mkdocs_config(config_file, strict=strict or None,
                                site_dir=str(site_dir) if site_dir else None, docs_dir=docs)
    if offline:
        enable_offline(config)
    if public:
        config.plugins[PLUGIN].config.public = True
    validate_project(config, strict)
    target = Path(config.site_dir)
    with staged(target, "build", config_inputs(config_file)) as staging:
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with mkdocs_aborts(config_file):
                build(config)
        finally:
            config.plugins.on_shutdown()
    return target


def bundle_site(config_file: Path, out: Path, strict: bool, public: bool = False) -> int:
    """Build the offline handbook into a scratch folder and zip it to `out`; returns the file count.

    Nothing is written at `out` unless the build succeeds. `public` as for build_site.
    """
    if out.suffix.lower() != ".zip":
        raise UserError.at(str(out), "the bundle must be a .zip file", "e.g. --out handbook.zip")
    with staged_file(out, "bundle", config_inputs(config_file)) as partial, \
            tempfile.TemporaryDirectory(prefix=".playbook-bundle-", dir=partial.parent) as scratch:
        site = build_site(config_file, Path(scratch) / "site", strict, offline=True, public=public)
        return zip_site(site, partial, out.stem)


def serve_site(config_file: Path, dev_addr: str | None) -> None:
    """`mkdocs serve` with the plugin; it watches playbook/ and templates/ and survives bad saves."""
    with docs_stand_in(config_file) as docs:
        # Fail early, located: a missing file or plugin, or an address the server cannot listen
        # on (MkDocs would build the whole site first, then crash).
        config = load_mkdocs_config(config_file, docs_dir=docs, dev_addr=dev_addr)
        check_address(config.dev_addr.host, config.dev_addr.port, config_file)
        with mkdocs_aborts(config_file):
            serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True, docs_dir=docs)


def check_address(host: str, port: int, config_file: Path) -> None:
    """Raise UserError unless the preview server can listen on host:port (it is tried and let go)."""
    where = f"{host}:{port}"
    if not 0 < port < 65536:
        raise UserError.at(str(config_file), f"cannot serve on {where}: a port is a number from 1 to 65535",
                           "e.g. --dev-addr 127.0.0.1:8000")
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
            probe.bind((host, port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UserError.at(str(config_file), f"cannot serve on {where}: another program is listening there",
                               "stop the other preview, or pick another port: --dev-addr 127.0.0.1:8001") from None
        raise UserError.at(str(config_file), f"cannot serve on {where}: {error.strerror or error}",
                           "use an address of this computer, e.g. --dev-addr 127.0.0.1:8000") from None


@contextmanager
def mkdocs_aborts(config_file: Path) -> Iterator[None]:
    """MkDocs stops a build with Abort after logging why (strict-mode warnings, a broken theme):
    the same user error as any other, located at the config that asked for the build."""
    try:
        yield
    except Abort as error:
        raise UserError.at(str(config_file), f"MkDocs stopped: {error.format_message()}",
                           "the MkDocs messages above say what to fix; the previous site is unchanged") from None
