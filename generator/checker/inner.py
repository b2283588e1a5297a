"""The policy's terms as they hide inside a lower-case hashtag: #crapcoffee, #recallalert,
#todiefordeals (issue 23: words inside hashtags).

A CamelCase or snake_case hashtag says where its words are; a lower-case one does not. The
engines look for each term inside it, but a term spelled inside a longer word is that word,
not the term (#scrapbooking holds "crap", #wholesale "sale", #interpret "pret"). So the rules
document carries, for each term, the dictionary words that hold it (lexicon.containing, from
wordfreq), and a term found inside a hashtag counts only where none of them is spelled around
it. Only what touches the policy's own terms is shipped: a few hundred words, not a dictionary.

The rule, the same in both engines:
- only terms of at least MIN_LETTERS letters are looked for inside a word: a shorter one (sue,
  kys, ocd) meets the seam between two innocent words too often (#pinkysunday);
- a term inside a word counts unless it lies inside a dictionary word that holds it, spelled
  at that place; a word that is only the term with an ending (recalled, sales) is the term
  itself, and for a profanity every word that starts with it is profane (crappy), so neither
  excuses it;
- the whole hashtag and its CamelCase or snake_case parts are matched as words already;
  this looks only strictly inside a part.
- @handles are never searched: a handle is somebody's name, which the post does not choose
  (@crazy_deals is how that account is called); the words of a hashtag the post does choose.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import lexicon
from .text import word_key

MIN_LETTERS = 4


def inner_terms(terms: Mapping[str, Any], hashtag_terms: Mapping[str, Any], masked_forms: Mapping[str, str],
                profanity_forms: Mapping[str, str]) -> dict[str, Any]:
    """`inner_forms` (form -> ["terms" | "hashtag_terms", key]), their lengths, their first
    MIN_LETTERS letters (`inner_prefixes`: most places in a hashtag start no term, and one look-up
    says so), and `inner_cover` (form -> the dictionary words that excuse it)."""
    forms: dict[str, list[str]] = {}
    for form, key in masked_forms.items():
        if len(form) >= MIN_LETTERS and key in terms:
            forms.setdefault(form, ["terms", key])
    for key in hashtag_terms:
        if len(key) >= MIN_LETTERS:
            forms.setdefault(key, ["hashtag_terms", key])
    cover: dict[str, list[str]] = {}
    for form, words in lexicon.containing(forms).items():
        kept = [w for w in words if word_key(w) != word_key(form)
                and not (form in profanity_forms and w.startswith(form))]
        if kept:
            cover[form] = kept
    return {"inner_forms": dict(sorted(forms.items())), "inner_lengths": sorted({len(f) for f in forms}),
            "inner_min": MIN_LETTERS, "inner_prefixes": dict.fromkeys(sorted({f[:MIN_LETTERS] for f in forms}), 1),
            "inner_cover": cover}
