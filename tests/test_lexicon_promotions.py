"""Promotions the team did not list: the shipped `promotion` lexicons (lex-en ... lex-nl).

A promotion worded in any way ("30% off", "2 für 1", "code promo", "2x1", "3x2", "1+1
gratis") is held on a day of remembrance (calendar.promotion), stopped next to a tragedy's name
(tragedy.promotion), and seen by the team's approval rule for its `commercial` category; the
everyday meanings of the same words ("feel free", "big deal", "not for sale" aside, which is
the example team's own keyword) pass. Judged from the user's side (`playbook check --account
--at`) and in both engines, with the shipped packs (not tests/data/packs/).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.checker.rules import compile_rules
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.model import Signal
from generator.packs import reader
from generator.packs.select import activate
from test_packs import TODAY, both, found, on

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "playbook"
HOLOCAUST_DAY = "2027-01-27 10:00"  # the example's Holocaust Memorial Day: every account, promotions paused
ORDINARY_DAY = "2027-03-10 10:00"

# Drafts written for this test, one class each: a price cut, a multi-buy, a code, free
# delivery, a named sale, urgency next to an offer, a prize promotion; none uses the example
# team's own promotion keywords (sale, discount, voucher, promo code, giveaway...).
PROMOTIONS = {
    "en": ["Fresh roast Friday: 25% off every bag of beans", "Pastries are 3-for-2 until close",
           "Treat yourself and enter HELLO15 at checkout", "Free next-day delivery on all grinders",
           "Our spring flash sale: everything must go", "Last chance! Two lattes for $6 ends tonight",
           "Enter to win a barista masterclass"],
    "de": ["Nur heute: 15 % Rabatt auf alle Tassen", "3 für 2 auf unsere Kaffeekapseln",
           "Gib den Code KAFFEE15 an der Kasse ein", "Ab 20 € versandkostenfrei bestellen"],
    "fr": ["Soldes : tout le rayon thé à -40 %", "Profitez de 15 % de remise sur les cafetières",
           "Avec le code CAFE15, la livraison est offerte", "Un acheté = un offert sur les cookies"],
    "es": ["Rebajas de enero en toda la tienda", "3x2 en cápsulas hasta el domingo",
           "Usa el código CAFE15 y llévate un 15% de descuento", "Envío gratuito a partir de 25 €"],
    "it": ["Sconto del 20% su tutte le miscele", "Prendi 3 paghi 2 sulle capsule",
           "Inserisci il codice CAFFE15 al pagamento", "Spedizione gratuita sopra i 25 €"],
    "nl": ["Vandaag 15% korting op alle mokken", "2 halen 1 betalen op koffiebonen",
           "Gebruik de kortingscode KOFFIE15 bij het afrekenen", "Gratis bezorging vanaf € 25"],
}
# The everyday meanings of promotion words: none is a promotion.
EVERYDAY = {
    "en": ["Feel free to pop in and say hello", "Big deal? Not really, just good coffee",
           "We offer a quiet room for anyone who needs it", "Our code of conduct is on the website",
           "Stir 2 for 1 minute and let it bloom", "Gluten-free brownies are back",
           "Last chance to see the mural before it is painted over", "Save the date: open mic on Friday"],
    "de": ["Unser Angebot: guter Kaffee und Zeit zum Reden", "Heute nur bis 14 Uhr geöffnet",
           "Leitungswasser gibt es bei uns immer gratis"],
    "fr": ["Une réduction de vinaigre balsamique sur la burrata", "Bravo à la promo 2026 de l'école hôtelière",
           "Derniers jours de l'exposition photo"],
    "es": ["Oferta de empleo: buscamos baristas", "Gol en el tiempo de descuento",
           "Últimos días de la exposición"],
    "it": ["È scontato dirlo: il caffè è buono", "Una serata in omaggio a Lucio Dalla",
           "Offerta di lavoro per baristi a Milano"],
    "nl": ["Gratis parkeren achter het café", "Onze actie voor de voedselbank loopt nog",
           "Laatste dagen van de expositie"],
}
LANGUAGES = sorted(PROMOTIONS)


@pytest.fixture(autouse=True)
def shipped_packs():
    """The packs shipped with the tool (another module may have pointed the reader elsewhere)."""
    reader.shipped.cache_clear()
    yield
    reader.shipped.cache_clear()


@pytest.fixture(scope="module")
def every_language(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with every language's pack on (fr, es, it, nl come with their countries)."""
    folder = tmp_path_factory.mktemp("promotions") / "playbook"
    shutil.copytree(EXAMPLE, folder)
    calendar = folder / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    assert "  use: [core, gb, us, de]\n" in text
    calendar.write_text(text.replace("  use: [core, gb, us, de]\n", "  use: [core, gb, us, de, fr, es, it, nl]\n"),
                        encoding="utf-8")
    return folder


def rules_of(folder: Path) -> dict[str, Any]:
    loaded = load_playbook(folder)
    assert loaded.playbook is not None, loaded.report.format_text()
    return compile_rules(loaded.playbook, TODAY)


