"""How the checker reads words, in a form simple enough to be written twice.

The same steps exist in engine.js (the checker page's engine, next to this file) and must
stay identical: the draft table in tests/data/drafts.yaml runs through both. So every step
is plain string work with no locale: NFKC then lower-casing, words by one shared pattern
([\\p{L}\\p{N}_], see shared.py), and a small suffix-stripping stemmer that folds plurals
and simple inflections together (sue/sued/suing, lawsuit/lawsuits, recall/recalled). The
patterns, the suffixes and the words never stemmed are declared once in shared.py and
reach engine.js through the rules document. Both sides of every comparison go through the
same steps, so the stemmer only has to be consistent, not linguistically right.
"""

from __future__ import annotations

import unicodedata

from .shared import NO_STEM, SUFFIXES, compiled

_EDGE_SPACE = compiled("edge_space")
WORD = compiled("word")
_LINE_HYPHEN = compiled("line_hyphen")


def strip(text: str) -> str:
    """The text without leading and trailing whitespace (as shared.SPACE_CHARS spells it)."""
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
        for suffix in SUFFIXES:
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
