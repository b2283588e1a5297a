"""Classes of drafts the checker must judge right (issue 23), each through both engines:
replies, the approver's reasons, disguises, context, names and word endings.

Every draft here runs through the Python engine and through engine.js in node (the checker
page's engine) and the two results must be equal, JSON for JSON; then the behaviour is
asserted on that one result.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from typing import Any

from conftest import ROOT
from generator.checker.engine import check
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
