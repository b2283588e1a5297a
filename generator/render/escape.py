"""Making text from YAML inert wherever it is shown.

Plain-text fields are data: they are HTML-escaped and every character that Markdown (with
the extensions this handbook enables) would treat as syntax is backslash-escaped, so a
policy editor cannot create HTML, script, links or attributes by typing. Markdown fields
keep their formatting but lose raw HTML. Mermaid labels get Mermaid's own entity codes.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from markupsafe import Markup

# The characters Python-Markdown (core + tables) accepts a backslash escape for; escaping
# anything else would leave a visible backslash.
_MD_SPECIALS = "\\`*_{}[]()#+-.!|"  # '<' and '>' become entities
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# One pass over the text does both: each character maps on its own, so order cannot matter.
_PLAIN = str.maketrans({**{c: "\\" + c for c in _MD_SPECIALS}, **_HTML})
_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 ,.:!?/\-]")


# Block markers that take no backslash escape (pymdownx details '???', tabs '===', ...):
# harmless inside a line, so only a leading one becomes a numeric entity.
_LEADING = {"?": "&#63;", "=": "&#61;", ":": "&#58;", "~": "&#126;", "^": "&#94;"}


def escape_plain(value: object) -> Markup:
    """Plain text as inline Markdown that renders to exactly that text."""
    return _escape_text(str(value))


@lru_cache(maxsize=1 << 16)
def _escape_text(value: str) -> Markup:
    # Cached: names and labels repeat on thousands of pages (a role name on every page
    # that links to it), and escaping was a fifth of rendering.
    text = " ".join(value.split()).translate(_PLAIN)
    if text[:1] in _LEADING:
        text = _LEADING[text[0]] + text[1:]
    return Markup(text)


def forget_escaped() -> None:
    """Drop the cache of escaped text: a render calls this when done, so that a build does not
    carry tens of thousands of strings through MkDocs' part of the work."""
    _escape_text.cache_clear()


def escape_markdown_field(value: str) -> Markup:
    """A documented Markdown field: formatting kept, raw HTML shown as text.

    Unsafe link schemes are rejected earlier, by validation, with a located error.
    """
    return Markup(value.replace("&", "&amp;").replace("<", "&lt;"))


def escape_mermaid(value: object) -> Markup:
    """A Mermaid label: anything but letters, digits and plain punctuation becomes #code;."""
    text = " ".join(str(value).split())
    return Markup("".join(c if _MERMAID_SAFE.match(c) else f"#{ord(c)};" for c in text))


def finalize(value: object) -> object:
    """Jinja's finalize hook: every {{ }} that is not already Markup is escaped as plain text.

    Escaping is on by default, so a template that forgets a filter is still safe; only
    the link and Markdown-field helpers return Markup.
    """
    if type(value) is str:  # the common case first: most values are text from YAML
        return _escape_text(value)
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, (bool, int, float, dt.date)):
        if isinstance(value, dt.date):
            return Markup(value.isoformat())
        return Markup(str(value).lower() if isinstance(value, bool) else value)
    return escape_plain(value)
