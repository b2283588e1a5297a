"""The draft checker's patterns and constants, declared once for both engines.

engine.py and text.py compile the patterns from here; rules.py puts all of them in the
rules document ("patterns" and "constants", see document()), and engine.js builds its
regular expressions and tables from that document, never from copies of its own
(tests/test_check_shared.py fails if one creeps back in).

A pattern is written once, in the syntax that Python's third-party `regex` module and
JavaScript's RegExp with the "u" flag read the same way: \\p{L} and \\p{N} for letters and
numbers, \\x and \\u escapes, lookbehind, plain character classes. Never \\w, \\s, \\d or
\\b: each means another set in each engine. A word character is [\\p{L}\\p{N}_] in both
(in Python 3.11's Unicode database exactly the characters of `re`'s \\w; the `regex`
module also knows the letters added to Unicode since). Python's `$` also matches before a
final newline, so `$` stands only where that cannot change a match: after text that holds
no newline, or after a run of whitespace, which takes the newline in as well.

Flags are JavaScript's: "u" on every pattern, "i" to ignore case, "g" where the caller
wants every match (finditer in Python, an exec loop in JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..load.answers import HOUSE_STYLE  # the source of a limit the house style sets; engine.js reads it here

# Whitespace, spelled out: Python's \s and JavaScript's \s disagree (U+FEFF, U+001C-U+001F).
SPACE_CHARS = r" \t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPACE = f"[{SPACE_CHARS}]"
WORD_CHAR = r"[\p{L}\p{N}_]"
SPACED_LETTER = r"[\p{L}\p{N}@$]"  # a letter, digit or look-alike symbol in "s h i t", "f.u.c.k"


@dataclass(frozen=True)
class Pattern:
    source: str
    flags: str


PATTERNS = {
    # A word, possibly hyphenated across a line break ("law-\nsuit" is one word).
    "word": Pattern(rf"{WORD_CHAR}+(?:-[ \t]*\n[ \t]*{WORD_CHAR}+)*", "gu"),
    "line_hyphen": Pattern(r"-[ \t]*\n[ \t]*", "gu"),
    # A run is tried only where it starts (the lookbehinds), so no pattern is quadratic on a
    # long run of spaces, punctuation or exclamation marks that does not end the text.
    "edge_space": Pattern(f"^{SPACE}+|(?<!{SPACE}){SPACE}+$", "gu"),
    "reply": Pattern(f"^{SPACE}*@", "u"),
    "link": Pattern("(?:https?://|www\\.)[^" + SPACE_CHARS + "<>\"']+", "giu"),
    "link_tail": Pattern("(?<![.,;:!?)\\]}'\"])[.,;:!?)\\]}'\"]+$", "u"),  # punctuation after a link is not part of it
    "link_scheme": Pattern(r"^(?:https?://)?", "u"),
    "host_end": Pattern(r"[/?#:]", "u"),
    "hashtag": Pattern(rf"(?<![\p{{L}}\p{{N}}_&#])#({WORD_CHAR}+)", "gu"),
    "mention": Pattern(rf"(?<![\p{{L}}\p{{N}}_@.])@({WORD_CHAR}+)", "gu"),
    # Disguised profanity: a run of word characters and look-alike symbols (sh1t, $hit, f***),
    # its trailing exclamation marks, and letters spaced or dotted apart (s h i t, f.u.c.k).
    "run": Pattern(r"[\p{L}\p{N}_@$*!|+]+", "gu"),
    "run_tail": Pattern(r"(?<!!)!+$", "u"),
    "spaced": Pattern(rf"(?<!{WORD_CHAR}){SPACED_LETTER}(?:[ .\-_*]{SPACED_LETTER}){{2,}}(?!{WORD_CHAR})", "gu"),
    "spaced_item": Pattern(SPACED_LETTER, "gu"),
    "letter": Pattern(r"\p{L}", "u"),
    "placeholder": Pattern(r"\{([A-Za-z0-9_]+)\}", "gu"),  # in a message template
    # One emoji as a reader sees it (a grapheme cluster): a flag is a pair of regional
    # indicators; a pictograph may carry a variation selector or skin tone, and ZWJ joins several.
    "emoji": Pattern(r"\p{RI}\p{RI}|\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?"
                     r"(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?)*", "gu"),
    "format_char": Pattern(r"\p{Cf}", "u"),  # zero-width and other invisible format characters
    "mark": Pattern(r"\p{M}", "gu"),  # accents and other combining marks, folded away
    "letters": Pattern(r"\p{L}", "gu"),
    "space_run": Pattern(f"{SPACE}+", "gu"),
    "upper": Pattern(r"\p{Lu}", "u"),  # tested on one letter at a time
}

LEVELS = ("info", "approval", "revise", "escalate")  # of a finding, least serious first
VERDICTS = {"info": "publish", "approval": "approval", "revise": "revise", "escalate": "escalate"}
SUFFIXES = ("ings", "ing", "ed", "es", "s")  # the stemmer's, tried in this order
# Words whose ending is not an inflection: "news" is not the plural of "new".
NO_STEM = ("always", "bus", "chaos", "gas", "has", "his", "is", "its", "lens", "news", "perhaps", "plus",
           "series", "species", "this", "thus", "was", "yes")
DISGUISE = "0123456789@$*!|+"  # a run with one of these may be a disguised word
# Leetspeak digits and symbols read as the letters they stand for.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i",
        "|": "l", "+": "t"}
CAPS_MIN = 4  # letters in a word before ALL CAPS counts as shouting
REPEAT_MIN = 3  # a letter written this many times in a row may be a disguise ("fuuuck")
SPACED_WORDS = ("a", "i")  # one-letter words a spaced run may start or end with ("a r e c a l l": "recall")
# How a finding names the script of a look-alike letter: Unicode blocks, first code point to last.
SCRIPTS = [[0x0370, 0x03FF, "Greek"], [0x0400, 0x052F, "Cyrillic"], [0x0530, 0x058F, "Armenian"],
           [0x10A0, 0x10FF, "Georgian"], [0x13A0, 0x13FF, "Cherokee"], [0x1D00, 0x1DBF, "phonetic"],
           [0x2100, 0x214F, "letter-like"], [0x2C80, 0x2CFF, "Coptic"], [0xA4D0, 0xA4FF, "Lisu"],
           [0x1D400, 0x1D7FF, "mathematical"], [0x1F100, 0x1F1FF, "emoji"]]
# Words for each way a term can be disguised, in the order a finding lists them.
DISGUISES = [["lookalike", "look-alike letters"], ["invisible", "invisible characters"], ["accent", "accents"],
             ["styled", "styled letters"], ["leet", "digits or symbols for letters"],
             ["spaced", "letters spaced apart"], ["repeated", "a letter repeated"]]

CONSTANTS = {"levels": LEVELS, "verdicts": VERDICTS, "suffixes": SUFFIXES, "no_stem": NO_STEM,
             "disguise": DISGUISE, "leet": LEET, "caps_min": CAPS_MIN, "repeat_min": REPEAT_MIN,
             "spaced_words": SPACED_WORDS, "house_style": HOUSE_STYLE,
             "scripts": SCRIPTS, "disguises": DISGUISES}

_PYTHON_FLAGS = {"g": 0, "u": 0, "i": regex.IGNORECASE}  # str patterns are always Unicode in `regex`


def compiled(name: str) -> regex.Pattern[str]:
    """The pattern `name` for Python, with the meaning JavaScript gives it."""
    pattern = PATTERNS[name]
    flags = 0
    for flag in pattern.flags:
        flags |= _PYTHON_FLAGS[flag]
    return regex.compile(pattern.source, flags | regex.VERSION0)


def document() -> dict[str, Any]:
    """What the rules document carries for engine.js: every pattern and constant above."""
    return {"patterns": {name: {"source": p.source, "flags": p.flags} for name, p in PATTERNS.items()},
            "constants": {name: list(value) if isinstance(value, tuple) else value
                          for name, value in CONSTANTS.items()}}
