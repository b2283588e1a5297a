"""A past tragedy named by the one word people call it by (issue 23): "Remember Hillsborough?"
names the Hillsborough disaster although the pack lists the word only inside its phrases.
generator/packs/names.py derives that word from every entry alike; select.py treats it as a
place (it counts only with a word of context nearby), so a town's name in an ordinary post
stays calm. Every draft here runs through both engines (test_check_classes.judged) on the
example policy, whose packs are core, gb, us and de.
"""

from __future__ import annotations

import datetime as dt
import shutil
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.checker import lexicon
from generator.cli import main
from generator.packs import names
from generator.packs.model import Tragedy
from generator.packs.names import KIND_NAMES, NAME_ZIPF, kind_words, name_words
from generator.packs.reader import DATA, read_packs
from test_check import rules_for
from test_check_classes import LARGE, SMALL, judged

PACKS, _ = read_packs(DATA)
TRAGEDIES = {t.id: t for pack in PACKS.values() for t in pack.data.tragedies}
KINDS = kind_words(TRAGEDIES.values())


def tragedy(name: str, keywords: list[str], places: tuple[str, ...] = (), hashtags: tuple[str, ...] = ()) -> Tragedy:
    return Tragedy.model_validate({
        "id": "xx-invented", "name": name, "kind": "fire", "date": dt.date(1990, 1, 1), "country": "GB",
        "keywords": keywords, "places": list(places), "hashtags": list(hashtags),
        "source": "invented for a test", "review": dt.date(2030, 1, 1)})


def escalated_by(result: dict[str, Any]) -> list[str | None]:
    return [f["ref"] for f in result["findings"] if f["rule"] == "sensitivity.trigger" and f["level"] == "escalate"]


# ---------------------------------------------------------------- the rule, on invented entries

RARE = {"brackwater": 1.2, "mill": 4.6, "fire": 5.3, "tannery": 2.9}


def test_the_name_word_is_the_head_word_the_entry_keeps_using():
    entry = tragedy("Brackwater Mill fire", ["brackwater mill fire", "brackwater fire", "brackwater victims"],
                    hashtags=("#BrackwaterNeverForget",))
    assert name_words(entry, set(), RARE) == ["brackwater"]


def test_what_the_entry_already_matches_alone_adds_nothing():
    entry = tragedy("Brackwater Mill fire", ["brackwater mill fire", "brackwater fire"], places=("brackwater",))
    assert name_words(entry, set(), RARE) == []


@pytest.mark.parametrize(("name", "keywords", "why"), [
    ("Brackwater Mill fire", ["brackwater mill fire"], "used once: the pack never calls it that alone"),
    ("Old tannery fire (Brackwater)", ["brackwater tannery fire", "brackwater fire"], "only after the head"),
    ("Brackwater tannery fire", ["tannery fire brackwater", "tannery fire victims", "tannery blaze"],
     "lower case in the name: a common noun"),
    ("Mill fire", ["mill fire victims", "mill fire memorial"], "an everyday word"),
    ("Tannery Fire", ["tannery fire victims", "tannery fire memorial"], "a kind of event across the packs"),
    ("Glenmorrow fire", ["glenmorrow fire", "glenmorrow victims"], "a word the frequencies do not know"),
])
def test_no_name_word(name, keywords, why):
    assert name_words(tragedy(name, keywords), {"tannery"}, RARE) == [], why


def test_the_shipped_packs_give_the_words_people_use():
    derived = {i: name_words(t, KINDS) for i, t in TRAGEDIES.items()}
    assert derived["gb-hillsborough-disaster"] == ["hillsborough"]
    assert derived["us-columbine-massacre"] == ["columbine"]
    assert derived["gb-lockerbie-bombing"] == derived["gb-dunblane-massacre"] == []  # already places of theirs
    assert derived["de-amoklauf-winnenden"] == []  # a keyword with context already
    assert derived["gb-glasgow-bin-lorry-crash"] == []  # "lorry" is a common noun there
    assert derived["de-amoklauf-hamburg-2023"] == []  # Amoklauf names a kind of event
    every = [w for words in derived.values() for w in words]
    assert len(every) >= 100
    assert not set(every) & KINDS and all(names.frequencies()[w] < NAME_ZIPF for w in every)
    assert {"amoklauf", "massacre", "shooting"} <= KINDS
    assert all(sum(w in names.head_words(t) for t in TRAGEDIES.values()) >= KIND_NAMES for w in KINDS)


