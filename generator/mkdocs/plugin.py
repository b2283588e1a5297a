"""The MkDocs plugin `playbook`: serves the handbook's pages from memory, straight from the YAML.

Thin on purpose: loading, validation and rendering live in the core (render/project.py and
render/); this module only translates between them and MkDocs' events. An invalid
playbook fails `mkdocs build` with the same located messages as `playbook validate`.
Under `mkdocs serve` the same problems are logged and shown on a preview page instead,
so the server stays up and recovers on the next good save.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..diagnostics import UserError
from ..lint.loader import Loaded
from ..render.project import DEFAULT_PLAYBOOK_DIR, DEFAULT_TEMPLATES_DIR, render_project
from ..render.site import Page, Site
from .config import (
    apply_updates,
    config_updates,
    escaped_striptags,
    generated_files,
    hidden_page_error,
    problems_markdown,
    with_hand_written,
)
from .offline import offline_enabled, offline_files, prepare_offline_config

log = get_plugin_logger("playbook")


class PlaybookConfig(Config):
    playbook_dir = config_options.Type(str, default=DEFAULT_PLAYBOOK_DIR)
    templates_dir = config_options.Type(str, default=DEFAULT_TEMPLATES_DIR)
    public = config_options.Type(bool, default=False)  # leave internal channels and people's names out


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.site: Site | None = None
        self.preloaded: Loaded | None = None  # set by `playbook build`, used by the next on_config only
        self.owns_nav = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    def project_root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self.project_root(config)
        for folder in (self.config.playbook_dir, self.config.templates_dir):
            if (root / folder).is_dir() and str(root / folder) not in config.watch:
                config.watch.append(str(root / folder))
        try:
            rendered = render_project(root, self.config.playbook_dir, self.config.templates_dir,
                                      loaded=self.preloaded, public=self.config.public)
        except UserError as error:
            if self.command != "serve":
                raise PluginError(error.report.format_text()) from None
            log.error(error.report.format_text())
            self.site = Site(pages={"index.md": Page("index.md", "Errors", problems_markdown(error))},
                             nav=["index.md"])
            config.nav = self.site.nav
            self.owns_nav = True
            return config
        finally:
            self.preloaded = None
        for warning in rendered.warnings:
            log.warning(warning)
        for note in rendered.notes:
            log.info(note)
        self.site = rendered.site
        updates = config_updates(rendered, config)
        self.owns_nav = "nav" in updates
        apply_updates(config, updates)
        if offline_enabled(config):
            prepare_offline_config(config)
        return config

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Material prints page titles through `striptags`, which turns the escaped text of a
        # title from YAML back into markup (`</title><script>`); escaping its result closes that.
        env.filters["striptags"] = escaped_striptags
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None  # on_config always runs first
        docs = Path(config.docs_dir).resolve()
        docs_prefix = os.path.relpath(docs, self.project_root(config)).replace(os.sep, "/")
        own = [f for f in files if f.generated_by is None and f.is_documentation_page()]
        for existing in own:
            existing.edit_uri = f"{docs_prefix}/{existing.src_uri}"
        if self.owns_nav:
            config.nav = with_hand_written(config.nav or [], [f.src_uri for f in own])
        for path, content, source in generated_files(self.site):
            if files.get_file_from_path(path) is not None:
                raise PluginError(hidden_page_error(docs_prefix, path).report.format_text())
            file = File.generated(config, path, content=content)
            file.edit_uri = source
            files.append(file)
        if offline_enabled(config):
            for path, content in offline_files(self.site):
                files.append(File.generated(config, path, content=content))
        self.site = None  # the Files hold the content now; keep one copy, not two
        return files
