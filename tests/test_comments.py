"""Text YAML drops without a word: a `#word` comment right after an unquoted value is
reported; what is not lost (quoted values, block scalars, real comments) is not."""

from __future__ import annotations

from generator.read.comments import find_swallowed_text
from generator.read.source import parse_text


def warnings_for(text: str) -> list[tuple[int, int, str]]:
    source, problems = parse_text("x.yaml", text)
    assert problems == [] and source is not None
    return [(d.line, d.column, d.message.split("'")[1]) for d in find_swallowed_text(source)]


def test_channel_and_hashtag_after_plain_values_are_reported():
    text = ("a: check with legal in #legal. Then wait\n"
            "b:\n  - storm cover #StormBram\n  - two\n    lines #chan\n"
            "c: [flow #tag\n  ]\n")
    assert warnings_for(text) == [(1, 24, "#legal. Then wait"), (3, 17, "#StormBram"),
                                  (5, 11, "#chan"), (6, 10, "#tag")]


def test_what_is_kept_or_is_a_real_comment_is_not_reported():
    text = ('a: "quoted #legal"\n'
            "b: 'single #legal'\n"
            "c: |\n  block #legal\n"
            "d: value # a real comment\n"
            "# #whole-line comment\n"
            "e: a#b is one word\n")
    assert warnings_for(text) == []


def test_the_hint_quotes_with_the_mark_the_value_does_not_hold():
    source, _ = parse_text("x.yaml", 'a: say "hi" in #general\n')
    assert source is not None
    (warning,) = find_swallowed_text(source)
    assert warning.hint is not None
    assert warning.hint.startswith("""put the whole value in quotes ('say "hi" in #general')""")


def test_a_value_that_is_only_a_channel_is_reported_as_empty():
    source, _ = parse_text("x.yaml", "contact:   #social-desk\n")
    assert source is not None
    (warning,) = find_swallowed_text(source)
    assert (warning.line, warning.column) == (1, 12)
    assert warning.message == "'#social-desk' is read as a YAML comment and dropped: the value is empty"
    assert warning.hint is not None and warning.hint.startswith('put the whole value in quotes ("#social-desk")')
