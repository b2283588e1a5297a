"""Precision on everyday words (issue 23, deliverables 2 and 3): `validate`'s false-alarm
estimate over the shipped corpus of ordinary posts, terms inside lower-case hashtags,
handles, context phrases, and every ordinary post passing through both engines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regex
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.cli import main
from generator.lint.loader import load_playbook
from generator.lint.policy import alarms
from generator.lint.policy.alarms import Post, false_alarms, ordinary_posts
from test_check_classes import CARE, LARGE, SMALL, judged, one

# A finding that one of the policy's words stops the post (not a hashtag, a limit, a route, nor
# a preferred word's swap, which is the house style: alarms.py measures the same ones).
WORD_RULES = ("voice.banned", "voice.profanity", "sensitivity.trigger", "crisis.incident")


def _with_keyword(tmp_path: Path, keyword: str) -> Path:
    """A copy of the example whose tragedy trigger also lists `keyword`."""
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    triggers = folder / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8")
    assert "      - gunfire\n" in text
    triggers.write_text(text.replace("      - gunfire\n", f"      - gunfire\n      - {keyword}\n", 1), encoding="utf-8")
    return folder


def _posts(*texts: str) -> tuple[Post, ...]:
    return tuple(Post(f"p{i}", t, False) for i, t in enumerate(texts))


# ---------------------------------------------------------------- the false-alarm estimate

def test_an_everyday_keyword_without_context_draws_the_estimate(tmp_path, monkeypatch):
    folder = _with_keyword(tmp_path, "shot")
    corpus = _posts("Add an extra shot to any iced latte this week", "Great shot of the cafe!",
                    "Our roaster took this shot at sunrise", *[f"Plain post number {i}" for i in range(97)])
    monkeypatch.setattr(alarms, "ordinary_posts", lambda: corpus)
    loaded = load_playbook(folder)
    assert loaded.playbook is not None
    (warning,) = false_alarms(loaded.playbook, loaded.origins)
    assert warning.file.endswith("triggers.yaml") and warning.level == "warning"
    assert warning.message == ('keyword "shot" is an everyday word (zipf 5.2) and flags 3.0% of ordinary posts '
                               '(3 of 100, e.g. "Add an extra shot to any iced latte this...")'
                               "; give it context (with: [...]) or use a phrase")
    assert warning.hint is not None and '"extra shot"' in warning.hint  # the exception that fits that post
    line = (folder / "triggers.yaml").read_text(encoding="utf-8").splitlines()[warning.line - 1]
    assert line.strip() == "- shot" and warning.column == line.index("shot") + 1


def test_the_estimate_needs_three_posts_and_a_quarter_percent(tmp_path, monkeypatch):
    """Below three posts a hit is one writer's turn of phrase; past 1,200 posts the share decides."""
    loaded = load_playbook(_with_keyword(tmp_path, "shot"))
    assert loaded.playbook is not None
    shots = ["Add an extra shot", "Great shot of the cafe", "Our roaster took this shot"]
    for hits, plain, warned in ((2, 98, False), (3, 97, True), (3, 1597, False), (4, 1596, True)):
        corpus = _posts(*shots[:hits], *(["One more shot"] if hits == 4 else []), *["Plain post"] * plain)
        monkeypatch.setattr(alarms, "ordinary_posts", lambda c=corpus: c)
        assert bool(false_alarms(loaded.playbook, loaded.origins)) is warned, (hits, plain)


def test_context_or_a_phrase_takes_the_warning_away(tmp_path, monkeypatch):
    corpus = _posts("Add an extra shot to any iced latte", "Great shot of the cafe!", "Our roaster took this shot")
    monkeypatch.setattr(alarms, "ordinary_posts", lambda: corpus)
    for keyword in ("shots fired at", "gun shot"):  # phrases
        loaded = load_playbook(_with_keyword(tmp_path / keyword.replace(" ", "-"), keyword))
        assert loaded.playbook is not None
        assert false_alarms(loaded.playbook, loaded.origins) == []
    folder = _with_keyword(tmp_path / "context", "shot")
    triggers = folder / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8")
    anchor = "    endings: [explosion, terrorist, hostage]\n"  # the tragedy trigger's, after its keywords
    assert anchor in text
    triggers.write_text(text.replace(anchor, anchor + "    context:\n      - keyword: shot\n"
                                     "        with: [gun, gunman, fired, police, killed, dead]\n", 1), encoding="utf-8")
    loaded = load_playbook(folder)
    assert loaded.playbook is not None
    assert false_alarms(loaded.playbook, loaded.origins) == []


