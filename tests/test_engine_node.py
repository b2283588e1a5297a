"""The two engines judge alike, checked in the fast suite (issue 24, deliverable 8): every
draft of the labelled development corpus (tests/data/corpus/, with its dates, its authors,
replies, crisis mode and the day's news) runs through engine.js under Node.js and through
engine.py, on the same rules documents and at the same moments, and each draft gets the
same verdict, findings and route from both. Before this, engine.js met the corpus only in
Chromium."""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

import pytest

from conftest import ROOT
from generator.checker.engine import check
from generator.checker.schedule import parse_scheduled, posting_at
from node_engine import judge_in_node

sys.path.insert(0, str(ROOT / "benchmarks"))
import filter_eval


@cache
def _jobs() -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Both rules documents, and one job per (draft, account) as filter_eval judges them."""
    rules = {"calm": filter_eval.corpus_rules(False), "crisis": filter_eval.corpus_rules(True)}
    jobs = []
    for case in filter_eval.load_corpus():
        name = "crisis" if case.get("crisis") else "calm"
        written = case.get("at", filter_eval.CRISIS_REFERENCE if case.get("crisis") else filter_eval.REFERENCE)
        for size, account in (("large", filter_eval.LARGE), ("small", case.get("small_account", filter_eval.SMALL))):
            zone = rules[name]["accounts"][account]["timezone"]
            at = posting_at(rules[name], account, parse_scheduled(written, zone))
            jobs.append({"id": f"{case['id']} ({size})", "rules": name, "text": case["text"], "account": account,
                         "role": case.get("role"), "at": at, "reply": bool(case.get("reply"))})
    return rules, jobs


@cache
def _both() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    rules, jobs = _jobs()
    in_js = judge_in_node(rules, jobs)
    return [(job["id"], check(rules[job["rules"]], job["text"], job["account"], [], job["role"], at=job["at"],
                              reply=job["reply"]), js) for job, js in zip(jobs, in_js, strict=True)]


def test_the_whole_corpus_runs_through_engine_js() -> None:
    cases = filter_eval.load_corpus()
    assert len(_both()) == 2 * len(cases) >= 300
    assert {case["category"] for case in cases} >= {"crisis", "reply", "role", "news"}


def test_engine_js_gives_engine_py_s_verdict_on_every_draft() -> None:
    differ = [(name, py["verdict"], js["verdict"]) for name, py, js in _both() if py["verdict"] != js["verdict"]]
    assert differ == []


def test_engine_js_gives_engine_py_s_whole_result_on_every_draft() -> None:
    """Findings (rule, message, place, page), the route and the account too, not only the verdict."""
    differ = [name for name, py, js in _both() if py != js]
    assert differ == []


@pytest.mark.parametrize("label", ["escalate", "publish"])
def test_the_comparison_can_fail(label: str) -> None:
    """Not a comparison of two empty lists: both engines give each verdict somewhere."""
    assert sum(1 for _, py, js in _both() if py["verdict"] == js["verdict"] == label) > 0
