"""The two-person rule has one name in code (`two_person_rule`) and one label in what people
read (`TwoPersonRule.LABEL`, with `TwoPersonRule.APPROVER` for whoever signs off), both beside
the model. No code, template or script spells it another way (only the policy's own text may),
and every page, card, command and message takes the words from there: change the label and
they all change."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pages_of
from generator.cli import main
from generator.model import TwoPersonRule
from generator.queries import paths
from test_check_shared import js_tokens

SPELLINGS = re.compile(r"two[- ]person|second[- ]person|four[- ]eyes|2[- ]person|two[- ]man", re.IGNORECASE)
HOME = "generator/model/approvals.py"  # the one place the words are written
# The checker's finding id, a stable identifier in labelled corpora and scripts' JSON, not a label.
FINDING_ID = "approval.two-person"


def _python_strings(path: Path) -> list[str]:
    """Every string literal of a module that is not a docstring (prose about the code may say
    the rule's name; what the code says to people may not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _said(path: Path) -> list[str]:
    """What a source file can say to a reader: Python string literals, JavaScript strings, a
    template's text without its {# comments #}."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return _python_strings(path)
    if path.suffix == ".js":
        return [value for kind, value in js_tokens(text) if kind == "string"]
    return [re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)]


def test_the_rule_is_spelt_only_beside_the_model() -> None:
    sources = sorted([*(ROOT / "generator").rglob("*.py"), *(ROOT / "generator").rglob("*.js"),
                      *(ROOT / "templates").rglob("*.j2"), *(ROOT / "templates").rglob("*.js")])
    assert len(sources) > 100
    found = [(str(p.relative_to(ROOT)), m.group(0)) for p in sources if str(p.relative_to(ROOT)) != HOME
             for said in _said(p) for m in SPELLINGS.finditer(said.replace(FINDING_ID, ""))]
    assert found == []
    assert SPELLINGS.fullmatch(TwoPersonRule.LABEL.removesuffix(" rule"))


@pytest.fixture(scope="module")
def relabelled() -> Iterator[pytest.MonkeyPatch]:
    patch = pytest.MonkeyPatch()
    patch.setattr(TwoPersonRule, "LABEL", "Extra eyes check")
    patch.setattr(TwoPersonRule, "APPROVER", "trusted reader")
    yield patch
    patch.undo()


def test_every_page_command_and_message_takes_the_label_from_the_model(
        relabelled: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pages = pages_of(ROOT / "playbook", tmp_path / "project")
    approvals = pages[paths.APPROVALS]
    assert "## Extra eyes check" in approvals and "- **Trusted reader:** " in approvals
    assert "[Extra eyes check](index.md#two-person-rule): a trusted reader, " in approvals
    assert "| Accounts | Extra eyes check |" in pages[paths.ACCOUNTS]
    assert ("| [Extra eyes check](approvals/index.md#two-person-rule) | Every post on an account in the Flagship "
            "tier is approved by a trusted reader before it goes out\\. |") in pages[paths.GLOSSARY]
    assert "C: the trusted reader under the extra eyes check\\." in pages[paths.PERMISSIONS]
    assert any("[Extra eyes check](../approvals/index.md#two-person-rule)" in page
               for path, page in pages.items() if path.startswith("cards/"))
    runner = CliRunner()
    check = runner.invoke(main, ["check", "--playbook", str(ROOT / "playbook"), "--no-cache",
                                 "--account", "nw-x-global", "--format", "json", "-"], input="Great news from the team")
    assert check.exit_code in (0, 1), check.output
    finding = next(f for f in json.loads(check.output)["findings"] if f["rule"] == FINDING_ID)
    assert finding["message"].startswith("Extra eyes check: ") and finding["ref"] == paths.TWO_PERSON_RULE
    triage = runner.invoke(main, ["triage", "--playbook", str(ROOT / "playbook"), "--trigger", "legal-threat",
                                  "--at", "2026-11-30 10:00"])
    assert triage.exit_code == 0, triage.output
    assert "Extra eyes check: a trusted reader, " in triage.output
