"""What the checker knows about everyday English, taken from maintained packages, never typed here.

- `wordfreq` (Robyn Speer's word frequencies, many sources): the English words written with
  accents (lamé, rosé, exposé), so that folding accents never turns one dictionary word into
  another (accent_words), and the most frequent English words, which carry too little meaning
  to tell an innocent use from a guilty one in a suggested `unless:` (common_words).
- `gender-guesser` (Jörg Michael's dictionary of about 60,000 first names by country):
  which words people in English-speaking countries are called (Sue, Poppy, Will), so that a
  name written as a name is not read as the word (first_names).
- `wordfreq` again: the English words of five letters or more down to Zipf 2.5 (dictionary),
  so that a term inside a lower-case hashtag is not read inside a longer word that contains
  it (#scrapbooking holds "crap", #wholesale holds "sale"): see rules._inner_terms.

Loading those packages costs seconds and a hundred megabytes (gender-guesser parses its whole
dictionary, wordfreq its 320,000-word list), more than `playbook validate` itself, so the
subsets the checker uses are kept in `lexicon.json` beside this module, with their sources
and versions, and read from there. `python -m generator.checker.lexicon` writes the file
again from the installed packages; tests/test_check_classes.py fails when it no longer
matches them. rules.py keeps only what touches the policy's own terms and ships it in the
rules document, so engine.js needs no copy of these lists.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .text import fold_char

DICTIONARY_ZIPF = 2.5  # rare enough to hold pretzel, scrapbooking, skyscraper; common enough to be words
DICTIONARY_MIN = 5  # a word that contains a term of four letters or more is at least five long
COMMON = 100  # the most frequent English words that cannot tell two uses of a word apart
# Where the dictionary's names are counted: the English-speaking countries it covers (a name
# known only elsewhere, such as Dutch "Beer", is not taken from an English word).
NAME_COUNTRIES = ("great_britain", "ireland", "usa")
_GENDERED = ("male", "female", "mostly_male", "mostly_female")
FILE = "lexicon.json"


def _folded(word: str) -> str:
    return "".join(fold_char(c) for c in word)


def snapshot() -> dict[str, Any]:
    """The lexicon as the installed packages give it (slow: seconds; for writing lexicon.json)."""
    import gender_guesser.detector as gender
    from wordfreq import iter_wordlist, top_n_list, zipf_frequency

    accented = set()
    for word in iter_wordlist("en", wordlist="large"):
        if not word.isascii() and word.isalpha():
            folded = _folded(word)
            if folded.isascii() and folded.isalpha() and folded != word:
                accented.add(unicodedata.normalize("NFC", word).lower())
    detector = gender.Detector(case_sensitive=False)
    dictionary = set()
    for word in iter_wordlist("en", wordlist="large"):
        if zipf_frequency(word, "en", wordlist="large") < DICTIONARY_ZIPF:
            break
        if word.isascii() and word.isalpha() and len(word) >= DICTIONARY_MIN:
            dictionary.add(word)
    names = {_folded(name) for name in detector.names if any(
        detector.get_gender(name, country) in _GENDERED for country in NAME_COUNTRIES)}
    return {
        "sources": {
            "accent_words": f"wordfreq {metadata.version('wordfreq')}: English 'large' list, words with accents",
            "common_words": f"wordfreq {metadata.version('wordfreq')}: the {COMMON} most frequent English words",
            "dictionary": f"wordfreq {metadata.version('wordfreq')}: English 'large' list, words of "
                          f"{DICTIONARY_MIN} letters or more at Zipf {DICTIONARY_ZIPF} or above, space-separated",
            "first_names": f"gender-guesser {metadata.version('gender-guesser')}: names of "
                           f"{', '.join(NAME_COUNTRIES)} (male, female or mostly either)",
        },
        "accent_words": sorted(accented),
        "common_words": sorted({_folded(w) for w in top_n_list("en", COMMON)}),
        "dictionary": " ".join(sorted(dictionary)),
        "first_names": sorted(n for n in names if n.isascii() and n.isalpha()),
    }


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """lexicon.json, as shipped in the package."""
    text = resources.files(__package__).joinpath(FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _accented() -> tuple[tuple[str, str], ...]:
    return tuple((word, _folded(word)) for word in lexicon()["accent_words"])


def accent_words(forms: Iterable[str]) -> list[str]:
    """The accented English words that fold into one of `forms` (lamé -> lame): each is its own
    word, not the term with an accent added to disguise it."""
    wanted = set(forms)
    return sorted({word for word, folded in _accented() if folded in wanted})


def common_words() -> list[str]:
    """The most frequent English words, folded (the, you, your, for...)."""
    words: list[str] = lexicon()["common_words"]
    return words


@lru_cache(maxsize=1)
def _dictionary() -> tuple[str, tuple[int, ...]]:
    """The dictionary as one space-separated string, and where each word starts in it."""
    text: str = lexicon()["dictionary"]
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    return text, tuple(starts)


def containing(forms: Iterable[str]) -> dict[str, list[str]]:
    """For each of `forms`, the dictionary words that hold it inside (sale: wholesale, salesman):
    where a lower-case hashtag spells one of those, the term there is part of another word.
    One str.find pass over the dictionary per form (C speed: `check`'s cold start pays it),
    once per process: the preview compiles the rules after every save with the same forms."""
    found: dict[str, list[str]] = {}
    for form in sorted(set(forms)):
        if form and " " not in form and (words := _holding(form)):
            found[form] = list(words)
    return found


@lru_cache(maxsize=1 << 16)
def _holding(form: str) -> tuple[str, ...]:
    """The dictionary words other than `form` that hold it, sorted."""
    text, starts = _dictionary()
    words: set[str] = set()
    at = text.find(form)
    while at >= 0:
        first = starts[bisect_right(starts, at) - 1]
        end = text.find(" ", first)
        word = text[first:end if end >= 0 else len(text)]
        if word != form:
            words.add(word)
        at = text.find(form, at + 1)
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(lexicon()["first_names"])


def first_names(forms: Iterable[str]) -> list[str]:
    """Those of `forms` (single folded words) that people in English-speaking countries are
    called: sue, poppy, will; not beer or free."""
    return sorted(set(forms) & _first_names())


def write(path: Path) -> None:
    """lexicon.json from the installed packages (sorted, so the same packages give the same bytes)."""
    path.write_text(json.dumps(snapshot(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python -m generator.checker.lexicon
    write(Path(__file__).with_name(FILE))
