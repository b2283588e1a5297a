"""Finding the files that ship with the tool: the example playbook, templates, the schema.

In a wheel they are bundled inside the package (`_bundled/`); in a source checkout or an
editable install they are the repository's own top-level folders, so there is one copy.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# Where a project keeps its policy unless its mkdocs.yml says otherwise (the example's name too).
PLAYBOOK_DIR = "playbook"
# Where a project keeps its page templates unless the plugin's `templates_dir` says otherwise.
TEMPLATES_DIR = "templates"


def bundled(name: str) -> Path:
    """The shipped file or folder `name` (playbook, templates, schema, mkdocs.yml)."""
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.exists() else _PACKAGE.parent / name
