"""The labelled corpus (tests/data/corpus/): the example policy gets the labelled verdicts on
the largest and a small account, stops every public failure, escalates no calm post, and
judges a draft in well under 5 ms. The misses it still has are listed here with the reason."""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import filter_eval

# (draft id, account size): why the example policy misses it.
KNOWN_MISSES = {
    ("reply-journalist", "small"): "words inside an @handle are never read ('@reporter_jen')",
    # Stopped, one level harder than labelled: the lex-en pack's domestic-violence lexicon names
    # the hashtag (severity moderate, our High), so the post escalates instead of going back to
    # its writer. Which is right is the lexicon's severity to decide, not this table's.
    ("digiorno-whyistayed", "large"): "escalated, not revised: a knowledge pack's lexicon names #WhyIStayed",
    ("digiorno-whyistayed", "small"): "escalated, not revised: a knowledge pack's lexicon names #WhyIStayed",
}


@cache
def numbers() -> dict[str, Any]:
    return filter_eval.report(filter_eval.judgements(filter_eval.load_corpus()))


def test_the_corpus_is_big_and_covers_every_category():
    cases = filter_eval.load_corpus()
    assert len(cases) >= 150
    assert len({c["id"] for c in cases}) == len(cases)
    categories = {c["category"] for c in cases}
    assert categories == {"failure", "disguise", "calm", "reply", "promotion", "borderline", "news", "role", "crisis"}
    assert all(c.get("source") for c in cases if c["category"] == "failure")
    assert all(c[size] in filter_eval.VERDICTS for c in cases for size in ("large", "small"))


def test_every_public_failure_is_stopped_on_every_account():
    assert numbers()["failures_stopped"] == numbers()["failures"] > 0


def test_no_calm_post_escalates():
    assert numbers()["calm_escalated"] == 0


def test_the_example_policy_gives_the_labelled_verdicts_but_for_the_known_misses():
    misses = {(m["id"], m["size"]) for m in numbers()["misses"]}
    assert misses == set(KNOWN_MISSES), numbers()["misses"]
    assert numbers()["accuracy"] >= filter_eval.TARGET_ACCURACY


def test_a_draft_takes_well_under_5_ms():
    assert numbers()["ms_per_draft"]["median"] < 5
