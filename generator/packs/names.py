"""The word a past tragedy is called by, derived from its entry: "Hillsborough", "Columbine".

People name a tragedy by one distinctive word ("Remember Hillsborough?"), while a pack entry
lists it inside phrases ("hillsborough disaster", "hillsborough families") and lists as
`places` only where it happened (Sheffield). The name word is found from the entry's own data,
the same way for every entry, never typed per entry:

- it is a word of the entry's name before any parenthesis (the head: "Lockerbie bombing (Pan
  Am Flight 103)" is named by its head; what follows qualifies it), of four letters or more;
- among those, it is the one the entry's keywords, places and hashtags use most, at least
  twice: the pack itself keeps calling the tragedy by it (Hillsborough in six keywords and two
  hashtags), while the kind of event (disaster, Amokfahrt, stampede) and the bigger place
  around it are used less; a tie keeps every word tied;
- nothing is added where one of those words already names the entry alone (a one-word
  keyword or place, as "dunblane" or "srebrenica");
- it is a proper name: written with a capital in the name (a lower-case word there is a common
  noun: "Glasgow bin lorry crash", "Pittsburgh synagogue shooting"), and it heads the names of
  fewer than KIND_NAMES tragedies across the packs (a word in that many names is a kind of
  event: Amoklauf, Brandanschlag, stabbings; two may share a place, Christchurch, or an
  airline, Crossair);
- it is rare: below NAME_ZIPF on wordfreq's Zipf scale in every language the packs speak, so
  that no everyday word or large city (massacre, tsunami, Manchester, Graz) becomes one.

select.py then treats it as a place: it counts only with a context word nearby (PLACE_CONTEXT
or one of the entry's keywords), so a town's name in an ordinary post stays calm.

wordfreq takes a second and a hundred megabytes to load, which `check` and `build` must not
pay for: the frequencies of the shipped tragedies' head words are kept in `frequencies.json`
beside this module, written by `python -m generator.packs.names`; tests/test_pack_data.py fails
when the file no longer matches the packages and the shipped data. A word missing from the file
(a pack written since, a test pack) counts as common, so it never becomes a name word unseen.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import regex

from .model import Tragedy

NAME_ZIPF = 3.5  # about three times in a million words: towns, venues, airlines; not cities or kinds
MIN_LETTERS = 4
KIND_NAMES = 3
FILE = "frequencies.json"
_WORD = regex.compile(r"[^\W\d_]+")


def head_words(tragedy: Tragedy, proper: bool = False) -> list[str]:
    """The words of the name before any parenthesis, lower case, four letters or more, once
    each; `proper`: only those written with a capital."""
    head = tragedy.name.split("(", 1)[0]
    return list(dict.fromkeys(w.casefold() for w in _WORD.findall(head)
                              if len(w) >= MIN_LETTERS and (not proper or w[0].isupper())))


def kind_words(tragedies: Iterable[Tragedy]) -> set[str]:
    """Words that head the names of KIND_NAMES tragedies or more: kinds of event, not names."""
    counts = Counter(w for t in tragedies for w in head_words(t))
    return {w for w, n in counts.items() if n >= KIND_NAMES}


def _uses(word: str, tragedy: Tragedy) -> int:
    """How many keywords, places and hashtags of the entry use `word` (a hashtag: inside it,
    as CamelCase joins the words)."""
    phrases = sum(1 for k in [*tragedy.keywords, *tragedy.places] if word in _WORD.findall(k.casefold()))
    return phrases + sum(1 for h in tragedy.hashtags if word in h.casefold())


def name_words(tragedy: Tragedy, kinds: set[str], frequency: dict[str, float] | None = None) -> list[str]:
    """The entry's distinctive name word(s), as the module's docstring decides them (`kinds`:
    kind_words of every shipped tragedy)."""
    counts = {w: _uses(w, tragedy) for w in head_words(tragedy)}
    if not counts or max(counts.values()) < 2:
        return []
    top = max(counts.values())
    chosen = [w for w, n in counts.items() if n == top]
    alone = {k.casefold() for k in [*tragedy.keywords, *tragedy.places] if len(_WORD.findall(k)) == 1}
    if alone.intersection(chosen):
        return []
    known = frequencies() if frequency is None else frequency
    proper = head_words(tragedy, proper=True)
    return [w for w in chosen if w in proper and w not in kinds and known.get(w, NAME_ZIPF) < NAME_ZIPF]


def shipped_kinds() -> set[str]:
    """kind_words of every shipped tragedy: what an entry's name word is compared with, whichever
    packs a policy turns on (an entry's word does not change with its neighbours)."""
    from .reader import shipped

    return kind_words(t for pack in shipped().values() for t in pack.data.tragedies)


def listed_words(tragedy: Tragedy, kinds: set[str]) -> list[str]:
    """A tragedy's words as `playbook packs show` and the Knowledge packs page list them: its
    keywords, places, the word it is called by, hashtags (what the checker looks for)."""
    return [*tragedy.keywords, *tragedy.places, *name_words(tragedy, kinds), *tragedy.hashtags]


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """frequencies.json's words and their Zipf frequencies, as shipped in the package."""
    text = resources.files(__package__).joinpath(FILE).read_text(encoding="utf-8")
    data: dict[str, float] = json.loads(text)["zipf"]
    return data


def snapshot(tragedies: list[Tragedy], languages: list[str]) -> dict[str, Any]:
    """The highest Zipf frequency in `languages` of every head word of `tragedies` (slow: loads
    wordfreq's lists; for writing frequencies.json)."""
    from wordfreq import zipf_frequency

    words = sorted({w for t in tragedies for w in head_words(t)})
    return {
        "source": f"wordfreq {metadata.version('wordfreq')}: the highest Zipf frequency in "
                  f"{', '.join(languages)} of each word of the shipped tragedies' names",
        "zipf": {w: max(zipf_frequency(w, lang) for lang in languages) for w in words},
    }


def shipped_snapshot() -> dict[str, Any]:
    """The snapshot of the shipped packs: their tragedies, in the languages they declare."""
    from .reader import shipped

    packs = shipped().values()
    languages = sorted({lang for p in packs for lang in p.data.pack.languages if lang != "und"})
    return snapshot([t for p in packs for t in p.data.tragedies], languages)


def write(path: Path) -> None:
    """frequencies.json from the installed wordfreq and the shipped packs (sorted: same bytes)."""
    path.write_text(json.dumps(shipped_snapshot(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


if __name__ == "__main__":  # python -m generator.packs.names
    write(Path(__file__).with_name(FILE))
