"""Classes of drafts the checker must judge right (issue 23), each through both engines:
replies, the approver's reasons, disguises, context, names and word endings.

Every draft here runs through the Python engine and through engine.js in node (the checker
page's engine) and the two results must be equal, JSON for JSON; then the behaviour is
asserted on that one result.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

import regex
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import ROOT
from generator.checker import lexicon, shared
from generator.checker.engine import check
from generator.checker.shared import bidi_classes
from generator.checker.text import visual_order
from generator.lint.loader import load_playbook
from test_check import rules_for
from test_check_properties import ENGINE, NODE

RUNNER = """
const fs = require("fs");
const engine = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.cases.map(c =>
  engine.check(input.rules, c.text, c.account, c.media || [], c.author || null, c.at || null, c.reply || false))));
"""
AT = {"date": "2026-10-15", "utc": "2026-10-15T09:00"}  # no sensitive date or listed event is active then
LARGE, SMALL, CARE = "nw-x-global", "nw-instagram-de", "nw-x-care"


@cache
def example_text() -> str:
    return json.dumps(rules_for(ROOT / "playbook"))


def example() -> dict[str, Any]:
    return json.loads(example_text())


def judged(cases: list[dict[str, Any]], rules: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each case judged by both engines, which must agree; the one result per case."""
    rules = rules or example()
    cases = [{"account": SMALL, "at": AT, **c} for c in cases]
    python = [check(rules, c["text"], c["account"], c.get("media", []), c.get("author"), at=c["at"],
                    reply=c.get("reply", False)) for c in cases]
    done = subprocess.run([NODE, "-e", RUNNER, str(ENGINE)], input=json.dumps({"rules": rules, "cases": cases}),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    javascript = json.loads(done.stdout)
    for case, a, b in zip(cases, python, javascript, strict=True):
        assert a == b, case
    return python


def one(text: str, **case: Any) -> dict[str, Any]:
    return judged([{"text": text, **case}])[0]


def rules_of(result: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in result["findings"]]


# ---------------------------------------------------------------- replies (deliverable 4)

def test_a_reply_needs_the_reply_permission_not_publish():
    """The care liaison may reply but not publish; on the care account its routine reply goes out."""
    rules = example()
    assert "care-liaison" in rules["accounts"][CARE]["repliers"]
    assert "care-liaison" not in rules["accounts"][CARE]["publishers"]
    text = "Sorry to hear that! Please DM us your order number and we'll sort it out. ^AB"
    as_post, as_reply = judged([{"text": text, "account": CARE, "author": "care-liaison"},
                                {"text": text, "account": CARE, "author": "care-liaison", "reply": True}])
    assert as_post["verdict"] == "approval" and "role.publish" in rules_of(as_post)
    assert as_reply["verdict"] == "publish", as_reply["findings"]
    assert {f["level"] for f in as_reply["findings"]} <= {"info"}
    assert as_reply["route"]["reply"] is True
    assert "care-liaison" in [r["id"] for r in as_reply["route"]["repliers"]]


def test_a_role_without_the_reply_permission_hands_the_reply_on():
    result = one("Thanks, we'll pass it on. ^AB", account=CARE, author="comms-lead", reply=True)
    assert rules_of(result) == ["role.reply"]
    assert result["findings"][0]["message"].startswith("Head of Communications may not reply on Northwind Help")


# ---------------------------------------------------------------- the approver sees why (deliverable 5)

def test_when_the_two_person_rule_decides_the_reasons_come_first():
    text = "Our new blend is the best coffee in town, and sustainable too"
    small, large = judged([{"text": text}, {"text": text, "account": LARGE}])
    assert small["verdict"] == "publish" and small["findings"], "cautions are information on a small account"
    assert large["verdict"] == "approval"
    reasons = [f["rule"] for f in small["findings"]]
    assert rules_of(large)[:len(reasons)] == reasons  # what it would have said on a small account, first
    assert rules_of(large)[len(reasons):] == ["approval.two-person"]


def test_when_a_finding_decides_it_stays_first():
    result = one("This roast is crazy good", account=LARGE)
    assert result["verdict"] == "revise" and rules_of(result)[0] == "voice.banned"


# ---------------------------------------------------------------- no disguise holes (deliverable 3)

LOOKALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440", "x": "\u0445",
             "y": "\u0443", "i": "\u0456", "s": "\u0455"}  # Cyrillic letters drawn like Latin ones
