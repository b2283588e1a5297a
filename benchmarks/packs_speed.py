"""What the knowledge packs cost the draft checker: the rules document's size and the time of
one draft in process, with every shipped pack on (and, with --synthetic N, N generated extra
tragedies and lexicon entries, to see the cost at the size the curated packs reach).

    python benchmarks/packs_speed.py                 # the shipped packs
    python benchmarks/packs_speed.py --synthetic 600

Drafts are the development table's (tests/data/drafts.yaml), judged on the largest account at
a fixed moment. The target (issue 23) is under 1 ms a draft in process with every pack on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ruamel.yaml import YAML  # noqa: E402

from generator.checker.engine import check  # noqa: E402
from generator.checker.rules import compile_rules  # noqa: E402
from generator.lint.loader import load_playbook  # noqa: E402
from generator.packs import reader  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def synthetic_pack(folder: Path, count: int) -> None:
    """A pack `zz` of `count` tragedies and count // 4 lexicon entries with made-up words."""
    lines = ["pack: {id: zz, name: Synthetic, version: '1', reviewed: 2026-12-07, licence: test}", "tragedies:"]
    for i in range(count):
        lines.append(f"  - {{id: zz-t{i}, name: T{i}, kind: fire, date: 2001-01-01, country: GB, "
                     f"keywords: ['qx{i} tower fire', 'qx{i}vale'], places: ['qx{i} street'], "
                     f"hashtags: ['#Qx{i}'], source: x, review: 2027-12-01}}")
    lines.append("lexicons:")
    for i in range(count // 4):
        lines.append(f"  - {{id: zz-l{i}, category: violence, language: en, severity: moderate, "
                     f"phrases: ['zq{i} them', 'zq{i} it all'], patterns: ['\\\\bzq{i}(?:ed|ing) (?:him|her)\\\\b'], "
                     f"source: x, review: 2027-12-01}}")
    (folder / "zz.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(synthetic: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in reader.pack_files():
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        if synthetic:
            synthetic_pack(folder, synthetic)
        reader.DATA = folder
        reader.shipped.cache_clear()
        loaded = load_playbook(REPO / "playbook")
        assert loaded.playbook is not None
        every = list(reader.shipped())
        playbook = loaded.playbook.model_copy(update={"packs": loaded.playbook.packs.model_copy(
            update={"use": [p for p in every if not p.startswith("lex-")], "off": []})})
        start = time.perf_counter()
        rules = compile_rules(playbook, TODAY)
        compiled = time.perf_counter() - start
    drafts = [c["text"] for c in YAML(typ="safe").load((REPO / "tests/data/drafts.yaml").read_text("utf-8"))]
    at = {"date": "2026-11-08", "utc": "2026-11-08T10:00"}
    for text in drafts:  # warm the compiled patterns
        check(rules, text, at=at)
    rounds = 5
    start = time.process_time()
    for _ in range(rounds):
        for text in drafts:
            check(rules, text, at=at)
    per_draft = (time.process_time() - start) / (rounds * len(drafts))
    return {"packs": len(every), "triggers": len(rules["triggers"]), "calendar": len(rules["calendar"]),
            "document_kb": round(len(json.dumps(rules, ensure_ascii=False).encode()) / 1024),
            "compile_s": round(compiled, 3), "drafts": len(drafts), "ms_per_draft": round(per_draft * 1000, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=0, help="extra generated tragedies (and a quarter as many "
                                                                  "lexicon entries)")
    args = parser.parse_args()
    print(json.dumps(measure(args.synthetic), indent=2))


if __name__ == "__main__":
    main()
