"""Markdown layout that templates cannot express safely: tidy spacing and verbatim code blocks."""

from __future__ import annotations

import re

from markupsafe import Markup

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n)+")  # a line break, then one or more blank lines


def tidy(markdown: str) -> str:
    """Collapse runs of blank lines outside code fences to one, so templates may space freely.

    Inside a fence every line is kept: a code sample's spacing is part of the sample.
    """
    if "```" not in markdown and "~~~" not in markdown:
        # Most pages have no fence: one regular expression does it (a loop per line was slow
        # over the 30 MB of a thousand-role handbook).
        return _BLANK_RUN.sub("\n\n", "\n" + markdown + "\n").strip("\n") + "\n"
    return _tidy_lines(markdown)


def _tidy_lines(markdown: str) -> str:
    """The general case, line by line, keeping fenced blocks as they are."""
    out: list[str] = []
    fence: str | None = None
    blank = 0
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            fence = None
            blank = 0
            out.append(line)
            continue
        if fence is None and not line.strip():
            blank += 1
            if blank > 1:
                continue
            line = ""
        else:
            blank = 0
        out.append(line)  # trailing spaces stay: two of them are a line break in a Markdown field
    return "\n".join(out).strip("\n") + "\n"


def fenced(text: str, language: str = "") -> Markup:
    """A code block that shows `text` verbatim, whatever it holds.

    The fence is longer than any run of backticks in the text, so YAML content can never
    close it early and escape into the page; inside a fence nothing is Markdown or HTML
    (the highlighter HTML-escapes it), which is why this may return Markup.
    """
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{language}\n{text.rstrip()}\n{fence}")