DIGITS = {"o": "0", "i": "1", "e": "3", "a": "4", "s": "5"}


def _words(term: str) -> list[str]:
    return regex.findall(r"[\p{L}\p{N}_]+", term)


def _each_word(term: str, change: Callable[[str], str]) -> str:
    return regex.sub(r"[\p{L}\p{N}_]+", lambda m: change(m.group(0)), term)


def _first(word: str, table: dict[str, str]) -> str:
    at = next((i for i, c in enumerate(word) if c in table), None)
    return word if at is None else word[:at] + table[word[at]] + word[at + 1:]


def _longest(term: str, change: Callable[[str], str]) -> str:
    longest = max(_words(term), key=len)
    return regex.sub(rf"(?<![\p{{L}}\p{{N}}_]){regex.escape(longest)}(?![\p{{L}}\p{{N}}_])",
                     lambda m: change(m.group(0)), term, count=1)


def _accent(word: str) -> str:
    at = next((i for i, c in enumerate(word) if c in "aeiou"), None)
    return word if at is None else word[:at] + unicodedata.normalize("NFC", word[at] + "\u0302") + word[at + 1:]


def _repeat(word: str) -> str:
    at = next((i for i, c in enumerate(word) if c in "aeiou"), 0)
    return word[:at] + word[at] * 4 + word[at + 1:]


