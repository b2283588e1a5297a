"""The Jinja2 environment that renders page templates to Markdown.

A team's own `templates/` folder is searched before the built-in templates, so any page
kind can be restyled by copying its template. Undefined names fail loudly
(StrictUndefined), and every `{{ }}` is escaped as plain text unless the value is
Markup (see escape.py), so text from YAML can never become HTML, script or template.
A new environment is made for every render: nothing is cached between builds.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..resources import bundled
from . import escape


def template_search_path(extra: list[Path]) -> list[Path]:
    """User folders first, then the built-in templates; each folder once."""
    ordered: list[Path] = []
    for folder in [*extra, bundled("templates")]:
        resolved = folder.resolve()
        if resolved.is_dir() and resolved not in ordered:
            ordered.append(resolved)
    return ordered


def make_environment(extra: list[Path]) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(p)) for p in template_search_path(extra)]),
        undefined=StrictUndefined,
        # finalize escapes each value for Markdown and returns Markup; autoescape then
        # leaves it alone but keeps macro results (Markup) from being escaped twice.
        autoescape=True,
        finalize=escape.finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per render: no need to stat templates per page
    )
    env.filters["markdown"] = escape.escape_markdown_field
    env.filters["mermaid"] = escape.escape_mermaid
    env.filters["plain"] = escape.escape_plain
    env.filters["safe_md"] = Markup  # for Markdown the template builds itself, never for YAML text
    return env
