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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .shared import NO_STEM, SUFFIXES, compiled

_EDGE_SPACE = compiled("edge_space")
WORD = compiled("word")
_LINE_HYPHEN = compiled("line_hyphen")
_FORMAT_CHAR = compiled("format_char")
_MARK = compiled("mark")


def strip(text: str) -> str:
    """The text without leading and trailing whitespace (as shared.SPACE_CHARS spells it)."""
    return _EDGE_SPACE.sub("", text)


def fold(text: str) -> str:
    """Case- and compatibility-folded text (fullwidth letters, ligatures, ① all fold)."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character as matching reads it: invisible format characters (zero-width space,
    joiner, soft hyphen) gone, compatibility forms (fullwidth, math bold, ligatures) and
    case folded, accents off. Character by character, so that every character of the
    reading comes from exactly one character the writer typed (see Reading)."""
    if char < "\x80":
        return char.lower()
    if _FORMAT_CHAR.match(char):
        return ""
    return _MARK.sub("", unicodedata.normalize("NFD", unicodedata.normalize("NFKC", char).lower()))


@dataclass(frozen=True)
class Reading:
    """A text as matching reads it (fold_char, then look-alike letters as the ASCII letters
    they imitate), with where each of its characters came from in the original, so that a
    finding highlights exactly what the writer typed."""

    text: str
    starts: Sequence[int]  # original offset of the character that gave each reading character
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for reading[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


def read(text: str, lookalikes: Mapping[str, str]) -> Reading:
    """`text` folded character by character (fold_char) with look-alike letters replaced.

    Each distinct character is folded once; when every one reads as exactly one character
    (any plain-letter draft, however long) the offsets are the identity and cost nothing."""
    pieces = {c: tuple(lookalikes.get(f, f) for f in fold_char(c)) for c in set(text)}
    if all(len(p) == 1 and len(p[0]) == 1 for p in pieces.values()):
        return Reading("".join([pieces[c][0] for c in text]), range(len(text)), range(1, len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    for offset, char in enumerate(text):
        piece = pieces[char]
        out.extend(piece)
        starts.extend([offset] * len(piece))
    return Reading("".join(out), starts, [s + 1 for s in starts])


def squeeze(word: str) -> str:
    """Every run of one repeated character written once: "fuuuck" -> "fuck"."""
    return "".join(c for i, c in enumerate(word) if i == 0 or word[i - 1] != c)


def longest_run(word: str) -> int:
    """The length of the longest run of one repeated character."""
    best = run = 0
    for i, c in enumerate(word):
        run = run + 1 if i and word[i - 1] == c else 1
        best = max(best, run)
    return best


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


def phrase_key(phrase: str, lookalikes: Mapping[str, str]) -> str:
    """The key of a term from the policy: the keys of its words, space-separated, read as a
    draft is read (so "Café" and "cafe", "Ｄａｔａ" and "data" are one term)."""
    return " ".join(word_key(w) for w in WORD.findall(read(phrase, lookalikes).text))


def compact_key(phrase: str, lookalikes: Mapping[str, str]) -> str:
    """A multi-word term as it appears in a hashtag: "domestic violence" -> "domesticviolence"."""
    return "".join(WORD.findall(read(phrase, lookalikes).text))
