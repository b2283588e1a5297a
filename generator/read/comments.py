"""Text that YAML silently drops: a comment that starts right after an unquoted value.

In YAML, ` #` ends an unquoted (plain) value and starts a comment, so
`note: check with legal in #legal. Then wait.` keeps only "check with legal in" and
throws the rest away without a word. A social team writes `#channel` and `#hashtag`
all day, so a comment whose first character is a letter or digit right after a plain
value is almost always lost text, not a comment (comments are written `# like this`).

The parser decides where each plain value ends (ruamel.yaml's C parser events), so
quoted values, block scalars and whole-line comments are never flagged. Parsing again
costs about as much as loading, so it runs only on a file with a candidate: a line
that is not a whole-line comment and holds `<space>#<word>`.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import ScalarEvent

from ..diagnostics import Diagnostic
from .source import SourceFile

# Whitespace then '#' then a word character: '#legal', '#StormBram', '#1' (not '# note').
_CANDIDATE = re.compile(r"^(?![ \t]*#).*[ \t]#\w", re.MULTILINE)
_AFTER_VALUE = re.compile(r"[ \t]+(#\w[^\s]*)")


def find_swallowed_text(source: SourceFile) -> list[Diagnostic]:
    """A located warning for every plain value cut short by a `#word` comment."""
    if not _CANDIDATE.search(source.text):
        return []
    lines = source.text.split("\n")
    found: list[Diagnostic] = []
    try:
        for event in YAML(typ="safe", pure=False).parse(source.text):
            if isinstance(event, ScalarEvent) and not event.style:  # plain ("" or None), not quoted
                warning = _cut_short(source.path, lines, event)
                if warning is not None:
                    found.append(warning)
    except (YAMLError, RecursionError):  # the file parsed once already; never fail twice
        return found
    return found


def _cut_short(path: str, lines: list[str], event: ScalarEvent) -> Diagnostic | None:
    end = event.end_mark
    rest = lines[end.line][end.column:] if end.line < len(lines) else ""
    match = _AFTER_VALUE.match(rest)
    if match is None:
        return None
    tag = match.group(1)
    kept = str(event.value)
    lost = rest[match.start(1):].rstrip()
    quote = "'" if '"' in kept + lost else '"'
    return Diagnostic(
        path, end.line + 1, end.column + match.start(1) + 1, "warning",
        f"'{lost}' is read as a YAML comment and dropped: "
        + (f"the value ends at '{_tail(kept)}'" if kept else "the value is empty"),
        f"put the whole value in quotes ({quote}{(_tail(kept) + ' ') if kept else ''}{lost}{quote}) "
        f"so that {tag} is kept; "
        "a comment is written '# like this', with a space after '#'")


def _tail(text: str, width: int = 40) -> str:
    """The end of a long value, where the cut happened."""
    return text if len(text) <= width else "…" + text[-width:]