def test_a_banned_everyday_word_is_measured_too(tmp_path, monkeypatch):
    corpus = _posts("A crazy busy morning", "Crazy good croissants", "This queue is crazy", "Plain")
    monkeypatch.setattr(alarms, "ordinary_posts", lambda: corpus)
    loaded = load_playbook(ROOT / "playbook")
    assert loaded.playbook is not None
    (warning,) = false_alarms(loaded.playbook, loaded.origins)
    assert warning.file.endswith("vocabulary.yaml")
    assert warning.message.startswith('banned term "crazy" is an everyday word (zipf 5.1) and flags 75.0% of '
                                      "ordinary posts (3 of 4")
    assert warning.message.endswith("; use a phrase, or list the everyday uses under unless:")


def test_validate_prints_the_warning_and_strict_fails_on_it(tmp_path, monkeypatch):
    corpus = _posts("Add an extra shot to any iced latte", "Great shot of the cafe!", "Our roaster took this shot")
    monkeypatch.setattr(alarms, "ordinary_posts", lambda: corpus)
    folder = _with_keyword(tmp_path, "shot")
    result = CliRunner().invoke(main, ["validate", "--playbook", str(folder)])
    assert result.exit_code == 0, result.output
    assert 'warning: keyword "shot" is an everyday word (zipf 5.2) and flags 100.0% of ordinary posts' in result.output
    assert CliRunner().invoke(main, ["validate", "--strict", "--playbook", str(folder)]).exit_code == 1


def test_the_example_draws_no_false_alarm_warning():
    """The example gives its everyday keywords context or phrases, measured on the shipped corpus."""
    loaded = load_playbook(ROOT / "playbook")
    assert loaded.playbook is not None
    assert [d.format() for d in false_alarms(loaded.playbook, loaded.origins)] == []


def test_the_shipped_corpus_is_well_formed():
    """At least 1,000 ordinary posts (the issue's floor for a share that means something), each
    with an id of its own, text, and replies among them."""
    posts = ordinary_posts()
    assert len(posts) >= 1000
    assert len({p.id for p in posts}) == len(posts)
    assert all(p.text.strip() for p in posts)
    assert any(p.reply for p in posts) and not all(p.reply for p in posts)


# ---------------------------------------------------------------- every ordinary post passes, in both engines

def word_alarms(result: dict[str, Any]) -> list[str]:
    return [f"{f['rule']} {f['match']!r}" for f in result["findings"]
            if f["rule"] in WORD_RULES and f["level"] in ("revise", "escalate")]


def _read_not_written(result: dict[str, Any], text: str) -> list[str]:
    """Word alarms that the normaliser's readings raised, not the words as written: a disguise,
    or a term read inside a hashtag or a handle."""
    tags = [(m.start(), m.end()) for m in regex.finditer(r"[#@][\p{L}\p{N}_]+", text)]
    return [f"{f['rule']} {f['match']!r}" for f in result["findings"]
            if f["rule"] in WORD_RULES and f["level"] in ("revise", "escalate") and f["line"]
            and ("disguise" in f or any(s <= _offset(text, f) < e for s, e in tags))]


def _offset(text: str, finding: dict[str, Any]) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:finding["line"] - 1]) + finding["column"] - 1


@pytest.mark.parametrize("account", [SMALL, LARGE])
def test_no_reading_of_the_normaliser_stops_an_ordinary_post(account):
    """Every post of the shipped ordinary corpus, through both engines: no disguise class and no
    word read inside a hashtag stops one (the words as written are `validate`'s to measure)."""
    posts = ordinary_posts()
    results = judged([{"text": p.text, "reply": p.reply, "account": account} for p in posts])
    flagged = {p.id: _read_not_written(r, p.text) for p, r in zip(posts, results, strict=True)}
    assert {k: v for k, v in flagged.items() if v} == {}


