"""`playbook export vale`: a Vale style whose files parse and say what the voice rules say.

The `vale` package on PyPI is only a launcher that downloads Vale's Go binary from GitHub
on first run, which this offline test machine cannot do; so these tests read the exported
YAML and apply the rules the way Vale documents them (existence: `(?i)\\b(?:tokens)\\b`;
substitution: the same over the swap keys) to the draft table, comparing with
`playbook check`.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from generator.checker.engine import check
from generator.cli import main
from test_check import CASES, CHECKER, rules_for

STYLE_FILES = ["Banned.yml", "Caution.yml", "Exclamation.yml", "Hashtags.yml", "Personal.yml", "Preferred.yml",
               "Profanity.yml", "Sensitive.yml", "Swap.yml"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vale")
    result = CliRunner().invoke(main, ["export", "vale", "--playbook", str(CHECKER), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote 10 files to {out}" in result.output
    return out


def rule(exported: Path, name: str) -> dict[str, Any]:
    return YAML(typ="safe").load((exported / "styles" / "Playbook" / name).read_text(encoding="utf-8"))


def vale_regex(data: dict[str, Any]) -> re.Pattern[str]:
    """The pattern Vale builds for an existence or substitution rule."""
    tokens = data["tokens"] if data["extends"] == "existence" else list(data["swap"])
    return re.compile(r"\b(?:" + "|".join(tokens) + r")\b", re.IGNORECASE if data.get("ignorecase") else 0)


def test_the_export_is_a_vale_config_and_one_style(exported):
    ini = configparser.ConfigParser()
    ini.read_string("[global]\n" + (exported / ".vale.ini").read_text(encoding="utf-8"))
    assert ini["global"]["StylesPath"] == "styles"
    assert ini["*"]["BasedOnStyles"] == "Playbook"
    assert sorted(p.name for p in (exported / "styles" / "Playbook").iterdir()) == STYLE_FILES


@pytest.mark.parametrize("name", STYLE_FILES)
def test_every_rule_has_the_fields_its_kind_needs(exported, name):
    data = rule(exported, name)
    assert data["level"] in ("suggestion", "warning", "error")
    needed = {"existence": {"tokens"}, "substitution": {"swap"}, "occurrence": {"max", "token", "scope"}}
    assert needed[data["extends"]] <= set(data)
    if data["extends"] != "occurrence":
        assert "%s" in data["message"]
        vale_regex(data)  # every token is a valid regular expression


def test_the_rules_carry_the_voice(exported):
    assert rule(exported, "Swap.yml")["swap"] == {"cheap": "great value", "guys": "everyone"}
    assert rule(exported, "Banned.yml")["tokens"] == ["synergy"]
    assert rule(exported, "Preferred.yml")["swap"] == {"customer": "guest"}
    assert rule(exported, "Caution.yml")["tokens"] == ["AIDS", r"limited\s+time"]
    assert rule(exported, "Exclamation.yml")["max"] == 1
    assert rule(exported, "Hashtags.yml")["max"] == 2


@pytest.mark.parametrize("text, fires", [("Fucking brilliant", True), ("what a shit day", True),
                                         ("Scunthorpe", False), ("a great class", False), ("assessment", False)])
def test_profanity_tokens_match_whole_words_only(exported, text, fires):
    assert bool(vale_regex(rule(exported, "Profanity.yml")).search(text)) is fires


def test_vale_and_the_checker_agree_on_banned_words_in_the_table(exported):
    rules = rules_for(CHECKER)
    banned = [vale_regex(rule(exported, "Swap.yml")), vale_regex(rule(exported, "Banned.yml"))]
    for case in CASES:
        found = check(rules, case["text"], case["account"], case.get("media", []), case.get("author_role"))
        by_checker = any(f["rule"] == "voice.banned" for f in found["findings"])
        assert any(r.search(case["text"]) for r in banned) is by_checker, case["id"]


def test_the_export_is_deterministic(exported, tmp_path):
    CliRunner().invoke(main, ["export", "vale", "--playbook", str(CHECKER), "--out", str(tmp_path)])
    for path in sorted(exported.rglob("*")):
        if path.is_file():
            assert (tmp_path / path.relative_to(exported)).read_bytes() == path.read_bytes()


def test_a_broken_playbook_exports_nothing(tmp_path):
    (tmp_path / "playbook.yaml").write_text("handbook: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "vale", "--playbook", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "error: YAML syntax error" in result.stderr
    assert not (tmp_path / "out").exists()
