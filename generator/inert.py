"""Text from the policy or from an export, made inert for the terminal and the spreadsheet.

Posts, ids and names come from files anyone can write: a scheduler's export, a draft, a
YAML value. Printed as they are, an ESC sequence in a post retitles the terminal, moves
the cursor or hides the lines before it, and a right-to-left override reorders what the
reader sees; saved in a CSV, a cell starting with `=` runs as a formula. Every command
that prints or writes such text passes it through one of these two functions.
"""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, Unicode's line and paragraph separators (a line break to
# editors and many tools), and the bidirectional embeddings, overrides and isolates that
# reorder a line on screen ("Trojan Source", CVE-2021-42574).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# OWASP's CSV injection advice: a cell starting with one of these is read as a formula
# (https://owasp.org/www-community/attacks/CSV_Injection), so it is prefixed with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_controls(text: str, keep: str = "\n") -> str:
    """`text` with every control character except those in `keep` written as `\\uXXXX`:
    visible, harmless on a terminal, and still valid inside a JSON string."""
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in keep else f"\\u{ord(m.group(0)):04x}", text)


def spreadsheet_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading `'` before a formula start
    (OWASP), then control characters escaped as for a terminal (line breaks and tabs kept:
    the CSV quotes them)."""
    prefix = "'" if value.startswith(FORMULA_STARTS) else ""
    return prefix + escape_controls(value, keep="\n\t")
