"""Property tests: no draft, account, role or attachment list crashes either checker engine,
every finding points at the text it quotes, and the JavaScript engine (run by node, as the
checker page runs it) agrees with the Python engine on drafts built from policy words,
disguises, hashtags, links, emoji and line breaks.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.checker.engine import check
from test_check import CHECKER, CRISIS_ON, rules_for

ENGINE = ROOT / "generator" / "checker" / "engine.js"
NODE = "/usr/bin/node"
RUNNER = """
const fs = require("fs");
const engine = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.cases.map(c => {
  try { return engine.check(input.rules, c.text, c.account, c.media, c.author); }
  catch (e) { return {crash: String(e && e.stack || e)}; }
});
process.stdout.write(JSON.stringify(out));
"""


@cache
def rules_text(crisis: bool) -> str:
    if not crisis:
        return json.dumps(rules_for(CHECKER))
    import shutil
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix="crisis-rules-"))
    for path in CHECKER.glob("*.yaml"):
        shutil.copy(path, folder)
    shutil.copy(CRISIS_ON, folder / "crisis.yaml")
    return json.dumps(rules_for(folder))


def run_js(rules: dict[str, Any], cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    done = subprocess.run([NODE, "-e", RUNNER, str(ENGINE)], input=json.dumps({"rules": rules, "cases": cases}),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def policy_words() -> list[str]:
    rules = json.loads(rules_text(True))
    words = {w for key in rules["terms"] for w in key.split(" ")}
    return sorted(words | {"sued", "suing", "lawsuits", "f***", "sh1t", "s h i t", "f.u.c.k", "$hit", "law-\nsuit",
                           "#WhyIStayed", "#ad", "#BeanThere", "@sam", "^CM", "https://northwind.example/a",
                           "https://evil.example/b.", "☕", "😀", "ＬＡＷＳＵＩＴ", "ﬁne", "Scunthorpe", "class"})


CHUNK_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCZ0135@$*!|+#.,:;-_ '\"?()\n\té߀İ"))
DRAFTS = st.lists(st.one_of(st.sampled_from(policy_words()), st.text(CHUNK_ALPHABET, max_size=6)),
                  max_size=40).map(" ".join)
ACCOUNTS = st.sampled_from(["flagship", "insta", "leeds", "ceo"])
ROLES = st.sampled_from([None, "head-of-social", "social-lead", "community-manager", "content-writer",
                         "legal-counsel", "comms-director"])
MEDIA = st.lists(st.fixed_dictionaries({"file": st.text(max_size=8), "alt": st.none() | st.text(max_size=8),
                                        "source": st.sampled_from([None, "message", "camera"])}), max_size=3)
CASE = st.fixed_dictionaries({"text": DRAFTS, "account": ACCOUNTS, "author": ROLES, "media": MEDIA})
ANY_CASE = st.fixed_dictionaries({"text": st.text(max_size=400), "account": ACCOUNTS, "author": ROLES,
                                  "media": MEDIA})


def python_result(rules: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    return check(rules, case["text"], case["account"], case["media"], case["author"])


def assert_well_formed(result: dict[str, Any], text: str) -> None:
    assert result["verdict"] in ("publish", "revise", "approval", "escalate")
    lines = text.split("\n")
    for finding in result["findings"]:
        if finding["length"]:
            line = "\n".join(lines[finding["line"] - 1:])
            start = finding["column"] - 1
            assert line[start:start + finding["length"]] == finding["match"], finding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=ANY_CASE, crisis=st.booleans())
def test_random_text_never_crashes_the_python_engine(case, crisis):
    assert_well_formed(python_result(json.loads(rules_text(crisis)), case), case["text"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=CASE, crisis=st.booleans())
def test_policy_like_drafts_are_well_formed(case, crisis):
    assert_well_formed(python_result(json.loads(rules_text(crisis)), case), case["text"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases=st.lists(CASE, min_size=60, max_size=60), crisis=st.booleans())
def test_the_javascript_engine_agrees_with_python(cases, crisis):
    rules = json.loads(rules_text(crisis))
    expected = [python_result(rules, c) for c in cases]
    assert run_js(rules, cases) == expected


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases=st.lists(ANY_CASE, min_size=60, max_size=60), crisis=st.booleans())
def test_random_text_never_crashes_the_javascript_engine(cases, crisis):
    for result in run_js(json.loads(rules_text(crisis)), cases):
        assert "crash" not in result, result.get("crash")
        assert result["verdict"] in ("publish", "revise", "approval", "escalate")
