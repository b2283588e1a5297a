"""Finding a project the one way every command does, and reading what its mkdocs.yml says.

The rule (the README's "Where a command looks" repeats it):

1. `-f FILE` names the MkDocs config; the project is the folder that holds it.
2. Otherwise the project is the nearest folder that holds `mkdocs.yml` or a `playbook/`
   folder, looking first in `-C DIR` (default: the current folder), then in each folder
   above it, the way git finds its repository.
3. The policy is the folder the `playbook` plugin names in mkdocs.yml (`playbook_dir`,
   default `playbook/`), or `--playbook DIR`. That DIR belongs to the project found from it
   upward only if that project's mkdocs.yml names it; else it stands alone (no site_url).

mkdocs.yml is read with ruamel.yaml, not MkDocs, so `playbook check` still starts without
importing MkDocs; `site_url` there is the one address of the published handbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..diagnostics import UserError
from ..resources import PLAYBOOK_DIR as DEFAULT_PLAYBOOK_DIR
from ..resources import TEMPLATES_DIR as DEFAULT_TEMPLATES_DIR
from .outputs import Inputs, project_inputs

CONFIG_NAME = "mkdocs.yml"
PLUGIN = "playbook"
DEFAULT_DOCS_DIR = "docs"  # MkDocs' default
NOT_FOUND_HINT = "run the command inside a project, pass -C DIR or -f mkdocs.yml, or start one with 'playbook init DIR'"


def read_config(config_file: Path) -> Any:
    """mkdocs.yml as a round-trip mapping (comments and `!!python/name:` tags survive a rewrite)."""
    if not config_file.is_file():
        raise UserError.at(str(config_file), "MkDocs config file not found", NOT_FOUND_HINT)
    try:
        data = YAML().load(config_file.read_text(encoding="utf-8"))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise UserError.at(str(config_file), f"YAML syntax error: {getattr(error, 'problem', error)}",
                           line=line, column=column) from None
    if not isinstance(data, dict):
        raise UserError.at(str(config_file), "an MkDocs config must be a mapping of settings")
    return data


def plugin_entry(config: Any) -> tuple[bool, dict[str, Any]]:
    """(whether the `playbook` plugin is enabled, its options), in list or mapping form."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return PLUGIN in plugins, dict(plugins.get(PLUGIN) or {})
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry), None)
        if name == PLUGIN:
            return True, {} if isinstance(entry, str) else dict(entry[PLUGIN] or {})
    return False, {}


def find_root(start: Path) -> Path | None:
    """The nearest folder, from `start` upward, that holds mkdocs.yml or a playbook/ folder."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file() or (folder / DEFAULT_PLAYBOOK_DIR).is_dir():
            return folder
    return None


@dataclass(frozen=True)
class Project:
    """One team's handbook: its folder, its MkDocs config (which may not exist) and its policy."""

    root: Path
    config_file: Path | None
    playbook_override: Path | None = None
    _config: list[Any] = field(default_factory=list, repr=False, compare=False)  # read once, on demand

    def config(self) -> Any:
        """The parsed mkdocs.yml, or an empty mapping when the project has none."""
        if not self._config:
            self._config.append(read_config(self.config_file) if self.config_file else {})
        return self._config[0]

    def required_config(self) -> Path:
        """The mkdocs.yml that `build`, `serve` and `generate` need."""
        if self.config_file is None:
            raise UserError.at(str(self.root / CONFIG_NAME), "MkDocs config file not found", NOT_FOUND_HINT)
        return self.config_file

    @property
    def playbook_dir(self) -> Path:
        if self.playbook_override is not None:
            return self.playbook_override
        folder = plugin_entry(self.config())[1].get("playbook_dir", DEFAULT_PLAYBOOK_DIR)
        return _shown(self.root / str(folder))

    def inputs(self) -> Inputs:
        """What this project reads, which no command may write over (mkdocs/outputs.py)."""
        options = plugin_entry(self.config())[1]
        return project_inputs(self.root, self.config_file, self.playbook_dir,
                              self.root / str(options.get("templates_dir") or DEFAULT_TEMPLATES_DIR),
                              self.root / str(self.config().get("docs_dir") or DEFAULT_DOCS_DIR))

    @property
    def site_url(self) -> str | None:
        """The published handbook's address: mkdocs.yml's site_url, the only place it is set."""
        return str(self.config().get("site_url") or "") or None


def find_project(directory: Path | None = None, config_file: Path | None = None,
                 playbook_dir: Path | None = None) -> Project:
    """The project a command works on, by the rule in this module's docstring."""
    if config_file is not None:
        return Project(_shown(config_file.parent), config_file, playbook_dir)
    if playbook_dir is not None:
        root = find_root(playbook_dir.resolve())
        owner = _project_at(root) if root is not None else None
        if owner is not None and owner.playbook_dir.resolve() == playbook_dir.resolve():
            return Project(owner.root, owner.config_file, playbook_dir, owner._config)  # read once, not twice
        return Project(playbook_dir, None, playbook_dir)  # a policy folder on its own
    start = directory or Path(".")
    root = find_root(start.resolve())
    if root is None:
        raise UserError.at(str(start), "no playbook project here or in any folder above", NOT_FOUND_HINT)
    return _project_at(root)


def config_inputs(config_file: Path) -> Inputs:
    """The inputs of the project that `config_file` configures (build, bundle, generate)."""
    return find_project(config_file=config_file).inputs()


def _project_at(root: Path) -> Project:
    config_file = root / CONFIG_NAME
    return Project(_shown(root), _shown(config_file) if config_file.is_file() else None)


def _shown(path: Path) -> Path:
    """A path as messages show it: relative to the current folder when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path.resolve()
