"""JSON that a person hands the tool (a scheduler's export, a new hire's progress report),
read without letting its shape crash the reader.

Python's `json` parses nested arrays and objects by recursion, so a file of a few thousand
`[` ends in RecursionError, and turns every run of digits into an int, so a 5,000-digit
number ends in the interpreter's integer-limit message. Both are found first, in one pass
over the text's strings and brackets (regular expressions, linear), and reported at their
line and column like any other syntax error.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # arrays and objects inside each other; an export needs three or four
MAX_DIGITS = 100  # in one number; a post id needs about twenty
# A string (skipped whole, so brackets and digits inside it do not count; an unclosed one runs
# to the end, which json then reports), a bracket, or a run of digits longer than MAX_DIGITS.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]|[0-9]{' + str(MAX_DIGITS + 1) + ",}", re.DOTALL)


class JsonError(ValueError):
    """Why the text is not JSON the tool reads, and where (1-based line and column)."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def parse_json(text: str) -> Any:
    """The JSON value of `text`; JsonError (located) when it is not valid JSON, nests deeper
    than MAX_DEPTH or holds a number longer than MAX_DIGITS digits."""
    depth = 0
    for token in _TOKEN.finditer(text):
        first = token.group(0)[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise JsonError(f"arrays and objects nest more than {MAX_DEPTH} deep here",
                                *_position(text, token.start()))
        elif first in "]}":
            depth -= 1
        elif first != '"':
            raise JsonError(f"a number of {len(token.group(0)):,} digits (at most {MAX_DIGITS})",
                            *_position(text, token.start()))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonError(error.msg, error.lineno, error.colno) from None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
