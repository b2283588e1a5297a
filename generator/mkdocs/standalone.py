"""`playbook generate`: the handbook as plain files that any engine reading mkdocs.yml can build.

ProperDocs and Zensical read mkdocs.yml but run no third-party plugins, so the output holds
the rendered pages under docs/ and a copy of the project's mkdocs.yml without the
`playbook` plugin, with the navigation and assets written in. The copy is edited with
ruamel.yaml's round-trip mode, so comments and `!!python/name:` tags survive.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup
from ruamel.yaml import YAML

from ..diagnostics import UserError
from ..render.project import DEFAULT_PLAYBOOK_DIR, DEFAULT_TEMPLATES_DIR, Rendered, render_project
from .config import apply_updates, config_updates, generated_files, hidden_page_error, with_hand_written
from .outputs import check_folder
from .project import PLUGIN, config_inputs, read_config
from .writer import write_tree

DOCS = "docs"
OVERRIDES = "overrides"


def take_plugin_options(config: Any, config_file: Path) -> dict[str, Any]:
    """Remove the `playbook` entry from `plugins` (list or mapping form) and return its options."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        if PLUGIN in plugins:
            return dict(plugins.pop(PLUGIN) or {})
    else:
        for index, entry in enumerate(plugins):
            name = entry if isinstance(entry, str) else next(iter(entry), None)
            if name == PLUGIN:
                del plugins[index]
                return {} if isinstance(entry, str) else dict(entry[PLUGIN] or {})
    raise UserError.at(str(config_file), "the 'playbook' plugin is not enabled", "add '- playbook' under 'plugins:'")


def hand_written(docs: Path) -> dict[str, bytes]:
    """The project's own docs/ pages, copied along so the other engine builds them too."""
    if not docs.is_dir():
        return {}
    return {p.relative_to(docs).as_posix(): p.read_bytes()
            for p in sorted(docs.rglob("*")) if p.is_file() and p.name != ".gitkeep"}


def theme_overrides(config: Any, root: Path) -> dict[str, bytes]:
    """The theme's custom_dir for the output: the user's own files, plus our safe page title.

    The plugin fixes Material's title escaping in memory; a plugin-free engine needs it as a
    template override (a user's own main.html wins, as it would with the plugin absent).
    """
    theme = config.get("theme")
    if not isinstance(theme, dict):
        theme = config["theme"] = {"name": theme or "material"}
    custom = theme.get("custom_dir")
    files = {f"{OVERRIDES}/{path}": content for path, content in hand_written(root / custom).items()} if custom else {}
    files.setdefault(f"{OVERRIDES}/main.html", (Path(__file__).parent / "theme" / "main.html").read_bytes())
    theme["custom_dir"] = OVERRIDES
    return files


def generate_project(config_file: Path, out: Path, public: bool = False) -> list[str]:
    """Write OUT/docs/ and OUT/mkdocs.yml; the previous OUT is replaced only on success.
    Returns the build's notes (what it left out, and why) for the command to show.

    `public` (or `public: true` in the plugin's options) writes the public handbook: the
    written mkdocs.yml has no plugin left to redact anything, so the pages, the checker's
    rules and every data file are written already redacted (see render/public.py).
    """
    inputs = config_inputs(config_file)
    check_folder(out, "generate", inputs)  # before rendering, so a refusal comes at once; write_tree checks again
    files, _, notes = standalone_files(config_file, public)
    write_tree(out, files, "generate", inputs)
    return notes


Files = dict[str, str | bytes]


Renderer = Callable[..., Rendered]  # render_project's signature


def standalone_files(config_file: Path, public: bool = False, strict: bool = False,
                     config_edits: Callable[[Any], None] | None = None,
                     render: Renderer = render_project) -> tuple[Files, list[str], list[str]]:
    """({path: content} of a plugin-free project: docs/, overrides/ and mkdocs.yml; the policy's warnings;
    the build's notes).

    `strict` refuses a policy with warnings too (as `playbook build --strict` does);
    `config_edits` changes the written mkdocs.yml for one engine (see zensical.py); `render`
    is the preview's incremental renderer (live.py) in place of a whole render.
    """
    config = read_config(config_file)
    options = take_plugin_options(config, config_file)
    root = config_file.resolve().parent
    public = public or options.get("public") is True
    rendered = render(root, options.get("playbook_dir", DEFAULT_PLAYBOOK_DIR),
                      options.get("templates_dir", DEFAULT_TEMPLATES_DIR), strict=strict, public=public)
    docs_dir = str(config.get("docs_dir") or DOCS)
    own = hand_written(root / docs_dir)
    files: dict[str, str | bytes] = {f"{DOCS}/{path}": content for path, content in own.items()}
    for path, content, _source in generated_files(rendered.site):
        if f"{DOCS}/{path}" in files:
            raise hidden_page_error(docs_dir, path)
        files[f"{DOCS}/{path}"] = content
    updates = config_updates(rendered, config)
    if "nav" in updates:
        updates["nav"] = with_hand_written(updates["nav"], sorted(own))
    apply_updates(config, updates)
    files.update(theme_overrides(config, root))
    config["docs_dir"] = DOCS
    config["edit_uri"] = ""  # generated pages are outputs: edit the YAML, not these files
    if config_edits is not None:
        config_edits(config)
    files["mkdocs.yml"] = dump_config(config, public)
    return files, rendered.warnings, rendered.notes


def dump_config(config: Any, public: bool = False) -> str:
    yaml = YAML()
    yaml.width = 4096
    yaml.representer.add_representer(Markup, lambda dumper, value: dumper.represent_str(str(value)))
    stream = io.StringIO()
    yaml.dump(config, stream)
    header = "# Written by 'playbook generate': edit the playbook and run it again, not this file.\n"
    if public:
        header += "# The public handbook (--public): docs/ is already without internal channels or names.\n"
    return header + stream.getvalue()
