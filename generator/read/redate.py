"""A starter's dates moved to the day a project is made, so `playbook init` in 2028 gives a
project that builds --strict in 2028.

The example and the minimal starter are written on one day (their handbook's effective
date, the anchor). Every date that is relative to when the policy was written moves by the
same number of days: the effective date and changelog, reviews, expiries, crisis and
watchlist windows, campaign hashtags' `until`, training records. Sensitive days in
`calendar:` are facts about the world (a one-off `YYYY-MM-DD` is that day, not "a week after
the policy was written") and stay. Dates are replaced in the text where the YAML has them,
so every comment, quote and blank line of the starter is kept byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import regex
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

RELATIVE_KEYS = frozenset({"effective_date", "last_reviewed", "expires", "since", "until", "date", "reported"})
WORLD_SECTIONS = frozenset({"calendar"})  # days fixed by the world, not by the policy's writing
PAST_KEYS = frozenset({"effective_date", "last_reviewed", "reported", "date"})
PAST_IN_SECTION = frozenset({("roster", "since")})  # a training record's stage began on that day
_DATE = regex.compile(r"""(["']?)(\d{4}-\d{2}-\d{2})""")


def anchor_of(texts: dict[str, str]) -> dt.date | None:
    """The day a starter was written ({name: text} of its files): its latest date that looks back
    (effective date, changelog, reviews, training records), or None. Moving that day to today
    keeps every record in the past and every expiry as far ahead as the writer set it."""
    days = [dt.date.fromisoformat(found.group(2))
            for text in texts.values()
            for section, key, line, column in _relative_dates(_load(text))
            if key in PAST_KEYS or (section, key) in PAST_IN_SECTION
            if (found := _DATE.match(text.splitlines()[line], column))]
    return max(days, default=None)


def redate_text(text: str, days: int) -> str:
    """The file's text with every policy-relative date moved by `days` (see the module docstring)."""
    if days == 0:
        return text
    lines = text.splitlines(keepends=True)
    for line, column in sorted({(line, column) for _, _, line, column in _relative_dates(_load(text))},
                               reverse=True):
        found = _DATE.match(lines[line], column)
        if found is None:
            continue
        moved = (dt.date.fromisoformat(found.group(2)) + dt.timedelta(days=days)).isoformat()
        lines[line] = lines[line][: found.start(2)] + moved + lines[line][found.end(2):]
    return "".join(lines)


def _load(text: str) -> Any:
    yaml = YAML()  # round trip: it keeps where each value starts
    return yaml.load(text)


def _relative_dates(node: Any, section: str = "") -> Iterator[tuple[str, str, int, int]]:
    """(top-level section, key, line, column) of each value under a RELATIVE_KEYS key, outside WORLD_SECTIONS."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            inside = section or str(key)
            if not section and key in WORLD_SECTIONS:
                continue
            if key in RELATIVE_KEYS and not isinstance(value, CommentedMap | CommentedSeq):
                yield inside, str(key), *node.lc.value(key)
            else:
                yield from _relative_dates(value, inside)
    elif isinstance(node, CommentedSeq):
        for item in node:
            yield from _relative_dates(item, section)