def test_the_frequency_snapshot_is_what_wordfreq_gives_for_the_shipped_packs():
    shipped = names.shipped_snapshot()
    assert names.frequencies() == shipped["zipf"], "run: python -m generator.packs.names"
    assert set(shipped["zipf"]) == {w for t in TRAGEDIES.values() for w in names.head_words(t)}


# ---------------------------------------------------------------- the checker, both engines

NAMING = [
    ("Remember Hillsborough? Our queue today felt like it lol", "gb-hillsborough-disaster"),
    ("Never forget Hillsborough.", "gb-hillsborough-disaster"),
    ("Thinking of everyone lost at Hillsborough, a tribute from our Liverpool team", "gb-hillsborough-disaster"),
    ("Our thoughts are with the Hillsborough survivors", "gb-hillsborough-disaster"),
    ("Never forget Columbine.", "us-columbine-massacre"),
    ("Columbine, 1999: we remember the victims", "us-columbine-massacre"),
    ("Never forget Lockerbie", "gb-lockerbie-bombing"),
    ("Winnenden: wir werden es nie vergessen", "de-amoklauf-winnenden"),
]
CALM = [
    "Our new cafe in Hillsborough opens Monday",
    "Hillsborough farmers market this Saturday: come say hi to the team",
    "Road trip to Hillsborough this weekend, any coffee tips?",
    "Columbine and bluebells on every table this spring",
    "Fresh beans just landed at our Columbine Valley store",
    "Greetings from Lockerbie! Flat whites all round",
    "Unser Stand in Winnenden hat samstags offen",
]


@pytest.mark.parametrize("account", [SMALL, LARGE])
def test_a_tragedy_named_by_its_word_escalates_a_town_named_alone_does_not(account):
    results = judged([{"text": t, "account": account} for t, _ in NAMING] + [{"text": t, "account": account}
                                                                             for t in CALM])
    for (text, entry), result in zip(NAMING, results, strict=False):
        assert result["verdict"] == "escalate" and entry in escalated_by(result), text
    for text, result in zip(CALM, results[len(NAMING):], strict=True):
        assert escalated_by(result) == [], text


def test_a_promotion_that_names_it_by_its_word_is_stopped():
    (result,) = judged([{"text": "Remember Hillsborough? Flash sale all day today"}])
    stopped = [f for f in result["findings"] if f["rule"] == "tragedy.promotion"]
    assert [(f["ref"], f["level"]) for f in stopped] == [("gb-hillsborough-disaster", "revise")]


def test_the_finding_names_the_word_and_the_tragedy():
    (result,) = judged([{"text": "Never forget Columbine."}])
    finding = next(f for f in result["findings"] if f["rule"] == "sensitivity.trigger")
    assert finding["match"] == "Columbine" and (finding["line"], finding["column"]) == (1, 14)
    assert finding["message"].startswith("'Columbine' suggests Columbine High School massacre (1999): escalate")


def test_an_accented_word_the_pack_writes_is_its_word_not_another(tmp_path):
    """Mégantic is in wordfreq's English list with its accent, and it is the name word of the
    Lac-Mégantic rail disaster (Canada's pack): the pack writes it so, so it is the pack's word,
    not an English word that folds into a term (as lamé is not lame, a rule that stays)."""
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    calendar = folder / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    assert "use: [core, gb, us, de]" in text
    calendar.write_text(text.replace("use: [core, gb, us, de]", "use: [core, gb, us, de, ca]"), encoding="utf-8")
    rules = rules_for(folder)
    assert "mégantic" in lexicon.lexicon()["accent_words"] and "mégantic" not in rules["accent_words"]
    results = judged([{"text": t} for t in ("Never forget Mégantic", "Never forget Lac-Mégantic",
                                            "never forget megantic", "Our Mégantic store opens at 8")], rules)
    assert ["ca-lac-megantic-rail-disaster" in escalated_by(r) for r in results] == [True, True, True, False]


def test_the_listings_show_the_word_the_checker_looks_for():
    """`playbook packs show` and the Knowledge packs page list what the checker matches."""
    shown = CliRunner().invoke(main, ["packs", "show", "us"]).output
    line = next(x for x in shown.splitlines() if x.startswith("  us-columbine-massacre:"))
    assert line.endswith("columbine high school, littleton, columbine, #Columbine")