def rules_with_override(tmp_path: Path, override: str) -> dict[str, Any]:
    """The example's rules with one more `packs: override:` entry (`id: {...}` as YAML)."""
    folder = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, folder)
    calendar = folder / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    line = "    gb-grenfell-tower-fire: {severity: critical}"
    assert line in text
    calendar.write_text(text.replace(line, f"{line}\n    {override}"), encoding="utf-8")
    return rules_of(folder)


def check_cli(folder: Path, text: str, account: str, at: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", "--playbook", str(folder), "--account", account, "--at", at,
                                       "--format", "json", "-"], input=text)
    return result.exit_code, json.loads(result.output)


def promotional(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings that judge the draft a promotion: a paused promotion, or a promotion lexicon's match."""
    return [f for f in result["findings"] if f["rule"].endswith(".promotion") or "-promotion-" in (f["ref"] or "")]


def rules_found(result: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in result["findings"]}


def test_a_promotion_lexicon_entry_is_a_promotional_trigger_of_the_commercial_category():
    loaded = load_playbook(EXAMPLE)
    assert loaded.playbook is not None
    entries = {e.data.id: e for e in activate(loaded.playbook, TODAY).lexicons}
    for entry_id in ("lex-en-promotion-price", "lex-de-promotion-urgency"):
        trigger = entries[entry_id].team
        assert trigger.category == "commercial" and trigger.signals == [Signal.promotion]
        assert trigger.severity == "low" and trigger.promotes()
    rules = rules_of(EXAMPLE)
    marked = {p["ref"] for p in rules["packs"]["patterns"] if p.get("promotion")}
    assert {"lex-en-promotion-price", "lex-de-promotion-price"} <= marked
    assert not any(ref.startswith(("lex-en-health", "lex-en-violence")) for ref in marked)


@pytest.mark.parametrize("language", ["en", "de"])
def test_playbook_check_holds_an_unlisted_promotion_on_a_day_of_remembrance(language):
    """The example's own packs (core, gb, us, de) bring lex-en and lex-de."""
    for text in PROMOTIONS[language]:
        code, result = check_cli(EXAMPLE, text, "nw-x-uk", HOLOCAUST_DAY)
        assert code == 1 and result["verdict"] in ("approval", "revise"), (text, result)  # revise: a code in capitals
        assert set(found(result, "calendar.promotion")) == {"holocaust-memorial-day"}, (text, result)
        _, ordinary = check_cli(EXAMPLE, text, "nw-x-uk", ORDINARY_DAY)
        assert found(ordinary, "calendar.promotion") == [] and ordinary["verdict"] != "escalate", (text, ordinary)
        assert [f["level"] for f in ordinary["findings"] if f["rule"] == "sensitivity.trigger"] in ([], ["info"]) \
            or {f["level"] for f in ordinary["findings"] if f["rule"] == "sensitivity.trigger"} == {"info"}


def test_playbook_check_holds_them_in_every_language(every_language):
    for language in ("fr", "es", "it", "nl"):
        for text in PROMOTIONS[language]:
            code, result = check_cli(every_language, text, "nw-x-uk", HOLOCAUST_DAY)
            assert code == 1 and "calendar.promotion" in rules_found(result), (text, result)


def test_the_everyday_meanings_pass_on_the_same_day(every_language):
    for language in LANGUAGES:
        for text in EVERYDAY[language]:
            _, result = check_cli(every_language, text, "nw-x-uk", HOLOCAUST_DAY)
            assert promotional(result) == [], (text, result)


def test_both_engines_agree_on_promotions_and_everyday_words(every_language):
    rules = rules_of(every_language)
    day = on("2027-01-27")
    cases = [{"text": t, "account": "nw-x-uk", "at": day} for lang in LANGUAGES for t in PROMOTIONS[lang]]
    calm = [{"text": t, "account": "nw-x-uk", "at": day} for lang in LANGUAGES for t in EVERYDAY[lang]]
    results = both(rules, cases + calm)
    for case, result in zip(cases, results[:len(cases)], strict=True):
        assert set(found(result, "calendar.promotion")) == {"holocaust-memorial-day"}, (case["text"], result)
    for case, result in zip(calm, results[len(cases):], strict=True):
        assert promotional(result) == [], (case["text"], result)


def test_a_promotion_that_names_a_tragedy_is_stopped_in_both_engines():
    rules = rules_of(EXAMPLE)
    shout, rabatt, calm = both(rules, [
        {"text": "Remembering Grenfell: 25% off every bag of beans", "account": "nw-x-uk", "at": None},
        {"text": "Wir denken an den Anschlag in Halle. Heute 15 % Rabatt", "account": "nw-x-de", "at": None},
        {"text": "Remembering Grenfell today, with our neighbours", "account": "nw-x-uk", "at": None}])
    assert found(shout, "tragedy.promotion") == ["gb-grenfell-tower-fire"]
    assert [f["match"] for f in shout["findings"] if f["rule"] == "tragedy.promotion"] == ["25% off"]
    assert found(rabatt, "tragedy.promotion") == ["de-anschlag-halle"]
    assert found(calm, "tragedy.promotion") == []


def test_the_teams_approval_rule_for_promotions_sees_an_unlisted_one():
    """large-commercial-needs-manager (tiers large and flagship, category commercial) now
    sees '3-for-2' on the large US account, on an ordinary day; the growing UK account has no
    such rule and publishes."""
    code, large = check_cli(EXAMPLE, "Pastries are 3-for-2 until close", "nw-x-us", ORDINARY_DAY)
    assert code == 1 and found(large, "approval.rule") == ["large-commercial-needs-manager"]
    code, growing = check_cli(EXAMPLE, "Pastries are 3-for-2 until close", "nw-x-uk", ORDINARY_DAY)
    assert code == 0 and growing["verdict"] == "publish"


def test_an_override_unless_excuses_a_promotion_patterns_match_in_both_engines(tmp_path):
    """`packs: override: {id: {unless: [...]}}` is how a team writes an exception to a pack
    entry; it holds for the entry's patterns as for its phrases."""
    rules = rules_with_override(tmp_path, 'lex-en-promotion-price: {unless: ["members get 10% off"]}')
    assert any(p.get("unless") == ["member get 10 off"] for p in rules["packs"]["patterns"]
               if p["ref"] == "lex-en-promotion-price")
    members, everyone = both(rules, [
        {"text": "Cup Club members get 10% off today", "account": "nw-x-uk", "at": on("2027-01-27")},
        {"text": "Everyone gets 10% off today", "account": "nw-x-uk", "at": on("2027-01-27")}])
    assert promotional(members) == []
    assert found(everyone, "calendar.promotion") == ["holocaust-memorial-day"]


def test_crisis_mode_pauses_an_unlisted_promotion(tmp_path):
    """The example's crisis (block_promotions: true) switched on: a promotion only the packs
    know is a crisis.promotion inside its window."""
    folder = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, folder)
    crisis = folder / "crisis.yaml"
    text = crisis.read_text(encoding="utf-8")
    assert "  active: false" in text and "  block_promotions: true" in text
    crisis.write_text(text.replace("  active: false", "  active: true", 1), encoding="utf-8")
    for draft in ("Pastries are 3-for-2 until close", "Nur heute: 15 % Rabatt auf alle Tassen"):
        code, result = check_cli(folder, draft, "nw-x-uk", "2026-12-10 10:00")
        assert code == 1 and "crisis.promotion" in rules_found(result), (draft, result)
    _, calm = check_cli(folder, "Feel free to pop in and say hello", "nw-x-uk", "2026-12-10 10:00")
    assert "crisis.promotion" not in rules_found(calm)


