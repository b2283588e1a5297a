"""How much of a real team's handbook the format can hold: the PagerDuty conversion.

tests/data/conversion/pagerduty/ holds a conversion of PagerDuty's public incident-response
handbook into this format (playbook/) and the list of the source's facts with the field that
holds each one (facts.yaml). This script loads the conversion, checks every fact against the
loaded policy and prints the share of facts held in fields:

    python benchmarks/conversion.py            # a table, then "facts in fields: N/M (P%)"
    python benchmarks/conversion.py --json     # the same numbers for a script

tests/test_conversion.py runs the same functions and pins the target (at least 90%), that
every fact with a field is true of the conversion, and that nothing is invented: every role
and every deadline of the conversion is backed by a fact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CONVERSIONS = ROOT / "tests" / "data" / "conversion"
CONVERSION = CONVERSIONS / "pagerduty"
STEP = re.compile(r"([a-z_]+)(?:\[([^\]]+)\])?")
MISSING = object()


@dataclass(frozen=True)
class Verdict:
    fact: str
    field: str | None  # None: the fact has no field (`unexpressed`)
    holds: bool  # the field has the value the fact says (False for an unexpressed fact)
    found: Any  # what the field holds
    why: str | None = None  # why a fact is unexpressed


def load_facts(folder: Path = CONVERSION) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = YAML(typ="safe").load(folder / "facts.yaml")["facts"]
    return facts


def load_policy(folder: Path = CONVERSION) -> dict[str, Any]:
    """The converted playbook as the generator reads it (validated, defaults filled in)."""
    sys.path.insert(0, str(ROOT))
    from generator.lint.loader import load_playbook

    loaded = load_playbook(folder / "playbook")
    policy: dict[str, Any] = loaded.playbook.model_dump(mode="json", by_alias=True)
    return policy


def resolve(policy: Any, path: str) -> Any:
    """The value at a path such as `roles[deputy].holders`: `[id]` picks the item with that id,
    `[N]` the Nth item, `[*]` maps the rest of the path over every item."""
    value = policy
    steps = path.split(".")
    for n, step in enumerate(steps):
        match = STEP.fullmatch(step)
        if match is None:
            raise ValueError(f"bad path step {step!r} in {path!r}")
        key, pick = match.groups()
        value = value.get(key, MISSING) if isinstance(value, dict) else MISSING
        if value is MISSING or pick is None:
            if value is MISSING:
                return MISSING
            continue
        if pick == "*":
            rest = ".".join(steps[n + 1:])
            return [resolve(item, rest) if rest else item for item in value]
        if pick.isdigit():
            value = value[int(pick)] if int(pick) < len(value) else MISSING
        else:
            value = next((item for item in value if item.get("id") == pick), MISSING)
        if value is MISSING:
            return MISSING
    return value


def judge(fact: dict[str, Any], policy: dict[str, Any]) -> Verdict:
    """Whether the conversion holds the fact in the field it names, as it says."""
    if "field" not in fact:
        return Verdict(fact["fact"], None, False, None, fact.get("unexpressed"))
    found = resolve(policy, fact["field"])
    if found is MISSING:
        holds = False
    elif "equals" in fact:
        holds = found == fact["equals"]
    elif "contains" in fact:
        text = found if isinstance(found, str) else json.dumps(found)
        holds = fact["contains"] in text
    elif "count" in fact:
        holds = isinstance(found, list) and len(found) == fact["count"]
    else:
        raise ValueError(f"fact {fact['fact']!r} says neither equals, contains nor count")
    return Verdict(fact["fact"], fact["field"], holds, None if found is MISSING else found)


def report(verdicts: list[Verdict], facts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The share of facts held in fields; with the facts themselves, also how many of those are
    only a phrase inside a text field (`contains`) rather than a value (`equals`, `count`)."""
    held = [v for v in verdicts if v.field is not None and v.holds]
    numbers: dict[str, Any] = {}
    if facts is not None:
        numbers["as_text"] = sum(1 for f, v in zip(facts, verdicts, strict=True) if v.holds and "contains" in f)
    return {**numbers, "facts": len(verdicts), "in_fields": len(held),
            "share": round(100 * len(held) / len(verdicts), 1),
            "wrong": [v.fact for v in verdicts if v.field is not None and not v.holds],
            "unexpressed": {v.fact: v.why for v in verdicts if v.field is None}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--conversion", default="pagerduty",
                        choices=sorted(p.name for p in CONVERSIONS.iterdir() if (p / "facts.yaml").is_file()),
                        help="which conversion in tests/data/conversion/ (default: pagerduty)")
    args = parser.parse_args()
    folder = CONVERSIONS / args.conversion
    policy, facts = load_policy(folder), load_facts(folder)
    numbers = report([judge(fact, policy) for fact in facts], facts)
    if args.json:
        print(json.dumps(numbers, indent=2))
        return
    for fact, why in numbers["unexpressed"].items():
        print(f"not in a field: {fact} ({why})")
    for fact in numbers["wrong"]:
        print(f"WRONG: {fact}")
    print(f"facts in fields: {numbers['in_fields']}/{numbers['facts']} ({numbers['share']}%; "
          f"{numbers['as_text']} of them as a phrase in a text field)")


if __name__ == "__main__":
    main()
