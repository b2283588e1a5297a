"""The Jinja2 environment that renders page templates to Markdown.

A team's own `templates/` folder is searched before the built-in templates, so any page
kind can be restyled by copying its template. Undefined names fail loudly
(StrictUndefined), and every `{{ }}` is escaped as plain text unless the value is
Markup (see escape.py), so text from YAML can never become HTML, script or template.
A new environment is made for every render; only compiled templates are kept between
runs (keyed by their text, see _bytecode_cache).
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..model import TwoPersonRule
from ..queries.answers import AFTER_LAST_STEP_UNSET
from ..resources import bundled
from ..user_cache import cache_dir
from . import escape, links, svg

# Compiled code depends on these as well as on the template text (which Jinja checks itself).
_OPTIONS: dict[str, Any] = {"autoescape": True, "keep_trailing_newline": True, "trim_blocks": True,
                            "lstrip_blocks": True}


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
        # finalize escapes each value for Markdown and returns Markup; autoescape (in
        # _OPTIONS) then leaves it alone but keeps macro results (Markup) from being escaped twice.
        finalize=escape.finalize,
        auto_reload=False,  # one environment per render: no need to stat templates per page
        bytecode_cache=_bytecode_cache(),
        **_OPTIONS,
    )
    env.filters["markdown"] = escape.escape_markdown_field
    env.filters["mermaid"] = escape.escape_mermaid
    env.globals["draw_diagram"] = svg.draw  # inline SVG; returns Markup whose labels it escaped itself
    env.filters["plain"] = escape.escape_plain
    env.globals["channel_value"] = links.channel_value  # a channel's value, a safe link where it can be one
    env.filters["safe_md"] = Markup  # for Markdown the template builds itself, never for YAML text
    env.globals["TwoPersonRule"] = TwoPersonRule  # its LABEL and APPROVER: the words every page names it by
    env.globals["after_last_step_unset"] = _after_last_step_unset
    return env


def _after_last_step_unset(who: Markup, owner: Markup) -> Markup:
    """The handbook's sentence for a ladder with no `after_last_step`, with the page's links in
    it (`who` and `owner` are macro output, already escaped)."""
    return Markup(AFTER_LAST_STEP_UNSET).format(who=who, owner=owner)


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """A cache that cannot be written (read-only home, full disk) or holds a damaged entry
    only costs speed: the template is compiled again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs: compiling them all took about 0.3 s of every build
    and of every `serve` rebuild. Jinja reuses an entry only for the same template text; the
    folder name adds this tool's version, Jinja's and the options, which shape the code too."""
    settings = f"{__version__} {jinja2.__version__} {sorted(_OPTIONS.items())} finalize"
    folder = cache_dir() / f"templates-{hashlib.sha256(settings.encode()).hexdigest()[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))
