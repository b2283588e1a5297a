"""The shipped knowledge packs (generator/packs/data/) keep the format's rules: they read
without a problem, every entry is prefixed with its pack id and carries a source and a review
date after the pack was reviewed, lists are lower case, and no bare keyword is an everyday word
(a single word of letters with wordfreq's Zipf frequency >= 4.5 in the entry's language) unless
the entry asks for context
(`with:`): such a word alone would flag ordinary posts.
"""

from __future__ import annotations

import pytest
from wordfreq import available_languages, zipf_frequency

from generator.packs.model import Lexicon, PackDay, Tragedy
from generator.packs.reader import DATA, read_packs

EVERYDAY = 4.5
PACKS, REPORT = read_packs(DATA)


def test_every_shipped_pack_reads_without_a_problem():
    assert PACKS and not REPORT.items, REPORT.format_text()


@pytest.mark.parametrize("pack_id", sorted(PACKS))
def test_every_entry_is_prefixed_sourced_and_due_for_review(pack_id):
    pack = PACKS[pack_id]
    for entry in pack.data.entries():
        assert entry.id.startswith(pack_id + "-"), entry.id
        assert entry.source.strip(), entry.id
        assert entry.review > pack.data.pack.reviewed, f"{entry.id}: review {entry.review} is not after the pack's"


def _language(pack_languages: list[str], entry: PackDay | Tragedy | Lexicon) -> list[str]:
    languages = [entry.language] if isinstance(entry, Lexicon) else pack_languages
    return [lang for lang in languages if lang in available_languages()]


@pytest.mark.parametrize("pack_id", sorted(PACKS))
def test_no_bare_keyword_is_an_everyday_word(pack_id):
    pack = PACKS[pack_id]
    everyday = []
    for entry in pack.data.entries():
        if isinstance(entry, Lexicon):
            words = entry.phrases
        elif isinstance(entry, Tragedy):
            words = entry.keywords  # places count only near a keyword or a word of grief (select.py)
        else:
            words = entry.keywords
        if getattr(entry, "with_", None):
            continue
        for word in words:
            if not word.isalpha():  # a phrase, or a name with digits or symbols (9/11, mh17)
                continue
            frequency = max((zipf_frequency(word, lang) for lang in _language(pack.data.pack.languages, entry)),
                            default=0.0)
            if frequency >= EVERYDAY:
                everyday.append(f"{entry.id}: '{word}' (Zipf {frequency:.1f})")
    assert everyday == [], "everyday words need `with:` context or a longer phrase"