def test_a_watched_news_event_pauses_an_unlisted_promotion(tmp_path):
    folder = tmp_path / "playbook"
    shutil.copytree(EXAMPLE, folder)
    calendar = folder / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    assert text.endswith("watchlist: []\n")
    calendar.write_text(text[:-len("watchlist: []\n")] + (
        "watchlist:\n  - id: storm-test\n    name: Storm Test flooding\n    keywords: [storm test]\n"
        "    severity: high\n    pauses: [promotions]\n    added_by: night-moderator\n"
        "    since: 2027-03-09 18:00\n    expires: 2027-03-12 18:00\n    timezone: Europe/London\n"), encoding="utf-8")
    code, result = check_cli(folder, "Enter to win a barista masterclass", "nw-x-uk", ORDINARY_DAY)
    assert code == 1 and found(result, "watchlist.promotion") == ["storm-test"], result
    _, calm = check_cli(folder, "Save the date: open mic on Friday", "nw-x-uk", ORDINARY_DAY)
    assert found(calm, "watchlist.promotion") == []


def test_an_override_unless_excuses_a_pack_emojis_match_in_both_engines(tmp_path):
    """The same exception holds for an entry's emoji: a phrase of the team's `unless:` that
    spans the emoji (its words either side) excuses it; elsewhere the emoji still counts."""
    rules = rules_with_override(tmp_path, 'lex-en-weapons-emoji-target: {unless: ["water fight"]}')
    targets = [e for e in rules["packs"]["emoji"] if e["ref"] == "lex-en-weapons-emoji-target"]
    assert targets and all(e.get("unless") == ["water fight"] for e in targets)
    summer, aimed = both(rules, [
        {"text": "Water 🔫 fight with you all at the summer party", "account": "nw-x-uk", "at": on("2027-07-14")},
        {"text": "Watch out, rivals 🔫 you are next", "account": "nw-x-uk", "at": on("2027-07-14")}])
    assert found(summer, "sensitivity.trigger") == []
    assert found(aimed, "sensitivity.trigger") == ["lex-en-weapons-emoji-target"]
