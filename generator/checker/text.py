"""How the checker reads words, in a form simple enough to be written twice.

The same steps exist in engine.js (the checker page's engine, next to this file) and must
stay identical: the draft table in tests/data/drafts.yaml runs through both. So every step
is plain string work with no locale: NFKC then lower-casing, words by one shared pattern
([\\p{L}\\p{N}_], see shared.py), and a small suffix-stripping stemmer that folds plurals
and simple inflections together (sue/sued/suing, lawsuit/lawsuits, recall/recalled). The
patterns, the suffixes and the words never stemmed are declared once in shared.py and
reach engine.js through the rules document. Both sides of every comparison go through the
same steps, so the stemmer only has to be consistent, not linguistically right. The stem
finds candidates; a term whose word endings do not count (the default, see rules._with)
is then compared with the draft's words as written (word_form). A text holding a
direction control is read in the order a reader sees it (visual_order).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

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
    they imitate, in the order a reader sees them), with where each of its characters came
    from in the original, so that a finding highlights exactly what the writer typed."""

    text: str
    starts: Sequence[int]  # original offset of the character that gave each reading character
    ends: Sequence[int]
    reversed: frozenset[int] = frozenset()  # original offsets a direction override shows right to left

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for reading[start:end] (end > start)."""
        if not self.reversed:
            return self.starts[start], self.ends[end - 1]
        return min(self.starts[start:end]), max(self.ends[start:end])


def read(text: str, lookalikes: Mapping[str, str], bidi: Mapping[str, str] | None = None) -> Reading:
    """`text` folded character by character (fold_char) with look-alike letters replaced; with
    `bidi` (shared.bidi_classes) and an explicit direction control in the text, in the order
    a reader sees it (visual_order): "\u202etihs" is read "shit".

    Each distinct character is folded once; when the order is the text's own and every
    character reads as exactly one (any plain-letter draft, however long), the offsets are
    the identity and cost nothing."""
    order: Sequence[int] = range(len(text))
    shown: frozenset[int] = frozenset()
    if bidi and any(bidi.get(c, "B") not in _NOT_EXPLICIT for c in text):
        order, shown = visual_order(text, bidi)
    pieces = {c: tuple(lookalikes.get(f, f) for f in fold_char(c)) for c in set(text)}
    if isinstance(order, range) and all(len(p) == 1 and len(p[0]) == 1 for p in pieces.values()):
        return Reading("".join([pieces[c][0] for c in text]), range(len(text)), range(1, len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    for offset in order:
        piece = pieces[text[offset]]
        out.extend(piece)
        starts.extend([offset] * len(piece))
    return Reading("".join(out), starts, [s + 1 for s in starts], shown)


_NOT_EXPLICIT = ("B", "S", "WS", "CS", "ES")
_STRONG = compiled("strong")


def visual_order(text: str, bidi: Mapping[str, str]) -> tuple[list[int], frozenset[int]]:
    """The offsets of `text` in the order a reader sees them, and those shown right to left.

    Unicode's bidirectional algorithm (UAX #9) for what can disguise a word: the explicit
    embeddings, overrides and isolates (rules X1-X8; X9 drops the controls; a paragraph
    separator closes them all), neutrals between two runs of one direction taking it (N1,
    else the embedding's, N2), whitespace at the end of a line (L1) and the reordering of
    levels (L2). Letters and digits outside an override are taken as left-to-right, the
    direction of the text we judge: letters of a right-to-left script are not reordered
    among themselves, which no Latin word can hide behind. tests/test_check_classes.py
    compares this order with python-bidi's on generated texts."""
    order: list[int] = []
    shown: set[int] = set()
    line: list[tuple[int, int, str | None]] = []  # (offset, embedding level, direction or None: neutral)
    stack: list[tuple[int, str | None, bool]] = [(0, None, False)]
    for offset, char in enumerate(text):
        kind = bidi.get(char)
        level, override, _ = stack[-1]
        if kind == "B":
            line.append((offset, 0, "L"))
            _reorder(_at_paragraph_level(text, _resolved(text, line, bidi), bidi), order, shown)
            line, stack = [], [(0, None, False)]
        elif kind in ("RLE", "LRE", "RLO", "LRO", "RLI", "LRI", "FSI"):
            odd = kind[0] == "R"
            new = level + (1 if (level % 2 == 0) == odd else 2)
            if new <= 125:
                stack.append((new, {"RLO": "R", "LRO": "L"}.get(kind), kind in ("RLI", "LRI", "FSI")))
        elif kind == "PDI":
            if any(isolate for _, _, isolate in stack):
                while not stack.pop()[2]:
                    pass
        elif kind == "PDF":
            if len(stack) > 1 and not stack[-1][2]:
                stack.pop()
        else:
            kind = "EN" if "0" <= char <= "9" else "L" if _STRONG.match(char) else None
            line.append((offset, level, override or kind))
    _reorder(_at_paragraph_level(text, _resolved(text, line, bidi), bidi), order, shown)
    return order, frozenset(shown)


def _resolved(text: str, line: list[tuple[int, int, str | None]], bidi: Mapping[str, str]) -> list[tuple[int, int]]:
    """Each character's level: one separator between two digits is part of the number (W4); a
    digit after left-to-right text is left-to-right (W7); a run of
    neutrals between two strong characters of one direction takes it, numbers counting as
    right-to-left (N1), else its embedding's (N2); then right-to-left characters sit on an odd
    level, left-to-right ones on an even level and other digits above both (I1, I2)."""
    directions = [d for _, _, d in line]
    for k in range(1, len(line) - 1):  # W4: one separator between two digits belongs to the number
        if directions[k] is None and bidi.get(text[line[k][0]]) in ("CS", "ES") \
                and line[k - 1][2] == "EN" == line[k + 1][2]:
            directions[k] = "EN"
    strong = "L"
    for k, direction in enumerate(directions):  # W7: a digit after left-to-right text is left-to-right
        if direction in ("L", "R"):
            strong = direction
        elif direction == "EN" and strong == "L":
            directions[k] = "L"
    i = 0
    while i < len(line):
        if directions[i] is not None:
            i += 1
            continue
        j = i
        while j < len(line) and directions[j] is None:
            j += 1
        before = "R" if i and directions[i - 1] in ("R", "EN") else "L"  # N1: numbers count as R
        after = "R" if j < len(line) and directions[j] in ("R", "EN") else "L"
        for k in range(i, j):
            directions[k] = before if before == after else ("R" if line[k][1] % 2 else "L")
        i = j
    return [(offset, level + _raise(level, d)) for (offset, level, _), d in zip(line, directions, strict=True)]


def _raise(level: int, direction: str | None) -> int:
    """Rules I1 and I2: how far a character's resolved direction lifts its level."""
    if direction == "EN":
        return 2 if level % 2 == 0 else 1
    return 1 if (level % 2 == 1) != (direction == "R") else 0


def _at_paragraph_level(text: str, line: list[tuple[int, int]], bidi: Mapping[str, str]) -> list[tuple[int, int]]:
    """Rule L1: separators, and the whitespace before a separator or at the end of the line,
    are shown at the paragraph's level (0)."""
    fixed = list(line)
    trailing = True
    for i in range(len(fixed) - 1, -1, -1):
        kind = bidi.get(text[fixed[i][0]])
        if kind in ("B", "S"):
            trailing = True
        elif kind != "WS":
            trailing = False
        if trailing:
            fixed[i] = (fixed[i][0], 0)
    return fixed


def _reorder(line: list[tuple[int, int]], order: list[int], shown: set[int]) -> None:
    """Rule L2: from the highest level down to 1, reverse every run at that level or above."""
    items = list(line)
    for level in range(max((lv for _, lv in items), default=0), 0, -1):
        i = 0
        while i < len(items):
            if items[i][1] < level:
                i += 1
                continue
            j = i
            while j < len(items) and items[j][1] >= level:
                j += 1
            items[i:j] = items[i:j][::-1]
            i = j
    order.extend(offset for offset, _ in items)
    shown.update(offset for offset, level in line if level % 2)


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


def word_form(word: str) -> str:
    """One word as written, folded (a line-break hyphen dropped): what a term without word
    endings is compared with."""
    return fold(_LINE_HYPHEN.sub("", word))


def word_key(word: str) -> str:
    """The matching key of one word as written in a draft or in the policy."""
    return stem(word_form(word))


def phrase_key(phrase: str, lookalikes: Mapping[str, str]) -> str:
    """The key of a term from the policy: the keys of its words, space-separated, read as a
    draft is read (so "Café" and "cafe", "Ｄａｔａ" and "data" are one term)."""
    return _phrase(phrase, lookalikes)[0]


def phrase_form(phrase: str, lookalikes: Mapping[str, str]) -> str:
    """A term's words as written, folded, space-separated: "Recall" -> "recall" (not "recal")."""
    return _phrase(phrase, lookalikes)[1]


def compact_key(phrase: str, lookalikes: Mapping[str, str]) -> str:
    """A multi-word term as it appears in a hashtag: "domestic violence" -> "domesticviolence"."""
    return _phrase(phrase, lookalikes)[2]


def phrase_keys(phrases: Sequence[str], lookalikes: Mapping[str, str]) -> list[str]:
    """The distinct keys of a list of phrases (an entry's `unless`), sorted; one look-up for a
    list seen before (a trigger's exceptions are the same for each of its keywords, and a
    pack's lists are long)."""
    if _Phrases.table is not lookalikes:
        _Phrases.table, _Phrases.found, _Phrases.lists = lookalikes, {}, {}
    whole = tuple(phrases)
    keys = _Phrases.lists.get(whole)
    if keys is None:
        keys = tuple(sorted({k for k in (phrase_key(p, lookalikes) for p in whole) if k}))
        if len(_Phrases.lists) >= _Phrases.LIMIT:
            _Phrases.lists.clear()
        _Phrases.lists[whole] = keys
    return list(keys)


class _Phrases:
    """(key, form, compact) of each phrase read with one look-alike table. Compiling the rules
    reads every term of the policy in these three ways several times, and the preview compiles
    them again after every save (for the holding-statement check): over a third of a
    re-render on the example. A table is built once and never changed (lookalikes() is cached),
    so a different table object starts a new memo."""

    table: ClassVar[Mapping[str, str] | None] = None
    found: ClassVar[dict[str, tuple[str, str, str]]] = {}
    lists: ClassVar[dict[tuple[str, ...], tuple[str, ...]]] = {}  # phrase_keys
    LIMIT = 1 << 17  # phrases kept (a policy of 1,000 roles has tens of thousands)


def _phrase(phrase: str, lookalikes: Mapping[str, str]) -> tuple[str, str, str]:
    if _Phrases.table is not lookalikes:
        _Phrases.table, _Phrases.found, _Phrases.lists = lookalikes, {}, {}
    known = _Phrases.found.get(phrase)
    if known is None:
        words = WORD.findall(read(phrase, lookalikes).text)
        known = (" ".join(word_key(w) for w in words), " ".join(word_form(w) for w in words), "".join(words))
        if len(_Phrases.found) >= _Phrases.LIMIT:
            _Phrases.found.clear()
        _Phrases.found[phrase] = known
    return known
