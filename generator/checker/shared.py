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

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ..queries.limits import HOUSE_STYLE  # the source of a limit the house style sets; engine.js reads it here

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
    # An address written without a scheme but with a path (northwindroasters.com/allergens):
    # its words are not prose, so no term is read in them (they count as no link: limits and
    # approved domains keep to the scheme and www. forms above).
    "address": Pattern(rf"(?<![\p{{L}}\p{{N}}_@./-])[\p{{L}}\p{{N}}-]+(?:\.[\p{{L}}\p{{N}}-]+)*\.\p{{L}}{{2,}}/"
                       f"[^{SPACE_CHARS}<>\"']*", "gu"),
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
    # What may sit between the letters of one disguised word: 1-3 symbols, emoji or separators
    # (f#ck, cra☕zy, cra-zy, cr.azy), never a space, an apostrophe (don't) or an @ (a handle).
    "glue": Pattern(f"^[^\\p{{L}}\\p{{N}}_@'\u2019{SPACE_CHARS}]{{1,3}}$", "u"),
    # The same without the separators that also join two real words (nut-free, e.g.): an emoji or
    # symbol inside one word of a hyphenated phrase (nut-fr☕ee) is read with the phrase kept.
    "glue_symbol": Pattern(f"^[^\\p{{L}}\\p{{N}}_@'\u2019\\-./{SPACE_CHARS}]{{1,3}}$", "u"),
    # The words of a CamelCase or snake_case hashtag: #WhyIStayed -> Why, I, Stayed; #St0rmBram ->
    # St0rm, Bram; #crazy_deals -> crazy, deals. Digits stay with their word (leetspeak).
    "hashtag_word": Pattern(r"\p{Lu}?[\p{Ll}\p{Lo}\p{N}]+|\p{Lu}+(?![\p{Ll}\p{Lo}\p{N}])", "gu"),
    # Where a sentence starts: nothing but spaces, quotes or brackets after the start of the text or
    # after . ! ? … or a line break (tested on the text before a word).
    "possessive": Pattern("^['\u2019]s(?![\\p{L}\\p{N}_])", "u"),  # "Sue's": a name owns things
    "sentence_start": Pattern(f"(?:^|[.!?\u2026\\n])[{SPACE_CHARS}\"'\u201c\u2018(\\[]*$", "u"),
    "sentence_end": Pattern(r"[.!?\u2026\n]", "u"),  # between two words: a sentence ends there
    "strong": Pattern(r"[\p{L}\p{N}]", "u"),  # a letter or digit: a strong direction (text.visual_order)
    # A word of letters and digits (t0, d1e; '?' stands for a masked letter: sh?t1ng), or one digit
    # alone, which a phrase may use for a one-letter word (1 will hurt, filed 4 lawsuit).
    "leet_word": Pattern(r"^(?:(?=[\p{L}\p{N}_?]*\p{L})(?=[\p{L}\p{N}_?]*[0-9])[\p{L}\p{N}_?]+|[0-9])$", "u"),
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
# Findings an approval rule adds (the two-person rule, a rule by tier or topic, verify-first): when one
# decides the verdict, the findings that would decide it without the rule are listed first.
APPROVAL_RULES = ("approval.two-person", "approval.rule", "approval.verify")
# The other letter a leet character may stand for, tried when the first reading finds nothing.
LEET_ALSO = {"1": "l", "|": "i"}
CAPS_MIN = 4  # letters in a word before ALL CAPS counts as shouting
REPEAT_MIN = 3  # a letter written this many times in a row may be a disguise ("fuuuck")
SPACED_WORDS = ("a", "i")  # one-letter words a spaced run may start or end with ("a r e c a l l": "recall")
# After a first name that opens a sentence, what shows it is a name and not the verb ("Sue has
# roasted...", "Sue's notebook", "Sue roasted this batch"; "Sue us" stays a threat): a
# possessive, an auxiliary or "and" (English's closed class: no verb is followed by one), or a
# word ending like a past tense or a participle.
NAME_NEXT = ("and", "can", "could", "did", "does", "had", "has", "is", "may", "might", "must", "should", "was",
             "will", "would")