def test_the_example_lets_through_at_least_95_percent_of_ordinary_posts():
    """The issue's target for ordinary posts with everyday traps, on the shipped corpus."""
    posts = ordinary_posts()
    results = judged([{"text": p.text, "reply": p.reply} for p in posts])
    stopped = [p.id for p, r in zip(posts, results, strict=True) if word_alarms(r)]
    assert len(stopped) <= 0.05 * len(posts), stopped


# ---------------------------------------------------------------- words inside hashtags, handles

def found(text: str) -> list[tuple[str, str | None, str]]:
    return [(f["rule"], f["ref"], f["match"]) for f in one(text)["findings"]
            if f["line"] and f["rule"] != "hashtag.unapproved"]


def test_a_term_inside_a_lower_case_hashtag_is_found_and_named():
    assert found("#crapcoffee is here") == [("voice.profanity", "crap", "crap")]
    assert found("#fuckmondays") == [("voice.profanity", "fuck", "fuck")]
    assert found("#crazy_dealsdaily") == [("voice.banned", "crazy", "crazy")]
    assert found("#todiefordeals") == [("voice.banned", "to die for", "todiefor")]  # a phrase, compacted
    assert found("#lamestreet") == [("voice.banned", "lame", "lame")]


def test_a_term_inside_a_longer_word_of_the_hashtag_is_that_word():
    """#scrapbooking is scrap, #wholesale whole sale, #prettyinpink pretty; but a profanity's own
    longer forms (#crappycoffee) stay profane."""
    for text in ("#scrapbooking club", "#wholesaleprices", "#prettyinpink", "#pretzeltime", "#flamegrilled",
                 "#freshcoffeedaily", "#skyscraperviews"):
        assert found(text) == [], text
    assert found("#crappycoffee") == [("voice.profanity", "crap", "crap")]


def test_a_keyword_inside_a_hashtag_still_needs_its_context():
    assert found("#recallalert") == []
    assert found("#recallalert for batch 12") == [("sensitivity.trigger", "product-recall", "recall")]


def test_short_terms_are_not_looked_for_inside_a_word():
    """sue, kys, ocd, wtf: three letters meet the seam of two innocent words too often (#pinkysunday)."""
    assert found("#pinkysunday") == [] and found("#issuesolved") == []


_PIECES = st.sampled_from(["crap", "scrap", "crazy", "sale", "whole", "recall", "todiefor", "pretty", "pret", "zel",
                           "fuck", "ing", "lame", "f", "batch", "coffee", "daily", "1", "\U0001d41c", "é", "Ｃ", "_",
                           "lamé", "kys", "sue", "issue", "ЅALE"])
_TAGS = st.lists(st.lists(_PIECES, min_size=1, max_size=5).map(lambda p: "#" + "".join(p)), min_size=40, max_size=40)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tags=_TAGS)
def test_both_engines_read_hashtags_made_of_terms_and_words_alike(tags):
    """judged() compares the two engines JSON for JSON: glued terms, covering words, digits,
    accents, look-alike and astral letters inside one hashtag."""
    judged([{"text": f"{tag} for batch 7 {tag.upper()}"} for tag in tags])


def test_a_handle_is_someones_name_not_the_posts_words():
    """@crazy_deals is what that account is called; the post did not choose it. The same words
    as a hashtag are the post's own."""
    assert found("Thanks @crazy_deals and @lame_excuses_club for the shout-out") == []
    assert found("#crazy_deals") == [("voice.banned", "crazy", "crazy")]


# ---------------------------------------------------------------- context given as a phrase

def test_a_context_phrase_counts_only_as_a_phrase():
    """mould's context includes "in my": the two words in that order, not each alone nearby."""
    assert found("There was mould in my sandwich") == [("sensitivity.trigger", "product-safety", "mould")]
    assert found("Pour it in the mould, my friends") == []


# ---------------------------------------------------------------- the suggested exception

def suggested(text: str) -> list[str]:
    return [f["explain"].split('add "', 1)[1].split('" to', 1)[0] for f in one(text)["findings"] if f.get("explain")]


