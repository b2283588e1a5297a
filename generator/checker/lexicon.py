"""What the checker knows about everyday English, read from maintained packages, never typed here.

- `wordfreq` (Robyn Speer's word frequencies, many sources): the English words written with
  accents (lamé, rosé, exposé), so that folding accents never turns one dictionary word into
  another (accent_words), and the most frequent English words, which carry too little meaning
  to tell an innocent use from a guilty one in a suggested `unless:` (common_words).
- `gender-guesser` (Jörg Michael's dictionary of about 45,000 first names by country):
  which policy words people in English-speaking countries are called (Sue, Poppy, Will), so
  that a name written as a name is not read as the word (first_names).

rules.py keeps only what touches the policy's own terms and ships it in the rules document,
so engine.js needs no copy of these lists. Loading either package takes a fraction of a
second, once per process; the compiled rules are cached.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .text import fold_char

COMMON = 100  # the most frequent English words that cannot tell two uses of a word apart


@lru_cache(maxsize=1)
def _accented() -> tuple[tuple[str, str], ...]:
    """(word, the word with its accents folded off) for every accented English word wordfreq knows."""
    from wordfreq import iter_wordlist

    found = []
    for word in iter_wordlist("en", wordlist="large"):
        if not word.isascii() and word.isalpha():
            folded = "".join(fold_char(c) for c in word)
            if folded.isascii() and folded != word:
                found.append((unicodedata.normalize("NFC", word).lower(), folded))
    return tuple(found)


def accent_words(forms: Iterable[str]) -> list[str]:
    """The accented English words that fold into one of `forms` (lamé -> lame): each is its own
    word, not the term with an accent added to disguise it."""
    wanted = set(forms)
    return sorted({word for word, folded in _accented() if folded in wanted})


@lru_cache(maxsize=1)
def common_words() -> list[str]:
    """The most frequent English words, folded (the, you, your, for...)."""
    from wordfreq import top_n_list

    return sorted({"".join(fold_char(c) for c in w) for w in top_n_list("en", COMMON)})


@lru_cache(maxsize=1)
def _detector() -> object:
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


# Where the dictionary's names are counted: the English-speaking countries it covers (a name
# known only elsewhere, such as Dutch "Beer", is not taken from an English word).
NAME_COUNTRIES = ("great_britain", "ireland", "usa")
_GENDERED = ("male", "female", "mostly_male", "mostly_female")


def first_names(forms: Iterable[str]) -> list[str]:
    """Those of `forms` (single folded words) that people in English-speaking countries are
    called: sue, poppy, will; not beer or free."""
    detector = _detector()
    return sorted({form for form in forms if form.isalpha() and any(
        detector.get_gender(form, country) in _GENDERED for country in NAME_COUNTRIES)})  # type: ignore[attr-defined]