NAME_NEXT_ENDINGS = ("ed", "ing")
# How a finding names the script of a look-alike letter: Unicode blocks, first code point to last.
SCRIPTS = [[0x0370, 0x03FF, "Greek"], [0x0400, 0x052F, "Cyrillic"], [0x0530, 0x058F, "Armenian"],
           [0x10A0, 0x10FF, "Georgian"], [0x13A0, 0x13FF, "Cherokee"], [0x1D00, 0x1DBF, "phonetic"],
           [0x2100, 0x214F, "letter-like"], [0x2C80, 0x2CFF, "Coptic"], [0xA4D0, 0xA4FF, "Lisu"],
           [0x1D400, 0x1D7FF, "mathematical"], [0x1F100, 0x1F1FF, "emoji"]]
# Words for each way a term can be disguised, in the order a finding lists them.
DISGUISES = [["lookalike", "look-alike letters"], ["invisible", "invisible characters"], ["accent", "accents"],
             ["styled", "styled letters"], ["leet", "digits or symbols for letters"],
             ["spaced", "letters spaced apart"], ["repeated", "a letter repeated"],
             ["symbol", "a symbol, emoji or separator inside the word"], ["masked", "a symbol or emoji for a letter"],
             ["reversed", "stored reversed and shown the right way round by a direction control"]]

# How far a file's width over height may be from a spec's aspect ratio (1%: 1200x628 is 1.91:1).
RATIO_TOLERANCE = 0.01
CONSTANTS = {"levels": LEVELS, "verdicts": VERDICTS, "suffixes": SUFFIXES, "no_stem": NO_STEM,
             "disguise": DISGUISE, "leet": LEET, "leet_also": LEET_ALSO, "caps_min": CAPS_MIN, "repeat_min": REPEAT_MIN,
             "spaced_words": SPACED_WORDS, "house_style": HOUSE_STYLE, "name_next": NAME_NEXT,
             "name_next_endings": NAME_NEXT_ENDINGS,
             "scripts": SCRIPTS, "disguises": DISGUISES,
             "approval_rules": APPROVAL_RULES, "ratio_tolerance": RATIO_TOLERANCE}

# Every character of these classes is in the Basic Multilingual Plane (Unicode 15; the tests scan
# all of Unicode to make sure), so the scan stops there: 15 ms instead of 200.
BIDI_SCAN = 0x10000
_EXPLICIT = ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")


@lru_cache(maxsize=1)
def bidi_classes() -> dict[str, str]:
    """Character -> its Bidi_Class, from Unicode's data as Python ships it, for the characters the
    direction of a text turns on: the explicit controls (RLO, LRO, PDF, the isolates...) and the
    paragraph separators ("B", which close them all), segment separators ("S", tabs) and
    whitespace ("WS"), which rule L1 shows at the paragraph's level, and the separators a
    number keeps inside it ("CS", "ES": 6,7 and 1-2, rule W4). Both engines read this table (engine.js
    through the rules document) to judge a text in the order a reader sees it."""
    every = "".join(chr(c) for c in range(BIDI_SCAN) if not 0xD800 <= c < 0xE000)
    pattern = "|".join(["\\p{Bidi_Control}", *(f"\\p{{Bidi_Class={kind}}}" for kind in ("B", "S", "WS", "CS", "ES"))])
    found = {c: unicodedata.bidirectional(c) for c in regex.findall(pattern, every)}
    return {c: kind for c, kind in sorted(found.items()) if kind in (*_EXPLICIT, "B", "S", "WS", "CS", "ES")}


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
            "constants": {**{name: list(value) if isinstance(value, tuple) else value
                             for name, value in CONSTANTS.items()}, "bidi": bidi_classes()}}
