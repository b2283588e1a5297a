"""The triage wizard (templates/assets/triage.js) and `playbook triage` give the same whole
answer, in the fast suite: triage.js runs under Node.js (tests/node_triage.py) on the rules
document the site ships, for every single trigger, every single signal and a sample of pairs
at every spread, on the example and on the checker fixture, and each answer's lines must equal
what `playbook triage --format json` prints at the same minute.

Why the wizard still decides the approvals itself (issue 24, deliverable 5): which approval
rules apply depends on the tier, the severity (the worst trigger raised by spread) and every
category of the triggers picked together, so shipping the decided answer would mean one entry
per tier x severity x verify-first x set of categories (the example's triggers have 10
categories: 1,024 sets, about 41,000 entries in a rules document already 1.4 MB) or per set
of triggers; approvals_for's filter is three comparisons against data the rules document
ships. This test holds the two to the same answers instead."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.checker.rules import compile_rules
from generator.cli import main
from generator.cli.triage import triage_lines
from generator.lint.loader import load_playbook
from generator.model import Playbook
from generator.queries.answers import triage as assess
from generator.render.pages.people import oncall_data
from node_triage import wizard_in_node

AT = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)  # the night cover is on: a rotation step names who
POLICIES = {"example": ROOT / "playbook", "checker": ROOT / "tests" / "data" / "checker"}


def situations(rules: dict[str, Any]) -> list[dict[str, Any]]:
    """Every trigger alone and every signal alone, at each spread in turn, then pairs of triggers
    (each with the one half the list away, and with its neighbour) at each spread in turn."""
    triggers, spreads = rules["trigger_order"], [s["id"] for s in rules["spread"]] or [None]
    signals = sorted({s for t in triggers for s in rules["triggers"][t]["signals"]})
    half = max(1, len(triggers) // 2)
    pairs = [[a, b] for i, a in enumerate(triggers) for b in {triggers[(i + half) % len(triggers)],
                                                             triggers[(i + 1) % len(triggers)]} - {a}]
    picked = [([t], []) for t in triggers] + [([], [s]) for s in signals] + [(sorted(p), []) for p in pairs]
    return [{"triggers": t, "signals": s, "spread": spreads[i % len(spreads)]} for i, (t, s) in enumerate(picked)]


def python_lines(playbook: Playbook, answers: dict[str, Any]) -> list[list[str]]:
    """What `playbook triage --format json` prints, from the function it prints (in process:
    loading the policy once per situation would take minutes; cli_lines checks the two agree)."""
    result = assess(playbook, answers["triggers"], answers["signals"], answers["spread"])
    lines: list[list[str]] = json.loads(json.dumps(triage_lines(playbook, result, AT)))
    return lines


def cli_lines(folder: Path, answers: dict[str, Any]) -> list[list[str]]:
    args = ["triage", "--playbook", str(folder), "--format", "json", "--at", f"{AT:%Y-%m-%d %H:%M}", "--tz", "UTC"]
    args += ["--spread", answers["spread"]] if answers["spread"] else []
    args += [a for t in answers["triggers"] for a in ("--trigger", t)]
    args += [a for s in answers["signals"] for a in ("--signal", s)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines: list[list[str]] = json.loads(result.output)
    return lines


@pytest.mark.parametrize("name", list(POLICIES))
def test_the_wizard_under_node_answers_as_playbook_triage_does(name: str) -> None:
    loaded = load_playbook(POLICIES[name])
    assert loaded.playbook is not None, loaded.report.format_text()
    rules = json.loads(json.dumps(compile_rules(loaded.playbook)))
    island = re.search(r">(.*)</script>", str(oncall_data(loaded.playbook)), re.DOTALL)
    jobs = situations(rules)
    in_node = wizard_in_node(rules, island.group(1) if loaded.playbook.roster else None,
                             int(AT.timestamp() * 1000), jobs)
    in_python = [python_lines(loaded.playbook, job) for job in jobs]
    every = max(1, len(jobs) // 4)  # a few through the command itself
    assert [cli_lines(POLICIES[name], job) for job in jobs[::every]] == in_python[::every]
    differ = [(job, i) for i, job in enumerate(jobs) if in_node[i] != in_python[i]]
    assert differ == [], differ[:3]
    said = [line for lines in in_node for line in lines]
    assert len(jobs) >= 2 * len(rules["trigger_order"])
    assert any(kind == "li" and " accounts also: " in text for kind, text in said)  # a tier's own approvals
    assert any(kind == "h3" and text == "Verify first" for kind, text in said) or not rules["approvals"]["verify"]
