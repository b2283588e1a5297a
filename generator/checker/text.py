"""How the checker reads words, in a form simple enough to be written twice.

The same steps exist in engine.js (the checker page's engine, next to this file) and must stay
identical: the draft table in tests/data/drafts.yaml runs through both. So every step is
plain string work with no locale: NFKC then lower-casing, word characters by regex
(Python's \\w; the JS side uses [\\p{L}\\p{N}_]), and a small suffix-stripping stemmer
that folds plurals and simple inflections together (sue/sued/suing, lawsuit/lawsuits,
recall/recalled). Both sides of every comparison go through the same steps, so the
stemmer only has to be consistent, not linguistically right.
"""

from __future__ import annotations

import re
import unicodedata

# Whitespace, spelled out: Python's \s and JavaScript's \s disagree (U+FEFF, U+001C-U+001F),
# so both engines use this class instead.
SPACE_CHARS = r" \t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPACE = f"[{SPACE_CHARS}]"
_EDGE_SPACE = re.compile(rf"\A{SPACE}+|{SPACE}+\Z")
# A word, possibly hyphenated across a line break ("law-\nsuit" is one word).
WORD = re.compile(r"\w+(?:-[ \t]*\n[ \t]*\w+)*")
_LINE_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*")
_SUFFIXES = ("ings", "ing", "ed", "es", "s")
# Words whose ending is not an inflection: "news" is not the plural of "new". The rules
# document carries this list so that the JavaScript stemmer uses the same one.
NO_STEM = ("always", "bus", "chaos", "gas", "has", "his", "is", "its", "lens", "news", "perhaps", "plus",
           "series", "species", "this", "thus", "was", "yes")


def strip(text: str) -> str:
    """The text without leading and trailing whitespace (as SPACE defines it)."""
    return _EDGE_SPACE.sub("", text)


def fold(text: str) -> str:
    """Case- and compatibility-folded text (fullwidth letters, ligatures, ① all fold)."""
    return unicodedata.normalize("NFKC", text).lower()


def stem(word: str) -> str:
    """A crude stem: plural and -ed/-ing endings off, doubled last letter and final e dropped.

    Short words keep their shape so that "ass" never shrinks into "as".
    """
    if word in NO_STEM:
        return word
    if len(word) > 3:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2 and not (suffix == "s" and word.endswith("ss")):
                word = word[: -len(suffix)]
                break
    if len(word) >= 4 and word[-1] == word[-2]:
        word = word[:-1]
    if len(word) >= 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) >= 3 and word.endswith("i"):
        word = word[:-1] + "y"
    return word


def word_key(word: str) -> str:
    """The matching key of one word as written in a draft or in the policy."""
    return stem(fold(_LINE_HYPHEN.sub("", word)))


def phrase_key(phrase: str) -> str:
    """The key of a term from the policy: the keys of its words, space-separated."""
    return " ".join(word_key(w) for w in WORD.findall(phrase))


def compact_key(phrase: str) -> str:
    """A multi-word term as it appears in a hashtag: "domestic violence" -> "domesticviolence"."""
    return "".join(fold(w) for w in WORD.findall(phrase))