# Every disguise class of the issue: (name, applies to the term?, the term disguised). None: not applicable.
DISGUISES: list[tuple[str, Callable[[str], str | None]]] = [
    ("look-alike letters", lambda t: _each_word(t, lambda w: _first(w, LOOKALIKE))),
    ("zero-width space", lambda t: _each_word(t, lambda w: w[0] + "\u200b" + w[1:] if len(w) > 1 else w)),
    ("accents", lambda t: _each_word(t, _accent)),
    ("fullwidth letters", lambda t: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in t)),
    ("digits for letters", lambda t: _each_word(t, lambda w: _first(w, DIGITS))),
    ("letters spaced apart", lambda t: " ".join(t) if len(_words(t)) == 1 and len(t) >= 3 else None),
    ("a letter repeated", lambda t: _repeat(t) if len(_words(t)) == 1 else None),
    ("an emoji inside a word", lambda t: _longest(t, lambda w: w[:len(w) // 2] + "\u2615" + w[len(w) // 2:])),
    ("a symbol for a letter", lambda t: t[0] + "#" + t[2:] if len(_words(t)) == 1 and len(t) >= 4 else None),
    ("an emoji for a letter", lambda t: t[0] + "\u2615" + t[2:] if len(_words(t)) == 1 and len(t) >= 4 else None),
    ("a separator inside a word", lambda t: t[:len(t) // 2] + "-" + t[len(t) // 2:] if len(_words(t)) == 1 else None),
    ("a dot inside a word", lambda t: t[:len(t) // 2] + "." + t[len(t) // 2:] if len(_words(t)) == 1 else None),
    ("a right-to-left override", lambda t: "\u202e" + t[::-1] + "\u202c"),
    ("a CamelCase hashtag", lambda t: "#" + "".join(w.capitalize() for w in _words(t)) + "Now"),
    ("a snake_case hashtag", lambda t: "#" + "_".join(_words(t)) + "_now"),
    # inner.py: terms of four letters or more are looked for inside a lower-case hashtag's words
    ("a lower-case hashtag", lambda t: "#" + "".join(_words(t)).lower() + "now" if len("".join(_words(t))) >= 4
     else None),
]


def policy_terms() -> list[tuple[str, str, str]]:
    """(term as written, the finding's ref, context it needs) for every banned term, profanity
    and trigger keyword of the example policy."""
    loaded = load_playbook(ROOT / "playbook")
    assert loaded.playbook is not None
    found = [(t.term, t.term, "") for t in loaded.playbook.vocabulary if t.kind.value in ("banned", "profanity")
             and not t.case_sensitive]
    for trigger in loaded.playbook.triggers:
        context = {c.keyword: c.with_[0] for c in trigger.context}
        found += [(k, trigger.id, context.get(k, "")) for k in trigger.keywords if k not in trigger.case_sensitive]
    return found


def disguised_cases() -> list[dict[str, Any]]:
    """Every term in every class that applies to it; a disguise that writes another English word
    (Pret with an accent is prêt, as in prêt-à-porter) is that word, not a disguise."""
    other_words = set(example()["accent_words"])
    cases = []
    for term, ref, context in policy_terms():
        for name, disguise in DISGUISES:
            written = disguise(term)
            if written is None or written == term or written.lower() in other_words:
                continue
            cases.append({"text": f"Update: {written} {context}".rstrip(), "ref": ref, "term": term, "class": name})
    return cases


def test_every_banned_term_and_trigger_keyword_is_found_through_every_disguise():
    """The generated cross: each term of the example, written in each disguise class, is found in
    both engines (judged() compares them) and the finding names the term or its trigger."""
    cases = disguised_cases()
    assert len(cases) > 1500
    missed = [(c["class"], c["text"]) for c, result in zip(cases, judged(cases), strict=True)
              if c["ref"] not in {f["ref"] for f in result["findings"]}]
    assert missed == []


def test_the_disguise_classes_are_named_in_the_finding():
    text = "f#ck, cra-zy, t0 d1e f0r, \u202etihs\u202c and #CrazyDeals"
    found = {f["match"]: f for f in one(text)["findings"] if f["line"]}
    assert found["f#ck"]["disguise"] == ["masked"] and found["f#ck"]["reads_as"] == "fuck"
    assert found["cra-zy"]["disguise"] == ["symbol"] and found["cra-zy"]["reads_as"] == "crazy"
    assert found["t0 d1e f0r"]["reads_as"] == "to die for"
    assert found["tihs"]["disguise"] == ["reversed"] and found["tihs"]["reads_as"] == "shit"
    assert found["Crazy"]["rule"] == "voice.banned"  # the word inside the hashtag, by name


def test_ordinary_words_joined_by_symbols_stay_calm():
    calm = ["Our co-op and well-being range, from AT&T to Q&A: e-mail us, it's a to-do list, don't wait",
            "Fish & chips, rock'n'roll, 24/7, 9-5, x-ray, wi-fi, B&B, M&S, R&D"]
    for result in judged([{"text": t} for t in calm]):
        assert result["verdict"] == "publish", result["findings"]


def test_every_calm_post_of_the_corpus_still_passes_on_a_small_account():
    corpus = YAML(typ="safe").load((ROOT / "tests" / "data" / "corpus" / "drafts.yaml").read_text(encoding="utf-8"))
    calm = [{"text": c["text"]} for c in corpus if c["category"] == "calm"]
    assert len(calm) >= 40
    results = judged(calm)
    assert [c["text"] for c, r in zip(calm, results, strict=True) if r["verdict"] != "publish"] == []


_BIDI_ALPHABET = st.sampled_from([*"abz ,.!-+:17", "\u202e", "\u202d", "\u202c", "\n", "\t"])


@settings(max_examples=500, deadline=None)
@given(text=st.text(_BIDI_ALPHABET, max_size=16))
def test_the_reading_order_is_the_bidi_algorithms(text):
    """Under the explicit overrides (RLO, LRO, PDF), with letters, digits, separators and
    punctuation, text.visual_order gives exactly the order of python-bidi (UAX #9), the
    explicit controls left out. (Embeddings and isolates reorder whole runs of words and are
    approximated; letters of right-to-left scripts are not reordered among themselves.)"""
    classes = bidi_classes()
    order, _ = visual_order(text, classes)
    expected = "".join(c for c in get_display(text) if classes.get(c, "B") in ("B", "S", "WS", "CS", "ES"))
    assert "".join(text[i] for i in order) == expected


# ---------------------------------------------------------------- precision on everyday words (deliverable 2)

def verdicts(*texts: str, **case: Any) -> list[str]:
    return [r["verdict"] for r in judged([{"text": t, **case} for t in texts])]


def test_a_keyword_with_context_stays_calm_alone():
    calm, risky = judged([{"text": "Can you recall your first flat white?"},
                          {"text": "We are issuing a recall of one batch of Cold Brew cans"}])
    assert calm["verdict"] == "publish" and not calm["findings"]
    assert risky["verdict"] == "escalate" and risky["findings"][0]["ref"] == "product-recall"
    assert verdicts("Catch our Instagram stories takeover with the Leeds baristas",
                    "Pour the chocolate into the mould and chill") == ["publish", "publish"]
    assert verdicts("Rumours of a hostile takeover of the company by a rival",
                    "There was mould in my sandwich") == ["escalate", "escalate"]


def test_keywords_match_as_written_unless_their_endings_are_asked_for():
    """cure has no endings: cured ham is food; recall lists them: recalled counts (with context)."""
    assert verdicts("Our cured ham toastie is back", "This blend cures headaches") == ["publish", "escalate"]
    assert verdicts("The beans were recalled after the batch failed a safety test") == ["escalate"]


def test_names_are_not_words():
    rules = example()
    assert rules["names"]["sue"] == "given" and rules["names"]["poppy"] == "given"
    calm = verdicts("A big thank you to our barista Sue for the latte art", "Ask Poppy at the Leeds cafe for a tour",
                    at={"date": "2026-11-08", "utc": "2026-11-08T10:00"})
    assert calm == ["publish", "publish"]
    assert verdicts("Sue us if you like, we stand by our beans") == ["escalate"]  # a sentence's first word
    assert verdicts("We will sue you") == ["escalate"]


def test_a_roster_name_is_a_name_anywhere(tmp_path):
    import shutil

    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    roster = folder / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    assert "    name: Priya Shah\n" in text
    roster.write_text(text.replace("    name: Priya Shah\n", "    name: Sue Shah\n", 1), encoding="utf-8")
    rules = rules_for(folder)
    assert rules["names"]["sue"] == "roster"
    assert [r["verdict"] for r in judged([{"text": "Sue will be at the Leeds cafe today"}], rules)] == ["publish"]


def test_folding_accents_never_turns_one_word_into_another():
    assert "lamé" in example()["accent_words"]
    assert verdicts("Our gold lamé tote bag is back", "That was a lâme excuse") == ["publish", "revise"]


def test_the_suggested_unless_is_the_shortest_phrase_that_tells_the_uses_apart():
    (finding,) = [f for f in one("Every morning our team meets for a quick recall of the product range, "
                                 "then we open")["findings"] if f["line"]]
    assert '"quick recall"' in finding["explain"]  # not the whole sentence
    (finding,) = [f for f in one("Morning all. Lawyer jokes aside, we love our regulars")["findings"]
                  if f["line"]]
    assert '"Lawyer jokes"' in finding["explain"]  # the sentence before is not part of it


def test_the_lexicon_snapshot_is_what_the_packages_give():
    """generator/checker/lexicon.json is wordfreq's and gender-guesser's answer, not a hand list:
    after upgrading either, run `python -m generator.checker.lexicon`."""
    assert lexicon.lexicon() == json.loads(json.dumps(lexicon.snapshot()))


def test_every_bidi_class_the_reading_needs_is_in_the_basic_plane(monkeypatch):
    everything = shared.bidi_classes.__wrapped__
    monkeypatch.setattr(shared, "BIDI_SCAN", sys.maxunicode + 1)
    assert everything() == bidi_classes()
