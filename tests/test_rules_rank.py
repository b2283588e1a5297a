"""A severity's place in the order is `rank` in the rules document, and `level` only ever means
the number the policy gives it (shipped as `number`). The engines compare ranks: the same
policy numbered the other way round (`worst: lowest`) routes every draft to the same severity
in engine.py and in engine.js, so an engine that read the policy's number as the order (or a
key that is no longer shipped) would fail here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from generator.checker.engine import check
from generator.checker.rules import compile_rules
from generator.lint.loader import load_playbook
from generator.model import Playbook
from node_engine import judge_in_node

LEVEL = re.compile(r"^      level: (\d+)$", re.MULTILINE)
# Every place that reads the rules document's severities (engines, wizard, checker page, CLI).
READERS = ["generator/checker/engine.py", "generator/checker/engine.js", "templates/assets/triage.js",
           "templates/assets/checker.js", "templates/assets/checker-base.js", "generator/cli/check.py",
           "generator/cli/sweep.py"]


def numbered_the_other_way(folder: Path) -> Path:
    shutil.copytree(ROOT / "playbook", folder)
    path = folder / "escalation.yaml"
    text = path.read_text(encoding="utf-8")
    top = max(int(n) for n in LEVEL.findall(text))
    assert "escalation:\n" in text and top > 2
    text = LEVEL.sub(lambda m: f"      level: {top + 1 - int(m.group(1))}", text)
    path.write_text(text.replace("escalation:\n", "escalation:\n  worst: lowest\n", 1), encoding="utf-8")
    return folder


def loaded(folder: Path) -> Playbook:
    result = load_playbook(folder)
    assert result.playbook is not None, result.report.format_text()
    return result.playbook


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Playbook, Playbook]:
    return loaded(ROOT / "playbook"), loaded(numbered_the_other_way(tmp_path_factory.mktemp("flip") / "playbook"))


def test_the_rules_document_ships_the_rank_as_rank_and_the_level_as_number(both: tuple[Playbook, Playbook]) -> None:
    example, flipped = both
    ranks = {}
    for playbook in both:
        rules = compile_rules(playbook)
        for severity in playbook.escalation.severities:
            shipped = rules["severities"][severity.id]
            assert "level" not in shipped
            assert shipped["rank"] == playbook.escalation.rank(severity)
            assert shipped["number"] == severity.level
            ranks.setdefault(severity.id, set()).add(shipped["rank"])
    assert all(len(r) == 1 for r in ranks.values())  # the order is the policy's, however it numbers it
    numbers = [{s.id: s.level for s in playbook.escalation.severities} for playbook in (example, flipped)]
    assert numbers[0] != numbers[1]


def _drafts(playbook: Playbook) -> list[dict[str, Any]]:
    account = playbook.accounts[0].id
    return [{"rules": "x", "text": f"Has anyone seen this? {t.keywords[0]} today.", "account": account,
             "role": None, "at": None, "reply": False} for t in playbook.triggers if t.keywords]


def test_both_engines_route_a_draft_alike_however_the_levels_are_numbered(both: tuple[Playbook, Playbook]) -> None:
    jobs = _drafts(both[0])
    assert len(jobs) >= 5
    routes = []
    for playbook in both:
        rules = compile_rules(playbook)
        in_py = [check(rules, j["text"], j["account"], []) for j in jobs]
        in_js = judge_in_node({"x": rules}, jobs)
        said = [(py["verdict"], py["route"]["severity"], js["verdict"], js["route"]["severity"])
                for py, js in zip(in_py, in_js, strict=True)]
        assert all(p == j and ps == js for p, ps, j, js in said), said
        routes.append(said)
    assert routes[0] == routes[1]
    assert {verdict for verdict, *_ in routes[0]} >= {"escalate"}


def test_no_reader_takes_a_severitys_order_from_a_level_key() -> None:
    for name in READERS:
        source = (ROOT / name).read_text(encoding="utf-8")
        assert not re.search(r"severit[\w\]\[\"'.()]*(\.level\b|\[\"level\"\])", source), name