def test_the_suggested_unless_adds_one_telling_word_in_the_sentence():
    """The shortest run of words around the match, inside its sentence, that adds a word which
    can tell the uses apart: not one of the most common words, not the keyword's own context
    (which marks the guilty use), not a number. Equal lengths: the word after first."""
    assert suggested("Our killer brownie is back") == ["killer brownie"]
    assert suggested("Our baristas recall the product launch of 2019 fondly") == ["baristas recall"]
    # "product" is recall's context: "Recall the product" would excuse a real recall too
    assert suggested("Recall the product names, then try our quiz") == ["Recall the product names"]
    # a number fits only this post; "products" is context again
    assert suggested("Recall 2 products: our quiz on the batch") == ["Recall 2 products: our quiz"]
    assert suggested("Mould in my kitchen again, says our pastry chef") == ["Mould in my kitchen"]
    assert suggested("Morning all. Lawyer jokes aside, we love our regulars") == ["Lawyer jokes"]


# ---------------------------------------------------------------- the example's everyday keywords, by class

def test_the_examples_everyday_keywords_need_their_guilty_context():
    calm = ["The cure for Monday mornings: a double flat white", "The wifi password is on your receipt",
            "Raise a glass in the sunshine this weekend", "No plastic in our new cups, finally",
            "Pile on the whipped cream, it's Friday", "Our latte art is going viral, thank you all",
            "We're hiring: the ideal candidate loves coffee and people", "Vote for your favourite autumn bake",
            "Behind the scenes: shooting a new video at the roastery",
            "In honour of International Coffee Day, every flat white is half price"]
    risky = ["This tea is a cure for anxiety", "Please DM us your password so we can check", "I found glass in my cup",
             "Everyone pile on this account", "My complaint is going viral, disgusting service",
             "Which candidate gets your vote at the election?", "Whoever you vote for today, coffee's on us",
             "Reports of a shooting downtown", "In honor of Riverside, half price scones today"]
    results = judged([{"text": t} for t in calm + risky])
    assert [word_alarms(r) for r in results[:len(calm)]] == [[]] * len(calm)
    assert [t for t, r in zip(risky, results[len(calm):], strict=True) if r["verdict"] != "escalate"] == []


def test_the_ordinary_benchmark_runs_and_reports_both_accounts():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ordinary_eval.py")], capture_output=True,
                          text=True, timeout=300, check=True)
    assert f"{len(ordinary_posts())} ordinary posts" in done.stdout
    assert "largest account (nw-x-global):" in done.stdout and "small account (nw-instagram-de):" in done.stdout


# ---------------------------------------------------------------- names that open a sentence, bare addresses

def test_a_first_name_opening_a_sentence_is_a_name_when_what_follows_says_so():
    """A possessive, an auxiliary or "and", or a past or -ing form after it: the verb takes none."""
    calm = ["Sue has roasted 40,000 kilos of coffee.", "Sue's notebook is on the shelf.",
            "Great day. Sue is holding the bag.", "Sue roasted this batch.", "Sue firing up the roaster at 6am."]
    risky = ["Sue us if you like, we stand by our beans", "Sue them all.", "Poppy-shaped cookies for the weekend"]
    assert [word_alarms(r) for r in judged([{"text": t} for t in calm])] == [[]] * len(calm)
    remembrance = {"date": "2026-11-07", "utc": "2026-11-07T10:00"}  # Poppy is Remembrance Sunday's word then
    assert verdicts_of(risky, at=remembrance, account=CARE) == ["escalate", "escalate", "escalate"]


def verdicts_of(texts: list[str], **case: Any) -> list[str]:
    return [r["verdict"] for r in judged([{"text": t, **case} for t in texts])]


def test_the_words_of_an_address_without_a_scheme_are_not_prose():
    """northwindroasters.com/allergens is where the answer is, not a question about allergens."""
    assert found("Full details: northwindroasters.com/allergens") == []
    assert found("Full details at our allergens page") == [("sensitivity.trigger", "allergen-question", "allergens")]
    assert found("Rates 24/7 and/or 1.5/2: crazy") == [("voice.banned", "crazy", "crazy")]
