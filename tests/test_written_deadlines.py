"""The validator reads a deadline written in words the way a reader does (issue 24): only a
sentence about answering states one, "within the hour" is 60 minutes, "within minutes" is no
number (policy/deadlines.py); the seeded defects plant the located warnings."""

from __future__ import annotations

import pytest

from generator.lint.policy.deadlines import written_minutes


@pytest.mark.parametrize(("clause", "minutes"), [
    ("Answer within 15 minutes when paged for a critical situation", [15]),
    ("Acknowledges within the hour, day or night", [60]),
    ("Replies within half an hour", [30]),
    ("Picks it up within 2 hours", [120]),
    ("Responds within 10 min", [10]),
    ("A tragedy can take over a hashtag within minutes", []),  # no answering, no number
    ("Reviews every flagship approval within 30 minutes", []),  # not a time to answer a page
    ("Answer within minutes", []),
])
def test_a_written_deadline_is_read_as_minutes(clause: str, minutes: list[int]) -> None:
    assert [m for m, _ in written_minutes(clause)] == minutes
