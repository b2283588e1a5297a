"""Reading a draft post: its text, and the attachments named in front matter or on the command line.

A draft file may start with YAML front matter that describes its attachments, so that a
writer keeps the post and its images together:

    ---
    media:
      - file: queue.jpg
        alt: A queue of people outside the Leeds shop
        source: camera        # "message" = saved from an incoming message
    ---
    Thanks for waiting, everyone!

The same can be given as `--media "queue.jpg;alt=A queue outside;source=camera"`. An
attachment may also say what it is (`info: video 1080x1920 45s captions`, see media.py) and
whether a video has captions (`captions: yes`); `playbook check` reads the rest from the
file when it exists (beside the draft for front matter, from the current folder for --media).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..diagnostics import UserError

MEDIA_KEYS = ("file", "alt", "source")
FRONT_KEYS = (*MEDIA_KEYS, "info", "captions")  # what an attachment may say in front matter
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass
class Draft:
    text: str
    media: list[dict[str, Any]] = field(default_factory=list)
    line_offset: int = 0  # lines taken by front matter, added back to every finding's line


def parse_draft(text: str, name: str) -> Draft:
    """Split off front matter (if any) and read its `media:` list."""
    match = _FRONT.match(text)
    if not match:
        return Draft(text)
    header = match.group(1) or ""
    try:
        data = YAML(typ="safe", pure=False).load(header) or {}
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        raise UserError.at(name, "the draft's front matter is not valid YAML",
                           "front matter sits between two '---' lines", line, column) from None
    if not isinstance(data, dict) or set(data) - {"media"}:
        raise UserError.at(name, "the draft's front matter may only hold 'media:'",
                           "write 'media:' followed by a list of file, alt and source", line=2)
    media = data.get("media") or []
    if not isinstance(media, list) or not all(isinstance(m, dict) and set(m) <= set(FRONT_KEYS) for m in media):
        raise UserError.at(name, "'media:' must be a list of attachments",
                           "each attachment has 'file:', 'alt:' and optionally 'source: message', 'info:' "
                           "and 'captions:'", line=2)
    media = [{k: (None if m.get(k) is None else _text(m.get(k))) for k in FRONT_KEYS} for m in media]
    return Draft(text[match.end():], media, match.group(0).count("\n"))


def _text(value: Any) -> str:
    """A front-matter value as text; YAML's true/false (captions: yes) as yes/no."""
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def parse_media_option(spec: str) -> dict[str, Any]:
    """`FILE;alt=TEXT;source=message;captions=yes` -> an attachment; ValueError says what is wrong."""
    first, *pairs = spec.split(";")
    item: dict[str, Any] = {"file": first.strip() or None, "alt": None, "source": None, "info": None,
                            "captions": None}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or key not in ("alt", "source", "captions"):
            raise ValueError(f"'{pair}' in --media: expected alt=TEXT, source=WHERE or captions=yes|no")
        item[key] = value.strip()
    return item
